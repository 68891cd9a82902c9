"""Line roles (cleanup/roles.py): read from clean text and from the pages extractors write."""

from __future__ import annotations

import pytest
from conftest import DATA, DEVSET_IDS, devset_page, devset_structure
from hypothesis import given, settings
from hypothesis import strategies as st

from cleanup.articles import cuts_word
from cleanup.roles import (
    Role,
    assign_roles,
    balanced,
    first_unit_width,
    folio_before_credit,
    folio_runs,
    heading_shaped,
    lone_one_dash,
    own_roles,
    printed_width,
    read_page,
    roles_by_type,
)
from cleanup.shape import load_shape


# --- clean text: one paragraph per line ------------------------------------------


@pytest.mark.parametrize(("line", "role"), [
    ("本报记者 王磊", Role.BYLINE),
    ("□本报记者 郑学良 王雅静", Role.BYLINE),
    ("口新华社记者 顾忠英", Role.BYLINE),  # OCR reads □ as 口
    ("本报记者 吕雅蒙唐忠", Role.BYLINE),  # two names OCR read with no blank between them
    ("口本报记者 郑平琳魏忠", Role.BYLINE),
    ("器本报通讯员 史杰蒙", Role.BYLINE),  # OCR reads a bullet as any character before the paper's name
    ("转新华社记者 陆杰", Role.BYLINE),
    ("围本报记者“”刘萍鹏", Role.BYLINE),
    ("本报记者“”邓萍雪。” 张宇蠢", Role.BYLINE),  # OCR read the blanks as quotes, one after a full stop
    ("本报记者“”邓萍雪。”张宇蠢", Role.BYLINE),  # and so once debris took the blank after the quote
    ("本报记者 波 刘玉亮", Role.BYLINE),  # OCR left one character of the first name
    ("本报讯（记者 云静）2月11日上午，会议召开。", Role.DATELINE),
    ("新华社北京1月7日电 2022年1月7日，国家主席习近平向哈萨克斯坦总统托卡耶夫致口信。", Role.DATELINE),
    # OCR reads a date's 1 as ]: the raw line is a dateline all the same (normalize mends the text)
    ("本报]月27日讯〈记者 崔娜)", Role.DATELINE),
    ("本报1]月7日讯〈记者 戴安) ]月", Role.DATELINE),
    ("新华社北京]月27日电 ”她转", Role.DATELINE),
    ("责任编辑：王五", Role.CREDIT),
    ("（李海珍）", Role.CREDIT),
    ("本报记者 王磊 摄", Role.CREDIT),
    ("程燕 ”摄", Role.CREDIT),  # OCR reads the blank before 摄 as a quote
    ("（文/图 刘玺东 易赛楠）", Role.CREDIT),  # the writer's and the photographer's: credit_by
    ("（文/刘玺东）", Role.CREDIT),
    ("（图／本报记者 张三）", Role.CREDIT),
    ("文/图 本报记者 张三", Role.CREDIT),
    ("市民在广场赏灯。本报记者 王磊 摄", Role.CAPTION),
    ("新材料产业集群正在形成。贺琳波 摄", Role.CAPTION),
    ("则在各个市场都不相同。石蕾超”摄", Role.CAPTION),  # the vocabulary's credit_after_sentence
    ("编者按：", Role.LABEL),
    ("图片：本报记者 王磊", Role.LABEL),
    ("（下转第2版）", Role.JUMP),
    ("24", Role.PAGE_NUMBER),
    ("- 3 -", Role.PAGE_NUMBER),
    ("人民日报 1998年1月31日 星期六 第1版 副刊", Role.FOLIO),
    ("", Role.BLANK),
])
def test_a_line_that_shows_its_role(line, role):
    assert assign_roles([line]) == [role]


@pytest.mark.parametrize("line", ["据本报记者 王磊", "向新华社记者 陆杰"])
def test_a_word_a_sentence_goes_on_with_is_no_bullet_before_a_byline(line):
    """OCR reads a byline's bullet as any character before the paper's name, but not as a word a
    sentence cut before that name goes on with (byline_bullet)."""
    assert assign_roles([line]) != [Role.BYLINE]
    assert assign_roles([line[1:]]) == [Role.BYLINE]


def test_clean_text_headings_bylines_body():
    lines = ["开新局 起好步 强首府", "", "我市工业投资提质增效发展潜力不断增强", "", "——去年拉动全市投资增长3.3个百分点",
             "", "本报记者 王磊", "", "会议召开。会议指出，要加强合作。", "", "责任编辑：王五"]
    roles = assign_roles(lines)
    assert roles == [Role.HEADLINE, Role.BLANK, Role.HEADLINE, Role.BLANK, Role.SUBHEADLINE, Role.BLANK,
                     Role.BYLINE, Role.BLANK, Role.BODY, Role.BLANK, Role.CREDIT]


def test_a_line_a_character_short_of_its_column_in_a_block_of_body_text_is_body():
    """On a page that indents no paragraph and sets its blocks apart with blank lines (OCR),
    a heading-shaped line a character short of its column, body text right under it in its
    block, is body type (p0037, tesseract: OCR dropped no heading there, the paragraph's
    first line holds no mark); on a page with no blank line (PyMuPDF, p0015) a caption's
    first line so short still heads its caption."""
    ocr = devset_page("p0037", "tesseract").split("\n")
    at = ocr.index("阿司匹林和其他药物会发生互相")
    assert roles_by_type(ocr)[at - 1:at + 2] == [Role.BYLINE, Role.BODY, Role.BODY]
    printed = devset_page("p0015", "pymupdf").split("\n")
    assert roles_by_type(printed)[printed.index("全年工业投资同比增长")] is not Role.BODY


def test_lines_of_a_character_in_a_row_give_no_width_headlines_wrap_at():
    """OCR's reading of a picture, a character a line (炎 | 吕 | 本 | 光), is no headline's
    measure: a headline's tail of a character (引起低肾素性低醛固酮 | 症) stays in its type,
    not a headline of its own under a kicker (issue i02, page 3, tesseract)."""
    raw = (DATA / "issues" / "i02" / "raw" / "tesseract" / "p3.txt").read_text(encoding="utf-8")
    texts = [t for t in raw.split("\n") if t]
    reading = read_page(texts)
    assert all(w > 2 for w in reading.heading_wraps)
    at = texts.index("引起低肾素性低醛固酮")
    assert roles_by_type(texts)[at:at + 2] == [Role.HEADLINE, Role.HEADLINE]


