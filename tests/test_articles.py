"""Articles (SPEC rule 20): a page's clean text as articles, continued ones stitched
across an issue, as JSON Lines or Markdown, from the library and the command line."""

from __future__ import annotations

import io
import json
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import DATA, DEVSET_IDS, GOLD, SAMPLES, devset_page, devset_structure
from ocr_pages import HEADING_IN_COLUMN

from cleanup.article_cli import page_of_chunks
from cleanup.article_format import escape_markdown, to_markdown
from cleanup.article_order import Reading, headlines_after_bodies
from cleanup.articles import (
    Article,
    CleanPage,
    Paragraph,
    Piece,
    assemble,
    chinese_number,
    cuts_word,
    divide_stacks,
    headings_apart,
    folio_of,
    jump_ends,
    jumps_of,
    lead_subheads_as_headlines,
    lines_printed,
    long_headlines,
    no_short_headlines,
    ocr_dash_subheadlines,
    page_articles,
    paragraphs_of,
)
from cleanup.cli import main
from cleanup.document import Change, Document, clean_to_raw, steps_from_changes
from cleanup.io import RawReader, clean_chunks
from cleanup.shape import lines, load_shape
from cleanup.stitch import header_score, stitch

TOOLS = Path(__file__).resolve().parent.parent / "tools"

PAGE = """人民日报 2024年3月5日 星期二 第1版 要闻

全力推进高质量发展

□本报记者 王磊

本报北京3月5日电(记者 王磊)会议召开。会议指出,要加强合作,推动发展。

会议强调,要坚持稳中求进,扎实做好各项工作。

(下转第4版)

国务院召开常务会议

新华社北京3月5日电 国务院总理主持召开国务院常务会议,研究部署有关工作。

责任编辑:王五
"""

CONTINUED = """人民日报 2024年3月5日 星期二 第4版 要闻

推进高质量发展

(上接第1版)会议要求,各地区各部门要狠抓落实,确保各项任务落到实处。

另一篇文章

这是另一篇文章的正文，与上一篇无关。
"""

KEYS = ["headline", "kicker", "subheadlines", "byline", "dateline", "paragraphs", "subheads", "captions",
        "credits", "jump_to", "jump_from", "paper", "date", "page_no", "section", "pages", "source",
        "span", "pieces"]


@pytest.fixture
def run(capsysbinary, monkeypatch):
    """Run the CLI in-process; returns (exit code, stdout text, stderr text)."""

    def _run(*argv: str | Path, stdin: bytes | None = None) -> tuple[int, str, str]:
        if stdin is not None:
            monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(stdin)))
        code = main([str(a) for a in argv])
        out, err = capsysbinary.readouterr()
        return code, out.decode("utf-8"), err.decode("utf-8")

    return _run


def records(text: str) -> list[dict]:
    return [json.loads(line) for line in text.splitlines() if line.strip()]


# --- clean offsets back to the raw input ----------------------------------------------


@pytest.mark.parametrize("sample", SAMPLES[:3], ids=lambda p: p.name[:3])
def test_offsets_map_back_from_change_records_as_from_the_document(sample, cleaner):
    doc = cleaner.run(Document(sample.read_text(encoding="utf-8")))
    positions = list(range(0, len(doc.text) + 1, 7))
    steps = steps_from_changes(doc.changes)
    for side in ("start", "end"):
        assert clean_to_raw(steps, positions, side) == doc.to_raw_all(len(doc.steps), positions, side)


def test_a_paragraph_maps_to_the_raw_text_it_came_from(cleaner):
    raw = "■本报讯(记者 云静)2月 11日上午,会议召开。\n\n会后进行了分组审议。\n"
    result = cleaner.clean(raw)
    steps = steps_from_changes(result.changes)
    second = result.text.index("会后")
    start = clean_to_raw(steps, [second], "start")[0]
    end = clean_to_raw(steps, [second + len("会后进行了分组审议。")], "end")[0]
    assert raw[start:end] == "会后进行了分组审议。"


def test_a_page_cleaned_in_chunks_maps_as_one_cleaned_whole(cleaner):
    text = SAMPLES[0].read_text(encoding="utf-8")
    whole = cleaner.run(Document(text))
    reader = RawReader(io.BytesIO(text.encode("utf-8")), "utf-8", "page")
    chunked = page_of_chunks(clean_chunks(reader, cleaner, target=800))
    assert len(chunked.segments) > 2
    assert chunked.raw == text
    one = CleanPage.from_changes(whole.raw, whole.text, whole.changes)
    for article in page_articles(chunked):
        s, e = article.span
        assert article.paragraphs[-1][-6:] in text[s:e].replace(",", "，")
    assert [a.headline for a in page_articles(chunked)] == [a.headline for a in page_articles(one)]


# --- one page ------------------------------------------------------------------------


def test_a_page_gives_its_articles_in_reading_order(cleaner):
    first, second = cleaner.articles(PAGE, "page.txt")
    assert first.headline == "全力推进高质量发展"
    assert first.byline == "本报记者 王磊"
    assert first.dateline == "本报北京3月5日电（记者 王磊）"
    assert first.paragraphs == ["本报北京3月5日电（记者 王磊）会议召开。会议指出，要加强合作，推动发展。",
                                "会议强调，要坚持稳中求进，扎实做好各项工作。"]
    assert (first.jump_to, first.jump_from) == (4, None)
    assert second.headline == "国务院召开常务会议"
    assert second.credits == ["责任编辑：王五"]
    assert second.jump_to is None


def test_the_folio_is_the_metadata_of_every_article_and_in_none_of_their_text(cleaner):
    articles = cleaner.articles(PAGE, "page.txt")
    for a in articles:
        assert (a.paper, a.date, a.page_no, a.section) == ("人民日报", "2024-03-05", 1, "要闻")
        assert a.pages == [1]
        assert not any("人民日报" in p for p in a.paragraphs)


def test_each_article_span_covers_its_raw_text(cleaner):
    for a, last in zip(cleaner.articles(PAGE, "page.txt"), ["扎实做好各项工作。", "责任编辑:王五"]):
        s, e = a.span
        assert PAGE[s:e].startswith(a.headline) and PAGE[s:e].endswith(last)
        assert a.source == "page.txt" and a.pieces == [Piece("page.txt", 1, (s, e))]
    first, second = cleaner.articles(PAGE, "page.txt")
    assert first.span[1] <= second.span[0]


def test_a_page_without_headline_is_one_article_with_an_empty_headline(cleaner):
    text = "会议召开。会议指出，要加强合作，推动发展。\n\n会议强调，要坚持稳中求进。\n"
    (only,) = cleaner.articles(text)
    assert only.headline == ""
    assert len(only.paragraphs) == 2
    assert only.span == (0, len(text) - 1)


@pytest.mark.parametrize("text", ["", "\n\n", "   \n"])
def test_an_empty_page_has_no_article(cleaner, text):
    assert cleaner.articles(text) == []


def test_the_record_has_every_key_with_its_type(cleaner):
    record = cleaner.articles(PAGE, "page.txt")[0].record()
    assert list(record) == KEYS
    assert isinstance(record["headline"], str) and isinstance(record["paragraphs"], list)
    assert isinstance(record["page_no"], int) and isinstance(record["span"], list)
    assert json.loads(json.dumps(record, ensure_ascii=False)) == record


def test_articles_are_a_view_over_the_clean_text(cleaner):
    clean = cleaner.clean(PAGE).text
    paragraphs = set(clean.splitlines())
    for a in cleaner.articles(PAGE):
        for text in [a.headline, *([a.byline] if a.byline else []), *a.paragraphs, *a.credits]:
            assert text in paragraphs


# --- jumps and folios ----------------------------------------------------------------


def test_page_jump_markers_read_from_the_change_records(cleaner):
    result = cleaner.clean("正文。\n\n（下转第十二版）\n\n(上接第3版)接着的正文。\n")
    jumps = jumps_of(result.changes)
    assert [(j.direction, j.page) for j in jumps] == [("to", 12), ("from", 3)]


@pytest.mark.parametrize(("text", "n"), [("三", 3), ("十", 10), ("十二", 12), ("二十三", 23), ("二十", 20)])
def test_chinese_page_numbers(text, n):
    assert chinese_number(text) == n


def test_a_continued_piece_names_the_page_it_came_from(cleaner):
    first, other = cleaner.articles(CONTINUED, "p4.txt")
    assert (first.headline, first.jump_from, first.jump_to) == ("推进高质量发展", 1, None)
    assert first.paragraphs[0].startswith("会议要求")
    assert other.jump_from is None


def test_a_folio_split_one_field_a_line_is_read_whole():
    raw = "锡林郭勒日报\n2019年8月20日\n星期二\n第1版\n时政\n记者从教育厅了解到\n"
    assert tuple(folio_of(raw, [])) == ("锡林郭勒日报", "2019-08-20", "星期二", 1, "时政")


def test_a_folio_beside_the_editor_credit_and_with_ocr_damage_is_read():
    raw = "内蒙古日报      2020年9月11日      星期五      第]版      民生      责任编辑: 钟艳\n正文。\n"
    assert tuple(folio_of(raw, [])) == ("内蒙古日报", "2020-09-11", "星期五", 1, "民生")


def test_a_page_without_folio_has_no_metadata(cleaner):
    a = cleaner.articles("标题新闻\n\n正文。会议召开。\n")[0]
    assert (a.paper, a.date, a.page_no, a.section) == (None, None, None, None)


def test_every_development_page_read_by_pymupdf_gives_its_folio():
    for pid in DEVSET_IDS:
        f = devset_structure(pid)["folio"]
        assert tuple(folio_of(devset_page(pid), [])) == (
            f["paper"], f["date"], f["weekday"], f["page_no"], f["section"]), pid


