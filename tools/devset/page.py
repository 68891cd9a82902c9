"""A newspaper page as it is typeset: furniture and articles, block by block.

``make_page(seed)`` draws everything from ``random.Random(seed)`` and the
sources read in a fixed order, so a seed always gives the same page.  Each
block keeps two forms: ``printed``, what goes on the page (bullets, full-width
spaces between names, jump markers), and ``text``, its clean form per SPEC.md,
which is what gold holds.  Folio lines and jump markers are furniture: they
are printed but are not in gold (SPEC rules 12 and 19).
"""

from __future__ import annotations

import datetime
import random
from dataclasses import dataclass, field

from .fit import Metrics
from .sources import Corpus, Source, dateline_of, load, starts_with_dateline

SURNAMES = "王李张刘陈杨赵黄周吴徐孙胡朱高林何郭马罗梁宋郑谢韩唐冯于董萧程曹袁邓许傅沈曾彭吕苏卢蒋蔡贾丁魏薛叶阎余潘杜戴夏钟汪田任姜范方石姚谭廖邹熊金陆郝孔白崔康毛邱秦江史顾侯邵孟龙万段雷钱汤尹黎易常武乔贺赖龚文云"
GIVEN = "伟芳娜敏静丽强磊军洋勇艳杰娟涛明超秀霞平刚桂英华玉兰萍红志忠春晓海燕鹏宇凤霖东宏晶雪琳浩然婧姝颖欣佳瑞凯峰雅丹蕾蒙亮斌波辉鑫"
PAPERS = ("内蒙古日报", "呼和浩特日报", "北疆晚报", "草原晨报", "河套日报", "阴山日报", "黄河日报", "锡林郭勒日报")
SECTIONS = ("要闻", "综合", "经济", "社会", "文化", "时政", "副刊", "专版", "民生", "国际")
CITIES = ("北京", "上海", "呼和浩特", "包头", "鄂尔多斯", "赤峰", "广州", "成都", "西安", "乌兰察布")
WEEKDAYS = "一二三四五六日"


@dataclass
class Block:
    """One typeset unit; ``role`` is one of ROLES."""

    role: str
    text: str  # clean form, as in gold ("" for furniture)
    printed: str  # as on the page
    style: dict[str, object] = field(default_factory=dict)


ROLES = ("kicker", "headline", "subheadline", "byline", "paragraph", "subhead", "photo",
         "caption", "credit", "jump")
IN_GOLD = ("kicker", "headline", "subheadline", "byline", "paragraph", "subhead", "caption", "credit")


@dataclass
class Article:
    blocks: list[Block]
    dateline: str = ""  # clean form of the dateline that opens the first paragraph
    jump_to: int | None = None  # page this article continues on (下转)
    jump_from: int | None = None  # page it came from (上接)
    source: str = ""  # the source its paragraphs are a run of
    run_end: int = 0  # index in that source of the paragraph after its last


@dataclass(frozen=True)
class Continuation:
    """The rest of an article cut on another page: under a jump header (its
    headline or a short form), the paragraphs that follow in its source."""

    header: str
    paragraphs: tuple[str, ...]


@dataclass(frozen=True)
class PagePlan:
    """What an issue fixes of one of its pages (see ``devset.issue``): its
    paper, date and number, where its lead article jumps to, and the piece of
    an earlier page's lead it carries first below its own lead."""

    paper: str
    date: datetime.date
    page_no: int
    jump_to: int | None = None
    jump_from: int | None = None
    continued: Continuation | None = None


@dataclass
class Folio:
    paper: str
    date: datetime.date
    page_no: int
    section: str
    pattern: int  # which of FOLIO_PATTERNS

    @property
    def weekday(self) -> str:
        return "星期" + WEEKDAYS[self.date.weekday()]

    @property
    def parts(self) -> list[str]:
        d = f"{self.date.year}年{self.date.month}月{self.date.day}日"
        return [
            [self.paper, d, self.weekday, f"第{self.page_no}版", self.section],
            [f"第{self.page_no}版", self.section, d, self.weekday, self.paper],
            [d, self.weekday, self.section, str(self.page_no), self.paper],
        ][self.pattern]

    @property
    def text(self) -> str:
        return " ".join(self.parts)


