"""Rebuild paragraphs (SPEC rules 2-4): decide, for every line break, join or break.

Each break between two non-empty lines is scored from evidence; the
weights and word lists live in ``rules/paragraphs.toml``.  A positive
score joins the lines (the break goes, nothing takes its place); anything
else makes a paragraph break, written as one blank line.  The change note
lists the evidence that decided, with its weight.  The rules of the file are
these outcomes (``para-join-wrap``, ``para-join-break``, ``para-break``, and
``para-trim`` for the start and end of the text): one turned off leaves what
it would have changed as printed.

Two layouts occur in the samples and the stage tells them apart itself:

* *wrapped*: every paragraph hard-wrapped at the column width, paragraphs
  separated by blank lines (or not), and column breaks that leave a blank
  line in mid-sentence;
* *unwrapped*: a paragraph per line, every line separated by a blank line,
  and column or page breaks that cut a paragraph in two, even mid-word.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from functools import lru_cache
from typing import NamedTuple

import regex

from ..document import Document, Edit
from ..numerals import item_number
from ..pattern_chars import required_chars
from ..patterns import VETTED_LENGTH, ParamPattern, fuse_patterns, is_fusable
from ..roles import (HEADED, HEADINGS, INDENT_TOLERANCE, STANDALONE, STARTS_PARAGRAPH, UNPRINTED_COLUMN_SHARE,
                     UNPRINTED_ENDS_SHARE, WRAP_AGAIN_WIDTH, PageReading, Role, dash_led, first_unit_width, own_roles,
                     read_page, vocabulary, word_tail)
from ..rules import Rule, StageConfig
from ..shape import HAN, HAN_RUN, AnyOf
from ..stage import Stage, Touched, handles
from ..wordlists import NO_PREFIX, load_wordlist, shape_lexicon

# a line is non-empty if it holds a character that regex's \s does not match:
# one that str.strip() keeps, or one of these, which it strips
_STRIPPED_NOT_SPACE = frozenset("\x1c\x1d\x1e\x1f")


@dataclass(slots=True)
class _Line:
    start: int
    end: int
    text: str
    block: int  # index of the run of consecutive non-empty lines it is in
    first_in_block: bool
    last_in_block: bool
    row: int  # its index among the text's lines, blank lines included


@dataclass(frozen=True, slots=True)
class Layout:
    """What the stage learnt about the page, by each line's row among the text's lines:
    on a wrapped page, each line's role and column (:func:`cleanup.roles.read_page`);
    on an unwrapped one, only the roles lines show by themselves (:func:`cleanup.roles.own_roles`)."""

    wrapped: bool
    roles: list[Role]
    reading: PageReading | None = None
    body_blocks: frozenset[int] = frozenset()  # blocks (runs of lines) that hold body punctuation
    after_jump: frozenset[int] = frozenset()  # rows printed right after a page-jump marker (gone now)
    spaced: bool = False  # a blank line stands between two of the page's lines, which sets its blocks apart
    # (OCR sets each type apart so; one blank line is enough, pdftotext's pages count too)
    # on a page that writes a blank line after every printed line (pdfminer's way): its lines as read,
    # lines one blank line apart in one block (``row``: the line's index among the rows read, which
    # the roles and the reading are indexed by); None on any other page
    lines: list[_Line] | None = None
    # on a wrapped page, each row as printed in the raw input (:meth:`Paragraphs._printed`): the
    # blanks of a line that normalizing squeezed (a picture's debris OCR read: SA 车 FL5     包)
    printed: list[str] | None = None


class _Verdict(NamedTuple):
    """A break's score and the note that lists the evidence behind it."""

    score: float
    note: str


# the roles the evidence of every break asks about, as module names: on Python 3.11 ``Role.X``
# goes through ``EnumType.__getattr__``, about ten times a global's cost
_BODY, _CAPTION, _DATELINE, _HEADLINE, _JUMP, _SUBHEADLINE = (
    Role.BODY, Role.CAPTION, Role.DATELINE, Role.HEADLINE, Role.JUMP, Role.SUBHEADLINE)
# the evidence name of each role that keeps lines apart: ``line-KIND``, ``next-KIND``
_KIND = {
    Role.FOLIO: "furniture", Role.JUMP: "furniture", Role.PAGE_NUMBER: "furniture",
    Role.KICKER: "heading", Role.HEADLINE: "heading", Role.SUBHEADLINE: "heading", Role.SUBHEAD: "heading",
    Role.BYLINE: "byline", Role.DATELINE: "dateline", Role.CAPTION: "caption", Role.CREDIT: "credit",
    Role.LABEL: "label",
}
# on an unwrapped page, the roles whose evidence counts: those a line shows by itself
# (its other roles come from a shape that the stage's own evidence reads)
_APART_UNWRAPPED = frozenset({Role.CREDIT, Role.LABEL, Role.FOLIO, Role.JUMP, Role.PAGE_NUMBER,
                              Role.BYLINE, Role.DATELINE, Role.CAPTION})
# roles of lines whose joins keep the blank a printed line ended with (``spaced_join``)
_SPACED_ROLES = frozenset({Role.BYLINE, Role.DATELINE, Role.CREDIT, Role.CAPTION})
# heading lines that may go on from the heading line before them: a sub-headline starts its own
_GO_ON_HEADINGS = HEADINGS - {Role.SUBHEADLINE}
# roles of lines that end with a person's name, which may wrap onto the next line
_NAMES_WRAP = frozenset({Role.BYLINE, Role.CREDIT, Role.CAPTION})

class _Always(AnyOf):
    """An :class:`~cleanup.shape.AnyOf` that finds something in every text."""

    def found_in(self, text: str) -> bool:
        return True


def _needs(pattern: ParamPattern, avoid: str = "") -> AnyOf:
    """The characters a text must hold one of for ``pattern`` to match in it (any
    text may match, if the pattern does not tell); with ``avoid``, characters that
    most texts searched hold, a set without them (:func:`~cleanup.pattern_chars.required_chars`)."""
    chars = required_chars(pattern.compiled, avoid)
    return AnyOf("".join(sorted(chars))) if chars else _Always("")


# characters at the end of a paragraph that ``ends_credit`` reads (a photo credit is short)
CREDIT_CONTEXT = 40
# characters at the end of a line that ``leads_in`` reads
LEAD_IN_CONTEXT = 4
# characters each side of a break that ``spaced_join`` reads
JOIN_CONTEXT = 8
PRINTED_PIECE_MAX = 3  # a row as printed of two pieces this short is debris (Paragraphs._printed_scattered)
# characters of the paragraph before a break that ``latin_join`` reads: a word of Latin script
# longer than this counts as a word
LATIN_WORD_CONTEXT = 24
# characters between two printed lines too few to hold a page-jump marker (转第2版 takes 4)
JUMP_GAP_MIN = 3
# characters at the start of a line that a sentence's end there shows a tail of the sentence
# before (体系。积极申报…): no paragraph's first line
TAIL_AT_START = 4
# digits and Latin letters: printed narrower than a cell by an amount the page does not tell,
# they make a full line look as short as an indent (组成人员61人，出席会议的55), or a short
# one look full
NARROW_CHARS = regex.compile(r"[0-9A-Za-z]")
# characters each side of a break that ``_segment_cuts`` segments
WORD_CONTEXT = 6
# single characters after a conjunction's that read as a name the word list lacks (和|林|格|尔)
NAME_CHARS = 3
NARROW_MARKS = "“”‘’《》〈〉「」『』（）【】"  # marks a heading's type may set in half a cell
CLOSER_WIDTH = 1.0  # cells of a closing quote, which OCR may lose at a line's end
NARROW_MARK_WIDTH = 0.5  # cells such a mark may print narrower than a full one

# characters each side of a break that ``cut_title`` reads (新华社 | 记者: three before it)
TITLE_CUT = 3
# roles of lines that open with a reporter's title (``cut_title``)
_TITLED = frozenset({Role.BYLINE, Role.CREDIT})

# the verdict on a break that :meth:`Paragraphs._may_join` rules out
_CANNOT_JOIN = _Verdict(float("-inf"), "")


def _item_frame(item: regex.Match[str]) -> tuple[str, str, bool]:
    """How a list item's numeral is printed: what stands before and after it, and whether in digits."""
    whole, start, end = item.group(0), item.start("n") - item.start(), item.end("n") - item.start()
    return whole[:start], whole[end:], whole[start].isascii()


@lru_cache(maxsize=1024)
def _score_head(score: float) -> str:
    """How a note opens: the score, to a tenth.  Kept: scores are sums of a few weights,
    a small set, and formatting a float costs more than finding it again (a sum from 0
    is never -0.0, which the cache would take for 0.0)."""
    return f"{score:+.1f}: "


class Memo:
    """What the stage keeps about one document (:meth:`Paragraphs.memo_for`):
    the verdicts of :meth:`Paragraphs._weigh`, by (paragraph so far, next
    line, the line after that and the role it shows by itself), which lines have a
    verb, and the layout of the last round.  Its
    rounds and its profile's settle passes ask again about the paragraphs
    the last round left."""

    __slots__ = ("verdicts", "has_verb", "layout")

    def __init__(self, segments_to_a_verb: Callable[[str], bool]) -> None:
        self.verdicts: dict[tuple[str, str, tuple[Role, str] | None], _Verdict] = {}
        self.has_verb = lru_cache(maxsize=4096)(segments_to_a_verb)
        self.layout: Layout | None = None


class _Check(NamedTuple):
    """One check of the rule file's patterns: it gives one of ``names``, or ''
    (on a wrapped page only, if ``wrapped_only``).  ``next_needs``: on a wrapped
    page it finds nothing unless one of these patterns is found in the next line
    (None: it reads more, or a pattern of the user's, searched with the timeout)."""

    run: Callable[[str, str, bool], str]
    names: tuple[str, ...]
    wrapped_only: bool = False
    next_needs: tuple[regex.Pattern[str], ...] | None = None


