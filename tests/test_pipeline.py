"""The chain of stages: order, settling to a fixed point, the public API."""

from __future__ import annotations

import dataclasses

import pytest
from conftest import SAMPLES

import cleanup
from cleanup import Cleaner, clean
from cleanup.document import Document, undo
from cleanup.errors import RuleError
from cleanup.rules import load_profile

# Found by the property tests: stutter (last) repairs a list item repeated
# four times, which makes the line a piece of the headline above it, which
# fragments (earlier) only sees on a second pass.
HANDED_ON = "会前列腺癌、前列腺癌、会\n\n前列腺癌、前列腺癌、前列腺癌、前列腺癌、"


def test_stages_run_in_profile_order():
    names = [s.name for s in Cleaner().stages]
    assert names == ["normalize", "debris", "paragraphs", "fragments", "dedup", "stutter"]


def test_settling_makes_the_output_a_fixed_point():
    once = Cleaner().clean(HANDED_ON)
    assert Cleaner().clean(once.text).text == once.text
    assert undo(once.text, once.changes) == HANDED_ON


def test_without_settling_a_second_clean_would_change_it():
    profile = dataclasses.replace(load_profile("zh-news"), settle_passes=0)
    once = Cleaner(profile).clean(HANDED_ON).text
    assert Cleaner(profile).clean(once).text != once


def test_settle_passes_must_be_a_count(tmp_path):
    path = tmp_path / "p.toml"
    path.write_text('settle_passes = -1\n[[stage]]\nname = "normalize"\nrules = ["normalize.toml"]\n')
    with pytest.raises(RuleError, match="settle_passes"):
        load_profile(path)


def test_public_api_is_small():
    assert sorted(cleanup.__all__) == ["Change", "Cleaner", "CleanupError", "Result", "clean"]


def test_bytes_are_refused_with_a_hint():
    with pytest.raises(TypeError, match="decode"):
        clean(b"\xe4\xbc\x9a")  # type: ignore[arg-type]


def test_clean_reuses_one_cleaner_per_profile():
    clean("会议。")
    built = dict(cleanup._default)
    clean("会议。")
    assert cleanup._default == built


def test_a_stage_that_changed_something_runs_again_in_the_settle_pass():
    """debris removes the bullets, which shows the page-jump marker behind them."""
    once = Cleaner().clean("●■（下转第3版）增长3.3%，会议精神。\n").text
    assert once == "增长3.3%，会议精神。\n"
    assert Cleaner().clean(once).text == once


def test_a_stage_is_not_run_again_on_the_text_it_left(monkeypatch):
    """stutter (last) changes the page and nothing after it does: the settle pass skips it."""
    cleaner = Cleaner()
    runs: list[str] = []
    for stage in cleaner.stages:
        monkeypatch.setattr(stage, "run", lambda doc, run=stage.run, name=stage.name: (runs.append(name), run(doc))[1])
    cleaner.clean("会议会议精神。\n")
    assert runs.count("stutter") == 1 and runs.count("normalize") == 2


@pytest.mark.parametrize("sample", SAMPLES, ids=lambda p: p.name)
def test_every_stage_leaves_samples_it_would_not_change_again(sample):
    doc = Document(sample.read_text(encoding="utf-8"))
    for stage in Cleaner().stages:
        stage.run(doc)
        steps = len(doc.steps)
        stage.run(doc)
        assert len(doc.steps) == steps, stage.name


def test_a_join_after_debris_puts_a_comma_in_chinese_context():
    """debris drops the bullet, paragraphs joins the comma to 会: the settle pass widens it."""
    once = Cleaner().clean("会\n\n□,").text
    assert once == "会，\n" and Cleaner().clean(once).text == once
