"""Paragraphs repeated within a document are kept once (SPEC rule 15).

Runs on paragraph layout (one paragraph per line).  Paragraphs are
compared on a *comparison key*: width folded (NFKC, so ``,`` and ``，``
match), quotes unified, whitespace removed.  Exact copies are grouped by
key; near copies with ``rapidfuzz`` (``process.extract``, vectorised, with a
score cutoff on ``fuzz.ratio``) over the paragraphs long
enough to judge (``min_chars``), prefiltered by length: pairs whose lengths
already rule them out are never compared, and no pair is compared twice in
a document (:class:`NearCopies`).

Which copy stays:

* a headline-like copy (not ending like body text, at most the page-shape
  vocabulary's ``jump_header_max``) is a jump header re-announcing a continued
  article: the first stays (rule ``dedup-jump-header``);
* a body paragraph stays where it fits its neighbours best: each copy is
  scored by the share of its neighbours' character n-grams it contains
  (``context`` paragraphs on either side); a later copy wins only if it
  beats the first by ``fit_margin`` (rule ``dedup-paragraph``).  Averaging
  per neighbour, rather than pooling them, keeps one long neighbour from
  drowning out the others.

Short lines that legitimately repeat (credits such as ``（李海珍）``,
bylines, ``本报讯`` leads) are never taken for copies: they are below
``min_chars`` or match one of ``keep_patterns``.
"""

from __future__ import annotations

from bisect import bisect_right
from collections import Counter
from dataclasses import dataclass
from typing import Callable, Iterable, NamedTuple, Sequence

from rapidfuzz import fuzz, process

from ..document import Document
from ..layout import drop_lines
from ..patterns import ParamPattern
from ..rules import Params, Rule, StageConfig
from ..shape import Line, lines, load_shape
from ..stage import Stage, Touched, handles
from ..textkey import comparison_key


def ngrams(text: str, n: int) -> set[str]:
    """Character n-grams of ``text`` (the text itself if shorter than ``n``)."""
    if len(text) <= n:
        return {text} if text else set()
    return {text[i : i + n] for i in range(len(text) - n + 1)}


