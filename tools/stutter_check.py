"""Precision and recall of the stutter stage on real doubles and planted stutters (issue 18).

    python tools/stutter_check.py               # figures, then every double wrongly collapsed
                                                # and every lost mark's word written once
    python tools/stutter_check.py --summary     # figures only
    python tools/stutter_check.py --no-words    # the stage with an empty word list, to see what it buys
    python tools/stutter_check.py --half tune   # only the tuning half of both sets (or held-out)

Real doubles (tests/data/doubles.tsv, tools/collect_doubles.py): a double is
kept when no change takes any of its characters out, by the stutter stage
alone on its context and by the whole default profile.  Planted stutters
(tests/data/planted_stutters.tsv, tools/plant_stutters.py): recall is the
share the stage writes back to the real sentence exactly; a wrong repair
changes the sentence into something else.  Lost marks (:func:`lost_marks`):
clean prose where a word of 2-6 Han characters ends a clause and opens the
next (``…设立派出机构。派出机构应当…``, ``…出席会议。|会议强调…`` across
two paragraphs), the mark between them taken out as OCR or a joined line
does; such a double is real wording and should be kept.  The older
hand-made lists (tests/data/reduplications.txt, tests/data/stutters.txt)
are measured too.

Both sets are split in two halves by document (:func:`half`: a hash of
FILE:DOCUMENT): the stage is tuned looking at the "tune" half only, and the
"held-out" half tells whether what was learnt there holds; the figures of
each half are printed after those of the whole set.
"""

from __future__ import annotations

import argparse
import sys
import zlib
from collections import defaultdict
from dataclasses import dataclass
from pathlib import Path
from typing import Iterable

import regex

from cleanup import Change, Cleaner
from cleanup.document import Document
from cleanup.pipeline import build_stage
from cleanup.rules import load_profile
from cleanup.stages.stutter import Stutter
from cleanup.wordlists import Lexicon

DATA = Path(__file__).resolve().parent.parent / "tests" / "data"
sys.path.insert(0, str(DATA.parent))
sys.path.insert(0, str(Path(__file__).resolve().parent))
from listfile import groups  # noqa: E402  (tests/listfile.py reads the hand-made lists)
from prose_check import corpus  # noqa: E402


@dataclass(frozen=True)
class Double:
    context: str
    offset: int
    double: str
    category: str
    where: str

    @property
    def span(self) -> tuple[int, int]:
        return self.offset, self.offset + len(self.double)


@dataclass(frozen=True)
class Planted:
    stuttered: str
    clean: str
    kind: str
    unit: str
    where: str


@dataclass(frozen=True)
class LostMark:
    joined: str  # a paragraph with one mark taken out, or two paragraphs joined without the first's 。
    offset: int  # where the first copy of the word starts
    word: str
    mark: str  # the mark taken out; "¶" for a paragraph's end
    where: str

    @property
    def span(self) -> tuple[int, int]:
        return self.offset, self.offset + 2 * len(self.word)


HALVES = ("tune", "held-out")
MARKS = "。，；：！？、"
# a word of 2-6 Han characters, a mark, the same word again (the longest such word)
WORD_MARK_WORD = regex.compile(rf"(?=(\p{{Han}}{{2,6}})([{MARKS}])\1)")


def half(where: str) -> str:
    """The half of the dev sets a double or a plant belongs to, by its document
    (FILE:DOCUMENT of FILE:DOCUMENT:PARAGRAPH), so a document is never split."""
    document = where.rpartition(":")[0] or where
    return HALVES[zlib.crc32(document.encode("utf-8")) % 2]


def rows(path: Path) -> list[list[str]]:
    return [line.split("\t") for line in path.read_text(encoding="utf-8").splitlines()
            if line and not line.startswith("#")]


def read_doubles(path: Path = DATA / "doubles.tsv") -> list[Double]:
    return [Double(c, int(o), d, cat, w) for c, o, d, cat, w in rows(path)]


def read_planted(path: Path = DATA / "planted_stutters.tsv") -> list[Planted]:
    return [Planted(*r) for r in rows(path)]