@pytest.mark.parametrize(("text", "want"), [
    ("一学习贯彻党的二十大精神研讨班侧记", True),
    ("一别人问了才回答", True),
    ("一份2015的报告指出", False),  # 一份, 一起, 一流: words
    ("一起向未来", False),
    ("一流城市建设", False),
    ("一一访和林格尔县委书记", False),  # two: dash_led reads them
    ("一学就会", False),  # too short to tell
    ("一是加强组织领导", False),  # a list's first item
])
def test_a_lone_one_is_ocrs_dash_where_it_makes_no_word(text, want):
    assert lone_one_dash(text, cuts_word) is want


@pytest.mark.parametrize(("above", "text", "want"), [
    ("已经喝得酬配配的", "一别人问了才回答", True),
    ("推动城乡规划建设管理统", "一协调发展迈上新台阶", False),  # 统一: a heading wrapped
    ("坚持把人民满意作为唯", "一标准推动民生改善", False),  # 唯一
    ("聚焦全国两会", "一图读懂政府工作报告", False),  # wider than the line over it: a headline under its kicker
])
def test_a_lone_one_is_no_dash_where_it_ends_a_word_of_the_line_over_it_or_is_wider(above, text, want):
    assert lone_one_dash(text, cuts_word, above) is want


@pytest.mark.parametrize("line", ["本报记者 王", "记者 从 市教育局获悉", "本报记者 从 市教育局获悉",
                                  "新华社记者 从 有关部门获悉", "本报记者 一 行人来到",  # no name of two or three
                                  "本报记者 随 队采访", "本报记者 在 现场"])  # a word a sentence goes on with
def test_a_lone_character_is_a_bylines_name_only_before_another(line):
    assert assign_roles([line]) != [Role.BYLINE]


@pytest.mark.parametrize("line", ["本报记者王磊。张强说", "本报记者 王磊。", "本报记者王磊。”张强说", "本报记者 王磊。“你好"])
def test_a_full_stop_in_a_byline_is_no_gap_unless_quote_marks_stand_before_and_after_it(line):
    assert assign_roles([line]) != [Role.BYLINE]


@pytest.mark.parametrize("line", ["本报]", "见[2]1日讯", "本报记者]月"])
def test_a_closing_bracket_is_no_date_digit_outside_a_date(line):
    assert assign_roles([line]) != [Role.DATELINE]


def test_a_heading_over_a_dateline_ocr_misread_is_a_headline():
    """The dateline under a headline, its 1 read as ] (development page p0011, tesseract),
    shows the heading-shaped line over it as a headline, and the line over that as a heading
    of the same stack (its kicker, says the articles view), not a subhead of the body."""
    raw = devset_page("p0011", "tesseract").split("\n")
    at = raw.index("极秘密似的切切的说")
    assert roles_by_type(raw)[at - 2:at + 2] == [Role.HEADLINE, Role.BLANK, Role.HEADLINE, Role.DATELINE]


@pytest.mark.parametrize("text", ["会议召开。", "他说：", "要坚持“扩大总量与提升质量并重”，", "（如氯吡格雷"])
def test_sentences_and_open_brackets_have_no_headline_shape(text):
    assert not heading_shaped(text)


def test_printed_width_squeezes_paired_marks_and_an_opening_mark_at_the_start():
    assert printed_width("会议") == 2
    assert printed_width("》，") == 1.5
    assert printed_width("“好”") == 2.5
    assert printed_width("AHRQ") > 2  # Latin capitals print wider than half a cell


def test_the_first_unit_of_a_line_is_a_word_of_digits_or_letters_with_its_brackets():
    assert first_unit_width("（DAPT）。美国") > first_unit_width("美国")
    assert first_unit_width("2023年，市") > 2
    assert first_unit_width("险。") == 2
    # a number's closing mark alone would end the line before in half a cell
    assert first_unit_width("2019年，全校") == printed_width("2019年") + 0.5
    assert first_unit_width("（MRI）可见") == printed_width("（MRI）")  # its opener counts half already


# --- folios ------------------------------------------------------------------------


def test_a_folio_split_over_lines_is_one_run_and_a_heading_after_it_is_not_in_it():
    lines = ["锡林郭勒日报", "2019年8月20日", "星期二", "第1版", "时政", "记者从教育厅了解到", "——同比增长183.3%"]
    assert folio_runs(lines) == [range(0, 5)]
    lines = ["内蒙古日报", "2020年9月11日", "星期五", "新春走基层", "本报讯（记者 云静）会议召开。"]
    assert folio_runs(lines) == [range(0, 3)]


def test_a_folio_across_ocr_blank_lines():
    assert folio_runs(["2020年7月4日”星期六”社会", "", "3 ”呼和浩特日报", "", "本报记者 苏芳"]) == [range(0, 3)]


def test_a_folio_before_an_editor_credit_on_its_line():
    line = "2024年3月11日 星期一 文化 6 北疆晚报 责任编辑：王五"
    assert line[folio_before_credit(line):].strip() == "责任编辑：王五"
    assert folio_before_credit("责任编辑：王五") == 0
    assert folio_before_credit("会议于2021年11月12日召开。") == 0


def test_every_folio_of_the_development_set_is_found():
    found = 0
    for pid in DEVSET_IDS:
        lines = devset_page(pid).split("\n")
        runs = folio_runs(lines)
        folio = devset_structure(pid)["folio"]["text"]
        pieces = {p for p in folio.replace("\u3000", " ").split(" ") if p}
        found += any(pieces <= {w for k in run for w in lines[k].replace("\u3000", " ").split(" ")} for run in runs)
    assert found == len(DEVSET_IDS)


# --- printed pages: layout -----------------------------------------------------------


def test_a_printed_page_is_read_with_its_column_and_indent():
    reading = read_page(devset_page("p0001").split("\n"))
    assert reading.wrapped
    body = [c for c, r in zip(reading.columns, reading.roles) if r is Role.BODY]
    assert max(set(body), key=body.count) == 14
    assert reading.indent == 2
    assert reading.tolerance == 0.5


def test_clean_text_is_not_read_as_printed_lines():
    lines = (DATA / "gold" / "000_aa24163696705659.txt").read_text(encoding="utf-8").split("\n")
    reading = read_page(lines)
    assert not reading.wrapped and not any(reading.columns)


def test_clean_text_a_paragraph_a_line_with_no_blank_line_is_not_read_as_printed_lines():
    lines = (DATA / "gold" / "000_aa24163696705659.txt").read_text(encoding="utf-8").split("\n\n")
    reading = read_page(lines, wrapped=True)
    assert not reading.wrapped and not any(reading.columns)