# --- assembly ----------------------------------------------------------------------


def paras(*pairs: tuple[str, str]) -> list[Paragraph]:
    out, at = [], 0
    for role, text in pairs:
        out.append(Paragraph(text, role, at, at + len(text)))
        at += len(text) + 2
    return out


def test_heads_then_body_make_one_article_and_a_new_headline_opens_the_next():
    drafts = assemble(paras(("kicker", "引题"), ("headline", "主标题"), ("subheadline", "——副题"),
                            ("byline", "本报记者 王磊"), ("body", "正文一。"), ("subhead", "小标题"),
                            ("body", "正文二。"), ("caption", "图为会场。"), ("credit", "（李海珍）"),
                            ("headline", "第二篇"), ("body", "正文三。")))
    a, b = (d.article for d in drafts)
    assert (a.kicker, a.headline, a.subheadlines, a.byline) == ("引题", "主标题", ["——副题"], "本报记者 王磊")
    assert a.paragraphs == ["正文一。", "小标题", "正文二。"] and a.subheads == ["小标题"]
    assert (a.captions, a.credits) == (["图为会场。"], ["（李海珍）"])
    assert (b.headline, b.paragraphs) == ("第二篇", ["正文三。"])
    assert drafts[0].start == 0 and drafts[1].start > drafts[0].end


def test_furniture_is_in_no_article_and_an_editor_credit_at_the_top_goes_to_the_first():
    drafts = assemble(paras(("folio", "人民日报 2024年3月5日"), ("credit", "责任编辑：王五"),
                            ("page-number", "3"), ("headline", "标题"), ("body", "正文。")))
    (a,) = (d.article for d in drafts)
    assert (a.headline, a.paragraphs, a.credits) == ("标题", ["正文。"], ["责任编辑：王五"])


def test_a_sub_headline_run_on_from_its_headline_is_read_apart():
    (d,) = assemble(paras(("headline", "研究部署外事工作——访和林格尔县委书记李六小"), ("body", "正文。")))
    assert (d.article.headline, d.article.subheadlines) == ("研究部署外事工作", ["——访和林格尔县委书记李六小"])
    (d,) = assemble(paras(("headline", "——访和林格尔县委书记李六小"), ("body", "正文。")))
    assert d.article.headline == "——访和林格尔县委书记李六小"


@pytest.mark.parametrize(("byline", "rest", "want"), [
    ("本报记者 杜晶鑫", "任春", "本报记者 杜晶鑫 任春"),
    ("本报记者 何宇婧 通讯", "员 文敏", "本报记者 何宇婧 通讯员 文敏"),
])
def test_a_byline_name_on_the_line_after_it_is_the_byline_s(byline, rest, want):
    (d,) = assemble(paras(("headline", "数字赋能首府经济社会高质量发展"), ("byline", byline), ("headline", rest),
                          ("body", "正文。")))
    assert (d.article.headline, d.article.byline, d.article.paragraphs) == (
        "数字赋能首府经济社会高质量发展", want, ["正文。"])


def test_a_photo_story_after_an_article_cut_off_mid_sentence_stands_alone():
    page = paras(("headline", "团市委：落实“重实践”要求"), ("body", "团市委坚持学以致用。同时多渠道培养选树"),
                 ("body", "近日，原创交响乐作品汇报音乐会在内蒙古艺术学院举行。"), ("body", "本场音乐会以“草原儿女心向党”为主题。"),
                 ("credit", "本报记者 王中宙 摄"))
    drafts = assemble(page)
    assert [(d.article.headline, len(d.article.paragraphs), d.article.credits) for d in drafts] == [
        ("团市委：落实“重实践”要求", 1, []), ("", 2, ["本报记者 王中宙 摄"])]
    # the article's last paragraph ends its sentence, or no photo credit closes what follows: one article
    for last, credit in (("同时多渠道培养选树人才。", "本报记者 王中宙 摄"), ("同时多渠道培养选树", "责任编辑：王五")):
        page2 = page[:1] + paras(("body", last)) + page[2:4] + paras(("credit", credit))
        assert len(assemble(page2)) == 1
    # one paragraph over the credit is a caption of the story it stands in
    (d,) = assemble(page[:3] + page[4:])
    assert (len(d.article.paragraphs), d.article.credits) == (2, ["本报记者 王中宙 摄"])


# a page whose lead's headings OCR set inside the sentence of another column
DISPLACED = (("byline", "新华社记者 和孟舌"), ("body", "后疫情时代，招商引资工作已成为最重要的工作之一。"),
             ("body", "要“分秒必争”。上足时间发条，全力跑出招商"), ("headline", "看准的事情就要咬住不放"),
             ("subheadline", "一一四是加强卫星遥感监控和人员巡查"), ("body", "引资“加速度”，努力在招商战场上抢占先机。"),
             ("headline", "全力支持建成项目运营发展"), ("body", "杨雪岗说，呼和浩特市持续优化营商环境。"))


def test_the_lead_s_headings_set_inside_a_sentence_head_the_lead():
    drafts = assemble(paras(*DISPLACED))
    assert [(d.article.headline, d.article.subheadlines, d.article.byline, len(d.article.paragraphs))
            for d in drafts] == [("看准的事情就要咬住不放", ["一一四是加强卫星遥感监控和人员巡查"], "新华社记者 和孟舌", 3),
                                 ("全力支持建成项目运营发展", [], None, 1)]


@pytest.mark.parametrize("change", ["sentence ends", "page opens with a heading", "jump marker", "byline under",
                                    "no dash"])
def test_headings_after_a_paragraph_cut_off_stay_where_they_stand(change):
    """Where the paragraph before the headings ends its sentence, the page opens with a
    heading, a jump marker ends the paragraph cut off, a byline stands under the
    headings or no sub-headline led by a dash ends them, they head what follows them,
    as on a page printed in order."""
    page = list(DISPLACED)
    ends: set[int] = set()
    if change == "sentence ends":
        page[2] = ("body", "要“分秒必争”。上足时间发条，全力跑出招商引资加速度。")
    elif change == "page opens with a heading":
        page.insert(0, ("headline", "招商引资要有新作为"))
    elif change == "byline under":
        page.insert(5, ("byline", "本报记者 王磊"))
    elif change == "no dash":
        page[4] = ("subheadline", "四是加强卫星遥感监控和人员巡查")
    found = paras(*page)
    if change == "jump marker":
        ends = {found[2].start}
    drafts = assemble(found, ends=ends)
    assert drafts[0].article.headline in ("", "招商引资要有新作为")
    assert "看准的事情就要咬住不放" in [d.article.headline for d in drafts[1:]]


def test_a_page_cleaned_from_ocr_gives_its_lead_the_headings_set_inside_a_sentence(cleaner):
    raw = "新华社记者 和孟舌\n\n" + HEADING_IN_COLUMN + "\n全力支持建成项目运营发展\n\n杨雪岗说，呼和浩特市近年\n来持续优化改善营商环境。\n"
    lead, nxt = cleaner.articles(raw)
    assert (lead.headline, lead.subheadlines, lead.byline) == (
        "看准的事情就要咬住不放", ["一一四是加强卫星遥感监控和人员巡查"], "新华社记者 和孟舌")
    assert lead.paragraphs[-1] == "引资“加速度”，努力在招商战场上抢占先机。"
    assert nxt.headline == "全力支持建成项目运营发展"


@pytest.mark.parametrize("rest", ["春到草原", "开新局 起好步 强首府"])
def test_a_heading_under_a_byline_that_is_not_the_rest_of_a_word_heads_its_own_article(rest):
    # a byline cut inside a word leaves at most a name's end or a title's end on the next line
    drafts = assemble(paras(("headline", "冬季那达慕开幕"), ("dateline", "本报1月5日讯（记者 刘晓冬）冬季那达慕开幕。"),
                            ("byline", "本报记者 王中宙 摄影报道"), ("headline", rest), ("body", "正文。")))
    assert [d.article.byline for d in drafts if d.article.byline] == ["本报记者 王中宙 摄影报道"]
    assert [d.article.paragraphs for d in drafts if d.article.headline == rest] == [["正文。"]]


def test_a_short_headline_after_a_photo_byline_is_not_read_into_it(cleaner):
    text = "\n\n".join(["冬季那达慕开幕", "本报1月5日讯（记者 刘晓冬）1月5日，冬季那达慕在锡林浩特开幕。",
                         "本报记者 王中宙 摄影报道", "春到草原", "本报1月5日讯 立春将至，草原上的牧民开始准备接羔。"])
    arts = cleaner.articles(text + "\n")
    assert [a.byline for a in arts if a.byline] == ["本报记者 王中宙 摄影报道"]
    assert [a.paragraphs[0][:7] for a in arts if a.headline == "春到草原"] == ["本报1月5日讯"]


def test_a_photo_credit_under_a_caption_repeating_the_story_s_words_closes_that_story():
    # the story's last paragraph lost its full stop, the two caption paragraphs under it
    # repeat its words (马头琴演奏, 节目轮番上演): the photo is the story's, not a story of its own
    head = paras(("headline", "我市举办新春文艺演出"),
                 ("dateline", "本报1月5日讯（记者 刘晓冬）1月5日晚，我市新春文艺演出在市文化中心举行。"),
                 ("body", "演出在歌舞《春天的故事》中拉开帷幕，京剧、二人台、马头琴演奏等节目轮番上演，现场掌声不断"))
    credit = paras(("credit", "本报记者 王中宙 摄"))
    page = head + paras(("body", "1月5日晚，演员在表演马头琴演奏。"), ("body", "京剧、二人台等节目轮番上演。")) + credit
    (d,) = assemble(page)
    assert (len(d.article.paragraphs), d.article.credits) == (4, ["本报记者 王中宙 摄"])
    # captions that do not repeat the story's words: a photo story of its own
    other = head + paras(("body", "近日，原创交响乐作品汇报音乐会在内蒙古艺术学院举行。"),
                         ("body", "本场音乐会以“草原儿女心向党”为主题。")) + credit
    assert [(d.article.headline, len(d.article.paragraphs)) for d in assemble(other)] == [
        ("我市举办新春文艺演出", 2), ("", 2)]
    # a jump marker after the paragraph cut off: its story goes on elsewhere, the photo stands alone
    drafts = assemble(page, ends={page[2].start})
    assert [(d.article.headline, len(d.article.paragraphs)) for d in drafts] == [("我市举办新春文艺演出", 2), ("", 2)]


