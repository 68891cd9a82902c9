"""Lines and line drops (cleanup/layout.py), shared by the stages that drop paragraphs."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from cleanup.document import Document
from cleanup.layout import drop_lines
from cleanup.shape import lines


def drop_lines_one_by_one(text: str, all_lines, drops: set[int]) -> list[tuple[int, int]]:
    """Spans :func:`drop_lines` deletes, worked out for each line from all the others."""
    n = len(all_lines)
    spans = []
    for i in sorted(drops):
        kept_after = any(j not in drops for j in range(i + 1, n))
        kept_before = any(j not in drops for j in range(i))
        if kept_after or not kept_before:
            spans.append((all_lines[i].start, all_lines[i + 1].start if i + 1 < n else len(text)))
        else:
            spans.append((all_lines[i - 1].end, all_lines[i].end))
    return spans


@given(st.lists(st.sampled_from(["甲", "乙乙", ""]), max_size=12), st.booleans(), st.data())
@settings(max_examples=200, deadline=None)
def test_drop_lines_deletes_each_line_with_the_breaks_it_owns(pieces, final_break, data):
    text = "\n".join(pieces) + ("\n" if final_break else "")
    all_lines = lines(text)
    drops = set(data.draw(st.lists(st.integers(0, max(0, len(all_lines) - 1)), max_size=len(all_lines))))
    drops &= set(range(len(all_lines)))
    edits = drop_lines(text, all_lines, [(i, "rule", "") for i in drops])
    assert [(e.at, e.end) for e in edits] == drop_lines_one_by_one(text, all_lines, drops)
    doc = Document(text)
    doc.apply("test", edits)
    assert [line.text for line in lines(doc.text)] == [line.text for n, line in enumerate(all_lines)
                                                        if n not in drops]