def test_lines_that_read_as_paragraphs_get_their_own_roles_and_no_more_when_asked():
    lines = (DATA / "gold" / "000_aa24163696705659.txt").read_text(encoding="utf-8").split("\n\n")
    full = read_page(lines, wrapped=True)
    own = read_page(lines, wrapped=True, own_if_paragraphs=True)
    assert not own.wrapped and not full.wrapped
    assert own.roles == own_roles(lines) != full.roles  # the full reading names headings too
    assert not own.heading_wraps


@pytest.mark.parametrize("headline", ["", "坚持稳中求进工作总基调完整准确全面贯彻新发展理念推动经济社会高质量发展取得新成效"],
                         ids=["no-long-line", "headline-across-columns"])
def test_short_paragraphs_wrapped_in_a_column_are_printed_lines_though_many_lines_end_a_sentence(headline):
    """With a headline set across the columns, as long as body text, the column in the widths decides."""
    paragraphs = ["会议听取了有关情况的汇报，审议通过了工作要点。", "会议强调，要认真抓好各项工作的落实。",
                  "会议还研究了其他事项。", "与会同志进行了认真讨论，提出了意见建议。"] * 3
    lines = [headline] * bool(headline) + [p[i:i + 12] for p in paragraphs for i in range(0, len(p), 12)]
    ends = sum(1 for line in lines if line.endswith("。"))
    assert ends >= 0.3 * len(lines)
    assert (max(map(len, lines)) >= load_shape().long_line) is bool(headline)
    assert read_page(lines, wrapped=True).wrapped


# a short text written a paragraph a line: a headline over body text, a list's items, verse-like
# one-liners of like lengths (a column shows in their widths); no line as long as body text
SHORT_TEXTS = {
    "headline-and-body": ["市政府召开常务会议", "会议听取了全市安全生产工作情况汇报。", "会议强调，要压实责任，守牢安全底线。"],
    "list-items": ["会议明确了今年的重点工作，包括：", "一、开展隐患排查；", "二、组织应急演练；", "三、加强值班值守。"],
    "one-liners-in-a-column": ["会议听取了全市安全生产工作情况汇报。", "会议强调，要压实责任，守牢安全底线。",
                               "各地要加强隐患排查，及时消除安全风险。", "要加强值班值守，确保信息畅通。",
                               "农业生产保持稳定，粮食产量再创新高。", "城乡居民收入稳步增长，就业形势稳定。"],
}


@pytest.mark.parametrize("name", SHORT_TEXTS)
def test_a_short_text_a_paragraph_a_line_is_paragraphs_where_its_widest_lines_end_sentences(name):
    """No line as long as body text, or a column in the widths: the lines that fill the
    column (with none, the widest) all end a sentence or a clause, as a column's do only by chance."""
    lines = SHORT_TEXTS[name]
    assert max(map(len, lines)) < load_shape().long_line
    assert not read_page(lines, wrapped=True).wrapped


@pytest.mark.parametrize("lines", [
    # a snippet of a column (development page p0014, pymupdf): a full line goes on, the widest ends a
    # sentence by chance
    ["上足时间发条，全力跑出招商", "引资“加速度”，努力在招商", "战场上抢占先机。", "要“质量为王”。招商引",
     "资既要盯数量，更要盯质量。"],
    # a headline, a byline and a credit cut over two lines (para-join-wrap): the widest line ends none
    ["席习近平向哈萨克斯坦总", "统托卡耶夫致口信。", "王莉霞说，同饮黄河水，共", "谋新发展。", "本报记者 尹蕾 通讯员 唐丽琳", "摄"],
    # a dateline alone on its line: its sentence goes on at the next line
    ["新华社北京3月30日电", "“市委十三届七次全会暨全市经济工作会议精神，要认真学习领会。”", "新华社广州12月6日电",
     "（记者 宋静）1763年，会议召开。"],
], ids=["column-snippet", "credit", "dateline"])
def test_few_printed_lines_stay_printed_lines_though_many_end_a_sentence(lines):
    assert read_page(lines, wrapped=True).wrapped


def test_a_line_short_of_its_column_and_a_full_one():
    lines = ["阿司匹林是治疗急性风湿热", "所引起的发热和关节痛的一线药", "物。这种疗法的疗程通常为一两",
             "星期，一般不会更长。发热和疼", "痛缓解后就不用再服药了，因为", "它不能减少心脏并发症和风湿性",
             "心脏瓣膜病后遗症的发生率。萘", "普生的药效和阿司匹林相当，毒", "林预防大肠癌。", "一些人认为，对患癌风险一"]
    reading = read_page(lines, wrapped=True)
    assert reading.fills(1, lines[2]) and not reading.short(1, lines[2])
    assert reading.short(8, lines[9])
    assert reading.indented(0, lines[1]) and reading.indented(9)


def test_a_short_line_before_a_word_that_did_not_fit_fills_its_column():
    lines = ["采用这种疗法的时间和指征有着"] * 6 + ["不同的指导方针。美国建议", "DAPT治疗至少持续12个月，而"]
    reading = read_page(lines, wrapped=True)
    assert reading.fills(6, lines[7])
    assert not reading.fills(6, "治疗至少持续")


def test_a_headline_wrapped_in_its_column_and_the_byline_after_it():
    lines = ["碳基新材料等产业发展壮大。", "贺海东拜访国家气象", "信息中心", "本报记者 苏芳", "在与国家气象信息中心党委",
             "书记、主任肖文名交流时贺海东", "说，感谢国家气象信息中心对呼", "和浩特市以及内蒙古和林格尔新",
             "区的信任和支持。呼和浩特市正", "在依托全国八大算力网络国家枢"]
    roles = read_page(lines, wrapped=True).roles
    assert roles[1:4] == [Role.HEADLINE, Role.HEADLINE, Role.BYLINE]
    assert roles[4:] == [Role.BODY] * 6


def test_a_paragraphs_indented_first_line_is_no_headline():
    lines = ["限，建议该药仅用作二线治疗。", "她转了几个圆圈，终于没有", "事情做，只得疑惑的走开。她在",
             "这一天可做的事是不过坐在灶下", "烧火。", "近年来，呼和浩特市重点培", "育了以中环光伏、华耀光电为龙",
             "头的光伏材料生产企业，已形成", "产规模，产值达到百亿元以上，"]
    roles = read_page(lines, wrapped=True).roles
    assert Role.HEADLINE not in roles


