"""Articles: a page's clean text seen as a sequence of articles (SPEC rule 20).

An article is a view, not a second text: its fields are clean paragraphs,
and its span is the stretch of the raw input they came from, found by
mapping clean offsets back through the change records
(:func:`~cleanup.document.clean_to_raw`).  The page's metadata comes from its
folio line and the jumps from the page-jump markers, both of which cleaning
removes and records.

Paragraphs get their roles from :mod:`cleanup.roles`; :func:`assemble` groups
them: a kicker or a headline opens an article, sub-headlines and a byline
follow it, body paragraphs, captions and credits belong to the article they
stand in.  Text before the first headline is an article with headline ``""``.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any, Collection, Iterable, Sequence

import regex

from .article_order import HEAD_IN_LEAD, HEADS, Paragraph, bigrams, heading_runs, order_by_words, overlap
from .document import Change, Step, clean_to_raw, steps_from_changes
from .folio import OCR_ONE, Folio, parse_folio
from .roles import (OCR_DASH_HYPHEN, PRINTED_DASH, Role, assign_roles, dash_led, ends_sentence, lone_one_dash,
                    own_role, printed_dash_led, printed_width, roles_by_type, vocabulary)
from .shape import HAN, HAN_RUN, Line, Shape, lines, load_shape
from .wordlists import shape_lexicon

JUMP_RULE = "marker-page-jump"

# the roles :func:`assemble` tells apart (:class:`~cleanup.roles.Role` values); any
# other role (body, dateline, label) is body text
FURNITURE = frozenset({"folio", "jump", "page-number", "blank"})

_BLANKS = regex.compile(r"[ \t\u3000]+")
_EDITOR = regex.compile(r"(?:责任编辑|编辑|校对|美编)\s*[:：]\s*\p{Han}{2,4}")
_OCR_DASH = regex.compile(OCR_DASH_HYPHEN)  # OCR's reading of a sub-headline's dash (——) as a hyphen and 一
_BLANK_LINE = regex.compile(r"\n[ \t\u3000]*\n")
# a line of columns OCR read side by side: a run of blanks or a bar between them
_COLUMNS_SIDE_BY_SIDE = regex.compile(r"[ \t\u3000]{2,}|[|｜]")
_DATE_HINT = regex.compile(r"\d{4}\s*年")
# what a headline does not hold: a date (a folio's), a reporter (a byline's), a photo credit
_NOT_HEADLINE = regex.compile(r"\d\s*月\s*\d{1,2}\s*日|记者|通讯员|摄$")
HEADLINE_MIN = 3  # characters of a headline printed in lines, at least
# a mark no headline holds: not a letter (Han or Latin), a digit, a blank or a headline's punctuation
_NO_HEADLINE_MARK = regex.compile(r"[^\p{L}\p{N}\s“”‘’\"'《》〈〉「」·・：:！!？?、—-]")
_LATIN = regex.compile(r"[A-Za-z]")
_LONE_LATIN = regex.compile(r"(?<![A-Za-z0-9])[A-Za-z](?![A-Za-z0-9])")  # a letter of no word or code
_HAN_APART = regex.compile(r"\p{Han}\s+\p{Han}")
# a page of which at most this share of lines ends a sentence is printed lines, not paragraphs
PRINTED_ENDS_SHARE = 0.5
SUBHEAD_MIN_HEAD = 4  # a headline before a dash is at least this long
TYPED_HEADLINE_HAN = 5  # Han characters of a body paragraph that its type may make a headline, at least
SUBHEADLINE_SHARE = 0.7  # under a headline, a line shorter than this share of it is its sub-headline
WORD_CONTEXT = 4  # characters each side of a cut that cuts_word segments
# a page with a blank line in more than this share of its line breaks spaces its lines, not
# its blocks (pdfminer: 0.83 and more on the development set; OCR's blocks: 0.32 at most)
LINES_SPACED_SHARE = 0.6
NAME_END_MAX = 3  # Han characters of a name a byline cut inside it leaves on the next line, at most
FOLIO_MAX_CHARS = 60  # a longer line (blanks collapsed) is no folio
FOLIO_MAX_LINES = 6  # a folio split over more lines than this is not read as one
FOLIO_FIELD_CHARS = 24  # a line longer than this is no field of a split folio
_NUMERALS = {c: n for n, c in enumerate("零一二三四五六七八九")} | {"〇": 0}


@dataclass(frozen=True, slots=True)
class Piece:
    """Where (part of) an article stands: a file, its page and a span of its raw input."""

    source: str
    page_no: int | None
    span: tuple[int, int]


@dataclass(frozen=True, slots=True)
class Jump:
    """A page-jump marker: at raw offset ``at``, to (下转) or from (上接) ``page``."""

    at: int
    direction: str  # "to" | "from"
    page: int
    marker: str


@dataclass
class Article:
    """One article of a page (or of an issue, once its pieces are stitched)."""

    headline: str = ""
    kicker: str | None = None
    subheadlines: list[str] = field(default_factory=list)
    byline: str | None = None
    dateline: str | None = None
    paragraphs: list[str] = field(default_factory=list)
    subheads: list[str] = field(default_factory=list)  # in-body subheads, also in paragraphs
    captions: list[str] = field(default_factory=list)
    credits: list[str] = field(default_factory=list)
    jump_to: int | None = None
    jump_from: int | None = None
    paper: str | None = None
    date: str | None = None
    page_no: int | None = None
    section: str | None = None
    pieces: list[Piece] = field(default_factory=list)

    @property
    def source(self) -> str:
        return self.pieces[0].source if self.pieces else ""

    @property
    def span(self) -> tuple[int, int]:
        return self.pieces[0].span if self.pieces else (0, 0)

    @property
    def pages(self) -> list[int]:
        """The pages the article is printed on, in reading order."""
        out: list[int] = []
        for p in self.pieces:
            if p.page_no is not None and p.page_no not in out:
                out.append(p.page_no)
        return out

    def record(self) -> dict[str, Any]:
        """The article as one JSON Lines record (keys in a fixed order)."""
        return {
            "headline": self.headline, "kicker": self.kicker, "subheadlines": self.subheadlines,
            "byline": self.byline, "dateline": self.dateline, "paragraphs": self.paragraphs,
            "subheads": self.subheads, "captions": self.captions, "credits": self.credits,
            "jump_to": self.jump_to, "jump_from": self.jump_from,
            "paper": self.paper, "date": self.date, "page_no": self.page_no, "section": self.section,
            "pages": self.pages, "source": self.source, "span": list(self.span),
            "pieces": [{"source": p.source, "page_no": p.page_no, "span": list(p.span)}
                       for p in self.pieces],
        }


@dataclass
class _Draft:
    """An article being assembled, with the clean offsets it covers."""

    article: Article
    start: int
    end: int
    has_body: bool = False

    def take(self, p: Paragraph) -> None:
        self.start = min(self.start, p.start)
        self.end = max(self.end, p.end)


def byline_goes_on(byline: str, text: str, shape: Shape | None = None) -> str:
    """``byline`` with ``text``, the paragraph after it, where the byline was cut inside
    a word and the two read as one byline (joined with a blank, or without where the
    cut is inside a title): else ''.  Cut inside a word, the byline leaves at most
    ``NAME_END_MAX`` Han characters on the next line, a name's end (``本报记者 杜晶鑫|任春``),
    or the end of a title cut in two (``通讯|员 文敏``); a heading of its own under a
    byline reads as names too (``本报记者 王中宙 摄影报道|春到草原``)."""
    name_end = HAN_RUN.fullmatch(text) is not None and len(text) <= NAME_END_MAX
    title = patterns(shape).byline_title
    if not name_end and not any(m.start() < len(byline) < m.end() for m in title.finditer(byline + text)):
        return ""
    for joined in (byline + " " + text, byline + text):
        if own_role(joined, shape) is Role.BYLINE:
            return joined
    return ""


PHOTO_STORY_MIN = 2  # body paragraphs of a photo's story of its own


def photo_stories(kept: Sequence[Paragraph], breaks: Collection[int] = (), shape: Shape | None = None) -> set[int]:
    """Where a photo's story of its own starts: body paragraphs that a photo credit
    (``本报记者 王中宙 摄``) closes, after a paragraph cut off mid-sentence (its
    article goes on elsewhere, or its end was lost): they go on with no article
    before them.  Unless a jump marker ends the paragraph cut off (one of
    ``breaks``), they are at least :data:`PHOTO_STORY_MIN` (one is a caption of the
    story it stands in) and must not go on with the words of the article before: they
    repeat less than ``HEAD_IN_LEAD`` of their pairs of characters from it (a
    caption under a story that lost its full stop repeats them: ``……马头琴演奏等节目轮番上演``
    over ``演员在表演马头琴演奏。``)."""
    shape = shape or load_shape()
    photo = patterns(shape).photo_credit
    out: set[int] = set()
    for k in range(1, len(kept)):
        before = kept[k - 1]
        if kept[k].role != "body" or before.role != "body" or not _cut_off(before.text, shape):
            continue
        j = k
        while j < len(kept) and kept[j].role == "body":
            j += 1
        if j == len(kept) or kept[j].role != "credit" or not photo.search(kept[j].text.rstrip()):
            continue
        if before.start not in breaks and (j - k < PHOTO_STORY_MIN or _continues(kept, k, j)):
            continue  # a caption of the story it stands in
        out.add(k)
    return out


def lead_heads_inside_sentence(kept: Sequence[Paragraph], breaks: Collection[int] = (),
                               shape: Shape | None = None) -> list[Paragraph]:
    """``kept`` with the headings of a page's lead put back over it, where OCR set them
    inside a sentence of another column.

    A headline printed across the columns over the page's lead may come out of OCR
    inside the text of a column it spans: then the page opens with body text under
    no headline, and the headings stand between a paragraph cut off mid-sentence
    and body text going on with it (``……全力跑出招商`` / ``看准的事情就要咬住不放`` /
    ``一一四是加强……`` / ``引资“加速度”……``).  Where the page opens so and exactly
    one run of headings stands so, a headline first and a sub-headline led by a dash
    last (as the paragraphs stage keeps such a run apart inside a sentence; no jump
    marker ends the paragraph cut off, one of ``breaks``; no byline nor dateline
    under the run), the run goes to the top: it heads the lead, and the text around
    it reads as one article again.
    """
    shape = shape or load_shape()
    if not _headless_lead_end(kept):
        return list(kept)
    runs = [(r.start, r.stop) for r in heading_runs(kept)
            if r.start and r.stop < len(kept) and kept[r.stop].role == "body"
            and kept[r.start - 1].role in ("body", "dateline") and kept[r.start - 1].start not in breaks
            and _cut_off(kept[r.start - 1].text, shape) and kept[r.start].role == "headline"
            and dash_led(kept[r.stop - 1].text)]
    if len(runs) != 1:
        return list(kept)
    (k, j), = runs
    return list(kept[k:j]) + list(kept[:k]) + list(kept[j:])


def _headless_lead_end(paras: Sequence[Paragraph]) -> int:
    """Where the page's first heading stands, if body text stands before it (the page
    opens with a lead under no heading); else 0."""
    first = next((k for k, p in enumerate(paras) if p.role in HEADS), len(paras))
    return first if any(p.role == "body" for p in paras[:first]) else 0


def _cut_off(text: str, shape: Shape) -> bool:
    """Whether a body paragraph breaks off mid-sentence: it ends on a Han character."""
    return not shape.ends_like_body(text) and text[-1] not in shape.closers and HAN.match(text[-1]) is not None


def _continues(kept: Sequence[Paragraph], k: int, j: int) -> bool:
    """Whether ``kept[k:j]`` repeats at least ``HEAD_IN_LEAD`` of its pairs of characters
    from the article before it (back to its first heading)."""
    first = k
    while first > 0 and kept[first - 1].role not in HEADS:
        first -= 1
    while first > 0 and kept[first - 1].role in HEADS:
        first -= 1
    words = bigrams("".join(p.text for p in kept[k:j]))
    return overlap(words, "".join(p.text for p in kept[first:k])) >= HEAD_IN_LEAD


def split_subheadline(text: str) -> tuple[str, str]:
    """A headline line and the sub-headline printed on it after a dash, apart.

    A sub-headline opens with ``——`` (``——访和林格尔县委书记李六小``); where a
    headline line goes on into one, the two are read apart.

    >>> split_subheadline("研究部署外事工作——访和林格尔县委书记李六小")
    ('研究部署外事工作', '——访和林格尔县委书记李六小')
    >>> split_subheadline("开新局 起好步 强首府")
    ('开新局 起好步 强首府', '')
    """
    at = text.find(PRINTED_DASH, SUBHEAD_MIN_HEAD)
    if at < 0 or len(text) - at - len(PRINTED_DASH) < 2:
        return text, ""
    return text[:at].rstrip(), text[at:]


def divide_stacks(roles: Sequence[str], texts: Sequence[str], opens: Collection[int] = ()) -> list[str]:
    """Roles with each stack of headlines divided into kicker, headline and sub-headlines.

    Where the line roles leave two or more headlines in a row (no kicker,
    sub-headline or byline between them), one is the headline and the others
    stand over it (kickers) or under it (sub-headlines): of two, the second,
    which stands right over the byline or the body as a headline does,
    unless it is much shorter than the first (less than
    ``SUBHEADLINE_SHARE`` of it): a sub-headline under a long headline
    (``自治区3个集体1名个人获市场监管总局通报表扬`` over ``我市云春雷获评工作表现突出个人``);
    of three or more, the middle one, as in kicker, headline, sub-headline.  Where a sub-headline led by a
    dash (``——访……``) follows the stack, the stack has its sub-headline: its
    last line is the headline, the others are kickers.  A stack ends before
    each of ``opens`` (indices where an article opens).
    """
    out = list(roles)
    i = 0
    while i < len(out):
        if out[i] != "headline":
            i += 1
            continue
        j = i
        while j + 1 < len(out) and out[j + 1] == "headline" and j + 1 not in opens:
            j += 1
        if j > i:
            n = j - i + 1
            # the printed dash only: OCR's 一一 (roles.dash_led) here cut stacks that are one
            if j + 1 < len(out) and out[j + 1] == "subheadline" and printed_dash_led(texts[j + 1]):
                main = j  # a sub-headline led by a dash follows: the run is kickers over the headline
            elif n == 2:
                main = i if len(texts[j]) < SUBHEADLINE_SHARE * len(texts[i]) else j
            else:
                main = i + (n - 1) // 2
            for k in range(i, j + 1):
                out[k] = "kicker" if k < main else "headline" if k == main else "subheadline"
        i = j + 1
    return out


def wrapped_heading_tails(kept: Sequence[Paragraph], opens: Collection[int] = (),
                          shape: Shape | None = None) -> set[int]:
    """The headline paragraphs that go on with the headline paragraph right before
    them: the heading wrapped onto a line of its own, which OCR (its blank lines
    between the lines of a heading) left a paragraph apart, cut inside a word
    (``开启中国式现代`` / ``化的新长征``, :func:`cuts_word`).  A kicker over its headline
    or a headline over its sub-headline ends with a word of its own."""
    return {k for k in range(1, len(kept))
            if k not in opens and kept[k].role == kept[k - 1].role == "headline"
            and cuts_word(kept[k - 1].text, kept[k].text, shape)}


def divide_stacks_wrapped(roles: Sequence[str], texts: Sequence[str], opens: Collection[int],
                          tails: Collection[int]) -> list[str]:
    """:func:`divide_stacks` with each of ``tails`` read as part of the heading before
    it (the two one heading's text): a tail takes that heading's role."""
    heads: list[int] = []
    joined: list[str] = []
    for k, text in enumerate(texts):
        if k in tails and joined:
            joined[-1] += text
        else:
            heads.append(k)
            joined.append(text)
    divided = divide_stacks([roles[k] for k in heads], joined, {n for n, k in enumerate(heads) if k in opens})
    out = list(roles)
    for n, k in enumerate(heads):
        out[k] = divided[n]
    for k in sorted(tails):
        out[k] = out[k - 1]
    return out


def _go_on(art: Article, role: str, text: str) -> None:
    """Append ``text``, the wrapped tail of a heading, to the field of ``art`` the
    heading's ``role`` filled."""
    if role == "kicker" and art.kicker:
        art.kicker += text
    elif role == "subheadline" and art.subheadlines:
        art.subheadlines[-1] += text
    elif art.headline:
        art.headline += text


def assemble(paragraphs: Sequence[Paragraph], shape: Shape | None = None,
             ends: Collection[int] = ()) -> list[_Draft]:
    """Group role-tagged paragraphs into articles, in reading order.

    A kicker opens an article (a kicker straight after a kicker joins it);
    so does a headline, unless the article open has only a kicker yet.
    A byline or sub-headline after body text opens an article of its own
    (its headline was not found).  Credits before the first article (an
    editor's line at the top) go to the first.  The dateline heading an
    article's first paragraph is the vocabulary's ``lead_dateline``.
    ``ends`` are the starts of the paragraphs after which a jump marker
    closes an article; where the page was written out of order, headlines go
    to the bodies they head (:mod:`cleanup.article_order`).
    """
    drafts: list[_Draft] = []
    pending_credits: list[str] = []

    def open_new(p: Paragraph) -> Article:
        d = _Draft(Article(), p.start, p.end)
        drafts.append(d)
        return d.article

    kept, opens, breaks = order_by_words([p for p in paragraphs if p.role not in FURNITURE], ends)
    kept = lead_heads_inside_sentence(kept, breaks, shape)
    at_opens = {k for k, p in enumerate(kept) if p.start in opens}
    tails = wrapped_heading_tails(kept, at_opens, shape)
    roles = divide_stacks_wrapped([p.role for p in kept], [p.text for p in kept], at_opens, tails)
    photo = photo_stories(kept, breaks, shape)
    for k, (p, role) in enumerate(zip(kept, roles)):
        cur = drafts[-1] if drafts else None
        if k in tails and cur is not None:
            head = k - 1
            while head in tails:
                head -= 1
            # a headline paragraph split_subheadline cut in two wraps onto its sub-headline's tail
            _go_on(cur.article, "subheadline" if role == "headline" and split_subheadline(kept[head].text)[1]
                   else role, p.text)
            cur.take(p)
            continue
        if k in at_opens or (k in photo and cur is not None and cur.has_body):
            cur = None  # nothing before it joins its article
        art = cur.article if cur else None
        heads_only = cur is not None and not cur.has_body
        if role in HEADS and k and art is not None and art.byline \
                and kept[k - 1].text == art.byline and (more := byline_goes_on(art.byline, p.text, shape)):
            art.byline = more  # a byline's name the line after it holds: 本报记者 杜晶鑫|任春
        elif role == "kicker":
            if heads_only and art is not None and art.kicker and not art.headline:
                art.kicker += " " + p.text
            else:
                art = open_new(p)
                art.kicker = p.text
        elif role == "headline":
            if not (heads_only and art is not None and not art.headline and not art.byline
                    and not art.subheadlines):
                art = open_new(p)
            art.headline, sub = split_subheadline(p.text)
            if sub:
                art.subheadlines.append(sub)
        elif role == "subheadline":
            if not heads_only or art is None:
                art = open_new(p)
            art.subheadlines.append(p.text)
        elif role == "byline":
            if not heads_only or art is None or art.byline:
                art = open_new(p)
            art.byline = p.text
        elif role == "credit" and art is None:
            pending_credits.append(p.text)
            continue
        else:
            if art is None:
                art = open_new(p)
            if role == "caption":
                art.captions.append(p.text)
            elif role == "credit":
                art.credits.append(p.text)
            else:
                art.paragraphs.append(p.text)
                if role == "subhead":
                    art.subheads.append(p.text)
                drafts[-1].has_body = True
        drafts[-1].take(p)
    if pending_credits and drafts:
        drafts[0].article.credits[:0] = pending_credits
    dateline = patterns(shape).dateline
    for d in drafts:
        a = d.article
        if a.kicker and not a.headline:
            a.headline, a.kicker = a.kicker, None  # a kicker stands over a headline: with none, it is one
        if a.paragraphs:
            m = dateline.match(a.paragraphs[0])
            a.dateline = m.group().strip() if m else None
    return drafts


# --- the page's furniture: folio and jumps ---------------------------------------


@dataclass(frozen=True, slots=True)
class Patterns:
    """The vocabulary's patterns articles search with, compiled."""

    jump: regex.Pattern[str]
    dateline: regex.Pattern[str]
    photo_credit: regex.Pattern[str]
    caption_credit: regex.Pattern[str]  # a photo credit, with a reporter's title or not (孙佳 摄)
    byline_title: regex.Pattern[str]
    heading_goes_on: regex.Pattern[str]
    heading_goes_on_from: regex.Pattern[str]


_patterns: dict[int, tuple[Shape, Patterns]] = {}


def patterns(shape: Shape | None = None) -> Patterns:
    """The page-jump marker, lead dateline, photo credit, byline title and the words
    that tie a heading's lines (``heading_goes_on``, ``heading_goes_on_from``) of
    ``shape`` (default: the packaged vocabulary), compiled once."""
    shape = shape or load_shape()
    found = _patterns.get(id(shape))
    if found is None or found[0] is not shape:
        found = _patterns[id(shape)] = (shape, Patterns(regex.compile(shape.classes["jump"]),
                                                        regex.compile("^" + shape.classes["lead_dateline"]),
                                                        regex.compile(shape.classes["photo_credit"] + "$"),
                                                        regex.compile(shape.classes["caption_credit"] + "$"),
                                                        regex.compile(shape.classes["byline_title"]),
                                                        regex.compile(shape.classes["heading_goes_on"]),
                                                        regex.compile(shape.classes["heading_goes_on_from"])))
    return found[1]


def chinese_number(text: str) -> int:
    """``十二`` → 12, ``二十三`` → 23, ``三`` → 3."""
    if "十" in text:
        tens, _, units = text.partition("十")
        return (_NUMERALS.get(tens, 1) if tens else 1) * 10 + (_NUMERALS.get(units, 0) if units else 0)
    return int("".join(str(_NUMERALS[c]) for c in text))


def jumps_of(changes: Iterable[Change], shape: Shape | None = None) -> list[Jump]:
    """The page-jump markers cleaning removed (the vocabulary's ``jump``), with their raw offsets."""
    marker = patterns(shape).jump
    out: list[Jump] = []
    for c in changes:
        if c.rule != JUMP_RULE:
            continue
        for m in marker.finditer(c.before):
            number = m.group("page")
            digits = "".join(ch for ch in number if ch.isascii() and ch.isdigit())
            if not digits and not all(ch in _NUMERALS or ch == "十" for ch in number):
                continue  # a page called by letters alone
            page = int(digits) if digits else chinese_number(number)
            direction = "to" if "转" in m.group() else "from"
            out.append(Jump(c.start + m.start(), direction, page, m.group()))
    return out


def folio_of(raw: str, changes: Iterable[Change]) -> Folio | None:
    """The page's folio: the fullest reading of the lines cleaning removed as
    folio lines (each, and all together) and of the raw lines.

    Readers split a folio spread across the page's width: one field a line
    (PyMuPDF), or a few lines apart (OCR).  A run of up to six short raw
    lines is read together, blank lines skipped; the reading that shows the
    most fields wins, the first of equals.
    """
    removed = [c.before for c in changes if "folio" in c.rule]
    readings = [parse_folio(_folio_candidate(t)) for t in removed]
    if len(removed) > 1:
        readings.append(parse_folio(_folio_candidate(" ".join(removed))))
    readings.append(_raw_folio(raw))
    best = max(readings, key=lambda f: -1 if f is None else sum(x is not None for x in f), default=None)
    return best


def _raw_folio(raw: str) -> Folio | None:
    """The fullest folio the raw lines show, alone or in runs of short lines."""
    texts = [_folio_candidate(ln.text) for ln in lines(raw)]
    texts = [t for t in texts if t]
    best: tuple[int, Folio] | None = None
    for i, text in enumerate(texts):
        if len(text) > FOLIO_MAX_CHARS or not _DATE_HINT.search(" ".join(texts[i:i + FOLIO_MAX_LINES])):
            continue
        for n in range(1, FOLIO_MAX_LINES + 1):
            window = texts[i:i + n]
            if len(window) < n or (n > 1 and len(window[-1]) > FOLIO_FIELD_CHARS):
                break
            f = parse_folio(" ".join(window))
            shown = 0 if f is None else sum(x is not None for x in f)
            if f is not None and shown >= 3 and (best is None or shown > best[0]):
                best = (shown, f)
    return best[1] if best else None


def _folio_candidate(line: str) -> str:
    """A raw line as a folio may show it: blanks collapsed, an editor's credit
    printed beside it dropped, OCR's ``第]版`` read as ``第1版``."""
    line = _EDITOR.sub(" ", line)
    line = OCR_ONE.sub("第1版", line)
    return _BLANKS.sub(" ", line).strip()


def jump_ends(page: CleanPage, paras: Sequence[tuple[int, int, str]], jumps: Sequence[Jump]) -> set[int]:
    """The starts of the paragraphs that a jump-to marker (下转) follows in the raw input."""
    to = sorted(j.at for j in jumps if j.direction == "to")
    if not to or not paras:
        return set()
    # from the paragraph's last character as printed: a marker removed right after it, on
    # its line, lies past it (the end itself maps past what was removed there)
    raw_lasts = page.to_raw([e - 1 for _, e, _ in paras], "start")
    raw_starts = page.to_raw([s for s, _, _ in paras[1:]], "start")
    out = set()
    for (start, _, _), last, nxt in zip(paras, raw_lasts, raw_starts + [len(page.raw) + 1]):
        k = bisect_right(to, last)
        if k < len(to) and to[k] < nxt:
            out.add(start)
    return out


def place_jumps(drafts: list[_Draft], spans: list[tuple[int, int]], jumps: list[Jump]) -> None:
    """Give each jump to its article: the one whose raw span holds the marker,
    else the one before it (下转 closes an article) or after it (上接 opens one)."""
    if not drafts:
        return
    for j in jumps:
        inside = [i for i, (s, e) in enumerate(spans) if s <= j.at < e]
        if inside:
            i = inside[0]
        elif j.direction == "to":
            before = [i for i, (s, _) in enumerate(spans) if s <= j.at]
            i = before[-1] if before else 0
        else:
            after = [i for i, (s, _) in enumerate(spans) if s > j.at]
            i = after[0] if after else len(spans) - 1
        art = drafts[i].article
        if j.direction == "to":
            art.jump_to = j.page
        else:
            art.jump_from = j.page


# --- a page ----------------------------------------------------------------------


@dataclass
class CleanPage:
    """A page's raw input, its clean text, the changes between them (spans of
    the whole input), and how to map a place of the clean text back.

    The text may have been cleaned in chunks (:func:`cleanup.io.clean_chunks`;
    :func:`cleanup.article_cli.page_of_chunks`): each segment is a chunk's
    start in the clean text and in the raw input, with the steps that
    cleaned it.
    """

    raw: str
    clean: str
    changes: list[Change]
    segments: list[tuple[int, int, list[Step]]]

    @classmethod
    def from_changes(cls, raw: str, clean: str, changes: Sequence[Change]) -> "CleanPage":
        """A page cleaned in one piece (a :class:`~cleanup.Result`, a document)."""
        return cls(raw, clean, list(changes), [(0, 0, steps_from_changes(changes))])

    def to_raw(self, positions: list[int], side: str) -> list[int]:
        """Map offsets of the clean text to the raw input (``side`` as in
        :func:`~cleanup.document.clean_to_raw`); a chunk boundary belongs to the
        chunk it starts (``start``) or ends (``end``)."""
        starts = [s for s, _, _ in self.segments]
        out = []
        for pos in positions:
            k = bisect_right(starts, pos) - 1 if side == "start" else bisect_left(starts, pos) - 1
            clean_start, raw_start, steps = self.segments[max(k, 0)]
            out.append(raw_start + clean_to_raw(steps, [pos - clean_start], side)[0])
        return out


def paragraph_roles(clean: str, shape: Shape | None = None) -> list[str]:
    """The role of each paragraph of ``clean`` (one paragraph a line), from :mod:`cleanup.roles`."""
    texts = [t for _, _, t in paragraphs_of(clean)]
    roles = [str(r) for r in assign_roles(texts, wrapped=False, shape=shape)]
    return ocr_dash_subheadlines(texts, long_headlines(texts, roles, shape), shape)


def page_roles(clean: str, raw: str, shape: Shape | None = None) -> list[str]:
    """The role of each paragraph of ``clean``, the clean text of the page ``raw``:
    :func:`paragraph_roles`, with :func:`no_short_headlines` where the page was
    printed in lines.  The articles view and the review page both read these."""
    roles = paragraph_roles(clean, shape)
    if lines_printed(raw, shape):
        roles = no_short_headlines([t for _, _, t in paragraphs_of(clean)], roles)
    return roles


def no_short_headlines(texts: Sequence[str], roles: Sequence[str]) -> list[str]:
    """``roles`` with each headline shorter than ``HEADLINE_MIN`` characters made body
    text: on a page printed in lines (:func:`lines_printed`) no headline is so short;
    such a line is OCR's debris (``星``) or a piece of a credit (``摄``), which would
    open an article of its own.  (Written a paragraph a line, a title may be that
    short: 药, 故乡, 社戏.)  So is one with fewer Han characters than that that are no
    word (:func:`_debris`): OCR's reading of a picture (``<泵口``, ``十ZX cm``,
    ``ER   =及 /人``, ``入 疯``, ``s交4儿``, ``位于r``), not a headline of a word and a
    year or a name (``回眸2023``, ``G20峰会``, ``5G时代``, ``《繁花》``)."""
    return ["body" if r == "headline" and (len(t.strip()) < HEADLINE_MIN or _debris(t)) else r
            for t, r in zip(texts, roles)]


def _debris(text: str) -> bool:
    """Fewer than ``HEADLINE_MIN`` Han characters, and besides them a mark no headline
    holds, a Latin letter alone, or Latin letters with one Han character at most; or Han
    characters blanks set apart (no word of them: ``入 疯``)."""
    han = len(HAN.findall(text))
    return han < HEADLINE_MIN and (_NO_HEADLINE_MARK.search(text) is not None or _HAN_APART.search(text) is not None
                                   or _LONE_LATIN.search(text) is not None
                                   or (han < 2 and _LATIN.search(text) is not None))


def lines_printed(raw: str, shape: Shape | None = None) -> bool:
    """Whether ``raw`` is a page's printed lines (an extractor's or OCR's), not paragraphs
    written a line each: at most ``PRINTED_ENDS_SHARE`` of its lines end a sentence."""
    texts = [ln.text for ln in lines(raw) if ln.text.strip()]
    return sum(ends_sentence(t, shape) for t in texts) <= PRINTED_ENDS_SHARE * len(texts)


def ocr_dash_subheadlines(texts: Sequence[str], roles: Sequence[str], shape: Shape | None = None) -> list[str]:
    """``roles`` with each headline under a headline or kicker that opens with the
    dash as OCR reads it made a sub-headline, as a headline led by the printed dash is
    (:func:`cleanup.roles.dash_led`): a hyphen and a 一 (``-一推进首府高质量发展系列报道``;
    no text opens with them), or a lone 一, of no word with what follows it
    (``一学习贯彻党的二十大精神研讨班侧记``; not ``一份2015的报告指出``, :func:`cuts_word`)."""
    out = list(roles)
    for k in range(1, len(texts)):
        if out[k] == "headline" and out[k - 1] in ("headline", "kicker") \
                and (_OCR_DASH.match(texts[k]) or _lone_one_dash(texts[k], texts[k - 1], shape)):
            out[k] = "subheadline"
    return out


def _lone_one_dash(text: str, above: str, shape: Shape | None = None) -> bool:
    """:func:`cleanup.roles.lone_one_dash`, words cut as :func:`cuts_word` reads them."""
    return lone_one_dash(text, lambda before, after: cuts_word(before, after, shape), above)


def long_headlines(texts: Sequence[str], roles: Sequence[str], shape: Shape | None = None) -> list[str]:
    """``roles`` with each body paragraph that reads as a headline too long for the
    headline shape made one: longer than ``headline_max`` and
    :meth:`~cleanup.shape.Shape.long_headline_shaped`, no date, no reporter nor
    photo credit in it, and a byline or dateline right after it
    (``王莉霞在……专题会议上强调 坚持扬长避短培优增效 ……`` over ``本报1月7日讯……``)."""
    shape = shape or load_shape()
    out = list(roles)
    for k in range(len(texts) - 1):
        t = texts[k]
        if out[k] == "body" and roles[k + 1] in ("dateline", "byline") \
                and len(t) > shape.headline_max and shape.long_headline_shaped(t) and not _NOT_HEADLINE.search(t):
            out[k] = "headline"
    return out


@lru_cache(maxsize=4)
def _typeset(raw: str, shape: Shape | None) -> tuple[tuple[Line, ...], tuple[Role, ...], tuple[int, ...]]:
    """The raw page's lines, the type each is set in (:func:`cleanup.roles.roles_by_type`) and
    where each starts: read once for a page that :func:`headlines_by_type` and
    :func:`typeset_paragraphs` both read."""
    raw_lines = tuple(lines(raw))
    typeset = tuple(roles_by_type([ln.text for ln in raw_lines], shape=shape,
                                  cuts_word=lambda before, after: cuts_word(before, after, shape)))
    return raw_lines, typeset, tuple(ln.start for ln in raw_lines)


def headlines_by_type(page: CleanPage, paras: Sequence[tuple[int, int, str]], roles: Sequence[str],
                      shape: Shape | None = None) -> list[str]:
    """``roles`` with each body paragraph that the printed page sets in a headline's type made a
    headline: every raw line of it read as a headline's (:func:`cleanup.roles.roles_by_type`),
    no longer than a joined headline, with no full stop or semicolon and not ending open.  Clean
    text, a paragraph a line, reads a headline with a question or an exclamation in it
    (刷单是Uber中国的危机？, 证监会怒了！严打期指恶意做空！) as a sentence of the body."""
    shape = shape or load_shape()
    body = [k for k, r in enumerate(roles) if r == Role.BODY and _may_head(paras[k][2], shape)]
    if not body or not lines_printed(page.raw, shape):
        return list(roles)
    raw_lines, typeset, line_starts = _typeset(page.raw, shape)
    starts = page.to_raw([paras[k][0] for k in body], "start")
    ends = page.to_raw([paras[k][1] for k in body], "end")
    out = list(roles)
    for k, at, end in zip(body, starts, ends):
        first, last = bisect_right(line_starts, at) - 1, bisect_left(line_starts, end) - 1
        if 0 <= first <= last and all(typeset[row] is Role.HEADLINE for row in range(first, last + 1)):
            out[k] = str(Role.HEADLINE)
    return out


def _may_head(text: str, shape: Shape) -> bool:
    """Whether a body paragraph may be a headline its type tells: a headline's shape but for marks
    inside (:meth:`cleanup.roles.RoleVocabulary.marked_heading`), with at least ``TYPED_HEADLINE_HAN``
    Han characters (OCR's debris of a picture, a section's name: 综合), and no quotation whole (a
    line of dialogue: “甚么时候死的？”)."""
    if len(HAN.findall(text)) < TYPED_HEADLINE_HAN or not vocabulary(shape).marked_heading(text):
        return False
    return not (text[0] in "“「『" and text[-1] in "”」』")


def typeset_paragraphs(page: CleanPage, paras: Sequence[tuple[int, int, str]], roles: Sequence[str],
                       shape: Shape | None = None) -> list[Paragraph]:
    """The paragraphs with their ``roles``, each headline paragraph named as the
    printed page sets it: where the raw input is printed lines, the type its
    lines are set in (:func:`cleanup.roles.roles_by_type`) tells a kicker, a
    sub-headline or a subhead of the body from a headline, which clean text,
    one paragraph a line, cannot.  A headline paragraph whose lines are set in
    two types (a kicker that cleaning joined to the headline under it, a
    headline to its sub-headline) is read as two, cut where the type changes.
    A headline paragraph of one line set as a line of the body, between body
    paragraphs, is a subhead of the body (:func:`_set_in_body`)."""
    out = [Paragraph(t, r, s, e) for (s, e, t), r in zip(paras, roles)]
    heads = [k for k, r in enumerate(roles) if r == Role.HEADLINE]
    if not heads:
        return out
    raw_lines, typeset, line_starts = _typeset(page.raw, shape)
    named = {Role.KICKER, Role.SUBHEADLINE, Role.SUBHEAD}
    starts = page.to_raw([paras[k][0] for k in heads], "start")
    ends = page.to_raw([paras[k][1] for k in heads], "end")
    for k, at, end in reversed(list(zip(heads, starts, ends))):
        first, last = bisect_right(line_starts, at) - 1, bisect_left(line_starts, end) - 1
        if first < 0:
            continue
        para = out[k]
        first_type = typeset[first]
        role = str(first_type) if first_type in named else para.role
        if first == last and _caption_starts(raw_lines, typeset, first, shape):
            role = str(Role.CAPTION)
        elif first == last and role == Role.HEADLINE and _set_in_body(page.raw, raw_lines, typeset, first) \
                and _amid_body(paras, roles, k, patterns(shape).caption_credit):
            role = str(Role.SUBHEAD)
        if first == last:
            out[k] = Paragraph(para.text, role, para.start, para.end)
            continue
        raw_at = page.to_raw(list(range(para.start, para.end)), "start")
        pieces: list[Paragraph] = []
        start, current = para.start, first_type
        for row in range(first + 1, last + 1):
            t = typeset[row]
            if t is current is Role.HEADLINE and headings_apart(page.raw, raw_lines[row - 1], raw_lines[row], shape):
                pass  # two headings OCR set a blank line apart, which cleaning joined
            elif t is current or t not in named and t is not Role.HEADLINE or Role.SUBHEAD in (t, current):
                continue
            cut = para.start + bisect_left(raw_at, line_starts[row])
            if not start < cut < para.end or cuts_word(page.clean[start:cut], page.clean[cut:para.end], shape):
                continue  # the line goes on with a word of the line before: the same heading
            if min(cut - start, para.end - cut) < SUBHEAD_MIN_HEAD and t is current:
                continue  # a lone character (OCR's debris) or a tail: no heading of its own
            pieces.append(Paragraph(page.clean[start:cut], role, start, cut))
            start, current, role = cut, t, str(t)
        pieces.append(Paragraph(page.clean[start:para.end], role, start, para.end))
        out[k:k + 1] = pieces
    return out


# roles of the paragraph before a subhead of the body: body text, or a picture's caption set in it
_IN_BODY = frozenset({Role.BODY, Role.CAPTION})


def _amid_body(paras: Sequence[tuple[int, int, str]], roles: Sequence[str], k: int,
               picture_credit: regex.Pattern[str]) -> bool:
    """Whether paragraph ``k`` stands between two paragraphs of body text (the one before
    it may be a picture's caption or its credit, ``picture_credit``, set inside the body;
    not an article's closing credit nor an editor's, ``（武宏）``, ``责任编辑：周波志``,
    after which an article starts)."""
    if not 0 < k < len(roles) - 1 or roles[k + 1] != Role.BODY:
        return False
    before = roles[k - 1]
    return before in _IN_BODY or before == Role.CREDIT and picture_credit.search(paras[k - 1][2].rstrip()) is not None


def _set_in_body(raw: str, raw_lines: Sequence[Line], typeset: Sequence[Role], row: int) -> bool:
    """Whether raw line ``row`` is set as a line of the body: the page reads it as body
    (as wide as a line of its column), and it goes on from the line over it with no
    blank line between (OCR sets a headline, in a larger type, in a block of its own)."""
    return typeset[row] is Role.BODY and row > 0 \
        and raw.count("\n", raw_lines[row - 1].end, raw_lines[row].start) == 1


def headings_apart(raw: str, line: Line, nxt: Line, shape: Shape | None = None) -> bool:
    """Whether heading lines ``line`` and ``nxt`` of the raw input are two headings,
    not one wrapped: a blank line stands between them (OCR's, between blocks), the
    second is no narrower (a wrapped heading's next line is its tail, no wider:
    ``积极开展与毗邻地区`` / ``的抗疫情合作``), and no word ties the two
    (the shape's ``heading_goes_on`` and ``heading_goes_on_from``)."""
    tie = patterns(shape)
    a, b = line.text.strip(), nxt.text.strip()
    return _BLANK_LINE.search(raw, line.end, nxt.start) is not None \
        and printed_width(b) >= printed_width(a) \
        and tie.heading_goes_on.search(a) is None and tie.heading_goes_on_from.search(b) is None


def lead_heads_in_body(page: CleanPage, paras: Sequence[Paragraph], shape: Shape | None = None) -> list[Paragraph]:
    """``paras`` with the headings of a page's lead that OCR set inside its body taken
    out of it and put over it.

    A headline printed across the columns over the page's lead comes out of OCR
    as a block of its own among the column's lines, which cleaning then joins
    into the sentence it stands in (``……办理流程、数`` / ``感谢呼和浩特对项目的支持`` /
    ``延长供应端全产业链条`` / ``据运转流程……``): the page opens with body text under
    no heading.  In the body paragraphs before the page's first heading, each
    raw line between blank lines (not a paragraph's first or last line) shaped
    as a heading (:meth:`~cleanup.shape.Shape.headline_shaped`, no mark of body
    text, no blank run or bar of columns read side by side, at least
    ``SUBHEAD_MIN_HEAD`` characters; not reading on from the line over it and onto
    the line under it, a word cut each side: :func:`_in_sentence`) is such a
    heading: it goes to the top, a headline (a sub-headline if led by a dash),
    and the paragraph reads on without it (its text is then its clean span less
    the heading).  Not on a page
    that sets its lines between blank lines (:func:`lines_spaced`): there a body
    line with no mark (``可怜他手里还紧紧的捏著那只小篮``) stands so too.
    """
    shape = shape or load_shape()
    first = _headless_lead_end(paras)
    if not first:
        return list(paras)
    raw_lines = lines(page.raw)
    line_starts = [ln.start for ln in raw_lines]
    heads: list[Paragraph] = []
    out: list[Paragraph] = []
    for p in paras[:first]:
        if p.role not in ("body", "dateline"):
            out.append(p)
            continue
        first_at, last_at = page.to_raw([p.start, p.end - 1], "start")
        top, bottom = bisect_right(line_starts, first_at) - 1, bisect_left(line_starts, last_at + 1) - 1
        rows = _in_sentence([row for row in range(max(top, 0) + 1, bottom)
                             if _lead_heading_line(page.raw, raw_lines[row - 1], raw_lines[row],
                                                   raw_lines[row + 1], shape)], raw_lines, shape)
        if rows and lines_spaced(page.raw, raw_lines):
            return list(paras)
        raw_at = page.to_raw(list(range(p.start, p.end)), "start") if rows else []
        cuts: list[tuple[int, int]] = []
        for row in rows:
            ln = raw_lines[row]
            start = p.start + bisect_left(raw_at, ln.start)
            end = p.start + bisect_left(raw_at, ln.end)
            if p.start < start < end < p.end:
                cuts.append((start, end))
        if not cuts:
            out.append(p)
            continue
        text, at = "", p.start
        for start, end in cuts:
            heading = page.clean[start:end]
            role = "subheadline" if dash_led(heading) or _OCR_DASH.match(heading) else "headline"
            heads.append(Paragraph(heading, role, start, end))
            text, at = text + page.clean[at:start], end
        out.append(Paragraph(text + page.clean[at:p.end], p.role, p.start, p.end))
    return _as_lead_stack(heads, shape) + out + list(paras[first:])


def _in_sentence(rows: list[int], raw_lines: Sequence[Line], shape: Shape) -> list[int]:
    """``rows`` less each run of them (rows in a row) that goes on from the line before it
    and onto the line after it with a word each side (:func:`cuts_word`): a column's body
    line that OCR set apart (……你在关键时 | 刻果断采取有力举措迅速平息事 | 态，体现了……).
    One side is not enough: a heading's first word may read on from the body (陕北罕洞 | 开新局)."""
    out: list[int] = []
    k = 0
    while k < len(rows):
        j = k
        while j + 1 < len(rows) and rows[j + 1] == rows[j] + 1:
            j += 1
        first, last = rows[k], rows[j]
        if not (cuts_word(raw_lines[first - 1].text.strip(), raw_lines[first].text.strip(), shape)
                and cuts_word(raw_lines[last].text.strip(), raw_lines[last + 1].text.strip(), shape)):
            out.extend(rows[k:j + 1])
        k = j + 1
    return out


def lines_spaced(raw: str, raw_lines: Sequence[Line]) -> bool:
    """Whether the page sets a blank line between most of its lines (more than
    ``LINES_SPACED_SHARE`` of its breaks, as pdfminer writes a column): a blank line
    there sets no block apart, and a body line with no mark between two is no heading."""
    breaks = len(raw_lines) - 1
    spaced = sum(_BLANK_LINE.search(raw, a.end, b.start) is not None for a, b in zip(raw_lines, raw_lines[1:]))
    return breaks > 0 and spaced > LINES_SPACED_SHARE * breaks


def _as_lead_stack(heads: list[Paragraph], shape: Shape | None = None) -> list[Paragraph]:
    """The headings over a lead, named as a lead's stack is set: the last line before
    the body (or before the sub-headline led by a dash that ends the stack) is the
    headline, with the lines it wrapped from (cut inside a word, :func:`cuts_word`),
    and the lines over it kickers (引题: ``感谢呼和浩特对项目的支持`` over
    ``延长供应端全产业链条``)."""
    main = len(heads) - 1
    if main > 0 and heads[main].role == "subheadline":
        main -= 1
    while main > 0 and cuts_word(heads[main - 1].text, heads[main].text, shape):
        main -= 1
    return [Paragraph(p.text, "kicker", p.start, p.end) if k < main and p.role == "headline" else p
            for k, p in enumerate(heads)]


def continued_headlines(page: CleanPage, paras: Sequence[Paragraph], jumps: Sequence[Jump]) -> list[Paragraph]:
    """``paras`` with each subhead that a jump-from marker follows in the raw input made a
    headline: the headline of an article's continued piece (``能减少对胃的伤害`` | ``■上接第2版``),
    printed as short as a subhead of the body."""
    froms = sorted(j.at for j in jumps if j.direction == "from")
    subheads = [k for k, p in enumerate(paras) if p.role == Role.SUBHEAD]
    if not froms or not subheads:
        return list(paras)
    ends = page.to_raw([paras[k].end for k in subheads], "end")
    nexts = page.to_raw([paras[k + 1].start if k + 1 < len(paras) else len(page.clean) for k in subheads], "start")
    out = list(paras)
    for k, end, nxt in zip(subheads, ends, nexts):
        i = bisect_left(froms, end)
        if i < len(froms) and froms[i] <= nxt:
            p = out[k]
            out[k] = Paragraph(p.text, str(Role.HEADLINE), p.start, p.end)
    return out


def lead_subheads_as_headlines(paras: Sequence[Paragraph]) -> list[Paragraph]:
    """``paras`` with each in-body subhead of a page's lead under no heading made a
    headline: a subhead stands in an article under its headline, and the printed
    type (:func:`typeset_paragraphs`) reads a headline set in a column's width as
    one (OCR: ``看准的事情就要咬住不放`` between two paragraphs, no heading over
    the page's top).  One shorter than ``SUBHEAD_MIN_HEAD`` stays (a wrap's tail)."""
    first = _headless_lead_end(paras)
    if not first:
        return list(paras)
    return [Paragraph(p.text, "headline", p.start, p.end)
            if k < first and p.role == "subhead" and len(p.text) >= SUBHEAD_MIN_HEAD else p
            for k, p in enumerate(paras)]


def _lead_heading_line(raw: str, before: Line, line: Line, after: Line, shape: Shape) -> bool:
    """Whether raw ``line`` stands between blank lines, shaped as a heading
    (:func:`lead_heads_in_body`)."""
    text = line.text.strip()
    return _BLANK_LINE.search(raw, before.end, line.start) is not None \
        and _BLANK_LINE.search(raw, line.end, after.start) is not None \
        and len(text) >= SUBHEAD_MIN_HEAD and shape.headline_shaped(text) \
        and not any(c in text for c in shape.body_marks) and _COLUMNS_SIDE_BY_SIDE.search(text) is None


def _caption_starts(raw_lines: Sequence[Line], typeset: Sequence[Role], row: int,
                    shape: Shape | None = None) -> bool:
    """Whether the heading line ``row`` is the first line of the caption under it: a
    caption's line follows it, and it is as wide (a cell less at most: the caption's
    full lines are set in one type, wider than a heading of the column); not a line
    led by a dash, as OCR may read it, which is a sub-headline under a headline
    (``六大产业集群助推首府经济高质量发展`` / ``一学习贯彻党的二十大精神研讨班侧记``,
    both as wide as the caption-wide lines OCR read side by side under them)."""
    nxt = row + 1
    if nxt >= len(raw_lines) or typeset[nxt] is not Role.CAPTION:
        return False
    after = raw_lines[nxt].text.strip()
    return printed_width(raw_lines[row].text.strip()) >= printed_width(after) - 1 \
        and not (dash_led(after) or _OCR_DASH.match(after) or _lone_one_dash(after, raw_lines[row].text.strip(), shape))


def cuts_word(before: str, after: str, shape: Shape | None = None) -> bool:
    """Whether the cheapest segmentation (by the vocabulary's ``word_list``) of the
    text around the place between ``before`` and ``after`` puts a word across it."""
    return shape_lexicon(shape or load_shape()).cuts(before, after, WORD_CONTEXT)


def paragraphs_of(clean: str) -> list[tuple[int, int, str]]:
    """The clean text's paragraphs (one a line): ``(start, end, text)``."""
    return [(ln.start, ln.end, ln.text) for ln in lines(clean)]


def page_articles(page: CleanPage, source: str = "", roles: Sequence[str] | None = None,
                  shape: Shape | None = None) -> list[Article]:
    """The articles of one page, in reading order; ``roles`` gives the role of
    each paragraph of the clean text (default: :func:`paragraph_roles`);
    ``shape`` is the page-shape vocabulary (default: the packaged one).

    A page with no text has no article; one with text but no headline has
    one article with headline ``""``.
    """
    paras = paragraphs_of(page.clean)
    if roles is None:
        roles = page_roles(page.clean, page.raw, shape)
    if len(roles) != len(paras):
        raise ValueError(f"{len(roles)} roles for {len(paras)} paragraphs")
    jumps = jumps_of(page.changes, shape)
    roles = headlines_by_type(page, paras, roles, shape)
    typed = lead_subheads_as_headlines(lead_heads_in_body(
        page, continued_headlines(page, typeset_paragraphs(page, paras, roles, shape), jumps), shape))
    drafts = assemble(typed, shape, jump_ends(page, paras, jumps))
    starts = page.to_raw([d.start for d in drafts], "start")
    ends = page.to_raw([d.end for d in drafts], "end")
    spans = list(zip(starts, ends))
    place_jumps(drafts, spans, jumps)
    folio = folio_of(page.raw, page.changes)
    out = []
    for d, span in zip(drafts, spans):
        a = d.article
        if folio is not None:
            a.paper, a.date, a.page_no, a.section = folio.paper, folio.date, folio.page_no, folio.section
        a.pieces = [Piece(source, a.page_no, span)]
        out.append(a)
    return out
