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
from collections.abc import Sequence
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
_NAMES = rf"{_PERSON}(?:[ \u3000·、]+{_PERSON})*"
_REPORTER = r"(?:本报|新华社|中新社)?(?:特约|实习|首席|摄影)?(?:记者|通讯员)"
_BYLINE = regex.compile(
    rf"^[□■●◆]?{_REPORTER}[ \u3000]*{_NAMES}(?:[ \u3000]+{_REPORTER}(?:[ \u3000]*{_NAMES})?)*[ \u3000]*$")
_DATELINE = regex.compile(
    r"^(?:本报讯|本报\p{Han}{0,8}\d{1,2}\s*月\s*\d{1,2}\s*日\s*[电讯]|本报\p{Han}{0,8}\d{1,2}\s*(?:月\s*(?:\d{1,2}\s*日?)?)?$"
    r"|(?:新华社|中新社)\p{Han}{0,10}\d{1,2}\s*月\s*\d{1,2}\s*日?\s*(?:电|$)|[（(]记者)"
)
_CREDIT = regex.compile(
    r"^(?:责任编辑|编辑|校对|美编|版式设计|排版|本版编辑)[：:]\s*\S.{0,20}$"
    r"|^[（(]\p{Han}{2,4}(?:[ ·、]\p{Han}{2,4})*[）)]$"
    rf"|^(?:{_REPORTER}[ \u3000]*)?{_NAMES}(?:[ \u3000]+{_REPORTER}[ \u3000]*{_NAMES})*[ \u3000]*摄$"
)
_LABEL = regex.compile(r"^(?:编者按|编后|图片|图为|链接|相关链接|记者手记|短评)[：:]?$|^(?:编者按|图片|图为)[：:]")
_PHOTO_CREDIT = regex.compile(rf"{_REPORTER}[ \u3000]*{_NAMES}[ \u3000]*摄$|[（(]\p{{Han}}{{0,6}}(?:社|网)发[）)]$")
_JUMP = regex.compile(r"^[■□●◆]?[（(【〔\[]?\s*(?:上接|下转|接|转)\s*第?\s*[0-9A-Za-z〇零一二三四五六七八九十]{1,4}\s*版\s*[）)】〕\]]?$")
_PAGE_NUMBER = regex.compile(r"^[-—－·•]?\s*\d{1,3}\s*[-—－·•]?$|^第\s*\d{1,3}\s*[页版]$")
_SENTENCE_END = frozenset("。！？!?…")
_OPENERS = "“‘「『（(《【〈"
_SQUEEZE = frozenset("，。、；：？！“”‘’「」『』（）《》【】〈〉")
_NO_START = frozenset("，。、；：？！）》」』】,.;:?!)…”’")
_CLOSERS = "”’」』）)》】"
_BODY_MARKS = frozenset("，。、；！？,;!?")
_OPEN_END = frozenset("，、：:,（(“‘《【")
# a unit that cannot be broken across lines: a run of Latin letters and digits, with
# the brackets and quotes that cling to it; or a character with the marks no line starts with
_UNIT = regex.compile(r"^[（(“‘《【〈「]*(?:[A-Za-z0-9.%％\-]+|.)[）)”’》】〉」，。、；：？！,.;:?!…—]*")

HEADLINE_MAX = 30  # characters: a longer line is no headline
FOLIO_MAX_LINES = 8  # a folio split over more lines than this is not read as one
FOLIO_PIECE_MAX = 14  # characters of one piece of a split folio
WINDOW = 12  # lines each side that a line's column width is learnt from
MIN_COLUMN_LINES = 4  # lines of one width that make a column
COLUMN_SHARE = 0.3  # and their share of the lines around
INDENT_SHARE = 0.4  # of the lines after a paragraph's end, the share that shows the indent
MAX_INDENT = 3  # cells: a paragraph's first line is indented by at most this many
INDENT_TOLERANCE = 0.75  # cells an indented line may be off its indent
TOLERANCE = 0.5  # cells a full line may fall short of its column
ASCII_EXTRA = 0.22 # cells that a Latin letter or digit prints wider than half a cell, as a rule
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
    alnum = pairs = spaces = 0
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
    return width + ASCII_EXTRA * alnum - SPACE_LESS * spaces - 0.5 * pairs