def test_a_stack_of_headlines_set_across_columns_is_no_caption():
    body = ["建设运营和企业发展壮大提供了", "强有力的服务保障。旭阳集团将", "继续推动向呼和浩特市的业务布"] * 3
    heads = ["贯彻落实市委十三届七次全会精神暨全市经济工作会议精神", "自治区十三届人大常委会第三十三次会议", "开幕 石泰峰主持"]
    roles = read_page(body + heads + ["新华社北京8月19日", "电　会前，中心组成员进行了"] + body, wrapped=True).roles
    assert roles[9:12] == [Role.HEADLINE] * 3
    # a caption's lines hold no mark either, but its last line ends a sentence
    caption = ["立春刚过北京西郊的中央党校校园里", "学习贯彻党的二十大精神的研讨班", "如期开班。"]
    roles = read_page(body + caption + body, wrapped=True).roles
    assert roles[9:12] == [Role.CAPTION] * 3


def test_headings_are_named_by_the_type_they_are_set_in():
    lines = devset_page("p0003").split("\n")
    typeset = dict(zip((t.strip() for t in lines), roles_by_type(lines)))
    # set smaller than the headline under them (it wraps at 7): the kicker, with its tail
    assert [typeset[t] for t in ("阎罗大王只好把你锯", "开来", "连精神也更不济", "了")] == \
        [Role.KICKER, Role.KICKER, Role.HEADLINE, Role.HEADLINE]
    assert [typeset[t] for t in ("究竟有没有魂灵的", "四婶也就不再提")] == [Role.KICKER, Role.HEADLINE]
    # filling its column between body lines: a subhead of the body
    lines = devset_page("p0015").split("\n")
    typeset = dict(zip((t.strip() for t in lines), roles_by_type(lines)))
    assert typeset["水杨酸中的羟基替换为酯"] is Role.SUBHEAD
    # the paragraphs stage's reading is not changed
    assert Role.KICKER not in read_page(lines).roles


def test_a_headline_line_a_unit_short_of_the_measure_names_no_kicker():
    """A page whose headlines wrap at 8 cells, some lines a unit short of it (放宽城投债发行 under a
    line of 7): a headline's first line as wide as the measure, over a line of 7, is in the
    headline's type, not a kicker in smaller type (fresh news, 刘姝威：严惩违法 | 做空中国股市者)."""
    body = ["建设运营和企业发展壮大提", "供了强有力的服务保障。旭", "阳集团将继续推动。"]
    heads = [["全区招商引资工作", "会议在首府召开"], ["工业投资提质增效", "发展潜力不断增强"],
             ["首府持续优化营商", "环境成效明显"], ["发改委出台新规", "放宽城投债发行", "支持工程"],
             ["稳就业：三项措施", "今起在全区实施"]]
    lines = [line for head in heads for line in body + head + ["本报记者 王磊"]] + body
    typeset = roles_by_type(lines)
    named = {line: typeset[k] for k, line in enumerate(lines) if line in {t for head in heads for t in head}}
    assert named["全区招商引资工作"] is named["稳就业：三项措施"] is Role.HEADLINE


def test_the_stack_that_opens_a_page_is_not_named_by_type():
    """The lead's stack, right under the folio, is set across the columns: 商贸流通体系加快完善
    holds more characters than the page's headlines in a column wrap at, yet it is the
    headline under its kicker, not a sub-headline (development page p0026)."""
    lines = devset_page("p0026").split("\n")
    assert roles_by_type(lines)[1:3] == [Role.HEADLINE, Role.HEADLINE]


def test_clean_text_headings_are_not_named_by_type():
    lines = (DATA / "gold" / "000_aa24163696705659.txt").read_text(encoding="utf-8").split("\n")
    assert roles_by_type(lines) == read_page(lines).roles


def test_lines_wider_than_their_column_are_a_caption():
    body = ["建设运营和企业发展壮大提供了", "强有力的服务保障。旭阳集团将", "继续推动向呼和浩特市的业务布"] * 3
    caption = ["立春刚过，北京西郊的中央党校校园", "里，学习贯彻党的二十大精神研讨班", "如期开班。"]
    roles = read_page(body + caption + body, wrapped=True).roles
    assert roles[9:12] == [Role.CAPTION] * 3


def test_headlines_and_bylines_of_printed_pages_are_read():
    """On PyMuPDF's pages: the first line of nearly every headline and every byline get their role."""
    bylines_read = bylines = heads_read = heads = 0
    for pid in DEVSET_IDS:
        lines = devset_page(pid).split("\n")
        roles = read_page(lines).roles
        st = devset_structure(pid)
        stripped = [ln.strip().replace("\u3000", " ").lstrip("□■●◆") for ln in lines]
        for a in st["articles"]:
            if a["byline"]:
                at = [k for k, ln in enumerate(stripped) if len(ln) >= 4 and a["byline"].startswith(ln)]
                bylines += 1
                bylines_read += bool(at) and roles[at[0]] is Role.BYLINE
            at = [k for k, ln in enumerate(stripped) if len(ln) >= 4 and a["headline"].startswith(ln)]
            heads += 1
            heads_read += bool(at) and roles[at[0]] in (Role.HEADLINE, Role.SUBHEADLINE, Role.KICKER)
    print(f"bylines {bylines_read}/{bylines}, headlines {heads_read}/{heads}")
    assert bylines_read >= 0.95 * bylines
    assert heads_read >= 0.85 * heads


def test_a_heading_line_ending_on_a_function_word_takes_the_next_line_as_its_tail():
    """The line after a heading line that ends on one of the vocabulary's ``function_end``
    (的) is the rest of the heading; after 是, which is not one of them, it is body text
    (pdftotext, development page p0012: 创建“无废城市”是|提升城市整体形象和生态)."""
    lines = devset_page("p0012", "pdftotext").split("\n")
    at = lines.index("创建“无废城市”是")
    assert read_page(lines, wrapped=True).roles[at + 1] is Role.BODY
    lines[at] = "创建“无废城市”的"
    assert read_page(lines, wrapped=True).roles[at + 1] is Role.HEADLINE


def test_a_line_whose_next_line_opens_with_the_end_of_its_sentence_is_no_headline():
    """一是加快建设现代化产业 has a heading's shape and stops short of the column, but the next
    line opens with the rest of its sentence (体系。), as it would with the rest of a word
    (tesseract, development page p0027)."""
    lines = devset_page("p0027", "tesseract").split("\n")
    at = lines.index("一是加快建设现代化产业")
    assert lines[at + 1].startswith("体系。")
    assert read_page(lines, wrapped=True).roles[at] is Role.BODY


def plain_balanced(text: str) -> bool:
    depth = 0
    for c in text:
        if c in "“‘「『（(《【〈":
            depth += 1
        elif c in "”’」』）)》】〉":
            depth -= 1
            if depth < 0:
                return False
    return depth == 0


