"""The real text a development page is typeset from.

Three kinds of material, all already clean (SPEC.md), so that what is typeset
is gold as it stands:

* news: the hand-made gold pages in ``tests/data/gold/`` (headlines,
  sub-headlines and body paragraphs, told apart by their shape);
* prose: ``sources/*.txt``, one paragraph a line (see ``sources/README.md``
  for where each comes from and under which licence);
* clauses cut from each source, for headlines, kickers and subheads of its
  articles, and sentences for their photo captions.

``load(folder)`` reads other news text instead (``make_devset.py --sources``):
every ``*.txt`` of the folder holds articles, each its headline on a line
after ``# `` and then its paragraphs one a line, a blank line between
articles.  Each article is a source of its own, typeset under its own headline.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from pathlib import Path

import regex

ROOT = Path(__file__).resolve().parents[2]
GOLD = ROOT / "tests" / "data" / "gold"
PROSE = Path(__file__).parent / "sources"

SENTENCE_END = regex.compile(r"[。！？…][”’）]*$")
HEADLINE_SHAPE = regex.compile(r"^[^，。；！？：]{4,32}$")
CLAUSE = regex.compile(r"(?<=^|[，。；：！？])\p{Han}[^，。；：！？“”‘’（）《》、\s]{6,14}(?=[，。；！？])")
SENTENCE = regex.compile(r"(?<=^|[。！？])\p{Han}[^。！？]{9,47}。")
WEAK_START = set("但也而就又却并且所因如我你她他它说是在的了和与及或将被把对从")  # not how a headline begins
DATELINE = regex.compile(r"^(本报讯|新华社|本报\d+月\d+日讯|中新社)")
WHOLE_DATELINE = regex.compile(r"^(?:本报|新华社|中新社)\p{Han}*?(?:\d+月\d+日)?[讯电](?:（记者[^）]*）| )")


@dataclass(frozen=True)
class Source:
    """One text: its paragraphs in order, from which an article takes a run."""

    name: str
    paragraphs: tuple[str, ...]
    clauses: tuple[str, ...]  # headline-shaped clauses cut from its paragraphs
    sentences: tuple[str, ...]  # caption-shaped sentences
    news: bool = False  # news text (its articles take real headlines first)
    title: str = ""  # its own headline, for an article of a --sources folder

    @classmethod
    def of(cls, name: str, paragraphs: list[str], news: bool = False, title: str = "") -> Source:
        clauses = sorted({m for p in paragraphs for m in CLAUSE.findall(p)
                          if m[0] not in WEAK_START and not DATELINE.match(m)})
        sentences = sorted({m for p in paragraphs for m in SENTENCE.findall(p)
                            if not DATELINE.match(m) and "“" not in m and "”" not in m})
        return cls(name, tuple(paragraphs), tuple(clauses), tuple(sentences), news, title)


@dataclass(frozen=True)
class Corpus:
    sources: tuple[Source, ...]
    headlines: tuple[str, ...]  # real headlines of the gold pages
    subheadlines: tuple[str, ...]  # ``——访……`` lines of the gold pages


def _is_body(p: str) -> bool:
    return len(p) >= 30 and bool(SENTENCE_END.search(p))


def _gold_pages() -> list[list[str]]:
    return [
        [p for p in f.read_text(encoding="utf-8").split("\n") if p]
        for f in sorted(GOLD.glob("*.txt"))
    ]


@cache
def load(folder: Path | None = None) -> Corpus:
    """Every source, read once, in a fixed order (the same page for the same seed);
    those of ``folder`` instead when it is given."""
    if folder is not None:
        return _load_folder(folder)
    sources: list[Source] = []
    headlines: list[str] = []
    subheadlines: list[str] = []
    for n, page in enumerate(_gold_pages()):
        sources.append(Source.of(f"gold{n}", [p for p in page if _is_body(p)], news=True))
        for p in page:
            if p.startswith("——") and len(p) <= 40:
                subheadlines.append(p)
            elif (HEADLINE_SHAPE.match(p) and not p.startswith(("本报记者", "（"))
                  and not SENTENCE_END.search(p) and "摄" not in p):
                headlines.append(p)
    for f in sorted(PROSE.glob("*.txt")):
        lines = [p for p in f.read_text(encoding="utf-8").split("\n") if p]
        sources.append(Source.of(f.stem, lines))
    return Corpus(tuple(sources), tuple(dict.fromkeys(headlines)), tuple(dict.fromkeys(subheadlines)))


def _load_folder(folder: Path) -> Corpus:
    articles: list[tuple[str, str, list[str]]] = []
    for f in sorted(folder.glob("*.txt")):
        for n, block in enumerate(f.read_text(encoding="utf-8").split("\n\n")):
            lines = [line for line in block.split("\n") if line]
            title = lines[0][2:] if lines and lines[0].startswith("# ") else ""
            paragraphs = lines[1:] if title else lines
            if paragraphs:
                articles.append((f"{f.stem}{n}", title, paragraphs))
    if not articles:
        raise RuntimeError(f"no articles in {folder}/*.txt")
    # an article is too short to give a page its kickers, subheads and captions: the folder gives them
    pool = Source.of("all", [p for _, _, paragraphs in articles for p in paragraphs])
    sources = tuple(Source(name, tuple(paragraphs), pool.clauses, pool.sentences, True, title)
                    for name, title, paragraphs in articles)
    return Corpus(sources, tuple(dict.fromkeys(t for _, t, _ in articles if t)), ())


def starts_with_dateline(paragraph: str) -> bool:
    return bool(DATELINE.match(paragraph))


def dateline_of(paragraph: str) -> str:
    """The dateline that opens ``paragraph`` (``本报讯（记者 云静）``, ``新华社北京1月7日电 ``), or ""."""
    m = WHOLE_DATELINE.match(paragraph)
    return m.group() if m else ""
