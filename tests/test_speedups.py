"""Fast paths give exactly what the plain computation they replace gives.

Each test states the plain computation (as the code was before it was
made fast) and checks the fast one against it on generated input.
"""

from __future__ import annotations

import sys
import unicodedata
from bisect import bisect_right
from collections import Counter
from dataclasses import replace
from functools import cache
from itertools import pairwise

import pytest
import regex
from hypothesis import given, settings
from hypothesis import strategies as st
from rapidfuzz import fuzz

from cleanup.document import Document, Edit
from cleanup.pattern_chars import lines_reaching
from cleanup.shape import lines
from cleanup.patterns import VETTED_LENGTH, ParamPattern, Prescan, char_class, fuse_patterns, is_fusable
from cleanup.pipeline import Cleaner, build_stage
from cleanup.roles import COLUMN_SHARE, MIN_COLUMN_LINES, WINDOW, _measure, _measure_all, _windows, learn_columns
from cleanup.rules import Rule, _vetted, load_profile
from cleanup.stage import Stage, Touched
from cleanup.stages.dedup import comparison_key, find_pairs
from cleanup.textkey import comparison_keys
from cleanup.stages.fragments import cuts_segment, slips_at_most
from cleanup.stages.normalize import Normalize
from cleanup.shape import AnyOf, Shape, ends_with
from cleanup.stages.paragraphs import _STRIPPED_NOT_SPACE
from cleanup.stages.stutter import Stutter
from cleanup.wordlists import Lexicon

from conftest import DEVSET, SAMPLES
from pagegen import make_pages

# characters that stress NFKC, quotes and whitespace: compatibility forms,
# combining marks, Hangul jamo that compose, quotes, odd spaces
TRICKY = "，（）：；？！\u3000ＡａＢ１２,()“”„‟‘’\"' \t\u00a0\u2028\u0301\u0308\u1100\u1161\u11a8ﬁ㈱①eAΣς甲乙丙和林县"


@cache
def stage(name: str) -> Stage:
    return next(s for s in Cleaner().stages if s.name == name)


def plain_comparison_key(text: str) -> str:
    quotes = str.maketrans({"“": '"', "”": '"', "„": '"', "‟": '"', "‘": "'", "’": "'"})
    return regex.sub(r"\s+", "", unicodedata.normalize("NFKC", text).translate(quotes)).casefold()


@given(st.text(alphabet=TRICKY, max_size=40))
@settings(max_examples=200, deadline=None)
def test_comparison_key_is_nfkc_of_the_line(text):
    assert comparison_key(text) == plain_comparison_key(text)


@given(st.lists(st.text(alphabet=TRICKY, max_size=20), max_size=6))
@settings(max_examples=200, deadline=None)
def test_comparison_keys_folded_together_are_each_lines_own(lines_: list[str]):
    """Combining marks and Hangul jamo at a line's ends compose with nothing across the break."""
    assert comparison_keys(lines_) == [plain_comparison_key(line) for line in lines_]


# characters whose NFKC composes with the one before (か and a halfwidth voiced mark, e and an
# acute, Hangul jamo, < and a slash), decomposes to marks alone (U+0F73, U+0344), or whose
# casefold grows (ß, İ): at a line's ends, none may reach across the break
COMPOSING = "か\uff9e\uff9f\u3099ｶe\u0301\u0327\u0f73\u0344ᄀ\u1161\u11a8가<\u0338=ﬁ\u00a8Σςİß\U0001d400 \u3000\u2028\x1c"


@given(st.lists(st.one_of(st.text(alphabet=COMPOSING, max_size=8),
                          st.text(st.characters(blacklist_characters="\n", blacklist_categories=()), max_size=12)),
                max_size=6))
@settings(max_examples=300, deadline=None)
def test_comparison_keys_folded_together_are_each_lines_own_over_all_of_unicode(lines_: list[str]):
    """Any character but a line break, surrogates, astral and unassigned ones too."""
    assert comparison_keys(lines_) == [comparison_key(line) for line in lines_]
    assert comparison_keys(lines_) == [plain_comparison_key(line) for line in lines_]


def test_no_fold_of_a_comparison_key_makes_or_unmakes_a_line_break_or_a_space():
    """What comparison_keys splits on and comparison_key drops, for every character alone:
    NFKC and casefold make a line break of none but itself; casefold (run before the spaces
    are dropped) changes no space and makes none."""
    chars = list(map(chr, range(sys.maxunicode + 1)))
    spaces = set(regex.findall(r"\s", "".join(chars))) | {c for c in chars if c.isspace()}
    assert [c for c in chars if "\n" in unicodedata.normalize("NFKC", c).casefold()] == ["\n"]
    assert not [c for c in chars if c.casefold() != c and (c in spaces or not spaces.isdisjoint(c.casefold()))]


def test_comparison_keys_refuse_a_line_holding_a_line_break():
    with pytest.raises(ValueError, match="line break"):
        comparison_keys(["甲\n乙", "丙"])


@given(st.lists(st.text(alphabet="甲乙丙丁戊", min_size=8, max_size=30), min_size=2, max_size=12),
       st.sampled_from([60.0, 80.0, 90.0, 95.0]))
@settings(max_examples=150, deadline=None)
def test_find_pairs_finds_every_pair_over_the_cutoff(keys, cutoff):
    everything = range(len(keys))
    exact = {(i, j) for i in everything for j in everything if i < j and keys[i] == keys[j]}
    near = {
        (i, j) for i in everything for j in everything
        if i < j and keys[i] != keys[j] and fuzz.ratio(keys[i], keys[j], score_cutoff=cutoff)
    }
    found = {(i, j) for i, j, _ in find_pairs(keys, list(everything), cutoff)}
    # an exact copy pairs with the first of its key only; near pairs join distinct keys
    firsts = {keys.index(k) for k in keys}
    assert {p for p in found if keys[p[0]] == keys[p[1]]} == {(keys.index(keys[j]), j) for _, j in exact}
    assert {p for p in found if keys[p[0]] != keys[p[1]]} == {p for p in near if set(p) <= firsts}


def plain_to_raw(doc: Document, step: int, pos: int, side: str) -> int:
    for s in reversed(doc.steps[:step]):
        i = bisect_right(s.out_starts, pos) - 1
        if i < 0:
            continue
        e = s.edits[i]
        out_end = s.out_starts[i] + len(e.after)
        if pos >= out_end:
            pos = e.end + (pos - out_end)
        elif pos == s.out_starts[i]:
            pos = e.at
        else:
            pos = e.at if side == "start" else e.end
    return pos


