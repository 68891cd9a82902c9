"""The role of each line of a page: folio, headline, byline, body, caption, credit, ...

Decided once per page from what the text shows (patterns of bylines,
datelines, credits and labels; the shape of a headline: a short line with
no sentence punctuation, often followed by a byline or dateline) and, on a
page as an extractor wrote it (*printed lines*, hard-wrapped at the column
width), from layout: each line's display width against the width of the
column it sits in.  The same call reads clean text, one paragraph per line,
where widths say nothing.

>>> [str(r) for r in assign_roles(["新春走基层", "本报记者 王磊", "会议召开。会议指出，要加强合作。", "责任编辑：王五"])]
['headline', 'byline', 'body', 'credit']
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from enum import StrEnum
from functools import lru_cache
from itertools import accumulate

import regex

from .errors import RuleError
from .folio import DATE, parse_folio
from .pattern_chars import required_chars
from .shape import HAN_RUN, AnyOf, Shape, display_width, load_shape, may_be_letter_spaced


class Role(StrEnum):
    """What a line is on its page."""

    BLANK = "blank"  # an empty line
    FOLIO = "folio"  # folio or running head: paper, date, page number, section
    KICKER = "kicker"  # the short line over a headline (引题)
    HEADLINE = "headline"
    SUBHEADLINE = "subheadline"  # under a headline, often led by ——
    BYLINE = "byline"  # 本报记者 王磊, a line of its own
    DATELINE = "dateline"  # a line opening with 本报讯 / 新华社…电: the lead paragraph starts
    BODY = "body"
    CAPTION = "caption"  # a photo's caption, often ending with its credit (… 摄)
    CREDIT = "credit"  # 责任编辑：王五, （李海珍）, 新华社记者 王磊 摄
    LABEL = "label"  # 编者按：, 图片：
    SUBHEAD = "subhead"  # a heading inside an article's body
    JUMP = "jump"  # a page-jump marker: 下转第2版
    PAGE_NUMBER = "page-number"  # a bare page number left by a page or image break


# roles that make a paragraph of their own: no line of another paragraph joins them
STANDALONE = frozenset({
    Role.FOLIO, Role.KICKER, Role.HEADLINE, Role.SUBHEADLINE, Role.BYLINE, Role.CAPTION,
    Role.CREDIT, Role.LABEL, Role.SUBHEAD, Role.JUMP, Role.PAGE_NUMBER,
})
HEADINGS = frozenset({Role.KICKER, Role.HEADLINE, Role.SUBHEADLINE, Role.SUBHEAD})
# roles of lines that a headline stands over: a line of a headline's shape right before one is a headline
HEADED = frozenset({Role.BYLINE, Role.DATELINE})
# roles a line starting a paragraph has: what comes before it ends there
STARTS_PARAGRAPH = STANDALONE | {Role.DATELINE}
# roles of the lines a page may print before its lead's stack: furniture
_BEFORE_LEAD = frozenset({Role.FOLIO, Role.CREDIT, Role.PAGE_NUMBER, Role.JUMP, Role.BLANK})

PRINTED_DASH = "——"  # the dash that leads a sub-headline, as printed
# OCR's readings of PRINTED_DASH, as patterns, neither followed by a third 一 (一一一 is no dash):
# two 一 (:func:`dash_led`), and a hyphen and a 一 (read only in headings, by cleanup.articles)
OCR_DASH_ONES = "一一(?!一)"
OCR_DASH_HYPHEN = "[-－]一(?!一)"
_DASH_LED = regex.compile(rf"{PRINTED_DASH}|{OCR_DASH_ONES}")  # a dash, or the two 一 OCR reads it as
# a line led by one character and a mark, the end of a word, or by two or three and a sentence's
# end, the end of a sentence (…现代化产业|体系。积极申报…): the line before is no heading
_GOES_ON = regex.compile(r"\p{Han}[，、。；：）」』”]|\p{Han}{2,3}[。；！？]")
_OPENERS = "“‘「『（(《【〈"
_CLOSING = "”’」』）)》】〉"  # what closes one of _OPENERS
# any of them: most lines hold none, and one search finds that quicker than a loop over the line
_BRACKET = re.compile(f"[{re.escape(_OPENERS + _CLOSING)}]")
_SQUEEZE = "，。、；：？！“”‘’「」『』（）《》【】〈〉"
_SQUEEZED = regex.compile(f"(?<=[{_SQUEEZE}])[{_SQUEEZE}]")  # a mark right after another
# the first of two marks in a row: re finds it several times quicker than regex finds _SQUEEZED
_SQUEEZED_FIRST = re.compile(f"[{_SQUEEZE}](?=[{_SQUEEZE}])")
_ASCII_ALNUM = regex.compile(r"[A-Za-z0-9]")
_NOT_ALNUM = bytes(c for c in range(128) if not chr(c).isalnum())  # ASCII other than [A-Za-z0-9]
# a unit that cannot be broken across lines: a run of Latin letters and digits, with
# the brackets and quotes that cling to it; or a character with the marks no line starts with
_UNIT = regex.compile(r"^[（(“‘《【〈「]*(?:(?P<word>[0-9.]+\p{Han}?|[A-Za-z0-9.%％\-]+)|.)(?P<marks>[）)”’》】〉」，。、；：？！,.;:?!…—]*)")
# full-width closing marks that a line may end with set in half a cell (CJK typesetting compresses them there)
_END_SQUEEZE = "，。、；：？！）”’》】〉」"

PAGE_NUMBER_MAX = 9  # characters of a page number with its dashes or dots
OWN_ROLE_MAX = 40  # characters: a longer line is body, unless a dateline opens it or a credit closes it
CREDIT_TAIL = 40  # characters at a line's end that a photo credit may take
DATELINE_HEAD = 20  # characters at a line's start that a dateline's start takes
HEADING_BLOCK_MAX = 3  # lines of a headline that a byline or sub-headline under it shows for one
HEADING_TAIL = 2  # characters: a line this short after a heading line ends it
WORD_TAIL = 3  # characters of Han: a line this short after a heading line ends it, a word or a phrase
FOLIO_MAX_LINES = 8  # a folio split over more lines than this is not read as one
FOLIO_PIECE_MAX = 14  # characters of one piece of a split folio
FOLIO_SECTION_MAX = 4  # characters of a section name that a folio's pieces may end with
WINDOW = 12  # lines each side that a line's column width is learnt from
MIN_COLUMN_LINES = 4  # lines of one width that make a column
COLUMN_SHARE = 0.3  # and their share of the lines around
# Lines set one under another with no blank line between may be a paragraph a line (a text
# written so, or a page read so) rather than a column's printed lines: they are when this
# share of them or more end a sentence (a column's lines end one where a paragraph ends, and
# by chance: at most 0.19 on the development pages of every reader; clean prose, 0.33 and up)
# and the widths show a column for fewer than ``UNPRINTED_COLUMN_SHARE`` of them (prose
# wrapped in columns of short paragraphs ends a sentence on up to half its lines, but a
# column shows on 0.87 of them and up), and one is as long as body text (the shape's
# ``long_line``): a few printed lines show no column either.  Short lines, or lines in a
# column, are paragraphs where this share of them end a sentence or a clause (a list's
# items) and so does every full line: one that fills its column, or with no column, one
# within ``WIDEST_SLACK`` of the widest (a column's full lines end one only by chance; a
# paragraph's last line, which does, stops short; in a text a paragraph a line the longest
# lines are sentences).
UNPRINTED_ENDS_SHARE = 0.3
UNPRINTED_COLUMN_SHARE = 0.6
WIDEST_SLACK = 2.0  # cells
DEFAULT_INDENT = 2.0  # cells: the usual indent of Chinese paragraphs, where none shows
MAX_INDENT = 3  # cells: a paragraph's first line is indented by at most this many
INDENT_TOLERANCE = 0.75  # cells an indented line may be off its indent
TOLERANCE = 0.5  # cells a full line may fall short of its column, at least
MAX_TOLERANCE = 2.5  # and at most
TOLERANCE_QUANTILE = 0.95  # of the lines inside a sentence, the share that stop short by no more
ASCII_EXTRA = 0.06 # cells that a Latin letter or digit prints wider than half a cell, as a rule
ASCII_SLACK = 0.12 # and how much more it may
SPACE_LESS = 0.0  # cells that a space prints narrower than half a cell
SPACE_STRETCH = 0.5  # cells that justification may widen a space by
MAX_SLACK = 1.5
# cells a line of a block may stop short of its column and still be body type, with body text
# right under it in its block, on a page that indents no paragraph and sets its blocks apart
# with blank lines (OCR: a heading is a block of its own, and OCR drops a character here and there)
BLOCK_SLACK = 1.0
WRAP_WIDTH = 0.5  # cells a heading's next line may print wider than the line it wraps from
TIGHT_WIDTH = 2.5  # cells a body line set tight may print wider than its column
HEADING_RUN_MAX = 6  # lines of a headline whose lines hold marks (:func:`_heading_runs`), at most
HEADING_RUN_ROOM = 0.5  # cells such a headline's lines stop short of their column beyond an indented line
HEADING_RUN_SHARE = 0.8  # of its column's width, the most such a headline's lines take (its type is larger)
WRAP_AGAIN_WIDTH = 1.0  # cells two lines of one wrapped heading may differ by (narrow digits, quotes)
HEADING_TAIL_MAX = 6  # characters of a heading line's tail that closes its quotation (布跌”), at most
TYPE_MARGIN = 0.5  # cells a heading line may exceed the page's headline width by and still be in its type


def heading_shaped(text: str, shape: Shape | None = None) -> bool:
    """Short, no sentence punctuation, not ending open, every bracket closed: a headline's shape."""
    return vocabulary(shape).heading_shaped(text)


def balanced(text: str) -> bool:
    """Whether every bracket and quote ``text`` opens it closes, and none it did not open."""
    return not _BRACKET.search(text) or _unmatched(text) == 0


