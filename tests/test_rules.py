"""Loading rule files and profiles: every broken file gets an error naming it."""

from __future__ import annotations

import tomllib
from pathlib import Path

import pytest
import regex

from cleanup import Cleaner, diskcache
from cleanup.errors import RuleError
from cleanup.rules import TOML_FORMAT, Params, StageConfig, load_profile, load_rule_file, packaged_rules_dir

GOOD_RULE = """
[[rule]]
id = "{id}"
stage = "normalize"
description = "d"
pattern = '{pattern}'
replace = "{replace}"
examples = [["a", "b"]]
"""


def write(tmp_path: Path, text: str, name: str = "r.toml") -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


@pytest.mark.parametrize(
    ("text", "message"),
    [
        (GOOD_RULE.format(id="Bad_Id", pattern="a", replace="b"), "kebab-case"),
        (GOOD_RULE.format(id="r", pattern="(a", replace="b"), "bad pattern"),
        (GOOD_RULE.format(id="r", pattern="a", replace="\\\\2"), "group 2"),
        (GOOD_RULE.format(id="r", pattern="a", replace="b").replace('examples = [["a", "b"]]', ""), "examples"),
        (GOOD_RULE.format(id="r", pattern="a", replace="b") + 'colour = "red"\n', "unknown key"),
        (GOOD_RULE.format(id="r", pattern="a", replace="b") + 'params = 3\n', "'params' must be a table"),
        (GOOD_RULE.format(id="r", pattern="a", replace="b") * 2, "id used twice"),
        ("[[rule]\n", "not valid TOML"),
        ("rule = 3\n", "array of tables"),
    ],
)
def test_broken_rule_file_names_file_and_problem(tmp_path, text, message):
    path = write(tmp_path, text)
    with pytest.raises(RuleError) as err:
        load_rule_file(path)
    assert message in str(err.value)
    assert str(path) in str(err.value)


def test_a_rule_file_read_again_comes_from_the_disk_cache_as_parsed(tmp_path, monkeypatch):
    monkeypatch.setenv("CLEANUP_CACHE_DIR", str(tmp_path / "cache"))
    text = GOOD_RULE.format(id="b-rule", pattern="甲", replace="乙") + GOOD_RULE.format(id="a-rule", pattern="a", replace="")
    path = write(tmp_path, text + "[params]\nlimit = 1.5\nnames = ['x', 'y']\n")
    first = load_rule_file(path)
    cached = diskcache.load(diskcache.cache_path(TOML_FORMAT, path.read_bytes()))
    assert cached == tomllib.loads(text + "[params]\nlimit = 1.5\nnames = ['x', 'y']\n")
    assert load_rule_file(path) == first and [r.id for r in first[0]] == ["b-rule", "a-rule"]


def test_a_rule_file_that_cannot_be_cached_is_still_read(tmp_path, monkeypatch):
    """A TOML date has no place in the disk cache's format: the file is parsed every time."""
    monkeypatch.setenv("CLEANUP_CACHE_DIR", str(tmp_path / "cache"))
    path = write(tmp_path, GOOD_RULE.format(id="r", pattern="a", replace="b") + "[params]\nsince = 2024-02-11\n")
    assert str(load_rule_file(path)[1]["since"]) == "2024-02-11"
    assert str(load_rule_file(path)[1]["since"]) == "2024-02-11"


def test_a_cached_rule_file_is_still_validated(tmp_path, monkeypatch):
    monkeypatch.setenv("CLEANUP_CACHE_DIR", str(tmp_path / "cache"))
    path = write(tmp_path, GOOD_RULE.format(id="r", pattern="(a", replace="b"))
    for _ in range(2):
        with pytest.raises(RuleError, match="bad pattern"):
            load_rule_file(path)
    assert len(list((tmp_path / "cache").iterdir())) == 2  # the file, and the page-shape vocabulary


