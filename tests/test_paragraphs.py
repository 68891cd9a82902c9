"""The paragraphs stage: every line break joined or kept, for the right reason."""

from __future__ import annotations

import pytest

from cleanup.document import Document, undo
from cleanup.errors import RuleError
from cleanup.pipeline import Cleaner, build_stage
from cleanup.rules import load_profile
from cleanup.shape import load_shape
from cleanup.roles import Role, own_roles, read_page
from cleanup.stages.paragraphs import Layout

from conftest import DATA, GOLD, SAMPLES, devset_page
from ocr_pages import HEADING_IN_COLUMN
from pagegen import make_pages


def profile_with(*stages: str):
    profile = load_profile("zh-news")
    profile.stages = [s for s in profile.stages if s.name in stages]
    return profile


@pytest.fixture(scope="module")
def rebuild() -> Cleaner:
    """normalize, debris, paragraphs: the stage as the pipeline feeds it."""
    return Cleaner(profile_with("normalize", "debris", "paragraphs"))


@pytest.fixture(scope="module")
def stage():
    return build_stage(profile_with("paragraphs").stages[0], timeout=2.0)


def fixed_point(cleaner: Cleaner, raw: str) -> str:
    """``raw`` cleaned, once it is checked that cleaning the result again changes nothing."""
    out = cleaner.clean(raw).text
    assert cleaner.clean(out).text == out
    return out


def paragraphs_of(text: str) -> list[str]:
    return [p for p in text.split("\n") if p]


def test_mid_word_column_break_is_joined(rebuild):
    raw = "体现了作为政\n\n治家的责任与担当、对国家和人民高度负责的立场。"
    raw = "你在关键时刻果断采取有力举措，迅速平息事态，" + raw
    assert rebuild.clean(raw).text == raw.replace("\n\n", "") + "\n"


def test_join_note_names_the_evidence(rebuild):
    raw = "你在关键时刻果断采取有力举措，迅速平息事态，体现了作为政\n\n治家的责任与担当。"
    (join,) = [c for c in rebuild.clean(raw).changes if c.rule == "para-join-break"]
    assert "word:政治" in join.note and "mid-sentence" in join.note


def test_line_starting_with_closing_punctuation_is_joined(rebuild):
    raw = "会议审议了报告\n\n，通过了决议。"
    assert rebuild.clean(raw).text == "会议审议了报告，通过了决议。\n"


def test_sub_headline_after_headline_without_blank_line(rebuild):
    raw = "开启中国式现代化的新长征\n——学习贯彻党的二十大精神研讨班侧记\n\n致力千秋伟业的百年大党，总有一种紧迫感。"
    assert paragraphs_of(rebuild.clean(raw).text)[:2] == [
        "开启中国式现代化的新长征",
        "——学习贯彻党的二十大精神研讨班侧记",
    ]


def test_headline_line_without_a_verb_is_joined_to_the_rest_of_its_headline(rebuild):
    raw = "我市与汇源集团合作项目\n签约仪式在京举行\n包钢贺海东出席\n\n本报讯（记者 梁婧姝）2月12日，会议召开。"
    result = rebuild.clean(raw)
    assert paragraphs_of(result.text)[:2] == ["我市与汇源集团合作项目签约仪式在京举行", "包钢贺海东出席"]
    (join,) = [c for c in result.changes if c.rule == "para-join-wrap"]
    assert "no-predicate" in join.note


def test_wrapped_page_is_recognised_with_its_column_width(stage):
    page = next(p for layout, p in make_pages(20) if layout == "wrapped")
    doc = Document(page.raw)
    layout = stage.layout(doc, stage._lines(doc.text))
    assert layout.wrapped
    columns = {c for c, role in zip(layout.reading.columns, layout.reading.roles) if role == "body"}
    assert columns and all(12 <= c <= 20 for c in columns)  # full-width cells


def test_unwrapped_page_is_recognised(stage):
    raw = (SAMPLES[0]).read_text(encoding="utf-8")
    doc = Document(raw)
    assert not stage.layout(doc, stage._lines(doc.text)).wrapped


def test_paragraph_ending_exactly_at_the_column_edge(rebuild):
    """A full last line that ends a sentence: the next line's indent decides."""
    raw = (
        "致力千秋伟业的百年大党，总有一种时不\n"
        "我待的紧迫感。立春刚过，北京西郊的中\n"
        "央党校校园里，研讨班如期开班，学员们\n"
        "认真学习，拱形屋顶的礼堂座无虚席了。\n"
        "这个班开在关键时刻，全面贯彻党的\n"
        "二十大精神的开局之年，开局之年的开春\n"
        "之时。\n"
    )
    out = paragraphs_of(rebuild.clean(raw).text)
    assert len(out) == 2 and out[1].startswith("这个班")


@pytest.mark.parametrize("gold", GOLD, ids=lambda p: p.name)
def test_gold_is_a_fixed_point(rebuild, gold):
    text = gold.read_text(encoding="utf-8")
    assert rebuild.clean(text).text == text


@pytest.mark.parametrize("sample", SAMPLES, ids=lambda p: p.name)
def test_layout_of_output(rebuild, sample):
    raw = sample.read_text(encoding="utf-8")
    result = rebuild.clean(raw)
    assert result.text.endswith("\n") and not result.text.endswith("\n\n")
    assert "\n\n\n" not in result.text and not result.text.startswith("\n")
    assert undo(result.text, result.changes) == raw
    assert rebuild.clean(result.text).text == result.text


# Headlines of the two sample pages that have no gold, read off by hand:
# each must come out as a paragraph of its own, never glued to a body.
HEADLINES_003_004 = {
    "003_e86e4ea87c2784a2.txt": [
        "内蒙古加快建设以先进制造业为骨干的现代化产业体系",
        "我市市场监管部门开展元宵节食品安全专项检查",
        "新春走基层",
        "一条生命热线 串起万家平安",
        "政府工作报告",
    ],
    "004_a4783f7c51050e56.txt": [
        "1—11月，首府经济运行总体平稳",
        "工业增势不减 支柱行业助推有力",
        "社会消费继续恢复 新能源汽车引领新消费",
        "服务业增长加快 交通运输业蓬勃发展",
        "投资规模持续扩大 基础设施投资拉动作用显著",
        "以提案之力服务首府发展之需",
        "强化指导抓培育，提案质量再提升",
        "协商推进抓落实，提案督办提效能",
        "呼和浩特市培育建设两家自治区级制造业创新中心",
    ],
}


@pytest.mark.parametrize("name", sorted(HEADLINES_003_004))
def test_no_headline_glued_on_samples_without_gold(cleaner, name):
    sample = next(s for s in SAMPLES if s.name == name)
    out = paragraphs_of(cleaner.clean(sample.read_text(encoding="utf-8")).text)
    for head in HEADLINES_003_004[name]:
        assert head in out


@pytest.mark.parametrize("gold", GOLD, ids=lambda p: p.name)
def test_gold_headlines_never_glued(cleaner, gold):
    """No short gold paragraph without a sentence end (a headline) is glued to
    the paragraph before or after it."""
    sample = next(s for s in SAMPLES if s.name == gold.name)
    out = paragraphs_of(cleaner.clean(sample.read_text(encoding="utf-8")).text)
    heads = [p for p in paragraphs_of(gold.read_text(encoding="utf-8"))
             if len(p) <= 30 and not p.endswith(("。", "”", "）"))]
    assert heads
    glued = [p for p in out for h in heads if p != h and (p.startswith(h) or p.endswith(h))]
    assert glued == []


def test_generated_pages_join_break_accuracy(rebuild):
    """Over a few hundred generated pages: join/break accuracy, and no headline glued."""
    total = right = headline_joins = 0
    for _layout, page in make_pages(300):
        joined = {c.start for c in rebuild.clean(page.raw).changes if c.rule.startswith("para-join")}
        for pos, join in page.joins.items():
            total += 1
            right += (pos in joined) == join
            headline_joins += pos in joined and pos in page.headline_ends
    accuracy = right / total
    print(f"join/break accuracy on {total} breaks of 300 generated pages: {accuracy:.4f}")
    assert headline_joins == 0
    assert accuracy >= 0.99


def test_every_verb_is_a_word_the_segmenter_knows(stage):
    """A verb missing from the word list could never come out of a segmentation."""
    assert stage.verbs and stage.verbs <= stage.lexicon.costs.keys()


# --- memos: they save work, never change a decision -------------------------------


def changes_of(cleaner: Cleaner, raw: str) -> tuple[str, list[tuple[str, int, int, str]]]:
    result = cleaner.clean(raw)
    return result.text, [(c.rule, c.start, c.end, c.note) for c in result.changes]


# --- clean prose, one paragraph per line: where a paragraph ends with its line ---------
# (tools/prose_check.py: each of these was joined before; rules/paragraphs.toml keeps them too)


@pytest.mark.parametrize(("raw", "evidence"), [
    ("临末，应该送地保加倍酒钱四百文，阿Q正没有现钱，便用一顶毡帽做抵押，并且订定了五条件：\n\n"
     "一明天用红烛——要一斤重的——一对，香一封，到赵府上去赔罪。\n", "lead-in-end"),
    ("委员长，\n\n副委员长若干人，\n\n秘书长，\n\n委员若干人。\n", "short-list-item"),
    ("全国人民代表大会常务委员会关于惩治骗购外汇、逃汇和非法买卖外汇犯罪的决定\n\n"
     "有下列情形之一，骗购外汇，数额较大的，处五年以下有期徒刑或者拘役。\n", "ends-title"),
    ("中国人民解放军选举全国人民代表大会和县级以上地方各级人民代表大会代表的办法\n\n第一章 总则\n\n"
     "第一条 根据《中华人民共和国宪法》的有关规定，制定本办法。\n", "next-stands-alone"),
    ("第一章 总则\n\n第一条 根据《中华人民共和国宪法》的有关规定，制定本办法。\n", "next-starts-unit"),
    ("这真是奇极的事！\n\n十二\n\n不能想了。\n", "line-stands-alone"),
    ("“我么？……”，\n\n“你呀。我想：这总是你自己愿意了，不然……。”\n", "quote-turn"),
    # OCR wrote an opening quote for the closing one: the sentence and the quotation end there
    ("“甚么时候死的？“\n\n“甚么时候？——昨天夜里，或者就是今天罢。”\n", "sentence-end"),
])
def test_clean_prose_paragraph_ending_with_its_line_stays(rebuild, raw, evidence):
    result = rebuild.clean(raw)
    assert result.text == raw
    doc = Document(raw)
    (stage,) = [s for s in rebuild.stages if s.name == "paragraphs"]
    memo = stage.memo_for(doc)
    lines = stage._lines(raw)
    lay = stage.layout(doc, lines)
    notes = [stage._weigh_afresh(a.text, a, b, True, lay, None, False, memo).note for a, b in zip(lines, lines[1:])]
    assert any(evidence in n for n in notes), notes


