"""Orphan headline fragments (SPEC rule 14), driven by ``rules/fragments.toml``.

Runs after ``paragraphs``: one paragraph per line.  Layout extraction often
prints a headline whole and, elsewhere, a piece of it on a line of its own
(``自治区第三十``, ``石泰峰主持并``).  A line is removed only if

* it is a *candidate*: short, no sentence punctuation, not a byline or
  credit, and the paragraph after it is not body text it could head; and
* a rule finds evidence that it is a cut piece:
  ``fragment-headline-piece`` (it sits inside a longer headline-like line
  of the page, cutting through a segment of it) or ``fragment-dangling-end``
  (it ends on a conjunction or particle, or on a bare ordinal).

The first rule (in file order) with evidence owns the removal; the note
gives every piece of evidence found.
"""

from __future__ import annotations

from bisect import bisect_right
from dataclasses import dataclass
from typing import Callable, Iterable

import regex
from rapidfuzz import fuzz, process

from ..document import Document
from ..layout import drop_lines
from ..rules import Rule, StageConfig
from ..shape import Line, lines
from ..stage import Stage, Touched, handles
from ..wordlists import load_lexicon

SEGMENT_EDGE = regex.compile(r"[\s\p{P}\p{S}]")


@dataclass(frozen=True, slots=True)
class Page:
    """The paragraphs of a document and which of them read like headlines.

    ``by_length`` holds the headlines' indices sorted by their length,
    ``texts`` and ``lengths`` their texts and lengths in that order: the
    headlines longer than a line are a slice of each.
    """

    lines: list[Line]
    by_length: list[int]
    texts: list[str]
    lengths: list[int]

    @classmethod
    def of(cls, lines: list[Line], headlines: list[int]) -> "Page":
        by_length = sorted(headlines, key=lambda j: len(lines[j].text))
        texts = [lines[j].text for j in by_length]
        return cls(lines, by_length, texts, [len(t) for t in texts])

    def headlines_longer_than(self, size: int) -> tuple[list[int], list[str]]:
        """Indices and texts of the headlines longer than ``size`` characters."""
        start = bisect_right(self.lengths, size)
        return self.by_length[start:], self.texts[start:]


Evidence = Callable[[Page, int], str]  # evidence that line i of the page is a cut piece, or ''


