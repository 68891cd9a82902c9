"""Generate pages where a paragraph of one article is pasted into another.

The failure SPEC rule 15 guards against: a page's extraction (or its
editor) pastes a body paragraph a second time, into a different article.
The dedup stage must drop the paste and keep the original, among its own
article's paragraphs, whichever of the two comes first on the page.

A page is a few articles, each its headline block (headline, sub-headline,
byline) and a run of body paragraphs, in SPEC's clean form (a paragraph a
line, a blank line between).  One body paragraph of one article is pasted
into another article, before the original on the page as often as after
it, at any place among that article's body paragraphs; the paste is the
same text, or the same text with half-width punctuation, or with a few Han
characters changed (never from or into a numeral).

The articles come from real text, in three pools that share no paragraph:

* ``gold``: the articles of the hand-made gold pages (``tests/data/gold/``),
  as their article gold (``tests/data/articles/``) gives them;
* ``prose``: the clean-prose corpus (``tests/data/prose/``): statutes under
  their law's name, stories and chapters under their title;
* ``devset``: the development set's articles (``tests/data/devset/structure``)
  whose paragraphs are not from the gold pages, each cut down to one stretch
  of the work it is cut from (:func:`in_one_stretch`).

Each pool is split in two halves, ``tune`` and ``held``, that share no
paragraph (:func:`half_of`).
"""

from __future__ import annotations

import json
import random
import zlib
from dataclasses import dataclass
from pathlib import Path

import regex

DATA = Path(__file__).parent / "data"
DEVSET_SOURCES = Path(__file__).parent.parent / "tools" / "devset" / "sources"  # the works its prose comes from
SENTENCE_END = regex.compile(r"[。！？…][”’」』）)]*$")
CLAUSE_END = regex.compile(r"[。！？…；：，、][”’」』）)]*$")
HAN = regex.compile(r"\p{Han}")
NUMERAL = regex.compile(r"[0-9〇零一二三四五六七八九十百千万亿两]")
CLAUSE = regex.compile(r"(?<=^|[，。；：！？])\p{Han}[^，。；：！？“”‘’（）《》、\s]{6,14}(?=[，。；！？])")
HALF_WIDTH = str.maketrans({"，": ",", "；": ";", "：": ":", "（": "(", "）": ")", "！": "!", "？": "?"})
POOLS = ("gold", "prose", "devset")
HALVES = ("tune", "held")  # each pool's articles, split in two by a hash of their source (see half_of)
STRETCH = 10  # paragraphs of a work in one stretch: the devset pool's halves are split by stretch


@dataclass(frozen=True)
class Article:
    source: str  # the document it comes from: a prose document, a gold or devset article
    head: tuple[str, ...]  # headline block: headline, sub-headlines, byline
    body: tuple[str, ...]  # body paragraphs, in order
    text: str = ""  # the work it is cut from (a law, a story, 祝福): articles of one work share their words
    stretch: str = ""  # the stretch of that work its body is, where articles overlap (devset): the halves split by it


@dataclass(frozen=True)
class PastedPage:
    """A page, the original paragraph and its paste (indices into ``paragraphs``)."""

    paragraphs: tuple[str, ...]
    original: int
    paste: int
    variant: str  # how the paste differs: exact, width or chars
    one_work: bool  # the paste's article and the original's are cut from one work
    article_of: tuple[int, ...]  # each paragraph's article, numbered in page order

    @property
    def text(self) -> str:
        return "\n\n".join(self.paragraphs) + "\n"

    @property
    def paste_first(self) -> bool:
        return self.paste < self.original


def is_headline_shaped(p: str) -> bool:
    return len(p) <= 40 and not CLAUSE_END.search(p)


def is_body(p: str) -> bool:
    """Long enough to paste, and ending a sentence."""
    return len(p) >= 30 and bool(SENTENCE_END.search(p))


def split_articles(source: str, paragraphs: list[str], title: str = "", text: str = "") -> list[Article]:
    """Articles of a run of paragraphs: a headline-shaped block, then the body up to the next.

    Every block is led by ``title`` (a law's name above its chapter's heading).
    """
    blocks: list[tuple[list[str], list[str]]] = [([], [])]
    for p in paragraphs:
        if is_headline_shaped(p):
            if blocks[-1][1]:
                blocks.append(([], []))
            blocks[-1][0].append(p)
        else:
            blocks[-1][1].append(p)
    return [
        Article(source, tuple([title] if title and title not in head else []) + tuple(head), tuple(body),
                text or source)
        for n, (head, body) in enumerate(blocks)
        if body and (head or title)
    ]


