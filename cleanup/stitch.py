"""Join the pieces of continued articles across the pages of an issue (SPEC rule 20).

An article cut by ``（下转第4版）`` on page 1 goes on in a piece on page 4
that opens with ``（上接第1版）``, under a jump header that repeats its
headline or a short form of it.  :func:`stitch` matches the two by page
number first (the piece on page 4 must say it comes from page 1), then by
headline: among the pieces that fit, the one whose header best names the
headline; one piece alone fits whatever its header says.  The joined
article keeps the first piece's head and lists every piece.

The article holding the 下转 marker may be only the tail of the lead: a
line inside the lead (an in-body subhead, a caption) read as a headline cuts
it in two.  When the jump header does not name the article holding the
marker but names one of the few just before it on its page, that one is the
lead, and what stands between is folded back into it.

Pages are grouped into issues by paper and date (a page whose folio shows
no date into the issue of its directory), so an archive of many issues can
be stitched in one run; a paper name OCR misread by one character is first
put right from the other pages of its directory and date.  A page is
numbered by its folio, or where OCR lost the number, by its file's name
(``p3.txt``): the record's ``page_no`` stays the folio's.  A jump whose other end is not there is reported,
never guessed.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, replace
from pathlib import PurePath
from typing import Sequence

import regex
from rapidfuzz import fuzz

from .articles import Article
from .textkey import comparison_key

MIN_HEADER_SCORE = 60.0  # a jump header naming the headline at least this well (0-100) matches it
MAX_SPLIT = 3  # articles before the one holding 下转 that may be the start of it, cut off
HEADLINE_IN_BODY_MAX = 40  # a first paragraph this long or shorter may be a headline read as body
RAISED_HEADER_SCORE = 80.0  # ... when the jump header names it at least this well
_SENTENCE_END = ("。", "！", "？", "…", "”", "；")  # a paragraph ending so is no headline
_NAME_PAGE = regex.compile(r"(?<!\d)\d{1,3}(?!\d)")


@dataclass(frozen=True, slots=True)
class LooseJump:
    """A jump whose other end is not among the pages."""

    article: Article
    direction: str  # "to" | "from"
    page: int
    reason: str

    def message(self) -> str:
        a = self.article
        where = f"{a.source}: " if a.source else ""
        name = f"“{a.headline}”" if a.headline else "an article without a headline"
        marker = f"下转第{self.page}版" if self.direction == "to" else f"上接第{self.page}版"
        return f"{where}{name} on page {a.page_no} ({marker}): {self.reason}"


def header_score(article: Article, piece: Article) -> float:
    """How well ``piece``'s jump header names ``article`` (0-100).

    The header is the headline, a short form of it (a part, or most of
    it), or the kicker or a sub-headline repeated.
    """
    header = comparison_key(piece.headline)
    if not header:
        return 0.0
    best = 0.0
    for name in (article.headline, article.kicker or "", *article.subheadlines):
        key = comparison_key(name)
        if not key:
            continue
        if key == header:
            return 100.0
        if len(header) >= 2 and (header in key or key in header):
            best = max(best, 95.0)
        else:
            best = max(best, fuzz.partial_ratio(header, key) if len(header) >= 4 else 0.0,
                       fuzz.ratio(header, key))
    return best


def settle_papers(articles: Sequence[Article]) -> list[Article]:
    """The articles with OCR's misreadings of an issue's paper name put right.

    Pages of one directory and one date belong to one issue: a paper name
    one character away from the name most of them show (``北懂晚报`` among
    ``北疆晚报``) is that name.  Papers further apart stay as they are.
    Changed articles are copies.
    """
    votes: dict[tuple[str, str], Counter[str]] = {}
    for a in articles:
        if a.paper and a.date:
            key = (str(PurePath(a.source).parent), a.date)
            votes.setdefault(key, Counter())[a.paper] += 1
    out = []
    for a in articles:
        key = (str(PurePath(a.source).parent), a.date or "")
        if a.paper and key in votes:
            usual = votes[key].most_common(1)[0][0]
            if a.paper != usual and len(a.paper) == len(usual) and \
                    sum(x != y for x, y in zip(a.paper, usual)) == 1:
                a = replace(a, paper=usual)
        out.append(a)
    return out


def name_page(source: str) -> int | None:
    """The page number a file's name gives (``p3.txt``, ``2024-03-05_03.txt``,
    ``第3版.txt``): its one run of one to three digits; None when there is
    none or more than one.

    >>> name_page("issue/p3.txt"), name_page("20240305_03.txt"), name_page("a1_b2.txt")
    (3, 3, None)
    """
    runs = _NAME_PAGE.findall(PurePath(source).stem)
    return int(runs[0]) if len(runs) == 1 else None


@dataclass(frozen=True, slots=True)
class _Placed:
    """Where an article stands in its archive: its issue and page."""

    issue: tuple[str, ...]
    page: int | None


def place(articles: Sequence[Article]) -> dict[int, _Placed]:
    """Each article's issue and page (by ``id``).

    The issue is the folio's paper and date; a page whose folio shows no
    paper, or no date, belongs to the one issue of its directory that fits
    what it shows, when there is one, else to its date or its directory.
    The page is the folio's number, else the one the file's name gives.
    """
    dated: dict[str, set[tuple[str, ...]]] = {}
    for a in articles:
        if a.date is not None and a.paper:
            dated.setdefault(str(PurePath(a.source).parent), set()).add(("folio", a.paper or "", a.date))
    out = {}
    for a in articles:
        folder = str(PurePath(a.source).parent)
        fits = [k for k in dated.get(folder, ()) if a.date in (None, k[2]) and (a.paper or k[1]) == k[1]]
        if a.date is not None and a.paper:
            issue: tuple[str, ...] = ("folio", a.paper, a.date)
        elif len(fits) == 1:
            (issue,) = fits
        elif a.date is not None:
            issue = ("folio", "", a.date)
        else:
            issue = ("dir", folder)
        out[id(a)] = _Placed(issue, a.page_no if a.page_no is not None else name_page(a.source))
    return out


def join(head: Article, piece: Article, page: int | None) -> None:
    """Append ``piece`` (a continuation, on page ``page``) to ``head``, in place."""
    head.paragraphs += piece.paragraphs
    head.subheads += piece.subheads
    head.captions += piece.captions
    head.credits += piece.credits
    if head.byline is None:
        head.byline = piece.byline
    head.jump_to = piece.jump_to
    head.pieces += [p if p.page_no is not None else replace(p, page_no=page) for p in piece.pieces]


def stitch(articles: Sequence[Article]) -> tuple[list[Article], list[LooseJump]]:
    """The articles with continued ones joined, and every jump that leads nowhere.

    The articles come issue by issue (in the order each first appears), page
    by page within an issue (pages without a number last), and in their
    page's order within a page; a joined article stands where its first
    piece does.  ``articles`` are left as they are (joined ones are copies).
    """
    articles = settle_papers(articles)
    order = {id(a): n for n, a in enumerate(articles)}
    placed = place(articles)
    issues: dict[tuple[str, ...], list[Article]] = {}
    for a in articles:
        issues.setdefault(placed[id(a)].issue, []).append(a)
    joined: dict[int, Article] = {}  # id of a piece's first article -> the joined copy
    absorbed: set[int] = set()
    loose: list[LooseJump] = []
    for members in issues.values():
        _stitch_issue(members, placed, joined, absorbed, loose)
    rank = {key: n for n, key in enumerate(issues)}

    def reading_order(a: Article) -> tuple[int, bool, int, int]:
        page = placed[id(a)].page
        return rank[placed[id(a)].issue], page is None, page or 0, order[id(a)]

    kept = sorted((a for a in articles if id(a) not in absorbed), key=reading_order)
    loose.sort(key=lambda j: order[id(j.article)])
    return [joined.get(id(a), a) for a in kept], loose


def _stitch_issue(members: list[Article], placed: dict[int, _Placed], joined: dict[int, Article],
                  absorbed: set[int], loose: list[LooseJump]) -> None:
    page = {id(a): placed[id(a)].page for a in members}
    pages = {p for p in page.values() if p is not None}
    root: dict[int, Article] = {}  # id of a piece -> the first article of its chain
    claimed: set[int] = set()
    heads = sorted((a for a in members if a.jump_to is not None),
                   key=lambda a: (page[id(a)] is None, page[id(a)] or 0))
    for a in heads:
        target, here = a.jump_to, page[id(a)]
        assert target is not None
        if here is None:
            loose.append(LooseJump(a, "to", target, "the page has no folio, so its number is not known"))
            continue
        if target not in pages:
            loose.append(LooseJump(a, "to", target, f"page {target} is not among the pages"))
            continue
        candidates = [c for c in members if page[id(c)] == target and c.jump_from == here
                      and id(c) not in claimed and c is not a]
        rivals = [m for m in members if page[id(m)] == here and m.jump_to == target]
        page_of_a = [m for m in members if m.source == a.source]
        split = [] if id(a) in root else _split_off(a, page_of_a, absorbed)
        piece = _choose(a, split, candidates, len(rivals))
        if piece is None:
            loose.append(LooseJump(a, "to", target, f"no piece on page {target} says it comes from page {here}"))
            continue
        claimed.add(id(piece))
        lead = _lead(a, split, piece, bool(split) and split[0] is page_of_a[0])
        first = root.get(id(lead), lead)
        if id(first) not in joined:
            joined[id(first)] = _copy(first, placed[id(first)].page)
            _raise_headline(joined[id(first)], piece)
        if lead is not a:
            for part in split[split.index(lead) + 1:] + [a]:
                fold(joined[id(first)], part)
                absorbed.add(id(part))
        join(joined[id(first)], piece, target)
        absorbed.add(id(piece))
        root[id(piece)] = first
    for c in members:
        if c.jump_from is not None and id(c) not in claimed:
            reason = (f"page {c.jump_from} is not among the pages" if c.jump_from not in pages
                      else f"no article on page {c.jump_from} jumps to page {page[id(c)]}")
            loose.append(LooseJump(c, "from", c.jump_from, reason))


def _split_off(head: Article, page: list[Article], absorbed: set[int]) -> list[Article]:
    """The articles just before ``head`` on its page (its file) that may be the start of
    the article ``head`` ends, nearest last: up to :data:`MAX_SPLIT` of them, none that
    jumps elsewhere or is already part of another article."""
    at = next(n for n, m in enumerate(page) if m is head)
    out: list[Article] = []
    for m in reversed(page[max(0, at - MAX_SPLIT):at]):
        if m.jump_to is not None or m.jump_from is not None or id(m) in absorbed:
            break
        out.insert(0, m)
    return out


def _named(head: Article, split: list[Article], piece: Article) -> float:
    """How well ``piece``'s header names ``head`` or an article ``head`` may end."""
    return max([_name_score(x, piece) for x in (*split, head)])