class Fragments(Stage):
    name = "fragments"

    def __init__(self, config: StageConfig, timeout: float) -> None:
        super().__init__(config, timeout)
        p = self.settings()
        self.min_chars = p.integer("min_chars")
        self.max_chars = p.integer("max_chars")
        self.sentence_marks = frozenset(self.shape.sentence_marks)
        self.headline_max = self.shape.joined_headline_max
        self.keep = [p.pattern("keep_patterns")] if p.strings("keep_patterns") else []
        self.evidence: list[tuple[str, Evidence]] = list(self.rule_code().items())

    @handles("fragment-headline-piece")
    def headline_piece(self, rule: Rule) -> Evidence:
        """The line is a piece of a longer headline of the page (:meth:`find_headline_piece`)."""
        p = self.settings(rule)
        self.piece_min_chars = p.integer("piece_min_chars")
        self.piece_min_score = p.number("piece_min_score")
        return self.find_headline_piece

    @handles("fragment-dangling-end")
    def dangling_end(self, rule: Rule) -> Evidence:
        """The line ends where no headline can end (:meth:`find_dangling_end`)."""
        p = self.settings(rule)
        self.dangling_ends = sorted(p.strings("dangling_ends"), key=len, reverse=True)
        self.words = load_lexicon(p.text("words_file")).costs
        self.bare_ordinal = p.pattern("bare_ordinal")
        self.bare_ordinal_keep = frozenset(p.strings("bare_ordinal_keep"))
        return self.find_dangling_end

    def run(self, doc: Document) -> Document:
        page = self.read_page(doc.text)
        return self.drop_fragments(doc, page, range(len(page.lines)))

    def recheck(self, doc: Document, touched: Touched) -> Document:
        """Judge only the lines that changed, and the line before each (its
        following line may have), when the stage found nothing to drop before
        and no changed line reads as a headline: then no other line can have
        evidence it had not (the page's headlines are some it had, unchanged);
        otherwise every line, as :meth:`run`."""
        if not touched.was_clean:
            return self.run(doc)
        all_lines = lines(doc.text)
        changed = touched.lines(all_lines)
        if any(self.is_headline_like(all_lines[i].text) for i in changed):
            return self.run(doc)
        bare = Page.of(all_lines, [])  # enough to tell a candidate: the page's headlines are read only for one
        candidates = [i for i in sorted(changed | {i - 1 for i in changed if i}) if self.is_candidate(bare, i)]
        return self.drop_fragments(doc, self.read_page(doc.text), candidates) if candidates else doc

    def drop_fragments(self, doc: Document, page: Page, indices: Iterable[int]) -> Document:
        """Drop the lines among ``indices`` (in order) that are fragments."""
        drops: list[tuple[int, str, str]] = []
        for i in indices:
            if not self.is_candidate(page, i):
                continue
            found = [(rule, note) for rule, find in self.evidence if (note := find(page, i))]
            if found:
                drops.append((i, found[0][0], "; ".join(note for _, note in found)))
        doc.apply(self.name, drop_lines(doc.text, page.lines, drops))
        return doc

    def read_page(self, text: str) -> Page:
        all_lines = lines(text)
        heads = [i for i, line in enumerate(all_lines) if self.is_headline_like(line.text)]
        return Page.of(all_lines, heads)

    def is_body(self, text: str) -> bool:
        """Ends like body text, or too long for a headline (the page-shape vocabulary's
        ``joined_headline_max``)."""
        return self.shape.ends_like_body(text) or len(text) > self.headline_max

    def is_kept(self, text: str) -> bool:
        return any(k.search(text) for k in self.keep)

    def is_headline_like(self, text: str) -> bool:
        return not self.is_body(text) and not self.is_kept(text)

    def is_candidate(self, page: Page, i: int) -> bool:
        """Short, not a sentence, not a byline, and not heading the body text after it."""
        text = page.lines[i].text
        if not self.min_chars <= len(text) <= self.max_chars:
            return False
        if self.sentence_marks.intersection(text) or self.is_kept(text):
            return False
        following = page.lines[i + 1].text if i + 1 < len(page.lines) else ""
        return not (following and self.is_body(following))

    def find_headline_piece(self, page: Page, i: int) -> str:
        """Evidence that line ``i`` is cut from a longer headline-like line of the page.

        The headlines are scored in one vectorised call and only those scoring
        enough are aligned, the first of them in page order first: a chunk of a
        big file holds hundreds of headlines, and most candidates match none.
        """
        text = page.lines[i].text
        if len(text) < self.piece_min_chars:
            return ""
        longer, heads = page.headlines_longer_than(len(text))
        scored = process.extract(text, heads, scorer=fuzz.partial_ratio, score_cutoff=self.piece_min_score,
                                 limit=None)
        for j in sorted(longer[n] for _, _, n in scored):
            head = page.lines[j].text
            found = fuzz.partial_ratio_alignment(text, head, score_cutoff=self.piece_min_score)
            if found is None or not cuts_segment(head, found.dest_start, found.dest_end):
                continue
            where = "prefix" if found.dest_start == 0 else "piece"
            return f"{where} of headline '{head}' (score {found.score:.0f})"
        return ""

    def find_dangling_end(self, page: Page, i: int) -> str:
        """Evidence that line ``i`` ends where no headline can end."""
        text = page.lines[i].text
        end = next((e for e in self.dangling_ends if text.endswith(e)), "")
        if end and not self.ends_in_word(text, end):
            return f"ends in '{end}'"
        ordinal = self.bare_ordinal.search(text)
        if ordinal and ordinal.group() not in self.bare_ordinal_keep:
            return f"ends in bare ordinal '{ordinal.group()}'"
        return ""

    def ends_in_word(self, text: str, end: str) -> bool:
        """Whether the last 2-4 characters make a word that is not itself a dangling end (祥和)."""
        for size in range(len(end) + 1, 5):
            tail = text[-size:]
            if len(tail) == size and tail in self.words and tail not in self.dangling_ends:
                return True
        return False


def cuts_segment(head: str, start: int, end: int) -> bool:
    """Whether ``head[start:end]`` cuts through a segment rather than being one.

    Segments run between whitespace, punctuation and the ends of ``head``; a
    span that ends mid-segment on either side is a cut.
    """
    cut_before = start > 0 and not SEGMENT_EDGE.match(head[start - 1]) and not SEGMENT_EDGE.match(head[start])
    cut_after = end < len(head) and not SEGMENT_EDGE.match(head[end]) and not SEGMENT_EDGE.match(head[end - 1])
    return cut_before or cut_after