def _unmatched(text: str) -> int:
    """How many brackets and quotes ``text`` leaves open, and closes without opening them."""
    depth = unopened = 0
    for c in text:
        if c in _OPENERS:
            depth += 1
        elif c in _CLOSING:
            if depth:
                depth -= 1
            else:
                unopened += 1
    return depth + unopened


def _one_mark_unmatched(text: str) -> bool:
    """Whether ``text`` would close every bracket and quote it opens with one mark more: one
    opened and left open (开展“金融知识普 | 月 金融知识进万家 | 活动), or one closed that it never
    opened (仓：大小股东达成 | 护盘”共识): the mark OCR often loses."""
    return _unmatched(text) == 1


def ends_sentence(text: str, shape: Shape | None = None) -> bool:
    """A sentence end, then only closers (the vocabulary's ``ends_sentence``), blanks aside."""
    return vocabulary(shape).ends_sentence(text)


def printed_width(text: str) -> float:
    """The width ``text`` likely prints at, in full-width cells: its display width, with
    Latin letters and digits a little wider than half a cell and two punctuation
    marks in a row set in a cell and a half (most CJK typesetting compresses them)."""
    return _measure(text)[0]


def _measure(text: str) -> tuple[float, float]:
    """:func:`printed_width` of ``text``, and how much wider it may still print (Latin
    letters and digits vary most from font to font, and justification stretches spaces)."""
    ascii_count = len(text.encode("ascii", "ignore"))
    width = len(text) - ascii_count / 2
    if ascii_count < len(text):
        width -= 0.5 * len(_SQUEEZED.findall(text))
    if text[:1] in _OPENERS:
        width -= 0.5  # an opening mark starts a line half as wide
    alnum = _alnum(text) if ascii_count else 0
    spaces = text.count(" ") if ascii_count else 0
    return (width + ASCII_EXTRA * alnum - SPACE_LESS * spaces,
            min(MAX_SLACK, ASCII_SLACK * alnum + SPACE_STRETCH * spaces))


def _measure_all(texts: Sequence[str], letter_spaced: Callable[[str], object] | None = None
                 ) -> tuple[list[float], list[float]]:
    """:func:`printed_width` of each of ``texts`` and its slack: the same as
    :func:`_measure` line by line, with one search of the whole page for paired
    marks (a search a line costs more; no line break is a mark, so both marks of
    a pair stand on one line), and Latin letters and digits counted among each
    line's ASCII bytes (a page's dates make a match object for each run of them).  A line that
    ``letter_spaced`` tells is letter-spaced (a reader writes a justified line's stretch as a blank
    after each character: 日 电 （ 记 者   顾 燕 婧 ） 此) fills its column, however many blanks it
    holds: its slack is all of their stretch, not ``MAX_SLACK``."""
    page = "\n".join(texts)
    starts = list(accumulate((len(t) + 1 for t in texts[:-1]), initial=0))
    pairs = [0] * len(texts)
    for m in _SQUEEZED_FIRST.finditer(page):
        pairs[bisect_right(starts, m.start()) - 1] += 1
    widths: list[float] = []
    slacks: list[float] = []
    for t, n_pairs in zip(texts, pairs):
        ascii_chars = t.encode("ascii", "ignore")
        ascii_count = len(ascii_chars)
        n_alnum = len(ascii_chars.translate(None, _NOT_ALNUM)) if ascii_count else 0
        spaces = t.count(" ") if ascii_count else 0
        trim = 0.5 if t[:1] in _OPENERS else 0.0
        widths.append(len(t) - ascii_count / 2 - 0.5 * n_pairs - trim + ASCII_EXTRA * n_alnum - SPACE_LESS * spaces)
        stretch = ASCII_SLACK * n_alnum + SPACE_STRETCH * spaces
        slacks.append(0.0 if not ascii_count else stretch if letter_spaced is not None
                      and may_be_letter_spaced(t, spaces) and letter_spaced(t.strip()) else min(MAX_SLACK, stretch))
    return widths, slacks


def _alnum(text: str) -> int:
    """How many Latin letters and digits ``text`` holds."""
    return len(_ASCII_ALNUM.findall(text))


def _half_cells(text: str) -> float:
    """Half a cell for each Latin letter and digit: what they would add, set full width."""
    return 0.5 * _alnum(text)


@lru_cache(maxsize=8192)
def first_unit_width(text: str) -> float:
    """Width of what ``text`` must start its line with: a word of Latin letters or digits
    with its brackets, or a character with the punctuation that cannot start a line.  At the
    end of the line before, a closing mark alone after a word (a number and its unit) would
    print in half a cell, as marks end lines: a wide unit that the line's room fits so is no
    sign that the line is full (…唯一的要求竟是…… | 2019年，全校: 3.74 cells, not 4.24).  Not
    after an opening mark, which :func:`printed_width` takes as half a cell already (（MRI）)."""
    m = _UNIT.match(text.strip())
    if m is None:
        return 0.0
    marks = m.group("marks")
    squeezed = 0.5 if m.group("word") and len(marks) == 1 and marks in _END_SQUEEZE \
        and m.start("word") == 0 else 0.0
    return printed_width(m.group()) - squeezed


def own_role(text: str, shape: Shape | None = None) -> Role | None:
    """The role a line shows by itself, or None when only its neighbours can tell."""
    return vocabulary(shape).own_role(text)


class RoleVocabulary:
    """The page-shape vocabulary (:mod:`cleanup.shape`) as line roles read it: its
    character sets and headline length, and its patterns of printed bylines,
    datelines, credits, labels, captions' ends, page-jump markers and page numbers."""

    def __init__(self, shape: Shape) -> None:
        names = shape.classes

        def compiled(name: str) -> regex.Pattern[str]:
            if name not in names:
                raise RuleError(f"[classes] must define {name}, a pattern of line roles", shape.source)
            try:
                return regex.compile(names[name], regex.VERSION1)
            except regex.error as e:
                raise RuleError(f"[classes] {name} is not a valid pattern ({e})", shape.source) from None

        self.byline = compiled("byline_line")
        self.dateline = compiled("dateline_start")
        self.credit = compiled("credit_line")
        self.trailing_credit = compiled("trailing_credit")
        self.label = compiled("label_line")
        self.caption_end = compiled("caption_end")
        self.jump = compiled("jump_line")
        self.continued = compiled("continued_line")
        self.page_number = compiled("page_number_line")
        self.letter_spaced = compiled("letter_spaced_line")
        self.sentence_end = frozenset(shape.sentence_end)
        self.inner_stops = frozenset(shape.sentence_end + shape.closers + shape.clause_end + "：:")
        self.closers = shape.closers
        self.clause_stops = frozenset(shape.clause_end + "：:")
        self.body_mark = AnyOf(shape.body_marks)  # substring tests: quicker than a set's isdisjoint on Han
        self.open_end = frozenset(shape.open_end)
        self.no_start = frozenset(shape.no_start)
        self.function_end = frozenset(shape.function_end)
        self.headline_max = shape.headline_max
        self.joined_headline_max = shape.joined_headline_max
        self.headline_stop = AnyOf(shape.headline_stops)
        self.long_line = shape.long_line
        # characters a line must hold for each pattern to match (pattern_chars): a quick test first
        self._needs = {p: _AnyChars(required_chars(p)) for p in (
            self.byline, self.dateline, self.credit, self.label, self.caption_end, self.jump)}
        # the role of a stripped, non-empty line (own_role), remembered by text: a page's
        # lines come again in the rounds and settle passes
        self.role_of_stripped = lru_cache(maxsize=8192)(self._role_of)
        # whether a line ends a sentence, remembered by text: reading a page asks it of each line
        # several times (its own end, the end of the line before another, a heading's run...)
        self.ends_sentence: Callable[[str], bool] = lru_cache(maxsize=8192)(self._ends_sentence)

    def heading_shaped(self, text: str) -> bool:
        """Short, no sentence punctuation, not ending open, every bracket closed; an ellipsis
        only at its end (a headline may break off so: 他放弃百万年薪来到这里 唯一的要求竟是……)."""
        t = text.strip()
        return (0 < len(t) <= self.headline_max and not self.body_mark.found_in(t) and t[-1] not in self.open_end
                and t[0] not in self.no_start and "…" not in t.rstrip("…") and balanced(t))

    def marked_heading(self, text: str) -> bool:
        """A headline's shape but for marks inside (，：？！): no longer than a joined headline, no full
        stop nor semicolon (``headline_stops``), not ending open, every bracket closed.  Only where it
        stands (over a byline, say) makes such a line a heading."""
        t = text.strip()
        return 0 < len(t) <= self.joined_headline_max and not self.headline_stop.found_in(t) \
            and t[-1] not in self.open_end and t[0] not in self.no_start and balanced(t)

    def _ends_sentence(self, text: str) -> bool:
        core = text.rstrip().rstrip(self.closers)
        return bool(core) and core[-1] in self.sentence_end

    def own_role(self, text: str) -> Role | None:
        t = text.strip()
        if not t:
            return Role.BLANK
        return self.role_of_stripped(t)

    def stripped_roles(self, stripped: Iterable[str]) -> list[Role | None]:
        """:meth:`own_role` of each of ``stripped``, lines stripped already, in one pass
        (the paragraphs stage reads every row of a page in each round)."""
        blank, role_of = Role.BLANK, self.role_of_stripped
        return [role_of(t) if t else blank for t in stripped]

    def _role_of(self, t: str) -> Role | None:
        if len(t) > OWN_ROLE_MAX:
            return self._role_of_long(t)
        if len(t) <= PAGE_NUMBER_MAX and self.page_number.match(t):
            return Role.PAGE_NUMBER
        if self._may(self.jump, t) and self.jump.match(t):
            return Role.JUMP
        if self._may(self.credit, t) and self.credit.match(t):
            return Role.CREDIT
        if self._may(self.label, t) and self.label.match(t):
            return Role.LABEL
        if self._may(self.byline, t) and self.byline.match(t):
            return Role.BYLINE
        if self._may(self.dateline, t) and self.dateline.match(t):
            return Role.DATELINE
        if "年" in t and parse_folio(t) is not None:
            return Role.FOLIO
        return self._role_of_long(t)

    def _role_of_long(self, t: str) -> Role | None:
        """A long line's role: a dateline opens it, or a photo credit closes it."""
        if self._may(self.dateline, t[:DATELINE_HEAD]) and self.dateline.match(t):
            return Role.DATELINE
        tail = t[-CREDIT_TAIL:]
        if self._may(self.caption_end, tail) and self.caption_end.search(tail):
            return Role.CAPTION
        return None

    def _may(self, pattern: regex.Pattern[str], text: str) -> bool:
        """Whether ``text`` holds a character every match of ``pattern`` holds."""
        return self._needs[pattern].found_in(text)