@st.composite
def edited_documents(draw):
    doc = Document(draw(st.text(alphabet="ab\n ", min_size=1, max_size=30)))
    for _ in range(draw(st.integers(1, 4))):
        text, edits, at = doc.text, [], 0
        while at < len(text):
            at += draw(st.integers(0, 3))
            size = draw(st.integers(0, 3))
            if at + size > len(text):
                break
            edits.append(Edit(at, text[at : at + size], draw(st.sampled_from(["", "x", "yy"])), "r"))
            at += size + 1
        doc.apply("s", edits)
    return doc


@given(edited_documents())
@settings(max_examples=150, deadline=None)
def test_changes_map_to_the_raw_input_like_one_offset_at_a_time(doc):
    for change in doc.changes:
        e = doc.steps[change.step].edits
        edit = next(x for x in e if x.at == change.at)
        start = plain_to_raw(doc, change.step, edit.at, "start")
        assert (change.start, change.end) == (start, max(start, plain_to_raw(doc, change.step, edit.end, "end")))


def plain_crosses_word(words: frozenset[str], max_word: int, a: str, b: str) -> str:
    if not (a and b and regex.match(r"\p{Han}", a[-1]) and regex.match(r"\p{Han}", b[0])):
        return ""
    for k in range(1, max_word):
        for m in range(1, max_word - k + 1):
            left, right = a[-k:], b[:m]
            if len(left) < k or len(right) < m:
                continue
            if left + right in words:
                return left + right
    return ""


@given(st.text(alphabet="中国人民发展会议经济社会的了", max_size=8),
       st.text(alphabet="中国人民发展会议经济社会的了", max_size=8))
@settings(max_examples=200, deadline=None)
def test_paragraph_break_finds_the_same_cut_word(a, b):
    lexicon = stage("paragraphs").lexicon
    assert stage("paragraphs")._crosses_word(a, b) == plain_crosses_word(lexicon.costs, lexicon.max_len, a, b)


@given(st.text(alphabet="甲乙丙丁", max_size=30))
@settings(max_examples=200, deadline=None)
def test_stutter_repeat_starts_match_the_overlapped_search(s):
    stutter = stage("stutter")
    plain = regex.compile(rf"(\p{{Han}}{{1,{stutter.max_unit}}})\1")
    expected = sorted({m.start() for m in plain.finditer(s, overlapped=True)})
    assert [m.start() for m in stutter.repeat.finditer(s)] == expected


@given(st.text(alphabet="人人民民会议会议，、12 a研究", max_size=40))
@settings(max_examples=200, deadline=None)
def test_stutter_judges_the_same_runs_as_walking_every_han_run(text):
    stutter = stage("stutter")
    plain = [e for run in regex.finditer(r"\p{Han}+", text)
             for e in stutter.run_edits(run.group(), run.start(),
                                        [m.start() for m in stutter.repeat.finditer(run.group())])]
    assert stutter.find_words(text) == plain


@given(st.sets(st.characters(max_codepoint=0x3000, exclude_categories=("Cs",)), min_size=1, max_size=30))
@settings(max_examples=200, deadline=None)
def test_char_class_matches_exactly_its_characters(chars):
    cls = regex.compile(char_class(chars), regex.VERSION1)
    near = {chr(c) for ch in chars for c in (ord(ch) - 1, ord(ch), ord(ch) + 1) if 0 <= c < 0xD800}
    assert {c for c in near if cls.fullmatch(c)} == chars & near


@pytest.mark.parametrize("pattern", [r"(a)\1", r"(?P<x>a)(?P=x)", r"\g<1>", r"(?x)a # note", r"(?V0)a",
                                     r"(?(1)a|b)", r"(?R)", r"(?-1)", r"甲(*PRUNE)乙", r"a(*SKIP)b"])
def test_patterns_that_read_differently_inside_others_are_not_fused(pattern):
    assert not is_fusable(pattern)


@pytest.mark.parametrize("pattern", [r"(?m)^a", r"(?i:a)b", r"(?|(a)|(b))", r"(?<=a)(?P<page>b)"])
def test_patterns_that_keep_their_meaning_inside_others_are_fused(pattern):
    assert is_fusable(pattern)


NORMALIZE_ALPHABET = "中文，,;:?!()\"' \u3000\t\n\r\u200b１Ａａa1."


@cache
def normalize_stage(pays_after: int) -> Normalize:
    """A normalize stage of its own whose group searches compile after ``pays_after`` characters."""
    config = next(s for s in load_profile().stages if s.name == "normalize")
    normalize = build_stage(config, 2.0)
    assert isinstance(normalize, Normalize)
    normalize.group_steps(pays_after)
    return normalize


def groups(normalize: Normalize) -> list[Prescan]:
    return list({id(step.group): step.group for step in normalize.steps if step.group is not None}.values())


@given(st.text(alphabet=NORMALIZE_ALPHABET, max_size=40))
@settings(max_examples=300, deadline=None)
def test_a_normalize_group_finds_nothing_only_where_none_of_its_rules_fires(text):
    normalize = normalize_stage(0)
    for group in groups(normalize):
        if group.finds_nothing(text, 2.0):
            assert not any(step.find(text) for step in normalize.steps if step.group is group)


def test_normalize_rules_needing_the_same_characters_share_one_search():
    """The two rules needing a "(" are searched for at once; a rule whose characters
    are not known (a large class) is searched alone, and so is one searched line
    by line (the six blank rules)."""
    normalize = normalize_stage(0)
    group_of = {step.rule.id: step.group for step in normalize.steps}
    paren = group_of["punct-paren-pair-fullwidth"]
    assert paren is not None and paren.ids == {"punct-paren-pair-fullwidth", "punct-paren-open-fullwidth"}
    assert group_of["control-chars"] is group_of["ideograph-lookalike"] is group_of["fullwidth-alnum"] is None
    blank = ["space-line-trim", "space-han-alnum", "space-han-han", "space-cjk-punct", "space-cjk-bracket",
             "space-latin-collapse"]
    assert all(group_of[rule] is None for rule in blank)
    assert {step.rule.id for step in normalize.steps if step.rule.line_needs} >= set(blank)
    assert group_of["punct-comma-fullwidth"] is None  # the only rule needing a comma
    for step in normalize.steps:
        if step.group is not None:
            assert step.rule.trigger() is not None and all(
                other.needs == step.needs for other in normalize.steps if other.group is step.group)


