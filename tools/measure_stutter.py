"""Precision and recall of the stutter stage on its test lists.

    python tools/measure_stutter.py             # as shipped
    python tools/measure_stutter.py --no-words  # without the word list, to see what it buys

Precision: share of tests/data/reduplications.txt left unchanged, by group.
Recall: share of tests/data/stutters.txt written back to the clean form, by group.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from cleanup.document import Document
from cleanup.pipeline import build_stage
from cleanup.rules import load_profile
from cleanup.stages.stutter import Stutter
from cleanup.wordlists import Lexicon

DATA = Path(__file__).resolve().parent.parent / "tests" / "data"
sys.path.insert(0, str(DATA.parent))
from listfile import groups  # noqa: E402  (tests/listfile.py reads the test lists)


def report(title: str, counts: dict[str, tuple[int, int]]) -> None:
    hit = sum(h for h, _ in counts.values())
    total = sum(n for _, n in counts.values())
    print(f"{title}: {hit}/{total} = {hit / total:.3f}")
    for group, (h, n) in counts.items():
        print(f"  {h:4d}/{n:<4d} {group[:70]}")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--no-words", action="store_true", help="segment with an empty word list")
    args = ap.parse_args()
    config = next(s for s in load_profile("zh-news").stages if s.name == "stutter")
    stage = build_stage(config, timeout=2.0)
    assert isinstance(stage, Stutter)
    if args.no_words:
        stage.lexicon = Lexicon.of({})

    def clean(text: str) -> str:
        return stage.run(Document(text)).text

    real = groups(DATA / "reduplications.txt")
    report("precision (real doubling kept)",
           {g: (sum(clean(t) == t for t in e), len(e)) for g, e in real.items()})
    made = groups(DATA / "stutters.txt")
    report("recall (stutters written once)",
           {g: (sum(clean(a) == b for a, b in (x.split("\t") for x in e)), len(e)) for g, e in made.items()})


if __name__ == "__main__":
    main()
