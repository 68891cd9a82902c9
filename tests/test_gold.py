"""The whole default profile against the hand-made gold pages (tools/score.py)."""

from __future__ import annotations

import importlib.util
from pathlib import Path

import pytest
from conftest import GOLD, SAMPLES

from cleanup.document import undo

SCORE = Path(__file__).resolve().parent.parent / "tools" / "score.py"
spec = importlib.util.spec_from_file_location("score", SCORE)
assert spec and spec.loader
score = importlib.util.module_from_spec(spec)
spec.loader.exec_module(score)

PAIRS = [(s, g) for g in GOLD for s in SAMPLES if s.name == g.name]


@pytest.fixture(scope="module")
def scored(cleaner) -> list[dict]:
    rows = []
    for sample, gold in PAIRS:
        raw = sample.read_text(encoding="utf-8")
        rows.append(score.score(raw, cleaner.clean(raw).text, gold.read_text(encoding="utf-8")))
    return rows


def test_every_gold_page_has_its_sample():
    assert len(PAIRS) == len(GOLD) == 3


def test_residual_damage_is_well_under_one_percent(scored):
    total = score.total(scored)
    print("total:", {k: total[k] for k in ("out_err", "fixed", "para_p", "para_r", "lost_han", "extra_han")})
    assert total["out_err"] < 0.001


def test_paragraphs_right_at_least_98_percent(scored):
    total = score.total(scored)
    assert total["para_p"] >= 0.98 and total["para_r"] >= 0.98


def test_paragraphs_right_at_least_98_percent_on_every_page(scored):
    per_page = {gold.name: (row["para_p"], row["para_r"]) for (_, gold), row in zip(PAIRS, scored)}
    assert {name: min(pr) >= 0.98 for name, pr in per_page.items()} == dict.fromkeys(per_page, True), per_page


def test_no_han_character_of_gold_is_lost(scored):
    assert [row["lost_han"] for row in scored] == [0] * len(scored)


@pytest.mark.parametrize("gold", GOLD, ids=lambda p: p.name)
def test_gold_is_a_fixed_point_of_the_whole_profile(cleaner, gold):
    text = gold.read_text(encoding="utf-8")
    result = cleaner.clean(text)
    assert result.text == text, [(c.rule, c.before, c.after, c.note) for c in result.changes]


@pytest.mark.parametrize("sample", SAMPLES, ids=lambda p: p.name)
def test_cleaning_twice_equals_cleaning_once(cleaner, sample):
    raw = sample.read_text(encoding="utf-8")
    once = cleaner.clean(raw)
    assert cleaner.clean(once.text).text == once.text
    assert undo(once.text, once.changes) == raw
