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

from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from enum import StrEnum

import regex

from .folio import parse_folio


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
# roles a line starting a paragraph has: what comes before it ends there
STARTS_PARAGRAPH = STANDALONE | {Role.DATELINE}

_PERSON = r"(?!记者|通讯员)\p{Han}{2,4}"
# a bullet before a byline; OCR reads □ as 口 or 国
_BULLET = r"(?:[□■●◆▲]|[口国](?=本报|新华社|中新社|记者|通讯员))"
_GAP = r"[ \u3000”“\"']*"  # between a byline's parts: blanks, and the quote marks OCR reads some as
_NAMES = rf"{_PERSON}(?:[ \u3000·、”“\"']+{_PERSON})*"
_REPORTER = r"(?:本报|新华社|中新社)?(?:特约|实习|首席|摄影)?(?:记者|通讯员)"
_BYLINE = regex.compile(
    rf"^{_BULLET}?{_REPORTER}{_GAP}{_NAMES}(?:{_GAP}{_REPORTER}(?:{_GAP}{_NAMES})?)*[ \u3000]*$")
_DATELINE = regex.compile(
    r"^(?:本报讯|本报\p{Han}{0,8}\d{1,2}\s*月\s*\d{1,2}\s*日\s*[电讯]|本报\p{Han}{0,8}\d{1,2}\s*(?:月\s*(?:\d{1,2}\s*日?)?)?$"
    r"|(?:新华社|中新社)\p{Han}{0,10}\d{1,2}\s*月\s*\d{1,2}\s*日?\s*(?:电|$)|[（(]记者)"
)
_CREDIT = regex.compile(
    r"^(?:责任编辑|编辑|校对|美编|版式设计|排版|本版编辑)[：:]\s*\S.{0,20}$"
    r"|^[（(]\p{Han}{2,4}(?:[ ·、]\p{Han}{2,4})*[）)]$"
    rf"|^(?:{_REPORTER}[ \u3000]*)?{_NAMES}(?:[ \u3000]+{_REPORTER}[ \u3000]*{_NAMES})*[ \u3000]*摄$"
)
_TRAILING_CREDIT = regex.compile(r"[ \u3000]*(?:责任编辑|本版编辑|编辑)[：:]\s*\S{1,12}$")
_LABEL = regex.compile(r"^(?:编者按|编后|图片|图为|链接|相关链接|记者手记|短评)[：:]?$|^(?:编者按|图片|图为)[：:]")
_PHOTO_CREDIT = regex.compile(
    rf"{_REPORTER}[ \u3000]*{_NAMES}[ \u3000]*摄$|[。！？”][ \u3000]*{_NAMES}[ \u3000]+摄$"
    r"|[（(]\p{Han}{0,6}(?:社|网)发[）)]$")
_JUMP = regex.compile(r"^[■□●◆]?[（(【〔\[]?\s*(?:上接|下转|接|转)\s*第?\s*[0-9A-Za-z〇零一二三四五六七八九十]{1,4}\s*版\s*[）)】〕\]]?$")
_PAGE_NUMBER = regex.compile(r"^[-—－·•]?\s*\d{1,3}\s*[-—－·•]?$|^第\s*\d{1,3}\s*[页版]$")
_HAN_ONLY = regex.compile(r"\p{Han}+")
_DASH_LED = regex.compile(r"——|一一(?!一)")  # a dash, or the two 一 OCR reads it as
_GOES_ON = regex.compile(r"\p{Han}[，、。；：）」』”]")  # a line led by one character and a mark: the end of a word
_SENTENCE_END = frozenset("。！？!?…")
_ENDS_FUNCTION = frozenset("的和与及并在对把被从向以而或且之")  # no heading ends with one of these
_OPENERS = "“‘「『（(《【〈"
_SQUEEZE = frozenset("，。、；：？！“”‘’「」『』（）《》【】〈〉")
_NO_START = frozenset("，。、；：？！）》」』】,.;:?!)…”’")
_CLOSERS = "”’」』）)》】"
_BODY_MARKS = frozenset("，。、；！？,;!?")
_OPEN_END = frozenset("，、：:,（(“‘《【")
# a unit that cannot be broken across lines: a run of Latin letters and digits, with
# the brackets and quotes that cling to it; or a character with the marks no line starts with
_UNIT = regex.compile(r"^[（(“‘《【〈「]*(?:[0-9.]+\p{Han}?|[A-Za-z0-9.%％\-]+|.)[）)”’》】〉」，。、；：？！,.;:?!…—]*")

