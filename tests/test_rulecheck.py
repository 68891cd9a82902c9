"""A user's rule file is checked as the suite checks the packaged ones:
``cleanup rules check FILE``, and before a run that loads it."""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import MY_RULE

from cleanup import Cleaner
from cleanup.cli import main
from cleanup.rulecheck import check_rules, rules_from

GOOD = "\n" + MY_RULE + '''keep = ["xx", "会xx"]
'''

BAD = GOOD + '''
[[rule]]
id = "my-wrong"
stage = "normalize"
description = "qq becomes q"
pattern = "qq"
replace = "q"
examples = [["会qq议", "会qqq议"], ["会议", "会议"]]
keep = ["qq"]

[[rule]]
id = "my-growing"
stage = "normalize"
description = "a becomes aa, again and again"
pattern = "(?<=会)a"
replace = "aa"
examples = [["会a", "会aa"]]

[[rule]]
id = "my-xfail"
stage = "normalize"
description = "marked xfail, yet its example passes"
pattern = "zz"
replace = "z"
examples = [["会zz", "会z"]]
xfail = true
'''


@pytest.fixture
def run(capsys):
    def _run(*argv: str | Path) -> tuple[int, str, str]:
        code = main([str(a) for a in argv])
        out, err = capsys.readouterr()
        return code, out, err

    return _run


def rule_file(tmp_path: Path, text: str, name: str = "mine.toml") -> Path:
    p = tmp_path / name
    p.write_text(text, encoding="utf-8")
    return p


def test_a_good_rule_file_passes(run, tmp_path):
    good = rule_file(tmp_path, GOOD)
    code, out, err = run("rules", "check", good)
    assert code == 0 and out == ""
    assert err.strip() == f"{good}: 1 rules, 1 examples, 2 keeps checked: all pass"


def test_each_failure_is_one_line_naming_the_file_line_and_rule(run, tmp_path):
    bad = rule_file(tmp_path, BAD)
    code, _, err = run("rules", "check", bad)
    assert code == 1
    *failures, summary = err.strip().splitlines()
    assert summary == f"{bad}: 4 rules, 5 examples, 3 keeps checked: 5 failed"
    assert failures == [
        f"cleanup: error: {bad}:12: rule my-wrong: example 1 '会qq议' gives '会q议', not '会qqq议' "
        "(fix the example or the rule)",
        f"cleanup: error: {bad}:12: rule my-wrong: example 2: the rule did not fire (other rules of "
        "stage normalize gave the output) (give an example this rule changes)",
        f"cleanup: error: {bad}:12: rule my-wrong: keep 1 'qq' is changed to 'q' (fix the rule, or the keep)",
        f"cleanup: error: {bad}:21: rule my-growing: example 1: cleaning its output again changes it "
        "to '会aaa' (make the rule leave its own output alone)",
        f"cleanup: error: {bad}:29: rule my-xfail: example 1 passes, but the rule is marked xfail "
        "(drop xfail = true)",
    ]


def test_a_run_with_a_failing_rule_file_stops_before_writing(run, tmp_path):
    bad = rule_file(tmp_path, BAD)
    page = tmp_path / "p.txt"
    page.write_text("会xx议\n", encoding="utf-8")
    code, out, err = run(page, "--rules", bad, "-o", tmp_path / "clean.txt")
    assert code == 2 and out == ""
    assert err.strip() == (f"cleanup: error: {bad}:12: rule my-wrong: example 1 '会qq议' gives '会q议', "
                           f"not '会qqq议' (fix the example or the rule; 4 more fail; cleanup rules check "
                           f"{bad} lists every failure)")
    assert not (tmp_path / "clean.txt").exists()


def test_a_run_with_a_good_rule_file_uses_it(run, tmp_path):
    page = tmp_path / "p.txt"
    page.write_text("会xx议\n", encoding="utf-8")
    code, out, _ = run(page, "--rules", rule_file(tmp_path, GOOD))
    assert code == 0 and out == "会yy议\n"


def test_the_check_runs_through_the_profile_given(run, tmp_path):
    """A profile without the rule's stage cannot run its examples: an error, exit 2."""
    profile = rule_file(tmp_path, 'name = "tiny"\n[[stage]]\nname = "stutter"\n', "tiny.toml")
    code, _, err = run("rules", "check", rule_file(tmp_path, GOOD), "--profile", profile)
    assert code == 2
    assert len(err.strip().splitlines()) == 1 and "stage 'normalize' is not in profile tiny" in err


def test_a_rule_without_a_description_is_an_error(run, tmp_path):
    bare = rule_file(tmp_path, GOOD.replace('description = "xx between Han becomes yy"\n', ""))
    code, _, err = run("rules", "check", bare)
    assert code == 2
    assert err.strip() == f"cleanup: error: {bare}: rule my-xx: 'description' is missing or empty"


def test_the_packaged_rules_pass_as_the_suite_says(cleaner):
    """The check agrees with tests/test_rule_examples.py: no packaged rule fails."""
    report = check_rules(cleaner, cleaner.profile.rules())
    assert report.rules == len(cleaner.profile.rules()) and report.examples > report.rules
    assert report.failures == []


def test_only_the_added_rule_files_are_checked_before_a_run(tmp_path):
    good = rule_file(tmp_path, GOOD)
    assert [r.id for r in rules_from(Cleaner(rules=[str(good)]), [str(good)])] == ["my-xx"]
    assert rules_from(Cleaner(), []) == []