@pytest.mark.parametrize("raw", [
    "据了解，未来五年，\n\n呼和浩特市将大力培育以生物疫苗为重点的生物医药产业。",  # a long tail: no list
    "会议指出，要认真贯彻落实全国人民代表大会常务委员会关于加强生态保护的决定\n\n精神。",  # in a sentence
    "他表示，要加快建设“草原书屋”，\n\n推动全民阅读。",  # a quotation, then no other
])
def test_paragraph_cut_near_those_marks_is_still_joined(rebuild, raw):
    assert rebuild.clean(raw).text == raw.replace("\n\n", "") + "\n"


def test_verdict_memo_changes_no_decision(monkeypatch):
    """Pages of both layouts, through the whole profile with its settle pass:
    the same text and change records with the memo and without it."""
    pages = [p.read_text(encoding="utf-8") for p in SAMPLES] + [page.raw for _, page in make_pages(60)]
    memo = Cleaner()
    fresh = Cleaner()
    (stage,) = [s for s in fresh.stages if s.name == "paragraphs"]
    monkeypatch.setattr(stage, "_weigh", stage._weigh_afresh)
    for raw in pages:
        assert changes_of(memo, raw) == changes_of(fresh, raw)


def test_same_next_line_after_different_paragraphs(rebuild):
    raw = "会议符合法定\n\n人数。\n\n会议圆满结束。\n\n人数。"
    assert paragraphs_of(rebuild.clean(raw).text) == ["会议符合法定人数。", "会议圆满结束。", "人数。"]


def test_break_ruled_out_then_written_has_its_note(rebuild):
    """On an unwrapped page the break 会议圆满结束。| 本报讯… is ruled out quickly
    after a blank line; written anew (after one line break only) it still gets
    its whole note."""
    lines = ["简讯一则", "简讯二则", "简讯三则"] + ["会议圆满结束。", "本报讯 会议召开。"] * 2
    raw = "\n\n".join(lines[:-1]) + "\n" + lines[-1]
    (brk,) = [c for c in rebuild.clean(raw).changes if c.rule == "para-break"]
    assert brk.note.startswith("-") and "sentence-end" in brk.note and "next-starts-unit" in brk.note


def test_same_pair_on_wrapped_and_unwrapped_page(stage):
    """A wrapped page's verdict reads widths and blank lines: never the unwrapped one's."""
    doc = Document("会议审议了报告\n通过了决议。")
    a, b = stage._lines(doc.text)
    rows = doc.text.split("\n")
    unwrapped = Layout(False, own_roles(rows))
    reading = read_page(rows, [7.0, 6.0], wrapped=True)
    wrapped = Layout(True, reading.roles, reading)
    memo = stage.memo_for(doc)
    assert stage._weigh(a.text, a, b, False, unwrapped, None, False, memo) == \
        stage._weigh_afresh(a.text, a, b, False, unwrapped, None, False, memo)
    on_wrapped = stage._weigh(a.text, a, b, False, wrapped, None, False, memo)
    assert on_wrapped == stage._weigh_afresh(a.text, a, b, False, wrapped, None, False, memo)
    assert "no-blank-line" in on_wrapped.note


def test_memos_serve_one_document_only(stage):
    first, second = Document("会议符合法定\n\n人数。"), Document("会议圆满结束。\n\n人数。")
    stage.run(first)
    stage.run(second)
    verdicts = stage.memo_for(second).verdicts
    assert {nxt for _, nxt, _ in verdicts} == {"人数。"}
    assert all(text.startswith("会议圆满结束") for text, _, _ in verdicts)


def test_memo_holds_no_paragraph_still_being_joined(stage):
    """Lines that all join into one paragraph leave no verdict keyed by a paragraph
    so far: keys holding each longer prefix would take memory quadratic in its length."""
    lines = [f"今天上午第{i}次会议在北京召开，" for i in range(200)]
    doc = Document("\n\n".join(lines) + "\n")
    stage.run(doc)
    assert doc.text.count("\n") == 1  # one paragraph
    assert sum(len(text) for text, _, _ in stage.memo_for(doc).verdicts) <= len(doc.text)


# --- the verb test, left for last by the quick no-join check ----------------------
# (where it tips a break, para-join-break's examples: 汇源集团新项|目 joins, 汇源集团举行项|目 does not)


def test_verb_not_looked_for_where_it_cannot_tip_the_break(stage):
    """政府工作报告 before a news lead: a break with or without a verb."""
    doc = Document("政府工作报告\n\n本报讯（记者 云静）2月11日上午，会议召开。")
    stage.run(doc)
    assert stage.memo_for(doc).has_verb.cache_info().currsize == 0


def test_line_starting_with_a_count_and_a_comma_continues_the_line_before(rebuild, stage):
    """A headline-looking body line that fills its column goes on when the next line starts
    with a count's unit and a comma (145家，): no paragraph starts so; a date's does (2023年，)."""
    raw = ("重要遵循。”接受记者采\n访时，呼和浩特经济技术\n开发区党工委书记刘占英\n说，“下一步，经开区将\n"
           "重点做好三项工作，不折\n不扣推动会议明确的各项\n目标任务落实落地。”\n预计全年新设外商投资企业\n"
           "145家，同比增长2.6倍；实\n际使用外资额52亿元，同比\n增长50.7%。\n")
    assert "预计全年新设外商投资企业145家，同比增长2.6倍；" in rebuild.clean(raw).text
    assert all(stage.starts_particle.search(t) for t in ("145家，同比", "12.5%，拉动", "亿吨，同比"))
    assert not any(stage.starts_particle.search(t) for t in ("2023年，市生态环境局", "145家企业落户"))


def test_a_headline_of_three_lines_wraps_again_at_its_middle_line():
    raw = ("近日，“草原儿女心向党\n同心共筑中国梦”原创交响乐\n作品汇报音乐会在内蒙古艺术\n学院新华校区演艺厅举行，为\n"
           "广大音乐爱好者献上了一场天\n籁盛宴。\n自治区3个集体1名\n个人获市场监管总局\n通报表扬\n"
           "（上接第2版）王莉霞强\n调，各地各部门要提高政治站\n位，强化发展意识，坚持从全\n局出发，实际出发，认真研究\n"
           "拿出高质量发展全景图、产业\n")  # development page p0038 (PyMuPDF)
    paras = Cleaner().clean(raw).text.split("\n\n")
    assert paras[1] == "自治区3个集体1名个人获市场监管总局通报表扬"


def test_headline_over_a_byline_after_body_text_stands_apart(rebuild):
    """On a page of one paragraph per line, a body paragraph OCR left without its full
    stop, a line of a headline's shape, then a byline: a headline, not a cut's tail.
    With body text after it instead, it is the tail of a paragraph cut in two."""
    body = "联席会召开。自治区党委副书记、自治区主席王莉霞出席会议并致辞"
    raw = body + "\n\n我市云春雷获评工作表现突出个人\n\n本报记者 王磊\n"
    assert rebuild.clean(raw).text == raw
    cut = raw.replace("本报记者 王磊", "会议召开。")
    assert rebuild.clean(cut).text.startswith(body + "我市云春雷获评工作表现突出个人")
    # the break written where the two were one line apart, on a page of one paragraph per line
    lines = "会议召开。\n\n会议指出，要加强合作。\n\n会议要求，要抓好落实。\n\n" + raw.replace("\n\n", "\n", 1)
    (change,) = rebuild.clean(lines).changes
    assert change.rule == "para-break" and "next-headline-over-byline" in change.note


def test_a_headline_over_a_dash_led_sub_headline_inside_a_sentence_stands_apart(rebuild):
    """A heading-shaped line over a sub-headline led by a dash, each alone between blank
    lines, is a heading even in mid-sentence: not read into the sentence around it, on
    printed lines nor on the clean text (a fixed point)."""
    out = fixed_point(rebuild, HEADING_IN_COLUMN)
    assert "全力跑出招商\n\n看准的事情就要咬住不放\n\n一一四是加强卫星遥感监控和人员巡查\n\n引资“加速度”" in out
    # with body text under the heading-shaped line instead, it is the tail of the sentence cut
    cut = out.replace("一一四是加强卫星遥感监控和人员巡查", "会议召开。")
    assert "全力跑出招商看准的事情就要咬住不放" in rebuild.clean(cut).text


def test_a_headline_over_a_byline_after_a_jump_marker_in_mid_sentence_stands_apart(cleaner):
    """A headline wrapped over two lines right over a byline is a headline, also where the
    text before it breaks off mid-sentence at a jump marker (development page p0021)."""
    raw = ("阿司匹林能降低癌症，特别\n是大肠癌（CRC）的发生率和\n死亡率。但效果需要服药至少\n10至20年才能见到效果。此\n"
           "外，本品也能为减少子宫内膜\n癌、乳癌，以及前列腺癌的风\n\n（下转第11版）\n\n包钢贺海东赴中信集\n团拜访\n"
           "本报记者 万春 程佳\n\n新华社北京1月7日电 2022\n年1月7日，国家主席习近平向\n哈萨克斯坦总统托卡耶夫致口\n信。\n")
    out = fixed_point(cleaner, raw)
    assert "以及前列腺癌的风\n\n包钢贺海东赴中信集团拜访\n\n本报记者 万春 程佳\n\n" in out


JUMP_CUT = "1月4日晚，由市委宣传部主办的迎新春文艺晚会在乌兰恰特大剧院举行，干部群众一千余人观看了演出，现场掌声不断"
NEXT_LEAD = "1月5日晚，自治区党委召开常委会会议，传达学习中央经济工作会议精神，研究部署我区贯彻落实工作。"


def columns(text: str, width: int) -> str:
    """``text`` printed in a column ``width`` characters wide, its first line indented."""
    text = "\u3000\u3000" + text
    return "\n".join(text[i : i + width] for i in range(0, len(text), width))


@pytest.mark.parametrize("layout", ["unwrapped", "wrapped"])
def test_an_article_cut_by_a_jump_marker_is_not_joined_to_the_next_lead(cleaner, layout):
    """…现场掌声不断（下转第2版） | 1月5日晚，…: the article goes on on page 2, what follows on this
    page is the next article's lead (its day and a comma open it). Clean text, the marker gone,
    keeps them apart too: the lead's opening is the evidence, not the marker (a fixed point)."""
    if layout == "unwrapped":
        raw = f"会议召开。\n\n{JUMP_CUT}（下转第2版）\n\n{NEXT_LEAD}\n"
    else:  # the marker on a line of its own, under the column's last line
        raw = f"会议召开。\n\n{columns(JUMP_CUT, 12)}\n（下转第2版）\n\n{columns(NEXT_LEAD, 12)}\n"
    out = fixed_point(cleaner, raw)
    assert "现场掌声不断\n\n1月5日晚，" in out and "下转" not in out