HEADLINE_MAX = 30  # characters: a longer line is no headline
HEADING_TAIL = 2  # characters: a line this short after a heading line ends it
FOLIO_MAX_LINES = 8  # a folio split over more lines than this is not read as one
FOLIO_PIECE_MAX = 14  # characters of one piece of a split folio
FOLIO_SECTION_MAX = 4  # characters of a section name that a folio's pieces may end with
WINDOW = 12  # lines each side that a line's column width is learnt from
MIN_COLUMN_LINES = 4  # lines of one width that make a column
COLUMN_SHARE = 0.3  # and their share of the lines around
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


def display_width(text: str) -> float:
    """Width in full-width cells: ASCII counts half, everything else one."""
    ascii_count = len(text.encode("ascii", "ignore"))
    return len(text) - ascii_count / 2


def heading_shaped(text: str) -> bool:
    """Short, no sentence punctuation, not ending open, every bracket closed: a headline's shape."""
    t = text.strip()
    return (0 < len(t) <= HEADLINE_MAX and _BODY_MARKS.isdisjoint(t) and t[-1] not in _OPEN_END
            and t[0] not in _NO_START and "…" not in t and balanced(t))


def balanced(text: str) -> bool:
    """Whether every bracket and quote ``text`` opens it closes, and none it did not open."""
    depth = 0
    for c in text:
        if c in _OPENERS:
            depth += 1
        elif c in _CLOSERS:
            depth -= 1
            if depth < 0:
                return False
    return depth == 0


def ends_sentence(text: str) -> bool:
    core = text.rstrip().rstrip(_CLOSERS)
    return bool(core) and core[-1] in _SENTENCE_END


def printed_width(text: str) -> float:
    """The width ``text`` likely prints at, in full-width cells: its display width, with
    Latin letters and digits a little wider than half a cell and two punctuation
    marks in a row set in a cell and a half (most CJK typesetting compresses them)."""
    width = display_width(text)
    alnum = pairs = spaces = 0  # pairs: punctuation marks right after another
    last_punct = False
    for c in text:
        if c.isascii():
            alnum += c.isalnum()
            spaces += c == " "
            last_punct = False
        elif c in _SQUEEZE:
            pairs += last_punct
            last_punct = True
        else:
            last_punct = False
    trim = 0.5 if text[:1] in _OPENERS else 0.0  # an opening mark starts a line half as wide
    return width + ASCII_EXTRA * alnum - SPACE_LESS * spaces - 0.5 * pairs - trim


def slack(text: str) -> float:
    """How much wider than :func:`printed_width` says ``text`` may still print: Latin
    letters and digits vary most from font to font, and justification stretches spaces."""
    n = sum(1 for c in text if c.isascii() and c.isalnum())
    return min(MAX_SLACK, ASCII_SLACK * n + SPACE_STRETCH * text.count(" "))


def _half_cells(text: str) -> float:
    """Half a cell for each Latin letter and digit: what they would add, set full width."""
    return 0.5 * sum(1 for c in text if c.isascii() and c.isalnum())


def first_unit_width(text: str) -> float:
    """Width of what ``text`` must start its line with: a word of Latin letters or digits
    with its brackets, or a character with the punctuation that cannot start a line."""
    m = _UNIT.match(text.strip())
    return printed_width(m.group()) if m else 0.0


def own_role(text: str) -> Role | None:
    """The role a line shows by itself, or None when only its neighbours can tell."""
    t = text.strip()
    if not t:
        return Role.BLANK
    if _PAGE_NUMBER.match(t):
        return Role.PAGE_NUMBER
    if _JUMP.match(t):
        return Role.JUMP
    if _CREDIT.match(t):
        return Role.CREDIT
    if _LABEL.match(t):
        return Role.LABEL
    if _BYLINE.match(t):
        return Role.BYLINE
    if _DATELINE.match(t):
        return Role.DATELINE
    if parse_folio(t) is not None:
        return Role.FOLIO
    if _PHOTO_CREDIT.search(t):
        return Role.CAPTION
    return None


