"""Paragraphs repeated within a document are kept once (SPEC rule 15).

Runs on paragraph layout (one paragraph per line).  Paragraphs are
compared on a *comparison key*: width folded (NFKC, so ``,`` and ``，``
match), quotes unified, whitespace removed.  Exact copies are grouped by
key; near copies (:class:`~cleanup.stages.near_copies.NearCopies`) are
keys of at least ``near_min_chars`` and at most ``near_max_chars`` whose
``rapidfuzz`` ratio reaches ``near_ratio`` and that state the same
numbers: two paragraphs that differ in a number (``（二）`` and ``（四）``,
``十二海里`` and ``二十四海里``) or open with different paragraph numbers
(``第十五条``, ``第二十二条``) are different paragraphs, however alike; so
are two near copies side by side in one article (a statute's parallel
clauses).

Which copy stays:

* a headline-like copy (not ending like body text or a list item, at most
  the page-shape vocabulary's ``jump_header_max``) is a jump header re-announcing a continued
  article: the first stays (rule ``dedup-jump-header``);
* a body paragraph stays where it belongs to its article (rule
  ``dedup-paragraph``, :mod:`~cleanup.stages.copy_fit`): by its place
  (the only paragraph under its headline, a dateline first, numbering
  that runs on), then by its fit with its article's paragraphs and
  headline; a later copy wins only with a better place or a fit better
  by ``fit_margin``.  Articles are cut at headline-shaped paragraphs (and
  at a headline up to ``long_headline_max`` long over a dateline paragraph),
  and at the page-jump markers the debris stage removed (``jump_rule``: a
  marker holding ``jump_closes`` ends its paragraph's article, one
  holding ``jump_opens`` starts one).

Short lines that legitimately repeat (credits such as ``（李海珍）``,
bylines, ``本报讯`` leads) are never taken for copies: they are below
``min_chars`` or match one of ``keep_patterns``.  Nor is a short line said
again further on in its own article with a kept paragraph between (a
refrain, :meth:`Dedup.is_refrain`).  A paragraph that opens with a dateline
starts an article of its own (:mod:`~cleanup.stages.copy_fit`).
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections import Counter
from dataclasses import dataclass
from typing import Callable, NamedTuple

from ..document import Document
from ..layout import drop_lines
from ..patterns import ParamPattern
from ..rules import Params, Rule, StageConfig
from ..shape import Line, lines, load_shape
from ..stage import Stage, Touched, handles
from ..textkey import comparison_key, comparison_keys
from ..wordlists import shape_lexicon
from .copy_fit import Fit, Numbering, Page, Place
from .near_copies import Anchors, Bounds, NearCopies


@dataclass(frozen=True, slots=True)
class DedupParams:
    """Thresholds from ``rules/dedup.toml`` ``[params]``, shared by its rules."""

    min_chars: int
    near_ratio: float
    bounds: Bounds
    number: ParamPattern
    numbering: Numbering
    headline_max_chars: int
    sentence_end: tuple[str, ...]  # the characters a body paragraph's key ends with
    keep_patterns: tuple[ParamPattern, ...]
    jump_rule: str
    jump_opens: ParamPattern
    jump_closes: ParamPattern

    @classmethod
    def from_config(cls, config: StageConfig, timeout: float) -> "DedupParams":
        p = Params.of_stage(config, timeout)
        shape = load_shape(config.shape)  # a jump header's length, and how body text ends
        anchors = Anchors(p.pattern("anchor_clause_end").compiled, p.integer("anchor_chars"),
                          p.integer("anchor_common"))
        return cls(
            min_chars=p.integer("min_chars"),
            near_ratio=p.number("near_ratio"),
            bounds=Bounds(p.integer("near_min_chars"), p.integer("near_max_chars"), p.integer("near_pairs"),
                          anchors),
            number=p.pattern("number"),
            numbering=Numbering(tuple(p.patterns("numbering"))),
            headline_max_chars=shape.jump_header_max,
            sentence_end=tuple(comparison_key(shape.body_ends + p.chars("item_ends"))),
            keep_patterns=tuple(p.fused_patterns("keep_patterns")),
            jump_rule=p.text("jump_rule"),
            jump_opens=p.pattern("jump_opens"),
            jump_closes=p.pattern("jump_closes"),
        )

    def same_facts(self, a: str, b: str) -> bool:
        """Whether two near copies state the same numbers: it is not that each has a
        number the other lacks, nor that they open with different paragraph numbers."""
        numbers_a = Counter(m.group() for m in self.number.finditer(a))
        numbers_b = Counter(m.group() for m in self.number.finditer(b))
        if numbers_a - numbers_b and numbers_b - numbers_a:
            return False
        numbered_a, numbered_b = self.numbering.of(a), self.numbering.of(b)
        return numbered_a is None or numbered_b is None or numbered_a == numbered_b


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


def to_current(doc: Document, step: int, offsets: list[int]) -> list[int]:
    """Offsets in the output of step ``step - 1`` moved through the later steps to the current text
    (an offset inside replaced text goes to the start of its replacement)."""
    for later in doc.steps[step:]:
        ats = [e.at for e in later.edits]
        moved = []
        for at in offsets:
            k = bisect_right(ats, at) - 1
            if k >= 0:
                e, out = later.edits[k], later.out_starts[k]
                at = out + len(e.after) + at - e.end if at >= e.end else out
            moved.append(at)
        offsets = moved
    return offsets


def jump_marks(doc: Document, paras: list[Line], rule: str, opens: ParamPattern,
               closes: ParamPattern) -> tuple[set[int], set[int]]:
    """The paragraphs that page-jump markers, removed by rule ``rule``, started and ended.

    A marker's place is followed through every later step to the current
    text: a marker holding ``opens`` (``上接第1版``) starts the paragraph
    right after it, one holding ``closes`` (``下转第2版``) ends the one
    right before it; a marker that lands inside a paragraph marks nothing.
    """
    if not doc.stats.get(rule):
        return set(), set()
    found: list[tuple[int, bool]] = []  # (offset in the current text, whether it opens)
    for n, step in enumerate(doc.steps):
        marks = [(out, bool(opens.search(e.before))) for e, out in zip(step.edits, step.out_starts)
                 if e.rule == rule and (opens.search(e.before) or closes.search(e.before))]
        if marks:
            found += [(at_now, opening) for at_now, opening in zip(
                to_current(doc, n + 1, [at for at, _ in marks]), (opening for _, opening in marks))]
    if not found:
        return set(), set()
    text = doc.text
    starts = [p.start for p in paras]
    ends = [p.end for p in paras]
    opened, closed = set(), set()
    for at, opening in found:
        if opening:
            k = bisect_left(starts, at)
            if k < len(paras) and not text[at:starts[k]].strip():
                opened.add(k)
        else:
            k = bisect_right(ends, at) - 1
            if k >= 0 and not text[ends[k]:at].strip():
                closed.add(k)
    return opened, closed


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


Judged = dict[int, tuple[Place, float]]  # each body copy's place and fit (none for headlines)


class Keeper(NamedTuple):
    """A rule's choice of the copy that stays in a group of copies."""

    rule: str
    choose: Callable[[list[int], Page, set[int]], tuple[int, Judged]]


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
        return Keeper(rule.id, lambda group, page, dropped: (group[0], {}))

    @handles("dedup-paragraph")
    def body_paragraph(self, rule: Rule) -> Keeper:
        """A body paragraph stays where it belongs to its article (:meth:`Fit.choose`)."""
        p = self.settings(rule)
        self.fit = Fit(
            context=p.integer("context"), ngram=p.integer("ngram"), headline_weight=p.number("headline_weight"),
            style_weight=p.number("style_weight"),
            adjacency_weight=p.number("adjacency_weight"), bridge_weight=p.number("bridge_weight"),
            parallel_weight=p.number("parallel_weight"), phrase_weight=p.number("phrase_weight"),
            phrase_chars=p.integer("phrase_chars"), name_chars=p.integer("name_chars"),
            name_weight=p.number("name_weight"), name_rarity=p.integer("name_rarity"),
            lexicon=shape_lexicon(self.shape), share_prior=p.number("share_prior"),
            margin=p.number("fit_margin"), dateline=p.pattern("dateline"), opening=p.pattern("opening"),
            numbering=self.params.numbering, list_item=p.pattern("list_item"))
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
        return len(key) <= self.params.headline_max_chars and not key.endswith(self.params.sentence_end)

    def page(self, doc: Document, paras: list[Line], keys: list[str]) -> Page:
        """The page as articles, for the fit of body copies."""
        p = self.params
        opens, closes = jump_marks(doc, paras, p.jump_rule, p.jump_opens, p.jump_closes)
        texts, headline = [line.text for line in paras], [self.is_headline(k) for k in keys]
        if self.fit is None:
            return Page(texts, keys, headline, opens, closes, 1)
        for i in range(len(texts) - 1):  # a headline too long for the headline shape, over its dateline
            if not headline[i] and self.shape.long_headline_shaped(texts[i]) and self.fit.dateline.match(texts[i + 1]):
                headline[i] = True
        return Page(texts, keys, headline, opens, closes, self.fit.ngram, self.fit.datelined(texts, headline))

    def find_drops(self, paras: list[Line], keys: list[str], eligible: list[int],
                   copies: NearCopies, page: Callable[[], Page]) -> dict[int, tuple[str, str]]:
        """``{index: (rule, note)}`` of every copy to drop.

        A copy goes only if it is a copy of the kept one itself (the same
        key, or a near copy: not through a chain of near copies); a near
        copy right next to the kept one in the same article is a parallel
        paragraph (a statute's 军事禁区… and 军事管理区…), not a paste, and
        stays.  Rounds repeat until no copies are left, so a second run
        finds nothing.
        """
        drops: dict[int, tuple[str, str]] = {}
        seen: Page | None = None
        while pairs := find_pairs(keys, [i for i in eligible if i not in drops], self.params.near_ratio, copies):
            if seen is None:
                seen = page()
            pairs = [(i, j, score) for i, j, score in pairs
                     if (not self.is_refrain(i, j, keys[i], seen, drops) if keys[i] == keys[j] else not seen.side_by_side(i, j))]
            if not pairs:
                break
            for group in group_copies(pairs):
                keeper = self.keep_header if self.is_headline(keys[group[0]]) else self.keep_body
                if keeper is None:  # turned off by id: every copy stays
                    eligible = [i for i in eligible if i not in group]
                    continue
                kept, judged = keeper.choose(group, seen, set(drops))
                near = copies.near.get(keys[kept], {})
                for i in group:
                    if i != kept and (keys[i] == keys[kept] or keys[i] in near and not seen.side_by_side(i, kept)):
                        ratio = 100.0 if keys[i] == keys[kept] else near[keys[i]]
                        drops[i] = (keeper.rule, self.explain(paras, i, kept, ratio, judged))
        return drops

    def is_refrain(self, i: int, j: int, key: str, page: Page, drops: dict[int, tuple[str, str]]) -> bool:
        """Whether equal short paragraphs ``i`` and ``j`` are a refrain: a line too short to be
        compared for near copies, said again further on in one article (a story's
        阿Q一想，没有话，便回答说，“没有。” answering the same question twice).  The paste this
        stage looks for lands in another article, or right next to its original: next to it
        once the copies between them are dropped too, or a second run would find them side
        by side."""
        return (len(key) < self.params.bounds.shortest and page.article(i) == page.article(j)
                and any(k not in drops for k in range(min(i, j) + 1, max(i, j))))

    def memo_for(self, doc: Document) -> DocumentMemo:
        """What this stage has learnt about ``doc`` so far; a new document starts afresh."""
        return self.per_document(doc, lambda: DocumentMemo(doc, {}, {}, self.near_copies()))

    def near_copies(self) -> NearCopies:
        """An empty search for near copies, with this stage's bounds and veto."""
        return NearCopies(self.params.near_ratio, self.params.bounds, self.params.same_facts)

    @staticmethod
    def keys_of(paras: list[Line], memo: DocumentMemo) -> list[str]:
        """The comparison keys of ``paras``, each text's worked out once: the texts not
        met before all together (:func:`~cleanup.textkey.comparison_keys`)."""
        known = memo.keys
        new = [text for text in dict.fromkeys(p.text for p in paras) if text not in known]
        if new:
            known.update(zip(new, comparison_keys(new)))
        return [known[p.text] for p in paras]

    def run(self, doc: Document) -> Document:
        memo = self.memo_for(doc)
        paras = lines(doc.text)
        keys = self.keys_of(paras, memo)
        memo.copies.retain(set(keys))
        eligible = self.eligible(paras, keys, memo)
        drops = self.find_drops(paras, keys, eligible, memo.copies, lambda: self.page(doc, paras, keys))
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
        keys = self.keys_of(paras, memo)
        long_keys = Counter(key for key in keys if len(key) >= self.params.min_chars)
        for i in touched.lines(paras):
            key = keys[i]
            if key not in long_keys:
                continue
            if long_keys[key] > 1:
                return self.run(doc)
            bounds = self.params.bounds
            if len(key) < bounds.shortest or bounds.longest and len(key) > bounds.longest:
                continue  # a copy only when equal, and it has none
            if memo.copies.near_any(key, [k for k in long_keys if k != key]):
                return self.run(doc)
        return doc

    @staticmethod
    def explain(paras: list[Line], dropped: int, kept: int, ratio: float, judged: Judged) -> str:
        """Change note: the kept copy, the match score and, for paragraphs, the evidence."""
        note = f"copy of paragraph {kept + 1} '{paras[kept].text[:12]}…' (ratio {ratio:.0f})"
        if not judged:
            return note + "; repeated headline, first kept"
        (place, fit), (kept_place, kept_fit) = judged[dropped], judged[kept]
        note += f"; fits its article {fit:.2f} vs kept {kept_fit:.2f}"
        if place != kept_place:
            note += f"; place: {place.says()} vs kept {kept_place.says()}"
        return note
