"""The punctuation rules found by their runs of separators (cleanup.mark_context) find
what their regex finds."""

from __future__ import annotations

import regex
from hypothesis import given, settings
from hypothesis import strategies as st

from cleanup import Cleaner
from cleanup.mark_context import disjoint, mark_context
from cleanup.rules import load_profile

PUNCT_RULES = ["punct-comma-fullwidth", "punct-semicolon-fullwidth", "punct-colon-fullwidth",
               "punct-question-fullwidth", "punct-exclamation-fullwidth"]
# Han, Chinese marks, the separators (blanks, line breaks, the five marks), Latin and digits
ALPHABET = "中国文，。“”（）《》— \t\n\u3000\u00a0\x1c\u2028,;:?!ab1.%-"


def rules():
    return {r.id: r for r in load_profile("zh-news").rules()}


def test_the_punctuation_rules_are_found_by_their_runs():
    found = [rid for rid, r in rules().items() if r.mark_context is not None]
    assert found == PUNCT_RULES


@settings(max_examples=400, deadline=None)
@given(st.text(alphabet=ALPHABET, max_size=60))
def test_the_runs_give_the_matches_the_regex_gives(text):
    for rid in PUNCT_RULES:
        rule = rules_by_id[rid]
        assert rule.mark_context is not None
        assert rule.mark_context.find(text) == [m.start() for m in rule.pattern.finditer(text)], rid


rules_by_id = rules()


def test_a_run_of_marks_and_blanks_takes_its_context_from_either_end():
    comma = rules_by_id["punct-comma-fullwidth"]
    assert [e.at for e in comma.find_edits("a, ,\n,中 b,c 中,", 2.0)] == [1, 3, 5, 13]
    assert comma.find_edits("1,000 and a,b", 2.0) == []


def test_a_long_run_of_separators_is_read_in_linear_time():
    """The regex's look-behind reads a run back from each mark in it (quadratic, and
    stopped by the timeout); the runs are read once each way."""
    comma = rules_by_id["punct-comma-fullwidth"]
    text = "中" + ", " * 200_000 + "a"
    assert len(comma.find_edits(text, 0.5)) == 200_000


def test_a_pattern_not_of_the_shape_or_with_shared_characters_is_searched_as_a_regex():
    assert mark_context(regex.compile(r"(?<=[a-z][\s,]*),|,(?=[\s,]*[a-z])", regex.V1)) is not None
    assert mark_context(regex.compile(r"(?<=[a-z,][\s,]*),|,(?=[\s,]*[a-z,])", regex.V1)) is None  # shared ,
    assert mark_context(regex.compile(r"(?<=[a-z][\s;]*),|,(?=[\s;]*[a-z])", regex.V1)) is None  # , no separator
    assert mark_context(regex.compile(r"(?<=[a-z][\s,]*),|,(?=[\s,]*[a-y])", regex.V1)) is None  # two contexts
    assert mark_context(regex.compile(r"(?i)(?<=[a-z][\s,]*),|,(?=[\s,]*[a-z])", regex.V1)) is None  # a flag
    assert disjoint(r"[\p{Han}]", r"[\s,]") and not disjoint(r"[\p{Han}]", r"[\s\u4e00]")


def test_cleaning_uses_them():
    assert Cleaner().clean("今天,明天; 后天:大后天?好!").text == "今天，明天；后天：大后天？好！\n"
