"""An issue: several pages of one paper and date whose lead articles jump to later pages.

``make_issue(seed)`` draws 3-5 pages.  Page 1's lead article always goes on
(``（下转第N版）``) on a later page, each other page's lead three times in four; a
page carries at most one piece continued from elsewhere.  The piece
(``（上接第M版）``, first below the page's own lead) is headed by the
article's headline or a short form of it, as papers print jump headers,
and holds the paragraphs that follow the lead's in its source.
"""

from __future__ import annotations

import datetime
import random
from dataclasses import dataclass

from .page import PAPERS, Continuation, Page, PagePlan, make_page
from .sources import load


@dataclass(frozen=True)
class IssueJump:
    """The lead of page ``from_page`` goes on in article ``piece`` of page ``to_page``."""

    from_page: int
    to_page: int
    piece: int
    headline: str
    header: str


LEADING_WORDS = ("全力", "加快", "坚持", "推动", "我市", "深入", "持续", "着力", "扎实", "大力", "全面", "进一步")


def short_form(headline: str, rng: random.Random) -> str:
    """The jump header of ``headline``: itself, or a part of it a reader still knows
    it by: its longest phrase (``抓产业 塑品牌 推动各项工作提速提质增效`` → the
    last; the topic after a colon), or it without a leading word
    (``全力推进高质量发展`` → ``推进高质量发展``)."""
    if rng.random() < 0.4:
        return headline
    parts = headline.replace("：", " ").split()
    if len(parts) > 1:
        return max(parts, key=len)
    for word in LEADING_WORDS:
        if headline.startswith(word) and len(headline) - len(word) >= 4:
            return headline[len(word):]
    return headline


def plan_jumps(rng: random.Random, count: int) -> dict[int, int]:
    """``{source page: target page}``: page 1 always jumps, the others three times in four,
    each target page taking one piece."""
    jumps: dict[int, int] = {}
    for page in range(1, count):
        if page > 1 and rng.random() < 0.25:
            continue
        free = [t for t in range(page + 1, count + 1) if t not in jumps.values()]
        if free:
            jumps[page] = rng.choice(free)
    return jumps


def make_issue(seed: int) -> tuple[list[Page], list[IssueJump]]:
    """The pages of issue ``seed`` in page order, and its jumps."""
    rng = random.Random(f"issue-{seed}")
    date = datetime.date(2019, 1, 1) + datetime.timedelta(days=rng.randrange(6 * 365))
    paper = rng.choice(PAPERS)
    count = rng.randint(3, 5)
    jumps = plan_jumps(rng, count)
    came_from = {t: s for s, t in jumps.items()}
    sources = {s.name: s for s in load().sources}
    pages: list[Page] = []
    out: list[IssueJump] = []
    for page_no in range(1, count + 1):
        continued = None
        if page_no in came_from:
            lead = pages[came_from[page_no] - 1].articles[0]
            headline = next(b.text for b in lead.blocks if b.role == "headline")
            rest = sources[lead.source].paragraphs[lead.run_end:lead.run_end + rng.randint(2, 4)]
            if not rest:  # the lead used its source up: go on with the source's first paragraphs
                rest = sources[lead.source].paragraphs[:2]
            continued = Continuation(short_form(headline, rng), tuple(rest))
        plan = PagePlan(paper, date, page_no, jumps.get(page_no), came_from.get(page_no), continued)
        page = make_page(seed * 100 + page_no, plan)
        pages.append(page)
        if continued is not None:
            piece = next(n for n, a in enumerate(page.articles) if a.jump_from is not None)
            out.append(IssueJump(came_from[page_no], page_no, piece, headline, continued.header))
    return pages, out
