"""The page-shape vocabulary: its file, what rule files see of it, and its tests of a line."""

from __future__ import annotations

import regex
import pytest

from cleanup import Cleaner
from cleanup.errors import RuleError
from cleanup.rules import load_profile, load_rule_file, packaged_rules_dir, read_vocabulary
from cleanup.shape import display_width, lines, load_shape

SHAPE = load_shape()


def test_display_width_counts_a_column_for_ascii_and_two_for_any_other_character():
    assert display_width("中文") == 4
    assert display_width("2023年") == 6
    assert display_width("PM2.5") == 5
    assert display_width("“会议”，") == 10


def test_lines_are_the_non_empty_lines_with_their_offsets():
    assert lines("甲\n\n乙丙\n") == [(0, 1, "甲"), (3, 5, "乙丙")]


@pytest.mark.parametrize(("text", "ends"), [
    ("会议召开。", True), ("他说：“好。”", True), ("会议召开。）", True), ("他说：“好”", False),
    ("会议召开", False), ("会议召开，", False),
])
def test_a_sentence_ends_with_a_mark_then_only_closers(text, ends):
    assert SHAPE.ends_sentence(text) is ends


@pytest.mark.parametrize(("text", "body"), [
    ("会议召开。", True), ("他说：“好”", True), ("会议召开。）", False), ("签约仪式在京举行", False),
])
def test_body_text_ends_a_sentence_or_a_quotation(text, body):
    assert SHAPE.ends_like_body(text) is body


@pytest.mark.parametrize(("text", "shaped"), [
    ("签约仪式在京举行", True), ("开新局 起好步 强首府", True), ("会议召开。", False),
    ("会议强调，", False), ("字" * 30, True), ("字" * 31, False),
])
def test_a_headline_is_short_ends_no_sentence_and_is_not_cut_open(text, shaped):
    assert SHAPE.headline_shaped(text) is shaped


def test_thresholds_that_differ_between_stages_have_names_of_their_own():
    assert (SHAPE.headline_max, SHAPE.long_line, SHAPE.jump_header_max, SHAPE.joined_headline_max) == (30, 40, 40, 60)


def test_rule_files_see_the_vocabulary_classes_and_character_sets():
    names = read_vocabulary(packaged_rules_dir() / "shape.toml").names
    assert names["sentence_end"] == "。！？\\!\\?…"  # a set, to stand inside [...]
    assert regex.fullmatch(f"{names['dateline']}", "新华社北京1月7日电")
    assert regex.fullmatch(f"{names['photo_credit']}", "新华社记者 刘磊 通讯员 张强 摄")


def test_the_function_words_no_line_ends_on_are_named_once():
    """roles reads the vocabulary's ``function_end``; paragraphs' ``ends_function`` and the
    articles' ``heading_goes_on`` build on it."""
    assert set("的和在之") <= set(SHAPE.function_end) and "是" not in SHAPE.function_end
    paragraphs = next(s for s in load_profile().stages if s.name == "paragraphs")
    assert paragraphs.params["ends_function"] == SHAPE.function_end + "将是于"
    goes_on = regex.compile(SHAPE.classes["heading_goes_on"])  # articles: a heading line that wraps
    assert all(goes_on.search(f"黄河流域生态保护{c}") for c in SHAPE.function_end + "为")


@pytest.mark.parametrize(("text", "found"), [
    ("吸引了不少市民驻足观看。本报记者 王磊 摄", True), ("市民连声称赞「真热闹」 新华社记者 刘磊 通讯员 张强 摄", True),
    ("新材料产业集群正在形成。\u3000贺琳波 摄", True), ("则在各个市场都不相同。石蕾超”摄", True),
    ("他说。王磊摄", False), ("本报记者 王磊 摄", False), ("吸引了不少市民驻足观看。本报记者王磊摄影时说，", False),
])
def test_a_photo_credit_after_a_sentence_is_named_once(text, found):
    """debris splits it from its caption, paragraphs ends a paragraph with it, roles reads a caption's end."""
    names = read_vocabulary(packaged_rules_dir() / "shape.toml").names
    assert bool(regex.search(names["credit_after_sentence"], text)) is found


def test_a_rule_file_of_its_own_names_first(tmp_path):
    path = tmp_path / "r.toml"
    path.write_text("[classes]\nperson = '张三'\n[params]\nwho = '{person}{reporter}'\n", encoding="utf-8")
    assert load_rule_file(path)[1]["who"] == "张三(?:记者|通讯员)"


def test_a_profile_may_name_a_vocabulary_of_its_own(tmp_path):
    text = (packaged_rules_dir() / "shape.toml").read_text(encoding="utf-8")
    (tmp_path / "mine.toml").write_text(text.replace("headline_max = 30", "headline_max = 12"), encoding="utf-8")
    profile = tmp_path / "profile.toml"
    profile.write_text('shape = "mine.toml"\n' + (packaged_rules_dir() / "zh-news.toml").read_text(encoding="utf-8"),
                       encoding="utf-8")
    cleaner = Cleaner(profile)
    assert cleaner.shape.headline_max == 12
    assert {s.shape.headline_max for s in cleaner.stages} == {12}
    assert load_profile(profile).stages[0].vetted == {}  # a vocabulary of one's own: patterns are timed


def test_a_broken_pattern_of_line_roles_in_a_vocabulary_fails_when_the_cleaner_is_built(tmp_path):
    text = (packaged_rules_dir() / "shape.toml").read_text(encoding="utf-8")
    (tmp_path / "mine.toml").write_text(text.replace("byline_line = '^", "byline_line = '(^", 1), encoding="utf-8")
    profile = tmp_path / "profile.toml"
    profile.write_text('shape = "mine.toml"\n' + (packaged_rules_dir() / "zh-news.toml").read_text(encoding="utf-8"),
                       encoding="utf-8")
    with pytest.raises(RuleError, match=r"\[classes\] byline_line is not a valid pattern \(missing \)"):
        Cleaner(profile)


def test_a_vocabulary_without_the_patterns_of_line_roles_is_a_rule_error(tmp_path):
    text = (packaged_rules_dir() / "shape.toml").read_text(encoding="utf-8")
    without = "\n".join(line for line in text.splitlines() if not line.startswith("byline_line ="))
    (tmp_path / "mine.toml").write_text(without, encoding="utf-8")
    profile = tmp_path / "profile.toml"
    profile.write_text('shape = "mine.toml"\n[[stage]]\nname = "normalize"\nrules = ["normalize.toml"]\n',
                       encoding="utf-8")
    with pytest.raises(RuleError, match=r"\[classes\] must define byline_line"):
        Cleaner(profile)


def test_a_vocabulary_that_is_missing_or_unknown_is_a_rule_error(tmp_path):
    profile = tmp_path / "profile.toml"
    profile.write_text('shape = "nowhere.toml"\n[[stage]]\nname = "normalize"\nrules = ["normalize.toml"]\n',
                       encoding="utf-8")
    with pytest.raises(RuleError, match="page-shape vocabulary 'nowhere.toml' not found"):
        load_profile(profile)
    (tmp_path / "odd.toml").write_text("[rule]\n", encoding="utf-8")
    with pytest.raises(RuleError, match="a vocabulary holds"):
        read_vocabulary(tmp_path / "odd.toml")


def test_a_name_in_both_params_and_classes_is_a_rule_error(tmp_path):
    (tmp_path / "both.toml").write_text("[params]\nbullets = '■'\n[classes]\nbullets = '□'\n", encoding="utf-8")
    with pytest.raises(RuleError, match="bullets: named both"):
        read_vocabulary(tmp_path / "both.toml")