class NgramSets(Sequence[set[str]]):
    """:func:`ngrams` of each key, made when first asked for.

    Only the copies and their neighbours are ever scored, so most pages
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
class DedupParams:
    """Thresholds from ``rules/dedup.toml`` ``[params]``, shared by its rules."""

    min_chars: int
    near_ratio: float
    headline_max_chars: int
    sentence_end: str
    keep_patterns: tuple[ParamPattern, ...]

    @classmethod
    def from_config(cls, config: StageConfig, timeout: float) -> "DedupParams":
        p = Params.of_stage(config, timeout)
        shape = load_shape(config.shape)  # a jump header's length, and how body text ends
        return cls(
            min_chars=p.integer("min_chars"),
            near_ratio=p.number("near_ratio"),
            headline_max_chars=shape.jump_header_max,
            sentence_end=comparison_key(shape.body_ends),
            keep_patterns=tuple(p.fused_patterns("keep_patterns")),
        )


class NearCopies:
    """Which comparison keys are near copies of which, for one document.

    Each pair of keys is compared once, however often it is asked about:
    every repair round, and the settle pass, ask about mostly the same
    paragraphs.  rapidfuzz compares a key in one vectorised call
    (``process.extract`` over its candidates), and only with the keys whose
    length allows the cutoff: the ratio of keys of lengths ``a <= b`` is at
    most ``200 * a / (a + b)``, so with the keys sorted by length the
    candidates of a key are the next ones up to ``b = a * (200 - cutoff) /
    cutoff``.  The bound is exact, so the links are those comparing every
    pair finds.
    """

    def __init__(self, cutoff: float) -> None:
        self.cutoff = cutoff
        self.known: set[str] = set()  # every pair of these has been compared
        self.near: dict[str, dict[str, float]] = {}  # key -> its near copies and their scores

    def add(self, keys: Iterable[str]) -> None:
        """Compare the keys not seen before with each other and with the known ones."""
        new = set(keys) - self.known
        if not new:
            return
        pool = sorted(self.known | new, key=len)
        lengths = [len(k) for k in pool]
        limit = self.cutoff - 1e-9  # pruning never drops a pair that rounding would keep
        for n, key in enumerate(pool):
            end = bisect_right(lengths, lengths[n] * (200 - limit) / limit, lo=n + 1)
            candidates = pool[n + 1 : end]
            if key not in new:
                candidates = [k for k in candidates if k in new]
            if not candidates:
                continue
            found = process.extract(key, candidates, scorer=fuzz.ratio,
                                    score_cutoff=self.cutoff, limit=None)
            for other, score, _ in found:
                self.near.setdefault(key, {})[other] = score
                self.near.setdefault(other, {})[key] = score
        self.known |= new


def find_pairs(keys: list[str], eligible: list[int], cutoff: float,
               copies: NearCopies | None = None) -> list[tuple[int, int, float]]:
    """Pairs ``(i, j, score)``, ``i < j``, of eligible paragraphs that are copies.

    Exact copies come from a hash of the key: each pairs with the first of
    its key.  Near copies join the first paragraphs of two distinct keys;
    ``copies`` holds the keys compared so far in this document.
    """
    if copies is None:
        copies = NearCopies(cutoff)
    pairs: list[tuple[int, int, float]] = []
    first_of: dict[str, int] = {}
    for i in eligible:
        if keys[i] in first_of:
            pairs.append((first_of[keys[i]], i, 100.0))
        else:
            first_of[keys[i]] = i
    copies.add(first_of)
    for key, i in first_of.items():
        for other, score in copies.near.get(key, {}).items():
            j = first_of.get(other, -1)
            if i < j:
                pairs.append((i, j, score))
    return pairs


def group_copies(pairs: list[tuple[int, int, float]]) -> list[list[int]]:
    """Connected groups of paragraph indices linked by ``pairs``, each sorted."""
    parent: dict[int, int] = {}

    def root(i: int) -> int:
        while parent.setdefault(i, i) != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    for i, j, _ in pairs:
        parent[root(j)] = root(i)
    groups: dict[int, list[int]] = {}
    for i in parent:
        groups.setdefault(root(i), []).append(i)
    return sorted(sorted(g) for g in groups.values())


@dataclass(slots=True)
class DocumentMemo:
    """Paragraph facts and the near copies among paragraphs, for one document.

    The stage keeps one, for the document it last ran on in each thread
    (:meth:`~cleanup.stage.Stage.per_document`): the settle pass runs it
    again over the same paragraphs, a few of them changed.
    """

    doc: Document
    keys: dict[str, str]  # text -> comparison key
    protected: dict[str, bool]  # text -> whether a keep pattern matches it
    copies: NearCopies


Choice = tuple[int, dict[int, float]]  # the copy kept, and each copy's fit (none for headlines)


@dataclass(frozen=True, slots=True)
class Fit:
    """How a body copy's fit is scored: rule ``dedup-paragraph``'s own params."""

    context: int  # neighbours on each side
    ngram: int  # characters of an n-gram
    margin: float  # by how much a later copy must fit better than the first

    def neighbours(self, index: int, count: int, skip: set[int]) -> list[int]:
        """Up to ``context`` paragraphs on each side of ``index`` that are not in ``skip``."""
        found: list[int] = []
        for step in (-1, 1):
            j, taken = index + step, 0
            while 0 <= j < count and taken < self.context:
                if j not in skip:
                    found.append(j)
                    taken += 1
                j += step
        return found

    def score(self, index: int, grams: Sequence[set[str]], skip: set[int]) -> float:
        """How well paragraph ``index`` fits the paragraphs around it.

        The share of each neighbour's n-grams that the copy contains,
        averaged over the neighbours (other copies and dropped paragraphs
        are skipped).
        """
        shares = [len(grams[index] & grams[j]) / len(grams[j])
                  for j in self.neighbours(index, len(grams), skip)]
        return sum(shares) / len(shares) if shares else 0.0

    def choose(self, group: list[int], keys: list[str], grams: Sequence[set[str]], dropped: set[int]) -> Choice:
        """The copy that fits its neighbours best, unless it fits by less than
        ``margin`` better than the first; and each copy's fit."""
        skip = dropped | set(group)
        fits = {i: self.score(i, grams, skip) for i in group}
        best = max(group, key=lambda i: (fits[i], -i))
        if fits[best] - fits[group[0]] < self.margin:
            best = group[0]
        return best, fits



class Keeper(NamedTuple):
    """A rule's choice of the copy that stays in a group of copies."""

    rule: str
    choose: Callable[[list[int], list[str], Sequence[set[str]], set[int]], Choice]