@pytest.mark.parametrize(("page", "apart"), [
    (("issues", "i06", "raw", "tesseract", "p1.txt"), "有效提高退役军人\n\n回眸2023\n"),
    (("devset", "raw", "pymupdf", "p0010.txt"), "——首次合成出乙酰水杨酸\n\n阿司匹林，特别是"),
])
def test_lines_a_page_jump_marker_stood_between_are_read_apart(cleaner, page, apart):
    """…有效提高退役军人 | 国下转第4版 | 回眸2023 (OCR lost the sentence's end), ——首次合成出乙酰水杨酸 |
    (上接第4版)阿司匹林，…: the printed column reads the two as one paragraph, but the marker
    debris removed stood between them (after-jump); the clean text, read again, keeps them apart."""
    out = fixed_point(cleaner, DATA.joinpath(*page).read_text(encoding="utf-8"))
    assert apart in out


def test_a_line_after_a_marker_of_the_page_its_article_comes_from_goes_on_as_body(cleaner):
    """（上接第2版）需要 | 接送的医护人员…: debris took the marker, which filled the printed line's start;
    the line is as wide as printed and continues the article's body (continued_line), no heading's
    tail nor a short paragraph of its own; the headline before it stays apart (after-jump)."""
    raw = ("麒麟980分别实现了10纳米\n和7纳米的全球首家商\n用。\n时代永远在奖励\n解决问题的摆渡人\n"
           "（上接第2版）需要\n接送的医护人员越来越\n多，汪勇感觉到这不是自\n己一个人能够完成的事。\n"
           "于是，志愿者汪勇，\n又变成了“领导者”汪\n勇，他开始组织协调，建\n立起了一只志愿者队伍。\n")
    out = fixed_point(cleaner, raw)
    assert "\n\n时代永远在奖励解决问题的摆渡人\n\n需要接送的医护人员越来越多，" in out


def test_a_lead_s_day_after_its_dateline_is_not_a_lead_of_its_own(cleaner):
    """新华社北京1月7日电 | 1月7日，…: the day opens the lead of the dateline before it (inline_open)."""
    out = cleaner.clean("新华社北京1月7日电\n\n1月7日，自治区党委外事工作委员会召开第四次会议。\n").text
    assert "电\n\n1月7日" not in out


def test_one_pair_of_lines_is_decided_by_the_role_of_the_line_after_it(rebuild):
    """The same body text and headline-shaped line, once before body text (a cut: they
    join) and once before a byline (a headline): the verdict of the first pair is not
    taken for the second."""
    body = "联席会召开。自治区党委副书记、自治区主席王莉霞出席会议并致辞"
    headline = "我市云春雷获评工作表现突出个人"
    raw = f"{body}\n\n{headline}\n\n会议召开。\n\n{body}\n\n{headline}\n\n本报记者 王磊\n"
    assert rebuild.clean(raw).text.endswith(f"\n\n{body}\n\n{headline}\n\n本报记者 王磊\n")


# --- two heading lines: one heading wrapped, or two headings (development pages) --------------


def notes_of(result, rule: str) -> str:
    return "\n".join(c.note for c in result.changes if c.rule == rule)


def test_a_heading_line_the_next_one_is_wider_than_by_its_first_character_is_a_heading_of_its_own(rebuild):
    """包钢贺海东出席 (7 cells) over 商贸流通体系加快完善 (10): had one measure held both, 商
    would have fit on the first line.  The kicker is as wide as the page's headlines wrap
    at only by chance (development page p0026)."""
    result = rebuild.clean(devset_page("p0026"))
    paras = paragraphs_of(result.text)
    assert "包钢贺海东出席" in paras and "商贸流通体系加快完善" in paras
    assert "next-heading-wider" in notes_of(result, "para-break")
    # not over a line with no verb, which may be a headline's first half, broken by sense:
    # 全力以赴 | 稳经济促发展保民生 is one headline (so p0011's kicker 上海网络时延28ms stays joined)
    wrapped = "全力以赴\n稳经济促发展保民生\n本报记者 王磊\n会议指出，要坚定信心、稳中求进，\n推动经济持续回升向好。\n"
    assert paragraphs_of(rebuild.clean(wrapped).text)[0] == "全力以赴稳经济促发展保民生"
    # quotes may print half as wide: 步入发展“快车道” (9) goes on from 电子信息技术产业 (8) (p0014)
    paras = paragraphs_of(rebuild.clean(devset_page("p0014")).text)
    assert "电子信息技术产业步入发展“快车道”最大程度发挥数据红利" in paras


def test_a_heading_line_wider_than_the_next_one_wraps_at_is_a_heading_of_its_own(rebuild):
    """抓好项目开工建设 (8) over 包钢贺海东赴中|信集团拜访, which wraps at 7: the kicker is wider
    than a line of the headline can be (development page p0026)."""
    result = rebuild.clean(devset_page("p0026"))
    paras = paragraphs_of(result.text)
    assert "抓好项目开工建设" in paras and "包钢贺海东赴中信集团拜访" in paras
    assert "next-heading-wraps-narrower" in notes_of(result, "para-break")
    # it outweighs a line ending on a function word (究竟有没有魂灵的 | 四婶也就不再提|起祥林嫂, p0003)
    paras = paragraphs_of(rebuild.clean(devset_page("p0003")).text)
    assert "究竟有没有魂灵的" in paras and "四婶也就不再提起祥林嫂" in paras


def test_a_wrapped_heading_that_ocr_cut_a_character_from_stays_whole(rebuild):
    """OCR lost 自 of 自治区: 治区十三届人 (6) is narrower than 大常委会第三十 (7) by a character,
    but the break cuts a word (人大): one heading all the same (tesseract, page p0008)."""
    paras = paragraphs_of(rebuild.clean(devset_page("p0008", "tesseract")).text)
    assert "治区十三届人大常委会第三十三次会议开幕石泰峰主持" in paras


def test_a_heading_line_that_a_heading_line_cut_a_word_onto_is_its_tail(rebuild):
    """人获市场监管总局通 | 报表扬: the headline cuts 通报; 报表扬, no wider, is its last line,
    though the byline after it, its name cut (本报记者 韩亮宏 通讯员 方|欣晶), fills the
    column (development page p0039, both readers).  A wider line after a heading is body
    text, whatever word the break seems to cut (坚持从全局出发 | 自治区十三届人大常…, p0004)."""
    for reader in ("pymupdf", "tesseract"):
        paras = paragraphs_of(rebuild.clean(devset_page("p0039", reader)).text)
        assert "自治区3个集体1名个人获市场监管总局通报表扬" in paras
    paras = paragraphs_of(rebuild.clean(devset_page("p0004")).text)
    assert "坚持从全局出发" in paras


def test_a_short_line_after_a_blank_going_on_with_a_word_onto_a_short_line_is_a_heading(rebuild):
    """…消费市场呈现持续恢 (its end, 复态势。, lost by OCR), a blank line, then 阿司匹林还有三种作|
    用方式, both lines short of the column, the break cutting 作用: no body line short of its
    column goes on, so the two are a heading, apart from the body before it (tesseract, p0039)."""
    paras = paragraphs_of(rebuild.clean(devset_page("p0039", "tesseract")).text)
    assert "阿司匹林还有三种作用方式" in paras


def test_marks_scattered_across_the_page_wrap_onto_no_line(rebuild):
    """A masthead's debris, marks set far apart with no run of Han among them (<   忆   二   <和,
    =   seoz吉  JE 《>), goes on into no line: the headline under it stays whole and apart, and
    is not taken for body text in the next round, which would glue the next heading line to it
    (tesseract, p0017 and p0009)."""
    paras = paragraphs_of(rebuild.clean(devset_page("p0017", "tesseract")).text)
    assert "自治区政府新闻办召开发布会" in paras and "超额完成全年目标" in paras
    paras = paragraphs_of(rebuild.clean(devset_page("p0009", "tesseract")).text)
    assert "六大产业集群助推首府经济高质量发展" in paras


def test_a_heading_line_narrower_than_the_line_that_wrapped_onto_it_ends_its_heading(rebuild):
    """习近平向哈萨克斯坦总 (10) wraps onto 统托卡耶夫致口信 (8), where 工 of the next heading line
    would have fit: the headline ends there (development page p0013, both readers).  A tail
    of a character or two goes on (药物用量和病例报告也有减外|心, tesseract p0018)."""
    for reader in ("pymupdf", "tesseract"):
        result = rebuild.clean(devset_page("p0013", reader))
        paras = paragraphs_of(result.text)
        assert "习近平向哈萨克斯坦总统托卡耶夫致口信" in paras
        assert "工业技改投资同比增长28.6%" in paras
        if reader == "pymupdf":  # printed with no blank line between: the break is written
            assert "heading-ended" in notes_of(result, "para-break")
    text = rebuild.clean(devset_page("p0018", "tesseract")).text
    assert "药物用量和病例报告也有减外心" in text


def test_a_heading_line_as_wide_as_the_next_one_which_wraps_wraps_too(rebuild):
    """抓产业 塑品牌 保民生 (10) over 推动各项工作提速提 (9), which wraps onto its last line 质增效:
    the first is as full at that measure, whatever width the page's other headlines wrap at
    (tesseract, p0021; 抓产业 塑品牌 保|民生 推动各项工|作提速提质增效, p0012).  A kicker narrower
    than the line under it stays apart (数据量超22亿 | 智慧停车系统建|成后, p0004)."""
    paras = paragraphs_of(rebuild.clean(devset_page("p0021", "tesseract")).text)
    assert "抓产业 塑品牌 保民生推动各项工作提速提质增效" in paras
    paras = paragraphs_of(rebuild.clean(devset_page("p0004", "tesseract")).text)
    assert "数据量超22亿" in paras and "智慧停车系统建成后" in paras


def test_a_blank_line_before_a_heading_block_sets_two_headings_apart(rebuild):
    """既要盯着新的项目, a blank line, then 我市云春雷获评工|作表现突出个人 with none between its
    lines: one heading's lines are spaced alike, so two headings (tesseract, p0035; the kicker
    自治区教育厅发布通知 over a headline of three lines, p0011).  OCR spaces a dash-led
    sub-headline's lines unevenly: 一一访呼和浩特经济 || 技术开发区党工委书|记刘占英 stays whole (p0004)."""
    result = rebuild.clean(devset_page("p0035", "tesseract"))
    paras = paragraphs_of(result.text)
    assert "既要盯着新的项目" in paras and "我市云春雷获评工作表现突出个人" in paras
    paras = paragraphs_of(rebuild.clean(devset_page("p0011", "tesseract")).text)
    assert "自治区教育厅发布通知" in paras
    paras = paragraphs_of(rebuild.clean(devset_page("p0004", "tesseract")).text)
    assert "一一访呼和浩特经济技术开发区党工委书记刘占英" in paras


def test_a_heading_line_too_full_for_the_next_lines_number_wraps_onto_it(rebuild):
    """累计开发企业 (6) stops a cell short of the width the page's headlines wrap at (7), too
    close for 1570家 to fit (development page p0016); a character does fit in that room
    (数据量超22亿|智慧停车系统建成后, whose dash OCR lost, are two headings: tesseract, p0004)."""
    assert "累计开发企业1570家" in paragraphs_of(rebuild.clean(devset_page("p0016")).text)
    paras = paragraphs_of(rebuild.clean(devset_page("p0004", "tesseract")).text)
    assert "数据量超22亿" in paras and "智慧停车系统建成后" in paras


