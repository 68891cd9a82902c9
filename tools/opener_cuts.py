"""Real column cuts before a paragraph-like opening: how often the cleaner joins them back.

    python tools/opener_cuts.py                        # every opening, every source
    python tools/opener_cuts.py --opening clause --source news --show

Clean prose (tests/data/prose/*.txt, the gold pages, samples 003-004) is cut
in mid-sentence (the character before the cut is no mark) right before each
match of an opening, and printed as a page of one paragraph per line prints
a column cut: the two halves of the paragraph separated by a blank line.
The halves are one paragraph, so every cut the cleaner leaves apart is a
paragraph split wrongly: evidence that a paragraph opens there (a lead's
opening, which a page-jump marker's cut leaves after it: …现场掌声不断
（下转第2版）| 1月5日晚，…) costs that much on real text.

Openings: ``date`` (1月5日晚，), ``year`` (2014年，), ``time_word`` (同时，, 目前，),
``reporter`` (记者从…获悉，) and ``clause`` (any 2-6 characters and a comma).
"""

from __future__ import annotations

import argparse
import re
from collections import Counter
from collections.abc import Iterator

from prose_check import DATA, corpus

from cleanup import Cleaner

OPENINGS = {
    "date": r"(?:\d{4}年)?\d{1,2}月\d{1,2}日(?:[上中下]午|晚间?|夜间?|凌晨|早上|清晨|傍晚)?[，,]",
    "year": r"\d{4}年(?:以来|起|初|底|末)?[，,]",
    "time_word": r"(?:今年|去年|明年|当天|当日|次日|昨天|今天|目前|近期|此前|随后|同时|与此同时|此外|其中|另外)[，,]",
    "reporter": r"记者(?:近日|日前)?从[^，。；\n]{1,20}?(?:获悉|了解到)[，,]",
    "clause": r"[^，。！？；：“”\n]{2,6}[，,]",
}
MARKS = "。！？；：，,、…—”’）)」』"  # a cut right after one of these is no mid-sentence cut
SHORTEST = 20


def paragraphs(sources: set[str]) -> Iterator[tuple[str, str]]:
    """(source, paragraph) of the clean prose, the gold pages and samples 003-004."""
    for doc in corpus():  # the prose files in name order, then the gold pages
        name = "news" if doc.source == "gold" else doc.source
        if not sources or name in sources:
            for p in doc.paragraphs:
                yield name, p
    if not sources or "news" in sources:
        for path in sorted((DATA / "samples").glob("00[34]_*.txt")):
            for p in path.read_text(encoding="utf-8").split("\n"):
                yield "news", p


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--opening", action="append", choices=sorted(OPENINGS), help="repeatable; default all")
    ap.add_argument("--source", action="append", default=[], help="laws, nahan, sanguo, zhlipsum, news")
    ap.add_argument("--limit", type=int, default=3000, help="cuts per opening and source at most")
    ap.add_argument("--show", action="store_true", help="list each cut left apart")
    args = ap.parse_args()
    cleaner = Cleaner()
    for name in args.opening or list(OPENINGS):
        pattern = re.compile(OPENINGS[name])
        cuts: Counter[str] = Counter()
        apart: Counter[str] = Counter()
        for source, para in paragraphs(set(args.source)):
            if len(para) < SHORTEST:
                continue
            for m in pattern.finditer(para):
                at = m.start()
                if at < 2 or para[at - 1] in MARKS or not para[at - 1].strip() or cuts[source] >= args.limit:
                    continue
                cuts[source] += 1
                out = cleaner.clean(para[:at] + "\n\n" + para[at:] + "\n").text
                if "\n" in out.strip():
                    apart[source] += 1
                    if args.show:
                        print(f"  {name} {source}: …{para[max(0, at - 12):at]} | {para[at:at + 12]}…")
        by_source = ", ".join(f"{s} {apart[s]}/{n}" for s, n in cuts.items())
        print(f"{name}: cuts {sum(cuts.values())}, left apart {sum(apart.values())} ({by_source})")


if __name__ == "__main__":
    main()