@dataclass(slots=True)
class PageReading:
    """What :func:`read_page` learnt: each line's role, and the layout behind it.

    ``columns[i]`` is the width of the column line ``i`` sits in (0.0 where
    the page tells none: clean text, or too few lines of one width), and
    ``char_columns[i]`` the same in characters (text wrapped at a count of
    characters, not at a width, fills that); ``heading_widths`` are the
    widths at which the page's headlines wrap, ``indent`` how far a
    paragraph's first line is indented, ``tolerance`` how far short of its
    column a full line of the page may stop.
    """

    roles: list[Role]
    widths: list[float]
    columns: list[float]
    slack: list[float]
    counts: list[int]
    char_columns: list[float]
    wrapped: bool
    heading_widths: frozenset[float] = frozenset()
    indent: float = 0.0
    tolerance: float = TOLERANCE

    def room(self, i: int) -> float:
        """How far line ``i`` stops short of its column, less what narrow characters
        explain; the less of that in width and in characters (a line is as full as
        either measure says: text may be wrapped at a count of characters)."""
        return min(self._rooms(i))

    def _rooms(self, i: int) -> tuple[float, ...]:
        room = self.columns[i] - self.widths[i] - self.slack[i]
        return (room, self.char_columns[i] - self.counts[i]) if self.char_columns[i] else (room,)

    def fills(self, i: int, nxt: str | None = None) -> bool:
        """Whether line ``i`` reaches the end of its column: as wide as it, or
        too close to it for ``nxt``'s first unit to fit."""
        if not self.columns[i]:
            return False
        room = self.room(i)
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
                   for room in self._rooms(i))

    def short(self, i: int, nxt: str | None = None) -> bool:
        """Whether line ``i`` stops short of its column: a paragraph ends there."""
        return bool(self.columns[i]) and not self.fills(i, nxt)

    def wide(self, i: int) -> bool:
        """Whether line ``i`` is wider than its column (smaller type, or set across columns)."""
        col = self.columns[i]
        return bool(col) and self.widths[i] - self.slack[i] >= col + 2 * self.tolerance

    def heading_full(self, i: int) -> bool:
        """Whether line ``i`` is as wide as a headline of the page wraps at."""
        return any(abs(self.widths[i] - w) <= 0.5 for w in self.heading_widths)


def is_wrapped(texts: Sequence[str]) -> bool:
    """Whether lines are printed lines (hard-wrapped) rather than paragraphs: most
    non-empty lines stand next to another and end no sentence."""
    filled = [t for t in texts if t.strip()]
    if len(filled) < 3:
        return False
    in_runs = sum(1 for i, t in enumerate(texts) if t.strip() and (
        (i > 0 and texts[i - 1].strip()) or (i + 1 < len(texts) and texts[i + 1].strip())))
    ends = sum(1 for t in filled if ends_sentence(t))
    return in_runs >= 0.4 * len(filled) and ends < 0.5 * len(filled)


def _column(counts: Counter[int]) -> float:
    """The column width of a window of line widths: the widest width that a good share
    of its lines have (lines stop short of the column, hardly ever past it)."""
    total = sum(counts.values())
    for width in sorted((w for w, n in counts.items() if n), reverse=True):
        if counts[width] >= max(MIN_COLUMN_LINES, COLUMN_SHARE * total):
            return float(width)
    return 0.0


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
    for k, i in enumerate(idx):
        start = max(0, k - WINDOW)
        end = min(len(rounded), k + WINDOW + 1)
        before = Counter(rounded[start : max(k + 1, start + WINDOW + 1)])
        after = Counter(rounded[min(k, end - WINDOW - 1) if end > WINDOW else 0 : end])
        out[i] = _choose(before, after)
    return out