# bylines with quote marks for blanks, and marks a settle round makes full-width beside them
BYLINE_TEXT = st.lists(st.sampled_from(["记者", "通讯员", " ", "“", "”", "王磊", "摄", "（", ")", ",", "\n", "\u3000",
                                        "中", "a"]), max_size=20).map("".join)


@pytest.mark.parametrize("pays_after", [0, 10**9], ids=["prescan-compiled", "prescan-not-yet"])
@given(text=st.text(alphabet=NORMALIZE_ALPHABET, max_size=40) | BYLINE_TEXT)
@settings(max_examples=300, deadline=None)
def test_normalize_with_its_skips_edits_like_every_rule_in_turn(pays_after, text):
    """Skipping rules (prescan, needed characters, a settle round's line rule searching
    only the lines changed since it found nothing) changes no edit."""
    normalize = normalize_stage(pays_after)
    fast, plain = Document(text), Document(text)
    normalize.run(fast)
    for step in normalize.steps:
        plain.apply("normalize", step.find(plain.text))
    for _ in range(normalize.settle_rounds):
        made = len(plain.steps)
        for step in normalize.settle_steps:
            plain.apply("normalize", step.find(plain.text))
        if len(plain.steps) == made:
            break
    assert [s.edits for s in fast.steps] == [s.edits for s in plain.steps]


def test_a_map_rule_searches_only_texts_holding_its_characters_and_finds_them_all():
    """The stdlib class search passing a text by reads the table as the rule's own pattern does."""
    normalize = normalize_stage(0)
    for step in normalize.steps:
        if step.rule.kind != "map":
            continue
        pattern = regex.compile(normalize.map_pattern(step.rule), regex.VERSION1)
        for char in step.rule.table:
            for text in (f"中{char}文", f"a{char}", char):
                want = [(m.start(), m.group()) for m in pattern.finditer(text)]
                assert [(e.at, e.before) for e in step.find(text)] == want, (step.rule.id, text)
        assert step.find("会议今天召开。") == []


def test_a_settle_round_searches_a_line_rule_only_in_the_lines_changed_since_it_found_nothing(monkeypatch):
    normalize = normalize_stage(0)
    page = "（记者 王磊）,\n" + "会议今天召开。\n" * 50 + "代表 a\n"
    searched: list[tuple[str, object]] = []
    find_edits = Rule.find_edits

    def spy(rule, text, timeout, lines=None):
        searched.append((rule.id, lines))
        return find_edits(rule, text, timeout, lines)

    monkeypatch.setattr(Rule, "find_edits", spy)
    doc = normalize.run(Document(page))
    assert doc.text == "（记者 王磊），\n" + "会议今天召开。\n" * 50 + "代表a\n"
    byline = [lines for rule, lines in searched if rule == "ocr-byline-quote-space"]
    # the whole text (after the comma rule), then in the settle round the line a blank rule changed
    end = len(doc.text) - 1
    assert byline == [None, ((end - 3, end),)]


# texts near what the rules with a prescan look for: quotes before marks, titles, brackets
PRESCAN_ALPHABET = st.lists(st.sampled_from(["“", "”", "，", "。", "！", "记者", " ", "\u3000", "王磊", "《", "〈", "（",
                                             "(", ")", "）", "如", "上接", "DA", "\n", "中", "a"]),
                            max_size=16).map("".join)


def prescan_steps() -> list:
    return [step for step in normalize_stage(0).steps if step.prescan is not None]


def test_the_costly_rules_of_a_quote_or_a_title_have_a_prescan():
    assert {step.rule.id for step in prescan_steps()} == {"ocr-bracket-title-paren", "ocr-quote-close"}


@given(PRESCAN_ALPHABET)
@settings(max_examples=500, deadline=None)
def test_a_rule_finds_nothing_in_a_text_without_a_match_of_its_prescan(text):
    for step in prescan_steps():
        if step.find(text):
            assert step.prescan.search(text), step.rule.id


def test_a_rule_with_a_prescan_finds_something_only_where_its_prescan_does_on_pages():
    paths = [*SAMPLES, *sorted((DEVSET / "raw").glob("*/*.txt"))]
    pages = [path.read_text(encoding="utf-8") for path in paths] + [page.raw for _, page in make_pages(40)]
    fired = set()
    for step in prescan_steps():
        for example, _ in step.rule.examples:
            assert step.find(example) and step.prescan.search(example), step.rule.id
        for page in pages:
            if step.find(page):
                fired.add(step.rule.id)
                assert step.prescan.search(page), step.rule.id
    assert fired == {step.rule.id for step in prescan_steps()}  # each rule is put to the test on a page


def test_a_rule_is_not_searched_in_a_text_without_a_match_of_its_prescan(monkeypatch):
    normalize = normalize_stage(0)
    searched: list[str] = []
    find_edits = Rule.find_edits

    def spy(rule, text, timeout, lines=None):
        searched.append(rule.id)
        return find_edits(rule, text, timeout, lines)

    monkeypatch.setattr(Rule, "find_edits", spy)
    normalize.run(Document("“两件大事”，锐意进取《论语》（上）\n"))  # a quote and a title closed as such
    assert not {step.rule.id for step in prescan_steps()} & set(searched)
    normalize.run(Document("“两件大事“，锐意进取\n"))
    assert "ocr-quote-close" in searched


def test_normalize_rules_know_the_few_characters_they_need():
    needs = {step.rule.id: step.needs for step in normalize_stage(0).steps}
    assert needs["punct-comma-fullwidth"] == ","
    assert needs["newline-lf"] == "\r"
    assert needs["space-line-trim"] == "\t \xa0\u3000"
    assert needs["fullwidth-alnum"] == ""  # a table of too many characters to test quickly
    assert needs["control-chars"] == needs["t2s"] == ""  # not known


def test_the_prescan_compiles_its_pattern_once_it_has_seen_enough_text():
    paren = next(step.group for step in normalize_stage(10).steps if step.rule.id == "punct-paren-pair-fullwidth")
    assert not paren.finds_nothing("会议(召开。", 2.0) and not compiled(paren)
    paren.note_idle("a(b)c d。")
    assert not paren.finds_nothing("会议(召开了。", 2.0) and not compiled(paren)
    paren.note_idle("a(b)c d。")
    assert paren.finds_nothing("a (b) c", 2.0) and compiled(paren)
    assert not paren.finds_nothing("会议(2026)召开。", 2.0)  # punct-paren-pair-fullwidth can fire