class _Gate:
    """Whether a next line may make one of the checks with ``next_needs`` find something
    (:class:`_Check`): one search of their patterns fused, where the checks search it
    several times, and most next lines make none find anything.  A line longer than the
    vetted patterns search untimed (:data:`~cleanup.patterns.VETTED_LENGTH`) may."""

    __slots__ = ("searches",)

    def __init__(self, patterns: list[regex.Pattern[str]]) -> None:
        self.searches = tuple(p.search for p in fuse_patterns(patterns))

    def may_pass(self, line: str) -> bool:
        if len(line) > VETTED_LENGTH:
            return True
        for search in self.searches:
            if search(line) is not None:
                return True
        return False


class _Quick(NamedTuple):
    """The pattern checks :meth:`Paragraphs._may_join` runs on one layout: the most they
    can add to a score, and in order each one's index in ``pattern_checks``, its run and
    the most those after it can add."""

    upside: float
    steps: list[tuple[int, Callable[[str, str, bool], str], float]]  # (index, its run, upside after it)


class _WeightOf(dict[str, float]):
    """The weight of each evidence name: ``word:X`` weighs as ``word``, a name
    with no weight 0.  Each name's is worked out once, on first asking: then
    ``sum(map(weight_of.__getitem__, names))`` runs in C.  The names are few:
    the evidence names, and ``word:`` with a word of the list."""

    __slots__ = ("weights",)

    def __init__(self, weights: dict[str, float]) -> None:
        super().__init__()
        self.weights = weights

    def __missing__(self, name: str) -> float:
        weight = self[name] = self.weights.get(name.split(":")[0], 0.0)
        return weight