@given(st.text(alphabet="“‘「『（(《【〈”’」』）)》】〉甲 ，", max_size=12))
@settings(max_examples=500, deadline=None)
def test_a_line_is_balanced_as_counting_its_brackets_says(text):
    """The quick pass of a line holding no bracket nor quote decides as the count does."""
    assert balanced(text) is plain_balanced(text)


def test_a_line_a_cell_wider_than_its_column_under_a_full_body_line_is_body_set_tight():
    """A single heading-shaped line that prints a cell wider than its column, under a body line
    that fills the column and ends no sentence, is that paragraph's next line set tight, not a
    headline set across columns (development page p0021: …美国和欧盟对术后 | 采用这种疗法的
    时间和指征有着 | 不同的指导方针。); a line wider still, or one after a sentence's end, is."""
    body = ["建设运营和企业发展壮大提供了", "强有力的服务保障。旭阳集团将", "继续推动向呼和浩特市的业务布"] * 3
    tight = body + ["局，深入分析当前我区外事工作", "采用这种疗法的时间和指征存在着", "不同的指导方针。美国建议中信"] + body
    assert read_page(tight, wrapped=True).roles[10] is Role.BODY
    wider = body + ["局，深入分析当前我区外事工作", "采用这种疗法的时间和指征存在着差异", "不同的指导方针。美国建议中信"] + body
    assert read_page(wider, wrapped=True).roles[10] is Role.HEADLINE
    after_stop = body + ["局，深入分析当前我区外事工。", "采用这种疗法的时间和指征存在着", "不同的指导方针。美国建议中信"] + body
    assert read_page(after_stop, wrapped=True).roles[10] is Role.HEADLINE
    lines = devset_page("p0021").split("\n")
    (row,) = [i for i, t in enumerate(lines) if t == "采用这种疗法的时间和指征有着"]
    assert read_page(lines).roles[row] is Role.BODY


def test_a_short_heading_line_opening_an_ocr_block_over_a_heading_line_is_its_first_line():
    """A heading-shaped line after a blank line, short of its column, right over a heading line
    no wider, is that heading's first line, whatever the body text before the blank line leaves
    open (development page p0016, tesseract: …也就有这么大 || 2023年我区商务 | 运行总体平稳)."""
    lines = devset_page("p0016", "tesseract").split("\n")
    row = lines.index("2023年我区商务")
    roles = read_page(lines).roles
    assert roles[row - 1 : row + 2] == [Role.BLANK, Role.HEADLINE, Role.HEADLINE]
    body = ["别的事，如小篮，豆，别", "人的孩子上，引出她的阿", "毛的故事来。倘一看见两", "三岁的小孩子，她就说：",
            "“唉唉，我们的阿毛如果", "还在，也就有这么大", ""]
    after = ["近日，市政府与中国交", "通银行举行线上签约仪", "式，标志着中国交通银", "行数据中心项目落地。"]
    assert read_page(body + ["2023年我区商务", "运行总体平稳"] + after, wrapped=True).roles[7] is Role.HEADLINE


def test_a_dash_led_line_a_cell_wider_than_its_column_is_no_body_line_set_tight():
    """A line led by a dash (——访…) is a sub-headline's, never a body line set tight: under a body
    line that fills the column and ends no sentence, a cell or two wider than its column, it is no
    paragraph's next line (_set_tight)."""
    body = ["建设运营和企业发展壮大提供了", "强有力的服务保障。旭阳集团将", "继续推动向呼和浩特市的业务布"] * 3
    page = body + ["局，深入分析当前我区外事工作", "——访和林格尔县委书记李六小同", "不同的指导方针。美国建议中信"] + body
    assert read_page(page, wrapped=True).roles[10] is not Role.BODY


# a printed page: body lines of twenty characters, a headline in larger type wrapping at eight
_BODY_OVER = ["会议强调，要坚持稳中求进工作总基调，完整", "准确全面贯彻新发展理念，加快构建新发展格",
              "局，推动高质量发展，全面建设社会主义现代", "化国家，奋力书写中国式现代化新篇章。"]
_BODY_UNDER = ["她甚至发誓说“我会一直做下去的，直到我再", "也做不动了，只能坐在轮椅上”。现在，她每",
               "周在水中训练两次，经过长时间的训练，她已", "经可以在水下屏住呼吸2分35秒了。"]


def test_a_headline_whose_lines_hold_marks_is_read_from_its_measure():
    """Lines of a headline in larger type, marks and all (，！), each as wide, short of the column,
    the last no wider: one heading, its lines wrapping onto each other (fresh pages, PyMuPDF)."""
    heading = ["英国美女在殡仪馆", "工作太痛苦，转行", "当美人鱼！每小时", "收入近千元"]
    lines = _BODY_OVER + heading + ["本报记者 王磊"] + _BODY_UNDER
    reading = read_page(lines)
    at = len(_BODY_OVER)
    assert reading.roles[at:at + 4] == [Role.HEADLINE] * 4
    assert reading.heading_runs == frozenset({at, at + 1, at + 2})


@pytest.mark.parametrize("under", [["新华社北京4月25日电 会议召开。"], ["——直至把能去的地方"]])
def test_a_heading_run_whose_lines_ocr_set_a_blank_line_apart(under):
    """OCR sets a blank line between the lines of a large type: the lines of a headline holding
    marks, one blank line apart, each as wide, are one run all the same, over a dateline or heading."""
    heading = ["阿里发布最强芯片", "", "发布会：性能吊打", "", "同行，一块顶十块", "", "芯片"]
    lines = _BODY_OVER + [""] + heading + [""] + under + _BODY_UNDER
    at = len(_BODY_OVER) + 1
    reading = read_page(lines)
    assert reading.heading_runs == frozenset({at, at + 2, at + 4})
    assert all(reading.roles[at + k] is Role.HEADLINE for k in (0, 2, 4, 6))


def test_a_spaced_heading_run_goes_on_onto_a_tail_right_under_its_last_line():
    """A run whose lines OCR set a blank line apart, its last line wrapping onto a tail of a
    character or two with no blank line between (每小时收入近千 | 元, fresh pages): the tail is the
    run's last line, and the run a headline over the dateline."""
    heading = ["英国美女在殡仪", "", "馆工作太痛苦，", "", "转行当美人鱼！", "", "每小时收入近千", "元"]
    lines = _BODY_OVER + [""] + heading + ["", "新华社北京4月25日电 会议召开。"] + _BODY_UNDER
    at = len(_BODY_OVER) + 1
    reading = read_page(lines)
    assert reading.heading_runs == frozenset({at, at + 2, at + 4, at + 6})
    assert all(reading.roles[at + k] is Role.HEADLINE for k in (0, 2, 4, 6, 7))