def gold_articles() -> list[Article]:
    """The articles of the hand-made article gold of the gold pages (``tests/data/articles``):
    the pages print some headlines away from their bodies, so cutting the pages at
    headline-shaped paragraphs would put other stories' paragraphs in an article.  An
    article with no headline (text before a page's first headline, a photo story of its
    own) is left out, silently: on a made page its body would run on from the article
    before it, with no headline between to tell the two apart."""
    out: list[Article] = []
    for path in sorted((DATA / "articles").glob("*.jsonl")):
        for n, line in enumerate(path.read_text(encoding="utf-8").splitlines()):
            a = json.loads(line)
            if not a["headline"]:
                continue
            head = [*([a["kicker"]] if a["kicker"] else []), a["headline"], *a["subheadlines"],
                    *([a["byline"]] if a["byline"] else [])]
            out.append(Article(f"gold/{path.stem}:{n}", tuple(head), tuple(a["paragraphs"]), f"gold/{path.stem}:{n}"))
    return out


def prose_articles() -> list[Article]:
    """Each prose document's paragraphs under its title (the law, story or chapter it
    continues), cut at chapter headings; a document with no title anywhere before it
    goes under a clause of its own first paragraph."""
    out: list[Article] = []
    for path in sorted((DATA / "prose").glob("*.txt")):
        title = ""
        for n, block in enumerate(path.read_text(encoding="utf-8").strip("\n").split("\n\n"), 1):
            paras = block.split("\n")
            if is_headline_shaped(paras[0]):
                title, paras = paras[0], paras[1:]
            elif not title or path.stem == "zhlipsum":
                clauses = CLAUSE.findall(paras[0]) or [paras[0][:12]]
                title = clauses[0]
            out += split_articles(f"prose/{path.stem}:{n}", paras, title, f"prose/{path.stem}:{title}")
    return out


def work_places() -> dict[str, tuple[str, int]]:
    """Each paragraph of the development set's works, known by its last 20 characters:
    the work and the paragraph's place in it (the first, for a line said twice)."""
    places: dict[str, tuple[str, int]] = {}
    for path in sorted(DEVSET_SOURCES.glob("*.txt")):
        for n, p in enumerate(p for p in path.read_text(encoding="utf-8").split("\n") if p):
            places.setdefault(p[-20:], (path.stem, n))
    return places


def located(body: tuple[str, ...], places: dict[str, tuple[str, int]]) -> list[int | None]:
    """Each paragraph's place in its work; one not found (a short line under a dateline)
    takes its place from the nearest found neighbour, which runs on with it."""
    found = [places[p[-20:]][1] if p[-20:] in places else None for p in body]
    for k, at in enumerate(found):
        if at is None:
            near = [(abs(j - k), f + k - j) for j, f in enumerate(found) if f is not None]
            found[k] = min(near)[1] if near else None
    return found


