"""The punctuation rules found by their runs of separators (cleanup.mark_context) find
what their regex finds."""

from __future__ import annotations

from dataclasses import replace

import regex
from hypothesis import assume, given, settings
from hypothesis import strategies as st

from cleanup import Cleaner
from cleanup.mark_context import MarkContext, disjoint, mark_context
from cleanup.rules import load_profile

PUNCT_RULES = ["punct-comma-fullwidth", "punct-semicolon-fullwidth", "punct-colon-fullwidth",
               "punct-question-fullwidth", "punct-exclamation-fullwidth"]
# Han, Chinese marks, the separators (blanks, line breaks, the five marks), Latin and digits
ALPHABET = "中国文，。“”（）《》— \t\n\u3000\u00a0\x1c\u2028,;:?!ab1.%-"
# and the odd ones: CR, the blanks and breaks \s holds (\x85, \u2028...) or not (\x1c-\x1f,
# \u180e, \u200b, \ufeff), lone surrogates, astral Han and an astral symbol
WIDE_ALPHABET = ALPHABET + ("\r\x0b\x0c\x1d\x1e\x1f\x85\u1680\u180e\u2000\u200b\u2029\u202f\u205f\ufeff"
                            "\ud800\udfff\U00020000\U0001F600·…")


rules_by_id = {r.id: r for r in load_profile("zh-news").rules()}


def test_the_punctuation_rules_are_found_by_their_runs():
    found = [rid for rid, r in rules_by_id.items() if r.mark_context is not None]
    assert found == PUNCT_RULES


@settings(max_examples=400, deadline=None)
@given(st.text(alphabet=ALPHABET, max_size=60))
def test_the_runs_give_the_matches_the_regex_gives(text):
    for rid in PUNCT_RULES:
        rule = rules_by_id[rid]
        assert rule.mark_context is not None
        assert rule.mark_context.find(text) == [m.start() for m in rule.pattern.finditer(text)], rid


@settings(max_examples=400, deadline=None)
@given(st.text(alphabet=WIDE_ALPHABET, max_size=40))
def test_the_runs_give_the_matches_the_regex_gives_over_odd_characters(text):
    for rid in PUNCT_RULES:
        rule = rules_by_id[rid]
        assert rule.mark_context.find(text) == [m.start() for m in rule.pattern.finditer(text)], rid


def test_a_mark_at_either_end_of_the_text_takes_context_only_from_its_run():
    comma = rules_by_id["punct-comma-fullwidth"].mark_context
    assert comma.find(",中") == [0] and comma.find("中,") == [1] and comma.find(", \r\n,") == []
    assert comma.find(",a中") == []  # a run at the start has nothing before it (not the text's last character)
    assert comma.find("中a,") == []  # nor one at the end anything after it
    assert comma.find("中 ,a, 中") == [2, 4]  # two runs, each with its own context
    assert comma.find("a,\x1c中") == []  # \x1c is not a blank to regex's \s: it ends the run


# the items of generated classes: single characters, escapes, properties, a range
ITEMS = ["a", "b", ",", ";", " ", "中", r"\s", r"\d", r"\w", r"\p{Han}", r"\]", r"\^", r"\-", "0-9"]


@st.composite
def shapes(draw):
    """A pattern of the shape with classes of :data:`ITEMS`: the context a plain class,
    a negated one, or a V1 set difference."""
    mark = draw(st.sampled_from(",;-"))
    items = "".join(draw(st.lists(st.sampled_from(ITEMS), min_size=1, max_size=3))) + regex.escape(mark)
    separators = f"[{items}]"
    kind = draw(st.sampled_from(["plain", "negated", "difference"]))
    others = "".join(draw(st.lists(st.sampled_from(ITEMS), min_size=1, max_size=3)))
    context = {"plain": f"[{others}]", "negated": f"[^{items}]", "difference": f"[{others}--{items}]"}[kind]
    m = regex.escape(mark)
    return f"(?<={context}{separators}*){m}|{m}(?={separators}*{context})"


@settings(max_examples=200, deadline=None)
@given(shapes(), st.lists(st.text(alphabet="ab ,;-中1_]^\n", max_size=16), min_size=4, max_size=4))
def test_any_pattern_of_the_shape_taken_finds_what_its_regex_finds(pattern, texts):
    compiled = regex.compile(pattern, regex.VERSION1)
    found = mark_context(compiled)
    assume(found is not None)  # not when the context and separators share a character
    for text in texts:
        assert found.find(text) == [m.start() for m in compiled.finditer(text)], (pattern, text)


class Counted(dict):
    """A character-kind memo that counts the characters the walk looks at."""

    read = 0

    def __contains__(self, char: object) -> bool:
        self.read += 1
        return super().__contains__(char)


def characters_read(finder: MarkContext, text: str) -> int:
    counted = replace(finder, kinds=Counted())
    counted.find(text)
    return counted.kinds.read


def test_each_run_is_read_at_most_once_each_way_whatever_the_text():
    """No timeout guards the search: on a hostile text it reads each character at most
    twice (counted, not timed)."""
    comma = rules_by_id["punct-comma-fullwidth"].mark_context
    n = 20_000
    for text in (" " * n, ", " * n, "," * n, "a, " * n, "中" + ", " * n, ", " * n + "中", "a,b" * n):
        assert characters_read(comma, text) <= 2 * len(text), repr(text[:6])


def test_a_rule_of_the_shape_in_a_users_file_is_searched_as_a_timed_regex(tmp_path):
    own = tmp_path / "own.toml"
    own.write_text('[[rule]]\nid = "own-comma"\nstage = "normalize"\ndescription = "a comma"\n'
                   "pattern = '(?<=[a-z][\\s,]*),|,(?=[\\s,]*[a-z])'\n"
                   'replace = "，"\nexamples = [["a,b", "a，b"]]\n', encoding="utf-8")
    loaded = {r.id: r for r in load_profile("zh-news", extra_rules=[own]).rules()}
    assert mark_context(loaded["own-comma"].pattern) is not None  # of the shape
    assert loaded["own-comma"].mark_context is None  # but not vetted
    assert loaded["punct-comma-fullwidth"].mark_context is not None


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