def test_a_heading_line_of_digits_as_narrow_as_two_characters_is_a_tail(rebuild):
    assert "总死亡率降低14%" in paragraphs_of(rebuild.clean(devset_page("p0018")).text)


def test_a_stack_set_across_columns_does_not_wrap_at_the_columns_headline_width(rebuild):
    """仍然没有抬头向我看 is as wide (9) as the page's headlines wrap at in a column, but its
    stack holds a sub-headline wider than a column: it is set across the page, and the
    kicker stands over the headline (development page p0030)."""
    paras = paragraphs_of(rebuild.clean(devset_page("p0030")).text)
    assert "仍然没有抬头向我看" in paras and "死掉的一家的人" in paras


def test_a_headline_across_columns_wraps_before_a_sub_headline_across_columns(rebuild):
    """自治区十三届人大常委会第三十三次会议 set across columns wraps onto 开幕 石泰峰主持; the
    dash-led line under it, wider than a column, is its sub-headline, not body text that
    would make the short line a paragraph's start (development page p0040)."""
    lines = devset_page("p0040").split("\n")
    assert read_page(lines).roles[6:9] == [Role.HEADLINE, Role.HEADLINE, Role.SUBHEADLINE]
    paras = paragraphs_of(rebuild.clean("\n".join(lines)).text)
    assert "自治区十三届人大常委会第三十三次会议开幕 石泰峰主持" in paras


def test_two_heading_lines_whose_break_cuts_a_word_are_one_heading(rebuild):
    """OCR set a blank line between 一一推进首府高质量发展系 and 列报道 (tesseract, p0021): the
    cheapest reading runs across the break (系列), so the sub-headline goes on; a word of the
    list that merely spans a break is no such reading (以减少对胃肠道的副作用 | 到了1899年 holds
    用到, p0011: two headings)."""
    result = rebuild.clean(devset_page("p0021", "tesseract"))
    assert "一一推进首府高质量发展系列报道" in paragraphs_of(result.text)
    assert "heading-cuts-word" in notes_of(result, "para-join-break")
    paras = paragraphs_of(rebuild.clean(devset_page("p0011", "tesseract")).text)
    assert "以减少对胃肠道的副作用" in paras and "到了1899年" in paras


def test_a_caption_wider_than_its_column_does_not_go_on_into_a_stand_alone_credit(rebuild):
    """A line wider than its column reads as a caption, which goes on; not into a line that
    stands alone, a bracketed credit (…不然……。| (潘超): tesseract, development page p0035)."""
    assert "（潘超）" in paragraphs_of(rebuild.clean(devset_page("p0035", "tesseract")).text)


def test_lines_inside_an_edit_over_several_lines_are_measured_as_they_read(rebuild):
    """normalize makes a pair of straight quotes curly in one edit, from “中国云谷" to 快车道"
    over four lines (tesseract, development page p0003): the lines inside it map to the
    edit's ends, and measured so they looked as wide as a caption, which goes on.  Measured
    as they read, 展“快车道”。 stops short of the column and ends its paragraph."""
    paras = paragraphs_of(rebuild.clean(devset_page("p0003", "tesseract")).text)
    assert any(p.endswith("我市电子信息技术产业已步入发展“快车道”。") for p in paras)
    assert any(p.startswith("在和林格尔新区云谷片区，") for p in paras)


def test_a_printed_line_opening_with_a_quoted_utterance_leans_to_a_new_paragraph(rebuild):
    """OCR lost 台。 of 又去取烛台。, whose line then reads as a paragraph's indented first
    line, which goes on; the next line opens with a quoted utterance (“祥林媳，你放著罢！…),
    which opens a paragraph more often than not (tesseract, development page p0001)."""
    result = rebuild.clean(devset_page("p0001", "tesseract"))
    assert any(p.endswith("又去取烛") for p in paragraphs_of(result.text))
    assert "next-opens-line" in notes_of(result, "para-break")


def test_a_line_of_a_page_printed_with_blank_lines_that_opens_with_a_speaker_goes_on(rebuild):
    """A page whose every line stands apart reads as one paragraph per line; but a line as
    short as a column's (…总架构师 | 张鹏表示，首府将深化, pdfminer, development page p0025;
    …市长贺海 | 东表示，…) is no paragraph opening with someone speaking: the name is cut."""
    result = rebuild.clean(devset_page("p0025", "pdfminer"))
    assert "总架构师张鹏表示，首府将深化数据体系建设，依托海量数据，" in result.text
    raw = ("本报讯（记者 云静）2月11日下午，自治区党委常委、市委书记包钢，\n\n"
           "市委副书记、市长贺海东一行赴旭阳集团进行项目对接，双方签署了\n\n"
           "投资框架协议。会议指出，各地区各部门要坚持创新驱动发展战略，市\n\n"
           "委书记包钢强调，要坚持稳中求进工作总基调，市委副书记、市长贺海\n\n"
           "东表示，将与呼和浩特开展全面合作。据了解，旭阳集团作为集现代\n\n"
           "化工、新材料、新能源等业务板块协同发展的大型企业集团。\n")
    assert "市长贺海东表示，将与呼和浩特开展全面合作。" in rebuild.clean(raw).text


def test_a_page_jump_marker_cut_after_its_opening_bracket_goes_whole(cleaner):
    """…获评工作表现突出个人。(下 | 转第3版) (issue i12, page 2, PyMuPDF): the line after the
    break is a jump marker's rest, which stands apart, but the break cuts the marker; joined,
    the marker goes whole."""
    page = (DATA / "issues" / "i12" / "raw" / "pymupdf" / "p2.txt").read_text(encoding="utf-8")
    result = cleaner.clean(page)
    assert "获评工作表现突出个人。\n" in result.text and "转第3版" not in result.text
    assert "jump-cut" in notes_of(result, "para-join-wrap")


def test_a_headline_line_before_a_particle_or_after_a_conjunction_is_body_text(rebuild, stage):
    """预计全年新设外商投资企业 reads as a headline, but the next line goes on with a count and
    its comma (145家，…), as none goes on from a headline; likewise a line read as a
    headline that starts with a conjunction (…于1956年 | 和1959年相继问世以后…) (tesseract,
    development pages p0015 and p0009); a conjunction's character that starts a word is
    none (与此同时，…, 和平…: a paragraph after a headline may start so)."""
    result = rebuild.clean(devset_page("p0015", "tesseract"))
    assert "预计全年新设外商投资企业145家，" in result.text
    assert "heading-goes-on" in notes_of(result, "para-join-break")  # a blank line between the two
    assert "于1956年和1959年相继问世" in rebuild.clean(devset_page("p0009", "tesseract")).text
    assert not stage._starts_conjunction("与此同时，首府产业数字化推进脚步也在加快")
    assert not stage._starts_conjunction("和平发展") and stage._starts_conjunction("和1959年相继问世")


def test_a_headline_opening_with_a_name_the_word_list_lacks_stays_a_headline(rebuild, stage):
    """和林格尔县 (a county of Hohhot) is no word of the list: read as 和|林|格|尔, its 和 looked
    like a conjunction, so a headline starting with it after body text that OCR left without
    its full stop was read as the body's rest (heading-goes-on) and, over its byline, not as a
    headline either; a conjunction before a word or a number still is one."""
    raw = ("我市召开经济工作会议\n本报记者 王磊\n2月11日，我市召开经济工作会议，全面\n"
           "总结去年工作，安排部署今年任务。市委\n书记包钢出席会议并讲话，市长贺海东作\n工作部署\n"
           "和林格尔县推进乡村振兴\n本报记者 李娜\n和林格尔县坚持农业农村优先发展，持续\n"
           "推进乡村振兴，全县农民人均收入同比增\n长8%，乡村面貌焕然一新。\n")
    paras = paragraphs_of(rebuild.clean(raw).text)
    assert "和林格尔县推进乡村振兴" in paras
    assert any(p.endswith("市长贺海东作工作部署") for p in paras)
    assert not stage._starts_conjunction("和林格尔县推进乡村振兴")
    assert stage._starts_conjunction("和和氧化铵会增加水杨酸的毒性") and stage._starts_conjunction("并致辞")


def test_marks_scattered_across_the_page_go_on_into_no_line(stage):
    """A line of pieces set far apart, none with scatter_han Han characters (a masthead's
    debris OCR read), before body text that starts no sentence of its own: apart
    (line-scattered; without it the break would join)."""
    raw = "会议召开，研究部署工作。\n=   seoz吉JE《>\n会议指出，要加强合作，推动高质量发展。\n"
    result = stage.run(Document(raw))
    assert paragraphs_of(result.text) == ["会议召开，研究部署工作。", "=   seoz吉JE《>", "会议指出，要加强合作，推动高质量发展。"]
    assert "line-scattered" in notes_of(result, "para-break")


def test_a_digit_after_a_sentence_end_in_an_open_quotation_is_its_closing_quote(rebuild):
    """OCR reads a closing quote after a sentence's end as a digit (“是的。 3, ……:2): inside
    an open quotation the paragraph ends there, on the printed lines and on clean text alike
    (development pages p0024, p0022). With no quotation open, a digit there starts a number
    that the next line goes on with."""
    reply = "“是的。3\n\n我叫阿毛，没有应，出去口看，只见豆撒得一地，没有我们的阿毛了。\n"
    assert rebuild.clean(reply).text == reply
    thought = "“再一强，或者索性撞一个死，就好了。我想，这真是……：2\n\n她脸上就显出恐怖的神色来，这是在山村里所未曾知道的。\n"
    assert rebuild.clean(thought).text == thought
    number = "截至目前，全市累计建成5G基站1200个。3\n\n月底前将再建成一批，实现城区全覆盖。\n"
    assert rebuild.clean(number).text == number.replace("\n\n", "", 1)


def test_a_reporters_title_cut_by_a_line_break_goes_on_into_its_credit(cleaner):
    """A caption's line that ends with a piece of a paper's name, the next line a credit
    opening with the rest of the title (…签约落地。本 | 报记者 周宏雅摄, development page
    p0008, tesseract), goes on into it: the credit is one line, apart from the caption."""
    out = fixed_point(cleaner, devset_page("p0008", "tesseract"))
    assert "签约落地。\n\n本报记者 周宏雅摄\n\n" in out


def test_headline_over_a_dateline_after_a_body_paragraph_with_commas_stands_apart(rebuild):
    """A paragraph too long for a headline with a comma in it is body text, also with no
    sentence's end in it: a heading-shaped line after it, a dateline after that, is a
    headline (development page p0012, tesseract), on clean text too."""
    raw = ("华为云和林格尔数据中心、交通银行数据中心、超聚变服务器等项目签约落地\n\n有科学家建议对治疗方案进行测试\n\n"
           "新华社北京4月27日电 本品是当今世界上应用最广泛的药物之一。\n")
    assert rebuild.clean(raw).text == raw
    cut = raw.replace("新华社北京4月27日电 本品是", "本品是")
    assert "签约落地有科学家建议对治疗方案进行测试" in rebuild.clean(cut).text