def test_a_kicker_with_no_headline_under_it_is_the_headline():
    (d,) = assemble(paras(("kicker", "自治区政府新闻办召开发布会"), ("subheadline", "——超额完成全年目标"),
                          ("byline", "本报通讯员 尹宇凯"), ("body", "正文。")))
    assert (d.article.kicker, d.article.headline) == (None, "自治区政府新闻办召开发布会")


def test_a_byline_after_body_text_opens_an_article_without_headline():
    drafts = assemble(paras(("headline", "标题"), ("body", "正文。"), ("byline", "本报记者 王磊"),
                            ("body", "另一篇。")))
    assert [(d.article.headline, d.article.byline) for d in drafts] == [("标题", None), ("", "本报记者 王磊")]


@pytest.mark.parametrize(("texts", "want"), [
    (["自治区教育厅发布通知", "要求中小学幼儿园不得推迟放假或提前开学"], ["kicker", "headline"]),
    (["自治区3个集体1名个人获市场监管总局通报表扬", "我市云春雷获评工作表现突出个人"], ["headline", "subheadline"]),
    # the second, right over the body, not much shorter than the first: the headline
    (["感谢呼和浩特对项目的支持", "延长供应端全产业链条"], ["kicker", "headline"]),
    (["学思想 强党性·整改整治进行时", "市退役军人事务局：下力气整改整治", "助推退役军人工作高质量发展"],
     ["kicker", "headline", "subheadline"]),
    (["标题"], ["headline"]),
])
def test_a_stack_of_headlines_divides_into_kicker_headline_and_subheadline(texts, want):
    assert divide_stacks(["headline"] * len(texts) + ["body"], texts + ["正文。"]) == want + ["body"]


@pytest.mark.parametrize(("heads", "want"), [
    # OCR left the line a wrapped headline goes on to a paragraph apart, cut inside a word
    (["开启中国式现代", "化的新长征"], (None, "开启中国式现代化的新长征", [])),
    (["学思想 强党性", "自治区3个集体1名个人获市场监管总局通", "报表扬", "我市云春雷获评工作表现突出个人"],
     ("学思想 强党性", "自治区3个集体1名个人获市场监管总局通报表扬", ["我市云春雷获评工作表现突出个人"])),
    # each ends on a word of its own: a kicker over its headline
    (["感谢呼和浩特对项目的支持", "延长供应端全产业链条"], ("感谢呼和浩特对项目的支持", "延长供应端全产业链条", [])),
])
def test_a_headline_wrapped_onto_a_paragraph_apart_is_read_whole(heads, want):
    drafts = assemble(paras(*[("headline", h) for h in heads], ("body", "正文。")))
    a = drafts[0].article
    assert len(drafts) == 1 and (a.kicker, a.headline, a.subheadlines) == want


def test_a_stack_over_a_dash_led_sub_headline_ends_with_its_headline():
    texts = ["回眸2023", "贯彻落实市委十三届七次全会精神暨全市经济工作会议精神", "抓产业 塑品牌 保民生 推动各项工作提速提质增效",
             "——访和林格尔县委书记李六小", "正文。"]
    roles = ["headline", "headline", "headline", "subheadline", "body"]
    assert divide_stacks(roles, texts) == ["kicker", "kicker", "headline", "subheadline", "body"]


@pytest.mark.parametrize(("text", "after", "want"), [
    ("自治区政协党组理论学习中心组召开2022年第一次集体学习会 李秀领主持并讲话", "dateline", "headline"),
    ("王莉霞在推进产业集群建设及重点产业高质量发展专题会议上强调 坚持扬长避短培优增效 坚持有所为有所不为", "byline", "headline"),
    ("自治区政协党组理论学习中心组召开2022年第一次集体学习会 李秀领主持并讲话", "body", "body"),
    ("自治区政协党组理论学习中心组召开2022年第一次集体学习会，李秀领主持并讲话", "dateline", "body"),
    ("开幕 石泰峰主持", "dateline", "body"),  # short: the headline shape would have said
    ("呼和浩特日报2022年9月8日 星期四 第1版 副刊 责任编辑彭玉艳此后便再没有甚么声息", "dateline", "body"),
    ("本报记者 武亮红 通讯员 王宇宇 新华社记者 刘磊 通讯员 张强 本报记者 李明 摄", "dateline", "body"),
])
def test_a_headline_longer_than_the_headline_shape_is_read_before_a_byline_or_dateline(text, after, want):
    assert long_headlines([text, "本报讯（记者 云静）会议召开。"], ["body", after]) == [want, after]


@pytest.mark.parametrize(("texts", "roles", "want"), [
    (["扮靓首府迎冬奥", "-一推进首府高质量发展系列报道"], ["headline", "headline"], "subheadline"),
    (["扮靓首府迎冬奥", "－一推进首府高质量发展系列报道"], ["headline", "headline"], "subheadline"),
    (["会议召开。", "-一推进首府高质量发展系列报道"], ["body", "headline"], "headline"),  # no heading over it
    (["扮靓首府迎冬奥", "推进首府高质量发展系列报道"], ["headline", "headline"], "headline"),
    # a lone 一, of no word with the text after it: OCR's reading of the dash
    (["六大产业集群助推首府经济高质量发展", "一学习贯彻党的二十大精神研讨班侧记"], ["headline", "headline"], "subheadline"),
    (["扮靓首府迎冬奥", "一份2015的报告指出"], ["headline", "headline"], "headline"),  # 一份: a word
    (["扮靓首府迎冬奥", "一起向未来"], ["headline", "headline"], "headline"),
    (["会议召开。", "一学习贯彻党的二十大精神研讨班侧记"], ["body", "headline"], "headline"),
    (["聚焦全国两会", "一图读懂政府工作报告"], ["headline", "headline"], "headline"),  # a kicker over it
    (["推动城乡规划建设管理统", "一协调发展迈上新台阶"], ["headline", "headline"], "headline"),  # 统一
])
def test_a_headline_led_by_the_dash_as_ocr_reads_it_is_a_subheadline(texts, roles, want):
    assert ocr_dash_subheadlines(texts, roles)[1] == want


@pytest.mark.parametrize(("raw", "want"), [
    ("既要盯着新的项目\n\n我市云春雷获评工\n", True),  # a kicker over its headline, a block apart
    ("既要盯着新的项目\n我市云春雷获评工\n", False),  # no blank line: one block
    ("积极开展与毗邻地区\n\n的抗疫情合作\n", False),  # the tail of a wrapped headline: narrower
    ("黄河流域生态保护和\n\n高质量发展省际合作\n", False),  # 和 ties the lines
    ("舞剧在京演出的\n\n北疆文化品牌推介会\n", False),
])
def test_heading_lines_a_blank_line_apart_are_two_headings_unless_one_wraps(raw, want):
    first, second = lines(raw)
    assert headings_apart(raw, first, second) is want


def test_ocr_heading_blocks_that_cleaning_joined_are_read_apart(cleaner):
    raw = devset_page("p0035", "tesseract")
    arts = {a.headline: a for a in cleaner.articles(raw)}
    assert arts["我市云春雷获评工作表现突出个人"].kicker == "既要盯着新的项目"


def test_a_headline_over_a_sub_headline_led_by_ocrs_dash_is_no_caption(cleaner):
    """A headline and its sub-headline, OCR's 一 for the dash, over lines OCR read side by
    side (as wide as a caption): the headline heads its article (p0009, tesseract)."""
    raw = devset_page("p0009", "tesseract")
    arts = {a.headline: a for a in cleaner.articles(raw)}
    assert arts["六大产业集群助推首府经济高质量发展"].subheadlines == ["一学习贯彻党的二十大精神研讨班侧记"]


def joined_page(blocks: list[str], rest: str, top: str = "") -> CleanPage:
    """A page whose raw ``blocks`` (blank lines between them; lines of a block a line
    break apart) cleaning joined into one paragraph, ``top`` over it and ``rest`` after
    it as they were."""
    raw = clean = top + "\n\n" if top else ""
    changes = []
    for n, block in enumerate(blocks):
        for k, line in enumerate(block.split("\n")):
            if n or k:
                gap = "\n" if k else "\n\n"
                changes.append(Change("join", "paragraphs", len(raw), len(raw) + len(gap), gap, "", 0, len(raw)))
                raw += gap
            raw += line
            clean += line
    raw += "\n\n" + rest
    clean += "\n\n" + rest
    return CleanPage.from_changes(raw, clean, changes)


# as OCR sets a lead's headings in its column (tesseract p0035): blocks of body lines around them
LEAD_BODY = ["市委召开会议。会议要求，\n下一步，首府将按照统筹\n整合、推陈出新原则，不断\n优化系统间业务办理流程、数",
             "感谢呼和浩特对项目的支持", "延长供应端全产业链条",
             "据运转流程，让已建系统发挥\n更多效能、让基础数据惠及更\n多应用，打造多元化场景。"]
