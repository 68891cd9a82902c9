"""The comparison key of a paragraph: the form in which two copies of it are
compared, within a page (the dedup stage) and across an archive
(:mod:`cleanup.archive`, :mod:`cleanup.engine`)."""

from __future__ import annotations

import unicodedata

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
    for compat, decomposed in _COMMON_COMPAT:
        text = text.replace(compat, decomposed)
    folded = unicodedata.normalize("NFKC", text)
    for quote, plain in _QUOTES:
        folded = folded.replace(quote, plain)
    if "\x1c" in folded or "\x1d" in folded or "\x1e" in folded or "\x1f" in folded:
        return _SPACE.sub("", folded).casefold()
    # str.split() splits where _SPACE matches, and at those four separators too: quicker
    return "".join(folded.split()).casefold()