class Dedup(Stage):
    name = "dedup"

    def __init__(self, config: StageConfig, timeout: float) -> None:
        super().__init__(config, timeout)
        self.params = DedupParams.from_config(config, timeout)
        self.fit: Fit | None = None  # set by rule dedup-paragraph
        self.keep_header = self.code_of(self.jump_header)  # None: the rule is off, every copy stays
        self.keep_body = self.code_of(self.body_paragraph)

    @handles("dedup-jump-header")
    def jump_header(self, rule: Rule) -> Keeper:
        """A headline-like copy re-announces a continued article: the first stays."""
        return Keeper(rule.id, lambda group, keys, grams, dropped: (group[0], {}))

    @handles("dedup-paragraph")
    def body_paragraph(self, rule: Rule) -> Keeper:
        """A body paragraph stays where it fits its neighbours best (:meth:`Fit.choose`)."""
        p = self.settings(rule)
        self.fit = Fit(p.integer("context"), p.integer("ngram"), p.number("fit_margin"))
        return Keeper(rule.id, self.fit.choose)

    def is_protected(self, text: str, memo: DocumentMemo) -> bool:
        """A credit or byline that may repeat: one of ``keep_patterns`` matches it."""
        protected = memo.protected.get(text)
        if protected is None:
            protected = memo.protected[text] = any(p.search(text) for p in self.params.keep_patterns)
        return protected

    def eligible(self, paras: list[Line], keys: list[str], memo: DocumentMemo) -> list[int]:
        """The paragraphs long enough to judge, less the credits and bylines that may repeat.

        Only a paragraph that has a copy among the long ones (the same key, or
        a near copy) is searched with ``keep_patterns``: the others pair with
        nothing, so keeping them in the list changes no pair, and most
        paragraphs of a page are of that kind.
        """
        long_enough = [i for i, key in enumerate(keys) if len(key) >= self.params.min_chars]
        memo.copies.add(keys[i] for i in long_enough)
        counts = Counter(keys[i] for i in long_enough)
        return [
            i for i in long_enough
            if counts[keys[i]] == 1 and keys[i] not in memo.copies.near
            or not self.is_protected(paras[i].text, memo)
        ]

    def is_headline(self, key: str) -> bool:
        return len(key) <= self.params.headline_max_chars and not key.endswith(
            tuple(self.params.sentence_end)
        )

    def find_drops(self, paras: list[Line], keys: list[str], eligible: list[int],
                   copies: NearCopies) -> dict[int, tuple[str, str]]:
        """``{index: (rule, note)}`` of every copy to drop.

        A copy goes only if it matches the kept one itself (not through a
        chain of near copies); rounds repeat until no copies are left, so a
        second run finds nothing.
        """
        grams = NgramSets(keys, self.fit.ngram if self.fit else 1)  # read only by the fit
        drops: dict[int, tuple[str, str]] = {}
        while pairs := find_pairs(keys, [i for i in eligible if i not in drops], self.params.near_ratio, copies):
            for group in group_copies(pairs):
                keeper = self.keep_header if self.is_headline(keys[group[0]]) else self.keep_body
                if keeper is None:  # turned off by id: every copy stays
                    eligible = [i for i in eligible if i not in group]
                    continue
                kept, fits = keeper.choose(group, keys, grams, set(drops))
                for i in group:
                    ratio = fuzz.ratio(keys[i], keys[kept])
                    if i != kept and ratio >= self.params.near_ratio:
                        drops[i] = (keeper.rule, self.explain(paras, i, kept, ratio, fits))
        return drops

    def memo_for(self, doc: Document) -> DocumentMemo:
        """What this stage has learnt about ``doc`` so far; a new document starts afresh."""
        return self.per_document(doc, lambda: DocumentMemo(doc, {}, {}, NearCopies(self.params.near_ratio)))

    @staticmethod
    def key_of(text: str, memo: DocumentMemo) -> str:
        """The comparison key of a paragraph, worked out once."""
        key = memo.keys.get(text)
        if key is None:
            key = memo.keys[text] = comparison_key(text)
        return key

    def run(self, doc: Document) -> Document:
        memo = self.memo_for(doc)
        paras = lines(doc.text)
        keys = [self.key_of(p.text, memo) for p in paras]
        eligible = self.eligible(paras, keys, memo)
        drops = self.find_drops(paras, keys, eligible, memo.copies)
        if drops:
            edits = drop_lines(doc.text, paras, [(i, rule, note) for i, (rule, note) in drops.items()])
            doc.apply(self.name, edits)
        self.note_clean(doc)  # a second run finds nothing (find_drops)
        return doc

    def recheck(self, doc: Document, touched: Touched) -> Document:
        """:meth:`run` only if a paragraph that changed has a copy, when the stage
        found nothing more to drop when it last looked: the copies among the
        others were there then, and were left as they are (their rule turned off)."""
        if not touched.was_clean:
            return self.run(doc)
        memo = self.memo_for(doc)
        paras = lines(doc.text)
        keys = [self.key_of(p.text, memo) for p in paras]
        long_keys = Counter(key for key in keys if len(key) >= self.params.min_chars)
        cutoff = self.params.near_ratio
        for i in touched.lines(paras):
            key = keys[i]
            if key not in long_keys:
                continue
            if long_keys[key] > 1:
                return self.run(doc)
            # the ratio of keys of lengths a <= b is at most 200 * a / (a + b) (see NearCopies)
            lo, hi = len(key) * cutoff / (200 - cutoff), len(key) * (200 - cutoff) / cutoff
            others = [k for k in long_keys if k != key and lo - 1e-9 <= len(k) <= hi + 1e-9]
            if others and process.extractOne(key, others, scorer=fuzz.ratio, score_cutoff=cutoff - 1e-9):
                return self.run(doc)
        return doc

    @staticmethod
    def explain(paras: list[Line], dropped: int, kept: int, ratio: float, fits: dict[int, float]) -> str:
        """Change note: the kept copy, the match score and, for paragraphs, the fits."""
        note = f"copy of paragraph {kept + 1} '{paras[kept].text[:12]}…' (ratio {ratio:.0f})"
        if fits:
            note += f"; fits its neighbours {fits[dropped]:.2f} vs kept {fits[kept]:.2f}"
        else:
            note += "; repeated headline, first kept"
        return note