def test_only_text_where_the_rules_found_nothing_counts_toward_the_prescan():
    """On raw text a rule finds something: a scan would save nothing there."""
    config = next(s for s in load_profile().stages if s.name == "normalize")
    normalize = build_stage(config, 2.0)
    assert isinstance(normalize, Normalize)
    normalize.group_steps(pays_after=10)
    paren = next(step.group for step in normalize.steps if step.rule.id == "punct-paren-pair-fullwidth")
    for _ in range(3):
        normalize.run(Document("会议(2026)召开。"))  # punct-paren-pair-fullwidth fires
    assert not compiled(paren)
    normalize.run(Document("会议召开了。"))  # no "(": the paren rules are not in play
    assert not compiled(paren)
    normalize.run(Document("a (b) c d"))  # idle: 9 characters told of
    assert not compiled(paren)
    normalize.run(Document("a (b) c d"))
    assert paren.finds_nothing("x (y) z", 2.0) and compiled(paren)


def compiled(prescan: Prescan) -> bool:
    return prescan.pattern is not None


def test_cleaning_one_page_leaves_the_prescan_uncompiled():
    """Compiling it costs more than it saves on one page (PRESCAN_PAYS_AFTER)."""
    cleaner = Cleaner()
    cleaner.clean(SAMPLES[0].read_text(encoding="utf-8"))
    normalize = next(s for s in cleaner.stages if isinstance(s, Normalize))
    assert not any(compiled(group) for group in groups(normalize))


PARAM_PATTERNS = [r"^(?:本报讯|新华社\p{Han}{0,8}电)", r"(?:记者|通讯员)(?: \p{Han}{2,4})+ 摄$", r"\p{Han}[，。]",
                  r"(?<=“)[^”]{1,3}”", r"[：:]$"]


@given(st.text(alphabet="本报讯新华社电记者通讯员 摄“”，。：:ab\n", max_size=30), st.integers(0, 5))
def test_a_vetted_pattern_finds_what_its_regex_finds(text, pos):
    """Searches skipped on a text holding none of the characters a match needs
    (:func:`~cleanup.pattern_chars.required_chars`) would have found nothing."""
    for source in PARAM_PATTERNS:
        compiled = regex.compile(source, regex.VERSION1)
        vetted = ParamPattern(compiled, 2.0, "test", "test", vetted=True)
        for name in ("search", "match", "fullmatch"):
            got, want = getattr(vetted, name)(text, pos), getattr(compiled, name)(text, pos)
            assert (got and got.span()) == (want and want.span()), (source, name)


class _Spy:
    """A compiled pattern that counts its searches."""

    def __init__(self, compiled: regex.Pattern[str]) -> None:
        self.compiled, self.pattern, self.flags, self.searched = compiled, compiled.pattern, compiled.flags, 0

    def search(self, *args):
        self.searched += 1
        return self.compiled.search(*args)

    match = fullmatch = finditer = search


def test_a_vetted_pattern_does_not_search_a_text_without_a_character_it_needs():
    spy = _Spy(regex.compile(r"(?:记者|通讯员) \p{Han}{2,4} 摄$", regex.VERSION1))
    vetted = ParamPattern(spy, 2.0, "test", "test", vetted=True)  # type: ignore[arg-type]
    assert vetted.search("会议在北京召开。") is None and spy.searched == 0
    assert vetted.search("本报记者 王磊 摄") is not None and spy.searched == 1


def test_a_vetted_pattern_needing_a_character_most_lines_hold_is_searched_at_once():
    """A test for a comma rules out too few lines to pay for itself (COMMON_CHARS)."""
    spy = _Spy(regex.compile(r"^(?:的|\d+，)", regex.VERSION1))
    vetted = ParamPattern(spy, 2.0, "test", "test", vetted=True)  # type: ignore[arg-type]
    assert vetted.search("会议在北京召开") is None and spy.searched == 1


@given(st.text(alphabet="abcd^$\n（）摄", max_size=12))
@settings(max_examples=200, deadline=None)
def test_fused_patterns_search_like_each_pattern_alone(text):
    patterns = [regex.compile(p, regex.VERSION1) for p in (r"^a+$", r"(b)\1", r"(?i)C", r"摄$", r"^（[^（）]+）$")]
    fused = fuse_patterns(patterns)
    assert len(fused) < len(patterns)
    assert any(p.search(text) for p in fused) == any(p.search(text) for p in patterns)


@given(st.text(alphabet="。」!？a", max_size=8), st.text(alphabet="。」!", min_size=1, max_size=3),
       st.text(alphabet="」!)", min_size=1, max_size=3))
@settings(max_examples=300, deadline=None)
def test_paragraph_line_ending_matches_the_pattern(text, ends, closers):
    """Also when a character both ends a sentence and closes one."""
    plain = regex.compile(rf"[{regex.escape(ends)}][{regex.escape(closers)}]*$")
    assert ends_with(text, frozenset(ends), closers) == bool(plain.search(text))


@given(st.text(alphabet="。！？!…，a甲", max_size=12), st.text(alphabet="。！？!…，", min_size=1, max_size=4))
@settings(max_examples=300, deadline=None)
def test_paragraph_any_of_matches_the_character_class(text, chars):
    plain = regex.compile(f"[{regex.escape(chars)}]")
    assert AnyOf(chars).found_in(text) == bool(plain.search(text))


def paragraphs_with_weights(**changed: float) -> Stage:
    """The paragraphs stage with some evidence weighed otherwise (names with _ for -)."""
    config = stage("paragraphs").config
    weights = {**config.params["weights"], **{k.replace("_", "-"): v for k, v in changed.items()}}
    return build_stage(replace(config, params={**config.params, "weights": weights}), timeout=2.0)


@pytest.mark.parametrize("paragraphs", [
    stage("paragraphs"),
    paragraphs_with_weights(next_stands_alone=4.0, line_is_lead=0.1, next_starts_particle=0.2, sentence_end=-0.3),
    paragraphs_with_weights(next_opens=2.5, ends_with_credit=0.7, mid_sentence=0.1, headline_shape=-0.1),
    paragraphs_with_weights(no_predicate=4.0),  # the verb, looked for last, can tip many breaks
    paragraphs_with_weights(no_predicate=-2.0),
], ids=["default", "odd-weights", "opens-join", "verbless-joins", "verbless-breaks"])
def test_paragraph_quick_no_join_is_never_wrong(paragraphs):
    """Where the quick check rules a join out, the full evidence scores 0 or less."""
    pages = [p.raw for _, p in make_pages(40)] + [s.read_text(encoding="utf-8") for s in SAMPLES]
    ruled_out = 0
    for raw in pages:
        doc = Document(raw)
        lines = paragraphs._lines(doc.text)
        lay = paragraphs.layout(doc, lines)
        for i, (a, b) in enumerate(pairwise(lines)):
            after_b = lines[i + 2] if i + 2 < len(lines) else None
            for text in {a.text, lines[i - 1].text + a.text if i else a.text}:
                for blank in (False, True):
                    if not paragraphs._may_join(text, a, b, blank, lay, after_b):
                        ruled_out += 1
                        assert paragraphs._score(paragraphs.evidence(text, a, b, blank, lay, after_b)) <= 0
    assert ruled_out > 100


