"""Which copy of a repeated body paragraph stays: the one that belongs to its article (SPEC rule 15).

A page is a run of articles: each the headline-shaped paragraphs at its
top (headline, sub-headline, byline) and the body paragraphs down to the
next headline-shaped one; a page-jump marker also ends an article
(``下转``) or starts one (``上接``), and so does a paragraph that opens
with a dateline (``本报讯（记者 云静）``): a story starts there, even where
the extraction left its headline elsewhere on the page.  A paragraph
pasted into another article is told from its original first by where it
stands, then by what it shares with the article around it:

1. *place*, compared in this order:

   * a copy that is the only body paragraph under its headline stays:
     without it the article would be a headline with nothing below (not
     so if a dateline paragraph follows it: that paragraph's story is the
     one under the headline);
   * a dateline paragraph belongs first under a headline (or first after
     a jump marker); one that follows body text, or a copy that stands
     between a headline and the dateline paragraph, is out of place;
   * a copy numbered like its article's paragraphs (``第十六条``, ``（三）``,
     ``二是``) belongs where the numbering runs on: one point for each of
     the numbered paragraphs before and after it that continue the run,
     one off for each that breaks it; an unnumbered copy right between two
     list items numbered one after the other (``（六）`` and ``（七）``)
     breaks the list, and loses one (not so between a statute's articles:
     an article's later paragraphs follow it unnumbered);

2. *fit*: the share of each article mate's character n-grams that the copy
   contains, weighted by nearness (``1/k`` for the k-th mate on either
   side, up to ``context`` on each side) and averaged, each share taken
   of the mate's n-grams and ``share_prior`` more (a long copy holds much
   of a short line's few n-grams whatever article it belongs to: such a
   share says little), plus ``style_weight`` times the share of the
   mate's single characters that it holds (no prior): where a copy
   shares no word with either article (a line of a story's dialogue
   pasted into an article on a drug), the characters it is written in
   (她, 你, quotes; or 药, 率) still tell the one it belongs to; plus
   ``headline_weight`` times the share of the headline block's n-grams it
   contains, plus ``phrase_weight`` if it holds a whole run of
   ``phrase_chars`` characters of a headline-block paragraph (it names
   the person or place the headline names), or else ``name_weight`` if it
   holds a shorter name of the headline block that no paragraph of another
   article on the page holds (``刘占英表示，…`` under ``——访…党工委书记刘占英``,
   ``签约前，包钢、贺海东…`` under ``包钢贺海东出席``): a run of ``name_chars``
   characters of a stretch that the word list's cheapest segmentation cuts
   into single characters, each no common word of its own (a cost of at
   least ``name_rarity``: not ``的``, ``会``, ``与``), since a name is what
   a list of words does not know (``高质量``, ``签约仪式`` are words, and
   any story may use them); a name another story holds tells neither.
   Averaging per mate keeps one long mate from drowning out the others.
   Each n-gram counts by how rare it is on the page (its inverse paragraph
   frequency): the words of one story, not the stock
   words of every story, tell where a paragraph belongs.  Then
   ``adjacency_weight`` times how well the copy joins its two neighbours,
   less ``bridge_weight`` times how well they join each other (cosine of
   their n-grams): a paste sits between two paragraphs that were written
   to follow each other, an original between two that were not.  And
   ``parallel_weight`` for each of the two neighbours whose opening clause
   (``opening``) is built like the copy's: the same first character and
   the same last two (``在产业发展方面，`` after ``在打造北疆文化品牌方面，``),
   a run of parallel paragraphs that the copy continues.

The other copies of the group and the paragraphs already dropped are
never anyone's mates.  A later copy is kept instead of the first only if
its place is better, or its place is as good and it fits better by
``margin``.
"""

from __future__ import annotations

import math
from collections import Counter
from copy import copy as shallow_copy
from dataclasses import dataclass
from functools import lru_cache
from itertools import chain
from typing import Iterable, NamedTuple, Sequence

from ..patterns import ParamPattern
from ..shape import HAN_RUN
from ..wordlists import Lexicon


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


@lru_cache(maxsize=4096)
def unknown_runs(lexicon: Lexicon, text: str, n: int, common: int) -> frozenset[str]:
    """The names in ``text`` that a word list does not know: each run of ``n`` characters of a
    stretch that the cheapest segmentation cuts into single characters, each a word of cost
    ``common`` or more (刘占英 in ——访…党工委书记刘占英, 贺海东 in 包钢贺海东出席, a foreign
    name's 阿司匹林; not 的, 会, 与, the commonest words), not a stretch of known words
    (高质量, 签约仪式)."""
    runs: set[str] = set()
    for words in map(lexicon.segment, HAN_RUN.findall(text)):
        stretch = ""
        for word in [*words, ""]:
            if len(word) == 1 and lexicon.costs.get(word, lexicon.unknown) >= common:
                stretch += word
                continue
            runs.update(stretch[k:k + n] for k in range(len(stretch) - n + 1))
            stretch = ""
    return frozenset(runs)