def lost_marks() -> list[LostMark]:
    """Every place of the clean-prose corpus (prose_check.corpus) where a word
    of 2-6 Han characters ends a clause and opens the next: the paragraph with
    the mark between them taken out (``…派出机构派出机构应当…``), or a
    paragraph ending ``W。`` joined to the next that opens with ``W``."""
    out = []
    for doc in corpus():
        where = f"{doc.source}:{doc.number}"
        for n, p in enumerate(doc.paragraphs):
            for m in WORD_MARK_WORD.finditer(p):
                word, mark = m.group(1), m.group(2)
                cut = m.start() + len(word)
                out.append(LostMark(p[:cut] + p[cut + 1:], m.start(), word, mark, f"{where}:{n + 1}"))
            after = doc.paragraphs[n + 1] if n + 1 < len(doc.paragraphs) else ""
            word = next((after[:k] for k in range(6, 1, -1)
                         if regex.fullmatch(r"\p{Han}+", after[:k]) and p.endswith(after[:k] + "。")), None)
            if word:
                out.append(LostMark(p[:-1] + after, len(p) - 1 - len(word), word, "¶", f"{where}:{n + 1}"))
    return out


def check_lost_marks(marks: list[LostMark], stage: Stutter) -> list[bool]:
    """Whether the stage keeps each word and its repeat (no change takes a character out)."""
    return [not collapsing(stage.run(Document(m.joined)).changes, m.joined, m.span) for m in marks]


def stutter_stage(no_words: bool = False) -> Stutter:
    config = next(s for s in load_profile("zh-news").stages if s.name == "stutter")
    stage = build_stage(config, timeout=2.0)
    assert isinstance(stage, Stutter)
    if no_words:
        stage.lexicon = Lexicon.of({})
    return stage


def collapsing(changes: Iterable[Change], raw: str, span: tuple[int, int]) -> list[Change]:
    """The changes that take characters out of ``raw[span]``.

    A change that only rewrites around them (brackets made full-width
    around a double) leaves them in its replacement: it does not count.
    """
    a, b = span
    out = []
    for c in changes:
        if c.start == c.end:
            if a < c.start < b:
                out.append(c)  # something put inside it
        elif c.start < b and c.end > a and raw[max(a, c.start):min(b, c.end)] not in c.after:
            out.append(c)
    return out


@dataclass
class DoubleResult:
    double: Double
    stage_changes: list[Change]  # the stutter stage's changes that take characters out of the double
    profile_changes: list[Change]  # the whole profile's

    @property
    def kept_by_stage(self) -> bool:
        return not self.stage_changes

    @property
    def kept_by_profile(self) -> bool:
        return not self.profile_changes


def check_doubles(doubles: list[Double], stage: Stutter, cleaner: Cleaner | None) -> list[DoubleResult]:
    out = []
    for d in doubles:
        doc = stage.run(Document(d.context))
        profile = cleaner.clean(d.context).changes if cleaner else []
        out.append(DoubleResult(d, collapsing(doc.changes, d.context, d.span),
                                collapsing(profile, d.context, d.span)))
    return out


@dataclass
class PlantedResult:
    planted: Planted
    output: str

    @property
    def repaired(self) -> bool:
        return self.output == self.planted.clean

    @property
    def missed(self) -> bool:
        return self.output == self.planted.stuttered


def check_planted(planted: list[Planted], stage: Stutter) -> list[PlantedResult]:
    return [PlantedResult(p, stage.run(Document(p.stuttered)).text) for p in planted]


def share(hit: int, total: int) -> str:
    return f"{hit}/{total} = {hit / total:.2%}" if total else "0/0"


def report_doubles(results: list[DoubleResult], summary: bool, profile: bool = True) -> None:
    """The shares kept, by category; then each double lost.  ``profile``: the whole profile was run too."""
    by_cat: dict[str, list[DoubleResult]] = defaultdict(list)
    for r in results:
        by_cat[r.double.category].append(r)
    stage_kept = sum(r.kept_by_stage for r in results)
    print(f"real doubles kept by the stutter stage: {share(stage_kept, len(results))}")
    if profile:
        print(f"real doubles kept by the whole profile: {share(sum(r.kept_by_profile for r in results), len(results))}")
    print(f"  {'category':14} {'stage':>18}" + (f" {'profile':>18}" if profile else ""))
    for cat, rs in sorted(by_cat.items(), key=lambda kv: -len(kv[1])):
        s, p = sum(r.kept_by_stage for r in rs), sum(r.kept_by_profile for r in rs)
        print(f"  {cat:14} {share(s, len(rs)):>18}" + (f" {share(p, len(rs)):>18}" if profile else ""))
    if summary:
        return
    for cat, rs in sorted(by_cat.items(), key=lambda kv: -len(kv[1])):
        wrong = [r for r in rs if not (r.kept_by_stage and r.kept_by_profile)]
        if not wrong:
            continue
        print(f"\n## {cat}: {len(wrong)} collapsed")
        for r in wrong:
            d = r.double
            c = (r.stage_changes or r.profile_changes)[0]
            who = "stage" if r.stage_changes else "profile"
            shown = f"{d.context[:d.offset]}【{d.double}】{d.context[d.offset + len(d.double):]}"
            print(f"  {d.double}  [{c.rule} ({who}): {c.before}→{c.after}]  {shown}  ({d.where})")