LEAD_TEXT = [block.replace("\n", "") for block in LEAD_BODY]
NEXT = "自治区政府新闻办召开发布会\n\n本报讯（记者 云静）会议召开。\n"


def test_the_tail_of_a_headline_line_that_goes_on_into_its_sub_headline_is_the_sub_headline_s():
    art = assemble(paras(("headline", "研究部署外事工作——访和林格尔县委书"), ("headline", "记李六小"),
                         ("body", "会议召开。")))[0].article
    assert (art.headline, art.subheadlines) == ("研究部署外事工作", ["——访和林格尔县委书记李六小"])


def test_the_lead_s_headings_ocr_set_inside_its_body_head_it():
    lead = page_articles(joined_page(LEAD_BODY, NEXT))[0]
    assert (lead.kicker, lead.headline) == ("感谢呼和浩特对项目的支持", "延长供应端全产业链条")
    assert lead.paragraphs == [LEAD_TEXT[0] + LEAD_TEXT[3]]


def test_a_page_that_spaces_its_lines_keeps_its_lead_s_lines_with_no_mark():
    # pdfminer sets a blank line between a column's lines: one with no mark is body text
    blocks = [line for block in LEAD_BODY for line in block.split("\n")]
    arts = page_articles(joined_page(blocks, NEXT))
    assert arts[0].headline == "" and arts[0].paragraphs == ["".join(LEAD_TEXT)]


@pytest.mark.parametrize(("page", "body"), [("p0006", "可怜他手里还紧紧的捏著那只小篮呢"),
                                             ("p0012", "消费集聚区培育建设实施方案》《内蒙古自治区鼓励")])
def test_a_lead_set_a_line_a_block_keeps_its_lines(cleaner, page, body):
    raw = devset_page(page, "pdfminer")
    arts = cleaner.articles(raw)
    assert any(body in p for a in arts for p in a.paragraphs)


@pytest.mark.parametrize(("heads", "want"), [
    # the last line over the body is the headline, though shorter than the one over it
    (["自治区政府新闻办召开发布会", "包钢贺海东出席"], ("自治区政府新闻办召开发布会", "包钢贺海东出席", [])),
    # with the line it wrapped from
    (["造成重大人员伤亡和财产损失", "自治区教育", "厅发布通知"], ("造成重大人员伤亡和财产损失", "自治区教育厅发布通知", [])),
    (["北京西郊的中央党校校园里", "一一访和林格尔县委书记李六小"], (None, "北京西郊的中央党校校园里", ["一一访和林格尔县委书记李六小"])),
])
def test_the_lead_s_headings_from_its_body_are_kickers_over_the_last(heads, want):
    lead = page_articles(joined_page([LEAD_BODY[0], *heads, LEAD_BODY[3]], NEXT))[0]
    assert (lead.kicker, lead.headline, lead.subheadlines) == want


@pytest.mark.parametrize(("top", "blocks"), [
    ("全力推进高质量发展", LEAD_BODY),  # the page opens with a heading: the lead has its own
    *[("", blocks) for blocks in [
        [LEAD_BODY[0], "集 | 版。 | 团将继续推动", LEAD_BODY[3]],  # columns read side by side
        [LEAD_BODY[0], "感谢，呼和浩特对项目的支持", LEAD_BODY[3]],  # a mark of body text
        [LEAD_BODY[0], "感谢", LEAD_BODY[3]],  # too short
        # a column's line OCR set apart: it reads on from the line over it and onto the next
        ["会议强调，\n我谨向你表示诚挚的慰问。\n你在关键时", "刻果断采取有力举措迅速平息事", "态，体现了责任与担当。\n会议要求，狠抓落实。"],
        [LEAD_BODY[0] + "感谢呼和浩特对项目的支持", LEAD_BODY[3]],  # no block of its own
    ]],
])
def test_no_heading_is_taken_out_of_a_lead_without_a_block_shaped_as_one(top, blocks):
    arts = page_articles(joined_page(blocks, NEXT, top))
    assert "".join(blocks).replace("\n", "") in [p for a in arts for p in a.paragraphs] + [a.headline for a in arts]


@pytest.mark.parametrize(("pairs", "want"), [
    # no heading over the page's top: a subhead there is a headline the type misread
    ([("body", "正文。"), ("subhead", "看准的事情就要咬住不放"), ("body", "正文。"), ("headline", "标题")],
     ["body", "headline", "body", "headline"]),
    ([("body", "正文。"), ("subhead", "的效率"), ("body", "正文。")], ["body", "subhead", "body"]),  # a tail
    # under a heading, a subhead is the article's own
    ([("headline", "标题"), ("body", "正文。"), ("subhead", "看准的事情就要咬住不放"), ("body", "正文。")],
     ["headline", "body", "subhead", "body"]),
    ([("body", "正文。"), ("headline", "标题"), ("subhead", "看准的事情就要咬住不放")], ["body", "headline", "subhead"]),
])
def test_a_subhead_of_a_lead_under_no_heading_is_a_headline(pairs, want):
    assert [p.role for p in lead_subheads_as_headlines(paras(*pairs))] == want


def test_a_headline_of_two_characters_or_fewer_is_none():
    texts = ["星", "摄", "回眸2023", "开局", "正文。"]
    roles = ["headline", "headline", "headline", "headline", "body"]
    assert no_short_headlines(texts, roles) == ["body", "body", "headline", "body", "body"]


@pytest.mark.parametrize(("text", "want"), [
    ("<泵口", "body"),  # OCR's reading of a picture: few Han, marks no headline holds
    ("十ZX cm", "body"),
    ("ER        =及 /人", "body"),
    ("入 疯", "body"),  # Han characters blanks set apart
    ("位于r", "body"),  # a Latin letter alone
    ("s交4儿", "body"),
    ("回眸2023", "headline"),  # a word and a year
    ("上海网络时延28ms", "headline"),  # Latin letters among Han enough
    ("AI赋能发展", "headline"),
    ("G20峰会", "headline"),  # letters and digits with two Han: a name and a word
    ("5G时代", "headline"),
    ("《繁花》", "headline"),  # a headline's punctuation around two Han
    ("“双减”", "headline"),
    ("2023·回眸", "headline"),
])
def test_a_headline_of_few_han_characters_and_other_marks_is_ocrs_debris(text, want):
    assert no_short_headlines([text], ["headline"]) == [want]


NAHAN = (DATA / "prose" / "nahan.txt").read_text(encoding="utf-8").split("\n")


@pytest.mark.parametrize("title", ["故乡", "药"])
def test_a_short_title_of_a_text_written_a_paragraph_a_line_opens_its_story(cleaner, title):
    at = NAHAN.index(title)  # the story before it, the title, the story's first paragraphs
    arts = cleaner.articles("\n\n".join(NAHAN[at - 3:at + 3]) + "\n")
    last = arts[-1]  # 药 stands over its first chapter's number, 一: a kicker
    assert title in (last.kicker, last.headline) and NAHAN[at + 2] in last.paragraphs
    assert NAHAN[at - 2] not in last.paragraphs and title not in last.paragraphs


def test_a_page_is_printed_lines_when_most_of_its_lines_end_no_sentence():
    assert lines_printed(PAGE.replace("会议召开。会议指出,", "会议召开。\n会议指出,\n"))
    assert not lines_printed("\n\n".join(NAHAN[25:31]))


def test_the_printed_type_tells_kicker_and_subhead_from_headline(cleaner):
    raw = devset_page("p0003")
    arts = {a.headline: a for a in cleaner.articles(raw)}
    assert arts["连精神也更不济了"].kicker == "阎罗大王只好把你锯开来"
    raw = devset_page("p0015")
    (a,) = [a for a in cleaner.articles(raw) if a.headline == "有感染的孩童不建议用药"]
    assert a.subheads == ["水杨酸中的羟基替换为酯基"] and len(a.paragraphs) == 5


def test_a_heading_line_set_as_body_between_body_paragraphs_is_a_subhead(cleaner):
    # PyMuPDF: 不断提升远端防控能力和水平, a line of the column after a picture's credit, over the
    # body, no byline: a subhead of the article it stands in, not the headline of a new one
    arts = cleaner.articles(devset_page("p0010"))
    (a,) = [a for a in arts if a.headline == "开新局 起好步 强首府"]
    assert a.subheads == ["不断提升远端防控能力和水平"]
    assert any(p.startswith("会议强调，做好今年外事工作") for p in a.paragraphs)
    assert "不断提升远端防控能力和水平" not in [a.headline for a in arts]
    # OCR sets a headline in a block of its own, blank lines around it: it stays a headline
    assert "签约总额202.6亿元" in [a.headline for a in cleaner.articles(devset_page("p0039", "tesseract"))]


def _issue_page(issue: str, page: str, reader: str = "pymupdf") -> str:
    return (DATA / "issues" / issue / "raw" / reader / f"{page}.txt").read_text(encoding="utf-8")


def test_a_heading_line_set_as_body_after_an_articles_closing_credit_heads_a_new_article(cleaner):
    # 看准的事情就要咬住不放, set in the column's width, no byline, moved after the article that
    # （武宏） closes: a new article's headline, not a subhead of the article before; only a
    # picture's credit (… 摄) is set inside the body
    raw = _issue_page("i05", "p3").split("\n")
    head, credit, top = raw.index("看准的事情就要咬住不放"), raw.index("（武宏）"), raw.index("统筹用好外事资")
    page = "\n".join(raw[:5] + raw[top:credit + 1] + raw[head:head + 12]) + "\n"
    arts = cleaner.articles(page)
    assert [a.headline for a in arts] == ["统筹用好外事资源渠道", "看准的事情就要咬住不放"]
    assert not any(a.subheads for a in arts)