def test_an_indented_line_that_pushed_a_character_down_starts_a_paragraph_across_a_blank_line(cleaner):
    """A paragraph's first line, short of its column by the indent and the character that a
    comma after it took down to the next line (随着数据存储不断扩 | 容、…), starts a paragraph
    after a full line ending a sentence, also where OCR set a blank line between the two
    (development page p0013, tesseract, a blank line between every two lines)."""
    out = fixed_point(cleaner, devset_page("p0013", "tesseract"))
    assert "等项目落地。\n\n随着数据存储不断扩容、" in out


def test_a_heading_line_led_by_a_lone_one_under_a_headline_is_its_sub_headline(cleaner):
    """OCR's 一 for a sub-headline's dash, on the line right under its headline: the two
    stand apart (p0023, tesseract)."""
    out = paragraphs_of(cleaner.clean(devset_page("p0023", "tesseract")).text)
    assert "已经喝得酬配配的" in out and "一别人问了才回答" in out


@pytest.mark.parametrize(("first", "second"), [
    ("推动城乡规划建设管理统", "一协调发展迈上新台阶"),  # 统一
    ("坚持把人民满意作为唯", "一标准推动民生改善"),  # 唯一
])
def test_a_heading_wrapped_before_the_one_of_a_word_is_no_sub_headline(cleaner, first, second):
    """A 一 that ends a word begun on the heading line over it is no dash OCR read: the
    heading wrapped there goes on, and cleaning it again changes nothing."""
    raw = f"席王莉霞出席会议并致辞。\n\n{first}\n{second}\n\n在打造北疆文化品牌方\n面，以铸牢中华民族共同\n" \
        "体意识为主线，高标准完\n成年度书记项目。\n"
    out = fixed_point(cleaner, raw)
    assert first + second in paragraphs_of(out)


def test_two_heading_lines_as_wide_in_one_ocr_block_are_one_heading(cleaner):
    """On a page whose blocks OCR set apart with blank lines, two heading lines as wide with
    no blank line between them are one heading wrapped, whatever word the list lacks
    (提质增|效: issue i02, page 1, tesseract); without the weight, two."""
    raw = (DATA / "issues" / "i02" / "raw" / "tesseract" / "p1.txt").read_text(encoding="utf-8")
    assert "我市工业投资提质增效发展潜力不断增强" in paragraphs_of(cleaner.clean(raw).text)
    assert "我市工业投资提质增" in paragraphs_of(cleaner_without("heading-wraps-in-block").clean(raw).text)


@pytest.mark.parametrize(("first", "second"), [("一是加强组织领导", "二是强化责任落实"), ("（一）加强组织领导", "（二）强化责任落实")])
def test_two_heading_lines_as_wide_in_one_ocr_block_are_two_items_where_the_second_opens_one(cleaner, first, second):
    """heading-wraps-in-block leaves apart a heading line that opens an item of a list
    (``opens_item``), and cleaning the page again changes nothing."""
    raw = f"席王莉霞出席会议并致辞。\n\n{first}\n{second}\n\n在打造北疆文化品牌方\n面，以铸牢中华民族共同\n" \
        "体意识为主线，高标准完\n成年度书记项目。\n"
    out = fixed_point(cleaner, raw)
    assert first in paragraphs_of(out) and second in paragraphs_of(out)


def cleaner_without(weight: str) -> Cleaner:
    """The default profile with one evidence weight of the paragraphs stage set to 0."""
    profile = load_profile("zh-news")
    config = next(s for s in profile.stages if s.name == "paragraphs")
    assert weight in config.params["weights"]
    weights = {**config.params["weights"], weight: 0.0}
    profile.stages = [s.with_settings(weights=weights) if s is config else s for s in profile.stages]
    return Cleaner(profile)


@pytest.mark.parametrize(("weight", "page", "reader", "paragraph"), [
    # a headline after body text that lost its end, over a sub-headline led by OCR's dash
    ("next-headline-over-subheadline", "p0014", "tesseract", "看准的事情就要咬住不放"),
    # a headline's first line as wide as its second, which wraps onto a tail: one headline
    ("heading-wraps-as-next", "p0021", "tesseract", "抓产业 塑品牌 保民生推动各项工作提速提质增效"),
    # a blank line between two heading lines, none between the second and the body: apart
    ("blank-before-heading-block", "p0022", "pdfminer", "2023年我区商务运行总体平稳"),
    # a headline between body text that lost its end and a whole paragraph: apart in the later rounds
    ("next-headline-over-body", "p0018", "tesseract", "助推退役军人工作高质量发展"),
    ("next-headline-over-body", "p0035", "tesseract", "延长供应端全产业链条"),
    # a title's line of phrases set apart by blanks, inside a sentence OCR set it in
    ("next-phrases", "p0037", "tesseract", "开新局 起好步 强首府"),
    # a heading's line, the last of its OCR block, after a body line that ends a sentence and fills its column
    ("next-heading-alone", "p0016", "tesseract", "同比增长183.3%"),
])
def test_each_weight_of_heading_evidence_decides_a_real_page(cleaner, weight, page, reader, paragraph):
    """Development pages where the evidence decides: without its weight the paragraph is lost."""
    raw = devset_page(page, reader)
    assert paragraph in paragraphs_of(cleaner.clean(raw).text)
    assert paragraph not in paragraphs_of(cleaner_without(weight).clean(raw).text)


HEADED_BODY = "消费促进力度不断加大。制定印发《内蒙古自治区2023年进一步提振消费信心促进消费持续恢复的政策措施》，开展促消费活动5226场。"


@pytest.mark.parametrize(("line", "after", "apart"), [
    ("2023年我区商务运行总体平稳", HEADED_BODY, True),
    ("2023年我区商务运行总体平稳", "会议召开。", False),  # a short paragraph after: a cut's tail
    ("运行总体平稳", HEADED_BODY, False),  # as short as a cut sentence's tail
    ("全区商务运行总体平稳 的", HEADED_BODY, False),  # a blank in it: a mixed column's piece
    ("全区中小学幼儿园平稳有", "序做好放假前、假期相关工作。" + HEADED_BODY, False),  # the break after it cuts a word
    ("2023年我区商务发展大局", HEADED_BODY, False),  # no verb
])
def test_a_headline_between_body_text_and_a_whole_paragraph_stands_apart(cleaner, line, after, apart):
    """On a page of one paragraph per line (the rounds after a printed page's first, and the clean
    text), body text OCR left without its end, a headline-shaped paragraph with a verb, then a whole
    paragraph of body text: a headline (next-headline-over-body), and cleaning again changes nothing.
    A paragraph after it as short as a line, a line as short as a cut sentence's tail, one with a
    blank in it, one cutting a word with the paragraph after, one with no verb: the body goes on."""
    body = "会议强调，要坚持稳中求进工作总基调，完整准确全面贯彻新发展理念，要求中小学幼儿园不得推迟放假或提前开学"
    raw = f"{body}\n\n{line}\n\n{after}\n"
    out = cleaner.clean(raw).text
    assert (out.split("\n\n")[:2] == [body, line]) is apart
    if apart:
        assert out == raw and cleaner.clean(out).text == out
    else:
        assert body + line in out  # the body goes on into it


@pytest.mark.parametrize(("before", "line", "apart"), [
    ("位于中央党校校园中央的礼堂，拱形屋顶，黄砖贴面。这座陕北窑洞", "开新局 起好步 强首府", True),
    # a title quoted in a sentence, its quotation open (development page p0025)
    ("会议强调，要完整准确全面贯彻新发展理念。近日，草原音乐会在呼和浩特举行，本场音乐会以“草原", "儿女心向党 同心共筑中", False),
])
def test_a_line_of_phrases_set_apart_by_blanks_after_body_text_is_a_title(cleaner, before, line, apart):
    """A line of Han phrases set apart by blanks (SPEC rule 7: 开新局 起好步 强首府) after a line of
    body text is a title's, on a page of one paragraph per line too: not read into the sentence
    around it (next-phrases). Not where a quotation is left open: a title quoted in the sentence."""
    raw = f"{before}\n\n{line}\n\n风格的建筑，彰显着始终高度重视理论武装的马克思主义政党的鲜明基因。\n"
    out = cleaner.clean(raw).text
    assert (line in paragraphs_of(out)) is apart
    if not apart:
        assert before + line in out  # read into the sentence around it


@pytest.mark.parametrize(("before", "line", "after", "sep"), [
    # a title in single quotes that a column break cut out of its sentence (blank lines between)
    ("以青年发展型城市建设试点为契机，实施畅业、畅居、畅享三大行动。举办‘", "春暖花开 职位你来",
     "’等线上线下招聘活动，重点打造一批青年发展型友好社区、街区、场馆和实践基地。", "\n\n"),
    # a title in corner brackets, on a page of one paragraph per line
    ("近日，市委宣传部印发了宣传提纲「", "开新局 起好步 强首府", "」，要求各地各部门认真组织学习。", "\n"),
])
def test_a_line_of_phrases_inside_an_open_quotation_or_book_title_goes_on(cleaner, before, line, after, sep):
    """A line of phrases set apart by blanks after a quotation or a book's title left open, of any
    kind (‘, 《, 「, 『 as well as “: title_quotes), is the quoted title's rest, not a title's line:
    the paragraph comes back whole (no next-phrases)."""
    out = cleaner.clean(f"{before}{sep}{line}{sep}{after}\n").text
    assert out == f"{before}{line}{after}\n"


def test_a_line_of_phrases_after_a_reporter_title_cut_after_the_paper_is_a_byline(cleaner):
    """A break that cuts a reporter's title after the paper's name (主持。本 | 报记者 张三 李四) leaves
    a byline's names, not a title's phrases: no next-phrases, the title stays whole."""
    raw = "会议由市委副书记主持。本\n\n报记者 张三 李四\n\n会议强调，要坚持稳中求进工作总基调，完整准确全面贯彻新发展理念。\n"
    out = cleaner.clean(raw).text
    assert "本报记者 张三 李四" in out and "报记者 张三 李四" not in paragraphs_of(out)


def test_a_lead_goes_on_unless_it_is_as_long_as_a_body_line(stage):
    """A dateline line cut in its first sentence goes on (line-is-lead); one as long as a
    body line with no sentence's end is a sentence whose end OCR lost: no lead evidence."""
    assert stage._check_lead("本报讯（记者 云静）2月11日上午", "会议召开", False) == "line-is-lead"
    long = "新华社北京4月27日电 有科学家建议对治疗方案进行测试并对患者的病情变化开展长期随访观察"
    assert len(long) >= stage.long_line
    assert stage._check_lead(long, "会议召开", False) == ""
    assert stage._check_lead(long[: stage.long_line - 1], "会议召开", False) == "line-is-lead"


