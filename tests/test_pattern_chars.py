"""required_chars: the characters a text must hold for a pattern to match in it, read from the pattern."""

from __future__ import annotations

import pytest
import regex
from hypothesis import given, settings
from hypothesis import strategies as st

from cleanup.pattern_chars import required_chars


@pytest.mark.parametrize(("pattern", "chars"), [
    (r"版", "版"), (r"第\d+版", "第"), (r"[ab]c?|a", "ab"), (r"(?m)^[ \t]+$", " \t"), (r"(?s:a.)", "a"),
    (r"(?|\((\w)\)|\[(\w)\])", "(["), (r"(?<=\p{Han}),|,(?=\p{Han})", ","), (r"\u7248{2}", "版"),
    (r"(?=a)", "a"), (r"(?<=[。！])\s*(?=记者)", "记"), (r"(?<=。)\s*(?=\p{Han}+摄$)", "。"), (r"\s*(?=\p{Han}+摄$)", "摄"),
    (r"[。！]\K\s*(?=\p{Han}+摄$)", "摄"),  # \K (keep out what came before) requires no character
])
def test_patterns_tell_a_character_every_match_holds(pattern: str, chars: str) -> None:
    assert required_chars(regex.compile(pattern, regex.VERSION1)) == frozenset(chars)


@pytest.mark.parametrize("pattern", [
    r"\d+", r"[^版]", r"(?i)a", r"(?mi)a", r"(?x)a b", r"a{e<=1}", r"[[:alpha:]]", r"[a--b]", r"[ab&&b]",
    r"(?P<x>a)(?P=x)", r"(?m)^", r"a?", r"x{0,3}", r"(?!a)", r"(?<!a)", r"(?=a)?", r"a|\w", r"[]a]", r"(a)?(?(1)b|c)",
])
def test_patterns_that_may_match_without_a_known_character_tell_none(pattern: str) -> None:
    assert required_chars(regex.compile(pattern, regex.VERSION1)) is None


@pytest.mark.parametrize(("pattern", "avoid", "chars"), [
    (r"[”」』][，,]\n[“「『]", "\n，,", "”」』"), (r"a\n", "a", "\n"), (r"(?:ab|c)d", "d", "ac"), (r"ab", "b", "a"),
])
def test_patterns_tell_the_smallest_set_avoiding_some_characters(pattern: str, avoid: str, chars: str) -> None:
    assert required_chars(regex.compile(pattern, regex.VERSION1), avoid) == frozenset(chars)


@pytest.mark.parametrize(("pattern", "avoid"), [(r"a\n", "a\n"), (r"(?:a|b)", "a"), (r"\d,", ",")])
def test_patterns_whose_every_part_holds_a_character_avoided_tell_none(pattern: str, avoid: str) -> None:
    assert required_chars(regex.compile(pattern, regex.VERSION1), avoid) is None


# Patterns over a small alphabet, from the syntax required_chars reads and some it does not.
ATOMS = st.sampled_from(["a", "b", "版", ".", "^", "$", r"\K", r"\d", r"\w", r"\x61", r"\u7248", r"\.", "[ab]", "[^a]",
                         "[a-c]", r"[\w版]", "(?=a)", "(?!b)", "(?<=a)", "(?m)", "(?s)", "(?i)"])
PATTERNS = st.recursive(
    ATOMS,
    lambda inner: st.one_of(
        st.tuples(inner, inner).map("".join),
        st.tuples(inner, inner).map("|".join),
        st.tuples(st.sampled_from(["(", "(?:", "(?>", "(?P<g>", "(?|", "(?m:", "(?s:", "(?i:"]), inner)
        .map(lambda t: f"{t[0]}{t[1]})"),
        st.tuples(st.sampled_from(["(", "(?:"]), inner, st.sampled_from(["*", "+", "?", "{2}", "{0,2}", "{1,}", "+?", "++"]))
        .map(lambda t: f"{t[0]}{t[1]}){t[2]}"),
    ),
    max_leaves=6,
)


@given(PATTERNS, st.text(alphabet="abAB版c.\n", max_size=30), st.text(alphabet="ab版", max_size=2))
@settings(max_examples=400, deadline=None)
def test_a_text_without_a_required_character_has_no_match(pattern: str, text: str, avoid: str) -> None:
    try:
        compiled = regex.compile(pattern, regex.VERSION1)
    except regex.error:
        return
    chars = required_chars(compiled, avoid)
    assert chars is None or not chars & set(avoid)
    if chars is not None and not chars & set(text):
        assert compiled.search(text) is None