def test_paragraph_checks_find_nothing_in_a_next_line_the_gate_finds_nothing_in():
    """On a wrapped page, a next line in which the gate finds none of the checks'
    ``next_needs`` makes each check that has them find nothing, whatever line comes before."""
    paragraphs = stage("paragraphs")
    pages = [p.raw for _, p in make_pages(40)] + [s.read_text(encoding="utf-8") for s in SAMPLES]
    texts = [ln.text for raw in pages for ln in paragraphs._lines(Document(raw).text)]
    befores = texts[::7] + ["他说：", "本报讯（记者 王磊）", "会议指出，", "一一", "（一）加强组织领导；", "1. 报名时间：",
                            "新华社北京1月7日电"]
    gated = [c.run for c in paragraphs.pattern_checks if c.next_needs is not None]
    assert len(gated) == 7
    quiet = [nxt for nxt in texts if not paragraphs.next_gate.may_pass(nxt)]
    assert len(quiet) > len(texts) / 2
    for run in gated:
        assert not any(run(text, nxt, True) for nxt in quiet for text in befores)
    # and the gate lets through the lines where a check finds something
    assert all(paragraphs.next_gate.may_pass(nxt) for nxt in set(texts)
               if any(run(text, nxt, True) for run in gated for text in befores))


# each setting of a pattern that the paragraphs gate reads: the stage's attribute, its check's name
GATED = {"starts_particle": ("starts_particle", "next-starts-particle"),
         "ends_word": ("ends_word", "next-ends-word"),
         "starts_paragraph": ("starts_unit", "next-starts-unit"),
         "opens_paragraph": ("opens", "next-starts-unit"),
         "standalone": ("standalone", "next-stands-alone"),
         "starts_sentence": ("starts_sentence", "lead-in-then-sentence"),
         "item_numeral": ("item_numeral", "item-after-item"),
         "reporters_open": ("reporters_open", "dateline-reporters")}


def gate_pieces() -> list[str]:
    """What the gated checks' patterns name: their runs of non-ASCII characters (近日,
    本报记者, a class's members in a row), each such character, digits and marks."""
    named = "\n".join(getattr(stage("paragraphs"), name).compiled.pattern for name, _ in GATED.values())
    runs = regex.findall(r"[^\x00-\x7f]+", named)
    return sorted(set(runs) | set("".join(runs))) + list("0123456789.%字 ()")


# next lines that make a gated check fire, cut and added to below: one or more for each pattern
GATE_SEEDS = ("的，", "3个，", "字。", "本报讯", "（记者", "第一条 ", "近日", "“走。”", "1月5日晚，",
              "（张三）", "本报记者 王磊 摄", "记者 王磊", "第一章 总则", "“", "（一）", "一、", "2.", "①", "（二）", "二、", "第二条")


def gate_lines() -> st.SearchStrategy[str]:
    """Lines of :func:`gate_pieces`, or a seed (whole or cut) with or without pieces after it."""
    pieces = st.lists(st.sampled_from(gate_pieces()), min_size=1, max_size=8).map("".join)
    near_seeds = st.builds(lambda seed, cut, more: seed[:cut] + more, st.sampled_from(GATE_SEEDS),
                           st.integers(1, 12), st.one_of(st.just(""), pieces))
    return st.one_of(pieces, near_seeds)


@given(st.deferred(gate_lines))
@settings(max_examples=500, deadline=None)
def test_no_paragraph_check_fires_on_a_next_line_the_gate_finds_nothing_in(nxt: str):
    """Next lines made of what the gated checks' patterns look for (the test above reads
    real pages): where the gate finds nothing, no gated check finds anything."""
    paragraphs = stage("paragraphs")
    if not paragraphs.next_gate.may_pass(nxt):
        for check in paragraphs.pattern_checks:
            if check.next_needs is not None:
                assert not any(check.run(text, nxt, True)
                              for text in ("他说：", "目标——", "会议指出，", "正文。", "字", "（一）正文；", "1. 正文。",
                                           "新华社北京1月7日电"))


def test_the_paragraphs_gate_lets_a_line_longer_than_vetted_patterns_search_untimed_through():
    """Past VETTED_LENGTH the checks search with the timeout: the gate, untimed, leaves the line to them."""
    gate = stage("paragraphs").next_gate
    assert not gate.may_pass("字" * VETTED_LENGTH)
    assert gate.may_pass("字" * (VETTED_LENGTH + 1))


@pytest.mark.parametrize("key", GATED)
def test_a_user_pattern_of_the_paragraphs_checks_gets_no_gate(key: str):
    """A pattern of the user's is searched with the timeout: the gate, searched without,
    leaves out its check, and only its check."""
    config = stage("paragraphs").config
    value = config.params[key]
    params = {**config.params, key: [*value, "^甲乙"] if isinstance(value, list) else f"{value}|^甲乙"}
    paragraphs = build_stage(replace(config, params=params), timeout=2.0)
    needs = {c.names[0]: c.next_needs for c in paragraphs.pattern_checks}
    gated = {name for name, need in needs.items() if need is not None}
    assert gated == {check for _, check in GATED.values()} - {GATED[key][1]}
    assert not any("甲乙" in search.__self__.pattern for search in paragraphs.next_gate.searches)


def test_paragraph_lines_know_what_strip_and_regex_read_as_space_otherwise():
    odd = {c for c in map(chr, range(sys.maxunicode + 1)) if c.isspace() and not regex.match(r"\s", c)}
    assert odd == _STRIPPED_NOT_SPACE