class _AnyChars:
    """Whether a text holds one of some characters (any text does, for None)."""

    __slots__ = ("chars",)

    def __init__(self, chars: frozenset[str] | None) -> None:
        self.chars = None if chars is None else tuple(sorted(chars))

    def found_in(self, text: str) -> bool:
        return self.chars is None or any(c in text for c in self.chars)


_vocabularies: dict[int, tuple[Shape, RoleVocabulary]] = {}


def vocabulary(shape: Shape | None = None) -> RoleVocabulary:
    """The line roles' reading of ``shape`` (default: the packaged vocabulary), made once."""
    shape = shape or load_shape()
    found = _vocabularies.get(id(shape))
    if found is None or found[0] is not shape:
        found = _vocabularies[id(shape)] = (shape, RoleVocabulary(shape))
    return found[1]


def own_roles(lines: Sequence[str], shape: Shape | None = None) -> list[Role]:
    """The role each line shows by itself (:func:`own_role`, folios split over lines
    too); ``Role.BODY`` where only its neighbours could tell."""
    v = vocabulary(shape)
    roles = v.stripped_roles(list(map(str.strip, lines)))  # map: the paragraphs stage asks each round
    _mark_folio_runs(lines, roles, v)
    body = Role.BODY
    return [body if r is None else r for r in roles]


@dataclass(slots=True)
class PageReading:
    """What :func:`read_page` learnt: each line's role, and the layout behind it.

    ``columns[i]`` is the width of the column line ``i`` sits in (0.0 where
    the page tells none: clean text, or too few lines of one width), as
    many cells as a full line of Han has characters (text wrapped at a
    count of characters, not at a width, fills it with ``counts[i]``
    characters, a line's count); ``heading_wraps`` are the
    widths at which the page's headlines wrap, with how often they do, ``indent`` how far a
    paragraph's first line is indented, ``tolerance`` how far short of its
    column a full line of the page may stop.
    """

    roles: list[Role]
    widths: list[float]
    columns: list[float]
    slack: list[float]
    counts: list[int]
    wrapped: bool
    vocab: RoleVocabulary
    heading_wraps: dict[float, int] = field(default_factory=dict)
    # rows of a run of heading lines that hold marks (:func:`_heading_runs`) that wrap onto the next line
    # of their run (the next row, or the one after a blank line that OCR set between them)
    heading_runs: frozenset[int] = frozenset()
    indent: float = 0.0
    tolerance: float = TOLERANCE
    # how far each line stops short of its column in width (less what narrow characters
    # explain) and in characters; and :meth:`room`, the less of the two (0 with no column)
    room_pairs: list[tuple[float, float]] = field(default_factory=list)
    rooms: list[float] = field(default_factory=list)

    def __post_init__(self) -> None:
        self.room_pairs = [(col - width - slack, col - count)
                           for col, width, slack, count in zip(self.columns, self.widths, self.slack, self.counts)]
        self.rooms = [min(pair) if col else 0.0 for pair, col in zip(self.room_pairs, self.columns)]

    def room_in_width(self, i: int) -> float:
        """How far line ``i`` stops short of its column in width, less what narrow characters
        explain (not in characters: a count of them, Latin letters among them, tells no type)."""
        return self.room_pairs[i][0]

    def room(self, i: int) -> float:
        """How far line ``i`` stops short of its column, less what narrow characters
        explain; the less of that in width and in characters (a line is as full as
        either measure says: text may be wrapped at a count of characters)."""
        return self.rooms[i]

    def fills(self, i: int, nxt: str | None = None) -> bool:
        """Whether line ``i`` reaches the end of its column: as wide as it, or
        too close to it for ``nxt``'s first unit to fit."""
        if not self.columns[i]:
            return False
        room = self.rooms[i]
        return room <= self.tolerance or (nxt is not None and room < first_unit_width(nxt))

    def indented(self, i: int, nxt: str | None = None) -> bool:
        """Whether line ``i`` is as wide as a paragraph's first line on a page that indents
        them: it stops the indent short of the column, give or take, and a little more
        if ``nxt``'s first unit did not fit; never much less (on a ragged page, as much
        less as a full line of the page may be)."""
        if not (self.indent and self.columns[i]):
            return False
        give = max(INDENT_TOLERANCE, self.tolerance)
        unit = first_unit_width(nxt) if nxt is not None else 0.0
        return any(-INDENT_TOLERANCE <= room - self.indent <= give or 0 < room - self.indent < unit
                   for room in self.room_pairs[i])

    def short(self, i: int, nxt: str | None = None) -> bool:
        """Whether line ``i`` stops short of its column: a paragraph ends there."""
        return bool(self.columns[i]) and not self.fills(i, nxt)

    def wide(self, i: int) -> bool:
        """Whether line ``i`` is wider than its column (smaller type, or set across columns)."""
        col = self.columns[i]
        return bool(col) and self.widths[i] - self.slack[i] >= col + 2 * self.tolerance

    def heading_full(self, i: int, nxt: str | None = None) -> bool:
        """Whether line ``i`` is as wide as a headline of the page wraps at, or, before
        a line starting with a unit wider than a character (a number and its unit), too
        close to it for that unit to fit (累计开发企业|1570家)."""
        unit = first_unit_width(nxt) if nxt is not None else 0.0
        if unit <= 1:
            unit = 0.0  # a character's width: as much as OCR may lose, as little as the page rounds to
        return any(abs(self.widths[i] - w) <= 0.5 or 0 < w - self.widths[i] < unit for w in self.heading_wraps)


def is_wrapped(texts: Sequence[str], shape: Shape | None = None) -> bool:
    """Whether lines are printed lines (hard-wrapped) rather than paragraphs: most
    non-empty lines stand next to another and end no sentence."""
    filled = [t for t in texts if t.strip()]
    if len(filled) < 3:
        return False
    in_runs = sum(1 for i, t in enumerate(texts) if t.strip() and (
        (i > 0 and texts[i - 1].strip()) or (i + 1 < len(texts) and texts[i + 1].strip())))
    v = vocabulary(shape)
    ends = sum(1 for t in filled if v.ends_sentence(t))
    return in_runs >= 0.4 * len(filled) and ends < 0.5 * len(filled)


def _paragraph_a_line(texts: Sequence[str], reading: PageReading, roles: Sequence[Role | None],
                      v: RoleVocabulary) -> bool:
    """Whether a page's lines are paragraphs, one a line, not printed lines
    (``UNPRINTED_ENDS_SHARE``): many of them end a sentence, few sit in a column, and
    one is as long as body text (the shape's ``long_line``); or, a short text or one whose
    lines show a column, its lines end as paragraphs do (:func:`_full_lines_stop`)."""
    filled = [i for i, t in enumerate(texts) if t]
    if not filled:
        return False
    columns = reading.columns
    in_column = sum(1 for i in filled if columns[i]) >= UNPRINTED_COLUMN_SHARE * len(filled)
    if not in_column and max(len(texts[i]) for i in filled) >= v.long_line \
            and sum(1 for i in filled if v.ends_sentence(texts[i])) >= UNPRINTED_ENDS_SHARE * len(filled):
        return True
    return _full_lines_stop(texts, filled, reading, roles, v, in_column)


def _full_lines_stop(texts: Sequence[str], filled: Sequence[int], reading: PageReading,
                     roles: Sequence[Role | None], v: RoleVocabulary, in_column: bool) -> bool:
    """Whether lines end as paragraphs do, not as a column's printed lines: ``UNPRINTED_ENDS_SHARE``
    of them or more end a sentence or a clause (``；：``, a list's items), every full line
    does (one that fills its column; with no column, one within ``WIDEST_SLACK`` of the
    widest: a column's full lines end one only by chance, a paragraph's last line stops
    short), and no dateline ends a line before its sentence (no paragraph ends there)."""
    stops = [v.ends_sentence(texts[i]) or _ends_clause(texts[i], v) for i in filled]
    if sum(stops) < UNPRINTED_ENDS_SHARE * len(filled):
        return False
    widths, columns, rooms = reading.widths, reading.columns, reading.rooms
    if in_column:
        full = [i for i in filled if columns[i] and rooms[i] <= TOLERANCE]
    else:
        widest = max(widths[i] for i in filled)
        full = [i for i in filled if widths[i] >= widest - WIDEST_SLACK]
    stopped = {i for i, stop in zip(filled, stops) if stop}
    return bool(full) and stopped.issuperset(full) and not any(
        roles[i] is Role.DATELINE for i in filled if i not in stopped)


def _ends_clause(text: str, v: RoleVocabulary) -> bool:
    """A clause's end (``；：``), then only closers: a list item's or a lead-in's end."""
    core = text.rstrip(v.closers)
    return bool(core) and core[-1] in v.clause_stops


