"""Right copy kept: the dedup stage on pages where a paragraph is pasted into another article.

    python tools/dedup_check.py                       # every pool and half, 2,000 pages each
    python tools/dedup_check.py --pool prose --half held --pages 500 --show 10
    python tools/dedup_check.py --pool devset --seeds 5     # seeds 18-22 summed

The pages come from ``tests/pastegen.py`` (seeded: the same pages every
run): in each, one body paragraph of an article is pasted into another
article, the paste first on half the pages.  The stage alone runs on each
page, in clean form; a page counts as

* ``right``: the paste went and the original stayed;
* ``wrong``: the original went (the article lost its own paragraph);
* ``kept``: both stayed.

Each pool's articles are split in two halves (``pastegen.half_of``: by a
hash of their source, or of their stretch of work in the devset pool, whose
pages cut the same stretches of two works): the stage's params are tuned on
the pages of the ``tune`` halves only, and the ``held`` halves, which share
no paragraph with them, are the figure that says whether they generalise.
``--half all`` makes pages from the whole pool.  Pages whose two articles
are cut from one work (two articles of 祝福 on one development page) are
also counted apart: their words say little about which article a paragraph
belongs to (``tools/dedup_evidence.py`` measures how little).

One seed's figure moves by about half a point with the seed alone (devset,
two works, held: 97.84 to 98.78 % over seeds 18-22), and the devset halves
hold few articles, so a few paragraphs make most wrong picks: ``--seeds``
sums the pages of several seeds, ``--seed`` on, before a change is judged.
"""

from __future__ import annotations

import argparse
import sys
from collections import Counter
from typing import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests"))

from pastegen import HALVES, POOLS, PastedPage, paste_pages  # noqa: E402

from cleanup.document import Document  # noqa: E402
from cleanup.rules import load_profile  # noqa: E402
from cleanup.stages.dedup import Dedup  # noqa: E402


def dedup_stage() -> Dedup:
    return Dedup(next(s for s in load_profile("zh-news").stages if s.name == "dedup"), 2.0)


def outcome(stage: Dedup, page: PastedPage) -> tuple[str, str]:
    """``right``, ``wrong`` or ``kept``, and the stage's note on the pair."""
    doc = stage.run(Document(page.text))
    starts, at = [], 0
    for p in page.paragraphs:
        starts.append(at)
        at += len(p) + 2
    dropped = {n: c.note for c in doc.changes for n, s in enumerate(starts)
               if c.before and c.start <= s < c.end}
    if page.original in dropped:
        return "wrong", dropped[page.original]
    if page.paste in dropped:
        return "right", dropped[page.paste]
    return "kept", ""


Outcomes = Counter[tuple[str, bool, bool]]  # (outcome, paste first, one work) -> pages


def check(pool: str, count: int, seed: int = 18, stage: Dedup | None = None,
          half: str | None = None) -> Outcomes:
    """Outcomes over ``count`` pages of ``pool`` (of its ``half`` only, if given)."""
    stage = stage or dedup_stage()
    return Counter((outcome(stage, page)[0], page.paste_first, page.one_work)
                   for page in paste_pages(pool, count, seed, half))


def share(found: Outcomes, keep: Callable[[bool, bool], bool]) -> str:
    """Right copies kept among the pages ``keep(paste first, one work)`` picks."""
    picked: Counter[str] = Counter()
    for (o, first, one), n in found.items():
        if keep(first, one):
            picked[o] += n
    total = sum(picked.values())
    counts = "  ".join(f"{o} {picked[o]}" for o in ("right", "wrong", "kept"))
    return f"{picked['right']}/{total} = {picked['right'] / total:.2%} ({counts})" if total else "none"


def report(pool: str, found: Outcomes) -> str:
    return "\n".join([
        f"{pool:12} right copy kept {share(found, lambda first, one: True)}",
        f"   paste before the original: {share(found, lambda first, one: first)}",
        f"   paste after the original:  {share(found, lambda first, one: not first)}",
        f"   articles of two works:     {share(found, lambda first, one: not one)}",
        f"   articles of one work:      {share(found, lambda first, one: one)}",
    ])


def main(argv: list[str] | None = None) -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--pool", action="append", choices=POOLS, help="only this pool; repeatable")
    ap.add_argument("--half", action="append", choices=[*HALVES, "all"],
                    help="only this half of each pool (all: the whole pool); repeatable")
    ap.add_argument("--pages", type=int, default=2000, help="pages a pool (default 2000)")
    ap.add_argument("--seed", type=int, default=18)
    ap.add_argument("--seeds", type=int, default=1, help="sum over this many seeds, --seed on (default 1)")
    ap.add_argument("--show", type=int, default=0, help="list this many pages the stage got wrong, a pool")
    args = ap.parse_args(argv)
    stage = dedup_stage()
    for pool, half in [(p, h) for p in args.pool or POOLS for h in args.half or HALVES]:
        pages = [page for seed in range(args.seed, args.seed + args.seeds)
                 for page in paste_pages(pool, args.pages, seed, None if half == "all" else half)]
        found: Outcomes = Counter()
        wrong: list[tuple[PastedPage, str, str]] = []
        for page in pages:
            result, note = outcome(stage, page)
            found[result, page.paste_first, page.one_work] += 1
            if result != "right":
                wrong.append((page, result, note))
        print(report(f"{pool}/{half}", found))
        for page, result, note in wrong[:args.show]:
            print(f"\n-- {result}: paste at {page.paste + 1}, original at {page.original + 1} ({page.variant}); {note}")
            for n, p in enumerate(page.paragraphs):
                mark = "P" if n == page.paste else "O" if n == page.original else " "
                print(f"  {mark}{n + 1:3} {p[:50]}")


if __name__ == "__main__":
    main()