def _choose(before: Counter[int], after: Counter[int]) -> float:
    """The column width of the more consistent of two windows."""
    cb, ca = _column(before), _column(after)
    if cb == ca or not ca:
        return cb
    if not cb:
        return ca
    agree_b = before[round(cb)] + before[round(cb) - 1]
    agree_a = after[round(ca)] + after[round(ca) - 1]
    return cb if agree_b / sum(before.values()) >= agree_a / sum(after.values()) else ca


CutsWord = Callable[[str, str], object]  # truthy if the break between two lines cuts a word


def read_page(
    lines: Sequence[str],
    widths: Sequence[float] | None = None,
    *,
    printed: Sequence[str] | None = None,
    wrapped: bool | None = None,
    cuts_word: CutsWord | None = None,
) -> PageReading:
    """Read the roles and layout of ``lines`` (one per line, blank lines included).

    ``printed``: each line as the page printed it, if cleaning has changed
    it since (default: ``lines``): widths and indents are measured on it;
    ``widths``: each line's width as printed (default: :func:`printed_width`
    of ``printed``); ``wrapped``: whether the lines are printed lines of
    columns (True) or paragraphs (False), by default read from the lines;
    ``cuts_word``: whether the break between two lines cuts a word, which
    a heading's last line does not.
    """
    texts = [t.strip() for t in lines]
    shown = texts if printed is None else [p.strip() for p in printed]
    ws = list(widths) if widths is not None else [printed_width(t) for t in shown]
    if wrapped is None:
        wrapped = is_wrapped(texts)
    roles: list[Role | None] = [own_role(t) for t in texts]
    _mark_folio_runs(texts, roles)
    blank = [0.0] * len(texts)
    # characters, trailing blanks included: text wrapped at a count of characters counts them
    counts = [len(p.rstrip("\r\n").lstrip(" \t")) if t else 0
              for t, p in zip(texts, lines if printed is None else printed)]
    reading = PageReading(
        [], ws, learn_columns(ws, texts) if wrapped else blank, [slack(t) for t in shown], counts,
        learn_columns(counts, texts) if wrapped else blank, wrapped)
    if wrapped:
        reading.tolerance = _learn_tolerance(texts, roles, reading)
        reading.indent = _learn_indent(texts, roles, reading)
    heads = _heading_lines(texts, roles, reading, cuts_word)
    _add_heading_tails(texts, roles, heads)
    reading.heading_widths = _heading_widths(texts, heads, reading)
    reading.roles = [r if r is not None else Role.HEADLINE if i in heads else Role.BODY for i, r in enumerate(roles)]
    if wrapped:
        _mark_captions(texts, reading.roles, reading)
    _name_headings(texts, reading.roles)
    return reading


def assign_roles(
    lines: Sequence[str],
    widths: Sequence[float] | None = None,
    *,
    printed: Sequence[str] | None = None,
    wrapped: bool | None = None,
    cuts_word: CutsWord | None = None,
) -> list[Role]:
    """The role of each of ``lines`` (one per line, blank lines included); see :func:`read_page`."""
    return read_page(lines, widths, printed=printed, wrapped=wrapped, cuts_word=cuts_word).roles


def _mark_folio_runs(texts: Sequence[str], roles: list[Role | None]) -> None:
    """Mark the folios :func:`folio_runs` finds."""
    for run in folio_runs(texts, roles):
        for k in run:
            if texts[k].strip():
                roles[k] = Role.FOLIO


def folio_before_credit(text: str) -> int:
    """Where a folio that shares its line with an editor's credit ends (the credit
    stays: ``2024年3月11日 星期一 文化 6 北疆晚报 责任编辑：王五``), or 0."""
    m = _TRAILING_CREDIT.search(text)
    if m is None or not m.start() or parse_folio(text[: m.start()]) is None:
        return 0
    return m.start()


