"""required_chars: the characters a text must hold for a pattern to match in it, read from the pattern;
first_chars: those its matches start with."""

from __future__ import annotations

import pytest
import regex
from hypothesis import given, settings
from hypothesis import strategies as st

from cleanup.pattern_chars import (first_chars, is_one_class, line_spans_holding, line_starts_holding, match_starts,
                                   opens_lines, required_chars, stays_on_one_line)


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


@pytest.mark.parametrize("pattern", [
    r"(?m)^[ \t]+", r"[^“”\n]{1,30}“", r"(?m)a$", r"[[\p{Cc}\p{Cf}]--[\n\t]]+", r"\p{Han}+", r".", r"\S",
    r"a{2,3}(?P<x>b)\g<x>", r"[]a]", r"(?|(a)|(b))\1", r"(?<=\p{Han})[ ]+(?=[A-Z])", r"\bword\b", r"[。]\K +",
])
def test_patterns_that_stay_on_one_line(pattern: str) -> None:
    assert stays_on_one_line(regex.compile(pattern, regex.VERSION1))


@pytest.mark.parametrize("pattern", [
    r"(?m)^\s+", r"[^x]", r"a$", r"^a", r"(?s).", r"\Aa", r"a\Z", r"(?<=\p{Han})\s", r"a{e<=1}", r"\u000a",
    r"[\]\n]", r"\n", "\n", r"(?i)a", r"\N{LINE FEED}", r"\W", r"[[:space:]]", r"(?x)a b", r"\p{Cc}",
    r"a$(?m)", r"a$|(?m)b", r"(?|a$|(?m)b)", r"a\K$(?m)", r"(?:记者$)(?m)",  # (?m) reads on from where it stands
    r"a|\012", r"\0", r"\PL", r"\pC",  # octal escapes; one-letter classes
])
def test_patterns_that_may_reach_across_a_line_break_or_are_not_read(pattern: str) -> None:
    assert not stays_on_one_line(regex.compile(pattern, regex.VERSION1))


LINE_PATTERNS = st.sampled_from([r"(?m)^ +", r"(?m) +$", r"(?<=a) +(?=b)", r"a[^\n]{0,3}b", r"(?<!a)b+", r"(?m)^b|a$",
                                 r"(?<=[ab]{2})a", r"\ba\b", r"[a ]+"])


@given(LINE_PATTERNS, st.text(alphabet="ab \n", max_size=40))
@settings(max_examples=300, deadline=None)
def test_a_pattern_that_stays_on_one_line_finds_in_a_text_what_it_finds_in_its_lines(pattern: str, text: str) -> None:
    compiled = regex.compile(pattern, regex.VERSION1)
    assert stays_on_one_line(compiled)
    at, by_line = 0, []
    for line in text.split("\n"):
        by_line += [m.span() for m in compiled.finditer(text, at, at + len(line))]
        at += len(line) + 1
    assert [m.span() for m in compiled.finditer(text)] == by_line


def test_lines_holding_some_characters() -> None:
    text = "甲乙\n丙 丁\n\n戊 己 庚" + "辛" * 1500
    assert line_spans_holding(text, (" ",), len(text)) == ((3, 6), (8, len(text)))
    assert line_spans_holding(text, ("壬",), len(text)) == ()
    assert line_spans_holding(text, (" ",), 100) is None  # they would add up to more than 100 characters
    assert line_spans_holding("甲 乙\n" * 10, (" ",), 1000) is None  # one in every few characters


@pytest.mark.parametrize(("pattern", "one"), [
    (r"[[\p{Cc}\p{Cf}]--[\n\t]]+", True), (r"[a-z]", True), (r"[ab]+c", False), (r"[ab]*", False), (r"a+", False),
    (r"[a][b]", False),
])
def test_patterns_of_one_character_class(pattern: str, one: bool) -> None:
    assert is_one_class(regex.compile(pattern, regex.VERSION1)) is one


def test_lines_holding_some_characters_are_found_by_the_first_set_the_text_holds_few_of() -> None:
    text = "“甲” 乙\n“丙”\n“丁”\n" + ("戊" * 1000 + "\n") * 3
    assert line_spans_holding(text, (" ", "“”"), len(text)) == ((0, 5),)
    assert line_spans_holding(text, ("“”", " "), len(text)) == ((0, 5), (6, 9), (10, 13))
    crowded = text + "“”" * 10  # the quote marks are too many to search their lines: the blank's line
    assert line_spans_holding(crowded, ("“”", " "), len(crowded)) == ((0, 5),)


@pytest.mark.parametrize("pattern", [r"(?m)^a", r"(?m)^(?:a|b)c", r"(?m)(?s)^a(?=b|c)", r"^a(?m)"])
def test_patterns_opening_with_a_line_start_tell_so(pattern: str) -> None:
    assert opens_lines(regex.compile(pattern, regex.VERSION1))


@pytest.mark.parametrize("pattern", [r"^a", r"(?m)^a|b", r"(?m)a^", r"(?m)(?:^a)", r"(?m)^*a", r"(?m:^a)",
                                     r"(?m)\A^a", r"(?mx)^a"])
def test_patterns_whose_matches_may_start_inside_a_line_or_are_not_read_do_not(pattern: str) -> None:
    assert not opens_lines(regex.compile(pattern, regex.VERSION1))


def test_the_lines_holding_a_character_of_each_set_are_found_by_their_starts() -> None:
    text = "ab\ncd\nxa\nab b\n\nb"
    assert line_starts_holding(text, ("ab", "b")) == [0, 9, 15]
    assert line_starts_holding(text, ("a", "b")) == [0, 9]
    assert line_starts_holding(text, ("b", "a")) == [0, 9]
    assert line_starts_holding(text, ("z",)) == []


