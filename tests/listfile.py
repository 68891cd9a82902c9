"""Read the grouped test lists in tests/data (reduplications.txt, stutters.txt)."""

from __future__ import annotations

from pathlib import Path


def groups(path: Path) -> dict[str, list[str]]:
    """Entries of a test list by group; a group opens with a comment after a blank line.

    The file's own header (no entries under it) is left out.
    """
    out: dict[str, list[str]] = {}
    group, blank = "", True
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.startswith("#"):
            if blank:
                group = line.lstrip("# ")
                out[group] = []
        elif line:
            out[group].append(line)
        blank = not line
    return {g: entries for g, entries in out.items() if entries}