def _name_score(article: Article, piece: Article) -> float:
    """:func:`header_score`, or for an article without heads, how well the header
    names its first paragraph when that is short enough to be its headline read
    as body text."""
    if article.headline or article.kicker or not article.paragraphs:
        return header_score(article, piece)
    first = article.paragraphs[0]
    if len(comparison_key(first)) > HEADLINE_IN_BODY_MAX or first.endswith(_SENTENCE_END):
        return 0.0
    score = header_score(Article(headline=first), piece)
    return score if score >= RAISED_HEADER_SCORE else 0.0


def _lead(head: Article, split: list[Article], piece: Article, page_start: bool) -> Article:
    """The article ``piece`` continues: ``head`` (which holds the 下转 marker), or,
    when the header does not name ``head`` but names one of the articles just before
    it, that one: a line read as a headline inside the lead cut it in two.  Where
    the header names none of them and the page opens with an article without heads
    (the lead's headline lost or read elsewhere), the lead is that one."""
    if _name_score(head, piece) >= MIN_HEADER_SCORE or not split:
        return head
    score, n = max((_name_score(x, piece), n) for n, x in enumerate(split))
    if score >= MIN_HEADER_SCORE:
        return split[n]
    if page_start and not (split[0].headline or split[0].kicker):
        return split[0]
    return head


