"""Stitching continued articles (SPEC rule 20): leads cut in two by a line read as a headline."""

from __future__ import annotations

from cleanup.articles import Article, Piece
from cleanup.stitch import stitch


def article(page: int, headline: str, paragraphs: list[str], jump_to: int | None = None,
            jump_from: int | None = None, span: tuple[int, int] = (0, 10)) -> Article:
    return Article(headline=headline, paragraphs=paragraphs, jump_to=jump_to, jump_from=jump_from,
                   paper="人民日报", date="2024-03-05", page_no=page,
                   pieces=[Piece(f"issue/p{page}.txt", page, span)])


def test_a_lead_cut_by_a_subhead_read_as_a_headline_is_folded_back_and_stitched():
    lead = article(1, "能减少对胃的伤害", ["预防性服用阿司匹林。"], span=(0, 10))
    tail = article(1, "药物的效力就会下降", ["美国卫生保健研究。"], jump_to=3, span=(10, 20))
    other = article(1, "另一篇", ["别的。"], span=(20, 30))
    piece = article(3, "能减少对胃的伤害", ["接着。"], jump_from=1)
    joined, loose = stitch([lead, tail, other, piece])
    assert loose == []
    assert [a.headline for a in joined] == ["能减少对胃的伤害", "另一篇"]
    j = joined[0]
    assert j.paragraphs == ["预防性服用阿司匹林。", "药物的效力就会下降", "美国卫生保健研究。", "接着。"]
    assert j.subheads == ["药物的效力就会下降"]
    assert j.pages == [1, 3] and [p.span for p in j.pieces] == [(0, 10), (10, 20), (0, 10)]
    assert tail.headline == "药物的效力就会下降" and lead.paragraphs == ["预防性服用阿司匹林。"]


def test_the_article_holding_the_marker_stays_the_lead_when_the_header_names_it():
    before = article(1, "另一篇", ["别的。"])
    lead = article(1, "能减少对胃的伤害", ["开头。"], jump_to=3)
    piece = article(3, "能减少对胃的伤害", ["接着。"], jump_from=1)
    joined, _ = stitch([before, lead, piece])
    assert [(a.headline, a.paragraphs) for a in joined] == [
        ("另一篇", ["别的。"]), ("能减少对胃的伤害", ["开头。", "接着。"])]


def test_no_fold_across_an_article_that_jumps_itself():
    lead = article(1, "能减少对胃的伤害", ["开头。"])
    jumper = article(1, "国务院召开常务会议", ["乙。"], jump_to=2)
    tail = article(1, "药物的效力就会下降", ["尾。"], jump_to=3)
    pieces = [article(2, "国务院常务会议", ["乙续。"], jump_from=1),
              article(3, "能减少对胃的伤害", ["接着。"], jump_from=1)]
    joined, _ = stitch([lead, jumper, tail, *pieces])
    assert [a.headline for a in joined][:3] == ["能减少对胃的伤害", "国务院召开常务会议", "药物的效力就会下降"]
    assert joined[2].paragraphs == ["尾。", "接着。"]