def test_rule_error_names_the_rule_id(tmp_path):
    path = write(tmp_path, GOOD_RULE.format(id="my-rule", pattern="(a", replace="b"))
    with pytest.raises(RuleError, match="rule my-rule"):
        load_rule_file(path)


def test_user_rules_join_their_stage(tmp_path):
    path = write(tmp_path, GOOD_RULE.format(id="x-to-y", pattern="甲", replace="乙").replace(
        '[["a", "b"]]', '[["甲", "乙"]]'))
    assert Cleaner(rules=[path]).clean("甲方。").text == "乙方。\n"


def test_user_rule_for_unknown_stage(tmp_path):
    path = write(tmp_path, GOOD_RULE.format(id="r", pattern="a", replace="b").replace(
        'stage = "normalize"', 'stage = "nowhere"'))
    with pytest.raises(RuleError, match="stage 'nowhere' is not in profile"):
        load_profile("zh-news", [path])


def test_disable_by_id():
    assert Cleaner(disable=["t2s"]).clean("漢字。").text == "漢字。\n"
    with pytest.raises(RuleError, match="unknown rule id"):
        load_profile("zh-news", disable=["no-such-rule"])


def test_unknown_profile_lists_the_known_ones():
    with pytest.raises(RuleError, match="known: .*zh-news"):
        load_profile("no-such-profile")


def test_profile_with_unknown_stage(tmp_path):
    path = write(tmp_path, '[[stage]]\nname = "teleport"\nrules = []\n', "p.toml")
    with pytest.raises(RuleError, match="unknown stage 'teleport'"):
        Cleaner(path)


def test_runaway_user_regex_is_stopped(tmp_path):
    path = write(tmp_path, GOOD_RULE.format(id="slow", pattern="(a|aa)+$", replace="b"))
    cleaner = Cleaner(rules=[path], timeout=0.2)
    with pytest.raises(RuleError, match="slow: pattern ran over"):
        cleaner.clean("a" * 40 + "!")


@pytest.mark.parametrize(
    ("params", "call", "message"),
    [
        ({}, lambda p: p.integer("n"), "\\[params\\] n is missing"),
        ({"n": "3"}, lambda p: p.integer("n"), "wrong type"),
        ({"w": {"a": "x"}}, lambda p: p.weights("w"), "map names to finite numbers"),
        ({"re": "(a"}, lambda p: p.pattern("re"), "bad pattern"),
        ({"re": ["a", 3]}, lambda p: p.strings("re"), "list of strings"),
        ({"settle": "yes"}, lambda p: p.flag("settle"), "settle is missing or of the wrong type"),
    ],
)
def test_params_errors_name_stage_key_and_file(params, call, message):
    p = Params.of_stage(StageConfig("demo", params=params, source="demo.toml"), 1.0)
    with pytest.raises(RuleError, match=message) as err:
        call(p)
    assert str(err.value).startswith("demo.toml: stage demo:")


def test_params_pattern_list_is_alternatives():
    p = Params.of_stage(StageConfig("demo", params={"re": ["^a", "^b"]}), 1.0)
    assert p.pattern("re").match("b") and not p.pattern("re").match("c")


def test_params_pattern_searches_like_its_regex():
    p = Params.of_stage(StageConfig("demo", params={"re": "b+", "each": ["a(b)", "(b)b"]}), 1.0)
    guarded, plain = p.pattern("re"), regex.compile("b+", regex.VERSION1)
    text = "abbcbbb"
    assert guarded.search(text, 2).span() == plain.search(text, 2).span()
    assert guarded.match(text, 1, 2).span() == (1, 2)
    assert guarded.fullmatch(text, 4).span() == (4, 7)
    assert [m.span() for m in guarded.finditer(text, 0, 6, overlapped=True)] == [
        m.span() for m in plain.finditer(text, 0, 6, overlapped=True)]
    assert [q.search(text).group(1) for q in p.patterns("each")] == ["b", "b"]


