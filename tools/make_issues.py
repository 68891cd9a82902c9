"""Make issues for stitching: pages of one paper and date whose articles jump between them.

    python tools/make_issues.py                      # issues 1-8 into tests/data/issues/
    python tools/make_issues.py --seeds 1-2 --out DIR --readers pymupdf
    python tools/make_issues.py --no-render          # no browser: gold and structure only

Each issue ``iNN`` (see ``tools/devset/issue.py``) gets

    issue.json              its paper, date, pages and jumps (from page, to page,
                            the piece's article index, headline and jump header)
    gold/pN.txt             each page's gold, as in the development set
    structure/pN.json       each page's folio and articles
    raw/READER/pN.txt       what PyMuPDF and tesseract wrote (``--readers``)

so that ``cleanup articles tests/data/issues/i01/raw/pymupdf/`` reads one
issue.  Needs what ``tools/make_devset.py`` needs.
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from devset.extract import READERS, MissingTools, check, print_pdf  # noqa: E402
from devset.issue import make_issue  # noqa: E402
from devset.layout import render  # noqa: E402
from make_devset import seed_range, structure_json, write  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_OUT = ROOT / "tests" / "data" / "issues"


def make_one(seed: int, out: Path, readers: list[str], no_render: bool) -> int:
    """Write issue ``seed`` under ``out``; returns its number of jumps."""
    pages, jumps = make_issue(seed)
    folder = out / f"i{seed:02d}"
    first = pages[0].folio
    info = {"seed": seed, "paper": first.paper, "date": first.date.isoformat(),
            "pages": [p.folio.page_no for p in pages],
            "jumps": [j.__dict__ for j in jumps]}
    write(folder / "issue.json", json.dumps(info, ensure_ascii=False, indent=1) + "\n")
    for page in pages:
        name = f"p{page.folio.page_no}"
        write(folder / "gold" / f"{name}.txt", page.gold())
        write(folder / "structure" / f"{name}.json", structure_json(page))
        if no_render:
            continue
        with tempfile.TemporaryDirectory() as tmp:
            html = Path(tmp) / f"{name}.html"
            write(html, render(page))
            pdf = Path(tmp) / f"{name}.pdf"
            print_pdf(html, pdf)
            for reader in readers:
                write(folder / "raw" / reader / f"{name}.txt", READERS[reader](pdf))
    return len(jumps)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--seeds", default="1-8", help="issues to make, e.g. 1-8 or 1,3 (default 1-8)")
    ap.add_argument("--out", type=Path, default=DEFAULT_OUT, help=f"output folder (default {DEFAULT_OUT})")
    ap.add_argument("--readers", default="pymupdf,tesseract", help="readers to run (default: pymupdf,tesseract)")
    ap.add_argument("--no-render", action="store_true", help="gold and structure only; no browser")
    args = ap.parse_args(argv)
    readers = [r for r in args.readers.split(",") if r]
    unknown = [r for r in readers if r not in READERS]
    if unknown:
        print(f"make_issues: unknown reader {unknown[0]!r} (have {', '.join(READERS)})", file=sys.stderr)
        return 2
    if not args.no_render:
        try:
            check()
        except MissingTools as e:
            print(f"make_issues: missing tools, install them first:\n{e}", file=sys.stderr)
            return 1
    total = 0
    seeds = seed_range(args.seeds)
    for n, seed in enumerate(seeds, 1):
        try:
            total += make_one(seed, args.out, readers, args.no_render)
        except RuntimeError as e:
            print(f"make_issues: issue {seed}: {e}", file=sys.stderr)
            return 1
        print(f"[{n}/{len(seeds)}] i{seed:02d}", file=sys.stderr, flush=True)
    print(f"{len(seeds)} issues, {total} jumps in {args.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