@pytest.mark.parametrize("page", [
    "devset/raw/tesseract/p0007.txt",  # 国下转第12皮: a marker OCR read
    "devset/raw/tesseract/p0002.txt",  # 本报记者“”邓萍雪。” 张宇蠢: a byline's full stop
    "devset/raw/tesseract/p0009.txt",  # 一学习贯彻…: OCR's dash, a lone 一
    "devset/raw/tesseract/p0011.txt",  # 本报]月27日讯: a dateline's 1 read as ]
    "devset/raw/tesseract/p0023.txt",  # 已经喝得酬配配的 | 一别人问了才回答
    "devset/raw/tesseract/p0037.txt",  # a body line a character short of its column in its block
    "issues/i02/raw/tesseract/p1.txt",  # heading-wraps-in-block
    "issues/i03/raw/tesseract/p1.txt",  # 本报记者 波 刘玉亮
])
def test_cleaning_an_ocr_page_of_the_ocr_readings_again_changes_nothing(cleaner, page):
    fixed_point(cleaner, (DATA / page).read_text(encoding="utf-8"))  # asserts the fixed point


def test_title_quotes_must_pair_each_opener_with_its_closer():
    """``title_quotes`` is read as opener-closer pairs: a character left without its pair
    would pair every mark after it wrongly, so the rule file is refused."""
    profile = load_profile("zh-news")
    config = next(s for s in profile.stages if s.name == "paragraphs")
    profile.stages = [s.with_settings(title_quotes="“”‘’「") if s is config else s for s in profile.stages]
    with pytest.raises(RuleError, match="title_quotes must be pairs of an opener and its closer"):
        Cleaner(profile)


HEADING_ALONE_BEFORE = "底，多措并举解决工业用\n地不足的问题。积极争取\n上级专项资金和专项债，\n充分发挥好政府合作平台\n" \
    "和经发基金的重要作用，\n解决项目建设资金难题。\n"
HEADING_ALONE_AFTER = "\n\n刘占英表示，经开区将认\n真贯彻落实本次会议精神。\n"


@pytest.mark.parametrize(("line", "apart"), [
    ("同比增长183.3%", True),
    ("积极推进重点项目的建设", False),  # as full as the column: a paragraph that a column's end cut
    ("积极推进重点项目建设。", False),  # ends with a mark: a paragraph's last line (short-line decides)
    ("积极推进“重点项目”", False),  # a closer at its end: it may end a paragraph's quotation
])
def test_a_headline_shaped_line_ending_its_block_after_a_sentence_end_is_a_heading(stage, line, apart):
    """On a printed page, after a line that ends a sentence (however full), a line short of its column,
    the last of its block, shaped like a headline with no mark of body text nor a closer at its end, is
    a heading (next-heading-alone): a paragraph's last line ends with a mark, and one that a column's
    end cuts fills its line.  A full line, one ending with a mark or with a closer: no such evidence."""
    doc = stage.run(Document(HEADING_ALONE_BEFORE + line + HEADING_ALONE_AFTER))
    assert any("next-heading-alone" in c.note for c in doc.changes) is apart
    if apart:
        assert "资金难题。\n\n同比增长183.3%\n\n" in doc.text


@pytest.mark.parametrize(("before", "after", "apart"), [
    ("不断提升固体废物综合治理能力。", "、、 蒙古信息园将成为我国", True),
    ("不断提升固体废物综合治理能力。", "，蒙古信息园将成为我国", True),
    ("不断提升固体废物综合治理能力", "，蒙古信息园将成为我国最大的云计算园区。", False),  # mid-sentence: it goes on
    ("群众纷纷说：“不断提升固体废物综合治理能力！”", "，蒙古信息园将成为我国最大的云计算园区。", False),  # after a closer
    ("群众纷纷说：“不断提升固体废物综合治理能力！", "，局长王明说。", False),  # a quotation whose closer OCR lost
])
def test_a_mark_that_follows_a_clause_after_a_sentence_end_continues_nothing(rebuild, before, after, apart):
    """A line starting with 、，；： right after a sentence's end continues no sentence: debris OCR made
    of a picture or a rule (next-debris cancels next-cannot-start), the two stay apart, also when the
    clean text is cleaned again.  Mid-sentence, or after a closing quote (“…！”，他说) or a quotation
    left open (its closer lost: “…！| ，他说), it goes on."""
    raw = f"会议强调，要将无废城市建设工作任务纳入市级绩效管理，{before}\n\n{after}\n"
    out = fixed_point(rebuild, raw)
    assert ("\n\n" in out.strip()) is apart


def test_a_paragraph_opening_with_a_lead_word_after_a_function_word_stands_apart(rebuild):
    """On a page of one paragraph per line, a paragraph opening with a lead's word (据了解，) after body
    text that OCR left ending on a function word (之一。 read as 之) stays apart: next-opens outweighs
    ends-function-word, mid-sentence and body-line, so the rounds after a printed page's first and the
    clean text cleaned again keep the break the widths set.  Its weight decides it."""
    raw = "全市生物医药产业产值同比增长60%。大唐药业在北京证券交易所挂牌上市，成为全国首批81家北京证券交易所上市公司之\n\n" \
        "据了解，未来五年，呼和浩特市将大力培育以生物疫苗为重点的生物医药产业集群。\n"
    assert rebuild.clean(raw).text == raw
    profile = profile_with("normalize", "debris", "paragraphs")
    config = next(s for s in profile.stages if s.name == "paragraphs")
    weights = {**config.params["weights"], "next-opens": -3.0}
    profile.stages = [s.with_settings(weights=weights) if s is config else s for s in profile.stages]
    assert "\n\n" not in Cleaner(profile).clean(raw).text


# a column of printed lines (the para-join-wrap example's), as pdfminer writes it: a blank line after every line
COLUMN = ["本报讯（记者 云静）2月", "11日下午，自治区党委常委、", "市委书记包钢，市委副书记、", "市长贺海东一行赴旭阳集团进",
          "行项目对接，双方签署了315", "亿元的投资框架协议，推进实", "施精细化工全产业链及研发运", "营中心等12个重点项目。",
          "推进退役军人“一件", "事一次办”，包钢一行与", "集团董事长杨雪岗进行了深入", "交流。包钢说，旭阳集团作为",
          "集现代化工、新材料、新能源", "等业务板块协同发展的大型企", "业集团，主营业务与呼和浩特", "市正在培育壮大的优势产业发",
          "展方向高度契合。"]


def test_a_page_with_a_blank_line_after_every_printed_line_is_read_as_its_column(rebuild):
    """The blank lines say nothing: the page comes out as it does without them, and each
    join removes a blank line with its break, which the change records."""
    raw = "\n\n".join(COLUMN) + "\n"
    result = rebuild.clean(raw)
    assert result.text == rebuild.clean("\n".join(COLUMN) + "\n").text
    assert paragraphs_of(result.text) == ["".join(COLUMN[:8]), "".join(COLUMN[8:])]
    joins = [c for c in result.changes if c.before == "\n\n" and c.after == ""]
    assert len(joins) == len(COLUMN) - 2
    assert {c.rule for c in joins} >= {"para-join-wrap"}
    assert all("no-blank-line" in c.note and "line-spaced" in c.note for c in joins if c.rule == "para-join-wrap")
    assert undo(result.text, result.changes) == raw
    assert rebuild.clean(result.text).text == result.text


def test_the_lines_of_such_a_page_are_read_in_one_block(stage):
    doc = Document("\n\n".join(COLUMN) + "\n")
    lay = stage.layout(doc, stage._lines(doc.text))
    assert lay.wrapped and lay.lines is not None
    assert {ln.block for ln in lay.lines} == {0} and [ln.row for ln in lay.lines] == list(range(len(COLUMN)))
    assert [ln.text for ln in lay.lines] == COLUMN


def test_prose_printed_in_columns_with_a_blank_line_after_every_line_comes_out_as_without_them(rebuild):
    paragraphs = [p for p in (DATA / "prose" / "nahan.txt").read_text(encoding="utf-8").split("\n")
                  if len(p) >= 30][:12]
    for width in (12, 18, 24):
        lines = [s[i:i + width] for p in paragraphs for s in ["\u3000\u3000" + p] for i in range(0, len(s), width)]
        assert rebuild.clean("\n\n".join(lines) + "\n").text == rebuild.clean("\n".join(lines) + "\n").text


@pytest.mark.parametrize("lines", [
    # short titles of like widths, a comma in each
    ["稳字当头，稳中求进", "开新局面，起好步子", "强化担当，狠抓落实", "聚焦主业，提质增效", "改革创新，攻坚克难",
     "守正创新，勇毅前行", "凝心聚力，砥砺奋进", "真抓实干，务求实效", "统筹兼顾，全面发展", "锐意改革，激发活力",
     "共建共享，惠及民生", "乘势而上，再创佳绩"],
    # items of a list, as wide
    ["（一）住所和法定代表人；", "（二）劳动合同的期限；", "（三）工作内容和地点；", "（四）工作时间和休息；",
     "（五）劳动报酬的标准；", "（六）社会保险的缴纳；", "（七）劳动保护和条件；", "（八）职业危害的防护；"],
    # short sentences, as wide
    ["会议指出，要加强合作。", "会议强调，要狠抓落实。", "会议要求，要守正创新。", "会议认为，要稳中求进。",
     "会议指出，要改革创新。", "会议强调，要惠及民生。", "会议要求，要提质增效。", "会议认为，要勇毅前行。"],
])
def test_clean_text_of_short_lines_of_like_widths_is_not_read_as_a_column(stage, lines):
    """Clean text is a paragraph a line with a blank line between: short paragraphs of one
    width are still paragraphs, not a column's printed lines with a blank line after each."""
    text = "\n\n".join(lines) + "\n"
    assert Cleaner().clean(text).text == text
    doc = Document(text)
    assert stage.layout(doc, stage._lines(doc.text)).lines is None