def learn_columns(widths: Sequence[float], texts: Sequence[str]) -> list[float]:
    """Each line's column width: the usual width of the lines around it.

    Extractors write a page column after column, so a line's neighbours are
    mostly its column's lines; windows of them, not the whole page, cope
    with pages whose columns differ in width.  Of the window before a line
    and the window after it, the one whose lines agree more on a width
    decides: near the end of a column one of them holds another column's lines.
    """
    idx = [i for i, t in enumerate(texts) if t.strip()]
    rounded = [int(widths[i] + 0.5) for i in idx]
    out = [0.0] * len(texts)
    if not idx:
        return out
    windows = _windows(rounded)  # (column, agreement) of the window of lines from each line on
    # for each line: the window ending at it (the first, near the page's start) and the one
    # starting at it (the last, near its end)
    befores = [windows[0]] * WINDOW + windows
    afters = windows + [windows[-1]] * (len(idx) - len(windows))
    for i, (col_before, agree_before), (col_after, agree_after) in zip(idx, befores, afters):
        out[i] = col_before if not col_after or (col_before and agree_before >= agree_after) else col_after
    return out


def _windows(rounded: list[int]) -> list[tuple[float, float]]:
    """For each window of ``WINDOW + 1`` widths in a row (one, if there are fewer), the
    column width it tells (the widest width a good share of its lines have: kept up
    to date as the window slides, in the set of widths enough of its lines have) and the share of its lines that agree with
    it (as wide, or a cell less)."""
    size = min(WINDOW + 1, len(rounded))
    least = max(MIN_COLUMN_LINES, COLUMN_SHARE * size)
    counts: Counter[int] = Counter(rounded[:size])  # read with get: a missing width's __missing__ runs in Python
    common = {w for w, n in counts.items() if n >= least}
    width = max(common, default=0)
    window = (float(width), (counts.get(width, 0) + counts.get(width - 1, 0)) / size)
    out = [window]
    # the window tells what the one before it did unless the width (the widest of common) or
    # a count its agreement reads changes: not when the width leaving it is the one coming in
    for gone, came in zip(rounded, rounded[size:]):
        if gone != came:
            counts[gone] -= 1
            counts[came] = counts.get(came, 0) + 1
            was = width
            if counts[gone] < least and gone in common:
                common.discard(gone)
                if gone == width:
                    width = max(common, default=0)
            if counts[came] >= least and came not in common:
                common.add(came)
                width = max(width, came)
            if width != was or was - gone in (0, 1) or was - came in (0, 1):
                window = (float(width), (counts.get(width, 0) + counts.get(width - 1, 0)) / size)
        out.append(window)
    return out


CutsWord = Callable[[str, str], object]  # truthy if the break between two lines cuts a word


def read_page(
    lines: Sequence[str],
    widths: Sequence[float] | None = None,
    *,
    printed: Sequence[str] | None = None,
    wrapped: bool | None = None,
    cuts_word: CutsWord | None = None,
    shape: Shape | None = None,
    own_if_paragraphs: bool = False,
) -> PageReading:
    """Read the roles and layout of ``lines`` (one per line, blank lines included).

    ``printed``: each line as the page printed it, if cleaning has changed
    it since (default: ``lines``): widths and indents are measured on it;
    ``widths``: each line's width as printed (default: :func:`printed_width`
    of ``printed``); ``wrapped``: whether the lines are printed lines of
    columns (True) or paragraphs (False), by default read from the lines
    (lines said to be printed are paragraphs all the same where their widths
    show no column, they end sentences as paragraphs do and one is as long as
    body text, or where their full lines, the widest of short lines, end
    sentences or clauses: :func:`_paragraph_a_line`);
    ``cuts_word``: whether the break between two lines cuts a word, which
    a heading's last line does not; ``shape``: the page-shape vocabulary
    (default: the packaged one); ``own_if_paragraphs``: where lines said to be
    printed read as paragraphs, give each the role it shows by itself
    (:func:`own_roles`) and read no more (the paragraphs stage needs no more).
    """
    v = vocabulary(shape)
    texts = [t.strip() for t in lines]
    if wrapped is None:
        wrapped = is_wrapped(texts, shape)
    # Role's members as locals in the loops over every line: on Python 3.11 ``Role.X`` goes
    # through ``EnumType.__getattr__``, about ten times a local's cost
    headline, body = Role.HEADLINE, Role.BODY
    roles = v.stripped_roles(texts)
    _mark_folio_runs(texts, roles, v)
    blank = [0.0] * len(texts)
    continued: list[int] = []
    if wrapped:
        shown = texts if printed is None else [p.strip() for p in printed]
        if printed is not None:
            continued = _continued(texts, shown, roles, v)
        measured, slacks = _measure_all(shown, v.letter_spaced.fullmatch)
        ws = list(widths) if widths is not None else measured
        # characters, trailing blanks included: text wrapped at a count of characters counts them
        counts = [len(p.rstrip("\r\n").lstrip(" \t")) if t else 0
                  for t, p in zip(texts, lines if printed is None else printed)]
        reading = PageReading([], ws, learn_columns(ws, texts), slacks, counts, wrapped, v)
        if _paragraph_a_line(texts, reading, roles, v):
            wrapped = False
            if own_if_paragraphs:
                reading.wrapped = False
                reading.roles = [body if r is None else r for r in roles]
                return reading
    if not wrapped:  # widths say nothing on clean text
        ws = list(widths) if widths is not None else blank
        reading = PageReading([], ws, blank, blank, [0] * len(texts), wrapped, v)
    if wrapped:
        reading.tolerance = _learn_tolerance(texts, roles, reading)
        reading.indent = _learn_indent(texts, roles, reading, continued)
    heads = _heading_lines(texts, roles, reading, cuts_word)
    if wrapped:
        reading.heading_runs = _heading_runs(texts, roles, heads, reading, cuts_word)
    _add_heading_heads(texts, roles, heads, reading)
    _add_heading_tails(texts, roles, heads, reading, cuts_word)
    heads.difference_update(continued)
    reading.heading_wraps = _heading_widths(texts, heads, reading)
    reading.roles = [r if r is not None else headline if i in heads else body for i, r in enumerate(roles)]
    if wrapped:
        _mark_captions(texts, reading.roles, reading)
        _mark_over_dash(texts, reading.roles, reading)
        _mark_sub_over_byline(texts, reading.roles, reading.vocab)
    _name_headings(texts, reading.roles, cuts_word)
    return reading


def assign_roles(
    lines: Sequence[str],
    widths: Sequence[float] | None = None,
    *,
    printed: Sequence[str] | None = None,
    wrapped: bool | None = None,
    cuts_word: CutsWord | None = None,
    shape: Shape | None = None,
) -> list[Role]:
    """The role of each of ``lines`` (one per line, blank lines included); see :func:`read_page`."""
    return read_page(lines, widths, printed=printed, wrapped=wrapped, cuts_word=cuts_word, shape=shape).roles


def _continued(texts: Sequence[str], shown: Sequence[str], roles: Sequence[Role | None],
               v: RoleVocabulary) -> list[int]:
    """The lines printed after a marker of the page their article comes from that cleaning took
    away (（上接第2版）需要): each goes on with the article's body, no heading however short the
    marker left it."""
    return [i for i, (t, p) in enumerate(zip(texts, shown))
            if t and len(p) > len(t) and roles[i] is None and v.continued.match(p)]


def _mark_folio_runs(texts: Sequence[str], roles: list[Role | None], v: RoleVocabulary) -> None:
    """Mark the folios :func:`folio_runs` finds."""
    for run in _folio_runs(texts, roles, v):
        for k in run:
            if texts[k].strip():
                roles[k] = Role.FOLIO


def folio_before_credit(text: str, shape: Shape | None = None) -> int:
    """Where a folio that shares its line with an editor's credit ends (the credit
    stays: ``2024年3月11日 星期一 文化 6 北疆晚报 责任编辑：王五``), or 0."""
    m = vocabulary(shape).trailing_credit.search(text)
    if m is None or not m.start() or parse_folio(text[: m.start()]) is None:
        return 0
    return m.start()


def solid_len(text: str) -> int:
    """Characters of ``text`` other than blanks (OCR spreads a folio with them)."""
    return len(text) - text.count(" ") - text.count("\u3000")


def folio_runs(texts: Sequence[str], roles: Sequence[Role | None] | None = None,
               shape: Shape | None = None) -> list[range]:
    """The lines that hold a folio: one line, or a run of short ones that read together
    as one (an extractor split it), blank lines between them allowed (OCR).

    Every folio holds a date: only the lines near a short line holding one are read.
    ``roles``: each line's :func:`own_role`, if known.
    """
    return _folio_runs(texts, roles, vocabulary(shape))


def _folio_runs(texts: Sequence[str], roles: Sequence[Role | None] | None, v: RoleVocabulary) -> list[range]:
    n = len(texts)
    starts: set[int] = set()
    for r, t in enumerate(texts):
        if "年" in t and solid_len(t) <= FOLIO_PIECE_MAX * 3 and DATE.search(t):
            starts.update(range(max(0, r - 2 * FOLIO_MAX_LINES), r + 1))
    if not starts:
        return []

    def own(k: int) -> Role | None:
        return roles[k] if roles is not None else v.own_role(texts[k])

    open_ = (None, Role.PAGE_NUMBER, Role.FOLIO)
    runs: list[range] = []
    i = 0
    for i in sorted(starts):
        if runs and i < runs[-1].stop:
            continue
        first = texts[i].strip()
        if not first or solid_len(first) > FOLIO_PIECE_MAX * 3 or own(i) not in open_:
            continue
        found = i + 1 if own(i) is Role.FOLIO else 0
        pieces = [first]
        for j in range(i + 1, min(n, i + 2 * FOLIO_MAX_LINES)):
            piece = texts[j].strip()
            if not piece:
                continue
            if len(piece) > FOLIO_PIECE_MAX or len(pieces) >= FOLIO_MAX_LINES or own(j) not in open_:
                break
            if found and len(piece) > FOLIO_SECTION_MAX and HAN_RUN.fullmatch(piece) and not piece.endswith("报"):
                break  # a folio already: a longer line of Han that is no paper's name is a heading
            pieces.append(piece)
            if parse_folio(" ".join(pieces)) is not None:
                found = j + 1
        if found:
            runs.append(range(i, found))
    return runs