def slack(text: str) -> float:
    """How much wider than :func:`printed_width` says ``text`` may still print: Latin
    letters and digits vary most from font to font, and justification stretches spaces."""
    n = sum(1 for c in text if c.isascii() and c.isalnum())
    return min(MAX_SLACK, ASCII_SLACK * n + SPACE_STRETCH * text.count(" "))


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


@dataclass(frozen=True, slots=True)
class PageReading:
    """What :func:`read_page` learnt: each line's role, and the layout behind it.

    ``columns[i]`` is the width of the column line ``i`` sits in (0.0 where
    the page tells none: clean text, or too few lines of one width);
    ``heading_widths`` the widths at which headlines of the page wrap.
    """

    roles: list[Role]
    widths: list[float]
    columns: list[float]
    slack: list[float]
    heading_widths: frozenset[float]
    indent: float
    wrapped: bool

    def room(self, i: int) -> float:
        """How far line ``i`` stops short of its column, less what narrow characters explain."""
        return self.columns[i] - self.widths[i] - self.slack[i]

    def fills(self, i: int, nxt: str | None = None) -> bool:
        """Whether line ``i`` reaches the end of its column: as wide as it, or
        too close to it for ``nxt``'s first unit to fit."""
        if not self.columns[i]:
            return False
        room = self.room(i)
        return room <= TOLERANCE or (nxt is not None and room < first_unit_width(nxt))

    def indented(self, i: int, nxt: str | None = None) -> bool:
        """Whether line ``i`` is as wide as a paragraph's first line on a page that indents
        them: it stops the indent short of the column, or a little more if ``nxt``'s first
        unit did not fit."""
        if not (self.indent and self.columns[i]):
            return False
        off = self.room(i) - self.indent
        return -INDENT_TOLERANCE <= off <= INDENT_TOLERANCE or (nxt is not None and 0 < off < first_unit_width(nxt))

    def short(self, i: int, nxt: str | None = None) -> bool:
        """Whether line ``i`` stops short of its column: a paragraph ends there."""
        return bool(self.columns[i]) and not self.fills(i, nxt)

    def wide(self, i: int) -> bool:
        """Whether line ``i`` is wider than its column (smaller type, or set across columns)."""
        col = self.columns[i]
        return bool(col) and self.widths[i] - self.slack[i] >= col + 2 * TOLERANCE

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


def read_page(
    lines: Sequence[str],
    widths: Sequence[float] | None = None,
    *,
    wrapped: bool | None = None,
) -> PageReading:
    """Read the roles and layout of ``lines`` (one per line, blank lines included).

    ``widths``: each line's display width as printed (default: measured on
    ``lines``); ``wrapped``: whether the lines are printed lines of columns
    (True) or paragraphs (False); by default read from the lines.
    """
    texts = [t.strip() for t in lines]
    ws = list(widths) if widths is not None else [printed_width(t) for t in texts]
    if wrapped is None:
        wrapped = is_wrapped(texts)
    roles: list[Role | None] = [own_role(t) for t in texts]
    _mark_folio_runs(texts, roles)
    columns = learn_columns(ws, texts) if wrapped else [0.0] * len(texts)
    slacks = [slack(t) for t in texts]
    reading = PageReading([], ws, columns, slacks, frozenset(), 0.0, wrapped)
    reading = PageReading([], ws, columns, slacks, frozenset(), _learn_indent(texts, roles, reading), wrapped)
    heads = _heading_lines(texts, roles, reading)
    widths_ = _heading_widths(texts, heads, reading)
    out = [r if r is not None else Role.HEADLINE if i in heads else Role.BODY for i, r in enumerate(roles)]
    if wrapped:
        _mark_captions(texts, out, reading)
    _name_headings(texts, out)
    return PageReading(out, ws, columns, slacks, widths_, reading.indent, wrapped)


def assign_roles(
    lines: Sequence[str],
    widths: Sequence[float] | None = None,
    *,
    wrapped: bool | None = None,
) -> list[Role]:
    """The role of each of ``lines`` (one per line, blank lines included); see :func:`read_page`."""
    return read_page(lines, widths, wrapped=wrapped).roles