@given(st.text(alphabet="ab\n", max_size=30), st.sampled_from(["a", "b", "ab"]))
@settings(max_examples=200, deadline=None)
def test_a_pattern_opening_lines_matches_only_at_the_starts_of_lines_holding_its_characters(text, chars) -> None:
    pattern = regex.compile(f"(?m)^[^\\n]*[{chars}]", regex.VERSION1)
    assert opens_lines(pattern)
    assert [m.start() for m in pattern.finditer(text)] == line_starts_holding(text, (chars,))


@pytest.mark.parametrize(("pattern", "chars"), [
    (r"a?b", "ab"), (r"(?:ab|c)*d", "acd"), (r"(?=x)y", "y"), (r"(?<!q)[xy]+", "xy"), (r"\bfoo", "f"),
    (r"(?m)^[ \t]+|[ \t]+$", " \t"), (r"(?<=“[^“”\n]{1,30})[ ]*“(?=[，。])", " “"), (r"(a|b?)c", "abc"),
    (r"(?|\((\w)\)|\[(\w)\])", "(["), (r"\u7248{2}", "版"), (r"(?m:a)", "a"),
])
def test_patterns_tell_the_characters_every_match_starts_with(pattern: str, chars: str) -> None:
    assert first_chars(regex.compile(pattern, regex.VERSION1)) == frozenset(chars)


@pytest.mark.parametrize("pattern", [
    r"a*", r"x|", r"(?=a)", r"[^a]", r".b", r"\d+", r"\p{Han}", r"(?m)^\s+", r"(?i)a", r"(?:a|)\Kb", r"a\Kb",
    r"(?:a|\w)b", r"[a--b]", r"(?P<x>a)(?P=x)",
])
def test_patterns_whose_matches_may_start_anywhere_or_are_not_read_tell_none(pattern: str) -> None:
    assert first_chars(regex.compile(pattern, regex.VERSION1)) is None


# Patterns of the same syntax, each with a text it matches (its atoms' texts put
# together): set among random characters, most cases hold a match whose start to check.
# Atoms whose characters can be listed come eight times as often as the others (which
# make first_chars None where they may start a match, and the case ends unchecked).
LISTED_ATOMS = {"a": "a", "b": "b", "版": "版", r"\x61": "a", r"\u7248": "版", r"\.": ".", "[ab]": "ab", "[a-c]": "bc"}
OTHER_ATOMS = {".": "ac版", "^": "", "$": "", r"\K": "", r"\d": "7", r"\w": "aB", "[^a]": "b.", r"[\w版]": "a版",
               "(?=a)": "", "(?!b)": "", "(?<=a)": "", "(?m)": "", "(?s)": "", "(?i)": ""}
ATOM_TEXTS = {**LISTED_ATOMS, **OTHER_ATOMS}
REPEATS = {"*": (0, 2), "+": (1, 2), "?": (0, 1), "{2}": (2, 2), "{0,2}": (0, 2), "{1,}": (1, 2), "+?": (1, 2),
           "++": (1, 2)}
REPEATED = [q for q, (low, _) in REPEATS.items() for _ in range(3 if low else 1)]  # at least once: three times as often


def repeated(opener: str, inner: tuple[str, str], quantifier: str, n: int) -> tuple[str, str]:
    low, high = REPEATS[quantifier]
    return f"{opener}{inner[0]}){quantifier}", inner[1] * (low + n % (high - low + 1))


MATCHED_PATTERNS = st.recursive(
    st.sampled_from(sorted(LISTED_ATOMS) * 8 + sorted(OTHER_ATOMS)).flatmap(
        lambda atom: st.tuples(st.just(atom), st.sampled_from(ATOM_TEXTS[atom] or [""]))),
    lambda inner: st.one_of(
        st.tuples(inner, inner).map(lambda t: (t[0][0] + t[1][0], t[0][1] + t[1][1])),
        st.tuples(inner, inner, st.booleans()).map(lambda t: (f"{t[0][0]}|{t[1][0]}", t[1][1] if t[2] else t[0][1])),
        # (?i: makes first_chars None: half as often as each other group
        st.tuples(st.sampled_from(["(", "(?:", "(?>", "(?P<g>", "(?|", "(?m:", "(?s:"] * 2 + ["(?i:"]), inner)
        .map(lambda t: (f"{t[0]}{t[1][0]})", t[1][1])),
        st.tuples(st.sampled_from(["(", "(?:"]), inner, st.sampled_from(REPEATED), st.integers(0, 2))
        .map(lambda t: repeated(*t)),
    ),
    max_leaves=6,
)
NOISE = st.text(alphabet="abAB版c.\n", max_size=10)
PATTERNS_IN_TEXTS = st.tuples(MATCHED_PATTERNS, NOISE, NOISE).map(lambda t: (t[0][0], t[1] + t[0][1] + t[2]))


@given(PATTERNS_IN_TEXTS)
@settings(max_examples=400, deadline=None)
def test_a_match_starts_with_one_of_the_first_characters(case: tuple[str, str]) -> None:
    pattern, text = case
    try:
        compiled = regex.compile(pattern, regex.VERSION1)
    except regex.error:
        return
    chars = first_chars(compiled)
    if chars is None:
        return
    for at in range(len(text) + 1):
        if compiled.match(text, at) is not None:
            assert text[at : at + 1] in chars


def test_where_a_few_characters_stand() -> None:
    text = "甲 乙\t丙" + "丁" * 1000
    assert match_starts(text, " \t") == (1, 3)
    assert match_starts(text, "戊") == ()
    assert match_starts("甲 乙" * 100, " ") is None  # one in every few characters: a search costs less