def _learn_tolerance(texts: Sequence[str], roles: Sequence[Role | None], reading: PageReading) -> float:
    """How far short of its column a full line of the page may stop: justified columns
    fill their lines, ragged ones (and extractors that lose a character's width) not quite.

    Read from the lines inside a sentence that goes on from the line before to the
    line after: how far short of the column most of them stop.
    """
    rooms: list[float] = []
    for i in range(1, len(texts) - 1):
        t = texts[i]
        if not (texts[i - 1] and t and texts[i + 1]) or roles[i] is not None or not reading.columns[i]:
            continue
        if t[-1] in reading.vocab.inner_stops or reading.vocab.ends_sentence(texts[i - 1]):
            continue
        room = reading.room(i)
        if room <= TOLERANCE:
            rooms.append(0.0)
            continue
        if reading.vocab.heading_shaped(t) or roles[i - 1] is not None or reading.vocab.heading_shaped(texts[i - 1]) and reading.short(i - 1):
            continue  # perhaps a heading, or a paragraph's first line
        rooms.append(room if room >= first_unit_width(texts[i + 1]) else 0.0)
    if len(rooms) < MIN_COLUMN_LINES:
        return TOLERANCE
    rooms.sort()
    return min(MAX_TOLERANCE, max(TOLERANCE, rooms[int(TOLERANCE_QUANTILE * (len(rooms) - 1))] + TOLERANCE))


