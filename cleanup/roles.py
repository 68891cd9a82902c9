"""The role of each line of a page: folio, headline, byline, body, caption, credit, ...

Decided once per page from what the text shows (patterns of bylines,
datelines, credits and labels; the shape of a headline: a short line with
no sentence punctuation, often followed by a byline or dateline) and, on a
page as an extractor wrote it, from layout: each line's display width
against the width of its column.  The same call reads clean text, one
paragraph per line, where widths say nothing.

>>> [str(r) for r in assign_roles(["新春走基层", "本报记者 王磊", "会议召开。会议指出，要加强合作。", "责任编辑：王五"])]
['headline', 'byline', 'body', 'credit']
"""

from __future__ import annotations

from collections.abc import Sequence
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
    CREDIT = "credit"  # 责任编辑：王五, （李海珍）
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

_PERSON = r"\p{Han}{2,4}"
_NAMES = rf"{_PERSON}(?:[ \u3000·、]+{_PERSON})*"
_BYLINE = regex.compile(
    rf"^[□■●◆]?(?:本报|新华社|中新社)?(?:特约|实习|首席)?(?:记者|通讯员)[ \u3000]*{_NAMES}"
    rf"(?:[ \u3000]+(?:本报)?(?:特约|实习)?(?:记者|通讯员)[ \u3000]*{_NAMES})*$"
)
_DATELINE = regex.compile(
    r"^(?:本报讯|本报\p{Han}{0,8}\d{1,2}\s*月\s*\d{1,2}\s*日\s*[电讯]"
    r"|(?:新华社|中新社)\p{Han}{0,10}\d{1,2}\s*月\s*\d{1,2}\s*日\s*电|[（(]记者)"
)
_CREDIT = regex.compile(r"^(?:责任编辑|编辑|校对|美编|版式设计|排版)[：:]\s*\S{1,12}$|^[（(]\p{Han}{2,4}(?:[ ·、]\p{Han}{2,4})*[）)]$")
_LABEL = regex.compile(r"^(?:编者按|编后|图片|图为|链接|相关链接|记者手记|短评|评论员文章)[：:]?$|^(?:编者按|图片|图为)[：:]")
_PHOTO_CREDIT = regex.compile(rf"(?:记者|通讯员|摄影)[ \u3000]*{_NAMES}[ \u3000]*摄$|（\p{{Han}}{{0,6}}(?:社|网)发）$")
_JUMP = regex.compile(r"^[■□●◆]?[（(【〔\[]?\s*(?:上接|下转|接|转)\s*第?\s*[0-9A-Za-z〇零一二三四五六七八九十]{1,4}\s*版\s*[）)】〕\]]?$")
_PAGE_NUMBER = regex.compile(r"^\s*[-—－]?\s*\d{1,3}\s*[-—－]?\s*$")
_SENTENCE_MARKS = frozenset("，。、；！？,;!?")
_OPEN_END = frozenset("，、：:,（(“‘《【")

HEADLINE_MAX = 30  # characters: a longer line is no headline
FOLIO_MAX_LINES = 6  # a folio split over more lines than this is not read as one


def display_width(text: str) -> float:
    """Width in full-width cells: ASCII counts half, everything else one."""
    ascii_count = len(text.encode("ascii", "ignore"))
    return len(text) - ascii_count / 2


def _heading_shaped(text: str) -> bool:
    """Short, no sentence punctuation inside, not ending open."""
    t = text.strip()
    return 0 < len(t) <= HEADLINE_MAX and _SENTENCE_MARKS.isdisjoint(t[:-1]) and t[-1] not in _OPEN_END \
        and t[-1] not in "。；，"


def _own_role(text: str) -> Role | None:
    """The role a line shows by itself, or None when only its neighbours can tell."""
    t = text.strip()
    if not t:
        return Role.BLANK
    if _PAGE_NUMBER.match(t):
        return Role.PAGE_NUMBER
    if _JUMP.match(t):
        return Role.JUMP
    if parse_folio(t) is not None:
        return Role.FOLIO
    if _CREDIT.match(t):
        return Role.CREDIT
    if _LABEL.match(t):
        return Role.LABEL
    if _BYLINE.match(t):
        return Role.BYLINE
    if _DATELINE.match(t):
        return Role.DATELINE
    if _PHOTO_CREDIT.search(t):
        return Role.CAPTION
    return None


def _folio_runs(texts: Sequence[str], roles: list[Role | None]) -> None:
    """Mark runs of short lines that read together as one folio (an extractor split it)."""
    n = len(texts)
    i = 0
    while i < n:
        if roles[i] not in (None, Role.PAGE_NUMBER) or not texts[i].strip():
            i += 1
            continue
        found = 0
        for j in range(i + 2, min(n, i + FOLIO_MAX_LINES) + 1):
            piece = texts[j - 1].strip()
            if not piece or roles[j - 1] not in (None, Role.PAGE_NUMBER) or len(piece) > 12:
                break
            if parse_folio(" ".join(t.strip() for t in texts[i:j])) is not None:
                found = j
        if found:
            for k in range(i, found):
                roles[k] = Role.FOLIO
            i = found
        else:
            i += 1


def _column_width(widths: Sequence[float]) -> float:
    """The usual width of the page's lines: the most common rounded width, the wider on a tie."""
    counts: dict[int, int] = {}
    for w in widths:
        if w > 0:
            counts[round(w)] = counts.get(round(w), 0) + 1
    if not counts:
        return 0.0
    return float(max(counts.items(), key=lambda kv: (kv[1], kv[0]))[0])


def _is_wrapped(texts: Sequence[str]) -> bool:
    """Whether lines are printed lines (hard-wrapped) rather than paragraphs: most
    non-empty lines sit next to another non-empty line and few end a sentence."""
    filled = [t.strip() for t in texts if t.strip()]
    if len(filled) < 3:
        return False
    ends = sum(1 for t in filled if t[-1] in "。！？”")
    return ends < 0.5 * len(filled)


def assign_roles(
    lines: Sequence[str],
    widths: Sequence[float] | None = None,
    *,
    wrapped: bool | None = None,
) -> list[Role]:
    """The role of each of ``lines`` (one per line, blank lines included).

    ``widths``: each line's display width as printed (default: measured on
    ``lines``); ``wrapped``: whether the lines are printed lines of columns
    (True) or paragraphs (False); by default read from the lines.
    """
    texts = list(lines)
    roles: list[Role | None] = [_own_role(t) for t in texts]
    _folio_runs(texts, roles)
    if wrapped is None:
        wrapped = _is_wrapped(texts)
    ws = list(widths) if widths is not None else [display_width(t.strip()) for t in texts]
    column = _column_width(ws) if wrapped else 0.0
    out: list[Role] = []
    for i, (t, role) in enumerate(zip(texts, roles)):
        if role is not None:
            out.append(role)
            continue
        s = t.strip()
        if not _heading_shaped(s) or (wrapped and ws[i] >= column - 1.0):
            out.append(Role.BODY)
        else:
            out.append(Role.HEADLINE)
    _name_headings(out, texts)
    return out


def _name_headings(roles: list[Role], texts: Sequence[str]) -> None:
    """Within a run of heading lines: a line led by —— is a sub-headline; a run
    followed by body text with no byline or dateline after an earlier body
    line of the same article stays a headline (in-body subheads are told
    apart by the paragraphs around them)."""
    for i, role in enumerate(roles):
        if role is Role.HEADLINE and texts[i].strip().startswith("——"):
            roles[i] = Role.SUBHEADLINE