@given(st.text(alphabet="甲乙 \t\n\r\u3000\x1c\x1f\x85", max_size=30))
@settings(max_examples=300, deadline=None)
def test_paragraph_lines_are_the_lines_with_text(text):
    plain = [(m.start(), m.end(), m.group()) for m in regex.finditer(r"[^\n]*[^\s][^\n]*", text)]
    lines = stage("paragraphs")._lines(text)
    assert [(ln.start, ln.end, ln.text) for ln in lines] == plain
    for ln, nxt in pairwise(lines):
        consecutive = nxt.start == ln.end + 1
        assert (ln.last_in_block, nxt.first_in_block, nxt.block) == (not consecutive, not consecutive, ln.block + (not consecutive))


def plain_ending(shape: Shape, text: str) -> str:
    def cls(key: str) -> str:
        return f"[{regex.escape(getattr(shape, key))}]"

    closers = cls("closers")
    if regex.search(rf"{cls('sentence_end')}{closers}*$", text):
        return "sentence-end"
    if regex.search(rf"{closers}$", text):
        return "quote-end"
    if regex.search(rf"{cls('clause_end')}{closers}*$", text):
        return "clause-end"
    if regex.search(rf"{cls('open_end')}$", text):
        return "mid-clause"
    return "mid-sentence"


@given(st.text(alphabet="会议。！；;，、”）」：a", min_size=1, max_size=8))
@settings(max_examples=300, deadline=None)
def test_paragraph_ending_matches_the_patterns(text):
    paragraphs = stage("paragraphs")
    assert paragraphs._ending(text, "") == plain_ending(paragraphs.shape, text)


# the list item pattern of rules/stutter.toml as it was, searched from every start
PLAIN_LIST_ITEM = regex.compile(
    r"(?:(?<=^|[、，。；：！？（“《\s])|(?=\p{Han}{2}))(?P<item>(?=[^、，。；：！？\s]{0,19}\p{Han})"
    r"[^、，。；：！？（）“”《》\s]{1,20})(?P<again>、(?P=item))(?=[、，。；：！？）”》\s]|$)",
    regex.VERSION1,
)
LIST_TEXT = st.lists(st.sampled_from(
    ["甲", "乙", "甲乙", "丙甲", "、", "、", "、甲", "，", "。", " ", "（", "）", "“", "”", "《", "》", "a", "1",
     "甲乙丙丁戊己庚辛壬癸子丑"]), max_size=30).map("".join)


@given(LIST_TEXT)
@settings(max_examples=500, deadline=None)
def test_list_items_found_from_their_marks_are_the_plain_matches(line):
    # a repair takes "、X" out; a suspect kept spans "X、X": both end where the match does
    found = [(e.end, e.before[e.before.index("、"):]) for e in stage("stutter").find_list_items(line)]
    plain = [(m.end("again"), m.group("again")) for m in PLAIN_LIST_ITEM.finditer(line)]
    assert found == plain


def plain_suspects(stutter: Stutter, text: str) -> list[Edit]:
    edits: list[Edit] = []
    for line in lines(text):
        found = stutter.find_list_items(line.text) + stutter.find_words(line.text)
        found.sort(key=lambda e: e.at)
        last = 0
        for e in found:
            if e.at >= last:
                edits.append(Edit(line.start + e.at, e.before, e.after, e.rule, e.note))
                last = e.end
    return edits


STUTTER_LINE = st.lists(st.sampled_from(["会议", "企", "政企", "对接", "、", "，", "甲", "看看", "会"]),
                        max_size=12).map("".join)


@given(st.lists(STUTTER_LINE, max_size=5), st.lists(STUTTER_LINE, max_size=5))
@settings(max_examples=300, deadline=None)
def test_stutter_suspects_are_those_of_each_line_after_any_other_text(before, lines_):
    stutter = stage("stutter")
    stutter.suspects("\n".join(before))  # remembered lines must not leak into the next text
    text = "\n\n".join(lines_) + "\n"
    assert stutter.suspects(text) == plain_suspects(stutter, text)


def plain_segment(lexicon: Lexicon, text: str) -> list[str]:
    n = len(text)
    best = [0.0] + [float("inf")] * n
    back = [0] * (n + 1)
    for end in range(1, n + 1):
        for start in range(max(0, end - lexicon.max_len), end):
            cost = lexicon.costs.get(text[start:end])
            if cost is None:
                if end - start > 1:
                    continue
                cost = lexicon.unknown
            if best[start] + cost < best[end]:
                best[end], back[end] = best[start] + cost, start
    words: list[str] = []
    while n:
        words.append(text[back[n] : n])
        n = back[n]
    return words[::-1]


def plain_inside_word(stutter: Stutter, s: str, i: int, end: int) -> bool:
    longest = max(stutter.lexicon.max_len, end - i + 4)
    for a in range(max(0, end - longest), i + 1):
        for b in range(end, min(len(s), a + longest) + 1):
            w = s[a:b]
            if w in stutter.listed:
                return True
            leaning = (a, b) == (i, end) and stutter.leans(s, i, end)
            if w in stutter.lexicon.costs and not leaning:
                return True
    return False


WORDY = st.lists(st.sampled_from(["人", "民", "人民", "会议", "会", "议", "中华人民共和国", "法院", "院长", "研究", "看看", "国",
                                  "累计", "累", "政企", "企", "对接", "对外", "交流", "交", "甲"]),
                 max_size=12).map("".join)


@given(WORDY)
@settings(max_examples=300, deadline=None)
def test_segmenter_gives_the_split_of_the_plain_search(text):
    lexicon = stage("stutter").lexicon
    assert lexicon.segment(text) == plain_segment(lexicon, text)


@given(WORDY, st.integers(0, 30), st.integers(1, 6))
@settings(max_examples=300, deadline=None)
def test_stutter_word_cover_is_that_of_every_span(s, i, k):
    stutter = stage("stutter")
    i = min(i, max(0, len(s) - 2 * k))
    end = min(len(s), i + 2 * k)
    assert stutter.inside_word(s, i, end) == plain_inside_word(stutter, s, i, end)


def test_a_rule_with_a_backtracking_verb_still_fires_beside_another(tmp_path):
    """Fused, 甲(*PRUNE)乙 would stop the prescan from trying 甲丙 at the same place."""
    rules = tmp_path / "verbs.toml"
    rules.write_text(
        '[[rule]]\nid = "han-prune"\nstage = "normalize"\ndescription = "d"\n'
        "pattern = '甲(*PRUNE)乙'\nreplace = '乙'\nexamples = [['甲乙', '乙']]\n"
        '[[rule]]\nid = "han-pair"\nstage = "normalize"\ndescription = "d"\n'
        "pattern = '甲丙'\nreplace = '丁'\nexamples = [['甲丙', '丁']]\n", encoding="utf-8")
    assert Cleaner(rules=[rules]).clean("甲丙。").text == "丁。\n"


