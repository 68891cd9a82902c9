"""Clean prose through the full default profile: the share of paragraphs left as they are.

    python tools/prose_check.py                    # the figures, then every change by rule
    python tools/prose_check.py --summary          # the figures only
    python tools/prose_check.py --rule stutter-word --source nahan
    python tools/prose_check.py --lines --summary  # a paragraph a line, no blank line between
    python tools/prose_check.py --lines --chunk 5 --summary  # short texts: 5 paragraphs each
    python tools/prose_check.py --lines --short 40 --chunk 5 --summary  # of paragraphs under 40 characters

The corpus is tests/data/prose/*.txt (or .txt.gz: documents separated by a
blank line, one paragraph a line; tests/data/prose/README.md) and the gold
pages tests/data/gold/*.txt (a page a document).  Each document goes through
the cleaner in SPEC's clean form: its paragraphs separated by one blank
line, ending with one newline.  Clean text is a fixed point (SPEC rule 18),
so every change the cleaner makes is a finding.  The suspects a stage kept
(records whose text after is their text before) change nothing: they are
counted apart.

A paragraph is changed when a change of the result touches its characters
or the blank line after it (a join touches the paragraphs on both sides; a
removed paragraph is touched by its removal).  Every change is listed with
its rule and the paragraph's text around it.

With ``--lines`` each document is written a paragraph a line with no blank
line between (as many corpora and JSONL records hold text): the clean form
puts a blank line after each, so here a paragraph counts as unchanged when
the clean text holds it whole, as a paragraph of its own; the ones it does
not (joined to a neighbour, cut, or changed inside) are listed.

With ``--chunk N`` each document is cut into texts of N paragraphs in a row
(its last text may hold fewer), a short text each, as a record or a news
brief holds; ``--short L`` keeps only the paragraphs under L characters
(headlines, list items, verse, short news paragraphs) before cutting.
"""

from __future__ import annotations

import argparse
import gzip
from bisect import bisect_right
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from pathlib import Path
from typing import Iterable, Iterator

from cleanup import Change, Cleaner

DATA = Path(__file__).resolve().parent.parent / "tests" / "data"
PROSE = DATA / "prose"
GOLD = DATA / "gold"
CONTEXT = 12  # characters shown each side of a change


@dataclass(frozen=True)
class Doc:
    source: str  # file stem
    number: int  # the document's place in its file, from 1
    paragraphs: tuple[str, ...]

    @property
    def text(self) -> str:
        return "\n\n".join(self.paragraphs) + "\n"


@dataclass(frozen=True)
class Finding:
    """A change the cleaner made to clean prose, with where and what."""

    doc: Doc
    paragraph: int  # index of the first paragraph it touches
    change: Change

    def show(self) -> str:
        c, raw = self.change, self.doc.text
        left = raw[max(0, c.start - CONTEXT):c.start].replace("\n", "⏎")
        right = raw[c.end:c.end + CONTEXT].replace("\n", "⏎")
        before, after = (s.replace("\n", "⏎") for s in (c.before, c.after))
        return (f"{self.doc.source}:{self.doc.number}:{self.paragraph + 1}  "
                f"…{left}[{before}→{after}]{right}…")


@dataclass
class Report:
    paragraphs: Counter[str] = field(default_factory=Counter)  # by source
    changed: Counter[str] = field(default_factory=Counter)  # paragraphs touched, by source
    findings: list[Finding] = field(default_factory=list)
    suspects: Counter[str] = field(default_factory=Counter)  # doubts kept, no change: by rule
    not_whole: list[tuple[Doc, int]] = field(default_factory=list)  # --lines: paragraphs not kept whole

    @property
    def unchanged_share(self) -> float:
        total = sum(self.paragraphs.values())
        return 1 - sum(self.changed.values()) / total

    def by_rule(self) -> dict[str, list[Finding]]:
        out: dict[str, list[Finding]] = defaultdict(list)
        for f in self.findings:
            out[f.change.rule].append(f)
        return dict(sorted(out.items(), key=lambda kv: (-len(kv[1]), kv[0])))


def read(path: Path) -> str:
    if path.suffix == ".gz":
        return gzip.decompress(path.read_bytes()).decode("utf-8")
    return path.read_text(encoding="utf-8")


def corpus(prose: Path = PROSE, gold: Path = GOLD) -> Iterator[Doc]:
    """Every document of the corpus: the prose files', then the gold pages."""
    for path in sorted([*prose.glob("*.txt"), *prose.glob("*.txt.gz")]):
        source = path.name.split(".")[0]
        blocks = read(path).strip("\n").split("\n\n")
        for n, block in enumerate(blocks, 1):
            yield Doc(source, n, tuple(block.split("\n")))
    for n, path in enumerate(sorted(gold.glob("*.txt")), 1):
        yield Doc("gold", n, tuple(read(path).strip("\n").split("\n\n")))


def chunks(docs: Iterable[Doc], size: int, shorter_than: int | None = None) -> Iterator[Doc]:
    """Each document cut into texts of ``size`` paragraphs in a row, numbered on through the
    source; with ``shorter_than``, only the paragraphs shorter than that many characters."""
    numbers: Counter[str] = Counter()
    for doc in docs:
        kept = [p for p in doc.paragraphs if shorter_than is None or len(p) < shorter_than]
        for at in range(0, len(kept), size):
            numbers[doc.source] += 1
            yield Doc(doc.source, numbers[doc.source], tuple(kept[at:at + size]))