@dataclass
class Page:
    seed: int
    layout: str  # "flow": one column flow; "boxes": lead article, then boxes side by side
    columns: int
    metrics: Metrics
    folio: Folio
    folio_at: str  # "top" or "bottom"
    folio_spread: bool  # parts spread across the width, or one line of text
    editor: Block  # 责任编辑：……
    editor_at: str  # "top" (beside the folio) or "bottom"
    articles: list[Article]
    boxes: list[tuple[int, list[int]]] = field(default_factory=list)  # (columns, article indices)

    def gold_paragraphs(self) -> list[str]:
        """Every paragraph of gold, in reading order."""
        out = [self.editor.text] if self.editor_at == "top" else []
        for a in self.articles:
            out += [b.text for b in a.blocks if b.role in IN_GOLD]
        if self.editor_at == "bottom":
            out.append(self.editor.text)
        return out

    def gold(self) -> str:
        return "\n\n".join(self.gold_paragraphs()) + "\n"

    def structure(self) -> dict[str, object]:
        """What the page says, article by article (for scoring articles, SPEC rule 20)."""
        f = self.folio
        articles = []
        jumps = []
        for n, a in enumerate(self.articles):
            by_role: dict[str, list[str]] = {r: [b.text for b in a.blocks if b.role == r] for r in ROLES}
            articles.append({
                "kicker": (by_role["kicker"] or [None])[0],
                "headline": (by_role["headline"] or [None])[0],
                "subheadlines": by_role["subheadline"],
                "byline": (by_role["byline"] or [None])[0],
                "dateline": a.dateline or None,
                "paragraphs": by_role["paragraph"],
                "subheads": by_role["subhead"],
                "captions": by_role["caption"],
                "credits": by_role["credit"],
                "jump_to": a.jump_to,
                "jump_from": a.jump_from,
                "roles": [b.role for b in a.blocks if b.role != "photo"],  # the blocks in order
            })
            for b in a.blocks:
                if b.role == "jump":
                    jumps.append({"article": n, "marker": b.printed,
                                  "to_page": a.jump_to if "下转" in b.printed else None,
                                  "from_page": a.jump_from if "上接" in b.printed else None})
        return {
            "seed": self.seed,
            "layout": self.layout,
            "columns": self.columns,
            "folio": {"text": f.text, "paper": f.paper, "date": f.date.isoformat(), "weekday": f.weekday,
                      "page_no": f.page_no, "section": f.section, "position": self.folio_at},
            "credits": [self.editor.text],
            "articles": articles,
            "jumps": jumps,
        }


