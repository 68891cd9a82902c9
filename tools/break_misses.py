"""The paragraph breaks of gold that a cleaned page misses, and why (``score_devset.py --misses``).

A gold break counts as found when the character alignment of the output to
gold (``score.break_hits``) matches it with a break of the output.  Each
missed one is put in one of four classes, from where the characters on
either side of it (``CONTEXT`` of them) sit in the raw page and in the output:

* ``a``, unattainable: the raw page does not hold the two sides in gold's
  order (the reader mixed the columns, put a headline elsewhere, or
  recognised too little of them), or holds other text between them that the
  output keeps there, apart by line breaks: no break a cleaner writes can
  align with gold's.  The output joining the two sides is never ``a``;
* ``b``, joined: the output has the two sides in gold's order with no line
  break between them (what stood between, if anything, joined in too or gone),
  and the raw page had one: a join the cleaner made;
* ``c``, never there: the raw page runs from one side to the other with no line
  break (the reader joined the lines);
* ``d``, deleted: the raw page holds both sides, the output lost one.

``attainable_r`` is recall counted on the breaks that are not ``a``:
hits / (gold breaks - unattainable).
"""

from __future__ import annotations

from dataclasses import dataclass

from rapidfuzz.distance import Levenshtein

import score

CONTEXT = 10  # characters of gold each side of a break that place it
MIN_ALIGNED = 2  # of which at least this many must align, each side
SLACK = 4  # characters (besides gold's own unaligned ones) that may stand between the two sides
SHOWN = 24  # characters shown each side of a break


@dataclass(frozen=True)
class Miss:
    """A gold break the output misses: its class, and the text around it in gold, the
    raw page (as printed, blank lines kept) and the output."""

    cls: str
    gold: str
    raw: str
    out: str


def _canon_with_index(text: str) -> tuple[str, list[int]]:
    """``score.canon(text)`` and, for each of its characters, its index in ``text``."""
    chars: list[str] = []
    index: list[int] = []
    at = 0
    for piece in text.split("\n"):
        s = piece.strip()
        if s:
            if chars:
                chars.append("\n")
                index.append(at - 1)
            off = at + piece.index(s)
            chars.extend(s)
            index.extend(range(off, off + len(s)))
        at += len(piece) + 1
    return "".join(chars), index


def _to_gold(o: str, g: str) -> list[int | None]:
    """For each character of ``g``, the index of ``o`` the alignment matches it with, or None."""
    found: list[int | None] = [None] * len(g)
    for tag, s1, _, d1, d2 in Levenshtein.opcodes(o, g):
        if tag == "equal":
            for k in range(d1, d2):
                found[k] = s1 + k - d1
    return found


def _sides(m: list[int | None], g: str, d: int) -> tuple[int, int, bool] | None:
    """Where the two sides of gold's break at ``d`` end and start in the aligned text, and
    whether they stand next to each other there; None if a side is not there (too
    little of it aligns)."""
    left = [k for k in range(max(0, d - CONTEXT), d) if g[k] != "\n"]
    right = [k for k in range(d + 1, min(len(g), d + 1 + CONTEXT)) if g[k] != "\n"]
    lp = [m[k] for k in left if m[k] is not None]
    rp = [m[k] for k in right if m[k] is not None]
    if len(lp) < MIN_ALIGNED or len(rp) < MIN_ALIGNED:
        return None
    unaligned = len(left) + len(right) - len(lp) - len(rp)
    return lp[-1], rp[0], 0 < rp[0] - lp[-1] <= unaligned + SLACK


def _in_order(sides: tuple[int, int, bool] | None) -> bool:
    return sides is not None and sides[1] > sides[0]


def _around(text: str, start: int, end: int) -> str:
    """From the line holding ``start`` to the line holding ``end``, at most ``SHOWN``
    characters of each past them."""
    a = max(text.rfind("\n", 0, start) + 1, start - SHOWN)
    b = text.find("\n", end)
    return text[a : min(len(text) if b < 0 else b, end + SHOWN)]


def misses(raw: str, out: str, gold: str) -> list[Miss]:
    """The breaks of ``gold`` that ``out`` misses, each with its class (module docstring)."""
    g, o = score.canon(gold), score.canon(out)
    r, r_index = _canon_with_index(raw)
    to_out, to_raw = _to_gold(o, g), _to_gold(r, g)
    found: list[Miss] = []
    for d, ch in enumerate(g):
        if ch != "\n" or to_out[d] is not None:
            continue
        in_raw, in_out = _sides(to_raw, g, d), _sides(to_out, g, d)
        gold_text = _around(g, d, d + 1)
        out_text = _around(o, in_out[0], in_out[1]) if _in_order(in_out) else ""
        joined = _in_order(in_out) and "\n" not in o[in_out[0] + 1 : in_out[1]]  # type: ignore[index]
        raw_text = ""
        if in_raw is not None and _in_order(in_raw):
            raw_text = _around(raw, r_index[in_raw[0]], r_index[in_raw[1]])
            if in_out is None:
                cls = "d"
            elif in_raw[2]:
                cls = "b" if "\n" in r[in_raw[0] + 1 : in_raw[1]] else "c"
            else:
                cls = "b" if joined else "a"
        else:
            cls = "b" if joined else "a"
        found.append(Miss(cls, gold_text, raw_text, out_text))
    return found


def attainable_recall(hits: int, gold_breaks: int, unattainable: int) -> float:
    """Recall on the gold breaks a cleaner could find.

    >>> attainable_recall(90, 110, 10)
    0.9
    """
    return round(hits / max(gold_breaks - unattainable, 1), 4)