def plain_headline_piece(fragments, page, i: int) -> str:
    """find_headline_piece as it was: every longer headline within the window aligned in page order."""
    text, line = page.lines[i].text, page.lines[i]
    if len(text) < fragments.piece_min_chars:
        return ""
    for j in page.headlines:  # every headline, in page order
        head = page.lines[j].text
        if len(head) <= len(text) or not line.start - fragments.piece_window <= page.lines[j].start \
                <= line.end + fragments.piece_window:
            continue
        found = fuzz.partial_ratio_alignment(text, head, score_cutoff=fragments.piece_min_score)
        if found is not None and cuts_segment(head, found.dest_start, found.dest_end) \
                and slips_at_most(text, head[found.dest_start:found.dest_end], fragments.piece_max_slips):
            return f"{'prefix' if found.dest_start == 0 else 'piece'} of headline '{head}' (score {found.score:.0f})"
    return ""


def test_headline_pieces_are_found_as_by_aligning_every_longer_headline():
    """One page of many articles (a chunk of a big file): the vectorised scoring
    finds the same headline for every line as aligning each in turn."""
    fragments = stage("fragments")
    text = "\n\n".join(page.raw for _, page in make_pages(40, seed=3))
    page = fragments.read_page(Cleaner().clean(text).text + "\n\n" + text)
    found = [(fragments.find_headline_piece(page, i), plain_headline_piece(fragments, page, i))
             for i in range(len(page.lines))]
    assert all(fast == plain for fast, plain in found)
    assert sum(bool(fast) for fast, _ in found) >= 10


@given(st.lists(st.one_of(st.just(""), st.text(alphabet="中文", min_size=1, max_size=3)), max_size=60),
       st.lists(st.floats(0, 30), min_size=60, max_size=60))
def test_columns_are_read_from_the_windows_before_and_after_each_line(texts, widths):
    """learn_columns pads the list of windows instead of clamping each line's index."""
    idx = [i for i, t in enumerate(texts) if t.strip()]
    want = [0.0] * len(texts)
    if idx:
        windows = _windows([int(widths[i] + 0.5) for i in idx])
        for k, i in enumerate(idx):
            before, after = windows[max(0, k - WINDOW)], windows[min(k, len(windows) - 1)]
            want[i] = before[0] if not after[0] or (before[0] and before[1] >= after[1]) else after[0]
    assert learn_columns(widths[: len(texts)], texts) == want


@given(st.lists(st.integers(0, 6), min_size=1, max_size=60))
def test_sliding_windows_tell_what_each_window_counted_afresh_tells(widths):
    """_windows keeps its counts up to date as the window slides."""
    size = min(WINDOW + 1, len(widths))
    least = max(MIN_COLUMN_LINES, COLUMN_SHARE * size)
    want = []
    for s in range(len(widths) - size + 1):
        counts = Counter(widths[s : s + size])
        width = max((w for w, n in counts.items() if n >= least), default=0)
        want.append((float(width), (counts[width] + counts[width - 1]) / size))
    assert _windows(widths) == want


@given(st.lists(st.text(alphabet="中，。“”（）《》 aZ09.-%\t", max_size=12), min_size=1, max_size=20))
def test_a_pages_widths_are_each_lines_measured_alone(texts):
    """_measure_all searches the page once for paired marks and counts Latin letters
    and digits among each line's ASCII bytes: the widths and slack of _measure."""
    widths, slacks = _measure_all(texts)
    assert list(zip(widths, slacks)) == [_measure(t) for t in texts]


# texts of many lines, some holding the characters the rules searched line by line need
LINE_ALPHABET = "中文“”‘’记者通讯员摄■】]〈《（ \u3000\t\n\n\n，。1a"


def line_rules() -> list:
    return [r for s in load_profile().stages for r in s.rules if r.line_needs]


@given(st.text(alphabet=LINE_ALPHABET, max_size=120))
@settings(max_examples=300, deadline=None)
def test_a_rule_searched_line_by_line_edits_as_a_search_of_the_whole_text(text):
    for rule in line_rules():
        whole = replace(rule, line_needs=())
        assert rule.find_edits(text, 2.0) == whole.find_edits(text, 2.0), rule.id


def test_rules_are_searched_line_by_line_where_the_lines_holding_their_characters_are_few():
    rule = next(r for r in line_rules() if r.id == "space-han-han")
    page = "\n".join(["会议今天召开，代表们认真审议。"] * 200 + ["会议\u3000召开"])
    searched: list[tuple[int, int | None]] = []

    class Recording:
        def finditer(self, text, pos=0, endpos=None, **kwargs):
            searched.append((pos, endpos))
            return rule.pattern.finditer(text, pos, len(text) if endpos is None else endpos, **kwargs)

    spy = replace(rule, pattern=Recording(), first_chars="")  # searched by its lines, not where matches start
    assert [e.before for e in spy.find_edits(page, 2.0)] == ["\u3000"]
    assert searched == [(page.rindex("\n") + 1, len(page))]  # the one line with a blank
    searched.clear()
    crowded = "\n".join(["会议\u3000召开"] * 200)
    assert len(spy.find_edits(crowded, 2.0)) == 200 and searched == [(0, None)]  # one search of the text


class _MatchRecording:
    """A rule's pattern that tells ``note`` where each match is tried, and with what, then tries it."""

    def __init__(self, rule: Rule, note) -> None:
        self.rule, self.note = rule, note

    def match(self, text, pos, endpos, **kwargs):
        self.note(pos, kwargs)
        return self.rule.pattern.match(text, pos, endpos, **kwargs)


def test_rules_are_tried_only_where_a_match_can_start_where_those_characters_are_few():
    rule = next(r for r in line_rules() if r.id == "space-han-han")
    assert rule.first_chars == "\t \xa0\u3000"
    page = "\n".join(["会议今天召开，代表们认真审议。"] * 200 + ["会议\u3000召开 。"])
    tried: list[int] = []
    spy = replace(rule, pattern=_MatchRecording(rule, lambda pos, kwargs: tried.append(pos)))
    assert [e.before for e in spy.find_edits(page, 2.0)] == ["\u3000"]
    assert tried == [page.index("\u3000"), page.index(" 。")]
    tried.clear()
    last_line = ((page.rindex("\n") + 1, len(page)),)
    assert [e.before for e in spy.find_edits(page, 2.0, last_line)] == ["\u3000"] and len(tried) == 2
    tried.clear()
    assert spy.find_edits(page, 2.0, ((0, 10),)) == [] and tried == []  # no blank on the line asked about


