"""The comparison key of a paragraph: the form in which two copies of it are
compared, within a page (the dedup stage) and across an archive
(:mod:`cleanup.archive`, :mod:`cleanup.engine`)."""

from __future__ import annotations

import unicodedata
from typing import Sequence

import regex

_SPACE = regex.compile(r"\s+")
_QUOTES = (("“", '"'), ("”", '"'), ("„", '"'), ("‟", '"'), ("‘", "'"), ("’", "'"))
# The compatibility characters of most Chinese lines, each with its NFKD.
# Writing them decomposed first leaves NFKD (so NFKC) of the line unchanged,
# and lets NFKC take its quick path on lines that have no others.
_COMMON_COMPAT = tuple((c, unicodedata.normalize("NFKD", c)) for c in "，（）：；？！\u3000…")


def comparison_key(text: str) -> str:
    """The form two copies are compared in: width, quotes and whitespace forgotten.

    >>> comparison_key("李六小表示, 和林县") == comparison_key("李六小表示，和林县")
    True
    """
    return _unspaced(_folded(text))


def comparison_keys(lines: Sequence[str]) -> list[str]:
    """:func:`comparison_key` of each of ``lines`` (texts without a line break), folded
    together: one pass of each step over their text rather than one per line.

    NFKC, the quotes and casefold map no other character to a line break, nor a
    line break to anything else, and NFKC composes nothing across one (a
    starter that no composition takes): the folded text splits back into the
    lines' own.
    """
    if not lines:
        return []
    folded = _folded("\n".join(lines)).split("\n")
    if len(folded) != len(lines):
        raise ValueError("comparison_keys: a line holds a line break")
    return [_unspaced(line) for line in folded]


def _folded(text: str) -> str:
    """``text`` with width, quotes and case forgotten."""
    for compat, decomposed in _COMMON_COMPAT:
        text = text.replace(compat, decomposed)
    folded = unicodedata.normalize("NFKC", text)
    for quote, plain in _QUOTES:
        folded = folded.replace(quote, plain)
    return folded.casefold()


def _unspaced(folded: str) -> str:
    """``folded`` without whitespace."""
    if "\x1c" in folded or "\x1d" in folded or "\x1e" in folded or "\x1f" in folded:
        return _SPACE.sub("", folded)
    # str.split() splits where _SPACE matches, and at those four separators too: quicker
    return "".join(folded.split())
