"""The fragments stage on its evidence sets: real short lines kept, orphan headline pieces removed.

    python tools/fragment_check.py                 # the figures, then every miss
    python tools/fragment_check.py --summary       # the figures only
    python tools/fragment_check.py --half tune     # list the misses of one half only
    python tools/fragment_check.py --sweep         # fragment-cut-word's thresholds tried on the tune half
    python tools/fragment_check.py --profile       # each page through the whole default profile

The sets are tests/data/fragments/keep.tsv and orphans.tsv
(tools/fragment_sets.py). Each line goes through the fragments stage of the
default profile on a page of its own: the paragraph before it, the line, the
two paragraphs after it, in SPEC's clean form (the stage runs after
paragraphs, on one paragraph a line); with ``--profile``, through the whole
default profile, where the paragraphs stage may first join a piece to the
line after it (it is then not removed) or change what follows a line.

- precision: the share of real short lines (keep.tsv) the stage keeps, and
  of those among them that a fragment could be (its length, no sentence
  punctuation, no byline or credit: the stage's candidates);
- recall: the share of orphan pieces (orphans.tsv) it removes; the real
  lines around a piece must stay (a removal there is listed as a miss too).

- the development set (tests/data/devset/: four extractors' text of 40
  typeset pages) prints no orphan pieces, so every line the fragments stage
  removes from its raw pages (through the whole profile) is text its gold
  has: listed with its rule and note, as a third figure of precision on
  real extractor output.

Each figure is given for the two halves of its set (``tune``: the half the
stage's params were tuned on; ``held``: the other) and in all. ``--sweep``
tries fragment-cut-word's thresholds (SWEEP) on the tune half and prints,
for each pair, the real lines lost (the short lines of keep.tsv and the
real lines around the pieces) and the pieces removed.
"""

from __future__ import annotations

import argparse
import sys
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Iterable

sys.path.insert(0, str(Path(__file__).resolve().parent))
from fragment_sets import Keep, Orphan, read_keeps, read_orphans  # noqa: E402

from cleanup import Cleaner  # noqa: E402
from cleanup.document import Document  # noqa: E402
from cleanup.shape import lines  # noqa: E402
from cleanup.pipeline import build_stage  # noqa: E402
from cleanup.rules import load_profile  # noqa: E402
from cleanup.stages.fragments import Fragments, Page  # noqa: E402

HALVES = ("tune", "held")
SWEEP = {
    "ends_inside_min": (0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9, 1.01),
    "starts_inside_min": (0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9, 1.01),
}


def fragments_stage(disable: Iterable[str] = (), **settings: object) -> Fragments:
    """The fragments stage of the default profile, with rules turned off or settings changed."""
    profile = load_profile("zh-news", disable=list(disable))
    config = next(s for s in profile.stages if s.name == "fragments")
    stage = build_stage(config.with_settings(**settings) if settings else config, timeout=2.0)
    assert isinstance(stage, Fragments)
    return stage


@dataclass(frozen=True)
class Outcome:
    """What the stage did to one line of a set, on its page."""

    line: str
    removed: bool  # the line itself went
    note: str  # the evidence of its removal ('' if kept)
    others: tuple[str, ...]  # other lines of the page that went


def run_page(stage: Fragments, before: str, line: str, after: str, after2: str,
             cleaner: Cleaner | None = None) -> Outcome:
    """The stage (or, given a ``cleaner``, the whole profile) on the page of a line:
    whether the fragments stage removed the line, and what else it removed."""
    parts = [before, line, after, after2]
    text = "\n\n".join(p for p in parts if p) + "\n"
    start = len(before) + 2 if before else 0
    end = start + len(line)
    if cleaner is None:
        changes = stage.run(Document(text)).changes
    else:
        changes = [c for c in cleaner.clean(text).changes if c.stage == stage.name]
    note, others = "", []
    for c in changes:
        if c.start <= start and c.end >= end:
            note = c.note or c.rule
        else:
            others.append(c.before.strip())
    return Outcome(line, bool(note), note, tuple(others))