@pytest.mark.parametrize(
    "call",
    [lambda q, s: q.search(s), lambda q, s: q.match(s), lambda q, s: q.fullmatch(s),
     lambda q, s: list(q.finditer(s))],
    ids=["search", "match", "fullmatch", "finditer"],
)
def test_params_pattern_that_runs_away_is_a_rule_error(call):
    p = Params.of_stage(StageConfig("demo", params={"re": r"(字|字字)+\d"}, source="demo.toml"), 0.1)
    with pytest.raises(RuleError) as err:
        call(p.pattern("re"), "字" * 50)
    assert str(err.value) == ("demo.toml: stage demo: [params] re: pattern ran over 0.1s and was stopped "
                              "(catastrophic backtracking?)")


def test_word_lists_are_sorted_and_unique():
    for path in packaged_rules_dir().glob("*.txt"):
        entries = [ln for ln in path.read_text(encoding="utf-8").splitlines()
                   if ln.strip() and not ln.startswith("#")]
        assert entries == sorted(set(entries)), path.name
        assert path.read_text(encoding="utf-8").startswith("#"), f"{path.name}: header missing"


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ('disable = "t2s"\n', "'disable' must be a list"),
        ('colour = 1\n', "unknown profile key"),
        ('[[stage]]\nname = "normalize"\nrules = ["normalize.toml"]\nparams = "x"\n', "'params' must be a table"),
        # a setting the stage does not have (here retired: the word list is the vocabulary's)
        ('[[stage]]\nname = "fragments"\nrules = ["fragments.toml"]\n[stage.params]\nwords_file = "w.txt"\n',
         "stage fragments: \\[params\\] words_file: no such setting of this stage"),
    ],
)
def test_broken_profile_names_the_problem(tmp_path, text, message):
    stage = '[[stage]]\nname = "normalize"\nrules = ["normalize.toml"]\n'
    path = write(tmp_path, text if "[[stage]]" in text else text + stage, "p.toml")
    with pytest.raises(RuleError, match=message) as err:
        load_profile(path)
    assert str(path) in str(err.value)


def test_a_profile_that_sets_one_weight_keeps_the_stage_s_other_weights(tmp_path):
    stage = '[[stage]]\nname = "paragraphs"\nrules = ["paragraphs.toml"]\n[stage.params.weights]\n'
    [config] = load_profile(write(tmp_path, stage + "line-scattered = -1.0\n", "p.toml")).stages
    weights = config.params["weights"]
    assert weights["line-scattered"] == -1.0 and weights["next-starts-unit"] == -5.0
    with pytest.raises(RuleError, match=r"stage paragraphs: \[params\] weights.line-scatterd: no such setting"):
        load_profile(write(tmp_path, stage + "line-scatterd = -1.0\n", "p.toml"))


def test_a_stage_file_of_the_users_may_set_the_stages_settings_but_no_other(tmp_path):
    stage = '[[stage]]\nname = "stutter"\nrules = ["stutter.toml", "mine.toml"]\n'
    profile = write(tmp_path, stage, "p.toml")
    write(tmp_path, "[params]\nmax_rounds = 4\n", "mine.toml")
    [config] = load_profile(profile).stages
    assert config.params["max_rounds"] == 4
    write(tmp_path, "[params]\nmax_unit = 4\n", "mine.toml")  # a setting of a rule's, not the stage's
    with pytest.raises(RuleError, match=r"stage stutter: \[params\] max_unit: no such setting") as err:
        load_profile(profile)
    assert str(tmp_path / "mine.toml") in str(err.value)
    # listed before the stage's packaged file, all the same
    profile = write(tmp_path, stage.replace('"stutter.toml", "mine.toml"', '"mine.toml", "stutter.toml"'), "p.toml")
    with pytest.raises(RuleError, match=r"stage stutter: \[params\] max_unit: no such setting"):
        load_profile(profile)


