"""The fragments stage: orphan pieces of headlines go, real headlines stay (SPEC 14)."""

from __future__ import annotations


import pytest

from cleanup.document import Document, undo
from cleanup.errors import RuleError
from cleanup.pipeline import build_stage
from cleanup.rules import load_profile
from cleanup.stages.fragments import cuts_segment

from conftest import GOLD, SAMPLES

PROFILE = load_profile("zh-news")
CONFIG = next(s for s in PROFILE.stages if s.name == "fragments")
FRAGMENTS = build_stage(CONFIG, timeout=2.0)

HEAD = "自治区党委外事工作委员会召开第四次会议 石泰峰主持"
LEAD = "本报1月7日讯（记者 刘晓冬）1月7日，自治区党委外事工作委员会召开第四次会议。"
BODY = "会后进行了分组审议。"

# Real short headlines, kickers, section labels, sub-headlines, bylines and
# credits from the sample pages and their gold: none of them may go.
REAL = [
    "扮靓首府迎冬奥",
    "六大产业集群助推首府经济高质量发展",
    "本报记者 郑学良 王雅静",
    "本报记者 王磊 摄",
    "开启中国式现代化的新长征",
    "——学习贯彻党的二十大精神研讨班侧记",
    "去年拉动全市投资增长3.3个百分点",
    "开新局 起好步 强首府",
    "包钢贺海东赴中信集团拜访",
    "（李海珍）",
    "数字赋能首府经济社会高质量发展",
    "舞剧《昭君》在京震撼上演",
    "我市与汇源集团合作项目",
    "签约仪式在京举行",
    "包钢贺海东出席",
    "贺海东拜访国家气象信息中心",
    "自治区政府新闻办召开发布会",
    "2023年我区商务运行总体平稳",
    "回眸2023",
    "——访和林格尔县委书记李六小",
    "在推动高质量发展上展现更大作为",
    "（宋向华）",
    "我市云春雷获评工作表现突出个人",
    "自治区教育厅发布通知",
    "市退役军人事务局：下力气整改整治",
    "助推退役军人工作高质量发展",
    "本报记者 王中宙 摄",
    "新春走基层",
    "一条生命热线 串起万家平安",
    "本报记者 张秋燕",
    "城市“净”卫者：用汗水守住一方洁净",
    "政府工作报告",
    "工业增势不减 支柱行业助推有力",
    "以提案之力服务首府发展之需",
    "呼和浩特市培育建设两家自治区级制造业创新中心",
    "走近人民群众身边 走进人民群众心里",
]


def page(*paragraphs: str) -> str:
    return "\n\n".join(paragraphs) + "\n"


def fragments(text: str) -> Document:
    return FRAGMENTS.run(Document(text))


def removed(doc: Document) -> list[str]:
    return [c.before.strip() for c in doc.changes]


def test_real_headlines_and_labels_survive_side_by_side() -> None:
    # worst case: every line stands alone, none heads body text, and each
    # can be matched against all the others
    text = page(*REAL)
    assert len(REAL) >= 20
    assert fragments(text).changes == []


@pytest.mark.parametrize("label", REAL)
def test_real_headline_survives_before_a_headline(label: str) -> None:
    assert fragments(page(BODY, label, HEAD, LEAD)).changes == []


@pytest.mark.parametrize("fragment", ["自治区党委外事", "自治区党委外事工作委员会召开"])
def test_prefix_of_a_headline_in_the_document_goes(fragment: str) -> None:
    doc = fragments(page(BODY, fragment, HEAD, LEAD))
    assert doc.text == page(BODY, HEAD, LEAD)
    [change] = doc.changes
    assert change.rule == "fragment-headline-piece"
    assert change.note == f"prefix of headline '{HEAD}' (score 100)"
    assert undo(doc.text, doc.changes) == page(BODY, fragment, HEAD, LEAD)