def in_one_stretch(source: str, head: tuple[str, ...], body: tuple[str, ...], work: str,
                   places: dict[str, tuple[str, int]]) -> Article:
    """The article cut down to the stretch of :data:`STRETCH` paragraphs of its work that holds
    most of its body (the first, if two hold as much): the development pages cut the same
    stretches of two works again and again, so only a split by stretch keeps the held half's
    text out of the tune half's."""
    at = located(body, places)
    if not work or None in at:
        return Article(source, head, body, work)
    stretches = [a // STRETCH for a in at]
    mine = max(stretches, key=lambda s: (stretches.count(s), -s))
    return Article(source, head, tuple(p for p, s in zip(body, stretches) if s == mine), work, f"{work}:{mine}")


def devset_articles() -> list[Article]:
    """Paragraphs are known by their last 20 characters: the set may lead one with a dateline.
    Each article is cut down to one stretch of its work (:func:`in_one_stretch`)."""
    gold = {p[-20:] for path in (DATA / "gold").glob("*.txt")
            for p in path.read_text(encoding="utf-8").split("\n") if p}
    places = work_places()
    out: list[Article] = []
    for path in sorted((DATA / "devset" / "structure").glob("*.json")):
        for n, a in enumerate(json.loads(path.read_text(encoding="utf-8"))["articles"]):
            if not a["headline"] or any(p[-20:] in gold for p in a["paragraphs"]):
                continue
            head = (a["headline"], *a["subheadlines"], *([a["byline"]] if a["byline"] else []))
            work = next((places[p[-20:]][0] for p in a["paragraphs"] if p[-20:] in places), "")
            out.append(in_one_stretch(f"devset/{path.stem}:{n}", head, tuple(a["paragraphs"]), work, places))
    return out


def half_of(article: Article) -> str:
    """``tune`` or ``held``: the half of its pool an article falls in, fixed by a hash of
    its stretch of work where it has one (devset), of its source otherwise."""
    return HALVES[zlib.crc32((article.stretch or article.source).encode("utf-8")) % 2]


def articles(pool: str, half: str | None = None) -> list[Article]:
    """The articles of ``pool``; only those of ``half`` (one of :data:`HALVES`) if given."""
    found = {"gold": gold_articles, "prose": prose_articles, "devset": devset_articles}[pool]()
    return [a for a in found if half is None or half_of(a) == half]


def vary(text: str, rng: random.Random, han: str) -> tuple[str, str]:
    """The paste's text: the same, half-width punctuation, or 1-3 Han characters changed
    (neither from nor into a numeral: a paragraph stating another number is another
    paragraph, which the stage keeps)."""
    roll = rng.random()
    if roll < 0.5:
        return text, "exact"
    if roll < 0.75 and text.translate(HALF_WIDTH) != text:
        return text.translate(HALF_WIDTH), "width"
    places = [m.start() for m in HAN.finditer(text) if not NUMERAL.match(m.group())]
    chars = list(text)
    for i in rng.sample(places, min(len(places), rng.randint(1, 3))):
        chars[i] = rng.choice([c for c in han if c != chars[i] and not NUMERAL.match(c)])
    return "".join(chars), "chars"


def run_of(article: Article, rng: random.Random, shortest: int = 2, longest: int = 8) -> Article:
    """A run of ``shortest``-``longest`` consecutive body paragraphs of ``article``."""
    size = min(len(article.body), rng.randint(shortest, longest))
    start = rng.randrange(len(article.body) - size + 1)
    return Article(article.source, article.head, article.body[start:start + size], article.text, article.stretch)


def paste_page(pool: list[Article], rng: random.Random, paste_first: bool) -> PastedPage:
    """A page of 3-6 articles of ``pool``, one body paragraph pasted into another article:
    before its original on the page if ``paste_first``, after it otherwise."""
    count = rng.randint(3, 6)
    while True:
        chosen = rng.sample(pool, count)
        if len({a.source for a in chosen}) < count or len({p[-20:] for a in chosen for p in a.body}) < sum(
                len(a.body) for a in chosen):
            continue  # two articles of one document, or sharing a paragraph (by its end: a dateline may lead)
        page = [run_of(a, rng) for a in chosen]
        home = [(n, k) for n, a in enumerate(page) for k, p in enumerate(a.body) if is_body(p)]
        home = [(n, k) for n, k in home if (n > 0 if paste_first else n < count - 1)]
        if home:
            break
    n, k = rng.choice(home)
    target = rng.randrange(n) if paste_first else rng.randrange(n + 1, count)
    slot = rng.randint(0, len(page[target].body))  # 0: right after the headline block
    han = "".join(HAN.findall("".join(p for a in page for p in a.body)))
    pasted, variant = vary(page[n].body[k], rng, han)
    paragraphs: list[str] = []
    article_of: list[int] = []
    original = paste = -1
    for m, a in enumerate(page):
        paragraphs += a.head
        for j, p in enumerate([*a.body, None]):
            if m == target and j == slot:
                paste = len(paragraphs)
                paragraphs.append(pasted)
            if p is not None:
                if (m, j) == (n, k):
                    original = len(paragraphs)
                paragraphs.append(p)
        article_of += [m] * (len(paragraphs) - len(article_of))
    return PastedPage(tuple(paragraphs), original, paste, variant, page[n].text == page[target].text != "",
                      tuple(article_of))


def paste_pages(pool: str, count: int, seed: int = 18, half: str | None = None) -> list[PastedPage]:
    """``count`` pages from ``pool`` (one of :data:`POOLS`), the paste first on every other one;
    only from the articles of ``half`` if given (a half's pages are not the whole pool's)."""
    rng = random.Random(f"{pool}:{seed}" + (f":{half}" if half else ""))
    found = articles(pool, half)
    return [paste_page(found, rng, paste_first=n % 2 == 0) for n in range(count)]
