"""Which copy of a repeated body paragraph stays: the one that belongs to its article (SPEC rule 15).

A page is a run of articles: each the headline-shaped paragraphs at its
top (headline, sub-headline, byline) and the body paragraphs down to the
next headline-shaped one; a page-jump marker also ends an article
(``下转``) or starts one (``上接``).  A paragraph pasted into another
article is told from its original first by where it stands, then by what
it shares with the article around it:

1. *place*, compared in this order:

   * a copy that is the only body paragraph under its headline stays:
     without it the article would be a headline with nothing below;
   * a copy that opens with a dateline (``本报讯（记者 云静）``) belongs first
     in its article's body; one that stands later, or that pushes a
     dateline paragraph out of first place, is out of place;
   * a copy numbered like its article's paragraphs (``第十六条``, ``（三）``,
     ``二是``) belongs where the numbering runs on: one point for each of
     the numbered paragraphs before and after it that continue the run,
     one off for each that breaks it;

2. *fit*: the share of each article mate's character n-grams that the copy
   contains, weighted by nearness (``1/k`` for the k-th mate on either
   side, up to ``context`` on each side) and averaged, plus
   ``headline_weight`` times the share of the headline block's n-grams it
   contains.  Averaging per mate keeps one long mate from drowning out
   the others.

The other copies of the group and the paragraphs already dropped are
never anyone's mates.  A later copy is kept instead of the first only if
its place is better, or its place is as good and it fits better by
``margin``.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import NamedTuple, Sequence

from ..patterns import ParamPattern

CHINESE_DIGITS = {"零": 0, "〇": 0, "一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7,
                  "八": 8, "九": 9}
CHINESE_UNITS = {"十": 10, "百": 100, "千": 1000}


def number_value(text: str) -> int | None:
    """The value of a number written in digits or Chinese numerals (``十六`` 16, ``二十一`` 21), or None."""
    if text.isdigit():
        return int(text)
    total = digit = 0
    for c in text:
        if c in CHINESE_DIGITS:
            digit = CHINESE_DIGITS[c]
        elif c in CHINESE_UNITS:
            total += (digit or 1) * CHINESE_UNITS[c]
            digit = 0
        else:
            return None
    return total + digit


def ngrams(text: str, n: int) -> set[str]:
    """Character n-grams of ``text`` (the text itself if shorter than ``n``)."""
    if len(text) <= n:
        return {text} if text else set()
    return {text[i : i + n] for i in range(len(text) - n + 1)}


class NgramSets(Sequence[set[str]]):
    """:func:`ngrams` of each key, made when first asked for.

    Only the copies and their articles are ever scored, so most pages
    never need any.
    """

    def __init__(self, keys: list[str], n: int) -> None:
        self.keys = keys
        self.n = n
        self.made: dict[int, set[str]] = {}

    def __len__(self) -> int:
        return len(self.keys)

    def __getitem__(self, i: int) -> set[str]:  # type: ignore[override]
        grams = self.made.get(i)
        if grams is None:
            grams = self.made[i] = ngrams(self.keys[i], self.n)
        return grams


@dataclass(frozen=True, slots=True)
class Numbering:
    """Paragraph numbers: each pattern's group ``n`` is a number of its own series."""

    patterns: tuple[ParamPattern, ...]

    def of(self, text: str) -> tuple[int, int] | None:
        """``(series, number)`` of a numbered paragraph, or None."""
        for series, pattern in enumerate(self.patterns):
            m = pattern.match(text)
            if m:
                value = number_value(m.group("n"))
                if value is not None:
                    return series, value
        return None


class Article(NamedTuple):
    head: tuple[int, ...]  # the headline-shaped paragraphs above the body
    body: tuple[int, ...]


