"""Character normalisation on real pages (SPEC rules 1, 5-11)."""

from __future__ import annotations

import pytest
import regex
from conftest import DEVSET, SAMPLES

from cleanup import Cleaner
from cleanup.errors import RuleError
from cleanup.rules import load_profile, packaged_rules_dir
from cleanup.stages.normalize import diff_runs

CJK = r"[\p{Han}，。、；：？！“”‘’（）《》—…]"
ASCII_IN_CHINESE = regex.compile(rf"(?<={CJK})[,;:()]|[,;:()](?={CJK})")
SPACE_HAN_DIGIT = regex.compile(r"\p{Han}[ \t\u3000]+\d|\d[ \t\u3000]+\p{Han}")
DATELINE = regex.compile(r"\d{1,2}月\d{1,2}日电 \d")


@pytest.mark.parametrize("sample", SAMPLES, ids=lambda p: p.name)
def test_no_ascii_punctuation_left_in_chinese_context(cleaner, sample):
    out = cleaner.clean(sample.read_text(encoding="utf-8")).text
    assert ASCII_IN_CHINESE.findall(out) == []


@pytest.mark.parametrize("sample", SAMPLES, ids=lambda p: p.name)
def test_no_space_between_han_and_digit_but_the_dateline(cleaner, sample):
    out = cleaner.clean(sample.read_text(encoding="utf-8")).text
    left = [m.group() for m in SPACE_HAN_DIGIT.finditer(out)
            if not DATELINE.search(out, m.start() - 6, m.end() + 1)]
    assert left == []


def test_output_is_nfc_with_lf_and_one_final_newline(cleaner):
    out = cleaner.clean("\ufeff第一段。\r\n\r\nCafe\u0301，会议。\r\n\r\n\r\n").text
    assert out == "第一段。\n\nCafé，会议。\n"


def test_traditional_becomes_simplified(cleaner):
    assert cleaner.clean("經濟發展，漢字簡體。").text == "经济发展，汉字简体。\n"


def test_profile_can_keep_traditional():
    assert Cleaner(disable=["t2s"]).clean("經濟發展。").text == "經濟發展。\n"


def test_ascii_stays_ascii_in_numbers_and_latin_runs(cleaner):
    text = "数据4296.1，PM2.5下降，2023-2025年，9:00—17:00开放，1,000人，VGG-19模型，npj Digital Medicine发表。"
    assert cleaner.clean(text).text == text + "\n"


def test_diff_runs_finds_each_changed_run():
    edits = list(diff_runs("漢字與簡體", "汉字与简体", "t2s"))
    assert [(e.at, e.before, e.after) for e in edits] == [(0, "漢", "汉"), (2, "與簡體", "与简体")]


MAP_RULE = """
[[rule]]
id = "my-map"
stage = "normalize"
kind = "map"
description = "d"
table = "{table}"
{params}
examples = [["甲乙", "丙乙"]]
"""


def test_a_map_rule_reads_its_table_from_a_file_beside_it(tmp_path):
    (tmp_path / "t.txt").write_text("# comment\n甲\t丙\n", encoding="utf-8")
    rules = tmp_path / "r.toml"
    rules.write_text(MAP_RULE.format(table="t.txt", params=""), encoding="utf-8")
    assert Cleaner(rules=[rules]).clean("甲乙。").text == "丙乙。\n"


def test_a_broken_table_file_names_the_rule_and_line(tmp_path):
    (tmp_path / "t.txt").write_text("甲\t丙\n甲乙 丙\n", encoding="utf-8")
    rules = tmp_path / "r.toml"
    rules.write_text(MAP_RULE.format(table="t.txt", params=""), encoding="utf-8")
    with pytest.raises(RuleError, match=r"my-map: table file t.txt:2"):
        Cleaner(rules=[rules])


