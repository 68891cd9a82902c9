"""Score ``cleanup articles`` against article gold (SPEC rule 20).

    python tools/score_articles.py              # every set below
    python tools/score_articles.py --json       # the figures as JSON
    python tools/score_articles.py --sets devset-pymupdf --show   # each miss, page by page
    python tools/score_articles.py --half odd    # devset pages of odd seed only (tune on odd, hold out even)
    python tools/score_articles.py --sets devset-tesseract --by-page   # each page's misses, by cause
    python tools/score_articles.py --sets heldout-pymupdf,heldout-tesseract   # pages no rule was tuned on

Sets:

* ``devset-pymupdf``, ``devset-tesseract``: the development set's pages as
  PyMuPDF and tesseract wrote them, against ``structure/*.json``;
* ``heldout-pymupdf``, ``heldout-tesseract`` (asked for by name only): the same
  for the held-out pages of ``tests/data/heldout/``, kept out of all tuning;
* ``samples``: samples 000-002 against the hand-made ``tests/data/articles/NNN.jsonl``;
* ``issues-pymupdf``, ``issues-tesseract``: the issues of ``tests/data/issues/``
  (``tools/make_issues.py``), each a directory of pages read together.

Figures:

* ``head_p``/``head_r``/``head_f1``: headlines found, matched one to one
  with gold's (their comparison keys equal or at a ``rapidfuzz`` ratio of at
  least 80, so that one OCR error in a short headline still counts);
* ``para_ok``: the share of gold body paragraphs (in-body subheads left
  out) that stand in the article whose headline is their own: each is
  looked for in every article's body (``partial_ratio`` ≥ 80) and counts
  for the best; one found nowhere counts as wrong;
* ``folio_ok``: pages whose paper, date, page number and section all come
  out right, of the pages that print a folio;
* ``stitched``: continued articles (issues only) that come out as one
  record holding both pages, the first paragraph of the lead and that of
  the piece (whether the record's headline is right, ``head_*`` says);
  ``joined`` counts the jumps whose two pages one record holds, whatever
  else it holds (the jump followed, though the page's articles may be cut
  wrong), and ``false_joins`` records that join pages gold does not.

``--by-page`` counts each page's misses by cause: ``head_lost`` (a gold headline
not found), ``head_false`` (a headline gold has not), and of the paragraphs
missed, ``para_head_lost`` (their headline was not found: they stand under
another), ``para_elsewhere`` (their headline was found, they stand under
another) and ``para_lost`` (found in no article's body); ``folio`` is 1 where
the folio came out wrong.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from rapidfuzz import fuzz

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from cleanup import Cleaner  # noqa: E402
from cleanup.articles import Article  # noqa: E402
from cleanup.stitch import stitch  # noqa: E402
from cleanup.textkey import comparison_key  # noqa: E402
from score_devset import DEFAULT_DIR as DEVSET  # noqa: E402
from score_devset import half as devset_half  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT / "tests" / "data"
HEAD_RATIO = 80
PARA_RATIO = 80
SETS = ("devset-pymupdf", "devset-tesseract", "samples", "issues-pymupdf", "issues-tesseract")
HELD_OUT_SETS = ("heldout-pymupdf", "heldout-tesseract")  # scored only when asked for


@dataclass
class GoldArticle:
    headline: str
    paragraphs: list[str]  # body paragraphs, in-body subheads left out
    jump_to: int | None = None
    jump_from: int | None = None


@dataclass
class GoldPage:
    source: Path
    articles: list[GoldArticle]
    folio: tuple[Any, ...] | None  # (paper, date, page_no, section)


@dataclass
class Tally:
    pages: int = 0
    gold_heads: int = 0
    found_heads: int = 0
    matched_heads: int = 0
    paragraphs: int = 0
    paragraphs_ok: int = 0
    folio_pages: int = 0
    folio_ok: int = 0
    jumps: int = 0
    joined: int = 0
    stitched: int = 0
    false_joins: int = 0
    misses: list[str] = field(default_factory=list)
    causes: dict[str, Counter[str]] = field(default_factory=dict)  # page: cause: misses

    def figures(self) -> dict[str, Any]:
        p = self.matched_heads / self.found_heads if self.found_heads else 0.0
        r = self.matched_heads / self.gold_heads if self.gold_heads else 0.0
        out: dict[str, Any] = {
            "pages": self.pages,
            "head_p": round(p, 3), "head_r": round(r, 3),
            "head_f1": round(2 * p * r / (p + r), 3) if p + r else 0.0,
            "para_ok": round(self.paragraphs_ok / self.paragraphs, 3) if self.paragraphs else None,
            "folio_ok": f"{self.folio_ok}/{self.folio_pages}" if self.folio_pages else None,
        }
        if self.jumps:
            out["joined"] = f"{self.joined}/{self.jumps}"
            out["stitched"] = f"{self.stitched}/{self.jumps}"
            out["false_joins"] = self.false_joins
        return out


def same_headline(a: str, b: str) -> bool:
    ka, kb = comparison_key(a), comparison_key(b)
    return ka == kb or bool(ka and kb and fuzz.ratio(ka, kb) >= HEAD_RATIO)


# --- gold ------------------------------------------------------------------------------


def structure_page(raw: Path, structure: Path) -> GoldPage:
    s = json.loads(structure.read_text(encoding="utf-8"))
    arts = [GoldArticle(a["headline"] or "", [p for p in a["paragraphs"] if p not in a["subheads"]],
                        a["jump_to"], a["jump_from"]) for a in s["articles"]]
    f = s.get("folio")
    folio = (f["paper"], f["date"], f["page_no"], f["section"]) if f else None
    return GoldPage(raw, arts, folio)


def sample_page(raw: Path, gold: Path) -> GoldPage:
    arts = []
    for line in gold.read_text(encoding="utf-8").splitlines():
        a = json.loads(line)
        arts.append(GoldArticle(a["headline"], [p for p in a["paragraphs"] if p not in a["subheads"]],
                                a["jump_to"], a["jump_from"]))
    return GoldPage(raw, arts, None)


def pages_of(name: str, root: Path) -> list[GoldPage]:
    if name.startswith(("devset-", "heldout-")):
        folder, reader = name.split("-", 1)
        d = root / folder
        return [structure_page(p, d / "structure" / f"{p.stem}.json")
                for p in sorted((d / "raw" / reader).glob("*.txt"))]
    if name == "samples":
        out = []
        for gold in sorted((root / "articles").glob("*.jsonl")):
            raw = next((root / "samples").glob(f"{gold.stem}_*.txt"))
            out.append(sample_page(raw, gold))
        return out
    raise ValueError(name)


# --- scoring ---------------------------------------------------------------------------


def score_page(page: GoldPage, found: list[Article], tally: Tally, show: bool) -> None:
    tally.pages += 1
    where = page.source.name
    causes = tally.causes.setdefault(str(page.source), Counter())
    gold_heads = [a.headline for a in page.articles if a.headline]
    found_heads = [a.headline for a in found if a.headline]
    tally.gold_heads += len(gold_heads)
    tally.found_heads += len(found_heads)
    left = list(found_heads)
    for h in gold_heads:
        hit = next((x for x in left if same_headline(x, h)), None)
        if hit is None:
            causes["head_lost"] += 1
            if show:
                tally.misses.append(f"{where}: headline not found: {h}")
        else:
            left.remove(hit)
            tally.matched_heads += 1
    causes["head_false"] += len(left)
    if show:
        tally.misses += [f"{where}: headline not in gold: {x}" for x in left]
    found_gold = {h for h in gold_heads if any(same_headline(x, h) for x in found_heads)}
    bodies = [comparison_key("".join(a.paragraphs)) for a in found]
    for g in page.articles:
        for para in g.paragraphs:
            tally.paragraphs += 1
            key = comparison_key(para)
            best, at = 0.0, -1
            for n, body in enumerate(bodies):
                s = fuzz.partial_ratio(key, body) if len(key) <= len(body) else fuzz.ratio(key, body)
                if s > best:
                    best, at = s, n
            ok = best >= PARA_RATIO and same_headline(found[at].headline, g.headline)
            tally.paragraphs_ok += ok
            if not ok:
                causes["para_lost" if best < PARA_RATIO else "para_elsewhere" if g.headline in found_gold
                       or not g.headline else "para_head_lost"] += 1
            if show and not ok:
                got = f"under “{found[at].headline}”" if best >= PARA_RATIO else "not found"
                tally.misses.append(f"{where}: paragraph of “{g.headline}” {got}: {para[:20]}")
    if page.folio is not None:
        tally.folio_pages += 1
        meta = (found[0].paper, found[0].date, found[0].page_no, found[0].section) if found else None
        tally.folio_ok += meta == page.folio
        causes["folio"] += meta != page.folio
        if show and meta != page.folio:
            tally.misses.append(f"{where}: folio {meta} != {page.folio}")


def in_half(pages: list[GoldPage], half: str) -> list[GoldPage]:
    """The development-set pages of ``pages`` of the ``odd`` or ``even`` half of layout
    seeds (:func:`score_devset.half`, its manifest read once), and all the others:
    ``--half`` splits the development set only."""
    if half == "all":
        return pages
    devset = [p.source.stem for p in pages if DEVSET in p.source.parents]
    kept = set(devset_half(DEVSET, devset, half)) if devset else set()
    return [p for p in pages if DEVSET not in p.source.parents or p.source.stem in kept]


def score_set(name: str, root: Path, cleaner: Cleaner, show: bool, half: str = "all") -> Tally:
    tally = Tally()
    if name.startswith("issues-"):
        return score_issues(name.split("-", 1)[1], root / "issues", cleaner, tally, show)
    for page in in_half(pages_of(name, root), half):
        found = cleaner.articles(page.source.read_text(encoding="utf-8"), str(page.source))
        score_page(page, found, tally, show)
    return tally


def score_issues(reader: str, root: Path, cleaner: Cleaner, tally: Tally, show: bool) -> Tally:
    for issue in sorted(p for p in root.glob("i*") if (p / "raw" / reader).is_dir()):
        info = json.loads((issue / "issue.json").read_text(encoding="utf-8"))
        found: list[Article] = []
        for raw in sorted((issue / "raw" / reader).glob("*.txt")):
            page = structure_page(raw, issue / "structure" / f"{raw.stem}.json")
            arts = cleaner.articles(raw.read_text(encoding="utf-8"), str(raw))
            score_page(page, arts, tally, show)
            found += arts
        joined, _ = stitch(found)
        pairs = {(j["from_page"], j["to_page"]) for j in info["jumps"]}
        for j in info["jumps"]:
            tally.jumps += 1
            ends = []
            for page, n in ((j["from_page"], 0), (j["to_page"], j["piece"])):
                s = json.loads((issue / "structure" / f"p{page}.json").read_text(encoding="utf-8"))
                ends.append(comparison_key(s["articles"][n]["paragraphs"][0]))
            ok = any(j["from_page"] in a.pages and j["to_page"] in a.pages
                     and all(fuzz.partial_ratio(end, comparison_key("".join(a.paragraphs))) >= PARA_RATIO
                             for end in ends)
                     for a in joined)
            tally.stitched += ok
            tally.joined += any(j["from_page"] in a.pages and j["to_page"] in a.pages for a in joined)
            if show and not ok:
                tally.misses.append(f"{issue.name}: not stitched: page {j['from_page']} → {j['to_page']} "
                                    f"“{j['headline']}”")
        for a in joined:
            pages = a.pages
            for x, y in zip(pages, pages[1:]):
                if (x, y) not in pairs:
                    tally.false_joins += 1
                    if show:
                        tally.misses.append(f"{issue.name}: false join {x} → {y} “{a.headline}”")
    return tally


CAUSES = ("head_lost", "head_false", "para_head_lost", "para_elsewhere", "para_lost", "folio")


def by_page(name: str, tally: Tally) -> str:
    """A table of each page's misses by cause (the pages with most paragraphs missed
    first), and their sums."""
    rows = sorted(((sum(c[k] for k in CAUSES if k.startswith("para")), page, c)
                   for page, c in tally.causes.items() if any(c.values())), key=lambda r: (-r[0], r[1]))
    total: Counter[str] = Counter()
    for c in tally.causes.values():
        total.update(c)
    out = [f"| {name} page | " + " | ".join(CAUSES) + " |", "|---|" + "---:|" * len(CAUSES)]
    out += [f"| {_page_name(page)} | " + " | ".join(str(c[k]) for k in CAUSES) + " |" for _, page, c in rows]
    out.append("| all | " + " | ".join(str(total[k]) for k in CAUSES) + " |")
    return "\n".join(out)


def _page_name(source: str) -> str:
    """``p0003.txt``, or ``i03/p2.txt`` for a page of an issue (its folder, raw, reader)."""
    path = Path(source)
    return f"{path.parents[2].name}/{path.name}" if path.parents[2].parent.name == "issues" else path.name


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--sets", default=",".join(SETS), help=f"sets to score (default: {','.join(SETS)})")
    ap.add_argument("--data", type=Path, default=DATA, help="the tests/data folder")
    ap.add_argument("--json", action="store_true", help="print the figures as JSON")
    ap.add_argument("--show", action="store_true", help="list every miss")
    ap.add_argument("--by-page", action="store_true", help="count each page's misses by cause")
    ap.add_argument("--half", choices=("all", "odd", "even"), default="all",
                    help="development set pages of odd or even seed only (default: all)")
    args = ap.parse_args(argv)
    cleaner = Cleaner()
    results = {}
    for name in [s for s in args.sets.split(",") if s]:
        if name not in SETS + HELD_OUT_SETS:
            print(f"score_articles: unknown set {name!r} (have {', '.join(SETS + HELD_OUT_SETS)})",
                  file=sys.stderr)
            return 2
        if name.startswith("issues-") and not (args.data / "issues").is_dir():
            continue
        tally = score_set(name, args.data, cleaner, args.show, args.half)
        results[name] = tally.figures()
        if args.show:
            print("\n".join(f"{name}: {m}" for m in tally.misses))
        if args.by_page:
            print(by_page(name, tally))
    if args.json:
        print(json.dumps(results, ensure_ascii=False, indent=1))
        return 0
    cols = ["pages", "head_p", "head_r", "head_f1", "para_ok", "folio_ok", "joined", "stitched", "false_joins"]
    print("| set | " + " | ".join(cols) + " |")
    print("|---|" + "---:|" * len(cols))
    for name, f in results.items():
        print(f"| {name} | " + " | ".join("" if f.get(c) is None else str(f[c]) for c in cols) + " |")
    return 0


if __name__ == "__main__":
    sys.exit(main())