class Paragraphs(Stage):
    name = "paragraphs"

    def __init__(self, config: StageConfig, timeout: float) -> None:
        super().__init__(config, timeout)
        # the rule id each outcome of a break is recorded as; None: that rule is off
        self.wrap_rule = self.code_of(self.join_wrapped)
        self.cut_rule = self.code_of(self.join_cut)
        self.break_rule = self.code_of(self.paragraph_break)
        self.trim_rule = self.code_of(self.trim)
        p = self.settings()
        self.weights = p.weights("weights")
        self.weight_of = _WeightOf(self.weights)
        self.min_wrapped_share = p.number("min_wrapped_share")
        self.line_spaced_share = p.number("line_spaced_share")
        self.line_spaced_min_lines = p.integer("line_spaced_min_lines")
        self.line_spaced_short = p.number("line_spaced_short")
        self.line_spaced_marks = p.number("line_spaced_marks")
        self.line_spaced_cuts = p.number("line_spaced_cuts")
        self.heading_tail = p.integer("heading_tail")
        self.open_byline = p.pattern("open_byline")
        self.name_start = p.pattern("name_start")
        self.cut_title = p.pattern("cut_title")
        self.cut_reporter = p.pattern("cut_reporter")
        self.spaced_join = p.pattern("spaced_join")
        self.latin_join = p.pattern("latin_join")
        self.leads_in = p.pattern("leads_in")
        self.leads_in_chars = _needs(self.leads_in)
        self.reporters_open = p.pattern("reporters_open")
        self.dateline_ends = p.pattern("dateline_ends")
        self.starts_sentence = p.pattern("starts_sentence")
        self.opens_item = p.pattern("opens_item")
        self.item_numeral = p.pattern("item_numeral")
        self.name_tail = p.pattern("name_tail")
        self.credit_tail = p.pattern("credit_tail")
        self.name_cut = p.pattern("name_cut")
        self.phrases = p.pattern("phrases")
        self.phrases_chars = _needs(self.phrases)
        quotes = p.chars("title_quotes")
        if len(quotes) % 2:
            raise p.error("title_quotes", "must be pairs of an opener and its closer")
        self.title_quotes = tuple(zip(quotes[::2], quotes[1::2]))  # (opener, closer)
        self.max_rounds = p.integer("max_rounds")
        self.tail_max = p.integer("tail_max")
        self.debris_after_sentence = p.pattern("debris_after_sentence")
        self.list_item_max = p.integer("list_item_max")
        self.title_end = p.pattern("title_end")
        self.quote_turn = p.pattern("quote_turn")
        self.quote_turn_wrapped = p.pattern("quote_turn_wrapped")
        # searched across a break (a line's end, the line break, the next line's start), which most
        # often holds a comma: the characters tested first are others a match needs
        self.quote_turn_chars = _needs(self.quote_turn, avoid="\n" + self.shape.commas)
        self.misread_close = p.pattern("misread_close")
        self.misread_close_chars = _needs(self.misread_close)
        self.closes_quote = p.pattern("closes_quote")
        self.misread_digit_close = p.pattern("misread_digit_close")
        self.cut_jump = p.pattern("cut_jump")
        self.scatter_gap = p.pattern("scatter_gap")
        self.scatter_gap_chars = _needs(self.scatter_gap)
        self.scatter_han = p.integer("scatter_han")
        self.jump_gap = p.pattern("jump_gap")
        self.jump_gap_chars = _needs(self.jump_gap)
        # the page-shape vocabulary, as one-character tests done with set lookups
        # and rstrip: the same as [sentence_end][closers]*$, [no_start] at the start, ...
        shape = self.shape
        self.long_line = shape.long_line
        self.closers = shape.closers
        self.sentence_end = frozenset(shape.sentence_end)
        self.soft_end = frozenset(shape.clause_end)
        self.open_end = frozenset(shape.open_end)
        self.function_end = frozenset(p.chars("ends_function"))
        self.no_start = frozenset(shape.no_start)
        self.inner_stop = AnyOf(shape.sentence_end)
        self.body_mark = AnyOf(shape.body_marks)
        self.has_comma = AnyOf(shape.commas)
        self.list_marks = frozenset(shape.commas + shape.clause_end)
        self.sentence_mark = AnyOf(shape.sentence_marks)
        self.ends_sentence = shape.ends_sentence
        self.headline_like = shape.headline_shaped
        self.headline_max = shape.headline_max
        self.headline_marks = frozenset(p.chars("headline_marks"))
        self.headline_colons = AnyOf(p.chars("headline_colons"))
        self.vocab = vocabulary(shape)
        self.starts_unit = p.pattern("starts_paragraph")
        self.starts_unit_unwrapped = p.pattern("starts_paragraph_unwrapped")
        self.opens = p.pattern("opens_paragraph")
        self.inline_open = p.pattern("inline_open")
        self.opens_unwrapped = p.pattern("opens_paragraph_unwrapped")
        self.lead = p.pattern("lead")
        self.starts_particle = p.pattern("starts_particle")
        self.starts_conjunction = p.pattern("starts_conjunction")
        self.ends_word = p.pattern("ends_word")
        self.ends_word_chars = _needs(self.ends_word)
        self.standalone = p.pattern("standalone")
        self.standalone_unwrapped = p.pattern("standalone_unwrapped")
        self.ends_credit = p.pattern("ends_credit")
        self.lexicon = shape_lexicon(shape)
        self.han_pairs: dict[str, bool] = {}  # whether both characters of a pair of the lexicon's are Han
        self.verbs = load_wordlist(p.text("verbs"))
        self.pattern_checks = self._list_pattern_checks()
        self.check_steps = list(enumerate(check.run for check in self.pattern_checks))
        gated = [c.next_needs for c in self.pattern_checks if c.next_needs is not None]
        self.next_gate = _Gate([p for needs in gated for p in needs]) if gated else None
        # the checks left to run on a wrapped page where the gate finds nothing in the next line
        self.ungated_steps = [(k, c.run) for k, c in enumerate(self.pattern_checks) if c.next_needs is None]
        self._order_quick_checks()
        # far more than float rounding can move a sum of these weights
        self.doubt = 1e-9 * (1.0 + sum(map(abs, self.weights.values())))
        self.no_predicate = self.weights.get("no-predicate", 0.0)
        self.last_alone: tuple[object, object, bool] = (None, None, False)  # _stands_alone's last answer

    # --- the rules: what each outcome of a break writes ----------------------

    @handles("para-join-wrap")
    def join_wrapped(self, rule: Rule) -> str:
        """A break between two lines of a block that the evidence joins goes (:meth:`_decide`);
        with the rule off, it stays as printed."""
        return rule.id

    @handles("para-join-break")
    def join_cut(self, rule: Rule) -> str:
        """A break after a blank line that the evidence joins goes; with the rule off, it stays."""
        return rule.id

    @handles("para-break")
    def paragraph_break(self, rule: Rule) -> str:
        """A break the evidence does not join becomes one blank line; with the rule off, it stays."""
        return rule.id

    @handles("para-trim")
    def trim(self, rule: Rule) -> str:
        """Blank lines before the first line go, the text ends with one line break;
        with the rule off, the start and end of the text stay."""
        return rule.id

    # --- reading the page -------------------------------------------------

    def _lines(self, text: str, rows: list[str] | None = None) -> list[_Line]:
        """The non-empty lines of ``text``, grouped in blocks of consecutive lines
        (``rows``: ``text.split("\\n")``, if split already)."""
        out: list[_Line] = []
        append = out.append
        block = -1
        start = 0
        in_block = False
        for row, piece in enumerate(text.split("\n") if rows is None else rows):
            end = start + len(piece)
            if piece.strip() or (piece and not _STRIPPED_NOT_SPACE.isdisjoint(piece)):
                if not in_block:
                    block += 1
                    if out:
                        out[-1].last_in_block = True
                append(_Line(start, end, piece, block, not in_block, False, row))
                in_block = True
            else:
                in_block = False
            start = end + 1
        if out:
            out[-1].last_in_block = True
        return out

    def _printed(self, doc: Document, rows: list[str], lines: list[_Line]) -> tuple[list[str], frozenset[int]]:
        """Each row as it was printed (in the raw input), '' for a blank row; and the rows
        printed right after a page-jump marker that is gone now (``jump_gap``), each printed
        from its raw line's start, the marker's room included."""
        step = len(doc.steps)
        raw_starts = doc.to_raw_all(step, [ln.start for ln in lines], "start")
        raw_ends = doc.to_raw_all(step, [ln.end for ln in lines], "end")
        printed = [""] * len(rows)
        raw = doc.raw
        after_jump = frozenset(
            ln.row for ln, gap_start, gap_end in zip(lines[1:], raw_ends, raw_starts[1:])
            if gap_end - gap_start > JUMP_GAP_MIN and self.jump_gap.search(raw[gap_start:gap_end])
        ) if self.jump_gap_chars.found_in(raw) else frozenset()
        for ln, raw_start, raw_end in zip(lines, raw_starts, raw_ends):
            if ln.row in after_jump:
                # the marker filled the printed line's start: the line is as wide as printed
                raw_start = raw.rfind("\n", 0, raw_start) + 1
            span = raw[raw_start:raw_end]
            if "\n" in span:
                # an edit over several lines (a pair of straight quotes made curly) maps a line
                # inside it to its ends: of the printed lines it spans, the one that reads most
                # like the line now is the line as printed
                chars = set(ln.text)
                span = max(span.split("\n"), key=lambda piece: len(chars.intersection(piece)))
            printed[ln.row] = span
        return printed, after_jump

    def layout(self, doc: Document, lines: list[_Line], rows: list[str] | None = None) -> Layout:
        """Wrapped if most lines sit in multi-line blocks (and read as printed lines, not a
        paragraph a line: :func:`cleanup.roles.read_page`); then each line's role and column
        are read with the widths it was printed at (:func:`cleanup.roles.read_page`),
        otherwise only its role: on an unwrapped page widths decide nothing.

        A page whose lines stand alone between blank lines almost everywhere
        (``line_spaced_share``, a page of ``line_spaced_min_lines`` or more) and read as a column's printed lines once the blank lines are
        left out is wrapped too (:meth:`_line_spaced`): pdfminer writes a blank line after every
        printed line; then the layout's ``lines`` are the lines as read.
        ``rows``: ``doc.text.split("\\n")``, if split already."""
        if rows is None:
            rows = doc.text.split("\n")
        in_blocks = sum(1 for ln in lines if not (ln.first_in_block and ln.last_in_block))
        if in_blocks >= max(2, self.min_wrapped_share * len(lines)):
            return self._read_printed(doc, rows, lines)
        spaced = len(lines) >= self.line_spaced_min_lines and len(lines) - in_blocks >= self.line_spaced_share * len(lines)
        lay = self._line_spaced(doc, lines) if spaced else None
        return lay if lay is not None else Layout(False, own_roles(rows, self.shape))

    def _read_printed(self, doc: Document, rows: list[str], lines: list[_Line]) -> Layout:
        """The layout of ``lines`` read as a column's printed lines, or unwrapped, with the role
        each line shows by itself, where they read as a paragraph a line with no blank line
        between (:func:`cleanup.roles.read_page` reads no more of such a page)."""
        printed, after_jump = self._printed(doc, rows, lines)
        reading = read_page(rows, printed=printed, wrapped=True, cuts_word=self._crosses_word, shape=self.shape,
                            own_if_paragraphs=True)
        if not reading.wrapped:
            return Layout(False, reading.roles)
        body_blocks = frozenset(ln.block for ln in lines if self.body_mark.found_in(ln.text))
        return Layout(True, reading.roles, reading, body_blocks, after_jump, lines[-1].block > 0, printed=printed)

    def _line_spaced(self, doc: Document, lines: list[_Line]) -> Layout | None:
        """The layout of a page that writes a blank line after every printed line, or None if
        the page is not one.  Its lines read as a column's printed lines, not as paragraphs:
        most are shorter than body text (``line_spaced_short``, ``long_line``; this test, the cheapest, turns clean
        text away), hold a mark of body text before their end (``line_spaced_marks``) and
        are cut at a width now and then, not at a paragraph's end (``line_spaced_cuts``): a
        line goes on past a sentence's end and ends none, or a word goes on at the next line's
        start; with the blank lines left out most sit in a column
        (:data:`~cleanup.roles.UNPRINTED_COLUMN_SHARE`), and of those that fill it fewer
        than :data:`~cleanup.roles.UNPRINTED_ENDS_SHARE` end a sentence (a column's full
        lines end one by chance).  Its lines are read as if no blank line stood between
        lines one blank line apart (:meth:`_unspaced`)."""
        n = len(lines)
        long_line = self.long_line
        if sum(1 for ln in lines if ln.end - ln.start < long_line) < self.line_spaced_short * n:
            return None
        texts = [ln.text.strip() for ln in lines]
        if sum(1 for t in texts if self.body_mark.found_in(t[:-1])) < self.line_spaced_marks * n:
            return None
        cuts, stop, ends = self._crosses_word, self.inner_stop.found_in, self.ends_sentence
        if sum(1 for a, b in zip(texts, texts[1:]) if stop(a[:-1]) and not ends(a) or cuts(a, b)) \
                < self.line_spaced_cuts * n:
            return None
        rows, unspaced = self._unspaced(lines)
        lay = self._read_printed(doc, rows, unspaced)
        rd = lay.reading
        if rd is None or sum(1 for ln in unspaced if rd.columns[ln.row]) < UNPRINTED_COLUMN_SHARE * n:
            return None  # a paragraph a line (roles: UNPRINTED_ENDS_SHARE), or no column
        full = [t for ln, t in zip(unspaced, texts) if rd.fills(ln.row)]
        if sum(1 for t in full if ends(t)) >= UNPRINTED_ENDS_SHARE * len(full):  # none full: not a column
            return None
        return Layout(True, lay.roles, rd, lay.body_blocks, lay.after_jump, lay.spaced, unspaced, lay.printed)

    @staticmethod
    def _unspaced(lines: list[_Line]) -> tuple[list[str], list[_Line]]:
        """The rows of a page read with no blank line between lines one blank line apart (its
        other blank lines kept), and its lines so read: in blocks and rows of those rows."""
        rows: list[str] = []
        out: list[_Line] = []
        block = 0
        last_row = lines[0].row - 1
        for ln in lines:
            gap = ln.row - last_row - 1  # blank rows before it
            if gap > 1:
                rows.extend([""] * gap)
                block += 1
                out[-1].last_in_block = True
            first = not out or gap > 1
            out.append(_Line(ln.start, ln.end, ln.text, block, first, False, len(rows)))
            rows.append(ln.text)
            last_row = ln.row
        out[-1].last_in_block = True
        return rows, out

    # --- evidence -----------------------------------------------------------

    def _crosses_word(self, a: str, b: str) -> str:
        """A word of the list that the break cuts through, or ''.

        The search stops as soon as what it holds starts no word.
        """
        lex = self.lexicon
        if not (a and b):
            return ""
        pair = a[-1] + b[0]
        if pair not in lex.pairs:
            return ""
        han = self.han_pairs.get(pair)
        if han is None:
            han = self.han_pairs[pair] = bool(HAN.match(a[-1]) and HAN.match(b[0]))
        if not han:
            return ""
        pairs, prefixes, entry, longest = lex.pairs, lex.prefixes, lex.entries.get, lex.max_len
        n = len(a)
        for k in range(1, min(longest, n + 1)):
            if k > 1 and a[n - k : n - k + 2] not in pairs:
                break  # no word holds these two side by side: none starts with this or a longer end of a
            left = a[-k:]
            if k > 1 and left not in prefixes:
                continue
            for m in range(1, min(longest - k, len(b)) + 1):
                word = left + b[:m]
                cost = entry(word, NO_PREFIX)  # one look-up tells a word, a word's start, or neither
                if cost is NO_PREFIX:
                    break
                if cost is not None:
                    return word
        return ""

    def _ending(self, text: str, nxt: str) -> str:
        """How ``text`` ends, before line ``nxt``: a sentence, a quote, a clause, mid-clause
        or mid-sentence.  An opening quote after a sentence's end (``死的？“``) is a closing
        one that OCR misread, unless ``nxt`` closes a quotation before it opens one: then
        the quotation opens there (…成效。“|十四五”时期…).  So is a digit after a
        sentence's end in an open quotation: the closing quote OCR read as one (“是的。3)."""
        last = text[-1]
        tail = text[-LEAD_IN_CONTEXT:]
        if self.misread_close_chars.found_in(tail) and self.misread_close.search(tail) \
                and not self.closes_quote.search(nxt):
            return "sentence-end"
        if last in self.closers:
            return "sentence-end" if self.ends_sentence(text) else "quote-end"
        if last.isdigit() and self.misread_digit_close.search(tail) and self._quote_open(text):
            return "sentence-end"
        if last in self.sentence_end:  # [sentence_end][closers]*$, with no closer to follow
            return "sentence-end"
        if last in self.soft_end:  # likewise [soft_end][closers]*$
            return "clause-end"
        if last in self.open_end:
            return "mid-clause"
        return "mid-sentence"

    @staticmethod
    def _quote_open(text: str) -> bool:
        """Whether a quotation opened in ``text`` is still open at its end."""
        return text.rfind("“") > text.rfind("”")

    def _headline_evidence(self) -> list[str]:
        """A headline-shaped line.  With no verb it is only part of a headline
        (``我市与汇源集团合作项目`` / ``签约仪式在京举行``): the verb, which takes
        a segmentation, is looked for last (``no-predicate``, :meth:`_all_evidence`)."""
        return ["headline-shape"]

    def _segments_to_a_verb(self, text: str) -> bool:
        """Whether a word of ``text``'s cheapest segmentation is a verb (kept
        for one document in its :class:`Memo`, whose rounds ask again)."""
        return not self.verbs.isdisjoint(self.lexicon.han_words(text))

    def evidence(self, text: str, a: _Line, b: _Line, blank: bool, lay: Layout, after_b: _Line | None,
                 has_verb: Callable[[str], bool] | None = None) -> list[str]:
        """Names of the evidence that fires for the break between ``text`` and line ``b``.

        ``text`` is the paragraph so far: line ``a``, after any lines joined to it;
        ``has_verb`` tells whether a line has a verb (default: segment it).
        """
        shape_ev = self._shape_evidence(text, a, b, blank, lay, after_b)
        return self._all_evidence(text, b, lay, shape_ev, {}, has_verb or self._segments_to_a_verb)

    def _all_evidence(self, text: str, b: _Line, lay: Layout, shape_ev: list[str], found: dict[int, str],
                      has_verb: Callable[[str], bool]) -> list[str]:
        """:meth:`evidence`, from the shape evidence with no verb looked for (``shape_ev``) and
        the pattern checks already run (``found``, by index): :meth:`_weigh_afresh` gathers
        each piece of evidence once, whether or not :meth:`_may_join` ran first.

        The verb is looked for last: ``no-predicate`` comes right after
        ``headline-shape``, which asks for it (:meth:`_headline_evidence`); of the shape
        evidence, only ``next-heading-wider`` asks too, for two heading lines that no
        measure could wrap one onto the other (:meth:`_heading_pair_evidence`).

        On a wrapped page, where every break's evidence is gathered whole, a next line
        that the gate (:class:`_Gate`) finds nothing in skips the checks it would fail.
        """
        nxt, wrapped = b.text, lay.wrapped
        ev = ["next-cannot-start"] if nxt[0] in self.no_start else []
        gate = self.next_gate
        steps = self.ungated_steps if wrapped and gate is not None and not gate.may_pass(nxt) else self.check_steps
        for k, run in steps:
            name = found[k] if k in found else run(text, nxt, wrapped)
            if name:
                ev.append(name)
        ev.extend(shape_ev)
        if "headline-shape" in shape_ev and not has_verb(text):
            ev.insert(ev.index("headline-shape") + 1, "no-predicate")
        return ev

    def _list_pattern_checks(self) -> list[_Check]:
        """The checks of the rule file's patterns, in the order notes list them; with what
        each needs to find in the next line on a wrapped page, where they read no more."""
        needs = self._next_needs
        return [
            _Check(self._check_particle, ("next-starts-particle",), next_needs=needs(self.starts_particle)),
            _Check(self._check_ends_word, ("next-ends-word",), wrapped_only=True,
                   next_needs=needs(self.ends_word, at_start=True)),
            _Check(self._check_unit, ("next-starts-unit", "next-opens", "next-opens-line"),
                   next_needs=needs(self.starts_unit, self.opens)),
            _Check(self._check_lead, ("line-is-lead",)),
            _Check(self._check_alone, ("line-stands-alone", "ends-with-credit")),
            _Check(self._check_next_alone, ("next-stands-alone",), next_needs=needs(self.standalone)),
            _Check(self._check_lead_in, ("lead-in-then-sentence",), next_needs=needs(self.starts_sentence)),
            _Check(self._check_dateline_reporters, ("dateline-reporters",),
                   next_needs=needs(self.reporters_open, at_start=True)),
            _Check(self._check_item, ("item-after-item", "lead-in-then-item"), next_needs=needs(self.item_numeral, at_start=True)),
        ]

    @staticmethod
    def _next_needs(*patterns: ParamPattern, at_start: bool = False) -> tuple[regex.Pattern[str], ...] | None:
        """``patterns`` as :class:`_Check`'s ``next_needs`` (``at_start``: as ``match`` reads them,
        anchored), or None if one is the user's or cannot be anchored."""
        if not all(p.vetted for p in patterns):
            return None
        if not at_start:
            return tuple(p.compiled for p in patterns)
        if not all(is_fusable(p.compiled.pattern) for p in patterns):
            return None
        return tuple(regex.compile(f"^(?:{p.compiled.pattern})", p.compiled.flags) for p in patterns)

    def _order_quick_checks(self) -> None:
        """Order the pattern checks for :meth:`_may_join`, for each layout (wrapped or
        not) the checks that can fire on it: those that can add most first.

        ``quick[wrapped].upside`` is the most all of them can add to a score; each step
        holds the most the checks after it can.
        """
        def upside(check: _Check) -> float:
            return max([0.0] + [self.weights.get(n, 0.0) for n in check.names])

        self.quick = {}
        for wrapped in (False, True):
            order = sorted((k for k, c in enumerate(self.pattern_checks) if wrapped or not c.wrapped_only),
                           key=lambda k: upside(self.pattern_checks[k]), reverse=True)
            checks = [self.pattern_checks[k] for k in order]
            after = [sum(map(upside, checks[k + 1 :])) for k in range(len(checks))]
            self.quick[wrapped] = _Quick(sum(map(upside, checks)),
                                         [(k, c.run, u) for k, c, u in zip(order, checks, after)])

    def _check_particle(self, text: str, nxt: str, wrapped: bool) -> str:
        return "next-starts-particle" if self.starts_particle.search(nxt) else ""

    def _check_ends_word(self, text: str, nxt: str, wrapped: bool) -> str:
        ends_word = wrapped and self.ends_word_chars.found_in(nxt) and self.ends_word.match(nxt)
        return "next-ends-word" if ends_word else ""

    def _check_unit(self, text: str, nxt: str, wrapped: bool) -> str:
        if self.starts_unit.search(nxt) or (not wrapped and self.starts_unit_unwrapped.search(nxt)):
            return "next-starts-unit"
        if self.opens.search(nxt) and not self.inline_open.search(text[-1:] + "\n" + nxt[:1]):
            return "next-opens-line" if wrapped else "next-opens"
        if not wrapped and len(nxt) >= self.long_line and self.opens_unwrapped.search(nxt):
            # a whole paragraph opening with someone speaking, not a line of a page printed with
            # blank lines between its lines (…市长贺海 | 东表示，将与…, …总架构师 | 张鹏表示，首府将深化)
            return "next-opens"
        return ""

    def _check_lead(self, text: str, nxt: str, wrapped: bool) -> str:
        """A lead cut in its first sentence (本报讯（记者 云静）2月11日上午，| 会议召开…) goes on;
        one as long as a body line with no sentence's end is a sentence OCR lost the end of."""
        lead = not self.inner_stop.found_in(text) and self.lead.search(text) and len(text) < self.long_line
        return "line-is-lead" if lead else ""

    def _check_alone(self, text: str, nxt: str, wrapped: bool) -> str:
        if self._stands_alone(text, wrapped):
            return "line-stands-alone"
        if self.ends_credit.search(text[-CREDIT_CONTEXT:]):
            return "ends-with-credit"
        return ""

    def _check_lead_in(self, text: str, nxt: str, wrapped: bool) -> str:
        """A line that ends leading in (``：``, ``——``) before a line that starts a sentence
        of its own (an opening quote) or a list item: the two are apart."""
        tail = text[-LEAD_IN_CONTEXT:]
        if self.leads_in_chars.found_in(tail) and self.leads_in.search(tail) and self.starts_sentence.search(nxt):
            return "lead-in-then-sentence"
        return ""

    def _check_item(self, text: str, nxt: str, wrapped: bool) -> str:
        """A line opening with a list item's numeral (``item_numeral``) after a paragraph that opens
        with the numeral before it, printed alike, and ends a clause or sentence (（一）… | （二）…,
        1. …； | 2. …), or the first item after a lead-in (…如下：| 1. …): the two are apart."""
        nxt_item = self.item_numeral.match(nxt)
        if nxt_item is None:
            return ""
        nxt_number = item_number(nxt_item.group("n"))
        if nxt_number == 1 and self.leads_in.search(text[-LEAD_IN_CONTEXT:]):
            return "lead-in-then-item"
        item = self.item_numeral.match(text)
        if item is None or nxt_number is None or self._ending(text, nxt) not in ("sentence-end", "clause-end"):
            return ""
        if item_number(item.group("n")) != nxt_number - 1 or _item_frame(item) != _item_frame(nxt_item):
            return ""
        return "item-after-item"

    def _check_dateline_reporters(self, text: str, nxt: str, wrapped: bool) -> str:
        """A dateline ending its line before its reporters in brackets (新华社赤峰9月22日电 | （记者 沈洋军
        崔丹琳）): the two are one lead, not a dateline and an author's tag standing alone."""
        if self.reporters_open.search(nxt) and self.dateline_ends.search(text[-JOIN_CONTEXT:]):
            return "dateline-reporters"
        return ""

    def _check_next_alone(self, text: str, nxt: str, wrapped: bool) -> str:
        return "next-stands-alone" if self._stands_alone(nxt, wrapped) else ""

    def _stands_alone(self, line: str, wrapped: bool) -> bool:
        """Whether ``line`` is a paragraph of its own (``standalone``, on an unwrapped page
        ``standalone_unwrapped`` too).  The last answer is kept: a break's next line is,
        unjoined, the line before the next break (one tuple, so threads sharing the
        stage read a whole answer or miss)."""
        last = self.last_alone
        if last[0] is line and last[1] is wrapped:
            return last[2]
        alone = bool(self.standalone.search(line) or (not wrapped and self.standalone_unwrapped.search(line)))
        self.last_alone = (line, wrapped, alone)
        return alone

    def _shape_evidence(
        self, text: str, a: _Line, b: _Line, blank: bool, lay: Layout, after_b: _Line | None,
    ) -> list[str]:
        """The evidence of how the lines end, cut a word and sit on the page
        (the verb not looked for: see :meth:`_headline_evidence`)."""
        nxt = b.text
        ending = self._ending(text, nxt)
        if ending == "mid-clause" and not lay.wrapped and self.leads_in.search(text[-LEAD_IN_CONTEXT:]):
            ending = "lead-in-end"  # a paragraph of its own that ends leading in: 决定：, 包括：
        ev = [ending]
        if nxt[0] in self.no_start and self.debris_after_sentence.search(text[-1] + "\n" + nxt[0]) \
                and not self._quote_open(text):  # “…能力。| ，他说: the closing quote OCR lost
            ev.append("next-debris")  # …治理能力。| 、、 、 蒙古信息园…
        if text is a.text and (self._scattered(text) or lay.printed is not None
                               and self._printed_scattered(lay.printed[a.row])):
            ev.append("line-scattered")
        if ending == "mid-sentence" and text[-1] in self.function_end:
            ev.append("ends-function-word")
        word = self._crosses_word(text, nxt)
        if word:
            ev.append(f"word:{word}")
        if ending != "sentence-end" and len(nxt) <= self.tail_max and self.ends_sentence(nxt) \
                and not self.inner_stop.found_in(nxt[:-1]):  # a sentence ended has no tail to come
            ev.append("next-is-tail")
        if self._is_phrase_title(text, a, b, lay):
            ev.append("next-phrases")
        if lay.wrapped:
            ev.extend(self._wrapped_evidence(text, ending, a, b, blank, lay, after_b))
            return ev
        ra, rb = lay.roles[a.row], lay.roles[b.row]
        if ra in _APART_UNWRAPPED or rb in _APART_UNWRAPPED:
            ev.extend(self._roles_apart(ra if ra in _APART_UNWRAPPED else _BODY,
                                        rb if rb in _APART_UNWRAPPED else _BODY))
        ev.extend(self._unwrapped_evidence(text, nxt, ending))
        body = len(text) >= self.long_line or self.inner_stop.found_in(text[:-1])
        if body and self._marked_headline(text):
            body = False
            ev.append("short-with-marks")
        elif body:
            ev.append("body-line")
        elif self.headline_like(text):
            ev.extend(["short-with-commas"] if self.has_comma.found_in(text) else self._headline_evidence())
        elif ending == "mid-sentence" and not word and len(text) <= self.shape.joined_headline_max \
                and self.headline_colons.found_in(text[1:-1]) and self.vocab.marked_heading(text):
            ev.append("long-with-colon")  # a headline's length, its clauses set apart by a colon
        if ending == "mid-sentence" and text[-1] not in self.function_end and after_b is not None \
                and not word and self.headline_like(nxt) and not self.body_mark.found_in(nxt) \
                and (body or self.body_mark.found_in(text[:-1]) and not self.headline_like(text)) \
                and not self.starts_particle.search(nxt) and not self._starts_conjunction(nxt):
            # body text (a body line, or a paragraph too long for a headline with a comma in it)
            # before a line that is not the rest of a word, a clause or a headline
            if lay.roles[after_b.row] in HEADED:
                ev.append("next-headline-over-byline")
            elif dash_led(after_b.text) and self.headline_like(after_b.text):
                ev.append("next-headline-over-subheadline")
            elif self._heads_body(nxt, after_b.text):
                ev.append("next-headline-over-body")
        return ev

    def _marked_headline(self, text: str) -> bool:
        """Whether ``text``, a paragraph with a sentence's end inside it, may be a headline all the same:
        short, its marks inside only those a headline's clauses end with (``headline_marks``: 补壹刀：别笑！
        18人的“新八国联军”今天成立了), none closing a quotation (a sentence quoted in prose: “唉唉，见面
        不见面了呢？”这时我已知道), and a headline's shape but for them (the roles' ``marked_heading``:
        no full stop nor semicolon, not ending open, every bracket and quote closed)."""
        if len(text) > self.headline_max or not self.vocab.marked_heading(text):
            return False
        inner = text[:-1]
        return all(c in self.headline_marks and text[k + 1] not in self.closers
                   for k, c in enumerate(inner) if c in self.sentence_end)

    def _is_phrase_title(self, text: str, a: _Line, b: _Line, lay: Layout) -> bool:
        """Whether ``b`` is a title's line of phrases set apart by blanks (``phrases``) after body text:
        the line before holds a mark of body text and leaves no quotation nor book's title open (a
        title quoted in a sentence: “草原儿女心向党 同心共筑中国梦”, ‘春暖花开 职位你来’), the break cuts
        no reporter's title (a byline's names: 本报记者 徐霞，通 | 讯员 蔡晶婧), and on a printed page ``b`` stops short of its
        column (a body line that OCR read a mark of as a blank fills it: 的通报》 对在市场监)."""
        if not self.phrases_chars.found_in(b.text) or lay.roles[a.row] is not _BODY \
                or lay.roles[b.row] is not _BODY or not self.phrases.fullmatch(b.text):
            return False
        if not self.body_mark.found_in(a.text) or self._title_open(text) or self._cuts(self.cut_reporter, text, b.text):
            return False
        return lay.reading is None or not lay.reading.fills(b.row)

    def _title_open(self, text: str) -> bool:
        """Whether a quotation or a book's title (``title_quotes``) opened in ``text`` is still open
        at its end: not only “, also ‘, 《, 「 and 『 (举办‘ | 春暖花开 职位你来 | ’等…)."""
        return any(text.rfind(o) > text.rfind(c) for o, c in self.title_quotes)

    def _heads_body(self, line: str, after: str) -> bool:
        """Whether ``line``, a paragraph of a headline's shape after body text that OCR left without
        its end (:meth:`_shape_evidence`), heads the whole paragraph of body text ``after`` it (as long
        as a body line, ending a sentence): it is longer than a heading's tail, has a verb, ends on
        no function word and with no blank in it (a column's pieces, letter-spaced: 举 办 第 二 届),
        and the break after it cuts no word nor leaves ``after`` a particle, a conjunction or a mark
        to start with (…幼儿园不得推迟放假或提前开学 | 2023年我区商务运行总体平稳 | 消费促进…。).
        The tail of a paragraph cut in two would have lost its end too; the pieces of a page whose
        columns a reader mixed are as short as a line."""
        if len(after) < self.long_line or not self.ends_sentence(after) or len(line) <= self.tail_max \
                or line[-1] in self.function_end or " " in line:
            return False
        return after[0] not in self.no_start and not self.starts_particle.search(after) \
            and not self._starts_conjunction(after) and not self._crosses_word(line, after) \
            and not self._segment_cuts(line, after) and self._segments_to_a_verb(line)

    def _scattered(self, line: str) -> bool:
        """Whether ``line`` is marks scattered across the page, wide blanks between them, none
        with ``scatter_han`` Han characters: a masthead's or a picture's debris that OCR read
        (=   seoz吉JE《>, <   忆   二   <和), not text wrapping onto the next line."""
        pieces = self._scatter_pieces(line)
        return pieces is not None and self._few_han(pieces)

    def _printed_scattered(self, line: str) -> bool:
        """Whether ``line``, a row as printed, is scattered (:meth:`_scattered`) with three pieces
        or more, or pieces of ``PRINTED_PIECE_MAX`` characters at most.  Normalizing squeezes the
        blanks between Han and Latin or digits (SA 车 FL5     包       人  66   幼回 >》 is SA车FL5包
        人66幼回 >》; 张                      提 is 张 提); but it rightly took out the one after an
        opening bracket, before a Latin term ((         Filipendula | ulmaria))."""
        pieces = self._scatter_pieces(line)
        if pieces is None or not self._few_han(pieces):
            return False
        filled = [p for p in pieces if p]
        return len(filled) > 2 or all(len(p) <= PRINTED_PIECE_MAX for p in filled)

    def _few_han(self, pieces: list[str]) -> bool:
        return all(len(HAN.findall(p)) < self.scatter_han for p in pieces)

    def _scatter_pieces(self, line: str) -> list[str] | None:
        """The pieces of ``line`` between wide blanks (``scatter_gap``), or None if it has none."""
        if not self.scatter_gap_chars.found_in(line):
            return None  # no gap can be found in it
        ends = [0] + [x for g in self.scatter_gap.finditer(line) for x in g.span()] + [len(line)]
        return [line[s:e] for s, e in zip(ends[::2], ends[1::2])] if len(ends) > 2 else None

    def _unwrapped_evidence(self, text: str, nxt: str, ending: str) -> list[str]:
        """On a page of one paragraph per line, what shows a paragraph ending where its
        line does: a short list item before another, a document's title, a dialogue's turn."""
        ev = []
        short = self.list_item_max
        if len(text) <= short and len(nxt) <= short and text[-1] in self.list_marks \
                and (nxt[-1] in self.list_marks or self.ends_sentence(nxt)) \
                and not self.body_mark.found_in(text[:-1]) and not self.body_mark.found_in(nxt[:-1]):
            ev.append("short-list-item")
        if ending == "mid-sentence" and not self.sentence_mark.found_in(text) and self.title_end.search(text):
            ev.append("ends-title")
        turn = text[-JOIN_CONTEXT:] + "\n" + nxt[:1]
        if self.quote_turn_chars.found_in(turn) and self.quote_turn.search(turn):
            ev.append("quote-turn")
        return ev

    def _may_join(self, text: str, a: _Line, b: _Line, blank: bool, lay: Layout, after_b: _Line | None,
                  has_verb: Callable[[str], bool] | None = None) -> bool:
        """False if the break's score cannot get above 0, whatever the checks not yet run say.

        The cheap evidence is scored first; then the pattern checks run, those
        that can add most first, only while what they could still add might
        tip the score; last, a headline-shaped line's verb is looked for (it
        takes a segmentation), only if ``no-predicate`` could still tip it.
        The margin ``self.doubt`` covers float rounding (the sums run in
        another order than :meth:`evidence`'s): a False here is never wrong.
        """
        return self._may_tip(text, b, lay, self._shape_evidence(text, a, b, blank, lay, after_b), {}, has_verb)

    def _may_tip(self, text: str, b: _Line, lay: Layout, shape_ev: list[str], found: dict[int, str],
                 has_verb: Callable[[str], bool] | None) -> bool:
        """:meth:`_may_join` from the shape evidence with no verb looked for (``shape_ev``);
        the result of each pattern check it runs goes into ``found``, by its index."""
        no_predicate = self.no_predicate if "headline-shape" in shape_ev else 0.0
        verb_upside = max(0.0, no_predicate)
        weight_of = self.weight_of
        score = sum(map(weight_of.__getitem__, shape_ev))
        nxt, wrapped, least = b.text, lay.wrapped, -self.doubt
        if nxt[0] in self.no_start:
            score += weight_of["next-cannot-start"]
        quick = self.quick[wrapped]
        if score + quick.upside + verb_upside <= least:
            return False
        for k, run, upside_after in quick.steps:
            name = found[k] = run(text, nxt, wrapped)
            if name:
                score += weight_of[name]  # a check's names hold no ':': the name's own weight
            if score + upside_after + verb_upside <= least:
                return False
        if no_predicate and not (has_verb or self._segments_to_a_verb)(text):
            score += no_predicate
        return score > -self.doubt

    def _weigh(
        self, text: str, a: _Line, b: _Line, blank: bool, lay: Layout, after_b: _Line | None, may_skip: bool,
        memo: Memo,
    ) -> _Verdict:
        """The break's score and note; if ``may_skip``, perhaps only that it cannot join.

        On an unwrapped page the evidence reads only ``text`` and ``b.text``, and
        the paragraph after ``b`` with the role it shows by itself (``a``, ``blank``
        and widths count on wrapped pages only), and the next
        round asks again of every paragraph left as it was: the verdicts are
        remembered by those three.  Only while no join is pending
        (``text`` is line ``a``): a key holding each longer paragraph so far
        would keep every prefix of a long paragraph alive, memory quadratic
        in its length.
        """
        if lay.wrapped or text is not a.text:
            return self._weigh_afresh(text, a, b, blank, lay, after_b, may_skip, memo)
        key = (text, b.text, (lay.roles[after_b.row], after_b.text) if after_b is not None else None)
        verdict = memo.verdicts.get(key)
        if verdict is None or verdict is _CANNOT_JOIN and not may_skip:
            verdict = memo.verdicts[key] = self._weigh_afresh(text, a, b, blank, lay, after_b, may_skip, memo)
        return verdict

    def _weigh_afresh(
        self, text: str, a: _Line, b: _Line, blank: bool, lay: Layout, after_b: _Line | None, may_skip: bool,
        memo: Memo,
    ) -> _Verdict:
        """:meth:`_weigh` with no memo; each piece of evidence is gathered once, also when
        :meth:`_may_join`'s test runs first and cannot rule the join out."""
        shape_ev = self._shape_evidence(text, a, b, blank, lay, after_b)
        found: dict[int, str] = {}
        if may_skip and not self._may_tip(text, b, lay, shape_ev, found, memo.has_verb):
            return _CANNOT_JOIN
        ev = self._all_evidence(text, b, lay, shape_ev, found, memo.has_verb)
        score = self._score(ev)
        return _Verdict(score, _score_head(score) + ", ".join(ev))

    def _score(self, ev: list[str]) -> float:
        return sum(map(self.weight_of.__getitem__, ev))

    def _wrapped_evidence(
        self, text: str, ending: str, a: _Line, b: _Line, blank: bool, lay: Layout, after_b: _Line | None,
    ) -> list[str]:
        """Evidence of a printed page: blank lines, the lines' roles, and how they sit in
        their column (a line stopping short of it ends a paragraph, unless it is a
        paragraph's indented first line; a sentence, a clause or a lead-in ending before an
        indented line does, and so does a heading-shaped line of its own, :meth:`_heads_indented`)."""
        ev: list[str] = ["blank-line" if blank else "no-blank-line"]
        if b.row in lay.after_jump:
            ev.append("after-jump")
        rd = lay.reading
        assert rd is not None  # a wrapped page's layout is read whole
        i = a.row
        if rd.roles[i] in HEADINGS and rd.roles[b.row] in _GO_ON_HEADINGS:
            return ev + self._heading_pair_evidence(text, a, b, blank, rd, after_b, lay.spaced)
        ev.extend(self._role_evidence(text, a, b, rd))
        if not rd.columns[i]:  # too few lines to learn a column from
            if a.block in lay.body_blocks and not a.last_in_block:
                ev.append("in-body-block")
            elif self.body_mark.found_in(text[:-1]):
                ev.append("body-line")
            elif self.headline_like(text):
                ev.extend(self._headline_evidence())
            return ev
        if rd.fills(i, b.text):
            ev.append("fills-column")
            if ending == "sentence-end" and b.text[0] == "“" \
                    and self.quote_turn_wrapped.search(text[-JOIN_CONTEXT:] + "\n" + b.text[:1]):
                ev.append("next-quote-turn")  # a quotation ended, another opens: the next speaker's turn
            if ending == "sentence-end" and not rd.indent and self.item_numeral.match(text):
                ev.append("item-ends")  # a list item's sentences end with it, most often (where the page
                # indents, the next line's indent tells: next-indented)
        elif ending == "sentence-end" and self._fills_but_for_lost_closer(text, i, rd):
            ev.append("closer-lost")
        elif text is not a.text:
            ev.append("short-line")
        else:  # the paragraph's first line: it may be indented, and a dateline's goes on
            indented = rd.indented(i, b.text) or rd.roles[i] is _DATELINE
            ev.append("first-line-indented" if indented else "short-first-line")
        if ending in ("sentence-end", "clause-end") and b.last_in_block and self._heading_alone(b, rd):
            ev.append("next-heading-alone")
        elif ending == "mid-sentence" and rd.roles[i] is _BODY and self._heading_ends_block(text, a, b, rd, after_b):
            ev.append("heading-ends-block")
        if after_b is not None and (ending in ("sentence-end", "clause-end") or ending == "mid-clause"
                                    and self.leads_in.search(text[-LEAD_IN_CONTEXT:])):
            # the line printed after it, which may have pushed its first character down (扩|容、):
            # the next line, or the one after a blank line, which OCR sets between a block's lines
            nxt = after_b.text if after_b.row <= b.row + 2 else None
            if rd.indented(b.row, nxt) and rd.roles[b.row] is _BODY:
                ev.append("next-indented")
        elif ending == "mid-sentence" and self._heads_indented(text, a, b, rd, after_b):
            ev.append("heading-over-indented")
        return ev

    def _fills_but_for_lost_closer(self, text: str, i: int, rd: PageReading) -> bool:
        """Whether line ``i``, ending ``text`` with a sentence's end inside a quotation its sentence
        opened, stops short of its column by no more than the closing quote OCR lost (…“这些5G芯片均属
        于一个 | 起步产品，它的好处是快。| 张严如此评价。): the quotation goes on, the paragraph too."""
        if not self._quote_open(text) or not rd.columns[i] or rd.room(i) > rd.tolerance + CLOSER_WIDTH:
            return False
        return not any(c in self.sentence_end for c in text[text.rfind("“"):-1])

    def _heading_alone(self, b: _Line, rd: PageReading) -> bool:
        """Whether line ``b``, the last of its block (a blank line or the page's end after it), is a
        heading there: short of its column, shaped like a headline, with no mark of body text and no
        closer at its end.  A paragraph's last line ends with a mark, and a paragraph cut by a column's
        end fills its last line: after a sentence's end such a line starts nothing of the body
        (…解决项目建设资金难题。| 同比增长183.3% ||)."""
        return rd.short(b.row) and self.headline_like(b.text) and not self.body_mark.found_in(b.text) \
            and b.text[-1] not in self.closers

    def _heading_ends_block(self, text: str, a: _Line, b: _Line, rd: PageReading, after_b: _Line | None) -> bool:
        """Whether line ``a``, a paragraph of its own under other lines of its block and the last
        of it (a blank line after it), is a heading there, over an indented line that opens the next
        block: shaped like a headline, with no mark of body text, no closer at its end, no quotation
        nor book's title left open, and no word across the break.  OCR sets a headline printed
        under an article's last line in that article's block (…都有什么特征呢? | 鼓励传统产业树立互联网
        思维 || 记者统计，…); a column's last line that a blank line cuts from the next column's
        first goes on into a full line (…人民币。| 随着呼和浩特国家级互联网骨干 || 直联点、…), and a
        paragraph's first line there into its last line, a sentence's tail that holds a mark before its end
        (今年以来全市新增市场主体 || 两万余户，同比增长一成。)."""
        if text is not a.text or a.first_in_block or not a.last_in_block or after_b is None \
                or after_b.block != b.block:
            return False
        return self.headline_like(text) and not self.body_mark.found_in(text) and text[-1] not in self.closers \
            and not self._title_open(text) and not self._crosses_word(text, b.text) \
            and not (self.ends_sentence(b.text) and self.body_mark.found_in(b.text[:-1])) \
            and rd.indented(b.row, after_b.text)

    def _heads_indented(self, text: str, a: _Line, b: _Line, rd: PageReading, after_b: _Line | None) -> bool:
        """Whether line ``a``, a line of its own shaped like a heading (no mark of body text,
        no quotation left open) that the page reads as body, stands over a paragraph's
        indented first line: ``b`` is as short as the page's indent, the line under it fills
        the column, and the break cuts no word nor leaves a sentence's tail to ``b`` (``b``'s
        width no digit or Latin letter makes uncertain; ``a`` may hold digits, 签约总额202.6亿元 |
        招商引资质效显著提升。制 | …, but not end with one: 一季度光伏发电量528 | 亿千瓦时，… cuts
        a number from its unit; a Latin word at its end is whole: 强大如Google | 但记者注意到，…).  A subhead of the body, set in the
        body's type, is as wide as a body line and OCR keeps no blank line from it
        (…重点项目。| 全员招商的战旗迎风飘扬 | 签约前，包钢一行与旭阳 | 集团董事长…); a line
        cut in a quotation it opens is no heading (推进退役军人“一件 | 事一次办”…).

        ``b`` must be short by the indent in characters too: a full line one character short
        (the one pushed down to keep a mark from starting the next line) whose marks print
        narrow only looks as short (印发了 | 《数字经济发展三年行动方 | 案》，…).  And it must
        end no sentence, clause or quotation: then it may be a paragraph's last line, and the
        line under it the next one's first, which a list's short lines make the page read as
        full (劳动合同文本由用人单位 | 和劳动者各执一份。| 第十七条 劳动合同应当)."""
        if text is not a.text or after_b is None or after_b.row != b.row + 1:
            return False
        if self.body_mark.found_in(text) or not self.headline_like(text) or self._quote_open(text):
            return False
        if rd.roles[a.row] is not _BODY or rd.roles[b.row] is not _BODY:
            return False
        if self.inner_stop.found_in(b.text[:TAIL_AT_START]) or NARROW_CHARS.search(b.text) or text[-1].isdigit() \
                or b.text[-1] in rd.vocab.inner_stops or self._crosses_word(text, b.text):
            return False
        return rd.indented(b.row, after_b.text) and rd.room_pairs[b.row][1] >= rd.indent - INDENT_TOLERANCE \
            and rd.fills(after_b.row)

    def _role_evidence(self, text: str, a: _Line, b: _Line, rd: PageReading) -> list[str]:
        """The roles of the two lines (:mod:`cleanup.roles`): a line of a role that stands
        alone ends its paragraph, one that starts a paragraph starts one; but a
        heading, caption, dateline or byline may wrap onto its next line, and a byline or
        credit that the break cuts inside a reporter's title goes on (通讯 | 员 黄晓)."""
        ra, rb = rd.roles[a.row], rd.roles[b.row]
        if rb is _JUMP and self._cuts_jump(text, b.text):
            return ["jump-cut"]
        if (ra is _CAPTION and rd.wide(a.row) and not self.standalone.search(b.text)) \
                or (ra is _DATELINE and rb is _DATELINE) \
                or self.open_byline.search(text[-JOIN_CONTEXT:]) and self.name_start.search(b.text) or (rb in _TITLED and self._cuts(self.cut_title, text, b.text)) \
                or (ra in _TITLED and self._cuts(self.cut_reporter, text, b.text)) or (
                    ra in _NAMES_WRAP and (rd.fills(a.row, b.text) and self.name_tail.fullmatch(b.text.strip())
                                           or self.credit_tail.fullmatch(b.text)
                                           or self.name_cut.search(text[-JOIN_CONTEXT:] + "\n" + b.text.strip()))):
            return ["line-wraps"]
        if ra is _CAPTION and rb is _CAPTION:
            return []  # one caption's lines: how they fill their column tells
        # the role of the line beside a headline, if one of the two is a headline
        beside_headline = rb if ra is _HEADLINE else ra if rb is _HEADLINE else None
        if beside_headline is not None and beside_headline not in HEADINGS and (
                self.starts_particle.search(b.text) or self._starts_conjunction(b.text)):
            # a headline neither goes on into nor starts with a particle or a conjunction
            # (…新设外商投资企业 | 145家，…, …布洛芬于1956年 | 和1959年…): body text read as one
            # (a dash-led sub-headline is one whatever follows: OCR sets one inside a sentence)
            return ["heading-goes-on"] + self._roles_apart(_BODY if ra is _HEADLINE else ra,
                                                           _BODY if rb is _HEADLINE else rb)
        return self._roles_apart(ra, rb)

    @staticmethod
    def _cuts(pattern: ParamPattern, text: str, nxt: str) -> bool:
        """Whether ``pattern`` matches across the break, within :data:`TITLE_CUT` characters of its
        end on the line before (and a few more on the next)."""
        tail = text[-TITLE_CUT:]
        m = pattern.search(tail + nxt[:TITLE_CUT + 3])
        return m is not None and m.start() < len(tail) < m.end()

    def _starts_conjunction(self, text: str) -> bool:
        """Whether ``text`` starts with a conjunction that is a word of its own before a word
        or a number (和1959年…, 并致辞, 和财政厅; not 与此同时, 和平, 并且, nor the first
        character of a name the list lacks, read as characters one by one: 和林格尔县)."""
        if not self.starts_conjunction.search(text):
            return False
        run = HAN_RUN.match(text)
        if run is None:
            return False
        words = self.lexicon.segment(run.group()[:WORD_CONTEXT])
        name = words[1 : NAME_CHARS + 1]
        return len(words[0]) == 1 and not (len(name) == NAME_CHARS and all(len(w) == 1 for w in name))

    def _cuts_jump(self, text: str, nxt: str) -> bool:
        """Whether the break cuts a bracketed page-jump marker after its opening bracket
        (…个人。（下 | 转第3版）): joined, the marker goes whole (debris)."""
        tail = text[-JOIN_CONTEXT:]
        m = self.cut_jump.search(tail + nxt.strip())
        return m is not None and m.start() < len(tail)

    def _heading_pair_evidence(self, text: str, a: _Line, b: _Line, blank: bool, rd: PageReading,
                               after_b: _Line | None, spaced: bool = False) -> list[str]:
        """Two heading lines: one heading wrapped, or two headings (a headline and its
        sub-headline, say)?  A heading line as wide as the page's headlines wrap at (or
        as its column), or one with no verb, goes on; so does a tail of a character or two.
        Two lines no measure could have wrapped one onto the other are two headings
        (:meth:`_too_wide_for`).  A blank line between the two, the second wrapping onto a
        heading line with none between, sets two headings apart: one heading's lines are
        spaced alike (既要盯着新的项目 || 我市云春雷获评工|作表现突出个人); but OCR spaces a
        dash-led sub-headline's lines unevenly (一一访呼和浩特经济 || 技术开发区党工委书|记刘占英).
        On a page whose blocks blank lines set apart (``spaced``: OCR sets each type apart), a
        heading's first line as wide as the next, in one block, goes on into it, whatever
        word the list lacks (我市工业投资提质增|效发展潜力不断增强), unless the next opens an
        item of a list (``opens_item``: 一是加强组织领导 | 二是强化责任落实)."""
        ev = ["heading-pair"] + self._headline_evidence()
        if a.row in rd.heading_runs and b.row <= a.row + 2:
            ev.append("heading-run")  # one headline's lines in its type, marks and all (roles)
        c = after_b if after_b is not None and after_b.row == b.row + 1 else None
        if blank and c is not None and rd.roles[a.row] is not _SUBHEADLINE and rd.roles[c.row] in _GO_ON_HEADINGS:
            ev.append("blank-before-heading-block")
        whole = not self._crosses_word(a.text, b.text)  # OCR may lose or add a character in a cut word
        if whole and self._too_wide_for(b.row, b.text, a.row, b.text, rd) and self._segments_to_a_verb(text):
            ev.append("next-heading-wider")  # a line with no verb may be the first half (全力以赴|稳经济促发展保民生)
        elif whole and c is not None and self._wraps_onto(b, c, rd) and self._too_wide_for(a.row, a.text, b.row, c.text, rd):
            ev.append("next-heading-wraps-narrower")
        elif whole and self._ends_heading(text, a, b, rd):
            ev.append("heading-ended")
        elif (rd.heading_full(a.row, b.text) or (rd.fills(a.row, b.text) and not rd.wide(a.row))) \
                and not (self._set_across(a.row, rd) and not rd.wide(a.row)):
            ev.append("heading-wraps")
        elif self._wraps_again(a.row, b.row, rd, self.heading_tail):
            ev.append("heading-wraps-again")
        elif whole and not blank and c is not None and self._wraps_as_next(a, b, c, rd):
            ev.append("heading-wraps-as-next")
        elif spaced and not blank and text is a.text and abs(rd.widths[a.row] - rd.widths[b.row]) <= 0.5 \
                and not self.opens_item.search(b.text):
            ev.append("heading-wraps-in-block")
        if not whole and self._segment_cuts(a.text, b.text):
            ev.append("heading-cuts-word")  # 开启中国式现代|化的新长征: the cheapest reading runs on
        if len(b.text.strip()) <= self.heading_tail or rd.widths[b.row] <= self.heading_tail or (
                rd.wide(a.row) and word_tail(b.text)):
            ev.append("next-heading-tail")  # 竣|工, or digits as narrow: 总死亡率降低|14%; under a
            # line set across the columns, a word (…每小时收入 | 近千元: no heading under it is so short)
        return ev

    def _ends_heading(self, text: str, a: _Line, b: _Line, rd: PageReading) -> bool:
        """Whether heading line ``a``, which the heading line over it wrapped onto, ends its
        heading: that line is too wide to share a measure with ``a`` followed by ``b``, which
        would have fit (习近平向哈萨克斯坦总|统托卡耶夫致口信 || 工业技改投资同比); a tail of a
        character or two goes on all the same (OCR splits a heading's last line: 减外|心)."""
        if text is a.text or len(b.text.strip()) <= self.heading_tail:
            return False
        k = a.row - 1
        while k >= 0 and not rd.counts[k]:
            k -= 1
        if k < 0 or rd.roles[k] not in HEADINGS:
            return False
        over = text[: len(text) - len(a.text)].rstrip()[-rd.counts[k]:]
        return self._too_wide_for(k, over, a.row, b.text, rd)

    def _segment_cuts(self, a: str, b: str) -> bool:
        """Whether the cheapest segmentation of the text around the break between ``a`` and
        ``b`` puts a word across it (:meth:`~cleanup.wordlists.Lexicon.cuts`)."""
        return self.lexicon.cuts(a, b, WORD_CONTEXT)

    @staticmethod
    def _set_across(i: int, rd: PageReading) -> bool:
        """Whether heading line ``i`` stands in a run of heading lines one of which is wider
        than its column: a stack set across columns, whose lines wrap at the page's width,
        not at the column's nor at the width the page's headlines in a column wrap at."""
        run = range(i, -1, -1), range(i + 1, len(rd.roles))
        for rows in run:
            for k in rows:
                if rd.roles[k] not in HEADINGS:
                    break
                if rd.wide(k):
                    return True
        return False

    @staticmethod
    def _too_wide_for(i: int, text: str, k: int, nxt: str, rd: PageReading) -> bool:
        """Whether line ``i`` (its text ``text``) is too wide to share a measure with line
        ``k`` followed by a line starting ``nxt`` (the line ``k`` wraps onto): ``k`` and the
        first unit of ``nxt`` would fit in it, so ``k`` would not have wrapped there.  Slack on both
        sides: Latin letters, digits and blanks print at widths only roughly known, and
        quotes and brackets may print half as wide as a cell (“快车道”)."""
        narrow = NARROW_MARK_WIDTH * sum(map(text.count, NARROW_MARKS))
        return rd.widths[i] - rd.slack[i] - narrow >= rd.widths[k] + rd.slack[k] + first_unit_width(nxt)

    def _wraps_onto(self, b: _Line, c: _Line, rd: PageReading) -> bool:
        """Whether heading line ``b`` surely wraps onto heading line ``c``: ``c`` is a
        tail of a character or two, or ``b`` is as wide as the page's headlines wrap at
        and ``c``, a heading line the page does not read as a sub-headline, is no wider."""
        if rd.roles[c.row] not in _GO_ON_HEADINGS:
            return False
        return len(c.text.strip()) <= self.heading_tail or (
            rd.heading_full(b.row) and rd.widths[c.row] <= rd.widths[b.row] + 0.5)

    @staticmethod
    def _wraps_again(i: int, k: int, rd: PageReading, tail: int) -> bool:
        """Whether heading line ``i``, under a heading line about as wide, wraps again onto
        line ``k``, no wider, that ends the run of heading lines (or a tail of ``tail``
        characters does): a headline of three lines or more fills each but its last
        (自治区3个集体1名|个人获市场监管总局|通报表扬), however many headlines of the page wrap there."""
        h, after = i - 1, k + 1
        if h < 0 or rd.roles[h] not in (_HEADLINE, Role.KICKER) or rd.roles[i] is _SUBHEADLINE:
            return False
        ends_run = after >= len(rd.roles) or rd.roles[after] not in HEADINGS \
            or rd.counts[after] <= tail
        return ends_run and abs(rd.widths[i] - rd.widths[h]) <= WRAP_AGAIN_WIDTH \
            and rd.widths[k] <= rd.widths[i] + 0.5

    def _wraps_as_next(self, a: _Line, b: _Line, c: _Line, rd: PageReading) -> bool:
        """Whether heading line ``a`` is as wide as heading line ``b`` under it (no narrower by
        half a cell: 数据量超22亿 | 智慧停车系统建|成后 are two headings), which wraps onto
        heading line ``c`` (cutting a word, onto a tail of a character or two, or onto a last
        line of the run less than half as wide), no blank line between: ``a`` is as full at
        that measure (抓产业 塑品牌 保民生 | 推动各项工作提速提|质增效, however wide the page's
        other headlines wrap)."""
        if rd.roles[c.row] not in _GO_ON_HEADINGS:
            return False
        after = c.row + 1
        last = after >= len(rd.roles) or rd.roles[after] not in _GO_ON_HEADINGS
        onto = len(c.text.strip()) <= self.heading_tail or self._crosses_word(b.text, c.text) \
            or self._segment_cuts(b.text, c.text) or (last and rd.widths[c.row] < rd.widths[b.row] / 2)
        wa, wb = rd.widths[a.row], rd.widths[b.row]
        return bool(onto) and wa - wb <= WRAP_AGAIN_WIDTH and wa + rd.slack[a.row] >= wb - 0.5

    def _roles_apart(self, ra: Role, rb: Role) -> list[str]:
        ev = []
        if ra in STANDALONE:
            ev.append("line-" + _KIND[ra])
        if rb in STARTS_PARAGRAPH:
            ev.append("next-" + _KIND[rb])
        return ev

    # --- the stage ------------------------------------------------------------

    def run(self, doc: Document) -> Document:
        """Decide every break; then decide again on the result until nothing changes.

        A page read as wrapped can leave breaks that the rebuilt page, now one
        paragraph per line, would join: deciding again makes the output a
        fixed point, so cleaning clean text changes nothing.
        """
        memo = self.memo_for(doc)
        for _ in range(self.max_rounds):
            if not self._decide(doc, memo):
                self.note_clean(doc)
                break
        return doc

    def recheck(self, doc: Document, touched: Touched) -> Document:
        """:meth:`run`, its first round deciding only the breaks beside lines that
        changed, where it cannot decide otherwise than the round before.

        That is when the stage found nothing to change then, and the page reads
        as it did: one paragraph per line (the evidence of a break then reads
        only its two paragraphs and the role of the line after them, :meth:`_weigh`),
        the same layout.  Any other break, with none of those three lines nor
        the line breaks around them changed, is decided as it was: a break,
        with nothing to write.
        """
        if not touched.was_clean:
            return self.run(doc)
        memo = self.memo_for(doc)
        if not self._decide(doc, memo, touched):
            self.note_clean(doc)
            return doc
        for _ in range(self.max_rounds - 1):
            if not self._decide(doc, memo):
                self.note_clean(doc)
                break
        return doc

    def memo_for(self, doc: Document) -> Memo:
        """What the stage keeps about ``doc`` in this thread (:meth:`Stage.per_document`)."""
        return self.per_document(doc, lambda: Memo(self._segments_to_a_verb))

    def _join_space(self, paragraph: str, nxt: str, role: Role) -> str:
        """What a join of line ``nxt`` to the paragraph so far puts between them: the blank
        the printed line ended with, where the text shows one stood there (``spaced_join``,
        on a byline, dateline, credit or caption; ``latin_join``, between two words of
        Latin script on any line), else nothing."""
        if role in _SPACED_ROLES and self.spaced_join.search(paragraph[-JOIN_CONTEXT:] + "\n" + nxt[:JOIN_CONTEXT]):
            return " "
        if paragraph[-1].isascii() and nxt[0].isascii() \
                and self.latin_join.search(paragraph[-LATIN_WORD_CONTEXT:] + "\n" + nxt[:1]):
            return " "
        return ""

    def _decide(self, doc: Document, memo: Memo, touched: Touched | None = None) -> bool:
        """One round over every break (where ``touched`` says, see :meth:`recheck`);
        True if it changed the text."""
        text = doc.text
        rows = text.split("\n")
        lines = self._lines(text, rows)
        edits: list[Edit] = []
        if not lines:
            if text and self.trim_rule:
                edits.append(Edit(0, text, "", self.trim_rule, "no text"))
            doc.apply(self.name, edits)
            return bool(edits)
        lay = self.layout(doc, lines, rows)
        if lay.lines is not None:  # a blank line after every printed line: lines one blank line apart go on
            lines = lay.lines
        # on an unwrapped page a break's evidence reads only its two paragraphs and the line
        # after them (the roles they show by themselves): a break with those three unchanged
        # is decided as before
        same = not lay.wrapped and memo.layout is not None and not memo.layout.wrapped
        only = touched.lines(lines) if touched is not None and same else None
        memo.layout = lay
        if lines[0].start and self.trim_rule:
            edits.append(Edit(0, text[: lines[0].start], "", self.trim_rule, "leading blank lines"))
        paragraph = lines[0].text  # the paragraph so far, as joined
        new = tuple.__new__  # Edit(...) without the Python-level __new__ of a named tuple: a page has hundreds
        for i, (a, b) in enumerate(zip(lines, lines[1:])):
            if only is not None and paragraph is a.text and only.isdisjoint((i, i + 1, i + 2)):
                paragraph = b.text  # as the round before decided it
                continue
            gap = text[a.end : b.start]
            blank = a.block != b.block  # a line break and, after it, blank lines (not one, on a page
            # with a blank line after every printed line: ``Layout.lines``)
            after_b = lines[i + 2] if i + 2 < len(lines) else None
            verdict = self._weigh(paragraph, a, b, blank, lay, after_b, gap == "\n\n", memo)
            if verdict.score <= 0:
                if gap != "\n\n" and self.break_rule:
                    edits.append(new(Edit, (a.end, gap, "\n\n", self.break_rule, verdict.note)))
                paragraph = b.text
            elif join := self.cut_rule if blank else self.wrap_rule:
                space = self._join_space(paragraph, b.text, lay.roles[a.row])
                # a blank line read as saying nothing goes with the break, and the note says so
                note = verdict.note if blank or gap == "\n" else verdict.note + ", line-spaced"
                edits.append(new(Edit, (a.end, gap, space, join, note)))
                paragraph += space + b.text
            else:  # a join whose rule is off: the lines stay apart, as printed
                paragraph = b.text
        tail = text[lines[-1].end :]
        if tail != "\n" and self.trim_rule:
            edits.append(Edit(lines[-1].end, tail, "\n", self.trim_rule, "one line break at the end"))
        doc.apply(self.name, edits)
        return bool(edits)
