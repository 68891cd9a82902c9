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


def test_a_headline_read_as_body_is_raised_when_the_jump_header_names_it():
    heads = article(1, "", ["黄河流域生态保护和高质量发展省际合作联席会召开"], span=(0, 10))
    body = Article(subheadlines=["——推进首府高质量发展系列报道"], paragraphs=["本报讯 会议召开。"], jump_to=2,
                   paper="人民日报", date="2024-03-05", page_no=1, pieces=[Piece("issue/p1.txt", 1, (10, 20))])
    piece = article(2, "联席会召开", ["接着。"], jump_from=1)
    joined, loose = stitch([heads, body, piece])
    assert loose == [] and len(joined) == 1
    j = joined[0]
    assert j.headline == "黄河流域生态保护和高质量发展省际合作联席会召开"
    assert j.subheadlines == ["——推进首府高质量发展系列报道"]
    assert j.paragraphs == ["本报讯 会议召开。", "接着。"] and j.subheads == []


def test_where_the_header_names_nothing_the_page_opening_without_heads_is_the_lead():
    opening = article(3, "", ["要久久为功。", "招商引资。"], span=(0, 10))
    tail = article(3, "不断提升固体废物综合治理能", ["项目签约落地。"], jump_to=5, span=(10, 20))
    piece = article(5, "要求中小学幼儿园不得推迟放假", ["接着。"], jump_from=3)
    joined, _ = stitch([opening, tail, piece])
    assert len(joined) == 1 and joined[0].headline == ""
    assert joined[0].paragraphs == ["要久久为功。", "招商引资。", "不断提升固体废物综合治理能", "项目签约落地。", "接着。"]


def test_without_a_headless_page_opening_the_article_holding_the_marker_stays_the_lead():
    before = article(3, "另一篇报道", ["别的。"])
    tail = article(3, "不断提升固体废物综合治理能", ["项目签约落地。"], jump_to=5)
    piece = article(5, "要求中小学幼儿园不得推迟放假", ["接着。"], jump_from=3)
    joined, _ = stitch([before, tail, piece])
    assert [(a.headline, a.paragraphs) for a in joined] == [
        ("另一篇报道", ["别的。"]), ("不断提升固体废物综合治理能", ["项目签约落地。", "接着。"])]