def _mark_folio_runs(texts: Sequence[str], roles: list[Role | None]) -> None:
    """Mark runs of short lines that read together as one folio (an extractor split it).

    Blank lines may fall between the pieces (OCR).
    """
    n = len(texts)
    i = 0
    while i < n:
        if roles[i] not in (None, Role.PAGE_NUMBER, Role.FOLIO) or len(texts[i]) > FOLIO_PIECE_MAX * 3:
            i += 1
            continue
        found = 0
        pieces = 0
        for j in range(i, n):
            piece = texts[j]
            if not piece:
                continue
            if roles[j] not in (None, Role.PAGE_NUMBER, Role.FOLIO) or (j > i and len(piece) > FOLIO_PIECE_MAX):
                break
            pieces += 1
            if pieces > FOLIO_MAX_LINES:
                break
            if pieces > 1 and parse_folio(" ".join(t for t in texts[i : j + 1] if t)) is not None:
                found = j + 1
        if found:
            for k in range(i, found):
                if texts[k]:
                    roles[k] = Role.FOLIO
            i = found
        else:
            i += 1


def _learn_indent(texts: Sequence[str], roles: Sequence[Role | None], reading: PageReading) -> float:
    """The indent of the page's paragraphs (0.0: none): how far short of the column the
    line after a sentence that ends short of it usually stops, when it usually does.

    Only lines that stop at most ``MAX_INDENT`` short count: the others are headings
    and one-line paragraphs.
    """
    if not reading.wrapped:
        return 0.0
    rooms: Counter[int] = Counter()
    for i in range(1, len(texts) - 1):
        j = i - 1
        if not (texts[i] and texts[j] and texts[i + 1]) or roles[i] is not None or not reading.columns[i]:
            continue
        if ends_sentence(texts[j]) and reading.short(j, texts[i]) and not ends_sentence(texts[i]) \
                and reading.fills(i + 1, _after(texts, i + 1)):
            room = round(reading.room(i))
            if room <= MAX_INDENT:
                rooms[max(0, room)] += 1
    if not rooms:
        return 0.0
    room, n = rooms.most_common(1)[0]
    return float(room) if room >= 1 and n >= INDENT_SHARE * sum(rooms.values()) else 0.0


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


def _heading_lines(texts: Sequence[str], roles: Sequence[Role | None], reading: PageReading) -> set[int]:
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
        starts[i] = prev is None or prev + 1 < i or prev in heads or _ends_paragraph(
            texts, roles, reading, prev, i, starts[prev])
        k = _next(texts, i)
        prev = i
        if roles[i] is not None or not heading_shaped(t) or not starts[i]:
            continue
        if reading.wrapped and reading.columns[i] and not reading.short(i) and not reading.wide(i):
            # as wide as the column: a heading only if a heading line ends it
            if k is None or not heading_shaped(texts[k]) or roles[k] is not None \
                    or not reading.short(k, _after(texts, k)):
                continue
        if reading.indent and k is not None and roles[k] is None and reading.fills(k, _after(texts, k)) \
                and not reading.indented(k, _after(texts, k)):
            continue  # the next line goes on with it: on a page that indents, it would start a paragraph
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


def _heading_widths(texts: Sequence[str], heads: set[int], reading: PageReading) -> frozenset[float]:
    """Widths at which the page's headlines wrap: the width of a heading line followed by
    another, no wider, found on two headlines or more."""
    if not reading.wrapped:
        return frozenset()
    counts: Counter[float] = Counter()
    for i in heads:
        k = _next(texts, i)
        if k == i + 1 and k in heads and reading.widths[k] <= reading.widths[i] \
                and not texts[k].startswith("——"):
            counts[round(reading.widths[i] * 2) / 2] += 1
    return frozenset(w for w, n in counts.items() if n >= 2)


def _mark_captions(texts: Sequence[str], roles: list[Role], reading: PageReading) -> None:
    """Body lines wider than their column are set in smaller type: a caption's lines,
    with the line that ends each run of them."""
    i = 0
    n = len(texts)
    while i < n:
        if roles[i] is Role.BODY and reading.wide(i):
            j = i
            while j < n and texts[j] and roles[j] in (Role.BODY, Role.CAPTION) and reading.wide(j):
                roles[j] = Role.CAPTION
                j += 1
            if j < n and texts[j] and roles[j] is Role.BODY:
                roles[j] = Role.CAPTION
            i = j + 1
        else:
            i += 1


def _name_headings(texts: Sequence[str], roles: list[Role]) -> None:
    """Within a run of heading lines: a line led by —— is a sub-headline."""
    for i, role in enumerate(roles):
        if role is Role.HEADLINE and texts[i].startswith("——"):
            roles[i] = Role.SUBHEADLINE
