"""Where the full profile's time goes: CPU time per stage, split by settle pass.

    python tools/stage_time.py            # the five sample pages, 5 times over
    python tools/stage_time.py --times 10

Runs ``Cleaner.run`` itself on fresh documents; a pass starts whenever a
stage runs (or is rechecked, in a settle pass) that does not come after the
last one run.  Change records (``doc.changes``) are timed too, as the
benchmarks do.
"""

from __future__ import annotations

import argparse
import time
from collections import defaultdict
from pathlib import Path
from typing import Any, Callable

from cleanup import Cleaner
from cleanup.document import Document

SAMPLES = Path(__file__).resolve().parent.parent / "tests" / "data" / "samples"


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--times", type=int, default=5, help="rounds over the sample pages")
    args = ap.parse_args()
    pages = [p.read_text(encoding="utf-8") for p in sorted(SAMPLES.glob("*.txt"))]
    cleaner = Cleaner()
    spent: dict[tuple[int, int], float] = defaultdict(float)  # (pass, stage index) -> seconds
    state = {"pass": 0, "last": -1, "depth": 0}

    def timed(index: int, run: Callable[..., Document]) -> Callable[..., Document]:
        def run_timed(doc: Document, *args: Any) -> Document:
            if state["depth"] == 0 and index <= state["last"]:
                state["pass"] += 1
            state["last"] = index
            state["depth"] += 1  # a recheck may call run: the time is the recheck's
            start = time.process_time()
            try:
                return run(doc, *args)
            finally:
                state["depth"] -= 1
                if state["depth"] == 0:
                    spent[state["pass"], index] += time.process_time() - start
        return run_timed

    for index, stage in enumerate(cleaner.stages):
        stage.run = timed(index, stage.run)  # type: ignore[method-assign]
        stage.recheck = timed(index, stage.recheck)  # type: ignore[method-assign]
    total = changes = 0.0
    for _ in range(args.times):
        for page in pages:
            state.update({"pass": 0, "last": -1})
            start = time.process_time()
            doc = cleaner.run(Document(page))
            ran = time.process_time()
            doc.changes
            total += time.process_time() - start
            changes += time.process_time() - ran
    megabytes = sum(len(p.encode("utf-8")) for p in pages) * args.times / 1e6
    print(f"full profile: {megabytes / total:.2f} MB/s, {total * 1000 / args.times / len(pages):.1f} ms a page; "
          f"change records {changes / total:.0%}")
    for (pass_, index), seconds in sorted(spent.items()):
        name = cleaner.stages[index].name
        print(f"  pass {pass_} {name:11s} {seconds / total:6.1%}  {megabytes / seconds:7.1f} MB/s")


if __name__ == "__main__":
    main()