def folio_runs(texts: Sequence[str], roles: Sequence[Role | None] | None = None) -> list[range]:
    """The lines that hold a folio: one line, or a run of short ones that read together
    as one (an extractor split it), blank lines between them allowed (OCR).

    ``roles``: each line's :func:`own_role`, if known.
    """
    own = list(roles) if roles is not None else [own_role(t) for t in texts]
    open_ = (None, Role.PAGE_NUMBER, Role.FOLIO)
    runs: list[range] = []
    n = len(texts)
    i = 0
    while i < n:
        first = texts[i].strip()
        if not first or own[i] not in open_ or len(first) > FOLIO_PIECE_MAX * 3:
            i += 1
            continue
        found = i + 1 if own[i] is Role.FOLIO else 0
        pieces = [first]
        for j in range(i + 1, min(n, i + 2 * FOLIO_MAX_LINES)):
            piece = texts[j].strip()
            if not piece:
                continue
            if own[j] not in open_ or len(piece) > FOLIO_PIECE_MAX or len(pieces) >= FOLIO_MAX_LINES:
                break
            if found and len(piece) > FOLIO_SECTION_MAX and _HAN_ONLY.fullmatch(piece) and not piece.endswith("报"):
                break  # a folio already: a longer line of Han that is no paper's name is a heading
            pieces.append(piece)
            if parse_folio(" ".join(pieces)) is not None:
                found = j + 1
        if found:
            runs.append(range(i, found))
            i = found
        else:
            i += 1
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
        if ends_sentence(texts[i - 1]) or t[-1] in _SENTENCE_END or t[-1] in _CLOSERS or t[-1] in "；：:;":
            continue
        if heading_shaped(t) or roles[i - 1] is not None or heading_shaped(texts[i - 1]) and reading.short(i - 1):
            continue  # perhaps a heading, or a paragraph's first line
        room = reading.room(i)
        rooms.append(room if room >= first_unit_width(texts[i + 1]) else 0.0)
    if len(rooms) < MIN_COLUMN_LINES:
        return TOLERANCE
    rooms.sort()
    return min(MAX_TOLERANCE, max(TOLERANCE, rooms[int(TOLERANCE_QUANTILE * (len(rooms) - 1))] + TOLERANCE))


def _learn_indent(texts: Sequence[str], roles: Sequence[Role | None], reading: PageReading) -> float:
    """The indent of the page's paragraphs (0.0: none): how far short of the column the
    line after a paragraph's end usually stops (the median), when it usually does.

    A paragraph ends at a blank line, or at a sentence that ends short of the column;
    only lines that a full one follows count (the others are headings and one-line
    paragraphs), and only those that stop at most ``MAX_INDENT`` short.
    """
    if not reading.wrapped:
        return 0.0
    rooms: list[float] = []
    for i in range(len(texts) - 1):
        j = i - 1
        if not (texts[i] and texts[i + 1]) or roles[i] is not None or not reading.columns[i]:
            continue
        if j < 0:
            continue  # a page may start inside a paragraph
        after_end = not texts[j] or (ends_sentence(texts[j]) and reading.short(j, texts[i]))
        if after_end and not ends_sentence(texts[i]) and reading.fills(i + 1, _after(texts, i + 1)):
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
    starts = [False] * len(texts)
    prev: int | None = None
    for i, t in enumerate(texts):
        if not t:
            continue
        # a blank line before a line starts a paragraph only after a sentence's end: OCR
        # puts blank lines inside paragraphs too
        starts[i] = prev is None or prev in heads or (prev + 1 < i and ends_sentence(texts[prev])) \
            or _ends_paragraph(texts, roles, reading, prev, i, starts[prev])
        k = _next(texts, i)
        prev = i
        if roles[i] is not None or not heading_shaped(t) or not starts[i]:
            continue
        alone = (i == 0 or not texts[i - 1]) and (i + 1 == len(texts) or not texts[i + 1])
        if reading.wrapped and reading.columns[i] and not reading.short(i) and not reading.wide(i):
            # as wide as the column: a heading only if a heading line ends it, or if it
            # stands alone between blank lines
            if not alone and (k is None or not heading_shaped(texts[k]) or roles[k] is not None
                              or not reading.short(k, _after(texts, k))):
                continue
        if k is not None and roles[k] is None and not heading_shaped(texts[k]):
            if _GOES_ON.match(texts[k]):
                continue  # the next line goes on with a word it began: 直联|点、国际…
            if reading.wrapped and not reading.columns[i] and k == i + 1:
                continue  # no column to measure it by, and body text right after it
            if reading.columns[i] and not reading.wide(i) and not alone \
                    and reading.room(i) - _half_cells(t) <= reading.indent + reading.tolerance:
                continue  # as wide as a paragraph's first line (were its Latin letters and digits
                # set as wide as Han, as some text is wrapped), and body text follows
        if reading.indent and k == i + 1 and roles[k] is None and reading.fills(k, _after(texts, k)) \
                and not reading.indented(k, _after(texts, k)):
            continue  # the next line goes on with it: on a page that indents, it would start a paragraph
        if cuts_word is not None and k is not None and roles[k] is None and not reading.wide(i) and not (
                heading_shaped(texts[k]) and (reading.short(k, _after(texts, k)) or not reading.columns[k])) \
                and cuts_word(t, texts[k]):
            continue  # the next line, body text, goes on with a word it began
        heads.add(i)
    return heads


