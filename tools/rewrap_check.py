"""Clean prose printed again in columns: how many of its paragraphs come back whole.

    python tools/rewrap_check.py                   # hard-wrapped, no blank lines
    python tools/rewrap_check.py --blank           # a blank line between every two lines (pdfminer's way)
    python tools/rewrap_check.py --show            # and each paragraph split inside

Paragraphs of at least 30 characters of tests/data/prose/nahan.txt and
zhlipsum.txt, then of the gold pages, the first ``--paragraphs`` of them,
six to a page; each paragraph's first line indented by two full-width
spaces, every line ``width`` characters (12, 18, 24). Counted, per width:

- *split*: a paragraph the clean page does not hold whole (a break inside it);
- *glued*: one it holds only inside a longer paragraph (joined to a neighbour).
"""

from __future__ import annotations

import argparse

from prose_check import corpus

from cleanup import Cleaner

SOURCES = ("nahan", "zhlipsum", "gold")  # prose_check.corpus reads the prose files in name order, then gold
WIDTHS = (12, 18, 24)
PER_PAGE = 6
SHORTEST = 30


def paragraphs(count: int, sources: tuple[str, ...] = SOURCES, shortest: int = SHORTEST) -> list[str]:
    """The first ``count`` paragraphs long enough of ``sources`` (no chapter title but the gold pages')."""
    found = [p for doc in corpus() if doc.source in sources for p in doc.paragraphs
             if len(p) >= shortest and not (doc.source != "gold" and p.startswith("第") and len(p) < SHORTEST)]
    return found[:count]


def printed(group: list[str], width: int, blank: bool, indent: str = "\u3000\u3000") -> str:
    lines = [s[i:i + width] for p in group for s in [indent + p] for i in range(0, len(s), width)]
    return ("\n\n" if blank else "\n").join(lines) + "\n"


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--paragraphs", type=int, default=600)
    ap.add_argument("--blank", action="store_true", help="a blank line between every two printed lines")
    ap.add_argument("--show", action="store_true", help="list each paragraph split inside")
    ap.add_argument("--sources", default=",".join(SOURCES),
                    help="prose sources to print (default: %(default)s; laws: statutes, their items a paragraph each)")
    ap.add_argument("--shortest", type=int, default=SHORTEST, help="paragraphs at least this long (characters)")
    ap.add_argument("--no-indent", action="store_true", help="paragraphs' first lines not indented")
    args = ap.parse_args()
    sources = tuple(args.sources.split(","))
    cleaner, paras = Cleaner(), paragraphs(args.paragraphs, sources, args.shortest)
    indent = "" if args.no_indent else "\u3000\u3000"
    for width in WIDTHS:
        split, glued = [], 0
        for k in range(0, len(paras), PER_PAGE):
            group = paras[k:k + PER_PAGE]
            out = [p for p in cleaner.clean(printed(group, width, args.blank, indent)).text.split("\n") if p]
            for p in set(group) - set(out):
                if any(p in q for q in out):
                    glued += 1
                else:
                    split.append(p)
        print(f"width {width}: paragraphs {len(paras)}  split {len(split)}  glued {glued}")
        if args.show:
            for p in split:
                print("   ", p[:60])


if __name__ == "__main__":
    main()
