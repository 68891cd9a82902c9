"""The chain of stages: order, settling to a fixed point, the public API."""

from __future__ import annotations

import dataclasses

import pytest

import cleanup
from cleanup import Cleaner, clean
from cleanup.document import undo
from cleanup.errors import RuleError
from cleanup.rules import load_profile

# stutter (last) writes 委员会 once, which makes the line a piece of the
# headline below it, which fragments (earlier) only sees on a second pass.
HANDED_ON = "工作委员会委员会召开第\n\n自治区党委外事工作委员会召开第四次会议 石泰峰主持\n\n本报讯（记者 刘晓冬）1月7日，会议召开。"


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


@pytest.mark.parametrize("raw", ["比分为 3 :(2)。", "!)本，. :(了…", "会" + "(" * 11, "前列腺癌、" * 33],
                         ids=["colon-after-a-space", "punctuation-run", "eleven-brackets", "item-33-times"])
def test_stages_that_stop_after_their_rounds_still_settle(raw):
    """normalize re-runs only its settle rules, paragraphs and stutter stop
    after max_rounds: a stage may leave text it would change again, so the
    settle pass reruns every stage that changed something."""
    once = Cleaner().clean(raw).text
    assert Cleaner().clean(once).text == once


def test_a_join_after_debris_puts_a_comma_in_chinese_context():
    """debris drops the bullet, paragraphs joins the comma to 会: the settle pass widens it."""
    once = Cleaner().clean("会\n\n□,").text
    assert once == "会，\n" and Cleaner().clean(once).text == once