def test_a_heading_over_a_jump_from_marker_heads_the_continued_piece(cleaner):
    # 能减少对胃的伤害 | ■上接第2版阿司匹林是…: as short as a subhead, between body paragraphs,
    # under the page's lead article: the headline of the piece continued from page 2
    arts = cleaner.articles(_issue_page("i05", "p3"))
    assert [a.headline for a in arts][:2] == ["看准的事情就要咬住不放", "能减少对胃的伤害"]
    assert arts[0].subheads == [] and arts[1].jump_from == 2


def test_a_headline_paragraph_whose_lines_change_type_is_read_as_two(cleaner):
    # cleaning joined a kicker to the headline under it (建议该药仅用作二线治疗|阿司匹林也会抑制|维生素C的吸收)
    raw = devset_page("p0035")
    (a,) = [a for a in cleaner.articles(raw) if a.kicker == "建议该药仅用作二线治疗"]
    assert a.headline == "阿司匹林也会抑制维生素C的吸收" and a.paragraphs[0].startswith("新华社乌兰察布")
    # a line that goes on with a word of the line over it (总|统) is of the same heading
    raw = devset_page("p0013")
    (a,) = [a for a in cleaner.articles(raw) if a.kicker and a.kicker.startswith("习近平")]
    assert (a.kicker, a.headline) == ("习近平向哈萨克斯坦总统托卡耶夫致口信", "工业技改投资同比增长28.6%")
    assert cuts_word("习近平向哈萨克斯坦总", "统托卡耶夫致口信") and not cuts_word("建议该药仅用作二线治疗", "阿司匹林")


def test_a_heading_line_as_wide_as_the_caption_under_it_is_its_first_line(cleaner):
    # ▲一是开展区域再生水循环利用试点城|市创建，全力推动……|试点城市创建。 邵宇亮 摄: a caption, not a headline
    for name, first in (("p0006", "一是开展区域再生水循环利用试点城"), ("p0003", "组织开展自治区首批服务贸")):
        raw = devset_page(name)
        arts = cleaner.articles(raw)
        assert not [a for a in arts if first in a.headline]
        assert [a for a in arts if any(first in c for c in a.captions)], name


def test_a_headline_written_after_its_body_is_put_back_over_it():
    page = paras(("headline", "开新局 起好步 强首府"), ("body", "后疫情时代，招商引资工作已成为最重要的工作之一。"),
                 ("dateline", "本报讯（记者 梁婧姝）2月12日下午，市长贺海东一行赴国家气象信息中心对接。"),
                 ("body", "市领导李晓燕参加活动。"), ("headline", "贺海东拜访国家气象信息中心"),
                 ("dateline", "本报讯（记者 刘丽霞）记者从市统计局获悉，全市工业投资增长。"))
    read = headlines_after_bodies(Reading(page, frozenset(), frozenset()))
    assert [p.text[:6] for p in read.paragraphs] == \
        ["开新局 起好", "后疫情时代，", "贺海东拜访国", "本报讯（记者", "市领导李晓燕", "本报讯（记者"]
    assert (read.opens, read.breaks) == (frozenset(), {page[3].start})  # no heading over its lead: no stack
    drafts = assemble(page)
    assert [d.article.headline for d in drafts] == ["开新局 起好步 强首府", "贺海东拜访国家气象信息中心"]
    assert drafts[1].article.paragraphs[1] == "市领导李晓燕参加活动。"
    # in order, or with a byline under it, a headline stays where it is
    for after in (("dateline", "本报讯（记者 云静）贺海东拜访国家气象信息中心。"), ("byline", "本报记者 王磊")):
        page2 = page[:5] + paras(after)
        assert headlines_after_bodies(Reading(page2, frozenset(), frozenset())) == (page2, set(), set())


def test_a_run_of_headlines_after_bodies_goes_back_with_the_run_before_it():
    # each run of headings follows the story it heads (sample 001): the first run, after the
    # credit closing a story, goes back over it, the second over the first story after it
    # (no stack of the two), the third over the second, the fourth stays
    page = paras(("headline", "数字赋能首府"), ("dateline", "本报讯（记者 苗青）数字经济成为首府转型发展的关键增量。"),
                 ("credit", "（李海珍）"), ("headline", "舞剧《昭君》在京震撼上演"),
                 ("dateline", "本报讯（记者 云静）2月12日下午，汇源集团合作项目签约仪式在京举行，包钢出席。"),
                 ("body", "市领导刘继英参加。"), ("headline", "我市与汇源集团合作项目签约仪式在京举行"),
                 ("dateline", "本报讯（记者 梁婧姝）2月12日下午，市长贺海东拜访国家气象信息中心。"),
                 ("body", "市领导李晓燕参加活动。"), ("headline", "贺海东拜访国家气象信息中心"),
                 ("dateline", "本报讯（记者 刘丽霞）记者从市统计局获悉，全市工业投资增长。"))
    drafts = assemble(page)
    assert [(d.article.headline, d.article.paragraphs[:1]) for d in drafts] == [
        ("数字赋能首府", [page[1].text]),
        ("舞剧《昭君》在京震撼上演", []),
        ("我市与汇源集团合作项目签约仪式在京举行", [page[4].text]),
        ("贺海东拜访国家气象信息中心", [page[7].text]),
    ]
    assert drafts[3].article.paragraphs[-1] == page[10].text  # the last story has no headline of its own
    # nothing shows the page was written out of order (no credit, jump marker or banner
    # before the heading over the lead, the run heads a story): each run stays
    assert [(d.article.headline, d.article.paragraphs[:1]) for d in assemble(page[3:])] == [
        (p.text, [page[k + 1].text]) for k, p in enumerate(page[:-1]) if k > 2 and p.role == "headline"]



@pytest.mark.parametrize("sign", ["jump", "end", "banner"])
def test_a_run_takes_a_lead_from_the_heading_over_it_only_on_a_page_written_out_of_order(sign):
    before = [("body", "全市上下要从现在开始，立即动起来。")]
    if sign == "banner":  # a dash-led sub-headline with a headline under it
        before = [("headline", "开启中国式现代化的新长征"), ("subheadline", "——学习贯彻党的二十大精神研讨班侧记"),
                  ("headline", "开新局 起好步 强首府"), ("body", "后疫情时代，招商引资工作已成为最重要的工作之一。")]
    story = [("headline", "舞剧《昭君》在京震撼上演"),
             ("dateline", "本报讯（记者 云静）2月12日下午，汇源集团合作项目签约仪式在京举行，包钢出席。"),
             ("body", "市领导刘继英参加。"), ("headline", "我市与汇源集团合作项目签约仪式在京举行")]
    after = [("dateline", "本报讯（记者 梁婧姝）2月12日下午，市长贺海东拜访国家气象信息中心。")]
    page = paras(*before, *story, *([] if sign == "end" else after))
    lead = page[len(before) + 1]
    ends = {page[len(before) - 1].start} if sign == "jump" else set()

    def first_of(page: list[Paragraph], headline: str, ends: set[int]) -> list[str]:
        return next(d.article.paragraphs[:1] for d in assemble(page, ends=ends) if d.article.headline == headline)

    assert first_of(page, "我市与汇源集团合作项目签约仪式在京举行", ends) == [lead.text]
    if sign != "banner":  # without the sign, the heading over the lead keeps it
        plain = paras(*before, *story, *after)
        assert first_of(plain, "舞剧《昭君》在京震撼上演", set()) == [lead.text]


T1 = (("headline", "自治区党委召开常委会会议"),
      ("dateline", "本报1月5日讯（记者 刘晓冬）1月5日，自治区党委召开常委会会议，传达学习中央精神，"
                   "研究部署全区经济工作会议筹备事宜。"),
      ("body", "会议指出，要坚持稳中求进工作总基调，扎实做好各项工作。"),
      ("body", "会议强调，各地各部门要狠抓落实，确保各项任务完成。"),
      ("headline", "全区经济工作会议召开"),
      ("body", "日前，记者从有关部门获悉，今年我区将着力扩大有效投资，推动产业转型升级。"),
      ("body", "据介绍，去年我区地区生产总值增长6%以上。"))


def test_a_page_in_order_keeps_a_headline_under_the_story_whose_lead_repeats_it(cleaner):
    # the first lead names the second story (全区经济工作会议) but has a headline of its own,
    # which it repeats all of: the second headline heads what follows it
    want = [("自治区党委召开常委会会议", 3), ("全区经济工作会议召开", 2)]
    assert [(d.article.headline, len(d.article.paragraphs)) for d in assemble(paras(*T1))] == want
    text = "\n\n".join(t for _, t in T1) + "\n"
    assert [(a.headline, len(a.paragraphs)) for a in cleaner.articles(text)] == want
    # after a credit (a sign of a page out of order) too: the lead repeats its own headline
    page = paras(("body", "全市上下要从现在开始，立即动起来。"), ("credit", "（李海珍）"), *T1)
    assert [(d.article.headline, len(d.article.paragraphs)) for d in assemble(page)] == [("", 1)] + want
    # a heading over the lead that repeats less of it than the run, without a sign of a
    # page out of order, keeps the lead too
    page = paras(("headline", "新春走基层"), *T1[1:])
    assert [(d.article.headline, len(d.article.paragraphs)) for d in assemble(page)] == [
        ("新春走基层", 3), ("全区经济工作会议召开", 2)]


