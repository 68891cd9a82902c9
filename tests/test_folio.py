"""Folio lines read into paper, date, weekday, page number and section (SPEC rule 19)."""

from __future__ import annotations

import json

import pytest
from conftest import DATA, DEVSET

from cleanup.folio import Folio, parse_folio

STRUCTURES = sorted((DEVSET / "structure").glob("*.json"))


def test_every_folio_of_the_development_set_is_read_right():
    folios = [json.loads(p.read_text(encoding="utf-8"))["folio"] for p in STRUCTURES]
    assert len(folios) >= 40
    for f in folios:
        want = Folio(f["paper"], f["date"], f["weekday"], f["page_no"], f["section"])
        assert parse_folio(f["text"]) == want, f["text"]


@pytest.mark.parametrize(("text", "want"), [
    ("人民日报 1998年1月31日 星期六 第1版 副刊", Folio("人民日报", "1998-01-31", "星期六", 1, "副刊")),
    ("第8版 ”要闻 2021年8月24日 星期二 内蒙古日报", Folio("内蒙古日报", "2021-08-24", "星期二", 8, "要闻")),
    ("2020年7月4日”星期六”社会", Folio(None, "2020-07-04", "星期六", None, "社会")),
])
def test_folios_in_any_order_and_with_ocr_separators(text, want):
    assert parse_folio(text) == want


def test_no_paragraph_of_clean_prose_or_gold_reads_as_a_folio():
    texts = [p.read_text(encoding="utf-8") for p in sorted((DATA / "prose").glob("*.txt"))]
    texts += [p.read_text(encoding="utf-8") for p in sorted((DATA / "gold").glob("*.txt"))]
    paragraphs = [line for text in texts for line in text.splitlines() if line]
    assert len(paragraphs) > 5000
    assert [p for p in paragraphs if parse_folio(p)] == []


@pytest.mark.parametrize(("text", "want"), [
    ("第8版”经; 2019年2月20日”星期三”阴山日报", Folio("阴山日报", "2019-02-20", "星期三", 8, None)),
    ("第2版 训 由 2019年6月23日 星期日 河套日报", Folio("河套日报", "2019-06-23", "星期日", 2, None)),
    ("2023年4月16日 星期日 际 3 呼和浩特日报", Folio("呼和浩特日报", "2023-04-16", "星期日", 3, None)),
])
def test_ocr_debris_between_the_fields_of_a_full_folio_is_skipped(text, want):
    assert parse_folio(text) == want


@pytest.mark.parametrize("text", [
    "员 周海 摄 河套日报 2020年6月27日 星期六 第1版",  # debris opening the line: a neighbour's end
    "2021年11月12日 晴 星期五",  # too few fields besides the debris
    "有 2024年11月8日 星期五 草原晨报",
])
def test_debris_is_not_skipped_at_the_line_s_ends_or_in_a_short_folio(text):
    assert parse_folio(text) is None


def test_debris_leaves_no_bare_word_to_read_as_a_section():
    assert parse_folio("蔡凤波 摄 内蒙古日报 2020年4月7日 星期二 第10版") is None


@pytest.mark.parametrize(("text", "want"), [
    ("河套日报 2021年9月:日 星期三 第4版 时政", Folio("河套日报", None, "星期三", 4, "时政")),
    ("呼和浩特日报 2023年7月11日 星期二 第?版 要闻", Folio("呼和浩特日报", "2023-07-11", "星期二", None, "要闻")),
])
def test_a_date_or_page_number_ocr_garbled_is_a_field_of_unknown_value(text, want):
    assert parse_folio(text) == want


@pytest.mark.parametrize("text", [
    "2021年9月:日 星期三",  # too few fields read whole
    "河套日报 2021年9月:日 星期三",
    "河套日报 2021年9月:日 星期三 训 第4版 时政",  # and debris
    "会议于2021年9月:日召开",
])
def test_a_garbled_field_is_read_only_among_enough_whole_ones(text):
    assert parse_folio(text) is None