# An n-gram as the page counts it: the characters themselves, or, for pairs and single characters, a number
Gram = str | int


def ngrams(text: str, n: int) -> set[Gram]:
    """Character n-grams of ``text`` (the text itself if shorter than ``n``).

    A pair of characters (``n`` 2, the usual size) is one number, its two
    code points as the two halves of 64 bits, all read in C from the text's
    UTF-32: no string is made for a pair, and two pairs are the same number
    exactly when they are the same characters.  A single character (``n`` 1)
    is its code point, read the same way.
    """
    if n == 1:  # single characters (the page read by style): their code points
        return set(memoryview(text.encode("utf-32-le", "surrogatepass")).cast("I"))
    if n == 2 and len(text) >= 2:
        data = text.encode("utf-32-le", "surrogatepass")
        pairs: set[Gram] = set(memoryview(data[: len(data) // 8 * 8]).cast("Q"))  # pairs at 0, 2, 4, ...
        pairs.update(memoryview(data[4 : 4 + (len(data) - 4) // 8 * 8]).cast("Q"))  # pairs at 1, 3, 5, ...
        return pairs
    if len(text) <= n:
        return {text} if text else set()
    return {text[i : i + n] for i in range(len(text) - n + 1)}


class NgramSets(Sequence[set[Gram]]):
    """:func:`ngrams` of each key, made when first asked for, once for each text:
    copies of a paragraph share one set (never changed in place).

    Only the copies and their articles are ever scored, so most pages
    never need any.
    """

    def __init__(self, keys: list[str], n: int) -> None:
        self.keys = keys
        self.n = n
        self.made: dict[str, set[Gram]] = {}

    def __len__(self) -> int:
        return len(self.keys)

    def __getitem__(self, i: int) -> set[Gram]:  # type: ignore[override]
        return self.of(self.keys[i])

    def of(self, key: str) -> set[Gram]:
        grams = self.made.get(key)
        if grams is None:
            grams = self.made[key] = ngrams(key, self.n)
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
    ``closes`` those it ends one with, ``datelined`` the body paragraphs that
    open with a dateline (each starts an article).
    """

    def __init__(self, texts: list[str], keys: list[str], headline: list[bool],
                 opens: set[int], closes: set[int], ngram: int, datelined: set[int] | None = None) -> None:
        self.texts = texts
        self.opens = opens
        self.closes = closes
        self.datelined = datelined or set()
        self.grams = NgramSets(keys, ngram)
        self._start_caches()
        self.article_of: dict[int, Article] = {}
        count = len(headline)
        starts = opens | self.datelined
        start: int | None = None  # where the body being read began
        head: tuple[int, ...] = ()  # the last block of headline-shaped paragraphs
        above: tuple[int, ...] = ()  # the block right above the body being read, if any
        for i in range(count + 1):
            if start is not None and (i == count or headline[i] or i in starts or i - 1 in closes):
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

    def _start_caches(self) -> None:
        """What the page works out from its n-grams when first asked: every such cache is
        made here, so that :meth:`read_by`'s copy, which shares the rest, starts its own."""
        self._rarity: tuple[Counter[Gram], list[float]] | None = None
        self._norms: dict[int, float] = {}
        self._masses: dict[int, float] = {}
        self._squared: list[float] = []  # the weights squared, made with them
        self._read_by: dict[int, Page] = {}

    def read_by(self, ngram: int) -> "Page":
        """The same paragraphs and articles, read by n-grams of ``ngram`` characters (made once)."""
        if ngram == self.grams.n:
            return self
        other = self._read_by.get(ngram)
        if other is None:
            other = self._read_by[ngram] = shallow_copy(self)
            other.grams = NgramSets(self.grams.keys, ngram)
            other._start_caches()
        return other

    def article(self, i: int) -> Article:
        return self.article_of.get(i, Article((), (i,)))

    def side_by_side(self, i: int, j: int) -> bool:
        """Whether paragraphs ``i`` and ``j`` follow each other in the body of one article."""
        return abs(i - j) == 1 and self.article(i) == self.article(j)

    def rarity(self) -> tuple[Counter[Gram], list[float]]:
        """Each n-gram's paragraph count ``df`` on the page, and the weight of a count:
        ``log((N + 1) / df)`` for the page's ``N`` paragraphs."""
        if self._rarity is None:
            count = len(self.grams)
            copies = Counter(self.grams.keys)  # a page read twice over holds each text many times
            df = Counter(chain.from_iterable(map(self.grams.of, copies)))
            for key, n in copies.items():
                if n > 1:
                    for gram in self.grams.of(key):
                        df[gram] += n - 1
            weights = [0.0] + [math.log((count + 1) / n) for n in range(1, count + 1)]
            self._rarity, self._squared = (df, weights), [w * w for w in weights]
        return self._rarity

    def mass(self, grams: Iterable[Gram], squared: bool = False) -> float:
        """The summed weight of ``grams`` (or of its square), all of them the page's.

        ``math.fsum``: a set's order changes with the string hash seed, and a
        plain float sum with its order, which would let two copies that fit
        equally well trade places from one run to the next."""
        df, weights = self.rarity()
        weight = self._squared if squared else weights
        return math.fsum(map(weight.__getitem__, map(df.__getitem__, grams)))

    def mass_of(self, i: int) -> float:
        """:meth:`mass` of paragraph ``i``'s n-grams, worked out once: each copy scored
        asks again about its article mates."""
        found = self._masses.get(i)
        if found is None:
            found = self._masses[i] = self.mass(self.grams[i])
        return found

    def norm(self, i: int) -> float:
        """The length of paragraph ``i``'s n-gram vector, by rarity."""
        found = self._norms.get(i)
        if found is None:
            found = self._norms[i] = math.sqrt(self.mass(self.grams[i], squared=True))
        return found

    def cosine(self, i: int, j: int) -> float:
        """How alike paragraphs ``i`` and ``j`` are: the cosine of their n-gram sets, by rarity."""
        norm = self.norm(i) * self.norm(j)
        return self.mass(self.grams[i] & self.grams[j], squared=True) / norm if norm else 0.0


class Place(NamedTuple):
    """Where a copy stands in its article: compared in field order, more is better."""

    alone: bool  # the only body paragraph under its headline (and no dateline paragraph right after)
    dateline_first: bool  # not a dateline paragraph after body text, nor a copy pushing one from under its headline
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
    style_weight: float
    adjacency_weight: float
    bridge_weight: float
    parallel_weight: float
    phrase_weight: float
    phrase_chars: int
    name_weight: float
    name_chars: int  # a name's characters: a run this long of a stretch the lexicon cuts into single characters
    name_rarity: int  # a name's characters cost at least this in the lexicon (not 的, 会, 与)
    lexicon: Lexicon  # the word list that tells a name from words
    share_prior: float  # weight added to each mate's n-grams before the share it holds is taken
    margin: float  # by how much a later copy must fit better than the first
    dateline: ParamPattern
    opening: ParamPattern
    numbering: Numbering
    list_item: ParamPattern  # how a list item opens: (六), 二是, 3、 (not 第十七条)

    def datelined(self, texts: list[str], headline: list[bool]) -> set[int]:
        """The body paragraphs that open with a dateline."""
        return {i for i, t in enumerate(texts) if not headline[i] and self.dateline.match(t)}

    def place(self, i: int, page: Page, skip: set[int]) -> Place:
        """Where paragraph ``i`` stands in its article, the paragraphs in ``skip`` left out."""
        art = page.article(i)
        body = [j for j in art.body if j == i or j not in skip]
        at = body.index(i)
        after = art.body[-1] + 1  # a dateline paragraph here starts the next story
        pushes = bool(art.head) and len(body) == 1 and after in page.datelined
        after_body = (i in page.datelined and not art.head and i > 0
                      and i not in page.opens and i - 1 not in page.closes)
        return Place(bool(art.head) and len(body) == 1 and not pushes, not (pushes or after_body),
                     self.numbered(i, [body[:at][::-1], body[at + 1:]], page.texts))

    def numbered(self, i: int, sides: list[list[int]], texts: list[str]) -> int:
        """Points for the numbered paragraphs nearest ``i`` of its series, before and after it;
        an unnumbered ``i`` right between two list items numbered one after the other loses one."""
        mine = self.numbering.of(texts[i])
        if mine is None:
            if not (sides[0] and sides[1]):
                return 0
            before, after = self.numbering.of(texts[sides[0][0]]), self.numbering.of(texts[sides[1][0]])
            return -1 if (before and after and before[0] == after[0] and after[1] == before[1] + 1
                          and self.list_item.match(texts[sides[0][0]])) else 0
        points = 0
        for step, side in zip((-1, 1), sides):
            other = next((n for n in map(self.numbering.of, (texts[j] for j in side))
                          if n is not None and n[0] == mine[0]), None)
            if other is not None:
                points += 1 if other[1] == mine[1] + step else -1 if (other[1] - mine[1]) * step <= 0 else 0
        return points

    def score(self, i: int, page: Page, skip: set[int]) -> float:
        """How well paragraph ``i`` fits its article: its mates, nearest first, its headline
        and its two neighbours."""
        art, grams, mass = page.article(i), page.grams, page.mass
        body = [j for j in art.body if j not in skip]
        at = sum(1 for j in body if j < i)
        mates = [(j, k) for side in (body[:at][::-1], body[at:]) for k, j in enumerate(side[: self.context], 1)]
        fit = self.shared(i, mates, page, self.share_prior)
        if self.style_weight:  # the page read by single characters is made only where it counts
            fit += self.style_weight * self.shared(i, mates, page.read_by(1))
        head = set().union(*(grams[j] for j in art.head))
        if head:
            fit += self.headline_weight * mass(grams[i] & head) / (mass(head) or 1)
            if self.names_headline(page.grams.keys[i], [page.grams.keys[j] for j in art.head]):
                fit += self.phrase_weight
            elif self.names_alone(i, art, page, skip):
                fit += self.name_weight
        before, after = body[at - 1] if at else None, body[at] if at < len(body) else None
        joins = sum(page.cosine(i, j) for j in (before, after) if j is not None)
        bridge = page.cosine(before, after) if before is not None and after is not None else 0.0
        parallel = sum(self.parallel(page.texts[i], page.texts[j]) for j in (before, after) if j is not None)
        return fit + self.adjacency_weight * (joins - self.bridge_weight * bridge) + self.parallel_weight * parallel

    @staticmethod
    def shared(i: int, mates: list[tuple[int, int]], page: Page, prior: float = 0.0) -> float:
        """The share of each mate ``(j, k)``'s n-grams (by rarity) that ``i`` holds, weighted ``1/k``;
        ``prior`` is added to each mate's weight, so that a short mate's few n-grams count for less."""
        if not mates:
            return 0.0
        grams, mass = page.grams, page.mass
        return sum(mass(grams[i] & grams[j]) / (page.mass_of(j) + prior or 1) / k
                   for j, k in mates) / sum(1 / k for _, k in mates)

    def names_headline(self, copy: str, head: list[str]) -> bool:
        """Whether ``copy`` holds a run of ``phrase_chars`` characters of a headline-block
        paragraph: it names what the headline names (an interview's 呼和浩特经济技术开发区党工委书记刘占英)."""
        n = self.phrase_chars
        return any(h[k:k + n] in copy for h in head for k in range(len(h) - n + 1))

    def names_alone(self, i: int, art: Article, page: Page, skip: set[int]) -> bool:
        """Whether paragraph ``i`` holds a name of ``art``'s headline block (:func:`unknown_runs`)
        that no paragraph of another article holds (those in ``skip`` aside): the one its headline
        is about (刘占英 of ——访…党工委书记刘占英 in 刘占英表示，…)."""
        if not self.name_chars:
            return False
        keys = page.grams.keys
        copy = keys[i]
        names = {name for j in art.head
                 for name in unknown_runs(self.lexicon, page.texts[j], self.name_chars, self.name_rarity) if name in copy}
        if not names:
            return False
        mine = set(art.head) | set(art.body) | skip
        for j, key in enumerate(keys):
            if j not in mine:
                names = {name for name in names if name not in key}
                if not names:
                    return False
        return True

    def parallel(self, a: str, b: str) -> bool:
        """Whether two paragraphs open alike: opening clauses with the same first character
        and the same last two."""
        x, y = self.opening.match(a), self.opening.match(b)
        if x is None or y is None:
            return False
        return x.group()[0] == y.group()[0] and x.group()[-2:] == y.group()[-2:]

    def choose(self, group: list[int], page: Page, dropped: set[int]) -> tuple[int, dict[int, tuple[Place, float]]]:
        """The copy that belongs best (see the module's docstring), and each copy's place and fit."""
        skip = dropped | set(group)
        judged = {i: (self.place(i, page, skip), self.score(i, page, skip)) for i in group}
        first = group[0]
        best = max(group, key=lambda i: (judged[i], -i))
        if judged[best][0] == judged[first][0] and judged[best][1] - judged[first][1] < self.margin:
            best = first
        return best, judged