class Page:
    """A page's paragraphs as articles, and what is known of each paragraph.

    ``opens`` are the paragraphs a page-jump marker starts an article with,
    ``closes`` those it ends one with.
    """

    def __init__(self, texts: list[str], keys: list[str], headline: list[bool],
                 opens: set[int], closes: set[int], ngram: int) -> None:
        self.texts = texts
        self.grams = NgramSets(keys, ngram)
        self.article_of: dict[int, Article] = {}
        count = len(headline)
        start: int | None = None  # where the body being read began
        head: tuple[int, ...] = ()  # the last block of headline-shaped paragraphs
        above: tuple[int, ...] = ()  # the block right above the body being read, if any
        for i in range(count + 1):
            if start is not None and (i == count or headline[i] or i in opens or i - 1 in closes):
                article = Article(above, tuple(range(start, i)))
                for j in article.body:
                    self.article_of[j] = article
                start = None
            if i == count:
                break
            if headline[i]:
                head = head + (i,) if i > 0 and headline[i - 1] else (i,)
            elif start is None:
                start = i
                above = head if i > 0 and headline[i - 1] else ()

    def article(self, i: int) -> Article:
        return self.article_of.get(i, Article((), (i,)))

    def side_by_side(self, i: int, j: int) -> bool:
        """Whether paragraphs ``i`` and ``j`` follow each other in the body of one article."""
        return abs(i - j) == 1 and self.article(i) == self.article(j)


class Place(NamedTuple):
    """Where a copy stands in its article: compared in field order, more is better."""

    alone: bool  # the only body paragraph under its headline
    dateline_first: bool  # not a dateline paragraph out of first place, nor one pushing it out
    numbering: int  # numbered paragraphs around it whose run it continues, less those it breaks

    def says(self) -> str:
        parts = []
        if self.alone:
            parts.append("its article's only paragraph")
        if not self.dateline_first:
            parts.append("a dateline out of first place")
        if self.numbering:
            parts.append(f"numbering {self.numbering:+d}")
        return ", ".join(parts) or "in the body"


@dataclass(frozen=True, slots=True)
class Fit:
    """How a body copy's place and fit are judged: rule ``dedup-paragraph``'s own params."""

    context: int  # article mates scored on each side
    ngram: int  # characters of an n-gram
    headline_weight: float
    margin: float  # by how much a later copy must fit better than the first
    dateline: ParamPattern
    numbering: Numbering

    def place(self, i: int, page: Page, skip: set[int]) -> Place:
        """Where paragraph ``i`` stands in its article, the paragraphs in ``skip`` left out."""
        art = page.article(i)
        body = [j for j in art.body if j == i or j not in skip]
        at = body.index(i)
        texts = page.texts
        dateline_first = not (self.dateline.match(texts[i]) and at > 0
                              or at == 0 and len(body) > 1 and self.dateline.match(texts[body[1]]))
        return Place(bool(art.head) and len(body) == 1, dateline_first,
                     self.numbered(i, [body[:at][::-1], body[at + 1:]], texts))

    def numbered(self, i: int, sides: list[list[int]], texts: list[str]) -> int:
        """Points for the numbered paragraphs nearest ``i`` of its series, before and after it."""
        mine = self.numbering.of(texts[i])
        if mine is None:
            return 0
        points = 0
        for step, side in zip((-1, 1), sides):
            other = next((n for n in map(self.numbering.of, (texts[j] for j in side))
                          if n is not None and n[0] == mine[0]), None)
            if other is not None:
                points += 1 if other[1] == mine[1] + step else -1 if (other[1] - mine[1]) * step <= 0 else 0
        return points

    def score(self, i: int, page: Page, skip: set[int]) -> float:
        """How well paragraph ``i`` fits its article: its mates, nearest first, and its headline."""
        art, grams = page.article(i), page.grams
        body = [j for j in art.body if j not in skip]
        at = sum(1 for j in body if j < i)
        mates = [(j, k) for side in (body[:at][::-1], body[at:]) for k, j in enumerate(side[: self.context], 1)]
        weight = sum(1 / k for _, k in mates)
        fit = sum(len(grams[i] & grams[j]) / len(grams[j]) / k for j, k in mates) / weight if mates else 0.0
        head = set().union(*(grams[j] for j in art.head))
        if head:
            fit += self.headline_weight * len(grams[i] & head) / len(head)
        return fit

    def choose(self, group: list[int], page: Page, dropped: set[int]) -> tuple[int, dict[int, tuple[Place, float]]]:
        """The copy that belongs best (see the module's docstring), and each copy's place and fit."""
        skip = dropped | set(group)
        judged = {i: (self.place(i, page, skip), self.score(i, page, skip)) for i in group}
        first = group[0]
        best = max(group, key=lambda i: (judged[i], -i))
        if judged[best][0] == judged[first][0] and judged[best][1] - judged[first][1] < self.margin:
            best = first
        return best, judged
