"""The rule registry: every rule has code, all code has a rule, and every rule can be turned off."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pytest

from cleanup import Cleaner
from cleanup.document import Document, undo
from cleanup.errors import RuleError
from cleanup.pipeline import build_stage
from cleanup.rules import Rule, StageConfig, load_profile
from cleanup.stage import Stage, handles
from cleanup.stages import STAGES

PROFILE = load_profile("zh-news")
RULES = {r.id: r for r in PROFILE.rules()}


def stage_config(rule_id: str, disable: list[str]) -> StageConfig:
    profile = load_profile("zh-news", disable=disable)
    return next(s for s in profile.stages if s.name == RULES[rule_id].stage)


def rules_fired(stage: Stage, texts: list[str]) -> set[str]:
    return {c.rule for text in texts for c in stage.run(Document(text)).changes}


@pytest.mark.parametrize("rule_id", list(RULES))
def test_a_disabled_rule_makes_none_of_its_changes(rule_id: str):
    """Cleaned with the rule off, its own examples get no change of it; the
    change records still rebuild the input, and cleaning again changes nothing."""
    cleaner = Cleaner(disable=[rule_id])
    for raw, _ in RULES[rule_id].examples:
        result = cleaner.clean(raw)
        assert rule_id not in {c.rule for c in result.changes}
        assert undo(result.text, result.changes) == raw
        assert cleaner.clean(result.text).text == result.text


@pytest.mark.parametrize("rule_id", list(RULES))
def test_the_other_rules_of_its_stage_still_run(rule_id: str):
    """Over all the examples of the stage, every other rule still fires."""
    config = stage_config(rule_id, [])
    examples = [raw for rule in config.rules for raw, _ in rule.examples]
    everything = rules_fired(build_stage(config, 2.0), examples)
    without = rules_fired(build_stage(stage_config(rule_id, [rule_id]), 2.0), examples)
    assert rule_id in everything and rule_id not in without
    assert without == everything - {rule_id}


def test_every_stage_has_code_for_each_of_its_param_rules_and_a_rule_for_all_its_code():
    for config in PROFILE.stages:
        cls = STAGES[config.name]
        assert set(cls.handlers) == {r.id for r in config.rules if r.kind == "param"}


def rule_file(tmp_path: Path, rule_id: str, stage: str, kind: str) -> Path:
    path = tmp_path / "mine.toml"
    path.write_text(f'[[rule]]\nid = "{rule_id}"\nstage = "{stage}"\nkind = "{kind}"\n'
                    'description = "d"\nconfig = "t2s"\nexamples = [["a", "b"]]\n', encoding="utf-8")
    return path


def test_a_param_rule_without_code_is_refused(tmp_path):
    path = rule_file(tmp_path, "fragment-orphan-dash", "fragments", "param")
    with pytest.raises(RuleError) as err:
        Cleaner(rules=[path])
    assert err.value.where == str(path)
    assert err.value.message == "rule fragment-orphan-dash: stage fragments has no code for it"


def test_a_rule_of_a_kind_its_stage_does_not_run_is_refused(tmp_path):
    path = rule_file(tmp_path, "debris-t2s", "debris", "opencc")
    with pytest.raises(RuleError, match="rule debris-t2s: stage debris has no code for kind 'opencc' "
                                        r"\(it runs regex and its own\)"):
        Cleaner(rules=[path])


def test_code_without_a_rule_is_refused():
    config = next(s for s in PROFILE.stages if s.name == "fragments")
    lacking = replace(config, rules=[r for r in config.rules if r.id != "fragment-dangling-end"])
    with pytest.raises(RuleError, match="Fragments.dangling_end is the code of rule fragment-dangling-end, "
                                        "which no rule file of the stage defines") as err:
        build_stage(lacking, 2.0)
    assert "fragments.toml" in err.value.message


def test_code_for_a_disabled_rule_is_fine():
    config = stage_config("fragment-dangling-end", ["fragment-dangling-end"])
    assert [r.id for r in config.disabled] == ["fragment-dangling-end"]
    assert build_stage(config, 2.0).evidence[0][0] == "fragment-headline-piece"


def test_a_handler_is_called_only_for_an_enabled_rule():
    called: list[str] = []

    class Demo(Stage):
        name = "demo"

        def __init__(self, config: StageConfig, timeout: float) -> None:
            super().__init__(config, timeout)
            self.code = self.rule_code()

        @handles("demo-on")
        def on(self, rule: Rule) -> str:
            called.append(rule.id)
            return "code of " + rule.id

        @handles("demo-off")
        def off(self, rule: Rule) -> str:
            called.append(rule.id)
            return "code of " + rule.id

    def rule(rule_id: str) -> Rule:
        return Rule(rule_id, "demo", "d", "param", "demo.toml")

    demo = Demo(StageConfig("demo", [rule("demo-on")], disabled=[rule("demo-off")]), 2.0)
    assert demo.code == {"demo-on": "code of demo-on"}
    assert demo.code_of(demo.off) is None and called == ["demo-on"]


def test_two_methods_cannot_handle_one_rule():
    with pytest.raises(TypeError, match="both handle demo-rule"):
        class Twice(Stage):
            @handles("demo-rule")
            def first(self, rule: Rule) -> None: ...

            @handles("demo-rule")
            def second(self, rule: Rule) -> None: ...