def test_headlines_with_nothing_under_them_after_a_credit_head_the_story_it_closes():
    page = paras(("headline", "开新局 起好步 强首府"), ("body", "后疫情时代，招商引资工作已成为最重要的工作之一。"),
                 ("dateline", "本报讯（记者 苗青）近日，舞剧《昭君》在北京展览馆剧场开启首次演出。"),
                 ("body", "市第十三次党代会提出，首府要大力发展数字经济，推动经济社会高质量发展。"),
                 ("credit", "（李海珍）"), ("headline", "数字赋能首府经济社会高质量发展"))  # the page's end
    drafts = assemble(page)
    got = [(d.article.headline, [p[:5] for p in d.article.paragraphs]) for d in drafts]
    assert got[1] == ("数字赋能首府经济社会高质量发展", ["本报讯（记", "市第十三次"]), got
    # no credit closes the story before it: the headline stays where it is, heading nothing
    drafts = assemble(page[:4] + page[5:])
    assert [p[:5] for p in drafts[0].article.paragraphs] == ["后疫情时代", "本报讯（记", "市第十三次"]
    assert drafts[1].article.paragraphs == []


def test_a_banner_of_headlines_goes_each_over_the_body_that_repeats_its_words():
    # the extractor wrote the page's top headlines first: a sub-headline led by a dash
    # under which another headline stands shows it
    page = paras(("headline", "开启中国式现代化的新长征"), ("subheadline", "——学习贯彻党的二十大精神研讨班侧记"),
                 ("headline", "去年拉动全市投资增长3.3个百分点"),
                 ("headline", "市生态环境局：高标准打好蓝天碧水净土保卫战"), ("subheadline", "——推进首府高质量发展系列报道"),
                 ("headline", "开新局 起好步 强首府"),
                 ("body", "致力千秋伟业的百年大党，学习贯彻党的二十大精神研讨班如期开班，推进中国式现代化。"),
                 ("body", "2023年，市生态环境局高标准打好蓝天、碧水、净土保卫战。"),
                 ("body", "深入打好碧水保卫战。"),
                 ("body", "后疫情时代，招商引资工作已成为全国各地最重要的工作之一。"),
                 ("dateline", "本报讯（记者 刘丽霞）去年全市工业投资拉动全市投资增长3.3个百分点。"))
    drafts = assemble(page, ends={page[6].start, page[8].start})  # 下转第N版 after 致力… and 深入…
    got = {d.article.headline: [p[:4] for p in d.article.paragraphs] for d in drafts}
    assert got == {"开启中国式现代化的新长征": ["致力千秋"], "市生态环境局：高标准打好蓝天碧水净土保卫战": ["2023", "深入打好"],
                   "开新局 起好步 强首府": ["后疫情时"], "去年拉动全市投资增长3.3个百分点": ["本报讯（"]}
    # no jump marker after 深入…: the body after it goes on with the story before
    drafts = assemble(page, ends={page[6].start})
    assert "开新局 起好步 强首府" not in [d.article.headline for d in drafts if d.article.paragraphs]


def test_roles_given_are_kept():
    roles = ["kicker", "headline", "subheadline", "body"]
    assert divide_stacks(roles, ["a", "bb", "c", "d"]) == roles


# --- stitching -----------------------------------------------------------------------


def article(page: int, headline: str, paragraphs: list[str], jump_to: int | None = None,
            jump_from: int | None = None, date: str | None = "2024-03-05", source: str = "") -> Article:
    src = source or f"issue/p{page}.txt"
    return Article(headline=headline, paragraphs=paragraphs, jump_to=jump_to, jump_from=jump_from,
                   paper="人民日报" if date else None, date=date, page_no=page if date else None,
                   pieces=[Piece(src, page if date else None, (0, 10))])


def test_a_continued_article_is_one_record_with_both_pages():
    lead = article(1, "全力推进高质量发展", ["开头。"], jump_to=4)
    other = article(1, "另一篇", ["别的。"])
    piece = article(4, "推进高质量发展", ["接着。"], jump_from=1)
    joined, loose = stitch([lead, other, article(4, "第四版新闻", ["新闻。"]), piece])
    assert loose == []
    assert [a.headline for a in joined] == ["全力推进高质量发展", "另一篇", "第四版新闻"]
    j = joined[0]
    assert j.paragraphs == ["开头。", "接着。"] and j.pages == [1, 4]
    assert (j.jump_to, j.jump_from) == (None, None)
    assert [p.source for p in j.pieces] == ["issue/p1.txt", "issue/p4.txt"]
    assert lead.paragraphs == ["开头。"]  # the inputs are left as they were


def test_the_jump_header_picks_the_piece_among_several():
    a = article(1, "全力推进高质量发展", ["甲。"], jump_to=4)
    b = article(1, "国务院召开常务会议", ["乙。"], jump_to=4)
    pa = article(4, "国务院常务会议", ["乙续。"], jump_from=1)
    pb = article(4, "高质量发展", ["甲续。"], jump_from=1)
    joined, loose = stitch([a, b, pa, pb])
    assert loose == []
    assert [(x.headline, x.paragraphs) for x in joined] == [
        ("全力推进高质量发展", ["甲。", "甲续。"]), ("国务院召开常务会议", ["乙。", "乙续。"])]


def test_an_issue_reads_in_page_order_whatever_the_file_order():
    p10 = article(10, "第十版", ["十。"])
    p2 = article(2, "第二版", ["二。"])
    other = article(1, "另一天", ["一。"], date="2024-03-06")
    joined, _ = stitch([p10, other, p2])
    assert [a.headline for a in joined] == ["第二版", "第十版", "另一天"]


def test_a_chain_of_jumps_joins_three_pieces():
    joined, loose = stitch([article(1, "长篇报道", ["一。"], jump_to=2),
                            article(2, "长篇报道", ["二。"], jump_from=1, jump_to=5),
                            article(5, "长篇报道", ["三。"], jump_from=2)])
    assert loose == [] and len(joined) == 1
    assert joined[0].paragraphs == ["一。", "二。", "三。"] and joined[0].pages == [1, 2, 5]


def test_jumps_that_lead_nowhere_are_reported_not_guessed():
    joined, loose = stitch([article(1, "全力推进高质量发展", ["甲。"], jump_to=4),
                            article(2, "第二版", ["乙。"], jump_to=3),
                            article(3, "毫不相干", ["丙。"]),
                            article(5, "别处来的", ["丁。"], jump_from=2)])
    assert len(joined) == 4
    messages = [j.message() for j in loose]
    assert any("page 4 is not among the pages" in m and "下转第4版" in m for m in messages)
    assert any("no piece on page 3" in m for m in messages)
    assert any("上接第2版" in m and "no article on page 2 jumps to page 5" in m for m in messages)
    assert len(loose) == 3


def test_pieces_of_other_issues_or_without_page_numbers_are_not_joined():
    other_day = article(4, "全力推进高质量发展", ["接着。"], jump_from=1, date="2024-03-06")
    joined, loose = stitch([article(1, "全力推进高质量发展", ["开头。"], jump_to=4), other_day])
    assert len(joined) == 2 and len(loose) == 2
    no_number = [article(1, "标题", ["一。"], jump_to=2, date=None, source="issue/page-a.txt"),
                 article(2, "标题", ["二。"], jump_from=1, date=None, source="issue/page-b.txt")]
    joined, loose = stitch(no_number)
    assert len(joined) == 2 and "no folio" in loose[0].message()


def test_where_ocr_lost_the_page_number_the_file_name_gives_it():
    lead = article(1, "全力推进高质量发展", ["开头。"], jump_to=4)
    piece = article(4, "推进高质量发展", ["接着。"], jump_from=1, date=None, source="issue/p4.txt")
    joined, loose = stitch([piece, lead])
    assert loose == [] and len(joined) == 1
    assert joined[0].pages == [1, 4] and joined[0].paragraphs == ["开头。", "接着。"]
    assert piece.page_no is None  # the metadata stays the folio's


def test_a_paper_name_misread_on_one_page_of_an_issue_is_put_right():
    pages = [article(n, f"标题{n}", ["正文。"]) for n in (1, 2, 3)]
    pages[1].paper = "人民曰报"
    pages[2].paper = "北京晚报"  # another paper: two characters away
    lead = article(1, "长篇报道", ["一。"], jump_to=2)
    piece = article(2, "长篇报道", ["二。"], jump_from=1)
    piece.paper = "人民曰报"
    joined, loose = stitch(pages + [lead, piece])
    assert [a.paper for a in joined] == ["人民日报", "人民日报", "人民日报", "北京晚报"]
    assert loose == [] and joined[1].pages == [1, 2]


def test_a_page_whose_folio_lost_its_paper_joins_the_issue_of_its_date():
    lead = article(2, "全力推进高质量发展", ["开头。"], jump_to=3)
    piece = article(3, "推进高质量发展", ["接着。"], jump_from=2)
    piece.paper = None
    joined, loose = stitch([lead, piece])
    assert loose == [] and joined[0].pages == [2, 3]


def test_header_scores_name_short_forms():
    lead = Article(headline="黄河流域生态保护和高质量发展省际合作联席会召开 王莉霞出席并致辞")
    assert header_score(lead, Article(headline="黄河流域生态保护和高质量发展省际合作联席会召开")) >= 90
    assert header_score(lead, Article(headline="帮助哈方渡过难关")) < 60
    assert header_score(lead, Article(headline="")) == 0


# --- Markdown ------------------------------------------------------------------------


def test_markdown_has_the_headline_the_byline_in_italics_then_the_paragraphs(cleaner):
    md = to_markdown(cleaner.articles(PAGE, "page.txt")[0])
    lines = [x for x in md.splitlines() if x]
    assert lines[0].startswith("<!-- 人民日报 · 2024-03-05 · 第1版")
    assert lines[1:4] == ["# 全力推进高质量发展", "*本报记者 王磊*",
                          "本报北京3月5日电（记者 王磊）会议召开。会议指出，要加强合作，推动发展。"]


