"""Edits that drop whole lines (:class:`~cleanup.shape.Line`) of a text.

Stages that judge lines or paragraphs (debris, fragments, dedup) and the
archive dedup share them, so that a dropped line never leaves a stray blank
line behind.
"""

from __future__ import annotations

from typing import Iterable

from .document import Edit
from .shape import Line


def drop_lines(text: str, all_lines: list[Line], drops: Iterable[tuple[int, str, str]]) -> list[Edit]:
    """Edits deleting lines ``(index, rule, note)`` of ``all_lines`` with their line breaks.

    A line goes with the breaks after it; a line with no kept line after it
    goes with the breaks before it instead, so the text keeps its final
    line break and no blank lines pile up.
    """
    drop = {i: (rule, note) for i, rule, note in drops}
    n = len(all_lines)
    first_kept = next((i for i in range(n) if i not in drop), n)
    last_kept = next((i for i in reversed(range(n)) if i not in drop), -1)
    edits: list[Edit] = []
    for i in sorted(drop):
        rule, note = drop[i]
        if last_kept > i or first_kept > i:  # a kept line after it, or none before it
            start = all_lines[i].start
            end = all_lines[i + 1].start if i + 1 < n else len(text)
        else:
            start, end = all_lines[i - 1].end, all_lines[i].end
        edits.append(Edit(start, text[start:end], "", rule, note))
    return edits
