"""Folio lines read into paper, date, weekday, page number and section (SPEC rule 19)."""

from __future__ import annotations

import json

import pytest
from conftest import DATA

from cleanup.folio import Folio, parse_folio

STRUCTURES = sorted((DATA / "devset" / "structure").glob("*.json"))


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