class _Builder:
    """Draws one page's content; ``used`` keeps every text unique on the page."""

    def __init__(self, rng: random.Random, corpus: Corpus, date: datetime.date, metrics: Metrics) -> None:
        self.rng = rng
        self.metrics = metrics
        self.corpus = corpus
        self.date = date
        self.used: set[str] = set()
        self.run_start = 0  # where in its source the last run began

    def fresh(self, *pools: tuple[str, ...]) -> str:
        """A text not yet on the page, from the first of ``pools`` that still has one."""
        for pool in pools:
            for _ in range(200) if pool else ():
                t = self.rng.choice(pool)
                if t not in self.used:
                    self.used.add(t)
                    return t
        raise RuntimeError("source text used up")

    def name(self) -> str:
        return self.rng.choice(SURNAMES) + "".join(self.rng.choice(GIVEN) for _ in range(self.rng.choice((1, 2, 2))))

    def name_gap(self) -> str:
        """A space between names as typeset (clean form: one ASCII space)."""
        return self.rng.choice((" ", " ", "\u3000", "  "))

    def names(self, clean: list[str]) -> str:
        g = self.name_gap()
        return g.join(clean)

    def byline(self) -> Block:
        a, b = self.name(), self.name()
        forms = [["本报记者", a], ["本报记者", a, b], ["新华社记者", a], ["本报记者", a, "通讯员", b], ["本报通讯员", a]]
        parts = self.rng.choice(forms)
        bullet = self.rng.choice(("", "", "", "□", "■"))
        return Block("byline", " ".join(parts), bullet + self.names(parts))

    def dateline(self) -> tuple[str, str]:
        """(clean, printed) dateline that opens a first paragraph."""
        m, d, n, city = self.date.month, self.date.day, self.name(), self.rng.choice(CITIES)
        k = self.rng.randrange(5)
        if k == 0:
            return f"本报讯（记者 {n}）", f"本报讯（记者{self.name_gap()}{n}）"
        if k == 1:
            return f"本报{m}月{d}日讯（记者 {n}）", f"本报{m}月{d}日讯（记者{self.name_gap()}{n}）"
        if k == 2:
            return f"新华社北京{m}月{d}日电 ", f"新华社北京{m}月{d}日电{self.rng.choice((' ', chr(0x3000)))}"
        if k == 3:
            n2 = self.name()
            g = self.name_gap()
            return f"新华社{city}{m}月{d}日电（记者 {n} {n2}）", f"新华社{city}{m}月{d}日电（记者{g}{n}{g}{n2}）"
        return f"本报{city}{m}月{d}日电（记者 {n}）", f"本报{city}{m}月{d}日电（记者{self.name_gap()}{n}）"

    def run(self, count: int) -> tuple[Source, list[str]]:
        """``count`` consecutive unused paragraphs of one source."""
        weights = [3 if s.news else 2 for s in self.corpus.sources]
        for _ in range(200):
            src = self.rng.choices(self.corpus.sources, weights)[0]
            k = min(count, len(src.paragraphs))
            start = self.rng.randrange(len(src.paragraphs) - k + 1)
            paras = list(src.paragraphs[start:start + k])
            if not self.used.intersection(paras):
                self.used.update(paras)
                self.run_start = start
                return src, paras
        raise RuntimeError("source paragraphs exhausted")

    def headline(self, src: Source, kicker: bool = False) -> str:
        if src.title and not kicker and src.title not in self.used:  # an article with its own headline
            self.used.add(src.title)
            return src.title
        if src.news and self.rng.random() < 0.6:
            return self.fresh(self.corpus.headlines, src.clauses)
        return self.fresh(src.clauses, self.corpus.headlines)

    def caption(self, src: Source) -> list[Block]:
        cap = self.fresh(src.sentences)
        a, b = self.name(), self.name()
        credit = self.rng.choice([["本报记者", a, "摄"], ["新华社记者", a, "摄"], [a, "摄"],
                                  ["本报记者", a, "通讯员", b, "摄"]])
        same_line = self.rng.random() < 0.5
        bullet = self.rng.choice(("", "", "", "▲"))
        return [
            Block("photo", "", "", {"height": self.rng.randint(5, 10)}),
            Block("caption", cap, bullet + cap),
            Block("credit", " ".join(credit), self.names(credit), {"same_line": same_line}),
        ]

    def article(self, lead: bool, columns: int, budget: float,
                jump_to: int | None = None, jump_from: int | None = None) -> Article | None:
        """An article of a run of paragraphs that fits ``budget`` px of ``columns`` columns
        (None if even one paragraph does not)."""
        rng = self.rng
        src, paras = self.run(rng.randint(4, 7) if lead else rng.randint(1, 4))
        overhead = self.metrics.font_px * 7
        while paras and sum(self.metrics.block(Block("paragraph", p, p)) for p in paras) / columns + overhead > budget:
            paras.pop()
        if not paras:
            return None
        blocks: list[Block] = []
        if rng.random() < (0.35 if lead else 0.12):
            k = self.headline(src, kicker=True)
            blocks.append(Block("kicker", k, k))
        h = self.headline(src)
        blocks.append(Block("headline", h, h))
        if rng.random() < (0.35 if lead else 0.1):
            if rng.random() < 0.3:
                s = self.fresh(self.corpus.subheadlines, tuple("——" + c for c in src.clauses))
            else:
                s = "——" + self.fresh(src.clauses)
            blocks.append(Block("subheadline", s, s))
        dateline = ""
        body = [Block("paragraph", p, p) for p in paras]
        if jump_from is None and not starts_with_dateline(paras[0]):
            choice = rng.random()
            if choice < 0.35:
                blocks.append(self.byline())
            elif choice < 0.75:
                dateline, printed = self.dateline()
                body[0] = Block("paragraph", dateline + paras[0], printed + paras[0])
        elif jump_from is None and rng.random() < 0.2:
            blocks.append(self.byline())
        dateline = dateline or dateline_of(body[0].text)
        if jump_from is not None:
            marker = rng.choice(("（上接第{}版）", "(上接第{}版)", "■上接第{}版")).format(jump_from)
            blocks.append(Block("jump", "", marker, {"inline": True}))
        if len(body) >= 4 and rng.random() < 0.3:
            s = self.fresh(src.clauses)
            body.insert(rng.randrange(2, len(body)), Block("subhead", s, s))
        photo_at = rng.randrange(1, len(body) + 1) if rng.random() < (0.4 if lead else 0.2) else None
        for n, b in enumerate(body, 1):
            blocks.append(b)
            if n == photo_at:
                blocks += self.caption(src)
        if not lead and jump_to is None and rng.random() < 0.15:
            n = self.name()
            blocks.append(Block("credit", f"（{n}）", f"（{n}）"))
        if jump_to is not None:
            marker = rng.choice(("（下转第{}版）", "(下转第{}版)", "■下转第{}版")).format(jump_to)
            blocks.append(Block("jump", "", marker, {"inline": rng.random() < 0.4}))
        return Article(blocks, dateline, jump_to, jump_from, src.name, self.run_start + len(paras))

    def continuation(self, cont: Continuation, columns: int, budget: float, jump_from: int) -> Article | None:
        """The piece of an article continued from page ``jump_from``: its jump header,
        the marker, and as many of its paragraphs as fit ``budget`` (None if none does)."""
        paras = list(cont.paragraphs)
        self.used.update(paras)
        overhead = self.metrics.font_px * 5
        while paras and sum(self.metrics.block(Block("paragraph", p, p)) for p in paras) / columns + overhead > budget:
            paras.pop()
        if not paras:
            return None
        marker = self.rng.choice(("（上接第{}版）", "(上接第{}版)", "■上接第{}版")).format(jump_from)
        blocks = [Block("headline", cont.header, cont.header), Block("jump", "", marker, {"inline": True})]
        blocks += [Block("paragraph", p, p) for p in paras]
        return Article(blocks, dateline_of(paras[0]), None, jump_from)