@dataclass
class Tally:
    hits: Counter[str] = field(default_factory=Counter)  # by half
    total: Counter[str] = field(default_factory=Counter)

    def add(self, half: str, hit: bool) -> None:
        self.total[half] += 1
        self.hits[half] += hit

    def share(self, half: str | None = None) -> float:
        if half is None:
            return sum(self.hits.values()) / max(1, sum(self.total.values()))
        return self.hits[half] / max(1, self.total[half])

    def show(self, half: str | None = None) -> str:
        hits = sum(self.hits.values()) if half is None else self.hits[half]
        total = sum(self.total.values()) if half is None else self.total[half]
        return f"{hits}/{total} = {hits / max(1, total):.2%}"


@dataclass
class Report:
    precision: Tally = field(default_factory=Tally)  # real short lines kept
    shaped: Tally = field(default_factory=Tally)  # those of them shaped like a fragment, kept
    recall: Tally = field(default_factory=Tally)  # orphan pieces removed
    kept_by_kind: dict[str, Tally] = field(default_factory=dict)
    removed_by_cut: dict[str, Tally] = field(default_factory=dict)
    wrong: list[tuple[Keep, Outcome]] = field(default_factory=list)  # real lines removed
    missed: list[tuple[Orphan, Outcome]] = field(default_factory=list)  # pieces left in
    context_removed: list[tuple[Orphan, Outcome]] = field(default_factory=list)  # real lines by a piece removed


DEVSET = Path(__file__).resolve().parent.parent / "tests" / "data" / "devset"


@dataclass(frozen=True)
class DevsetRemoval:
    reader: str
    page: str
    rule: str
    text: str
    note: str


def devset_removals(cleaner: Cleaner | None = None) -> tuple[int, list[DevsetRemoval]]:
    """The number of development pages read, and every line the fragments stage removes from them."""
    cleaner = cleaner or Cleaner()
    pages = sorted((DEVSET / "raw").glob("*/*.txt"))
    out = []
    for path in pages:
        for c in cleaner.clean(path.read_text(encoding="utf-8")).changes:
            if c.stage == "fragments":
                out.append(DevsetRemoval(path.parent.name, path.stem, c.rule, c.before.strip(), c.note))
    return len(pages), out


def print_devset(pages: int, removals: list[DevsetRemoval], summary: bool) -> None:
    chars = sum(len(r.text) for r in removals)
    by_rule = Counter(r.rule for r in removals)
    print(f"development set ({pages} raw pages, no orphan pieces): {len(removals)} lines removed, "
          f"{chars} characters", dict(sorted(by_rule.items())))
    if not summary:
        for r in removals:
            print(f"  {r.reader:9} {r.page} {r.rule:24} {r.text!r}: {r.note}")


def fragment_shaped(stage: Fragments, line: str) -> bool:
    """Whether ``line`` is one the stage weighs at all (its length, no sentence mark, no byline)."""
    return stage.is_candidate(Page.of(lines(line + "\n"), []), 0)


def check(keeps: list[Keep], orphans: list[Orphan], stage: Fragments | None = None,
          cleaner: Cleaner | None = None) -> Report:
    """The figures of ``stage`` on both sets; given a ``cleaner``, of its fragments stage
    within the whole profile (the paragraphs stage may join a piece to its neighbour first)."""
    stage = stage or fragments_stage()
    report = Report()
    for k in keeps:
        out = run_page(stage, k.before, k.line, k.after, k.after2, cleaner)
        report.precision.add(k.half, not out.removed)
        if fragment_shaped(stage, k.line):
            report.shaped.add(k.half, not out.removed)
        report.kept_by_kind.setdefault(k.kind, Tally()).add(k.half, not out.removed)
        if out.removed:
            report.wrong.append((k, out))
    for o in orphans:
        out = run_page(stage, o.before, o.piece, o.after, o.after2, cleaner)
        report.recall.add(o.half, out.removed)
        predicate = "no predicate" if stage.predicates.isdisjoint(stage.words_of(o.piece)) else "a predicate"
        for key in (f"{o.end} {o.cut}", f"before {o.next}", predicate):
            report.removed_by_cut.setdefault(key, Tally()).add(o.half, out.removed)
        if not out.removed:
            report.missed.append((o, out))
        if out.others:
            report.context_removed.append((o, out))
    return report