def test_a_user_rule_runs_on_what_the_rule_before_it_wrote(tmp_path):
    """A rule skipped for want of its characters is judged on the text as the
    rules before it left it (甲 -> ; -> 乙: the second needs the ';' the first writes)."""
    first = GOOD_RULE.format(id="jia-to-semicolon", pattern="甲", replace=";").replace('[["a", "b"]]', '[["甲", ";"]]')
    second = GOOD_RULE.format(id="semicolon-to-yi", pattern=";", replace="乙").replace('[["a", "b"]]', '[[";", "乙"]]')
    path = write(tmp_path, first + "\n" + second)
    assert Cleaner(rules=[path], disable=["punct-semicolon-fullwidth"]).clean("甲方。").text == "乙方。\n"


CLASSES = """
[classes]
blank = '[ \\t\\u3000]'
blanks = '{blank}+'
"""


def test_a_class_is_named_once_and_filled_in_where_a_pattern_names_it(tmp_path):
    rule = GOOD_RULE.format(id="han-blank", pattern="(?<=\\p{Han}){blanks}(?=\\p{Han}{2,4})", replace="")
    path = write(tmp_path, CLASSES + rule.replace('[["a", "b"]]', '[["会议 召开", "会议召开"]]'))
    [rule], _ = load_rule_file(path)
    assert rule.pattern.pattern == "(?<=\\p{Han})[ \\t\\u3000]+(?=\\p{Han}{2,4})"
    assert Cleaner(rules=[path]).clean("会议\u3000召开。").text == "会议召开。\n"


def test_an_escaped_brace_is_no_reference(tmp_path):
    path = write(tmp_path, CLASSES + GOOD_RULE.format(id="r", pattern="\\{blank}", replace=""))
    assert load_rule_file(path)[0][0].pattern.pattern == "\\{blank}"


def test_settings_name_classes_too(tmp_path):
    path = write(tmp_path, CLASSES + "[params]\nspaces = ['^{blanks}', 'x']\n"
                 + GOOD_RULE.format(id="r", pattern="a", replace="b") + "[rule.params]\nlead = '{blank}'\n")
    rules, params = load_rule_file(path)
    assert params["spaces"] == ["^[ \\t\\u3000]+", "x"] and rules[0].params["lead"] == "[ \\t\\u3000]"


@pytest.mark.parametrize(
    ("text", "message"),
    [
        (GOOD_RULE.format(id="my-rule", pattern="{blnk}", replace=""),
         "rule my-rule: pattern refers to {blnk}, which neither [classes] nor the page-shape vocabulary defines "
         "(defined: blank, blanks)"),
        (GOOD_RULE.format(id="my-rule", pattern="a", replace="") + "[rule.params]\nlead = '^{lead}'\n",
         "rule my-rule: params lead refers to {lead}, which neither [classes] nor the page-shape vocabulary"),
        ("[params]\nlead = '{nowhere}'\n", "[params] lead refers to {nowhere}, which neither [classes] nor"),
        ("[classes]\nloop = 'a{again}'\nagain = '{loop}'\n", "[classes] loop refers to itself (loop -> again -> loop)"),
        ("[classes]\nBlank = ' '\n", "[classes] 'Blank': a name is lowercase letters"),
        ("classes = 3\n", "'classes' must be a table of names and the patterns they stand for"),
    ],
)
def test_a_broken_class_reference_names_the_file_and_rule(tmp_path, text, message):
    path = write(tmp_path, text if text.startswith(("[classes]", "classes")) else CLASSES + text)
    with pytest.raises(RuleError) as err:
        load_rule_file(path)
    assert err.value.where == str(path)
    assert err.value.message.startswith(message)


def test_the_packaged_rule_files_paste_no_blank_class():
    """The blank class is named once per file that uses it, in [classes]."""
    for path in packaged_rules_dir().glob("*.toml"):
        assert path.read_text(encoding="utf-8").count("[ \\t\\u3000\\u00a0]") <= 1, path.name