def lead_heights(m: Metrics, lead: Article, columns: int) -> tuple[float, list[Block]]:
    """Height of the lead article's spanning head, and the blocks that flow in columns below it."""
    head = [b for b in lead.blocks if b.role in ("kicker", "headline", "subheadline")]
    span = sum(m.spanning(b, columns * m.column_chars) for b in head)
    return span, [b for b in lead.blocks if b not in head]


def make_page(seed: int, plan: PagePlan | None = None, corpus: Corpus | None = None) -> Page:
    """The page of ``seed``: layout drawn first, then articles until the page is full.

    A ``plan`` (a page of an issue) fixes paper, date, page number and jumps;
    everything else is drawn from the seed as for a page on its own.
    ``corpus`` replaces the usual sources (``load()``).
    """
    rng = random.Random(seed)
    date = datetime.date(2019, 1, 1) + datetime.timedelta(days=rng.randrange(6 * 365))
    page_no = 1 if rng.random() < 0.3 else rng.randint(2, 12)
    if plan is not None:
        date, page_no = plan.date, plan.page_no
    columns = rng.randint(3, 6)
    layout = rng.choice(("flow", "boxes"))
    m = Metrics(font_px=rng.choice((12.5, 13.0, 13.5, 14.0, 14.5)), column_chars=rng.randint(11, 15),
                line_height=rng.choice((1.35, 1.45, 1.55, 1.65)), indent=rng.random() < 0.85,
                gap=rng.choice((1.0, 1.3, 1.6, 2.0, 2.5)))
    room = (rng.randint(50, 80) + 10 * (columns - 3)) * m.font_px * m.line_height  # column lines of text

    b = _Builder(rng, corpus or load(), date, m)
    jump_to = rng.randint(page_no + 1, page_no + 4) if rng.random() < (0.7 if page_no == 1 else 0.25) else None
    jump_from = rng.randint(1, page_no - 1) if page_no > 1 and rng.random() < 0.5 else None
    if plan is not None:
        jump_to, jump_from = plan.jump_to, plan.jump_from
    lead = None
    for _ in range(8):
        lead = b.article(True, columns, room * rng.uniform(0.3, 0.7), jump_to=jump_to)
        if lead is not None:
            break
    if lead is None:
        raise RuntimeError(f"seed {seed}: no lead article fits")
    span, lead_body = lead_heights(m, lead, columns)
    if layout == "flow":
        widths, base = [columns], [lead_body]
        budget = room - span
    else:
        widths = _box_widths(rng, columns)
        base = [[] for _ in widths]
        budget = room - span - m.columns(lead_body, columns) - m.font_px * 2
    runs: list[list[Article]] = [[] for _ in widths]
    full = [False] * len(widths)
    while not all(full):
        heights = [m.columns(base[n] + [x for a in runs[n] for x in a.blocks], w) for n, w in enumerate(widths)]
        i = min((h, n) for n, h in enumerate(heights) if not full[n])[1]
        cont = jump_from if not any(runs) else None
        article = None
        for _ in range(4):
            if cont is not None and plan is not None and plan.continued is not None:
                article = b.continuation(plan.continued, widths[i], budget - heights[i], cont)
            else:
                article = b.article(False, widths[i], budget - heights[i], jump_from=cont)
            if article is not None:
                break
        if article is None:
            full[i] = True
        else:
            runs[i].append(article)
    articles = [lead] + [a for run in runs for a in run]
    folio = Folio(rng.choice(PAPERS), date, page_no, rng.choice(SECTIONS), rng.choice((0, 0, 1, 2)))
    if plan is not None:
        folio.paper = plan.paper
    editor_name = b.name()
    editor = Block("credit", f"责任编辑：{editor_name}", f"责任编辑：{editor_name}")
    page = Page(seed=seed, layout=layout, columns=columns, metrics=m,
                folio=folio, folio_at=rng.choice(("top", "top", "top", "bottom")),
                folio_spread=rng.random() < 0.6,
                editor=editor, editor_at=rng.choice(("top", "bottom", "bottom")), articles=articles)
    if layout == "boxes":
        first = 1
        for w, run in zip(widths, runs):
            page.boxes.append((w, list(range(first, first + len(run)))))
            first += len(run)
    return page


def _box_widths(rng: random.Random, columns: int) -> list[int]:
    """2 or 3 boxes side by side below the lead article, sharing its columns."""
    parts = 3 if columns >= 5 and rng.random() < 0.5 else 2
    widths = [1] * parts
    for _ in range(columns - parts):
        widths[rng.randrange(parts)] += 1
    return widths