@pytest.mark.parametrize("lines", [
    # a headline over short body paragraphs
    ["市政府召开常务会议", "会议听取了全市安全生产工作情况汇报。", "会议强调，要压实责任，守牢安全底线。"],
    # a lead-in and a list's items, ending a clause
    ["会议明确了今年的重点工作，包括：", "一、开展隐患排查；", "二、组织应急演练；", "三、加强值班值守。"],
    ["（一）住所和法定代表人；", "（二）劳动合同的期限；", "（三）工作内容和地点；", "（四）工作时间和休息；",
     "（五）劳动报酬的标准；", "（六）社会保险的缴纳；", "（七）劳动保护和条件；", "（八）职业危害的防护；"],
    # twenty one-line paragraphs of like lengths, each a sentence: a column shows in their widths
    ["会议听取了全市安全生产工作情况汇报。", "会议强调，要压实责任，守牢安全底线。", "各地要加强隐患排查，及时消除安全风险。",
     "要完善应急预案，组织开展应急演练，提高处置能力。", "要加强值班值守，确保信息畅通。", "会议研究了其他事项。",
     "与会同志进行了认真讨论，提出了意见建议。", "今年全市生产总值同比增长百分之五点二。", "城乡居民收入稳步增长，就业形势总体稳定。",
     "全市新开工重点项目一百二十个，完成投资三百亿元。", "农业生产保持稳定，粮食产量再创新高。", "消费市场持续回暖。",
     "进出口总额增长百分之八，外贸结构不断优化。", "生态环境持续改善，空气优良天数比例提高。", "民生保障有力有效，各项社会事业全面进步。",
     "全年新增城镇就业三万人，城镇登记失业率控制在目标以内。", "教育、医疗、养老等公共服务水平不断提升。", "社会大局和谐稳定。",
     "会议要求，要以更加昂扬的精神状态做好各项工作。", "确保全年目标任务圆满完成，以优异成绩迎接新的一年。"],
], ids=["headline-and-body", "lead-in-and-items", "items", "twenty-sentences"])
def test_a_short_text_a_paragraph_a_line_with_no_blank_line_keeps_its_paragraphs(lines):
    """No line as long as body text, or lines of like lengths that show a column: the widest lines
    (or those that fill the column) end a sentence or a clause, as a column's full lines do only
    by chance, so each line is a paragraph (cleanup/roles.py: WIDEST_SLACK)."""
    assert max(map(len, lines)) < load_shape().long_line
    assert paragraphs_of(Cleaner().clean("\n".join(lines) + "\n").text) == lines


def test_list_items_after_a_wrapped_paragraph_stay_apart():
    """A list item's numeral and its 、 (一、) are no tail of a word the line before began (ends_word)."""
    raw = ("会议指出，今年要重点抓好以下几项工作，确保\n各项任务落到实处，推动全市经济社会持续健康\n发展。\n"
           "一、加强组织领导。\n二、完善工作机制。\n三、强化督促检查。\n")
    assert paragraphs_of(Cleaner().clean(raw).text)[1:] == ["一、加强组织领导。", "二、完善工作机制。", "三、强化督促检查。"]


@pytest.mark.parametrize(("reader", "spaced"), [("pdfminer", True), ("tesseract", False), ("pdftotext", False)])
def test_only_a_page_with_a_blank_line_after_every_printed_line_is_read_so(stage, reader, spaced):
    """pdfminer's page p0001 writes a blank line after every line; OCR's puts them between blocks."""
    doc = Document(devset_page("p0001", reader))
    assert (stage.layout(doc, stage._lines(doc.text)).lines is not None) is spaced


LIST_PAGE = "本报讯 近日，市教育局印发通知，就\n做好今年寒假期间学生安全工作提\n出具体要求。通知要求各地各校做\n" \
    "好以下几方面工作，报名须知如下：\n{first}报名时间：3月1日至3日；\n{second}报名地点：市民中心二楼；\n" \
    "3. 咨询电话：123。\n各位家长请相互转告，按时到场办\n理有关手续，逾期不再受理。\n"


@pytest.mark.parametrize(("first", "second", "apart"), [
    ("1. ", "2. ", True),
    ("（1）", "（2）", True),
    ("1. ", "3. ", False),  # not the next number
    ("（1）", "2. ", False),  # numbered alike, but printed otherwise
])
def test_a_list_item_ending_a_clause_before_the_next_item_ends_its_paragraph(rebuild, first, second, apart):
    """On a printed page, a paragraph opening with a list item's numeral that ends a clause before a line
    opening with the next numeral, printed alike, ends there (item-after-item), however full its line of
    narrow digits looks; the first item after a lead-in starts a paragraph (lead-in-then-item).  Another
    number, or one printed otherwise, is no such evidence, and the full lines join."""
    out = fixed_point(rebuild, LIST_PAGE.format(first=first, second=second))
    assert f"如下：\n\n{first}报名时间" in out
    assert ("3日；\n\n" in out) is apart



ITEM_BEFORE = "本报讯 市政府日前印发通知，要求各地各部门认真做好今年的安全生产工作，切实保障人民群众生命财产安全。通知强调了以下几个方面的工作："
ITEM_TEXT = "加强组织领导，压实各方责任，确保各项工作任务落到实处，不走过场。"
ITEM_AFTER = "各地要高度重视，认真抓好落实，及时报告工作进展情况，确保取得实效，坚决遏制各类事故发生。"
ITEM_LAST = "会议强调，要坚持以人民为中心的发展思想，切实保障人民群众生命财产安全。"  # the page indents no paragraph


def wrapped(paragraphs: list[str], width: int = 16) -> str:
    return "".join(p[i:i + width] + "\n" for p in paragraphs for i in range(0, len(p), width))


@pytest.mark.parametrize(("first", "apart"), [
    ("（一）", True),
    ("第一条 ", True),
    ("会议要求", False),  # no item: a sentence ending on a full line goes on, most often
])
def test_a_full_line_ending_a_sentence_of_a_list_item_ends_it(rebuild, first, apart):
    """On a printed page, a full line ending a sentence of a paragraph that opens with a list item's or an
    article's numeral ends the item (item-ends): items end with their sentences far more often than their
    sentences end inside them.  A paragraph opening otherwise goes on at such a line; so does an item
    on a page that indents its paragraphs, where the next line's indent tells."""
    item = first + ITEM_TEXT[len(first) + len(ITEM_TEXT) - 32:]  # two full lines
    assert len(item) == 32
    out = fixed_point(rebuild, wrapped([ITEM_BEFORE, item, ITEM_AFTER, ITEM_LAST]))
    assert ("不走过场。\n\n各地" in out) is apart
    item = first + ITEM_TEXT[len(first) + len(ITEM_TEXT) - 30:]  # two full lines after the indent
    indented = rebuild.clean(wrapped(["\u3000\u3000" + p for p in (ITEM_BEFORE, item + ITEM_AFTER, ITEM_LAST)])).text
    assert "不走过场。各地" in indented


def test_a_headline_whose_lines_ocr_set_a_blank_line_apart_is_one_paragraph(rebuild):
    """OCR sets a blank line between each two lines of a headline in large type: the run of its
    lines, marks and all, is one paragraph (heading-run), apart from the body and the dateline."""
    over = ["会议强调，要坚持稳中求进工作总基调，完整", "准确全面贯彻新发展理念，加快构建新发展格",
            "局，推动高质量发展，全面建设社会主义现代", "化国家，奋力书写中国式现代化新篇章。"]
    heading = ["阿里发布最强芯片", "", "发布会：性能吊打", "", "同行，一块顶十块", "", "芯片"]
    under = ["新华社北京4月25日电 她甚至发誓说“我会一", "直做下去的，直到我再也做不动了，只能坐在",
             "轮椅上”。现在，她每周在水中训练两次，经过", "长时间的训练，她已经可以屏住呼吸2分钟。"]
    result = rebuild.clean("\n".join(over + [""] + heading + [""] + under) + "\n")
    assert "阿里发布最强芯片发布会：性能吊打同行，一块顶十块芯片" in paragraphs_of(result.text)
    assert any("heading-run" in c.note for c in result.changes if c.rule == "para-join-break")


@pytest.mark.parametrize(("opened", "line", "joined"), [
    ("他说：“", "步阶段，它们的好处是来得很快。", True),
    ("他说：", "步阶段，它们的好处是来得很快。", False),  # no quotation open
    ("他说：“", "步阶段，它们好处是快。", False),  # short by more than a closing quote
])
def test_a_sentence_ending_a_quotation_whose_closer_ocr_lost_goes_on(rebuild, opened, line, joined):
    """A line ending a sentence inside a quotation its sentence opened, short of its column by one
    cell: OCR lost the closing quote there (它的好处是快。| 张严如此评价。), the paragraph goes on;
    with no quotation open, or a line shorter than a lost quote explains, the line ends its paragraph."""
    body = ["会议强调，要坚持稳中求进工作总基", "调，完整准确全面贯彻新发展理念，", "推动高质量发展。各项工作要扎实推"]
    quoted = [opened + "这些新的项目都属于一个起"[: 16 - len(opened)], line, "张严如此评价。"]
    after = ["进，全面建设社会主义现代化国家，", "奋力书写中国式现代化新的篇章。"]
    raw = "\n".join(body * 3 + quoted + body * 2 + after) + "\n"
    text = rebuild.clean(raw).text
    assert (line[-4:] + "张严如此评价。" in text) is joined


@pytest.mark.parametrize(("turn", "apart"), [
    (["“你这是从哪里来的？总不会是", "从城里来的吧，我猜得对么？”", "“不是的，我是从乡下来的，你", "看看这一身打扮就知道了。”"], True),
    # the next line opens no quotation: the paragraph goes on after a full line
    (["“你这是从哪里来的？总不会是", "从城里来的吧，我猜得对么？”", "他笑着说，我是从乡下来的，你", "看看这一身打扮就知道了。”"], False),
])
def test_a_full_line_ending_a_quoted_sentence_before_a_line_opening_a_quotation(rebuild, turn, apart):
    """On a printed page, a full line ending a sentence and a quotation before a line that opens
    one: the next speaker's turn, a paragraph of its own (next-quote-turn), where the page shows
    no indent to tell."""
    body = ["会议强调，要坚持稳中求进工作", "总基调，完整准确全面贯彻新发", "展理念，推动高质量发展。各项"]
    raw = "\n".join(body * 3 + turn + body * 3) + "\n"
    paragraphs = paragraphs_of(rebuild.clean(raw).text)
    assert any(p.startswith(turn[2][:6]) for p in paragraphs) is apart


@pytest.mark.parametrize("byline, tail, name", [
    ("本报记者 武佳忠 通讯员 康英", "英", "康英英"),
    ("本报记者 潘萍芳 姚婧", "浩", "姚婧浩"),
])
def test_a_name_cut_at_a_byline_end_goes_on_where_no_column_was_learned(cleaner, byline, tail, name):
    """A byline ending with a name's first two characters, over a line of one more, wraps there
    (name_cut), though its block is too short for a column."""
    raw = (f"推动经济高质量发展\n{byline}\n{tail}\n本报北京5月7日电 5月6日，国务委员兼外交\n"
           "部长王毅应约同蒙古国外长朝格特巴\n特尔通电话。\n")
    out = fixed_point(cleaner, raw)
    assert f"{byline[:-len(name) + len(tail)]}{name}\n\n本报北京" in out


@pytest.mark.parametrize("name, tail", [
    ("杜晶鑫", "任春"),  # three characters and two more: two names
    ("王磊", "一"),  # OCR's debris, not a name's last character
    ("王磊", "丨"),
])
def test_a_byline_ending_a_whole_name_does_not_take_what_follows(cleaner, name, tail):
    """A byline ending with a whole name takes no second name, nor a lone 一 or 丨 (name_cut)."""
    raw = f"推动经济高质量发展\n本报记者 {name}\n{tail}\n随着数据存储不断扩容、数据传输不断提速。\n"
    assert name + tail not in cleaner.clean(raw).text