def test_a_map_rule_context_that_runs_away_is_stopped(tmp_path):
    (tmp_path / "t.txt").write_text("甲\t丙\n", encoding="utf-8")
    rules = tmp_path / "r.toml"
    params = "params = { context = '(?:a|a)*b' }"
    rules.write_text(MAP_RULE.format(table="t.txt", params=params), encoding="utf-8")
    with pytest.raises(RuleError, match="my-map: context ran over"):
        Cleaner(rules=[rules], timeout=0.05).clean("甲" + "a" * 40)


def test_lookalikes_table_maps_radicals_to_unified_ideographs():
    table = dict(line.split("\t") for line in (packaged_rules_dir() / "lookalikes.txt")
                 .read_text(encoding="utf-8").splitlines() if not line.startswith("#"))
    assert len(table) > 300
    assert list(table) == sorted(table)
    for lookalike, ideograph in table.items():
        assert 0x2E80 <= ord(lookalike) <= 0x2EF3 or 0x2F00 <= ord(lookalike) <= 0x2FD5
        assert regex.fullmatch(r"\p{Unified_Ideograph}", ideograph), hex(ord(lookalike))


def test_no_radical_is_left_among_han_in_pdfminer_output(cleaner):
    pages = sorted((DEVSET / "raw" / "pdfminer").glob("*.txt"))
    assert pages
    radical = regex.compile(r"[\u2e80-\u2ef3\u2f00-\u2fd5]")
    assert any(radical.search(p.read_text(encoding="utf-8")) for p in pages)
    for page in pages:
        assert radical.findall(cleaner.clean(page.read_text(encoding="utf-8")).text) == [], page.name


def test_ocr_angle_brackets_closed_round_become_round_pairs(cleaner):
    pages = sorted((DEVSET / "raw" / "tesseract").glob("*.txt"))
    raw = [p.read_text(encoding="utf-8") for p in pages]
    before = sum(t.count("〈") for t in raw)
    after = sum(cleaner.clean(t).text.count("〈") for t in raw)
    assert before > 100
    assert after <= before * 0.05


def test_control_chars_are_the_control_and_format_characters_but_tab_and_line_feed():
    """The rule's class, written as C less Cn, Co and Cs for speed, is [[Cc Cf]--[\\n\\t]]."""
    rule = next(r for r in load_profile().rules() if r.id == "control-chars")
    union = regex.compile(r"[[\p{Cc}\p{Cf}]--[\n\t]]", regex.VERSION1)
    every = "".join(map(chr, range(0x110000)))
    matched = [at for m in rule.pattern.finditer(every) for at in range(*m.span())]
    assert matched == [m.start() for m in union.finditer(every)]


def test_a_letter_spaced_line_is_read_line_by_line_and_a_long_one_is_no_printed_line(cleaner):
    """A letter-spaced line loses its blanks, each line read by itself; a line of thousands of
    characters a blank apart is no printed line: it is left as it is, and reading it stops no rule
    (a pattern over the page that read each blank's line again ran past its timeout)."""
    page = "正文第一行。\n" + "不 同 的 指 导 方 针 。 美 国 建 议\n" * 3 + " ".join("中" * 5000) + "\n"
    out = cleaner.clean(page).text
    assert out.count("不同的指导方针。美国建议") == 3
    assert " ".join("中" * 100) in out


def test_a_line_of_marks_a_blank_apart_that_is_no_letter_spaced_line_is_told_at_once():
    """ASCII marks (. , :) read as marks and as a number's alike: a printed line of them a blank
    apart, ending in what is no token (中中), is told no letter-spaced line at once, not after
    trying each way of reading every mark (2^n: minutes for a line of fifty)."""
    rule = next(r for s in load_profile().stages for r in s.rules if r.id == "space-letter-spaced")
    line = regex.compile(rule.params["line"], regex.VERSION1)
    for marks in (".", ",", "1,", ":"):
        row = " ".join([marks] * 50) + " 中 中 中 中中"
        assert len(row) <= 320 and line.fullmatch(row, timeout=1.0) is None
        assert line.fullmatch(" ".join([marks] * 50) + " 中 中 中", timeout=1.0)
