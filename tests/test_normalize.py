"""Character normalisation on real pages (SPEC rules 1, 5-11)."""

from __future__ import annotations

import pytest
import regex
from conftest import SAMPLES

from cleanup import Cleaner
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