@pytest.mark.parametrize("page, debris, heading", [
    ("devset/raw/tesseract/p0006.txt", "张 提", "可虱我又不知道"),  # 张                      提
    ("devset/raw/tesseract/p0002.txt", "、ER痉", "记者从教育厅了解到"),
    ("heldout/raw/tesseract/p0123.txt", "-一 一", "超额完成全年目标"),
])
def test_debris_scattered_as_printed_goes_on_into_no_line_though_normalizing_squeezed_it(
        cleaner, page, debris, heading):
    """A row of a picture's or a masthead's debris that OCR read, its pieces wide apart as printed,
    ends its paragraph though normalizing squeezed the blanks (line-scattered): the heading under
    it is not glued to it."""
    out = fixed_point(cleaner, (DATA / page).read_text(encoding="utf-8"))
    assert f"\n{debris}\n\n{heading}" in "\n" + out


def test_a_bracket_before_a_latin_term_as_printed_is_no_debris(cleaner):
    """A row of an opening bracket and a Latin term, wide apart as printed, is no debris: the
    term's line goes on into the next ((         Filipendula | ulmaria) …)."""
    out = cleaner.clean((DATA / "heldout/raw/tesseract/p0106.txt").read_text(encoding="utf-8")).text
    assert "（Filipendula ulmaria）合成的水杨苷" in out


@pytest.mark.parametrize("after", [
    "据协会统计，2014年度，中关村上市公司从1家增至5家。",
    "监管方7月2日晚祭出的武器是禁止跨市场恶意做空。",
])
def test_a_byline_cut_after_its_title_goes_on_only_onto_a_name(cleaner, after):
    """A byline ending with a reporter's title goes on onto the line under it only if that line starts
    with a name (name_start): OCR lost the name when the line opens a quotation or a sentence."""
    raw = (f"推动经济高质量发展\n本报记者 马波 通讯员\n{after[:12]}\n{after[12:24]}\n{after[24:]}\n"
           "在东莞洪梅镇，海新科技董事长杨敬\n交当面告诉笔者这家企业受到影响。\n")
    out = fixed_point(cleaner, raw)
    assert "本报记者 马波 通讯员\n\n" + after[:12] in out


@pytest.mark.parametrize("tail", ["姜霖", "任晓丽，摄"])
def test_a_byline_cut_after_its_title_goes_on_onto_its_name(cleaner, tail):
    raw = (f"推动经济高质量发展\n本报记者 马波 通讯员\n{tail}\n“中美贸易战正在变成一场持久\n"
           "战，但我们已有准备。”他说。在东\n莞洪梅镇，海新科技董事长杨敬交\n当面告诉笔者。\n")
    assert "本报记者 马波 通讯员 " + tail in cleaner.clean(raw).text


def _column(text: str, width: int = 14) -> str:
    return "\n".join(text[i : i + width] for i in range(0, len(text), width))


_LEAD_IN = ("近年来，呼和浩特市重点培育了以中环光伏、华耀光电为代表的新能源产业集群，推动经济高质量发展，"
            "作为首府城市，更要牢固树立招商引资先进理念，对标一流、紧跟发展。")
_INDENTED = ("招商引资质效显著提升。制定印发了《内蒙古自治区招商引资三年行动方案》，全年引进项目三百余个，"
             "到位资金同比增长两成以上。")


def test_a_heading_with_digits_over_an_indented_line_stands_apart(cleaner):
    """A heading-shaped line holding digits (签约总额202.6亿元) over a paragraph's indented first line
    is a heading there (heading-over-indented): its own width does not count, only the indented line's."""
    raw = f"{_column(_LEAD_IN)}\n签约总额202.6亿元\n{_INDENTED[:12]}\n{_column(_INDENTED[12:])}\n"
    assert "\n签约总额202.6亿元\n\n招商引资质效显著提升。" in fixed_point(cleaner, raw)


def test_a_line_ending_with_digits_over_a_short_line_may_cut_a_number_from_its_unit(cleaner):
    """A line ending with a digit may cut a number from its unit (…发电量528 | 亿千瓦时，…): it is no
    heading over an indented line, whatever its width looks."""
    rest = "全国光伏利用小时数二百四十八小时，同比增长八小时，东北地区光伏利用小时数最高。"
    raw = f"{_column(_LEAD_IN)}\n一季度光伏发电量528\n亿千瓦时，同比增长近两成\n{_column(rest)}\n"
    assert "\n一季度光伏发电量528亿千瓦时，同比增长近两成" in fixed_point(cleaner, raw)


@pytest.mark.parametrize("page, heading, after", [
    ("heldout/raw/tesseract/p0114.txt", "规上工业总产值完成700亿元", "加大就业创业帮扶力度。"),
    ("issues/i10/raw/tesseract/p3.txt", "安排好师生寒假学习生活", "对外投资合作平稳有序。"),
])
def test_a_heading_ocr_set_at_the_end_of_the_block_over_it_stands_apart(cleaner, page, heading, after):
    """A heading-shaped line that OCR set as the last line of the block of the article over it, over
    an indented line that opens the next block, is a heading there (heading-ends-block)."""
    out = fixed_point(cleaner, (DATA / page).read_text(encoding="utf-8"))
    assert f"{heading}\n\n{after}" in out


def test_a_credit_ending_with_its_verb_takes_no_short_heading(cleaner):
    """name_cut reads a single character after a blank as a name's first one, but never 摄, a credit's last word."""
    raw = f"推动经济高质量发展\n本报记者 王磊 摄\n短评\n{_column(_LEAD_IN)}\n"
    assert "\n本报记者 王磊 摄\n\n短评\n" in fixed_point(cleaner, raw)


def test_a_byline_cut_after_its_title_goes_on_onto_names_in_a_list(cleaner):
    """name_start takes a name followed by 、, the mark between a byline's names."""
    raw = f"推动经济高质量发展\n本报记者\n王磊、李四\n{_column(_LEAD_IN)}\n"
    assert "本报记者王磊、李四" in fixed_point(cleaner, raw)


def test_a_sentence_tail_under_a_blank_line_is_no_sign_of_a_heading_over_it(cleaner):
    """A paragraph's first line at the foot of a block, its last line under a blank line as short as an
    indented one, is no heading (heading-ends-block): the line under the blank is a sentence's tail."""
    def indented(t: str, w: int = 14) -> str:
        return "\n".join([t[: w - 2]] + [t[i : i + w] for i in range(w - 2, len(t), w)])
    other = ("据了解，全市今年共谋划重点项目三百余个，总投资超过一千亿元，其中产业项目占比超过六成，"
             "新开工项目一百二十个，续建项目一百八十个，年度计划投资四百亿元。")
    raw = (f"推动经济高质量发展\n{indented(_LEAD_IN)}\n{indented(other)}\n今年以来全市新增市场主体\n\n"
           f"两万余户，同比增长一成。\n{indented(_INDENTED)}\n")
    assert "今年以来全市新增市场主体两万余户，同比增长一成。" in fixed_point(cleaner, raw)


def test_a_headline_set_across_opening_the_page_stands_apart_and_keeps_its_tail(rebuild):
    """The page's first line, wider than its column, holding a headline's marks, is a headline of
    its own, not glued to the heading under it; a word under it is its tail (…每小时收入 | 近千元)."""
    text = ("说明越来越多的中国人爱上了体育锻炼，另一方面也说明公园的设施越来越完善，值得大家称赞。公园里有跑步"
            "的人，也有跳舞的人，还有下棋的老人和放风筝的孩子，处处是热闹的景象，让外国游客感到十分新奇。")
    body = [text[i:i + 13] for i in range(0, len(text), 13)]
    heading = ["为什么中国的公园如此有人", "气？"]
    out = paragraphs_of(rebuild.clean("\n".join(["中国人习以为常的地方 为何老外却说“了不得”？"] + heading + body) + "\n").text)
    assert out[:2] == ["中国人习以为常的地方 为何老外却说“了不得”？", "为什么中国的公园如此有人气？"]
    top = ["英国美女在殡仪馆工作太痛苦，转行当美人鱼！每小时收入", "近千元"]
    out = paragraphs_of(rebuild.clean("\n".join(top + heading + body) + "\n").text)
    assert out[0] == "英国美女在殡仪馆工作太痛苦，转行当美人鱼！每小时收入近千元"


@pytest.mark.parametrize(("text", "joined"), [
    # a headline's length, a colon inside, no sentence ended: a headline over the body's first paragraph
    ("顺丰小哥汪勇连升3级，国家授予特别奖：时代永远在奖励解决问题的摆渡人\n\n在一家龙头公司里坐“火箭”，汪勇是少数中的少数。\n",
     False),
    # longer than a joined headline: a paragraph cut at a column's end goes on
    ("记者：中国的原油进口量已经超过了美国，成为世界上最大的原油进口国，中国在全球能源格局中的地位是怎样的？"
     "这是记者关心的问题，也是读者关心的\n\n问题。专家认为，中国的地位举足轻重。\n", True),
    # the break cuts a word (激发): the paragraph goes on
    ("王文：中美贸易“持久战”，中国人的斗志被激\n\n发出来了。专家认为，中国的地位举足轻重。\n", True),
])
def test_a_paragraph_as_long_as_a_headline_with_a_colon_inside_stands_apart(rebuild, text, joined):
    """Clean text, a paragraph a line: a paragraph no longer than a joined headline, its clauses set
    apart by a colon, no sentence ended in it (long-with-colon), is a headline, not body text going on
    into the next paragraph; longer, or cut inside a word, it goes on."""
    out = rebuild.clean(text).text
    assert ("\n\n" not in out.strip()) is joined


def test_a_letter_spaced_line_fills_its_column_however_many_blanks_it_holds(rebuild):
    """pdfminer writes a justified line's stretch as a blank after each character, and a wider gap
    where the text has a blank (日 电 （ 记 者   顾 燕 婧 ） 此): counted in full the blanks make the
    line look wider than its column, set across the columns as a heading is; it fills its column,
    and the dateline it goes on goes on into the body."""
    over = ["会议强调，要坚持稳中求进工", "作总基调，完整准确全面贯彻", "新发展理念，加快构建新发展", "格局，推动高质量发展。"]
    lead = ["本 报 呼 和 浩 特 11 月 26", "日 电 （ 记 者   顾 燕 婧 ） 此", "外，也有建议含阿司匹林的复",
            "方制剂用于预防心血管疾病，", "这是一个新的研究方向。"]
    under = ["她甚至发誓说我会一直做下去", "的，直到我再也做不动了为止", "现在她每周都在水中训练两次", "，已经可以屏住呼吸两分钟。"]
    out = paragraphs_of(rebuild.clean("\n".join(over + lead + under) + "\n").text)
    assert "本报呼和浩特11月26日电（记者 顾燕婧）此外，也有建议含阿司匹林的复方制剂用于预防心血管疾病，这是一个新的研究方向。" in out