def test_a_rule_tried_where_its_matches_start_is_timed_on_a_long_line_only():
    rule = next(r for r in line_rules() if r.id == "space-han-han")
    long_line = "会议\u3000" + "召开" * VETTED_LENGTH  # the pattern is vetted on lines of up to VETTED_LENGTH
    page = "\n".join(["会议\u3000召开", long_line] + ["会议今天召开，代表们认真审议。"] * 2000)
    timed: list[bool] = []
    spy = replace(rule, pattern=_MatchRecording(rule, lambda pos, kwargs: timed.append("timeout" in kwargs)))
    assert [e.before for e in spy.find_edits(page, 2.0)] == ["\u3000", "\u3000"] and timed == [False, True]


def test_a_packaged_rule_is_tried_where_its_matches_start_only_if_they_start_with_a_few_characters():
    def vetted(pattern: str) -> Rule:
        return _vetted(Rule("r", "normalize", "", "regex", "", pattern=regex.compile(pattern, regex.VERSION1)))

    assert vetted(r"[ab] x").first_chars == "ab"
    many = vetted(r"[a-k] x")  # eleven: counting each in a page would cost more than the search it spares
    assert many.line_needs == (" ", "x") and many.first_chars == ""


def test_a_rule_whose_matches_open_lines_is_tried_only_where_a_line_holding_its_characters_starts():
    rule = next(r for r in line_rules() if r.id == "bullet-ocr-byline")
    assert rule.line_start and not rule.first_chars
    byline = "口本报记者 郑平琳魏忠"
    page = "\n".join(["会议今天召开，代表们认真审议。"] * 100 + ["交通部门记录在案。", byline, "据本报记者王磊报道。"])
    tried: list[int] = []
    spy = replace(rule, pattern=_MatchRecording(rule, lambda pos, kwargs: tried.append(pos)))
    assert [e.before for e in spy.find_edits(page, 2.0)] == ["口"]
    assert tried == [page.index(byline), page.index("据本报")]  # 交通部门记录在案 holds neither 者 nor 讯
    tried.clear()
    assert spy.find_edits(page, 2.0, ((0, 10),)) == [] and tried == []  # no such line among those asked about


@given(st.text(alphabet=LINE_ALPHABET + "口国本报新华社", max_size=120))
@settings(max_examples=300, deadline=None)
def test_a_rule_whose_matches_open_lines_edits_as_a_search_of_its_lines(text):
    for rule in line_rules():
        if rule.line_start:
            page = FILLER + text
            generated = lines_reaching(page, [(len(FILLER), len(page))])
            by_lines = replace(rule, line_start=False)
            assert rule.find_edits(page, 2.0) == by_lines.find_edits(page, 2.0), rule.id
            assert rule.find_edits(page, 2.0, generated) == by_lines.find_edits(page, 2.0, generated), rule.id


# a page of text without a blank before the generated lines: their blanks are few, so
# the rules whose matches start with a blank are tried where one stands
FILLER = "会议今天召开，代表们认真审议了报告。" * 300 + "\n"


@given(st.text(alphabet=LINE_ALPHABET, max_size=120))
@settings(max_examples=300, deadline=None)
def test_a_rule_tried_where_its_matches_start_edits_as_a_search_of_the_whole_text(text):
    page = FILLER + text
    generated = lines_reaching(page, [(len(FILLER), len(page))])
    for rule in line_rules():
        whole = replace(rule, line_needs=(), first_chars="")
        assert rule.find_edits(page, 2.0) == whole.find_edits(page, 2.0), rule.id
        by_lines = replace(rule, first_chars="")
        assert rule.find_edits(page, 2.0, generated) == by_lines.find_edits(page, 2.0, generated), rule.id


@given(st.text(alphabet="甲\x01\u200b１Ａ中 ", max_size=30), st.text(alphabet="甲\x01\u200b１Ａ中 ", max_size=10))
@settings(max_examples=200, deadline=None)
def test_normalize_recheck_edits_as_a_run_after_another_stage_writes(text, inserted):
    """A rule deciding each character alone looks first at what was written since:
    what a later stage writes (here a control character or a full-width letter)
    is found as a whole run finds it."""
    normalize = normalize_stage(0)
    checked, plain = Document(text), Document(text)
    for doc in (checked, plain):
        normalize.run(doc)
        at = len(doc.steps)
        doc.apply("other", [Edit(len(doc.text) // 2, "", inserted, "r")])
    normalize.recheck(checked, Touched(checked, at, False))
    normalize.run(plain)
    assert checked.text == plain.text
    assert [s.edits for s in checked.steps] == [s.edits for s in plain.steps]


def test_normalize_recheck_passes_a_rule_deciding_each_character_alone_by_when_nothing_new_holds_one():
    normalize = normalize_stage(0)
    char_local = {step.rule.id for step in normalize.steps if step.char_local}
    assert char_local == {"control-chars", "space-unicode", "dash-horizontal-bar", "fullwidth-alnum"}
    doc = Document("会议\x01召开\n\n第二段")
    normalize.run(doc)
    at = len(doc.steps)
    doc.apply("paragraphs", [Edit(doc.text.index("\n"), "\n\n", "", "r")])
    looked: list[str] = []
    steps = normalize.steps
    try:
        normalize.steps = [st._replace(find=lambda t, f=st.find, i=st.rule.id: looked.append(i) or f(t))
                           if st.char_local else st for st in steps]
        normalize.recheck(doc, Touched(doc, at, False))
    finally:
        normalize.steps = steps
    assert looked == ["control-chars", "space-unicode", "fullwidth-alnum"]  # each looked at what was written (nothing), once


def test_lines_of_the_same_text_again_are_a_fresh_list():
    text = "甲\n\n乙\n"
    first = lines(text)
    first.append(first[0])
    assert lines(text) == [(0, 1, "甲"), (3, 4, "乙")]
    assert lines("丙") == [(0, 1, "丙")]


def test_a_rule_searched_line_by_line_may_find_its_lines_by_several_sets_of_characters():
    """space-quote needs a quote mark and a blank: where a page holds too many quote
    marks to search their lines, the lines holding a blank are searched."""
    rule = next(r for r in line_rules() if r.id == "space-quote")
    assert rule.line_needs == ("‘’“”", "\t \xa0\u3000")
