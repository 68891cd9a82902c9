"""Make the development set: newspaper pages typeset by Chromium and read back by real tools.

    python tools/make_devset.py                       # seeds 1-40 into tests/data/devset/
    python tools/make_devset.py --seeds 1-8 --out DIR --keep-html --keep-pdf
    python tools/make_devset.py --no-render           # no browser: gold and structure only
    python tools/make_devset.py --sources DIR --seeds 201-220 --out OUT   # typeset other news text

For each seed the set gets (``ID`` is ``p`` and the seed in four digits):

    gold/ID.txt             what was typeset, clean per SPEC.md (no folio, no jump markers)
    structure/ID.json       the page's folio and articles, each block's role in order
    raw/READER/ID.txt       what each reader wrote (pymupdf, pdfminer, pdftotext, tesseract)
    html/ID.html            with --keep-html only (the same seed gives the same bytes:
                            manifest.json keeps each page's SHA-256)
    pdf/ID.pdf              with --keep-pdf only
    manifest.json           tool versions, and per page its seed, layout, HTML hash, PDF pages

Needs Debian's chromium, fonts-noto-cjk, poppler-utils, tesseract-ocr and
tesseract-ocr-chi-sim, and pymupdf and pdfminer.six (``pip install -e '.[devset]'``);
it says which are missing.  Tesseract takes most of the time (about 20 s a page).
"""

from __future__ import annotations

import argparse
import hashlib
import json
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from devset.extract import EXTRACTORS, READERS, MissingTools, check, print_pdf, versions  # noqa: E402
from devset.layout import render  # noqa: E402
from devset.page import Page, make_page  # noqa: E402
from devset.sources import load  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_OUT = ROOT / "tests" / "data" / "devset"


def page_id(seed: int) -> str:
    return f"p{seed:04d}"


def seed_range(text: str) -> list[int]:
    """``1-40`` or ``3,5,9`` or ``1-4,10``."""
    seeds: list[int] = []
    for part in text.split(","):
        lo, _, hi = part.partition("-")
        seeds += range(int(lo), int(hi or lo) + 1)
    return seeds


def write(path: Path, text: str) -> None:
    """Write ``text`` byte for byte (no newline translation)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8", newline="")


def make_one(seed: int, out: Path, opts: argparse.Namespace, readers: list[str]) -> dict[str, object]:
    page = make_page(seed, corpus=load(opts.sources) if opts.sources else None)
    pid = page_id(seed)
    html_text = render(page)
    write(out / "gold" / f"{pid}.txt", page.gold())
    write(out / "structure" / f"{pid}.json", structure_json(page))
    entry: dict[str, object] = {"id": pid, "seed": seed, "layout": page.layout, "columns": page.columns,
                                "articles": len(page.articles), "gold_chars": len(page.gold()),
                                "html_sha256": hashlib.sha256(html_text.encode("utf-8")).hexdigest()}
    with tempfile.TemporaryDirectory() as tmp:
        html = (out / "html" if opts.keep_html else Path(tmp)) / f"{pid}.html"
        write(html, html_text)
        if opts.no_render:
            return entry
        pdf = (out / "pdf" if opts.keep_pdf else Path(tmp)) / f"{pid}.pdf"
        pdf.parent.mkdir(parents=True, exist_ok=True)
        print_pdf(html, pdf)
        import pymupdf

        with pymupdf.open(pdf) as doc:
            entry["pdf_pages"] = doc.page_count
        for name in readers:
            write(out / "raw" / name / f"{pid}.txt", READERS[name](pdf))
    return entry


def manifest(path: Path, pages: list[dict[str, object]], readers: list[str], no_render: bool) -> str:
    """The folder's manifest, this run's pages merged into those already listed (a page made
    with --no-render keeps its PDF page count while its HTML is the same)."""
    old = json.loads(path.read_text(encoding="utf-8")) if path.exists() else {"pages": []}
    made = {p["id"]: p for p in old["pages"]}
    for p in pages:
        before = made.get(str(p["id"]), {})
        if no_render and before.get("html_sha256") != p["html_sha256"]:
            before = {}
            if (path.parent / "raw").exists():
                print(f"make_devset: {p['id']}: its HTML changed; its raw text is stale until rendered again",
                      file=sys.stderr)
        made[str(p["id"])] = {**before, **p}
    rows = [made[k] for k in sorted(made)]
    data = {
        "readers": old.get("readers", []) if no_render else readers,
        "tool_versions": old.get("tool_versions", {}) if no_render else versions(),
        "seeds": [p["seed"] for p in rows],
        "pages": rows,
    }
    lines = [f' "{k}": {json.dumps(v, ensure_ascii=False)},' for k, v in data.items() if k != "pages"]
    body = ",\n".join("  " + json.dumps(p, ensure_ascii=False) for p in rows)
    return "{\n" + "\n".join(lines) + '\n "pages": [\n' + body + "\n ]\n}\n"


def structure_json(page: Page) -> str:
    return json.dumps(page.structure(), ensure_ascii=False, indent=1) + "\n"


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--seeds", default="1-40", help="seeds to make, e.g. 1-40 or 1-4,9 (default 1-40)")
    ap.add_argument("--out", type=Path, default=DEFAULT_OUT, help=f"output folder (default {DEFAULT_OUT})")
    ap.add_argument("--no-render", action="store_true", help="gold and structure only; no browser")
    ap.add_argument("--keep-html", action="store_true", help="keep the HTML pages in OUT/html/")
    ap.add_argument("--keep-pdf", action="store_true", help="keep the PDFs in OUT/pdf/")
    ap.add_argument("--readers", default=",".join(EXTRACTORS), help="readers to run (default: all four)")
    ap.add_argument("--sources", type=Path, help="typeset the articles of DIR/*.txt instead of the usual sources "
                    "(see tools/devset/sources.py); for a generalisation check, not for tests/data")
    args = ap.parse_args(argv)
    try:
        seeds = seed_range(args.seeds)
    except ValueError:
        print(f"make_devset: bad --seeds {args.seeds!r} (want e.g. 1-40 or 1,3,5)", file=sys.stderr)
        return 2
    readers = [r for r in args.readers.split(",") if r]
    unknown = [r for r in readers if r not in READERS]
    if unknown:
        print(f"make_devset: unknown reader {unknown[0]!r} (have {', '.join(EXTRACTORS)})", file=sys.stderr)
        return 2
    if not args.no_render:
        try:
            check()
        except MissingTools as e:
            print(f"make_devset: missing tools, install them first:\n{e}", file=sys.stderr)
            return 1
    pages = []
    for n, seed in enumerate(seeds, 1):
        try:
            pages.append(make_one(seed, args.out, args, readers))
        except RuntimeError as e:
            print(f"make_devset: seed {seed}: {e}", file=sys.stderr)
            return 1
        print(f"[{n}/{len(seeds)}] {page_id(seed)}", file=sys.stderr, flush=True)
    write(args.out / "manifest.json", manifest(args.out / "manifest.json", pages, readers, args.no_render))
    print(f"{len(pages)} pages in {args.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
