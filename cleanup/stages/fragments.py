"""Orphan headline fragments (SPEC rule 14), driven by ``rules/fragments.toml``.

Runs after ``paragraphs``: one paragraph per line.  Layout extraction often
prints a headline whole and, elsewhere, a piece of it on a line of its own
(``自治区第三十``, ``石泰峰主持并``), or only the piece, the rest of the
headline printed on another page.  A line is removed only if

* it is a *candidate*: short, no sentence punctuation, not a byline or
  credit, and not heading a byline, credit or sub-headline (which would make
  it a headline); and
* a rule finds evidence that it is a cut piece:
  ``fragment-headline-piece`` (it sits inside a longer headline-like line
  of the page, cutting through a segment of it, and is not followed by body
  text it could head), ``fragment-dangling-end`` (it ends on a conjunction,
  on a bare ordinal, or on 的 with no predicate) or ``fragment-cut-word``
  (it has no predicate and ends or starts inside a word).  The last two
  judge the line by itself, so they take it only where it stands alone,
  after a finished paragraph: a line after one cut mid-sentence is body text
  the paragraphs stage left unjoined.

The first rule (in file order) with evidence owns the removal; the note
gives every piece of evidence found.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from functools import lru_cache
from dataclasses import dataclass
from typing import Callable, Iterable

import regex
from rapidfuzz import fuzz, process

from ..document import Document
from ..layout import drop_lines
from ..rules import Rule, StageConfig
from ..shape import Line, lines
from ..stage import Stage, Touched, handles
from ..wordedges import load_word_edges
from ..wordlists import load_wordlist, shape_lexicon

SEGMENT_EDGE = regex.compile(r"[\s\p{P}\p{S}]")


@dataclass(frozen=True, slots=True)
class Page:
    """The paragraphs of a document and which of them read like headlines:
    ``headlines`` their indices in page order, ``starts`` and ``lengths``
    their offsets and lengths.  ``dropped`` grows as the stage goes down the
    page."""

    lines: list[Line]
    headlines: list[int]
    starts: list[int]
    lengths: list[int]
    dropped: set[int]  # the lines found to be fragments so far, in page order

    @classmethod
    def of(cls, lines: list[Line], headlines: list[int]) -> "Page":
        return cls(lines, headlines, [lines[j].start for j in headlines],
                   [len(lines[j].text) for j in headlines], set())

    def before(self, i: int) -> str:
        """The text of the last line before line ``i`` that stays ('' at the top of the page)."""
        j = i - 1
        while j >= 0 and j in self.dropped:
            j -= 1
        return self.lines[j].text if j >= 0 else ""

    def headlines_near(self, i: int, size: int, window: int) -> tuple[list[int], list[str]]:
        """Indices and texts of the headlines longer than ``size`` characters that
        start within ``window`` characters of line ``i``, in page order."""
        line = self.lines[i]
        lo, hi = bisect_left(self.starts, line.start - window), bisect_right(self.starts, line.end + window)
        longer = [j for j, n in zip(self.headlines[lo:hi], self.lengths[lo:hi]) if n > size]
        return longer, [self.lines[j].text for j in longer]


Evidence = Callable[[Page, int], str]  # evidence that line i of the page is a cut piece, or ''


class Fragments(Stage):
    name = "fragments"

    def __init__(self, config: StageConfig, timeout: float) -> None:
        super().__init__(config, timeout)
        p = self.settings()
        self.min_chars = p.integer("min_chars")
        self.max_chars = p.integer("max_chars")
        self.alone_max_chars = p.integer("alone_max_chars")
        self.sentence_marks = frozenset(self.shape.sentence_marks)
        self.headline_max = self.shape.joined_headline_max
        self.keep = [p.pattern("keep_patterns")] if p.strings("keep_patterns") else []
        self.lexicon = shape_lexicon(self.shape)
        self.predicates = load_wordlist(p.text("verbs_file")) | frozenset(p.strings("predicate_marks"))
        # the settle pass weighs the same lines again: segment each once
        self.words_of = lru_cache(maxsize=4096)(self.segment_words)
        self.evidence: list[tuple[str, Evidence]] = list(self.rule_code().items())

    @handles("fragment-headline-piece")
    def headline_piece(self, rule: Rule) -> Evidence:
        """The line is a piece of a longer headline of the page (:meth:`find_headline_piece`)
        and does not head body text (it may be that article's own short headline)."""
        p = self.settings(rule)
        self.piece_min_chars = p.integer("piece_min_chars")
        self.piece_min_score = p.number("piece_min_score")
        self.piece_max_slips = p.integer("piece_max_slips")
        self.piece_window = p.integer("piece_window")
        return self.find_piece_heading_no_body

    def find_piece_heading_no_body(self, page: Page, i: int) -> str:
        return "" if self.heads_body(page, i) else self.find_headline_piece(page, i)

    @handles("fragment-dangling-end")
    def dangling_end(self, rule: Rule) -> Evidence:
        """The line ends where no headline can end (:meth:`find_dangling_end`)."""
        p = self.settings(rule)
        self.dangling_ends = sorted(p.strings("dangling_ends"), key=len, reverse=True)
        self.predicate_ends = sorted(p.strings("predicate_ends"), key=len, reverse=True)
        self.bare_ordinal = p.pattern("bare_ordinal")
        self.bare_ordinal_keep = frozenset(p.strings("bare_ordinal_keep"))
        return self.find_dangling_end

    @handles("fragment-cut-word")
    def cut_word(self, rule: Rule) -> Evidence:
        """The line has no predicate and ends or starts inside a word (:meth:`find_cut_word`)."""
        p = self.settings(rule)
        self.edges = load_word_edges(self.shape.word_list)
        self.ends_inside_min = p.number("ends_inside_min")
        self.starts_inside_min = p.number("starts_inside_min")
        self.continued_min = p.number("continued_min")
        self.label_marks = frozenset(p.chars("label_marks"))
        self.cut_min_chars = p.integer("cut_min_chars")
        self.short_part_max = p.integer("short_part_max")
        self.starts_name = frozenset(p.strings("starts_name"))
        return self.find_cut_word

    def run(self, doc: Document) -> Document:
        page = self.read_page(doc.text)
        return self.drop_fragments(doc, page, range(len(page.lines)))

    def recheck(self, doc: Document, touched: Touched) -> Document:
        """Judge only the lines that changed, and the line before each (its
        following line may have), when the stage found nothing to drop before
        and no changed line reads as a headline: then no other line can have
        evidence it had not (the page's headlines are some it had, unchanged);
        otherwise every line, as :meth:`run`. A line whose end changed brings
        the line after it among the changed ones (:meth:`Touched.lines`): that
        line's standing alone reads it."""
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
                page.dropped.add(i)
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
        """Short, not a sentence, not a byline, and not heading a byline, credit or sub-headline."""
        text = page.lines[i].text
        if not self.min_chars <= len(text) <= self.max_chars:
            return False
        if self.sentence_marks.intersection(text) or self.is_kept(text):
            return False
        following = self.following(page, i)
        return not (following and not self.is_body(following) and self.is_kept(following))

    def following(self, page: Page, i: int) -> str:
        return page.lines[i + 1].text if i + 1 < len(page.lines) else ""

    def judged_alone(self, page: Page, i: int) -> bool:
        """Whether line ``i`` may be judged by itself: it is no longer than ``alone_max_chars`` and
        follows a finished paragraph (a sentence's end), the top of the page or a fragment: a line of body text the
        paragraphs stage left unjoined follows one cut mid-sentence, or a byline, and is no
        fragment.  A longer line judged by itself is a line of a headline or body text an
        extractor set apart far more often than an orphan piece (主要是依托呼和浩特城市大及:
        OCR read 脑 as 及)."""
        if len(page.lines[i].text) > self.alone_max_chars:
            return False
        before = page.before(i)
        return not before or self.shape.ends_like_body(before)

    def heads_body(self, page: Page, i: int) -> bool:
        """Whether body text follows line ``i``: the line may be its (short) headline."""
        following = self.following(page, i)
        return bool(following) and self.is_body(following)

    def find_headline_piece(self, page: Page, i: int) -> str:
        """Evidence that line ``i`` is cut from a longer headline-like line of the page.

        The headlines within ``piece_window`` characters are scored in one
        vectorised call and only those scoring enough are aligned, the first
        of them in page order first: a chunk of a big file holds hundreds of
        headlines, and most candidates match none.
        """
        text = page.lines[i].text
        if len(text) < self.piece_min_chars:
            return ""
        longer, heads = page.headlines_near(i, len(text), self.piece_window)
        scored = process.extract(text, heads, scorer=fuzz.partial_ratio, score_cutoff=self.piece_min_score,
                                 limit=None)
        for j in sorted(longer[n] for _, _, n in scored):
            head = page.lines[j].text
            found = fuzz.partial_ratio_alignment(text, head, score_cutoff=self.piece_min_score)
            if found is None or not cuts_segment(head, found.dest_start, found.dest_end) \
                    or not slips_at_most(text, head[found.dest_start:found.dest_end], self.piece_max_slips):
                continue
            where = "prefix" if found.dest_start == 0 else "piece"
            return f"{where} of headline '{head}' (score {found.score:.0f})"
        return ""

    def find_dangling_end(self, page: Page, i: int) -> str:
        """Evidence that line ``i`` ends where no headline can end (it stands after a paragraph's end)."""
        if not self.judged_alone(page, i):
            return ""
        text = page.lines[i].text
        end = next((e for e in self.dangling_ends if text.endswith(e)), "")
        if end and not self.ends_in_word(text, end):
            return f"ends in '{end}'"
        end = next((e for e in self.predicate_ends if text.endswith(e)), "")
        if end and not self.ends_in_word(text, end) and self.predicates.isdisjoint(self.words_of(text)):
            return f"ends in '{end}' with no predicate"
        ordinal = self.bare_ordinal.search(text)
        if ordinal and ordinal.group() not in self.bare_ordinal_keep:
            return f"ends in bare ordinal '{ordinal.group()}'"
        return ""

    def ends_in_word(self, text: str, end: str) -> bool:
        """Whether the last 2-4 characters make a word that is not itself a dangling end (祥和)."""
        for size in range(len(end) + 1, 5):
            tail = text[-size:]
            if len(tail) == size and tail in self.lexicon.costs and tail not in self.dangling_ends:
                return True
        return False

    def find_cut_word(self, page: Page, i: int) -> str:
        """Evidence that line ``i`` was cut inside a word at one of its ends and has no predicate.

        The cut is looked for where the segmentation leaves a single
        character at an end of the line: a word of the list there is whole
        (政府 ends 市政府 too, but 政府工作报告 is a headline). Names are left
        alone: too short a line (张伟欣) or one of short parts (郑学良 王雅静)
        may be names, which the list does not know, and a name's characters
        may well start or end other words, and a line opening with a short form of an
        administrative level (``starts_name``: 市人民政府办公室) starts an organ's name. A last character cut short is left
        out of the predicate test (召 of 召开 is not the line's verb); a first
        one is not: a headline may well start with its verb (访……, 迎……).
        """
        text = page.lines[i].text
        ends_share, starts_share = self.edges.continues(text[-1]), self.edges.continued(text[0])
        if ends_share < self.ends_inside_min and starts_share < self.starts_inside_min:
            return ""  # neither end could be a cut: no segmentation needed
        following = self.following(page, i)
        if not self.judged_alone(page, i) or self.is_kept(following) or self.goes_on(text, following):
            return ""  # a line before a lead (本报讯……) is in a headline's place
        if self.label_marks.intersection(text[:-1]):
            return ""  # a headline's label (魏少军：产业结构扭曲……) led it: the line is a headline's start
        parts = text.split()
        if len(parts) > 1 and max(map(len, parts)) <= self.short_part_max:
            return ""
        words = self.words_of(text)
        if sum(map(len, words)) < self.cut_min_chars or len(words) < 2:
            return ""
        if ends_share >= self.ends_inside_min and words[-1] == text[-1] and self.predicates.isdisjoint(words[:-1]):
            return f"ends inside a word: '{text[-1]}' starts a longer word {ends_share:.0%} of the time; no predicate"
        if (starts_share >= self.starts_inside_min and words[0] == text[0] and text[0] not in self.starts_name
                and self.predicates.isdisjoint(words)):
            return f"starts inside a word: '{text[0]}' ends a longer word {starts_share:.0%} of the time; no predicate"
        return ""

    def goes_on(self, text: str, following: str) -> bool:
        """Whether ``following`` goes on with the word ``text`` was cut in: it starts
        with a single character that mostly ends longer words, or with the rest of a
        word of the list that ``text``'s last character starts (进|口突破……).  The two
        are one paragraph, or one headline, left unjoined."""
        if not following:
            return False
        if any(text[-1] + following[:n] in self.lexicon.costs for n in range(1, self.lexicon.max_len)):
            return True
        if self.edges.continued(following[0]) < self.continued_min:
            return False
        words = self.words_of(following)
        return bool(words) and words[0] == following[0]

    def segment_words(self, text: str) -> tuple[str, ...]:
        """The words of ``text``'s Han runs, each run segmented the cheapest way (as ``words_of``, memoised)."""
        return tuple(self.lexicon.han_words(text))


def slips_at_most(piece: str, window: str, slips: int) -> bool:
    """Whether ``piece`` reads as ``window`` of a headline, as long, but for at most ``slips``
    characters misread in place (OCR's 外市 for 外事): a character put in or left out shifts
    the rest, and a line that differs so is another line (《反分裂国家法》实施15周年 is no piece
    of 《反分裂国家法》实施15年发挥重要作用)."""
    return len(piece) == len(window) and sum(a != b for a, b in zip(piece, window)) <= slips


def cuts_segment(head: str, start: int, end: int) -> bool:
    """Whether ``head[start:end]`` cuts through a segment rather than being one.

    Segments run between whitespace, punctuation and the ends of ``head``; a
    span that ends mid-segment on either side is a cut.
    """
    cut_before = start > 0 and not SEGMENT_EDGE.match(head[start - 1]) and not SEGMENT_EDGE.match(head[start])
    cut_after = end < len(head) and not SEGMENT_EDGE.match(head[end]) and not SEGMENT_EDGE.match(head[end - 1])
    return cut_before or cut_after