def test_piece_of_a_headline_printed_elsewhere_on_the_page_goes() -> None:
    far = "黄河流域生态保护和高质量发展省际合作联席会召开 王莉霞出席并致辞"
    text = page(far, "本报1月7日讯（记者 章奎）1月7日，联席会召开。", BODY, "生态保护和高质量发展省际", HEAD, LEAD)
    doc = fragments(text)
    assert removed(doc) == ["生态保护和高质量发展省际"]
    assert doc.changes[0].note.startswith(f"piece of headline '{far}'")


def test_headlines_beyond_the_piece_window_are_not_searched() -> None:
    far = "黄河流域生态保护和高质量发展省际合作联席会召开 王莉霞出席并致辞"
    window = next(r for r in CONFIG.rules if r.id == "fragment-headline-piece").params["piece_window"]
    filler = [LEAD] * (window // len(LEAD) + 1)
    near_text = page(far, LEAD, BODY, "生态保护和高质量发展省际", HEAD, LEAD)
    far_text = page(far, *filler, BODY, "生态保护和高质量发展省际", HEAD, LEAD)
    assert removed(fragments(near_text)) == ["生态保护和高质量发展省际"]
    assert removed(fragments(far_text)) == []


def test_piece_with_an_ocr_slip_goes() -> None:
    doc = fragments(page(BODY, "自治区党委外市工作委员会", HEAD, LEAD))
    assert removed(doc) == ["自治区党委外市工作委员会"]
    assert "(score 9" in doc.changes[0].note


def test_fragments_of_a_headline_printed_on_another_page_go() -> None:
    # sample 000: the headline they come from is not on the page at all
    text = page(BODY, "自治区第三十", "石泰峰主持并", HEAD, LEAD)
    doc = fragments(text)
    assert doc.text == page(BODY, HEAD, LEAD)
    assert [(c.rule, c.note) for c in doc.changes] == [
        ("fragment-dangling-end",
         "ends in bare ordinal '第三十'; ends inside a word: '十' starts a longer word 84% of the time; no predicate"),
        ("fragment-dangling-end", "ends in '并'"),
    ]


def test_a_dangling_line_after_one_cut_mid_sentence_is_body_text_left_unjoined() -> None:
    assert fragments(page("会后进行了分组审议，", "石泰峰主持并", HEAD, LEAD)).changes == []
    assert fragments(page("会后进行了分组审议，", "自治区第三十", HEAD, LEAD)).changes == []


def test_evidence_both_ways_is_noted_and_owned_by_the_first_rule() -> None:
    head = "石泰峰主持并讲话 部署全年工作"
    doc = fragments(page(BODY, "石泰峰主持并", head, LEAD))
    [change] = doc.changes
    assert change.rule == "fragment-headline-piece"
    assert change.note == f"prefix of headline '{head}' (score 100); ends in '并'"


def test_a_piece_before_body_text_goes_on_its_own_evidence_not_on_a_headline_it_matches() -> None:
    # issue 18: a line ending on a conjunction heads no article, whatever follows it
    doc = fragments(page(BODY, "石泰峰主持并", LEAD))
    assert removed(doc) == ["石泰峰主持并"]
    # a prefix of a headline of the page may be the article's own short headline
    assert fragments(page(BODY, "自治区党委外事", LEAD, HEAD)).changes == []


@pytest.mark.parametrize("byline", ["本报记者 郑学良 王雅静", "（李海珍）", "本报记者 王磊 摄", "——访和林格尔县委书记李六小"])
@pytest.mark.parametrize("line", ["石泰峰主持并", "自治区第三十", "我市工业投资提", "自治区党委外事"])
def test_a_line_heading_a_byline_credit_or_sub_headline_is_a_headline(line: str, byline: str) -> None:
    assert fragments(page(BODY, line, byline, LEAD, HEAD)).changes == []


def test_a_line_with_no_predicate_cut_inside_a_word_goes() -> None:
    far = "黄河流域生态保护和高质量发展省际合作联席会召开 王莉霞出席并致辞"
    doc = fragments(page(BODY, "党委外事工作委员会召", far, LEAD))
    [change] = doc.changes
    assert change.rule == "fragment-cut-word"
    assert change.note == "ends inside a word: '召' starts a longer word 76% of the time; no predicate"
    doc = fragments(page(BODY, "济社会高质量发展", "王莉霞指出，黄河流域生态保护和高质量发展是千秋大计。"))
    assert [c.note for c in doc.changes] == ["starts inside a word: '济' ends a longer word 94% of the time; no predicate"]


@pytest.mark.parametrize("line", ["自治区党委外事工作委员会召", "主要是依托呼和浩特城市大及"])
def test_a_line_longer_than_alone_max_chars_is_not_judged_by_itself(line: str) -> None:
    """A line of 13 characters that ends inside a word or on 及: on real extractor output, a
    headline's line or a body line set apart (OCR read 脑 as 及), not an orphan piece."""
    far = "黄河流域生态保护和高质量发展省际合作联席会召开 王莉霞出席并致辞"
    assert fragments(page(BODY, line, far, LEAD)).changes == []
    assert fragments(page(BODY, line[3:], far, LEAD)).changes != []


@pytest.mark.parametrize(("before", "after"), [
    ("会后进行了分组审议，", BODY),  # the line before is cut mid-sentence: body text left unjoined
    ("本报记者 郑学良 王雅静", BODY),  # after a byline comes body text
    (BODY, "质增效发展潜力不断增强。"),  # the line after continues the cut word
    (BODY, LEAD),  # before a lead: in a headline's place
])
def test_a_line_cut_inside_a_word_stays_where_it_may_be_body_text_or_a_headline(before: str, after: str) -> None:
    assert fragments(page(before, "我市工业投资提", after)).changes == []


@pytest.mark.parametrize("line", [
    "扮靓首府迎冬奥",  # a predicate: 迎
    "访和林格尔县委书记李六小",  # a headline may start with its verb
    "张伟欣", "史志军", "郑学良 王雅静",  # names: the segmentation only guesses at them
    "政府工作报告", "中华人民共和国种子法", "回眸2023",  # whole words at both ends
    "已经喝得醉醺醺的", "究竟有没有魂灵的",  # 的 after a predicate
])
@pytest.mark.parametrize("after", [HEAD, LEAD])
def test_real_short_lines_with_cut_looking_ends_stay(line: str, after: str) -> None:
    assert fragments(page(BODY, line, after, LEAD)).changes == []


@pytest.mark.parametrize(("line", "after"), [
    ("亚马逊海外购", "“限时快闪店”登陆拼多多"),  # 购 starts a longer word 55 % of the time: a wrapped headline
    ("可是台江民中晚自习", "这段推荐中国公园的视频发布到海外社交媒体上后，获得了8千多个“赞”。"),  # 习: 50 %, a subhead
    ("审查委员会副主任委员孙", HEAD),  # 孙: 55 %
])
def test_a_cut_at_near_even_odds_is_no_evidence(line: str, after: str) -> None:
    # a fresh set of news pages: each of these real lines was taken for a piece at ends_inside_min 0.5
    assert 0.5 <= FRAGMENTS.edges.continues(line[-1]) < FRAGMENTS.ends_inside_min
    assert fragments(page(BODY, line, after, LEAD)).changes == []


def test_a_line_the_next_goes_on_from_is_one_headline_wrapped() -> None:
    # 进|出口: 出 mostly starts words, but 进出 is a word of the list
    assert FRAGMENTS.edges.continued("出") < FRAGMENTS.continued_min
    assert fragments(page(BODY, "我国集成电路进", "出口总额突破3000亿美元", LEAD)).changes == []
    assert removed(fragments(page(BODY, "我国集成电路进", HEAD, LEAD))) == ["我国集成电路进"]


def test_a_line_opening_with_a_headlines_label_is_no_piece() -> None:
    # OCR of a two-line headline, its lines out of order (我国集成电路进口突破3000亿美元！魏少军：产业结构扭曲……)
    text = page(BODY, "军：产业结构扭", "我国集成电路进", "同时需要联网功能", LEAD)
    assert fragments(text).changes == []
    assert removed(fragments(page(BODY, "军产业结构扭", HEAD, LEAD))) == []  # 扭: 57 %, below ends_inside_min
    assert removed(fragments(page(BODY, "魏少军：我国集成电路进", HEAD, LEAD))) == []


@pytest.mark.parametrize("line", ["区人民政府办公室", "区教育局"])
def test_an_organs_name_opening_with_its_administrative_level_stays(line: str) -> None:
    # 区 ends 地区 more often than not, but a line opening with it alone starts a name
    # (starts_name): a notice's signature, not a piece cut after 地
    assert FRAGMENTS.edges.continued(line[0]) >= FRAGMENTS.starts_inside_min  # else starts_name is not needed here
    assert fragments(page("特此通知。", line, "2024年1月20日")).changes == []


def test_a_title_starting_on_a_character_that_ends_words_more_often_than_not_stays() -> None:
    # 静 ends a longer word (安静, 平静) 57 % of the time: no cut strong enough to take a
    # poem's title and author (joined as one heading) for a piece (starts_inside_min)
    assert fragments(page("静夜思李白", "床前明月光，疑是地上霜。举头望明月，低头思故乡。")).changes == []


def test_label_that_repeats_a_whole_segment_of_a_headline_stays() -> None:
    assert fragments(page("回眸2023", "回眸2023：我区商务运行总体平稳", LEAD)).changes == []
    assert fragments(page("石泰峰主持", "抓好外事工作 石泰峰主持", LEAD)).changes == []


def test_fragment_at_the_end_of_the_page_goes() -> None:
    doc = fragments(page(HEAD, LEAD, "石泰峰主持并"))
    assert doc.text == page(HEAD, LEAD)
    assert undo(doc.text, doc.changes) == page(HEAD, LEAD, "石泰峰主持并")


def test_disabled_rule_leaves_its_evidence_out() -> None:
    profile = load_profile("zh-news", disable=["fragment-dangling-end"])
    stage = build_stage(next(s for s in profile.stages if s.name == "fragments"), timeout=2.0)
    doc = stage.run(Document(page(BODY, "自治区第三十", "自治区党委外事", "石泰峰主持并", HEAD, LEAD)))
    assert [(c.before.strip(), c.rule) for c in doc.changes] == [
        ("自治区第三十", "fragment-cut-word"), ("自治区党委外事", "fragment-headline-piece")]
    assert "ordinal" not in doc.changes[0].note


@pytest.mark.parametrize(
    ("span", "cut"),
    [((0, 4), True), ((0, 19), False), ((20, 25), False), ((20, 23), True), ((3, 8), True)],
)
def test_cuts_segment(span: tuple[int, int], cut: bool) -> None:
    assert cuts_segment(HEAD, *span) is cut


@pytest.mark.parametrize("path", GOLD, ids=lambda p: p.stem[:3])
def test_gold_is_a_fixed_point(path) -> None:
    assert fragments(path.read_text(encoding="utf-8")).changes == []


def test_sample_000_loses_exactly_its_two_fragments(cleaner) -> None:
    result = cleaner.clean(SAMPLES[0].read_text(encoding="utf-8"))
    assert [c.before.strip() for c in result.changes if c.stage == "fragments"] == ["自治区第三十", "石泰峰主持并"]


@pytest.mark.parametrize("path", SAMPLES[1:], ids=lambda p: p.stem[:3])
def test_other_samples_lose_nothing(cleaner, path) -> None:
    result = cleaner.clean(path.read_text(encoding="utf-8"))
    assert [c for c in result.changes if c.stage == "fragments"] == []


@pytest.mark.parametrize(
    ("key", "value"),
    [("max_chars", "16"), ("keep_patterns", ["(unclosed"]), ("bare_ordinal", 3), ("min_chars", True)],
)
def test_bad_params_are_rule_errors(key: str, value: object) -> None:
    with pytest.raises(RuleError, match=key):
        build_stage(CONFIG.with_settings(**{key: value}), timeout=2.0)
