"""Build the fragments stage's evidence sets: tests/data/fragments/keep.tsv and orphans.tsv.

    python tools/fragment_sets.py            # write both files (seed 18: the same files every time)
    python tools/fragment_sets.py --stats    # counts by kind, nothing written

keep.tsv: real short lines (at most SHORT characters) that the stage must
KEEP, each in the context it stands in (the paragraph before it and the two
after it):

- the gold pages (tests/data/gold/): headlines, kickers, sub-headlines,
  bylines, credits, short body sentences, told apart by their shape;
- the development set's gold pages (tests/data/devset/gold/), each line's
  role read from its structure (tests/data/devset/structure/): kicker,
  headline, subheadline, subhead, byline, caption, credit, paragraph. Their
  headlines, kickers and subheads are either real headlines of the gold
  pages or clauses cut from the prose they are typeset with;
- the clean-prose corpus (tests/data/prose/): law names, chapter and section
  headings, articles and list items of statutes, dialogue, dates;
- the names of those pages' bylines and photo credits as a byline of names
  alone (``郑学良 王雅静``, ``张秋燕``: papers print them so), in the place
  of the byline or credit they come from.

A line and its context are kept once. orphans.tsv: pieces of real
headlines, kickers, sub-headlines and subheads of those pages (every one of
6-60 characters; a sub-headline without its dash), cut the way the damage
happens: the headline ran across a line break of its column and the rest of
it went elsewhere. A cut falls at a random character (so that it lands on a
word boundary or inside a word as often as the text has them), and the
first or the last piece is kept (4-16 characters, the lengths a column line
of a headline holds). The piece is put on a page after a body paragraph and
before either another headline and its lead, or a body paragraph. Each
piece is labelled by where its cut falls (``mid-word``: inside a word of
rules/words.txt's cheapest segmentation of the headline; ``word``: between
two words; ``segment``: at a space or punctuation, the piece a whole
segment) and by the line after it (``headline`` or ``body``).

Every entry has a half, ``tune`` or ``held``, from a hash of its line (keep)
or of its headline (orphans, so that the pieces of a headline share a half):
tune the stage on one half, report both. tools/fragment_check.py measures
the stage on both sets.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import random
import re
import sys
from collections import Counter
from dataclasses import dataclass, fields, replace
from pathlib import Path
from typing import Iterator

sys.path.insert(0, str(Path(__file__).resolve().parent))
from prose_check import corpus  # noqa: E402

from cleanup.shape import load_shape  # noqa: E402
from cleanup.wordlists import shape_lexicon  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT / "tests" / "data"
OUT = DATA / "fragments"
SEED = 18
SHORT = 24  # a kept line is at most this long
PIECE_MIN, PIECE_MAX = 4, 16  # a piece's length
HEAD_MIN, HEAD_MAX = 6, 60  # a headline cut into pieces
PIECES_EACH = 2  # first pieces and last pieces made of one headline (at distinct cuts)
BODY_MIN = 30

SENTENCE_END = re.compile(r"[。！？…][”’」』）)]*$")
SEGMENT_EDGE = re.compile(r"[\s，。、；：？！“”‘’（）《》〈〉【】「」『』·—…,.;:?!()%\-]")
BYLINE = re.compile(r"(记者|通讯员)")
CREDIT = re.compile(r"(摄$|^（[^（）]{1,12}）$|^责任编辑)")
BYLINE_WORDS = re.compile(r"(本报|新华社)?(记者|通讯员)|摄$")
ITEM = re.compile(r"^（[一二三四五六七八九十]+）")
ARTICLE = re.compile(r"^第[一二三四五六七八九十百零〇]+条")
HEADING = re.compile(r"^第[一二三四五六七八九十百零〇]+[编章节回]")


@dataclass(frozen=True)
class Keep:
    half: str
    kind: str
    source: str  # FILE:LINE (gold, devset) or FILE:DOCUMENT:PARAGRAPH (prose), from 1
    before: str
    line: str
    after: str
    after2: str


@dataclass(frozen=True)
class Orphan:
    half: str
    cut: str  # mid-word, word, segment
    end: str  # first (the headline's start) or last (its end)
    next: str  # headline or body: what the line after the piece is
    headline: str
    before: str
    piece: str
    after: str
    after2: str


def half_of(key: str) -> str:
    return "tune" if hashlib.sha1(key.encode("utf-8")).digest()[0] % 2 == 0 else "held"


def shape_kind(p: str) -> str:
    """The kind of a gold-page paragraph, told by its shape."""
    if CREDIT.search(p):
        return "credit"
    if BYLINE.search(p) and not SENTENCE_END.search(p):
        return "byline"
    if p.startswith("——"):
        return "subheadline"
    if SENTENCE_END.search(p):
        return "sentence"
    return "headline"


def prose_kind(p: str, first: bool) -> str:
    if first and not SENTENCE_END.search(p):
        return "title"
    if ITEM.match(p):
        return "statute-item"
    if ARTICLE.match(p):
        return "statute-article"
    if HEADING.match(p):
        return "heading"
    if p.startswith("“"):
        return "dialogue"
    return "sentence" if SENTENCE_END.search(p) else "prose-line"


def keep(paras: list[str], i: int, kind: str, source: str) -> Keep:
    """Paragraph ``i`` of ``paras`` as a line to keep, with the paragraph before it and the two after."""
    def at(k: int) -> str:
        return paras[k] if 0 <= k < len(paras) else ""
    return Keep(half_of(paras[i]), kind, source, at(i - 1), paras[i], at(i + 1), at(i + 2))


def gold_pages() -> Iterator[tuple[str, list[str]]]:
    for path in sorted((DATA / "gold").glob("*.txt")):
        yield path.name, path.read_text(encoding="utf-8").strip("\n").split("\n\n")


def devset_pages() -> Iterator[tuple[str, list[str], dict[str, str]]]:
    """Each development page: its name, its gold paragraphs, and the role of each short one."""
    for path in sorted((DATA / "devset" / "gold").glob("*.txt")):
        structure = json.loads((DATA / "devset" / "structure" / f"{path.stem}.json").read_text(encoding="utf-8"))
        roles: dict[str, str] = {c: "credit" for c in structure.get("credits", [])}
        for a in structure["articles"]:
            for key, role in (("kicker", "kicker"), ("headline", "headline"), ("byline", "byline")):
                if a.get(key):
                    roles.setdefault(a[key], role)
            for key, role in (("subheadlines", "subheadline"), ("subheads", "subhead"),
                              ("captions", "caption"), ("credits", "credit")):
                for t in a.get(key) or []:
                    roles.setdefault(t, role)
        yield path.name, path.read_text(encoding="utf-8").strip("\n").split("\n\n"), roles


def keeps() -> list[Keep]:
    out: list[Keep] = []
    for name, paras in gold_pages():
        for i, p in enumerate(paras):
            if len(p) <= SHORT:
                out.append(keep(paras, i, shape_kind(p), f"gold/{name}:{i + 1}"))
    for name, paras, roles in devset_pages():
        for i, p in enumerate(paras):
            if len(p) <= SHORT:
                out.append(keep(paras, i, roles.get(p, "paragraph"), f"devset/{name}:{i + 1}"))
    out += names_alone(out)
    for doc in corpus():
        if doc.source == "gold":
            continue
        paras = list(doc.paragraphs)
        for i, p in enumerate(paras):
            if len(p) <= SHORT:
                out.append(keep(paras, i, prose_kind(p, i == 0), f"prose/{doc.source}:{doc.number}:{i + 1}"))
    seen: set[tuple[str, str, str]] = set()
    unique = []
    for k in out:
        if (k.before, k.line, k.after) not in seen:
            seen.add((k.before, k.line, k.after))
            unique.append(k)
    return unique


def names_alone(lines: list[Keep]) -> list[Keep]:
    """The bylines and photo credits among ``lines`` with their names alone, in their place."""
    out = []
    for k in lines:
        if k.kind in ("byline", "credit") and BYLINE_WORDS.search(k.line):
            names = " ".join(BYLINE_WORDS.sub(" ", k.line).split())
            if names and not re.search(r"[^\u4e00-\u9fff ]", names):
                out.append(replace(k, half=half_of(names), kind="name", line=names))
    return out


def headlines_and_bodies() -> tuple[list[str], list[str]]:
    """Real headlines, kickers, sub-headlines and subheads of the pages; their body paragraphs."""
    heads: dict[str, None] = {}
    bodies: dict[str, None] = {}
    for _, paras in gold_pages():
        for p in paras:
            kind = shape_kind(p)
            if kind in ("headline", "subheadline") and len(p) <= HEAD_MAX:
                heads[p.removeprefix("——")] = None
            elif kind == "sentence" and len(p) >= BODY_MIN:
                bodies[p] = None
    for _, paras, roles in devset_pages():
        for p in paras:
            role = roles.get(p, "paragraph")
            if role in ("kicker", "headline", "subheadline", "subhead") and len(p) <= HEAD_MAX:
                heads[p.removeprefix("——")] = None
            elif role == "paragraph" and len(p) >= BODY_MIN and SENTENCE_END.search(p):
                bodies[p] = None
    return [h for h in heads if len(h) >= HEAD_MIN], list(bodies)


def cut_kind(head: str, k: int, bounds: set[int]) -> str:
    if SEGMENT_EDGE.match(head[k - 1]) or SEGMENT_EDGE.match(head[k]):
        return "segment"
    return "word" if k in bounds else "mid-word"


def word_bounds(head: str) -> set[int]:
    """Offsets in ``head`` between two words of its cheapest segmentation (per run between edges)."""
    lexicon = shape_lexicon(load_shape())
    bounds, at = set(), 0
    for run in re.split(r"(\s+|[^\w\s])", head):
        words = lexicon.segment(run) if run else []
        for w in words:
            at += len(w)
            bounds.add(at)
    return bounds


def orphans(rng: random.Random) -> list[Orphan]:
    heads, bodies = headlines_and_bodies()
    out: list[Orphan] = []
    for head in heads:
        bounds = word_bounds(head)
        for end in ("first", "last"):
            if end == "first":
                cuts = [k for k in range(PIECE_MIN, len(head) - 1) if k <= PIECE_MAX]
            else:
                cuts = [k for k in range(2, len(head) - PIECE_MIN + 1) if len(head) - k <= PIECE_MAX]
            for k in rng.sample(cuts, min(PIECES_EACH, len(cuts))):
                piece = (head[:k] if end == "first" else head[k:]).strip()
                if len(piece) < PIECE_MIN:
                    continue
                nxt = rng.choice(("headline", "body"))
                before = rng.choice(bodies)
                if nxt == "headline":
                    after, after2 = rng.choice([h for h in heads if h != head]), rng.choice(bodies)
                else:
                    after, after2 = rng.choice(bodies), rng.choice(bodies)
                out.append(Orphan(half_of(head), cut_kind(head, k, bounds), end, nxt, head, before, piece,
                                  after, after2))
    return out


HEADERS = {
    "keep.tsv": [
        "# Real short lines of the gold pages, the development set's gold pages and the clean-prose corpus:",
        "# each must be KEPT by the fragments stage (issue 18). Made by tools/fragment_sets.py; its docstring says how.",
    ],
    "orphans.tsv": [
        "# Pieces of real headlines cut at a column's line break, the rest of the headline elsewhere:",
        "# each should be REMOVED by the fragments stage (issue 18). Made by tools/fragment_sets.py (seed 18);",
        "# its docstring says how.",
    ],
}


def write(path: Path, rows: list[Keep] | list[Orphan], cls: type) -> None:
    names = [f.name for f in fields(cls)]
    lines = HEADERS[path.name] + ["# " + "\t".join(n.upper() for n in names)]
    for r in rows:
        values = [getattr(r, n) for n in names]
        assert not any("\t" in v or "\n" in v for v in values), values
        lines.append("\t".join(values))
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")


def read(path: Path, cls: type) -> list:
    """The rows of a set file, as ``cls`` (Keep or Orphan)."""
    rows = []
    for line in path.read_text(encoding="utf-8").splitlines():
        if line and not line.startswith("#"):
            rows.append(cls(*line.split("\t")))
    return rows


def read_keeps(path: Path = OUT / "keep.tsv") -> list[Keep]:
    return read(path, Keep)


def read_orphans(path: Path = OUT / "orphans.tsv") -> list[Orphan]:
    return read(path, Orphan)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--stats", action="store_true", help="print counts, write nothing")
    args = ap.parse_args()
    kept, pieces = keeps(), orphans(random.Random(SEED))
    if not args.stats:
        OUT.mkdir(exist_ok=True)
        write(OUT / "keep.tsv", kept, Keep)
        write(OUT / "orphans.tsv", pieces, Orphan)
    print(f"keep: {len(kept)} lines ({len({k.line for k in kept})} texts)",
          dict(Counter(k.half for k in kept)))
    for kind, n in Counter(k.kind for k in kept).most_common():
        print(f"  {kind:16} {n}")
    print(f"orphans: {len(pieces)} pieces of {len({o.headline for o in pieces})} headlines",
          dict(Counter(o.half for o in pieces)))
    for key, n in sorted(Counter((o.end, o.cut, o.next) for o in pieces).items()):
        print(f"  {' '.join(key):28} {n}")


if __name__ == "__main__":
    main()
