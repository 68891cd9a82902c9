"""Read a page's folio line: paper, date, weekday, page number and section (SPEC rule 19).

A folio (``人民日报 1998年1月31日 星期六 第1版 副刊``) is a line of a few
fields in any order, separated by blanks (OCR may read a separator as a
stray quote mark).  It holds a date and at least one more field, and nothing
that reads as prose: no sentence punctuation, no field-less words but one
section name and the paper's name.

OCR's debris between the fields (a lone character, a mark read for a rule
or a stroke: ``第8版”经; 2019年2月20日``, ``第2版 训 由 2019年6月23日``) is
skipped where the other fields make a folio of at least
:data:`FIELDS_WITH_DEBRIS` fields by themselves, none of them a section (a
bare word among debris is as likely a neighbour's, a photo credit's name);
debris opening or closing the line is not skipped (it is more often the end
of a neighbouring line).

A date or page number whose day or digits OCR read as marks (``2021年9月:日``,
``第?版``) is a field whose value is unknown: the line is a folio if it shows
at least :data:`UNREAD_WITH` other fields read whole and no debris; the field
comes out ``None`` (a weekday does not tell which of a month's days it was).

>>> parse_folio("北疆晚报　2021年11月12日　星期五　第12版　国际")
Folio(paper='北疆晚报', date='2021-11-12', weekday='星期五', page_no=12, section='国际')
>>> parse_folio("会议于2021年11月12日召开。") is None
True
"""

from __future__ import annotations

from typing import NamedTuple

import regex

# Separators between fields: blanks, and the quote marks, bars or semicolons OCR reads them as.
_SEPARATOR = regex.compile(r"[\s\u3000”“\"'|｜·•;]+")
# OCR's debris among the fields: a lone Han character or a run of marks and stray letters
_DEBRIS = regex.compile(r"\p{Han}|[^\p{Han}\d]{1,3}")
# the fields (date included) a folio shows besides OCR's debris, for the debris to be skipped
FIELDS_WITH_DEBRIS = 4
DATE = regex.compile(r"(\d{4})\s*年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*日")
# a date or page number whose day or digits OCR garbled into marks (2021年9月:日, 第?版):
# the field is there, its value unknown (a weekday does not tell which day it was)
_UNREAD_DATE = regex.compile(r"\d{4}\s*年\s*\d{1,2}\s*月\s*[^\d\p{Han}\s]{1,2}\s*日")
# marks OCR reads for a 1 (第]版), which the articles view reads as page 1 (OCR_ONE)
OCR_ONE_MARKS = r"\]|lI丨"
OCR_ONE = regex.compile(rf"第\s*[{OCR_ONE_MARKS}]\s*版")
_UNREAD_PAGE = regex.compile(rf"第\s*[^\d\p{{Han}}\s{OCR_ONE_MARKS}]{{1,2}}\s*版")
# the fields read whole, besides a date, a folio with a garbled field shows at least
UNREAD_WITH = 3
_WEEKDAY = regex.compile(r"(?:星期|周)[一二三四五六日天]")
_PAGE = regex.compile(r"第\s*(\d{1,3})\s*版|(\d{1,3})\s*版|([A-Z]?\d{1,3})")
_PAPER = regex.compile(r"\p{Han}{1,10}(?:日报|晚报|早报|时报|商报|周报|青年报|导报|快报|晨报|法制报|经济报|报)")
_SECTION = regex.compile(r"\p{Han}{2,6}")
# sentence punctuation: a token holding one is prose, never debris
_PROSE_MARK = regex.compile(r"[，。！？、：“”《》（）]")
# a token glued from fields (normalizing a page's text drops the blanks between
# Han and digits: 社会3呼和浩特日报, 第1版时政): its pieces
_PIECE = regex.compile(r"第\s*\d{1,3}\s*版|[A-Z]?\d{1,3}\s*版?|\p{Han}+")


class Folio(NamedTuple):
    """What a folio line says; a field it does not show is ``None``."""

    paper: str | None
    date: str | None  # ISO 8601
    weekday: str | None
    page_no: int | None
    section: str | None


def parse_folio(text: str) -> Folio | None:
    """The folio ``text`` is, or ``None`` if it is not one."""
    iso: str | None = None
    date = DATE.search(text)
    if date is not None:
        year, month, day = (int(g) for g in date.groups())
        if not (1 <= month <= 12 and 1 <= day <= 31):
            return None
        iso = f"{year:04d}-{month:02d}-{day:02d}"
    elif (date := _UNREAD_DATE.search(text)) is None:
        return None
    rest = text[: date.start()] + " " + text[date.end():]
    paper = weekday = section = None
    page_no = None
    debris = 0
    unread_page = False
    tokens = _tokens(rest)
    for n, token in enumerate(tokens):
        if weekday is None and _WEEKDAY.fullmatch(token):
            weekday = token
        elif page_no is None and not unread_page and _UNREAD_PAGE.fullmatch(token):
            unread_page = True
        elif page_no is None and (page := _PAGE.fullmatch(token)):
            digits = next(g for g in page.groups() if g)
            if not digits[-1].isdigit():
                return None
            page_no = int("".join(c for c in digits if c.isdecimal()))
        elif paper is None and _PAPER.fullmatch(token):
            paper = token
        elif section is None and _SECTION.fullmatch(token):
            section = token
        elif 0 < n < len(tokens) - 1 and _DEBRIS.fullmatch(token) and not _PROSE_MARK.search(token):
            debris += 1
        else:
            return None  # a word no folio field reads as: prose, not a folio
    if weekday is None and page_no is None and paper is None:
        return None
    shown = sum(x is not None for x in (paper, weekday, page_no, section))
    if (iso is None or unread_page) and (debris or shown < UNREAD_WITH):
        return None  # a field OCR garbled is read as one only among enough fields read whole
    if debris and (section is not None or 1 + shown < FIELDS_WITH_DEBRIS):  # shown: no section among them
        return None  # among debris, a bare word is no trusted section (蔡凤波 摄 内蒙古日报 …)
    return Folio(paper, iso, weekday, page_no, section)


def _tokens(text: str) -> list[str]:
    """The fields of ``text`` between separators; a token mixing Han and digits is
    split into its pieces, when they make it up whole.

    >>> _tokens("星期六 社会3呼和浩特日报")
    ['星期六', '社会', '3', '呼和浩特日报']
    """
    out: list[str] = []
    for token in _SEPARATOR.split(text):
        if not token:
            continue
        pieces = _PIECE.findall(token) if any(c.isdecimal() for c in token) else [token]
        out.extend(pieces if len(pieces) > 1 and "".join(pieces) == token else [token])
    return out