def test_markdown_keeps_text_from_reading_as_markup():
    assert escape_markdown("# 不是标题") == "\\# 不是标题"
    assert escape_markdown("2. 第二条") == "2\\. 第二条"
    assert escape_markdown("> 引") == "\\> 引"
    assert escape_markdown("普通正文。") == "普通正文。"
    md = to_markdown(Article(headline="*星*", subheadlines=["——副题"], kicker="引题",
                             paragraphs=["小标题", "正文"], subheads=["小标题"], captions=["图为会场"]))
    assert md.splitlines()[::2] == ["引题", "# \\*星\\*", "## ——副题", "### 小标题", "正文", "> 图为会场"]


# --- the command line ----------------------------------------------------------------


@pytest.fixture
def issue(tmp_path) -> Path:
    d = tmp_path / "issue"
    d.mkdir()
    (d / "p1.txt").write_text(PAGE, encoding="utf-8")
    (d / "p4.txt").write_text(CONTINUED, encoding="utf-8")
    return d


def test_cli_prints_one_record_per_article(run, tmp_path):
    page = tmp_path / "page.txt"
    page.write_text(PAGE, encoding="utf-8")
    code, out, err = run("articles", page)
    assert code == 0
    got = records(out)
    assert [r["headline"] for r in got] == ["全力推进高质量发展", "国务院召开常务会议"]
    assert all(list(r) == KEYS for r in got)
    assert got[0]["source"] == str(page)
    s, e = got[0]["span"]
    assert PAGE[s:e].startswith("全力推进高质量发展")


def test_cli_writes_the_output_file_whole(run, tmp_path):
    page = tmp_path / "page.txt"
    page.write_text(PAGE, encoding="utf-8")
    out_file = tmp_path / "out" / "articles.jsonl"
    code, out, _ = run("articles", page, "-o", out_file)
    assert code == 0 and out == ""
    assert len(records(out_file.read_text(encoding="utf-8"))) == 2
    assert [p.name for p in out_file.parent.iterdir()] == ["articles.jsonl"]


def test_cli_reads_stdin(run):
    code, out, _ = run("articles", "-", stdin=PAGE.encode("utf-8"))
    assert code == 0 and records(out)[0]["source"] == "<stdin>"


def test_cli_stitches_an_issue_directory(run, issue, tmp_path):
    out_file = tmp_path / "articles.jsonl"
    code, _, err = run("articles", issue, "-o", out_file)
    assert code == 0
    got = records(out_file.read_text(encoding="utf-8"))
    assert [r["headline"] for r in got] == ["全力推进高质量发展", "国务院召开常务会议", "另一篇文章"]
    lead = got[0]
    assert lead["pages"] == [1, 4] and lead["jump_to"] is None
    assert lead["paragraphs"][-1].startswith("会议要求")
    assert [p["source"] for p in lead["pieces"]] == [str(issue / "p1.txt"), str(issue / "p4.txt")]
    assert "cleanup: articles" not in err


def test_cli_names_each_jump_that_leads_nowhere_and_exits_0(run, issue):
    (issue / "p4.txt").unlink()
    code, out, err = run("articles", issue)
    assert code == 0
    assert [r["jump_to"] for r in records(out)] == [4, None]
    lines = [x for x in err.splitlines() if x.startswith("cleanup: articles:")]
    assert len(lines) == 1
    assert "p1.txt" in lines[0] and "全力推进高质量发展" in lines[0] and "page 4 is not among the pages" in lines[0]


def test_cli_markdown(run, issue):
    code, out, _ = run("articles", issue, "--format", "md")
    assert code == 0
    assert out.count("\n# ") == 3 and "*本报记者 王磊*" in out
    assert "会议要求，各地区各部门要狠抓落实" in out


def test_cli_reads_a_jsonl_corpus(run, tmp_path):
    corpus = tmp_path / "corpus.jsonl"
    corpus.write_text(json.dumps({"id": 1, "body": PAGE}, ensure_ascii=False) + "\n\n"
                      + "not json\n" + json.dumps({"id": 3, "body": CONTINUED}, ensure_ascii=False) + "\n",
                      encoding="utf-8")
    code, out, err = run("articles", corpus, "--jsonl", "--text-field", "body")
    assert code == 2  # the broken line is reported; the others are read
    got = records(out)
    assert [r["source"] for r in got] == [f"{corpus}:1", f"{corpus}:1", f"{corpus}:4"]
    assert got[0]["pages"] == [1, 4]
    assert "corpus.jsonl:3" in err and "not valid JSON" in err


@pytest.mark.parametrize("output", [False, True])
def test_cli_refuses_a_corpus_whose_first_records_all_fail_in_one_line(run, tmp_path, output):
    """As cleaning it does (cleanup.corpus.on_probation): a misnamed --text-field is one
    error, not one a record, and nothing is written."""
    corpus, out = tmp_path / "corpus.jsonl", tmp_path / "articles.jsonl"
    corpus.write_text("".join(json.dumps({"id": n, "body": PAGE}, ensure_ascii=False) + "\n"
                              for n in range(12)), encoding="utf-8")
    code, stdout, err = run("articles", corpus, "--jsonl", "--text-field", "text",
                            *(["-o", out] if output else []))
    assert (code, stdout) == (2, "")
    lines = err.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith(f"cleanup: error: {corpus}: none of its first 10 records")
    assert "check --text-field" in lines[0] and not out.exists()


def test_cli_reads_a_corpus_whose_first_records_fail_before_a_good_one(run, tmp_path):
    corpus = tmp_path / "corpus.jsonl"
    corpus.write_text("{broken\n" * 9 + "\n" + json.dumps({"body": PAGE}, ensure_ascii=False) + "\n"
                      + "{broken\n", encoding="utf-8")
    code, out, err = run("articles", corpus, "--jsonl", "--text-field", "body")
    assert code == 2
    assert [r["source"] for r in records(out)] == [f"{corpus}:11", f"{corpus}:11"]
    errors = [e for e in err.splitlines() if e.startswith("cleanup: error: ")]
    assert [e.split(": not valid JSON")[0] for e in errors] == \
        [f"cleanup: error: {corpus}:{n}" for n in [*range(1, 10), 12]]


def test_cli_dedup_across_drops_paragraphs_an_earlier_article_has(run, tmp_path):
    d = tmp_path / "archive"
    d.mkdir()
    story = "新华社北京3月5日电 国务院总理主持召开国务院常务会议,研究部署有关工作。\n"
    (d / "a.txt").write_text("第一家报纸的标题\n\n" + story, encoding="utf-8")
    (d / "b.txt").write_text("第二家报纸的标题\n\n" + story + "\n本报自己的评论，写得不同。\n", encoding="utf-8")
    code, out, err = run("articles", d, "--dedup-across")
    assert code == 0
    got = records(out)
    assert [len(r["paragraphs"]) for r in got] == [1, 1]
    assert got[1]["paragraphs"] == ["本报自己的评论，写得不同。"]
    assert "dedup-across" in err and "b.txt" in err


@pytest.mark.parametrize(("argv", "part"), [
    (["articles", "/no/such/page.txt"], "no such file"),
    (["articles", "PAGE", "--dedup-across"], "--dedup-across needs"),
    (["articles", "PAGE", "-o", "DIR"], "not a directory"),
    (["articles", "PAGE", "--format", "html"], "invalid choice"),
])
def test_cli_errors_are_one_line_and_exit_2(run, tmp_path, argv, part):
    page = tmp_path / "page.txt"
    page.write_text(PAGE, encoding="utf-8")
    argv = [str(page) if a == "PAGE" else str(tmp_path) if a == "DIR" else a for a in argv]
    code, out, err = run(*argv)
    assert code == 2 and out == ""
    lines = err.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("cleanup: error: ") and part in lines[0]


def test_cli_cleaning_and_restore_are_unchanged_by_articles(run, tmp_path):
    page = tmp_path / "page.txt"
    page.write_bytes(SAMPLES[1].read_bytes())
    clean, log, back = tmp_path / "c.txt", tmp_path / "c.changes.jsonl", tmp_path / "r.txt"
    assert run(page, "-o", clean, "--changes", log)[0] == 0
    assert run("articles", page, "-o", tmp_path / "a.jsonl")[0] == 0
    assert run("restore", clean, "--changes", log, "-o", back)[0] == 0
    assert back.read_bytes() == page.read_bytes()
    lines = set(clean.read_text(encoding="utf-8").splitlines())
    for r in records((tmp_path / "a.jsonl").read_text(encoding="utf-8")):
        assert set(r["paragraphs"]) <= lines


# --- the hand-made gold and the measuring tools ---------------------------------------


@pytest.mark.parametrize("gold", GOLD[:3], ids=lambda p: p.name[:3])
def test_the_hand_made_article_gold_is_made_of_gold_paragraphs(gold):
    paragraphs = [p for p in gold.read_text(encoding="utf-8").split("\n\n") if p.strip()]
    paragraphs[-1] = paragraphs[-1].rstrip("\n")
    used = []
    for line in (DATA / "articles" / f"{gold.name[:3]}.jsonl").read_text(encoding="utf-8").splitlines():
        a = json.loads(line)
        assert set(a) <= set(KEYS)
        texts = [a["headline"], a["kicker"], a["byline"], *a["subheadlines"], *a["paragraphs"],
                 *a["captions"], *a["credits"]]
        used += [t for t in texts if t]
    assert set(used) <= set(paragraphs)
    assert [p for p in paragraphs if p not in used] == (["回眸2023"] if gold.name.startswith("002") else [])


def test_score_articles_prints_every_figure():
    out = subprocess.run([sys.executable, str(TOOLS / "score_articles.py"), "--sets", "samples", "--json"],
                         capture_output=True, text=True, check=True).stdout
    figures = json.loads(out)["samples"]
    assert figures["pages"] == 3
    assert 0 < figures["head_f1"] <= 1 and 0 < figures["para_ok"] <= 1