def _ends_paragraph(texts: Sequence[str], roles: Sequence[Role | None], reading: PageReading,
                    j: int, i: int, j_starts: bool) -> bool:
    """Whether line ``j``, right before line ``i``, ends its paragraph, as far as it shows."""
    if roles[j] is not None and roles[j] in STANDALONE:
        return True
    if not reading.wrapped or not reading.columns[j]:
        return ends_sentence(texts[j]) or not reading.wrapped
    if reading.short(j, texts[i]):
        return not (j_starts and reading.indented(j, texts[i]))
    return ends_sentence(texts[j]) and (reading.indented(i, _after(texts, i)) or roles[i] is not None or (
        heading_shaped(texts[i]) and reading.short(i)))


def _add_heading_tails(texts: Sequence[str], roles: Sequence[Role | None], heads: set[int]) -> None:
    """The line right after a heading line is part of the heading when it is a tail of a
    character or two (习近平在口信中表|示), or when the heading line ends on a word that
    no heading ends with (开启中国式现代化的|新长征)."""
    for i in sorted(heads):
        k = i + 1
        if k < len(texts) and k not in heads and roles[k] is None and heading_shaped(texts[k]) and (
                len(texts[k]) <= HEADING_TAIL or texts[i][-1] in _ENDS_FUNCTION):
            heads.add(k)


def _heading_widths(texts: Sequence[str], heads: set[int], reading: PageReading) -> frozenset[float]:
    """Widths at which the page's headlines wrap: the width of a heading line followed by
    another, no wider, found on two headlines or more, and more often than on a heading
    that stands on one line (that width is the headline's own)."""
    if not reading.wrapped:
        return frozenset()
    wraps: Counter[float] = Counter()
    single: Counter[float] = Counter()
    for i in heads:
        width = round(reading.widths[i] * 2) / 2
        if i + 1 in heads and reading.widths[i + 1] <= reading.widths[i] and not _DASH_LED.match(texts[i + 1]):
            wraps[width] += 1
        elif i - 1 not in heads:
            single[width] += 1
    return frozenset(w for w, n in wraps.items() if n >= 2 and n >= single[w])


def _mark_captions(texts: Sequence[str], roles: list[Role], reading: PageReading) -> None:
    """Body lines wider than their column are set in other type: a caption's lines (with
    the line that ends each run of them) when they read as sentences, a headline set
    across columns when one of them stands alone with a headline's shape."""
    i = 0
    n = len(texts)
    while i < n:
        if roles[i] is Role.BODY and reading.wide(i):
            j = i
            while j < n and texts[j] and roles[j] in (Role.BODY, Role.CAPTION) and reading.wide(j):
                j += 1
            if j == i + 1 and heading_shaped(texts[i]):
                roles[i] = Role.HEADLINE
                i = j
                continue
            for k in range(i, j):
                roles[k] = Role.CAPTION
            if j < n and texts[j] and roles[j] is Role.BODY:
                roles[j] = Role.CAPTION
            i = j + 1
        else:
            i += 1


def _name_headings(texts: Sequence[str], roles: list[Role]) -> None:
    """Within a run of heading lines: a line led by a dash is a sub-headline."""
    for i, role in enumerate(roles):
        if role is Role.HEADLINE and _DASH_LED.match(texts[i]):
            roles[i] = Role.SUBHEADLINE
