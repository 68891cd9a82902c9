"""Every rule's own examples, one test each (``rule-id[n]``).

An example runs through the rule's whole stage as the default profile
configures it.  Its output must match, replaying the change records must
rebuild the input, and a second run must change nothing.  ``keep`` strings
must pass through the stage untouched.
"""

from __future__ import annotations

import pytest

from cleanup.document import Document, undo
from cleanup.pipeline import build_stage
from cleanup.rules import load_profile

PROFILE = load_profile("zh-news")
STAGES = {s.name: build_stage(s, timeout=2.0) for s in PROFILE.stages}


def run_stage(stage_name: str, text: str) -> Document:
    return STAGES[stage_name].run(Document(text))


def cases(attr: str):
    for rule in PROFILE.rules():
        for n, item in enumerate(getattr(rule, attr)):
            marks = [pytest.mark.xfail(strict=True)] if rule.xfail and attr == "examples" else []
            yield pytest.param(rule, item, id=f"{rule.id}[{n}]", marks=marks)


@pytest.mark.parametrize(("rule", "example"), list(cases("examples")))
def test_example(rule, example):
    raw, expected = example
    doc = run_stage(rule.stage, raw)
    assert doc.text == expected
    assert any(c.rule == rule.id for c in doc.changes), f"{rule.id} did not fire"
    assert undo(doc.text, doc.changes) == raw
    assert run_stage(rule.stage, doc.text).text == doc.text


@pytest.mark.parametrize(("rule", "kept"), list(cases("keep")))
def test_keep(rule, kept):
    doc = run_stage(rule.stage, kept)
    assert not [c for c in doc.changes if c.rule == rule.id]


def test_every_rule_has_examples():
    assert PROFILE.rules()
    for rule in PROFILE.rules():
        assert rule.examples, rule.id
