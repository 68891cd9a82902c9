"""The fragments stage on its evidence sets (issue 18): tools/fragment_check.py.

Real short lines (tests/data/fragments/keep.tsv) must be kept; orphan pieces
of headlines (orphans.tsv) should go. The floors are today's figures, rounded
down, on each half of each set (the stage's thresholds were tuned on the
``tune`` half; ``held`` is the other). The stage runs once per module over
both sets: well under a second.
"""

from __future__ import annotations

import random
import sys
from collections import Counter
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "tools"))
import fragment_sets  # noqa: E402
from fragment_check import HALVES, Report, check, devset_removals, fragments_stage, print_report  # noqa: E402
from fragment_sets import read_keeps, read_orphans  # noqa: E402

from cleanup import Cleaner  # noqa: E402
from cleanup.document import Document  # noqa: E402

# Share of the real short lines kept, on each half (issue 18: at least 99 %):
# 100 % measured on both.
PRECISION_FLOOR = 0.99
# ... and of those of them shaped like a fragment (short, no sentence mark, no byline): 100 % measured.
SHAPED_PRECISION_FLOOR = 0.99
# Share of the orphan pieces removed, on each half: 3.41 % (tune) and 5.39 % (held) measured
# (6.22 % and 7.05 % before fragment-cut-word asked for a cut at better than even odds: on real
# extractor output every line it took at those odds was real text).
RECALL_FLOOR = 0.03
# ... of the pieces with no predicate (the "strong evidence"): 9.72 % and 13.28 % measured.
NO_PREDICATE_RECALL_FLOOR = 0.09
# Real lines around a piece (the headline or body after it) removed: none measured.
CONTEXT_REMOVED_MAX = 0
# The same through the whole default profile (the paragraphs stage joins some
# pieces to the line after them first): 100 % kept, 3.67 % removed measured.
PROFILE_PRECISION_FLOOR = 0.99
PROFILE_RECALL_FLOOR = 0.03
# Lines the fragments stage removes from the development set's 160 raw pages,
# which print no orphan piece (each removal loses text of the gold): 3
# measured (5 before fragment-cut-word asked for stronger cuts; 18 once, 22
# before fragment-cut-word, when fragment-dangling-end took 的 after a
# predicate and lines after one cut mid-sentence), nearly all in pdfminer's
# column-mixed pages.
DEVSET_REMOVALS_MAX = 5

KEEPS = read_keeps()
ORPHANS = read_orphans()


@pytest.fixture(scope="module")
def report() -> Report:
    return check(KEEPS, ORPHANS, fragments_stage())


def test_the_sets_are_large_split_in_halves_and_of_every_kind():
    assert len(KEEPS) >= 1000 and len(ORPHANS) >= 500
    assert {k.half for k in KEEPS} == {o.half for o in ORPHANS} == set(HALVES)
    kinds = Counter(k.kind for k in KEEPS)
    for kind in ("headline", "kicker", "subheadline", "subhead", "byline", "credit", "caption", "name",
                 "title", "heading", "statute-item", "dialogue"):
        assert kinds[kind] >= 20, kind
    assert {(o.end, o.next) for o in ORPHANS} == {(e, n) for e in ("first", "last") for n in ("headline", "body")}
    assert {o.cut for o in ORPHANS} == {"mid-word", "word", "segment"}
    # the pieces of a headline share its half, and every piece is cut from its headline
    halves = {o.headline: o.half for o in ORPHANS}
    assert all(halves[o.headline] == o.half and o.piece in o.headline for o in ORPHANS)


def test_the_sets_are_remade_bit_for_bit_by_their_tool():
    assert fragment_sets.keeps() == KEEPS
    assert fragment_sets.orphans(random.Random(fragment_sets.SEED)) == ORPHANS


@pytest.mark.parametrize("half", HALVES)
def test_real_short_lines_are_kept(report, half):
    assert report.precision.share(half) >= PRECISION_FLOOR, (
        f"{report.precision.show(half)} kept: python tools/fragment_check.py --half {half} lists the lines removed")
    assert report.shaped.share(half) >= SHAPED_PRECISION_FLOOR


@pytest.mark.parametrize("half", HALVES)
def test_orphan_pieces_are_removed(report, half):
    assert report.recall.share(half) >= RECALL_FLOOR, (
        f"{report.recall.show(half)} removed: python tools/fragment_check.py --half {half} lists the pieces left")
    assert report.removed_by_cut["no predicate"].share(half) >= NO_PREDICATE_RECALL_FLOOR


def test_no_real_line_around_a_piece_is_removed(report):
    assert len(report.context_removed) <= CONTEXT_REMOVED_MAX, report.context_removed[:5]


def test_through_the_whole_profile_the_figures_hold():
    report = check(KEEPS, ORPHANS, fragments_stage(), Cleaner())
    assert report.precision.share() >= PROFILE_PRECISION_FLOOR
    assert report.recall.share() >= PROFILE_RECALL_FLOOR
    assert len(report.context_removed) <= CONTEXT_REMOVED_MAX


def test_real_extractor_output_loses_few_lines():
    pages, removals = devset_removals(Cleaner())
    assert pages == 160
    assert len(removals) <= DEVSET_REMOVALS_MAX, [(r.reader, r.page, r.text) for r in removals]


def test_every_removal_is_a_change_with_its_rule_and_evidence():
    stage = fragments_stage()
    rules = {rule for rule, _ in stage.evidence}
    notes = Counter()
    for o in ORPHANS:
        doc = stage.run(Document("\n\n".join(p for p in (o.before, o.piece, o.after, o.after2) if p) + "\n"))
        for c in doc.changes:
            assert c.rule in rules and c.before.strip() == o.piece and c.after == ""
            notes[c.note.split(":")[0].split(" '")[0]] += 1
    assert {"ends in", "ends inside a word", "starts inside a word"} <= set(notes)


def test_the_check_prints_its_figures_and_misses(capsys, report):
    print_report(report, summary=False, half="held", limit=3)
    out = capsys.readouterr().out
    assert out.startswith("precision (real short lines kept): ")
    assert "recall (orphan pieces removed): " in out and "## orphan pieces left in" in out
    assert "no predicate" in out


def test_the_sweep_prints_lost_and_removed_for_each_pair_of_thresholds(capsys, monkeypatch):
    import fragment_check

    monkeypatch.setattr(fragment_check, "SWEEP", {"ends_inside_min": (0.5, 1.01), "starts_inside_min": (1.01,)})
    fragment_check.sweep(KEEPS[:50], ORPHANS[:100])
    rows = [line.split() for line in capsys.readouterr().out.splitlines()[2:]]
    assert [row[:2] for row in rows] == [["0.5", "1.01"], ["1.01", "1.01"]]
    lost, removed = zip(*((int(row[2]), int(row[3])) for row in rows))
    assert lost == (0, 0) and removed[0] > removed[1]