def touched(doc: Doc, changes: Iterable[Change]) -> dict[int, list[Change]]:
    """The paragraphs each change touches, by paragraph index.

    A change touches the paragraphs whose characters it reaches; one that
    reaches none (a join, an insertion in a break) touches the two the
    break stands between.
    """
    starts, at = [], 0
    for p in doc.paragraphs:
        starts.append(at)
        at += len(p) + 2
    ends = [s + len(p) for s, p in zip(starts, doc.paragraphs)]
    out: dict[int, list[Change]] = defaultdict(list)
    for c in changes:
        i = max(0, bisect_right(starts, c.start) - 1)  # the paragraph at or before the start
        if c.start < ends[i] or (c.start == c.end and c.start == ends[i]):
            first = i
        elif i + 1 < len(starts) and c.end > starts[i + 1]:
            first = i + 1  # starts in a break, reaches the next paragraph
        else:
            hit = [i, i + 1] if i + 1 < len(starts) else [i]  # inside the break only
            for j in hit:
                out[j].append(c)
            continue
        last = max(first, bisect_right(starts, c.end - 1) - 1) if c.end > c.start else first
        if last > first and c.end <= starts[last]:
            last -= 1
        for j in range(first, last + 1):
            out[j].append(c)
    return out


def check(docs: Iterable[Doc], cleaner: Cleaner | None = None) -> Report:
    """Clean every document; count the paragraphs left as they were and keep every change."""
    cleaner = cleaner or Cleaner()
    report = Report()
    for doc in docs:
        result = cleaner.clean(doc.text, f"{doc.source}:{doc.number}")
        hit = touched(doc, result.changes)
        report.paragraphs[doc.source] += len(doc.paragraphs)
        report.changed[doc.source] += len(hit)
        if not hit and result.text != doc.text:
            raise AssertionError(f"{doc.source}:{doc.number}: text changed with no change recorded")
        first = {id(c): i for i, cs in sorted(hit.items(), reverse=True) for c in cs}
        report.findings += [Finding(doc, first[id(c)], c) for c in result.changes]
        report.suspects.update(c.rule for c in result.suspects)
    return report


def check_lines(docs: Iterable[Doc], cleaner: Cleaner | None = None) -> Report:
    """Clean every document written a paragraph a line, no blank line between; count the
    paragraphs the clean text holds whole, as paragraphs of their own (``--lines``)."""
    cleaner = cleaner or Cleaner()
    report = Report()
    for doc in docs:
        result = cleaner.clean("\n".join(doc.paragraphs) + "\n", f"{doc.source}:{doc.number}")
        left = Counter(result.text.strip("\n").split("\n\n"))
        report.paragraphs[doc.source] += len(doc.paragraphs)
        for i, p in enumerate(doc.paragraphs):
            if left[p]:
                left[p] -= 1
            else:
                report.changed[doc.source] += 1
                report.not_whole.append((doc, i))
    return report


def print_report(report: Report, summary: bool, rule: str | None, limit: int | None) -> None:
    total, changed = sum(report.paragraphs.values()), sum(report.changed.values())
    print(f"paragraphs unchanged: {total - changed}/{total} = {report.unchanged_share:.2%}")
    for source in sorted(report.paragraphs):
        n, c = report.paragraphs[source], report.changed[source]
        print(f"  {source:10} {n - c:6}/{n:<6} = {1 - c / n:.2%}")
    groups = report.by_rule()
    if groups:
        print("changes by rule:")
    for r, found in groups.items():
        print(f"  {len(found):5}  {r}")
    if report.suspects:
        print("suspects kept (no change, listed by `cleanup explain`):")
        for r, n in report.suspects.most_common():
            print(f"  {n:5}  {r}")
    if summary:
        return
    for doc, i in report.not_whole:
        print(f"  not whole: {doc.source}:{doc.number}:{i + 1}  {doc.paragraphs[i][:40]}")
    for r, found in groups.items():
        if rule and r != rule:
            continue
        print(f"\n## {r} ({len(found)})")
        for f in found[:limit]:
            print("  " + f.show())


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--summary", action="store_true", help="the figures only, no list of changes")
    ap.add_argument("--rule", help="list the changes of this rule only")
    ap.add_argument("--source", action="append", help="only this source (file stem, or 'gold'); repeatable")
    ap.add_argument("--limit", type=int, help="list at most this many changes a rule")
    ap.add_argument("--lines", action="store_true",
                    help="write each document a paragraph a line, no blank line between")
    ap.add_argument("--chunk", type=int, metavar="N", help="cut each document into texts of N paragraphs")
    ap.add_argument("--short", type=int, metavar="L", help="keep only paragraphs under L characters")
    args = ap.parse_args()
    docs: Iterable[Doc] = [d for d in corpus() if not args.source or d.source in args.source]
    if args.chunk or args.short:
        docs = chunks(docs, args.chunk or 10**9, args.short)
    print_report((check_lines if args.lines else check)(docs), args.summary, args.rule, args.limit)


if __name__ == "__main__":
    main()