def test_a_spaced_heading_run_with_its_tail_may_end_the_page():
    """The tail right under a spaced run's last line may be the page's last line: the run's lines
    are each tested against the line that follows them in the run, the tail too, and none past it."""
    heading = ["英国美女在殡仪", "", "馆工作太痛苦，", "", "转行当美人鱼！", "", "每小时收入近千", "元"]
    lines = _BODY_UNDER + _BODY_OVER + _BODY_UNDER + _BODY_OVER + [""] + heading
    at = len(lines) - len(heading)
    reading = read_page(lines)
    assert reading.heading_runs == frozenset({at, at + 2, at + 4, at + 6})
    assert all(reading.roles[at + k] is Role.HEADLINE for k in (0, 2, 4, 6, 7))


def test_a_heading_run_goes_on_onto_a_line_its_blank_made_wider():
    """A run's next line need not stop as far short of the column as its first, only fill the run's
    measure: OCR read a blank into 知识普及月 金融, and it goes on with the run all the same."""
    over = ["会议强调，要坚持稳中求", "进工作总基调，完整准确", "全面贯彻新发展理念，加", "快构建新发展格局。"]
    under = ["她甚至发誓说我会一直做", "下去的，直到我再也做不", "动了，只能坐在轮椅上。", "现在，她每周训练两次。"]
    heading = ["常德市金融系统", "", "积极开展“金融", "", "知识普及月 金融", "", "知识进万家”活", "动"]
    lines = over + [""] + heading + ["", "新华社北京4月25日电"] + under
    at = len(over) + 1
    reading = read_page(lines)
    assert reading.heading_runs == frozenset({at, at + 2, at + 4, at + 6})


def test_lines_a_blank_line_apart_that_end_no_run_are_no_heading_run():
    """Short lines a blank line apart with body text under the last, as wide as the others: the
    headline may go on, or they are a list's; no run."""
    short = ["阿里发布最强芯片", "", "发布会：性能吊打", "", "同行，一块顶十块"]
    assert not read_page(_BODY_OVER + [""] + short + [""] + _BODY_UNDER).heading_runs


@pytest.mark.parametrize(("heading", "run"), [
    (["停牌、增持、补", "仓：大小股东达成", "护盘”共识"], True),  # the opening quote lost
    (["停牌、增持、补", "仓：大小“股东”达", "护盘”共识"], True),
    (["停牌、增持、补", "仓：大小股东达成", "护盘””共识"], False),  # two marks: no one lost mark
])
def test_a_heading_run_whose_opening_quote_ocr_lost_is_a_headline_over_a_byline(heading, run):
    """A headline's quote closed but never opened (OCR lost its “: 仓：大小股东达成 | 护盘”共识), over a
    byline after a blank line: a headline all the same, as with a closing quote lost."""
    lines = _BODY_OVER + [""] + heading + ["", "本报记者 王磊"] + _BODY_UNDER
    at = len(_BODY_OVER) + 1
    assert (read_page(lines).heading_runs == frozenset({at, at + 1})) is run


@pytest.mark.parametrize(("under", "run"), [(["本报记者 王磊"], True), ([], False)])
def test_a_heading_run_whose_closing_quote_ocr_lost_is_a_headline_over_a_byline(under, run):
    """A headline's quote opened and never closed (OCR lost its ”: 开展“金融知识普 | 月 金融知识进万家):
    over a byline or dateline, after a blank line, the run is a headline all the same; with body
    text under it, an open quote is a sentence's that goes on."""
    heading = ["常德市金融系统积极", "开展“金融知识普", "月 金融知识进万家", "活动"]
    lines = _BODY_OVER + [""] + heading + [""] + under + _BODY_UNDER
    at = len(_BODY_OVER) + 1
    reading = read_page(lines)
    assert (reading.heading_runs == frozenset({at, at + 1, at + 2})) is run
    assert (reading.roles[at + 1] is Role.HEADLINE) is run


@pytest.mark.parametrize(("over", "dash", "apart"), [
    ("京东为何不直接公布GMV？", "——成交金额1.6万亿元", True),
    ("京东为何不直接公布GMV？", "——成交金额1.6万亿元同比增长了百分之二十", False),  # fills its column: body
    ("京东为何不直接公布GMV，", "——成交金额1.6万亿元", False),  # ends open: body text going on
])
def test_a_line_with_marks_over_a_dash_led_line_is_a_headline_and_its_sub_headline(over, dash, apart):
    """A line with a headline's marks starting a paragraph, right over a short dash-led line of a
    heading's shape: headline and sub-headline; not over a dash-led line that fills its column."""
    lines = _BODY_OVER + [over, dash] + _BODY_UNDER
    at = len(_BODY_OVER)
    roles = read_page(lines).roles
    assert (roles[at:at + 2] == [Role.HEADLINE, Role.SUBHEADLINE]) is apart


@pytest.mark.parametrize(("line", "headline"), [
    ("任正非有哪四把榔头？", True),
    ("这一轮行情到底谁来买单？谁也说不清楚了吧", False),  # as wide as its column: a body line
])
def test_a_short_line_with_marks_starting_a_paragraph_over_a_dateline_is_a_headline(line, headline):
    """A line with a headline's marks after a sentence's end, short of its column, right over a
    dateline: a headline, not the last line of the paragraph before."""
    lines = _BODY_OVER + [line, "新华社北京5月10日电（记者 谭蕾桂）可是，光"] + _BODY_UNDER
    assert (read_page(lines).roles[len(_BODY_OVER)] is Role.HEADLINE) is headline


@pytest.mark.parametrize("short", [
    ["他为什么这样做？大", "家都说不清楚。我们", "只好等待他的消息"],  # a full stop: no headline holds one
    # two lines, the second narrower, cutting no word, body text under them: one width tells nothing
    ["他们为什么这样做？", "谁也说不清楚"],
])
def test_short_lines_that_no_headline_reads_like_are_no_heading_run(short):
    """As short as a headline's lines, but holding a full stop, or two lines whose widths show no
    measure with no byline under them: body text (precision first: no body line glued to a headline)."""
    under = ["本报记者 王磊"] if "。" in "".join(short) else []
    reading = read_page(_BODY_OVER + short + under + _BODY_UNDER)
    assert not reading.heading_runs


def test_a_short_paragraph_ending_a_sentence_starts_no_heading_run():
    """A line ending a sentence after a paragraph's end, as wide as the headline under it, is a
    short paragraph of its own (…需的。| 债券市场存在泡沫吗？| 较强冷空气来袭 全国多 | …): not the
    headline's first line, whatever run the lines under it make."""
    heading = ["冷空气来袭，全国多", "地开启“抖抖抖”模", "式"]
    lines = _BODY_OVER + ["市场存在泡沫吗？"] + heading + ["本报记者 王磊"] + _BODY_UNDER
    at = len(_BODY_OVER)
    reading = read_page(lines)
    assert at not in reading.heading_runs and reading.heading_runs == frozenset({at + 1, at + 2})