def print_report(report: Report, summary: bool, half: str | None, limit: int | None) -> None:
    for name, tally in (("precision (real short lines kept)", report.precision),
                        ("  of them shaped like a fragment", report.shaped),
                        ("recall (orphan pieces removed)", report.recall)):
        print(f"{name}: {tally.show()}")
        for h in HALVES:
            print(f"  {h:5} {tally.show(h)}")
    print(f"real lines around a piece removed: {len(report.context_removed)}")
    print("kept, by kind of line:")
    for kind, tally in sorted(report.kept_by_kind.items(), key=lambda kv: kv[1].share()):
        print(f"  {kind:16} {tally.show()}")
    print("removed, by where the piece was cut and what follows it:")
    for key, tally in sorted(report.removed_by_cut.items()):
        print(f"  {key:16} {tally.show()}")
    if summary:
        return
    wrong = [(k, o) for k, o in report.wrong if half in (None, k.half)]
    print(f"\n## real short lines removed ({len(wrong)})")
    for k, out in wrong[:limit]:
        print(f"  {k.half} {k.kind:12} {k.source:28} {k.line!r} before {k.after[:16]!r}: {out.note}")
    context = [(o, out) for o, out in report.context_removed if half in (None, o.half)]
    print(f"\n## real lines around a piece removed ({len(context)})")
    for o, out in context[:limit]:
        print(f"  {o.half} {o.piece!r}: {out.others}")
    missed = [(o, out) for o, out in report.missed if half in (None, o.half)]
    print(f"\n## orphan pieces left in ({len(missed)})")
    for o, out in missed[:limit]:
        print(f"  {o.half} {o.end:5} {o.cut:8} before {o.next:8} {o.piece!r} of {o.headline!r}")


def sweep(keeps: list[Keep], orphans: list[Orphan], half: str = "tune") -> None:
    """Each pair of SWEEP's thresholds on one half: real lines lost, pieces removed."""
    keeps = [k for k in keeps if k.half == half]
    orphans = [o for o in orphans if o.half == half]
    names = list(SWEEP)
    print(f"{half} half: {len(keeps)} real short lines, {len(orphans)} pieces")
    print(f"{names[0]:>16} {names[1]:>18} {'lost':>5} {'removed':>8}")
    for a in SWEEP[names[0]]:
        for b in SWEEP[names[1]]:
            report = check(keeps, orphans, fragments_stage(**{names[0]: a, names[1]: b}))
            lost = len(report.wrong) + len(report.context_removed)
            print(f"{a:16} {b:18} {lost:5} {sum(report.recall.hits.values()):8}")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--summary", action="store_true", help="the figures only, no list of misses")
    ap.add_argument("--half", choices=HALVES, help="list the misses of this half only")
    ap.add_argument("--limit", type=int, help="list at most this many of each kind of miss")
    ap.add_argument("--disable", action="append", default=[], help="turn this rule off (repeatable)")
    ap.add_argument("--sweep", action="store_true", help="try fragment-cut-word's thresholds on the tune half")
    ap.add_argument("--profile", action="store_true", help="clean each page with the whole default profile")
    args = ap.parse_args()
    if args.sweep:
        sweep(read_keeps(), read_orphans())
        return
    cleaner = Cleaner(disable=args.disable) if args.profile else None
    report = check(read_keeps(), read_orphans(), fragments_stage(args.disable), cleaner)
    print_report(report, args.summary, args.half, args.limit)
    print()
    print_devset(*devset_removals(Cleaner(disable=args.disable)), args.summary)


if __name__ == "__main__":
    main()