def _raise_headline(lead: Article, piece: Article) -> None:
    """Make the first paragraph of ``lead``, an article without heads, its headline
    where the jump header names it (the headline was read as body text)."""
    if not (lead.headline or lead.kicker) and lead.paragraphs and \
            _name_score(lead, piece) >= MIN_HEADER_SCORE:
        lead.headline = lead.paragraphs.pop(0)


def fold(lead: Article, part: Article) -> None:
    """Append ``part``, a stretch of ``lead``'s own page cut off by a line read as a
    headline, to ``lead`` in place: its heads become body paragraphs again, the
    headline an in-body subhead (what a short line inside an article mostly is);
    while ``lead`` has no body yet, its sub-headlines and byline stay heads."""
    if not lead.paragraphs and not part.kicker and not part.headline:
        lead.subheadlines += part.subheadlines
        lead.byline = lead.byline or part.byline
        heads = [part.byline] if part.byline and lead.byline != part.byline else []
    else:
        heads = [x for x in (part.kicker, part.headline, *part.subheadlines, part.byline) if x]
    lead.paragraphs += heads + part.paragraphs
    lead.subheads += ([part.headline] if part.headline else []) + part.subheads
    lead.captions += part.captions
    lead.credits += part.credits
    lead.pieces += part.pieces


def _choose(head: Article, split: list[Article], candidates: list[Article], rivals: int) -> Article | None:
    """The piece that continues ``head`` (or an article ``head`` may end, ``split``):
    the best-named, or the only one when ``head`` is the only article of its page that
    jumps to that page (``rivals`` == 1)."""
    if not candidates:
        return None
    scored = sorted(((_named(head, split, c), n, c) for n, c in enumerate(candidates)),
                    key=lambda t: (-t[0], t[1]))
    best_score, _, best = scored[0]
    if best_score >= MIN_HEADER_SCORE:
        return best
    return best if len(candidates) == 1 and rivals == 1 else None


def _copy(a: Article, page: int | None) -> Article:
    """A copy of ``a`` to join pieces to, its pieces numbered ``page`` where the folio gave none."""
    return replace(a, subheadlines=list(a.subheadlines), paragraphs=list(a.paragraphs),
                   subheads=list(a.subheads), captions=list(a.captions), credits=list(a.credits),
                   pieces=[p if p.page_no is not None else replace(p, page_no=page) for p in a.pieces])