def test_a_heading_run_whose_last_line_fills_its_measure_needs_a_byline_or_heading_under_it():
    """Lines all as wide, the last too, with lines no wider right under them: the headline may go on,
    or a heading as wide stand under it; over a byline the run ends there (and over a line wider than
    its measure: test_a_heading_run_ends_over_a_line_wider_than_its_measure)."""
    heading = ["棱镜数据业大整顿：", "爬虫与现金贷共生共", "荣，用户信息几元不"]
    under = ["等灰色地带中的爬虫", "一直在做下去的，直", "到做不动了为止。"]
    assert not read_page(_BODY_OVER + heading + under + _BODY_UNDER).heading_runs
    at = len(_BODY_OVER)
    assert read_page(_BODY_OVER + heading + ["本报记者 王磊"] + _BODY_UNDER).heading_runs == frozenset({at, at + 1})


@pytest.mark.parametrize(("under", "role"), [
    (["——这才是真实美好的中国", "新华社记者 邹强晓"], Role.HEADLINE),  # a sub-headline and a byline under it
    (["新华社记者 邹强晓"], Role.HEADLINE),
    ([], Role.CAPTION),  # body text right under it: a caption's line
])
def test_a_wide_line_holding_marks_over_a_byline_or_sub_headline_is_a_headline_set_across(under, role):
    """A line wider than its column, holding marks (？), is a caption's, unless a byline, a dateline or a
    heading stands under it: a headline set across the columns (fresh pages, PyMuPDF)."""
    wide = "姚明对周琦说了啥？周琦上下半场判若两人，中国男篮险胜"
    lines = _BODY_OVER + [wide] + under + _BODY_UNDER
    assert read_page(lines).roles[len(_BODY_OVER)] is role


@pytest.mark.parametrize(("over", "under", "apart"), [
    ([], ["新华社记者 邹强晓"], True),
    ([], ["新华社北京10月25日电"], True),  # a dateline
    (["新华社北京10月25日电"], ["新华社记者 邹强晓"], False),  # no paragraph ended over it: a sentence going on
    ([], [], False),  # no byline under the dash: body text going on
])
def test_a_dash_led_line_over_a_byline_is_a_sub_headline_under_its_headline(over, under, apart):
    """A page's first lines, too few to learn a column from: a line led by a dash, of a heading's shape,
    right over a byline or dateline, is a sub-headline, and the line over it, with marks (？), starting a
    paragraph, its headline (fresh pages, PyMuPDF)."""
    heads = ["姚明对周琦说了啥？周琦上下半场判若两人", "——这才是真实美好的中国"]
    body = ["新京报讯2019年篮球世界杯", "17-32名排位赛，中国男篮以", "77比73战胜韩国队，保住进",
            "军东京奥运会的希望。姚明本", "场并未坐在主席台，而是和球", "队坐在一起。"]
    roles = read_page(over + heads + under + body, wrapped=True).roles
    at = len(over)
    assert (roles[at:at + 2] == [Role.HEADLINE, Role.SUBHEADLINE]) is apart


def test_a_heading_run_is_one_headline_in_one_type_whatever_its_lines_hold():
    """Headlines that wrap at eight characters elsewhere on the page; a run of heading lines holding
    marks, each wrapping onto the next at its own measure (补壹刀：别笑！18 | 人的“新八国联军” |
    今天成立了), is one headline, not a headline over a sub-headline in smaller type (articles view)."""
    run = ["补壹刀：别笑！18", "人的“新八国联军”", "今天成立了"]
    lines, at = _under_headlines_of_eight(_BODY_OVER, _BODY_UNDER, run, "新华社北京9月3日电 会议召开。")
    assert roles_by_type(lines)[at:at + len(run)] == [Role.HEADLINE] * len(run)


def _under_headlines_of_eight(over: list[str], under: list[str], heading: list[str],
                              dateline: str) -> tuple[list[str], int]:
    """A page whose headlines wrap at eight characters, then ``heading`` over ``dateline``, body
    text ``over`` and ``under`` each; and the row ``heading`` starts at."""
    lines = (over + ["四川内江召开全市", "经济工作会议", "本报记者 王磊"] + under
             + ["全省春耕生产全面", "展开进度快于往年", "本报记者 李强"] + over + heading + [dateline] + under)
    return lines, len(lines) - len(under) - len(heading) - 1


# a page's first lines: a heading of two lines, then body text in a column of thirteen
_PARK_HEADING = ["为什么中国的公园如此有人", "气？"]
_PARK_TEXT = ("说明越来越多的中国人爱上了体育锻炼，另一方面也说明公园的设施越来越完善，值得大家称赞。公园里有跑步"
              "的人，也有跳舞的人，还有下棋的老人和放风筝的孩子，处处是热闹的景象，让外国游客感到十分新奇。")
_PARK_BODY = [_PARK_TEXT[i:i + 13] for i in range(0, len(_PARK_TEXT), 13)]


def test_a_heading_line_of_latin_letters_is_not_read_as_smaller_type_by_its_count():
    """A heading line holding Latin letters and digits (华为Mate20X 5G版) counts as many characters as
    a body line, and prints no wider than the page's headlines: its width, not its count, tells its
    type, and it is the headline's first line, not a kicker (articles view, fresh pages)."""
    heading = ["华为Mate20X 5G版", "半天不到需充电 耗", "电制约5G芯片"]
    lines, at = _under_headlines_of_eight(_PARK_BODY, _PARK_BODY, heading, "新华社西安4月25日电 会议召开。")
    assert roles_by_type(lines)[at:at + len(heading)] == [Role.HEADLINE] * len(heading)


def test_a_heading_run_ends_over_a_line_wider_than_its_measure():
    """A run of heading lines whose last line fills its measure too, over a line wider than that
    measure (body text in smaller type: 据悉，随着手机的普及，): no line of the headline is wider
    than the measure it wraps at, so the run ends there, with no byline under it (fresh pages)."""
    run = ["日本最后一家传呼", "机公司停止服务，", "殡仪馆为BB机送终"]
    ended = _PARK_BODY[:-1] + ["让外国游客感到十分新奇。"]
    lines = ended + run + _PARK_BODY
    at = len(ended)
    assert read_page(lines, wrapped=True).heading_runs == frozenset({at, at + 1})


