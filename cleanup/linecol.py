"""Line and column of a character offset, 1-based as editors and error messages
show them (``PATH:LINE:COL``).

CRLF, CR and LF each end a line; a column counts characters.  Every place the
tool names a position (error lines, ``cleanup explain``, the ``line``/``col``
fields of the change log) goes through :class:`LineIndex`.
"""

from __future__ import annotations

import re
from bisect import bisect_right

_BREAK = re.compile(r"\r\n?|\n")

FIRST = (1, 1)  # line and column of the first character of an input


class LineIndex:
    """Line and column of any offset of one text; its line starts are found once.

    ``start`` is the line and column of the text's first character in a
    larger input (a chunk of a file starts anywhere).

    >>> at = LineIndex("ab\\r\\ncd\\ref")
    >>> at.line_col(0), at.line_col(4), at.line_col(7), at.line_col(9)
    ((1, 1), (2, 1), (3, 1), (3, 3))
    >>> LineIndex("cd\\nef", start=(7, 5)).line_col(1)
    (7, 6)
    """

    def __init__(self, text: str, start: tuple[int, int] = FIRST) -> None:
        self.start = start
        self.line_starts = [m.end() for m in _BREAK.finditer(text)]

    def line_col(self, offset: int) -> tuple[int, int]:
        """Line and column of character ``offset``; ``len(text)`` gives where a
        text following this one starts."""
        n = bisect_right(self.line_starts, offset)
        if n == 0:
            return self.start[0], self.start[1] + offset
        return self.start[0] + n, offset - self.line_starts[n - 1] + 1


def line_col(text: str, offset: int, start: tuple[int, int] = FIRST) -> tuple[int, int]:
    """Line and column of character ``offset`` of ``text`` (see :class:`LineIndex`).

    >>> line_col("第一行\\n第二行，尾", 7)
    (2, 4)
    >>> line_col("第一段。\\r\\n", 6, start=(3, 1))  # just after the text
    (4, 1)
    """
    return LineIndex(text, start).line_col(offset)