def report_planted(results: list[PlantedResult], summary: bool) -> None:
    by_kind: dict[str, list[PlantedResult]] = defaultdict(list)
    for r in results:
        by_kind[r.planted.kind].append(r)
    repaired = sum(r.repaired for r in results)
    wrong = [r for r in results if not r.repaired and not r.missed]
    print(f"\nplanted stutters repaired by the stutter stage: {share(repaired, len(results))}"
          f" (wrong repairs: {len(wrong)})")
    for kind, rs in by_kind.items():
        w = sum(not r.repaired and not r.missed for r in rs)
        print(f"  {kind:6} {share(sum(r.repaired for r in rs), len(rs)):>18}   wrong repairs {w}")
    if summary or not wrong:
        return
    print("\n## planted stutters repaired wrongly")
    for r in wrong:
        print(f"  {r.planted.stuttered}\n    -> {r.output}\n    want {r.planted.clean}")


def report_lists(stage: Stutter) -> None:
    """The hand-made lists of tests/data (tests/test_stutter.py holds their floors)."""
    def clean(text: str) -> str:
        return stage.run(Document(text)).text

    real = [t for entries in groups(DATA / "reduplications.txt").values() for t in entries]
    made = [e.split("\t") for entries in groups(DATA / "stutters.txt").values() for e in entries]
    print(f"\nhand-made lists: reduplications.txt kept {share(sum(clean(t) == t for t in real), len(real))};"
          f" stutters.txt repaired {share(sum(clean(a) == b for a, b in made), len(made))}")


def report_lost_marks(marks: list[LostMark], kept: list[bool], summary: bool) -> None:
    """The share of words ending a clause and opening the next, kept once the mark between them is lost."""
    across = [k for m, k in zip(marks, kept) if m.mark == "¶"]
    print(f"\nlost marks: word and repeat kept by the stutter stage {share(sum(kept), len(kept))}"
          f" (across two paragraphs {share(sum(across), len(across))})")
    if summary:
        return
    for m, k in zip(marks, kept):
        if not k:
            a, b = m.span
            print(f"  {m.mark} {m.joined[max(0, a - 12):a]}【{m.joined[a:b]}】{m.joined[b:b + 8]}  ({m.where})")


def report_halves(doubles: list[DoubleResult], planted: list[PlantedResult],
                  marks: list[LostMark], kept: list[bool]) -> None:
    """The headline figures of each half of the sets."""
    print()
    for h in HALVES:
        ds = [r for r in doubles if half(r.double.where) == h]
        ps = [r for r in planted if half(r.planted.where) == h]
        ks = [k for m, k in zip(marks, kept) if half(m.where) == h]
        print(f"{h:8} half: real doubles kept by the stage {share(sum(r.kept_by_stage for r in ds), len(ds))};"
              f" planted stutters repaired {share(sum(r.repaired for r in ps), len(ps))};"
              f" lost marks kept {share(sum(ks), len(ks))}")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--summary", action="store_true", help="figures only, no lists")
    ap.add_argument("--no-words", action="store_true", help="the stage with an empty word list")
    ap.add_argument("--half", choices=HALVES, help="only this half of both sets")
    args = ap.parse_args()
    stage = stutter_stage(args.no_words)
    cleaner = None if args.no_words else Cleaner()  # the profile has no switch for the word list
    doubles = [d for d in read_doubles() if not args.half or half(d.where) == args.half]
    planted = [p for p in read_planted() if not args.half or half(p.where) == args.half]
    marks = [m for m in lost_marks() if not args.half or half(m.where) == args.half]
    double_results, planted_results = check_doubles(doubles, stage, cleaner), check_planted(planted, stage)
    marks_kept = check_lost_marks(marks, stage)
    report_doubles(double_results, args.summary, profile=cleaner is not None)
    report_planted(planted_results, args.summary)
    report_lost_marks(marks, marks_kept, args.summary)
    if not args.half:
        report_halves(double_results, planted_results, marks, marks_kept)
    report_lists(stage)


if __name__ == "__main__":
    main()