def _learn_indent(texts: Sequence[str], roles: Sequence[Role | None], reading: PageReading,
                  continued: Sequence[int]) -> float:
    """The indent of the page's paragraphs (0.0: none): how far short of the column the
    line after a paragraph's end usually stops (the median), when it usually does.

    A paragraph ends at a blank line, or at a sentence that ends short of the column;
    only lines that a full one follows count (the others are headings and one-line
    paragraphs), and only those that stop at most ``MAX_INDENT`` short; not the ``continued``
    lines (:func:`_continued`), which a marker began: its room is no indent.
    """
    if not reading.wrapped:
        return 0.0
    rooms: list[float] = []
    for i in range(len(texts) - 1):
        j = i - 1
        if not (texts[i] and texts[i + 1]) or roles[i] is not None or not reading.columns[i]:
            continue
        if j < 0 or i in continued:
            continue  # a page may start inside a paragraph
        after_end = not texts[j] or (reading.vocab.ends_sentence(texts[j]) and reading.short(j, texts[i]))
        if after_end and not reading.vocab.ends_sentence(texts[i]) and reading.fills(i + 1, _after(texts, i + 1)):
            room = reading.room(i)
            if room <= MAX_INDENT + 0.5:
                rooms.append(max(0.0, room))
    if not rooms:
        return DEFAULT_INDENT
    rooms.sort()
    indent = round(rooms[len(rooms) // 2])
    return float(indent) if indent >= 1 else 0.0


def _prev(texts: Sequence[str], i: int) -> int | None:
    j = i - 1
    while j >= 0 and not texts[j]:
        j -= 1
    return j if j >= 0 else None


def _next(texts: Sequence[str], i: int) -> int | None:
    j = i + 1
    while j < len(texts) and not texts[j]:
        j += 1
    return j if j < len(texts) else None


def _after(texts: Sequence[str], i: int) -> str | None:
    """The line right after line ``i``, if it is not blank."""
    return texts[i + 1] if i + 1 < len(texts) and texts[i + 1] else None


def _heading_lines(texts: Sequence[str], roles: Sequence[Role | None], reading: PageReading,
                   cuts_word: CutsWord | None) -> set[int]:
    """The lines that are headings (of any kind): heading-shaped, after a paragraph's end,
    and, on printed lines, not as wide as the column unless a heading line follows.

    Read line by line: whether a line starts a paragraph (which a heading must) depends
    on whether the line before did, on a page that indents a paragraph's first line.
    """
    heads: set[int] = set()
    starts: dict[int, bool] = {}  # worked out only for the lines that need it
    first_line_room = reading.indent + reading.tolerance
    # the room of a line with body text right under it in its block, where blank lines set blocks apart
    # (one blank line on the page is enough, as for paragraphs' ``Layout.spaced``)
    block_room = first_line_room + BLOCK_SLACK if reading.wrapped and not reading.indent \
        and _blank_inside(texts) else first_line_room

    def starts_paragraph(i: int) -> bool:
        """Whether line ``i`` starts a paragraph; the lines before it that this depends on
        are worked out first, from the earliest back, without recursion."""
        chain = [i]
        while True:
            j = chain[-1]
            prev = _prev(texts, j)
            if prev is None or prev in starts or not reading.short(prev, texts[j]):
                break
            chain.append(prev)  # whether j starts depends on whether prev does
        for j in reversed(chain):
            if j in starts:
                continue
            prev = _prev(texts, j)
            # a blank line before a line starts a paragraph only after a sentence's end:
            # OCR puts blank lines inside paragraphs too
            starts[j] = prev is None or prev in heads or (prev + 1 < j and reading.vocab.ends_sentence(texts[prev])) \
                or _ends_paragraph(texts, roles, reading, prev, j, starts.get(prev, True))
        return starts[i]

    for i, t in enumerate(texts):
        if not t or roles[i] is not None or not reading.vocab.heading_shaped(t):
            continue
        if not starts_paragraph(i) and not _over_byline_or_sub(texts, roles, i, reading.vocab) \
                and not _short_wrapping(texts, roles, reading, i, cuts_word):
            continue
        k = _next(texts, i)
        alone = (i == 0 or not texts[i - 1]) and (i + 1 == len(texts) or not texts[i + 1])
        if reading.wrapped and reading.columns[i] and not reading.short(i) and not reading.wide(i):
            # as wide as the column: a heading only if a heading line ends it, or if it
            # stands alone between blank lines
            if not alone and (k is None or not reading.vocab.heading_shaped(texts[k]) or roles[k] is not None
                              or not reading.short(k, _after(texts, k))):
                continue
        if k is not None and roles[k] is None and not reading.vocab.heading_shaped(texts[k]):
            if _GOES_ON.match(texts[k]):
                continue  # the next line goes on with a word it began: 直联|点、国际…
            if reading.wrapped and not reading.columns[i] and k == i + 1:
                continue  # no column to measure it by, and body text right after it
            if reading.columns[i] and not reading.wide(i) and not alone \
                    and reading.room(i) - _half_cells(t) <= (block_room if k == i + 1 else first_line_room):
                continue  # as wide as a paragraph's first line (were its Latin letters and digits
                # set as wide as Han, as some text is wrapped), and body text follows (in its block, a
                # character short of it: 本报记者 马秀 通讯员 史敏志 | 阿司匹林和其他药物会发生互相 | 作用，…)
        if reading.indent and k == i + 1 and roles[k] is None and reading.fills(k, _after(texts, k)) \
                and not reading.indented(k, _after(texts, k)) and not _sub_headline_across(texts, reading, k) \
                and not reading.vocab.ends_sentence(t):
            continue  # the next line goes on with it: on a page that indents, it would start a paragraph
            # (not a line that ends a sentence, as a headline may with an ellipsis: 唯一的要求竟是……)
        if cuts_word is not None and k is not None and roles[k] is None and not reading.wide(i) and not (
                reading.vocab.heading_shaped(texts[k]) and (reading.short(k, _after(texts, k)) or not reading.columns[k])) \
                and cuts_word(t, texts[k]):
            continue  # the next line, body text, goes on with a word it began
        heads.add(i)
    return heads


def _heading_runs(texts: Sequence[str], roles: Sequence[Role | None], heads: set[int], reading: PageReading,
                  cuts_word: CutsWord | None) -> frozenset[int]:
    """Runs of lines in a headline's type that hold marks (，：？！, quotes), which no line of a
    heading's shape does: a paragraph ends before the run, its lines stop short of their column by
    more than a paragraph's first line does, and all but the last fill one measure (the width a
    headline in larger type wraps at: as wide, or short of it by less than the next line's first
    unit), the last no wider; together no longer than a joined headline, with no full stop nor
    semicolon (``headline_stops``), every bracket and quote closed (over a byline or dateline, one
    mark may be lost, an opening or a closing one: :func:`_one_mark_unmatched`), not ending open,
    and the line after them goes on with no word
    they began (英国美女在殡仪馆工 | 作太痛苦，转行当美 | 人鱼！每小时收入近 | 千元).  Body text fills
    its column, but for a paragraph's first and last lines.  A run whose last line fills the measure
    too ends there only over a byline or dateline, a heading, a blank line or (its lines one row
    apart) a line wider than the measure (body text in smaller type: 殡仪馆为BB机送终 | 据悉，随着
    手机的普及，): else the headline may go on, or a heading under it stand as wide (…共生共荣，|
    用户信息几元不等 | 灰色地带中的“爬虫”).
    OCR may set a blank line between each two lines of a large type (:func:`_run_step`): such a run
    ends over a byline, a dateline or a heading, or with a line narrower than the measure.
    The run's lines join ``heads``; the rows that wrap onto the next line of their run are returned."""
    v = reading.vocab
    widths, n = reading.widths, len(texts)
    wraps: set[int] = set()
    may_run = _may_run(texts, roles, reading)
    i = 0
    while i < n:
        if not may_run[i]:  # no run starts at a line that cannot be one of its lines: most lines
            i += 1
            continue
        found = _heading_run(texts, roles, heads, reading, i, may_run)
        if found is None:
            i += 1
            continue
        run, measure = found
        j = run[-1]
        text = "".join(texts[k] for k in run)
        spaced = run[1] - run[0] > 1
        nxt = _next(texts, j) if spaced else j + 1 if j + 1 < n and texts[j + 1] else None
        # two lines, the second narrower: one line's width is too little to go by, unless the break
        # cuts a word (a measure wrapped it) or a byline or dateline follows (a headline's place)
        over_headed = nxt is not None and roles[nxt] in HEADED
        shown = len(run) > 2 or abs(widths[j] - widths[run[0]]) <= WRAP_AGAIN_WIDTH \
            or (cuts_word is not None and bool(cuts_word(texts[run[0]], texts[j]))) or over_headed
        ends = (nxt is None and not spaced) or over_headed or nxt in heads \
            or measure - widths[j] - reading.slack[j] > WRAP_AGAIN_WIDTH \
            or not spaced and nxt is not None and widths[nxt] - reading.slack[nxt] > measure + WRAP_AGAIN_WIDTH
        if shown and ends and len(text) <= v.joined_headline_max and not v.headline_stop.found_in(text) \
                and (balanced(text) or _one_mark_unmatched(text) and _over_headed_line(texts, roles, j)) \
                and text[-1] not in v.open_end \
                and not all(v.heading_shaped(texts[k]) for k in run) \
                and not (nxt is not None and roles[nxt] is None and (
                    texts[nxt][0] in v.no_start or (cuts_word is not None and cuts_word(texts[j], texts[nxt])))):
            heads.update(run)
            wraps.update(run[:-1])
        i = j + 1
    return frozenset(wraps)


def _over_headed_line(texts: Sequence[str], roles: Sequence[Role | None], j: int) -> bool:
    """Whether the next line after line ``j``, blank lines skipped, is a byline or dateline."""
    below = _next(texts, j)
    return below is not None and roles[below] in HEADED


def _run_step(texts: Sequence[str], i: int) -> int:
    """How many rows apart the lines of a run from line ``i`` stand: 1, the next row holding the next
    line, or 2, a blank line between, as OCR sets the lines of a large type (阿里发布最强AI芯 || 片：
    性能“吊打” || 同行，一块顶十块); 0 where no line follows in either way."""
    if i + 1 < len(texts) and texts[i + 1]:
        return 1
    if i + 2 < len(texts) and texts[i + 2]:
        return 2
    return 0


def _may_run(texts: Sequence[str], roles: Sequence[Role | None], reading: PageReading) -> list[bool]:
    """For each line, whether it may be a line of a run of heading lines (:func:`_heading_run`):
    a line of no role of its own, opening with a character that may start a line, short of its
    column (the widest of its own and its neighbours') by more than an indented first line, and
    taking at most ``HEADING_RUN_SHARE`` of it.  Body text fills its column: most lines may not."""
    n, widths, slack, columns, no_start = len(texts), reading.widths, reading.slack, reading.columns, reading.vocab.no_start
    least = reading.indent + reading.tolerance + HEADING_RUN_ROOM
    out = [False] * n
    for k, t in enumerate(texts):
        if not t or roles[k] is not None or t[0] in no_start:
            continue
        col = max(columns[max(k - 1, 0) : k + 2])
        out[k] = bool(col) and col - widths[k] - slack[k] > least and widths[k] <= HEADING_RUN_SHARE * col
    return out


def _may_go_on(texts: Sequence[str], roles: Sequence[Role | None], reading: PageReading, k: int) -> bool:
    """Whether line ``k`` may go on with a run of heading lines begun above it: a line of no role
    of its own, opening with a character that may start a line, taking at most
    ``HEADING_RUN_SHARE`` of its column.  It need not stop as far short of the column as the run's
    first line (:func:`_may_run`): the run's measure, which its lines fill, tells (知识普及月 金融,
    a blank that OCR read into it)."""
    t = texts[k]
    col = max(reading.columns[max(k - 1, 0) : k + 2])
    return bool(t) and roles[k] is None and t[0] not in reading.vocab.no_start \
        and bool(col) and reading.widths[k] <= HEADING_RUN_SHARE * col


def _heading_run(texts: Sequence[str], roles: Sequence[Role | None], heads: set[int], reading: PageReading,
                 i: int, may_run: Sequence[bool]) -> tuple[list[int], float] | None:
    """The rows of a run of heading lines from line ``i`` (:func:`_heading_runs`), which starts a
    paragraph (after a sentence's end, full line or not: the run's widths tell), and the measure its
    lines but the last fill; or None.  A headline's first line ends no sentence: a short paragraph
    that does is body text (…需的。| 债券市场存在泡沫吗？| 较强冷…).  A run whose lines stand a
    blank line apart needs that paragraph's end over the blank line too: OCR sets blank lines
    inside paragraphs as well."""
    n, widths, slack, v = len(texts), reading.widths, reading.slack, reading.vocab
    step = _run_step(texts, i) if texts[i] else 0
    if not step or roles[i] is not None or v.ends_sentence(texts[i]):
        return None
    prev = _prev(texts, i)
    if prev is not None and (prev == i - 1 or step == 2) and not (
            prev in heads or (roles[prev] is not None and roles[prev] in STANDALONE)
            or v.ends_sentence(texts[prev])):
        return None
    # the lines that may be a heading's in larger type (``may_run``: each short of its column by more
    # than an indented first line, taking at most HEADING_RUN_SHARE of it); with a blank line between each two
    rows: list[int] = []
    for k in range(i, min(n, i + step * HEADING_RUN_MAX), step):
        if not (may_run[k] or k > i and _may_go_on(texts, roles, reading, k)) or (step == 2 and k > i and texts[k - 1]):
            break
        rows.append(k)
    tail = rows[-1] + 1
    if step == 2 and len(rows) > 1 and tail < n and texts[tail] and may_run[tail] \
            and len(texts[tail]) <= HEADING_TAIL:
        rows.append(tail)  # the last line wraps onto a tail with no blank line between (近千 | 元)
    # the longest run of them whose lines but the last fill one measure, the last no wider; each short
    # of it by less than the first unit of its next line in the run (a tail's right under it)
    for last in range(len(rows) - 1, 0, -1):
        measure = max(widths[k] for k in rows[:last])
        if widths[rows[last]] <= measure + WRAP_WIDTH + slack[rows[last]] and all(
                measure - widths[k] - slack[k] <= max(WRAP_AGAIN_WIDTH, first_unit_width(texts[after]))
                for k, after in zip(rows[:last], rows[1 : last + 1])):
            return rows[: last + 1], measure
    return None


def _blank_inside(texts: Sequence[str]) -> bool:
    """Whether a blank line stands between two lines of ``texts``."""
    filled = [i for i, t in enumerate(texts) if t]
    return bool(filled) and filled[-1] - filled[0] + 1 > len(filled)


def _short_wrapping(texts: Sequence[str], roles: Sequence[Role | None], reading: PageReading, i: int,
                    cuts_word: CutsWord | None) -> bool:
    """Whether line ``i``, after a blank line, stops short of its column and yet goes on
    with a word it began on the line right after it, a heading-shaped line as short: a
    heading's lines, wrapped at a measure narrower than the column, whatever the line
    before it (…消费市场呈现持续恢 || 阿司匹林还有三种作|用方式: OCR lost the body's end), as
    no body line short of its column goes on."""
    k = i + 1
    if cuts_word is None or not reading.wrapped or i == 0 or texts[i - 1] or k >= len(texts) \
            or not texts[k] or roles[k] is not None or not reading.vocab.heading_shaped(texts[k]):
        return False
    after = _after(texts, k)
    return reading.short(i, texts[k]) and reading.short(k, after) and bool(cuts_word(texts[i], texts[k]))


def _sub_headline_across(texts: Sequence[str], reading: PageReading, k: int) -> bool:
    """Whether line ``k`` is a sub-headline set across columns: led by a dash, of a
    heading's shape, wider than its column (body text going on is not)."""
    return dash_led(texts[k]) and reading.wide(k) and reading.vocab.heading_shaped(texts[k])


def _over_byline_or_sub(texts: Sequence[str], roles: Sequence[Role | None], i: int, v: RoleVocabulary) -> bool:
    """Whether line ``i``, after a blank line, opens a block of heading-shaped lines (a
    headline wrapped, :data:`HEADING_BLOCK_MAX` lines at most) right over a byline or
    over a sub-headline led by a dash alone between blank lines: a headline, wherever
    it stands, also after text that breaks off mid-sentence, where a jump marker went
    (``……以及前列腺癌的风`` / ``包钢贺海东赴中信集`` / ``团拜访`` / ``本报记者 万春``) or
    where OCR set a heading printed across the columns inside a column's text
    (``……全力跑出招商`` / ``看准的事情就要咬住不放`` / ``一一四是加强卫星遥感监控和人员巡查`` /
    ``引资“加速度”……``)."""
    if i == 0 or texts[i - 1]:
        return False
    m = i
    while m < len(texts) and texts[m] and roles[m] is None and v.heading_shaped(texts[m]):
        m += 1
    k = _next(texts, m - 1)
    if m - i > HEADING_BLOCK_MAX or k is None or k > m + 1:
        return False
    if roles[k] is Role.BYLINE:
        return True
    return k == m + 1 and dash_led(texts[k]) and v.heading_shaped(texts[k]) \
        and (k + 1 == len(texts) or not texts[k + 1])


def _ends_paragraph(texts: Sequence[str], roles: Sequence[Role | None], reading: PageReading,
                    j: int, i: int, j_starts: bool) -> bool:
    """Whether line ``j``, right before line ``i``, ends its paragraph, as far as it shows."""
    if roles[j] is not None and roles[j] in STANDALONE:
        return True
    if not reading.wrapped or not reading.columns[j]:
        return reading.vocab.ends_sentence(texts[j]) or not reading.wrapped
    if reading.short(j, texts[i]):
        if not (j_starts and reading.indented(j, texts[i])):
            return True
        # an indented first line, unless a short line of a heading's shape follows its
        # sentence's end: no line inside a paragraph nor ending one has that shape
        return reading.vocab.ends_sentence(texts[j]) and reading.vocab.heading_shaped(texts[i]) \
            and reading.short(i, _after(texts, i))
    return reading.vocab.ends_sentence(texts[j]) and (reading.indented(i, _after(texts, i)) or roles[i] is not None or (
        reading.vocab.heading_shaped(texts[i]) and reading.short(i)))


def _add_heading_heads(texts: Sequence[str], roles: Sequence[Role | None], heads: set[int],
                       reading: PageReading) -> None:
    """A line of a heading's shape that opens a block of OCR's (after a blank line), stops
    short of its column and stands right over a heading line no wider than it is that
    heading's first line, whatever the text before the blank (…也就有这么大 || 2023年我区商务 |
    运行总体平稳): a body line that stops short ends its paragraph, and no paragraph runs on
    into a heading."""
    if not reading.wrapped:
        return
    for k in sorted(heads):
        i = k - 1
        if i < 1 or i in heads or not texts[i] or texts[i - 1] or roles[i] is not None \
                or not reading.vocab.heading_shaped(texts[i]) or not reading.short(i, texts[k]) \
                or reading.widths[k] > reading.widths[i] + WRAP_WIDTH:
            continue
        heads.add(i)


def word_tail(text: str) -> bool:
    """Whether ``text``, a line under a heading line, may be its tail of a word or a phrase:
    ``WORD_TAIL`` Han characters at most, and nothing else (…都不会忘记 | 这句话, …近千 | 元)."""
    return len(text) <= WORD_TAIL and HAN_RUN.fullmatch(text) is not None


def _add_heading_tails(texts: Sequence[str], roles: Sequence[Role | None], heads: set[int],
                       reading: PageReading, cuts_word: CutsWord | None = None) -> None:
    """The line right after a heading line is part of the heading when it is a tail of a
    character or two (习近平在口信中表|示), or of ``WORD_TAIL`` of Han under a line that fills its
    column or wraps from a heading line as wide (…都不会忘记|这句话, …任务第二场新闻|发布会: no
    body line under a heading stops so short; not under a title of its own, whose author's name
    it may be: 我的精神家园|王小波), when the heading line ends on a word that no heading ends
    with (开启中国式现代化的|新长征), or when the break cuts a word and the line is no wider, as
    a heading's last line is (自治区3个集体1名个|人获市场监管总局通|报表扬: a heading line goes
    on into no body text with a word it began, :func:`_heading_lines`; a wider line is body text,
    whatever word the break seems to cut: 坚持从全局出发|自治区十三届人大常)."""
    v, widths = reading.vocab, reading.widths
    for i in sorted(heads):
        k = i + 1
        if k < len(texts) and k not in heads and roles[k] is None and v.heading_shaped(texts[k]) and (
                len(texts[k]) <= HEADING_TAIL or texts[i][-1] in v.function_end
                or (word_tail(texts[k]) and reading.wrapped
                    and (reading.fills(i) or i - 1 in heads and abs(widths[i] - widths[i - 1]) <= WRAP_AGAIN_WIDTH))
                or (cuts_word is not None and display_width(texts[k]) <= display_width(texts[i])
                    and cuts_word(texts[i], texts[k]))):
            heads.add(k)


def _heading_widths(texts: Sequence[str], heads: set[int], reading: PageReading) -> dict[float, int]:
    """Widths at which the page's headlines wrap, with how often they do: the width of a
    heading line followed by another, no wider, found on two headlines or more, and more
    often than on a heading that stands on one line (that width is the headline's own);
    wider than a tail (``HEADING_TAIL``: lines of a character or two in a row are OCR's
    reading of a picture or of text set upright, 炎 | 吕 | 本, not a headline's measure)."""
    if not reading.wrapped:
        return {}
    wraps: Counter[float] = Counter()
    single: Counter[float] = Counter()
    for i in heads:
        width = round(reading.widths[i] * 2) / 2
        if i + 1 in heads and reading.widths[i + 1] <= reading.widths[i] and not dash_led(texts[i + 1]):
            wraps[width] += 1
        elif i - 1 not in heads:
            single[width] += 1
    return {w: n for w, n in wraps.items() if n >= 2 and n >= single[w] and w > HEADING_TAIL}


def _mark_captions(texts: Sequence[str], roles: list[Role], reading: PageReading) -> None:
    """Body lines wider than their column are set in other type: a caption's lines (with
    the line that ends each run of them) when they read as sentences, a headline set
    across columns when one of them stands alone with a headline's shape (marks and all,
    where it stands where a headline does, :func:`_heads_over`, or opens the page: 中国人
    习以为常的地方 为何老外却说“了不得”？, with its tail of a word or two, 近千元), and a
    stack of them (kicker, headline) when :func:`_heading_stack` says so."""
    i = 0
    n = len(texts)
    body = Role.BODY  # a local: Role.BODY goes through EnumType.__getattr__ (read_page)
    while i < n:
        if roles[i] is body and reading.wide(i):
            j = i
            while j < n and texts[j] and roles[j] in (Role.BODY, Role.CAPTION) and reading.wide(j):
                j += 1
            opens_page = _opens_page(i, texts, roles)
            if j == i + 1 and (reading.vocab.heading_shaped(texts[i]) or (
                    reading.vocab.marked_heading(texts[i])
                    and (opens_page or _heads_over(texts, roles, i, j, reading.vocab)))):
                if not _set_tight(texts, roles, reading, i):
                    roles[i] = Role.HEADLINE
                    if opens_page and j < n and roles[j] is body and word_tail(texts[j]):
                        roles[j] = Role.HEADLINE  # its tail (…每小时收入 | 近千元)
                i = j
                continue
            if _heading_stack(texts, roles, reading, i, j):
                for k in range(i, j):
                    roles[k] = Role.HEADLINE
                if j < n and texts[j] and roles[j] is Role.BODY and reading.short(j, _after(texts, j)) and (
                        reading.vocab.heading_shaped(texts[j]) or _closing_tail(texts, j, reading.vocab)):
                    roles[j] = Role.HEADLINE  # the last line of a headline set across columns
                i = j
                continue
            for k in range(i, j):
                roles[k] = Role.CAPTION
            if j < n and texts[j] and roles[j] is Role.BODY:
                roles[j] = Role.CAPTION
            i = j + 1
        else:
            i += 1


def _mark_over_dash(texts: Sequence[str], roles: list[Role], reading: PageReading) -> None:
    """A body line with a headline's marks (:meth:`RoleVocabulary.marked_heading`: 京东为何不直接公布GMV？)
    that starts a paragraph is a headline right over a byline or a dateline, if it stops short of its
    column (任正非有哪四把榔头？ | 新华社北京5月10日电…), or over a line led by a dash, shaped like a
    heading and short of its column, which is its sub-headline (——成交金额1.6万亿元): a sentence's end
    is no place for a dash to go on a sentence from, and a body line under it would fill its column."""
    v, body = reading.vocab, Role.BODY
    for i in range(len(texts) - 1):
        k = i + 1
        if roles[i] is not body or not texts[k] or not (roles[k] in HEADED or roles[k] is body and dash_led(texts[k])):
            continue  # the quick tests first: a page has hundreds of body lines, few over a dash or a dateline
        sub = roles[k] is body and v.heading_shaped(texts[k]) and reading.short(k, _after(texts, k))
        if not v.marked_heading(texts[i]) or not sub and (roles[k] not in HEADED or not reading.short(i, texts[k])):
            continue
        prev = _prev(texts, i)
        if prev is None or roles[prev] in STANDALONE or v.ends_sentence(texts[prev]):
            roles[i] = Role.HEADLINE
            if sub:
                roles[k] = Role.HEADLINE  # a sub-headline: _name_headings names it


def _mark_sub_over_byline(texts: Sequence[str], roles: list[Role], v: RoleVocabulary) -> None:
    """A line led by a dash, of a heading's shape, right over a byline or dateline, is a sub-headline,
    and the line right over it a headline, if it starts a paragraph (or stands under a kicker) and has a
    headline's shape, marks and all (姚明对周琦说了啥？周琦上下半场判若两人 | ——这才是真实美好的中国 |
    新华社记者 邹强晓).
    Where a page's first lines are too few to learn a column from, or set wider than it, their widths
    say nothing, and body text or a caption's lines were all they could be read as; a sentence goes on
    after no dash into a byline."""
    readable = (Role.BODY, Role.CAPTION)
    for k in range(1, len(texts) - 1):
        if roles[k] not in readable or not dash_led(texts[k]) or roles[k + 1] not in HEADED \
                or not v.heading_shaped(texts[k]):
            continue  # the quick tests first
        i = k - 1
        if not texts[i] or roles[i] not in readable or not v.marked_heading(texts[i]):
            continue
        prev = _prev(texts, i)
        if prev is not None and roles[prev] not in STANDALONE and roles[prev] not in HEADINGS \
                and not v.ends_sentence(texts[prev]):
            continue  # no paragraph ended over it, nor a heading stands there
        roles[i] = roles[k] = Role.HEADLINE  # the second a sub-headline: _name_headings names it


def _heads_over(texts: Sequence[str], roles: Sequence[Role], i: int, j: int, v: RoleVocabulary) -> bool:
    """Whether lines ``i`` to ``j`` (not included) stand where a headline does: after a paragraph's end
    (a sentence's, a line of a role that stands alone but a caption's, a blank line, the page's start), over a byline,
    a dateline or a heading line (a sub-headline led by a dash).  Wide lines holding marks there are a
    headline set across columns, not a caption (姚明对周琦说了啥？周琦上下半场判若两人 | ——这才是真实
    美好的中国 | 新华社记者 邹强晓); a reader that runs columns together into one line writes wide lines
    that stand after no paragraph's end."""
    if j >= len(texts) or not texts[j]:
        return False
    prev = i - 1
    if prev >= 0 and texts[prev] and (roles[prev] not in STANDALONE or roles[prev] is Role.CAPTION) \
            and not v.ends_sentence(texts[prev]):
        return False  # a caption's line goes on into the next: its run is read as one
    return roles[j] in HEADED or roles[j] in HEADINGS or (dash_led(texts[j]) and v.heading_shaped(texts[j]))


def _set_tight(texts: Sequence[str], roles: Sequence[Role], reading: PageReading, i: int) -> bool:
    """Whether line ``i``, wider than its column by less than :data:`TIGHT_WIDTH`, is a body
    line set tight: the line right over it, body text, fills the column and ends no sentence,
    so the paragraph goes on into it (…作为全国八大 | 算力网络国家枢纽节点之一的内蒙; a
    headline set across columns is wider, or stands after a paragraph's end)."""
    k = i - 1
    return k >= 0 and bool(texts[k]) and roles[k] is Role.BODY and reading.fills(k) and not dash_led(texts[i]) \
        and not reading.vocab.ends_sentence(texts[k]) \
        and reading.widths[i] - reading.slack[i] < reading.columns[i] + TIGHT_WIDTH


def _heading_stack(texts: Sequence[str], roles: Sequence[Role], reading: PageReading, i: int, j: int) -> bool:
    """Whether the run of wide lines ``i`` to ``j`` is headings set across columns, not a
    caption: every line has a headline's shape, and the line after the run ends no
    sentence (a caption's last line does, or ends with its credit)."""
    v = reading.vocab
    if not all(v.heading_shaped(texts[k]) for k in range(i, j)):
        marked = [texts[k] for k in range(i, j)]
        over = j
        if _closing_tail(texts, j, v) and roles[j] is Role.BODY:
            marked[-1] += texts[j]  # the last line's tail under it, set in the column (…力战A股“瀑 | 布跌”)
            over = j + 1
        if not all(map(v.marked_heading, marked)) or not _heads_over(texts, roles, i, over, v):
            return False
        if over > j:
            return True
    k = j
    if k < len(texts) and texts[k] and reading.vocab.heading_shaped(texts[k]):
        k += 1  # the run's last line, if it is a heading's
    return not (k < len(texts) and texts[k] and (reading.vocab.ends_sentence(texts[k]) or roles[k] is Role.CREDIT))


def _closing_tail(texts: Sequence[str], j: int, v: RoleVocabulary) -> bool:
    """Whether line ``j`` is the tail of the heading line over it, closing a quotation or bracket
    that line leaves open (…众大佬轮番力战A股“瀑 | 布跌”): with it, the line has a headline's marks."""
    return 0 < j < len(texts) and bool(texts[j]) and bool(texts[j - 1]) and len(texts[j]) <= HEADING_TAIL_MAX \
        and not balanced(texts[j - 1]) and v.marked_heading(texts[j - 1] + texts[j])


def dash_led(text: str) -> bool:
    """Whether ``text`` opens with the dash that leads a sub-headline (or the two 一 OCR reads it as)."""
    return _DASH_LED.match(text) is not None


def printed_dash_led(text: str) -> bool:
    """Whether ``text`` opens with the printed dash itself: OCR's 一一 (:func:`dash_led`)
    may be two characters of a heading's wording."""
    return text.startswith(PRINTED_DASH)


def _name_headings(texts: Sequence[str], roles: list[Role], cuts_word: CutsWord | None = None) -> None:
    """Within a run of heading lines: a line led by a dash is a sub-headline; so is one
    under a heading line that opens with a lone 一 making no word with what follows it
    or with the line over it (``cuts_word``): OCR's reading of the dash
    (已经喝得醉醺醺的 | 一别人问了才回答; not 推动城乡规划建设管理统 | 一协调发展, a wrap)."""
    headline = Role.HEADLINE  # a local: Role.HEADLINE goes through EnumType.__getattr__ (read_page)
    for i, role in enumerate(roles):
        if role is headline and (dash_led(texts[i]) or (
                i and roles[i - 1] is headline and cuts_word is not None
                and lone_one_dash(texts[i], cuts_word, texts[i - 1]))):
            roles[i] = Role.SUBHEADLINE


LONE_ONE_MIN = 5  # characters of a heading line that a lone 一 (OCR's dash) may lead, at least
LONE_ONE_NOT_BEFORE = "一是"  # after a lone 一: a dash of two (dash_led reads it), a list's first item


def lone_one_dash(text: str, cuts_word: CutsWord, above: str = "") -> bool:
    """Whether ``text``, under the heading ``above``, opens with a 一 that may be OCR's
    reading of a dash: one 一, then Han characters it makes no word with
    (一学习贯彻党的二十大精神研讨班侧记; not 一份2015的报告指出, 一起向未来); it makes
    none with the end of ``above`` either (统 | 一协调发展: a heading wrapped), and
    ``text`` prints no wider than ``above`` (a sub-headline's type is no larger than its
    headline's; a wider line under a shorter one is a headline under its kicker:
    聚焦全国两会 | 一图读懂政府工作报告).  Nor does a list's first item open with a dash
    (一是加强组织领导, which the word list does not hold as a word)."""
    return len(text) >= LONE_ONE_MIN and text[0] == "一" and text[1] not in LONE_ONE_NOT_BEFORE \
        and HAN_RUN.match(text[1]) is not None and not cuts_word(text[0], text[1:]) \
        and not (above and (cuts_word(above, text) or printed_width(text) > printed_width(above)))


def _small_type(i: int, reading: PageReading, one_measure: bool = False) -> bool:
    """Whether heading line ``i`` is set in type smaller than the page's in-column
    headlines: it holds more than they wrap at (the narrowest of the page's
    heading widths below the column), or it fills its column in width as body type
    does (a count of characters that fills it, Latin letters among them, says nothing:
    华为Mate20X 5G版).
    A line set across columns tells nothing.  ``one_measure``: of the widths within
    ``WRAP_AGAIN_WIDTH`` of the narrowest, the one the page's headlines wrap at most
    often is their measure, which a line stops short of where the next unit does not
    fit or marks print narrower than counted (刘姝威：严惩违法 | 做空中国股市者 wraps at
    8 cells, 停牌、增持、补 | 仓：大小股东达成 at 7): it holds more than that measure."""
    col = reading.columns[i]
    if not col or reading.wide(i):
        return False
    if reading.room_in_width(i) <= reading.tolerance:
        return True
    narrow = [w for w in reading.heading_wraps if w < col - reading.tolerance]
    if not narrow:
        return False
    least = min(narrow)
    measure = least
    if one_measure:
        wraps = reading.heading_wraps
        measure = max((w for w in narrow if w - least <= WRAP_AGAIN_WIDTH), key=lambda w: (wraps[w], -w))
    return reading.widths[i] - reading.slack[i] > measure + TYPE_MARGIN


def roles_by_type(lines: Sequence[str], shape: Shape | None = None, cuts_word: CutsWord | None = None) -> list[Role]:
    """The roles of :func:`read_page` (``cuts_word`` as it takes it), with headings named by the
    type they are set in (:func:`_name_by_type`) on a page of printed lines.  The articles view
    asks for them; the paragraphs stage needs no more than that a line is a heading."""
    texts = [t.strip() for t in lines]
    reading = read_page(lines, cuts_word=cuts_word, shape=shape)
    roles = list(reading.roles)
    if reading.wrapped:
        _name_by_type(texts, roles, reading)
    return roles


def _name_by_type(texts: Sequence[str], roles: list[Role], reading: PageReading) -> None:
    """Name a run of heading lines by the type they are set in, where it shows
    (:func:`_small_type`; a line that wraps onto a shorter one, not as wide as the
    page's headlines wrap at, is its tail, in its type): smaller lines over the
    run's other lines are their kicker, under them their sub-headline; a run all
    in smaller type, with body text before it and after it, is a subhead of the
    body (set in body type, bold).  The run that opens the page is left as it is
    (:func:`_opens_page`), and so is a headline whose lines hold marks, each wrapping onto the
    next at one measure (``heading_runs``: 补壹刀：别笑！18 | 人的“新八国联军” | 今天成立了)."""
    i, n = 0, len(texts)
    while i < n:
        if roles[i] is not Role.HEADLINE:
            i += 1
            continue
        j = i
        while j + 1 < n and roles[j + 1] in (Role.HEADLINE, Role.SUBHEADLINE):
            j += 1
        if _opens_page(i, texts, roles) or all(k in reading.heading_runs for k in range(i, j)) and j > i:
            i = j + 1  # a run whose lines wrap onto each other is one headline in one type
            continue
        small = _small_run(i, j, roles, reading)
        if all(small):
            before, after = _prev(texts, i), _next(texts, j)
            if before is not None and after is not None and roles[before] is Role.BODY and roles[after] is Role.BODY:
                for k in range(i, j + 1):
                    roles[k] = Role.SUBHEAD
        elif any(small := _small_run(i, j, roles, reading, one_measure=True)):
            first = small.index(False)
            last = len(small) - 1 - small[::-1].index(False)
            for k in range(first):
                roles[i + k] = Role.KICKER
            for k in range(last + 1, len(small)):
                if roles[i + k] is Role.HEADLINE:
                    roles[i + k] = Role.SUBHEADLINE
        i = j + 1


def _small_run(i: int, j: int, roles: Sequence[Role], reading: PageReading, one_measure: bool = False) -> list[bool]:
    """Whether each heading line from ``i`` to ``j`` is in smaller type (:func:`_small_type`); a
    line that wraps onto a shorter one, not as wide as the page's headlines wrap at, is its tail,
    in its type.  Whether a run is all in smaller type (a subhead of the body) is read against the
    narrowest width the page's headlines wrap at; which of its lines are a kicker or a sub-headline
    against the measure they wrap at most often (``one_measure``), so that a headline's line as
    wide as that measure is no kicker where other lines wrap a unit short of it."""
    small = [_small_type(k, reading, one_measure) for k in range(i, j + 1)]
    for k in range(1, len(small)):
        if small[k - 1] and not small[k] and not reading.heading_full(i + k) \
                and reading.widths[i + k] < reading.widths[i + k - 1] - TYPE_MARGIN:
            small[k] = roles[i + k] is Role.HEADLINE  # a tail; a dash-led line starts a heading
    return small


def _opens_page(i: int, texts: Sequence[str], roles: Sequence[Role]) -> bool:
    """Whether heading line ``i`` opens the page (only furniture before it): the lead's
    stack, set across the columns, where the type tells no kicker from a headline by how
    many characters a line holds."""
    return all(roles[k] in _BEFORE_LEAD or not texts[k] for k in range(i))