@pytest.mark.parametrize(("top", "roles"), [
    (["中国人习以为常的地方 为何老外却说“了不得”？"], [Role.HEADLINE]),
    (["英国美女在殡仪馆工作太痛苦，转行当美人鱼！每小时收入", "近千元"], [Role.HEADLINE, Role.HEADLINE]),  # its tail
    (["北京市民在公园里锻炼身体，外国游客纷纷拍照留念。"], [Role.CAPTION]),  # a sentence: a caption's
])
def test_a_wide_line_with_a_headlines_marks_opening_the_page_is_a_headline(top, roles):
    """The page's first line, wider than its column, with a headline's marks (？！, quotes) and no full
    stop, is a headline set across the columns, and a word or two under it its tail (fresh pages)."""
    reading = read_page(top + _PARK_HEADING + _PARK_BODY, wrapped=True)
    assert reading.roles[:len(top)] == roles
    folio = ["2019年10月26日 星期六 第8版 文化"]  # only furniture over it: the articles view reads it so
    assert read_page(folio + top + _PARK_HEADING + _PARK_BODY, wrapped=True).roles[1:len(top) + 1] == roles


@pytest.mark.parametrize(("line", "tail", "headline"), [
    ("复盘惊魂一周：众大佬轮番力战A股市场的连日“瀑", "布跌”", True),
    ("复盘惊魂一周：众大佬轮番力战A股市场的连日“瀑", "布跌”，市场又如何", False),
    ("复盘惊魂一周：众大佬轮番力战A股市场的连日，", "新高", False),  # no quotation the tail closes
])
def test_wide_heading_lines_whose_quote_a_tail_closes_over_a_dateline_are_headlines(line, tail, headline):
    """A kicker and a headline set across the columns, the headline's quotation closed by a tail
    on the line under it (…力战A股“瀑 | 布跌”), over a dateline: headings, not a caption; a
    longer tail with a comma is a caption's sentence going on."""
    ended = _BODY_OVER[:3] + ["化国家，奋力书写中国式现代化新篇章。"]
    heads = ["产业资本持续离场 半年两市大股东套现4774亿元整", line, tail]
    lines = ended + heads + ["新华社成都7月26日电（记者 金辉雅）而对于"] + _BODY_UNDER
    roles = read_page(lines).roles[len(ended):len(ended) + 3]
    assert (roles == [Role.HEADLINE] * 3) is headline


def test_wide_lines_holding_marks_that_end_the_page_are_read():
    """A run of wide lines with a headline's marks as the page's last lines: no line after them to
    read as a tail (the page's end is no index past it)."""
    ended = _BODY_OVER[:3] + ["化国家，奋力书写中国式现代化新篇章。"]
    wide = ["产业资本持续离场，半年两市大股东套现4774亿元整", "复盘惊魂一周：众大佬轮番力战A股市场的连日暴跌"]
    assert len(read_page(_BODY_OVER + ended + wide).roles) == len(_BODY_OVER + ended) + 2


def test_a_wide_line_holding_marks_after_text_going_on_is_no_headline():
    """A reader that runs columns together writes wide lines after text that goes on (no sentence's
    end, a caption's line): such a line over a dateline is no headline set across the columns."""
    body = ["会议强调，要坚持稳中求进工", "作总基调，完整准确全面贯彻", "新发展理念，加快构建新发展",
            "格局，推动高质量发展，全面"]
    over = body + ["我市云春雷获评工 在哈萨克斯坦制造动荡、策", "动“颜色革命”，坚决反对"]
    wide = "作表现突出个人 任何破坏中哈友好、干扰两"
    lines = over + [wide, "新华社北京2月22日电 国合作的企图。作为兄弟邻"] + body
    assert read_page(lines).roles[len(over)] is Role.CAPTION
    # after a paragraph's end, the same line over the dateline is a headline set across
    ended = body[:3] + ["格局，推动高质量发展。"]
    assert read_page(ended + [wide, "新华社北京2月22日电 国合作的企图。作为兄弟邻"] + body).roles[len(ended)] is Role.HEADLINE


def test_a_heading_run_after_a_full_line_ending_a_sentence():
    """A paragraph may end a sentence on a full line: the lines after it that fill a headline's
    measure are its heading all the same (…有年轻网民表示“没见过也没用过”。| 较强冷空气来袭 全 | …)."""
    over = _BODY_OVER[:3] + ["化国家，奋力书写中国式现代化的崭新篇章。"]
    heading = ["英国美女在殡仪馆", "工作太痛苦，转行", "当美人鱼！每小时", "收入近千元"]
    reading = read_page(over + heading + ["本报记者 王磊"] + _BODY_UNDER)
    assert reading.fills(len(over) - 1)
    assert reading.heading_runs == frozenset(range(len(over), len(over) + 3))


_COLUMN_TEXT = ("近年来，呼和浩特市重点培育了以中环光伏、华耀光电为代表的新能源产业集群，推动经济高质量发展，"
                "首府要大力发展实体经济，加快建设现代化产业体系，积极申报国家级开发区。")


@pytest.mark.parametrize(("heading", "tail", "joins"), [
    (["全市上下这辈子都不会忘记的话"], "这句话", True),  # under a line that fills its column
    (["自治区党委外事工作委", "员会召开第二场新闻"], "发布会", True),  # under a line wrapped from one as wide
    (["自治区党委外事工作委", "员会召开第二场新闻"], "第3版", False),  # not Han only
    (["我的精神家园"], "王小波", False),  # under a title of its own: its author's name
])
def test_a_short_line_under_a_heading_line_is_its_tail(heading, tail, joins):
    """A line of WORD_TAIL Han characters at most under a heading line that fills its column, or
    that wraps from a heading line as wide, is the heading's tail (董永军这辈子都不会忘记 | 这句话,
    …第二场新闻 | 发布会); under a short title of its own it may be the author's name."""
    column = [_COLUMN_TEXT[i : i + 14] for i in range(0, len(_COLUMN_TEXT), 14)]
    rows = column + heading + [tail] + column
    roles = read_page(rows, wrapped=True).roles
    assert roles[len(column) + len(heading) - 1] is Role.HEADLINE
    assert (roles[len(column) + len(heading)] is Role.HEADLINE) is joins


@pytest.mark.parametrize("line", ["受本报记者采访时表示", "受新华社记者采访时"])
def test_a_sentence_going_on_through_a_title_is_no_byline_with_a_bullet(line):
    """A character before the paper's name reads as a bullet only where the title stands apart from
    what follows (器本报通讯员 史杰蒙): a body line that goes on through it (…在接 | 受本报记者采访时表示) is no byline."""
    assert assign_roles([line]) != [Role.BYLINE]