def test_score_articles_scores_the_held_out_pages_by_name_only():
    sys.path.insert(0, str(TOOLS))
    import score_articles

    assert not set(score_articles.HELD_OUT_SETS) & set(score_articles.SETS)  # never in the default run
    pages = score_articles.pages_of("heldout-pymupdf", DATA)
    assert len(pages) == 30 and all("heldout" in p.source.parts for p in pages)


def test_score_articles_counts_each_page_s_misses_by_cause():
    sys.path.insert(0, str(TOOLS))
    import score_articles

    from cleanup import Cleaner

    tally = score_articles.score_set("samples", DATA, Cleaner(), False)
    table = score_articles.by_page("samples", tally).splitlines()
    assert table[0] == "| samples page | " + " | ".join(score_articles.CAUSES) + " |"
    total = [int(n) for n in table[-1].strip("| ").split(" | ")[1:]]
    assert total[0] == tally.gold_heads - tally.matched_heads  # head_lost
    assert total[1] == tally.found_heads - tally.matched_heads  # head_false
    assert sum(total[2:5]) == tally.paragraphs - tally.paragraphs_ok


# --- the stitching test issues (tools/make_issues.py) ----------------------------------

ISSUES = sorted((DATA / "issues").glob("i*"))


def test_there_are_issues_with_jumps_to_stitch():
    jumps = [j for d in ISSUES for j in json.loads((d / "issue.json").read_text(encoding="utf-8"))["jumps"]]
    assert len(ISSUES) >= 10 and len(jumps) >= 20
    assert any(j["header"] != j["headline"] for j in jumps)  # short forms too


@pytest.mark.parametrize("folder", ISSUES, ids=lambda p: p.name)
def test_an_issue_is_remade_from_its_seed(folder):
    sys.path.insert(0, str(TOOLS))
    from devset.issue import make_issue
    from make_devset import structure_json

    info = json.loads((folder / "issue.json").read_text(encoding="utf-8"))
    pages, jumps = make_issue(info["seed"])
    assert [p.folio.page_no for p in pages] == info["pages"]
    assert [j.__dict__ for j in jumps] == info["jumps"]
    for page in pages:
        name = f"p{page.folio.page_no}"
        assert structure_json(page) == (folder / "structure" / f"{name}.json").read_text(encoding="utf-8")
        assert page.gold() == (folder / "gold" / f"{name}.txt").read_text(encoding="utf-8")
        assert (page.folio.paper, page.folio.date.isoformat()) == (info["paper"], info["date"])
        for reader in ("pymupdf", "tesseract"):
            assert (folder / "raw" / reader / f"{name}.txt").is_file()


@pytest.mark.parametrize("folder", ISSUES, ids=lambda p: p.name)
def test_each_jump_of_an_issue_is_printed_at_both_ends(folder):
    for j in json.loads((folder / "issue.json").read_text(encoding="utf-8"))["jumps"]:
        lead = json.loads((folder / "structure" / f"p{j['from_page']}.json").read_text(encoding="utf-8"))
        piece = json.loads((folder / "structure" / f"p{j['to_page']}.json").read_text(encoding="utf-8"))
        assert lead["articles"][0]["jump_to"] == j["to_page"] and lead["articles"][0]["headline"] == j["headline"]
        assert piece["articles"][j["piece"]]["jump_from"] == j["from_page"]
        assert piece["articles"][j["piece"]]["headline"] == j["header"]


def test_every_jump_of_the_pymupdf_issues_is_followed_and_none_made_up():
    sys.path.insert(0, str(TOOLS))
    import score_articles

    from cleanup import Cleaner

    tally = score_articles.score_issues("pymupdf", DATA / "issues", Cleaner(), score_articles.Tally(), False)
    assert tally.jumps == 25
    assert tally.joined == tally.jumps and tally.false_joins == 0
    assert tally.folio_ok == tally.folio_pages == 49


def test_the_readme_example_is_what_the_command_gives(cleaner):
    readme = (Path(__file__).resolve().parent.parent / "README.md").read_text(encoding="utf-8")
    section = readme[readme.index("## Articles"):readme.index("## Library")]
    shown = json.loads(section.split("```json\n", 1)[1].split("```", 1)[0])
    lines = SAMPLES[0].read_text(encoding="utf-8").split("\n")[4:15]
    page = "\n".join(lines) + "\n"
    (article,) = cleaner.articles(page, "page.txt")
    assert article.record() == shown
    assert "\n".join(lines) in section


def test_cli_a_page_that_cannot_be_read_is_reported_and_the_others_are_read(run, issue):
    (issue / "bad.txt").write_bytes(b"\xff\xfe\x00\x01" * 50)
    code, out, err = run("articles", issue)
    assert code == 2
    assert [r["headline"] for r in records(out)] == ["全力推进高质量发展", "国务院召开常务会议", "另一篇文章"]
    errors = [x for x in err.splitlines() if x.startswith("cleanup: error:")]
    assert len(errors) == 1 and "bad.txt" in errors[0] and "Traceback" not in err


def test_cli_an_empty_page_gives_no_record(run, tmp_path):
    page = tmp_path / "empty.txt"
    page.write_bytes(b"")
    assert run("articles", page) == (0, "", "")


@pytest.mark.parametrize("gap", ["", "\n\n"])
def test_a_jump_to_marker_ends_the_paragraph_it_follows_on_its_line_or_below(cleaner, gap):
    raw = "\n\n".join(["我市举办新春文艺演出", "会议指出，要坚持稳中求进工作总基调。" + gap + "（下转第2版）",
                       "新华社北京1月7日电 另一篇报道开始。"]) + "\n"
    doc = cleaner.run(Document(raw))
    page = CleanPage.from_changes(doc.raw, doc.text, doc.changes)
    paras = paragraphs_of(page.clean)
    assert jump_ends(page, paras, jumps_of(page.changes, load_shape())) == {paras[1][0]}


def test_a_subhead_may_follow_a_picture_s_credit_but_not_an_article_s_closing_credit():
    from cleanup.articles import _amid_body, patterns
    from cleanup.roles import Role

    credit = patterns().caption_credit
    for before, amid in [("本报记者 魏刚 通讯员 万志红 摄", True), ("孙佳 摄", True),
                         ("（武宏）", False), ("责任编辑：周波志", False)]:
        paras = [(0, 0, "会议要求，切实抓好各项工作。"), (0, 0, before), (0, 0, "全员招商的战旗迎风飘扬"),
                 (0, 0, "签约前，包钢一行与旭阳集团董事长进行了深入交流。")]
        roles = [Role.BODY, Role.CREDIT, Role.HEADLINE, Role.BODY]
        assert _amid_body(paras, roles, 2, credit) is amid, before


MARKED_BODY_BEFORE = "随着网约车市场竞争日趋激烈，各平台纷纷推出补贴政策吸引司机和乘客，一些司机利用平台规则漏洞刷单牟利，" \
    "给平台带来不小的损失。业内人士认为，平台需要加强技术手段，堵住规则漏洞。"
MARKED_BODY_AFTER = "据了解，目前已有多家平台上线了反刷单系统，通过大数据分析识别异常订单，对违规司机进行处罚。专家表示，" \
    "治理刷单需要平台、司机和乘客共同努力，形成良好的市场秩序。"


@pytest.mark.parametrize("head", [("刷单成为网约车平台", "面临的最大危机？"), ("证监会怒了！严打期", "指恶意做空行为！")])
def test_a_headline_with_a_question_or_an_exclamation_is_read_from_its_type(cleaner, head):
    """On a printed page, a headline whose lines are set in a headline's type heads its article though it
    holds a question or an exclamation, which clean text, a paragraph a line, reads as a sentence of the
    body (headlines_by_type)."""
    def wrap(text: str) -> list[str]:
        return [text[i:i + 15] for i in range(0, len(text), 15)]
    raw = "\n".join(wrap(MARKED_BODY_BEFORE) + list(head) + ["本报记者 王磊"] + wrap(MARKED_BODY_AFTER)) + "\n"
    articles = cleaner.articles(raw)
    assert [a.headline for a in articles] == ["", "".join(head)]
    assert articles[1].paragraphs == [MARKED_BODY_AFTER]


def _wrap(text: str, width: int = 15) -> str:
    return "\n".join(text[i : i + width] for i in range(0, len(text), width))


def test_a_headline_in_larger_type_cut_inside_a_word_is_read_by_its_type(cleaner):
    """A two-line headline with a comma in it, its lines of unlike widths, reads as a headline in
    the articles view as in the paragraphs stage: the break cuts a word (长 | 春市), which only
    the word list tells (the articles' reading of the page's type is given ``cuts_word``)."""
    body1 = ("近年来，呼和浩特市重点培育了以中环光伏、华耀光电为代表的新能源产业集群，推动经济高质量发展，"
             "首府要大力发展实体经济，加快建设现代化产业体系，积极申报国家级开发区。")
    body2 = ("一座城市，有历史，有文化，有美食，还有勇于创新的精神，它就是长春！长春市的新经济发展迅速，"
             "数字经济、平台经济蓬勃兴起，成为拉动消费的新引擎。")
    raw = (f"长春市新经济发展迅速\n{_wrap(body1)}\n（文/图 刘玺东 易赛楠）\n疫情防控常态化下，长\n春市的新经济之路\n"
           f"{_wrap(body2)}\n")
    heads = [a.record()["headline"] for a in cleaner.articles(raw)]
    assert heads == ["长春市新经济发展迅速", "疫情防控常态化下，长春市的新经济之路"]
