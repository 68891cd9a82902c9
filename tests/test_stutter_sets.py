"""The stutter stage on real doubles and planted stutters (issue 18): tools/stutter_check.py.

Real doubles (tests/data/doubles.tsv) must be kept; planted stutters
(tests/data/planted_stutters.tsv) should be written once.  The floors are
today's figures, rounded down: raise them as the stage improves (the
issue's target for doubles kept is 99.5 %).  The stage and the profile run
once per module over both sets: about two seconds.
"""

from __future__ import annotations

import sys
from collections import Counter
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "tools"))
import stutter_check  # noqa: E402
from stutter_check import (  # noqa: E402
    DoubleResult,
    PlantedResult,
    check_doubles,
    check_lost_marks,
    check_planted,
    collapsing,
    lost_marks,
    read_doubles,
    read_planted,
    stutter_stage,
)

from cleanup import Change, Cleaner  # noqa: E402

# Share of the real doubles kept, by the stutter stage alone and by the whole
# profile: 83.21 % when the set was made; 99.77 % since the stage keeps what
# the text does not show to be a stutter (issue 18 wants 99.5 %).
DOUBLES_KEPT_BY_STAGE_FLOOR = 0.997
DOUBLES_KEPT_BY_PROFILE_FLOOR = 0.997
# The same share on the held-out half of the set (stutter_check.half), which
# the stage was not tuned on: 99.65 % (the tuning half: 99.90 %).
HELD_OUT_DOUBLES_KEPT_FLOOR = 0.996
# Share of the planted stutters the stage writes back to the real sentence:
# 98.08 % when the set was made, 61.08 % since precision comes first, 59.58 %
# since a word that may end one clause and open the next is kept (no floor
# wanted beyond keeping the samples' repairs: this one only guards against a slide).
PLANTED_RECALL_FLOOR = 0.59
# Share of the words of clean prose that end a clause and open the next,
# kept when the mark between them is taken out (stutter_check.lost_marks):
# 100/310 before the stage read the word after the second copy (clause_openers
# of rules/stutter.toml), 183/310 since; that cost 18 planted repairs (61.08 %
# -> 59.58 %): a lost mark is real wording, a stutter left is a flaw.
LOST_MARKS_KEPT_FLOOR = 0.59
# Planted stutters the stage "repairs" into something else than the real sentence: none today.
PLANTED_WRONG_REPAIRS_MAX = 0

CATEGORIES = {"numeral", "repetition", "list-overlap", "de", "in-word", "word", "aabb", "meeting",
              "abab", "yi", "abb", "other"}
KINDS = {"word", "span", "char", "item"}

DOUBLES = read_doubles()
PLANTED = read_planted()


@pytest.fixture(scope="module")
def stage():
    return stutter_stage()


@pytest.fixture(scope="module")
def doubles(stage) -> list[DoubleResult]:
    return check_doubles(DOUBLES, stage, Cleaner())


@pytest.fixture(scope="module")
def planted(stage) -> list[PlantedResult]:
    return check_planted(PLANTED, stage)


def test_doubles_are_many_real_and_categorised():
    assert len(DOUBLES) >= 2000
    assert len({(d.context, d.offset) for d in DOUBLES}) == len(DOUBLES)
    for d in DOUBLES:
        assert d.context[d.offset:d.offset + len(d.double)] == d.double, d
        assert d.category in CATEGORIES, d
    counts = Counter(d.category for d in DOUBLES)
    assert min(counts[c] for c in ("meeting", "word", "in-word", "numeral", "repetition", "aabb", "de")) >= 10


def test_planted_stutters_hold_one_unit_written_twice():
    assert len(PLANTED) >= 1000
    assert {p.kind for p in PLANTED} == KINDS
    for p in PLANTED:
        unit = p.unit + "、" if p.kind == "item" else p.unit
        assert len(p.stuttered) == len(p.clean) + len(unit), p
        assert p.unit * 2 in p.stuttered or f"{p.unit}、{p.unit}" in p.stuttered, p


def test_real_doubles_kept_by_the_stage(doubles):
    kept = sum(r.kept_by_stage for r in doubles) / len(doubles)
    assert kept >= DOUBLES_KEPT_BY_STAGE_FLOOR, f"{kept:.2%}: python tools/stutter_check.py lists the losses"


def test_real_doubles_kept_by_the_profile(doubles):
    kept = sum(r.kept_by_profile for r in doubles) / len(doubles)
    assert kept >= DOUBLES_KEPT_BY_PROFILE_FLOOR, f"{kept:.2%}: python tools/stutter_check.py lists the losses"


def test_real_doubles_kept_on_the_held_out_half(doubles):
    held_out = [r for r in doubles if stutter_check.half(r.double.where) == "held-out"]
    kept = sum(r.kept_by_stage for r in held_out) / len(held_out)
    assert kept >= HELD_OUT_DOUBLES_KEPT_FLOOR, f"{kept:.2%}"


def test_the_halves_split_by_document_and_hold_about_half_each():
    halves = Counter(stutter_check.half(d.where) for d in DOUBLES)
    assert set(halves) == set(stutter_check.HALVES)
    assert min(halves.values()) > 0.4 * len(DOUBLES)
    assert stutter_check.half("laws:12:3") == stutter_check.half("laws:12:40")


def test_lost_marks_between_a_word_and_its_repeat_are_kept(stage):
    marks = lost_marks()
    assert len(marks) >= 300 and {m.mark for m in marks} >= {"。", "，", "¶"}
    for m in marks:
        a, b = m.span
        assert m.joined[a:b] == m.word * 2, m
    kept = check_lost_marks(marks, stage)
    assert sum(kept) / len(kept) >= LOST_MARKS_KEPT_FLOOR, f"{sum(kept)}/{len(kept)}"


def test_planted_stutters_written_once(planted):
    recall = sum(r.repaired for r in planted) / len(planted)
    assert recall >= PLANTED_RECALL_FLOOR, f"{recall:.2%}"


def test_planted_stutters_never_repaired_into_other_text(planted):
    wrong = [r for r in planted if not r.repaired and not r.missed]
    assert len(wrong) <= PLANTED_WRONG_REPAIRS_MAX, [(r.planted.stuttered, r.output) for r in wrong[:5]]


def change(start: int, end: int, before: str, after: str) -> Change:
    return Change("rule", "stage", start, end, before, after, 0, start)


@pytest.mark.parametrize(("c", "collapses"), [
    (change(2, 3, "会", ""), True),  # one copy written once
    (change(0, 6, "(会议会议)", "（会议会议）"), False),  # brackets rewritten around it
    (change(3, 3, "", "\n"), True),  # something put between the copies
    (change(6, 7, "。", ""), False),  # beside it
])
def test_a_double_is_lost_when_a_change_takes_its_characters_out(c, collapses):
    assert bool(collapsing([c], "(会议会议)。", (1, 5))) is collapses


def test_report_lists_each_collapsed_double(capsys, stage):
    d = stutter_check.Double("贯彻落实本次会议会议精神", 6, "会议会议", "word", "test")
    results = check_doubles([d], stage, None)
    stutter_check.report_doubles(results, summary=False, profile=False)
    out = capsys.readouterr().out
    assert "kept by the stutter stage: 0/1" in out
    assert "whole profile" not in out
    assert "会议会议  [stutter-word (stage): 会议→]  贯彻落实本次【会议会议】精神  (test)" in out
