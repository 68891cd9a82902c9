"""The debris stage: page-jump markers, bullets, photo credits (SPEC 12, 13, 2)."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from cleanup.document import Document, undo
from cleanup.errors import RuleError
from cleanup.shape import lines
from cleanup.pipeline import build_stage
from cleanup.rules import Params, load_profile
from cleanup.pattern_chars import required_chars
from cleanup.numerals import page_number
from cleanup.stages.debris import lines_holding

from conftest import DEVSET, GOLD, SAMPLES

PROFILE = load_profile("zh-news")
STAGES = {s.name: build_stage(s, timeout=2.0) for s in PROFILE.stages}
DEBRIS = next(s for s in PROFILE.stages if s.name == "debris")
MARKERS = next(r for r in DEBRIS.rules if r.id == "marker-page-jump")


def debris(text: str) -> Document:
    return STAGES["debris"].run(Document(text))


def raw_to_debris(text: str) -> Document:
    """A raw page as debris sees it: after normalize."""
    doc = STAGES["normalize"].run(Document(text))
    return STAGES["debris"].run(doc)


# Markers and running text of rule marker-page-jump are its examples in rules/debris.toml.
NOTES = {"〔接第十二版〕": "page 12", "◆转A3版": "page A3", "【下转第二版】": "page 2", "(下转第3版)": "page 3"}


@pytest.mark.parametrize("marker", NOTES)
def test_the_note_gives_the_page_in_ascii_digits(marker: str) -> None:
    [change] = debris(f"正文。\n\n{marker}\n\n标题\n").changes
    assert (change.rule, change.note) == ("marker-page-jump", NOTES[marker])


def test_marker_at_both_ends_of_one_line() -> None:
    doc = debris("（上接第1版）五年来，我们有了新作为。（下转第3版）\n")
    assert doc.text == "五年来，我们有了新作为。\n"
    assert [c.note for c in doc.changes] == ["page 1", "page 3"]


def test_the_bullet_rule_is_searched_only_in_pages_holding_a_bullet() -> None:
    bullets = next(r for r in DEBRIS.rules if r.id == "bullet-line-start")
    assert bullets.needed_chars() == "".join(sorted("■□●◆▲★"))


def test_photo_credit_glued_to_caption_gets_own_paragraph() -> None:
    raw = "吸引了不少市民驻足观看。 本报记者 王磊 摄\n\n六大产业集群\n"
    doc = raw_to_debris(raw)
    assert doc.text == "吸引了不少市民驻足观看。\n\n本报记者 王磊 摄\n\n六大产业集群\n"
    assert undo(doc.text, doc.changes) == raw


def test_photo_credit_wrapped_onto_the_next_line_gets_own_paragraph_whole() -> None:
    """A credit set after a caption's last sentence that OCR wrapped onto the next line
    (development pages p0032, p0038, tesseract) is one paragraph of its own, also after
    the paragraphs stage; a piece of a paper's name or of a person's name before the
    break is left to the paragraphs stage, which joins it to its line."""
    from cleanup import Cleaner

    cleaner = Cleaner()
    raw = "过境中欧班列8000列以上，同比增长9%。 孙佳\n摄\n推进退役军人“一件事一次办”。\n"
    assert cleaner.clean(raw).text == "过境中欧班列8000列以上，同比增长9%。\n\n孙佳 摄\n\n推进退役军人“一件事一次办”。\n"
    raw = "中心组成员进行了认真学习。 本报记者 赵灵\n通讯员 段佳刚 摄\n近年来，呼和浩特市重点培育产业。\n"
    doc = raw_to_debris(raw)
    assert doc.text == "中心组成员进行了认真学习。\n\n本报记者 赵灵 通讯员 段佳刚 摄\n近年来，呼和浩特市重点培育产业。\n"
    assert undo(doc.text, doc.changes) == raw
    for cut in ("力争保持前列。 沈\n浩塞 摄\n", "更要盯质量。 本报\n记者 袁颖 摄\n"):
        assert raw_to_debris(cut).text == cut.replace(" ", "", 1)


def test_sample_000_markers_bullet_and_credit() -> None:
    raw = SAMPLES[0].read_text(encoding="utf-8")
    doc = raw_to_debris(raw)
    assert "下转" not in doc.text and "□" not in doc.text
    assert "驻足观看。\n\n本报记者 王磊 摄\n" in doc.text
    mine = [c for c in doc.changes if c.stage == "debris"]
    assert [c.note for c in mine if c.rule == "marker-page-jump"] == ["page 2"] * 4 + ["page 4"]
    assert undo(doc.text, doc.changes) == raw


@pytest.mark.parametrize("path", SAMPLES, ids=lambda p: p.stem[:3])
def test_samples_lose_every_marker_and_bullet(path) -> None:
    doc = raw_to_debris(path.read_text(encoding="utf-8"))
    assert "上接第" not in doc.text and "下转第" not in doc.text
    assert not any(line and line[0] in "■□●◆▲★" for line in doc.text.splitlines())
    assert STAGES["debris"].run(Document(doc.text)).changes == []


@pytest.mark.parametrize("path", GOLD, ids=lambda p: p.stem[:3])
def test_gold_is_a_fixed_point(path) -> None:
    gold = path.read_text(encoding="utf-8")
    assert debris(gold).changes == []


def test_page_number_reads_chinese_numerals() -> None:
    assert [page_number(p) for p in ("3", "三", "十", "十二", "二十", "二十一", "A3", "百")] == [
        "3", "3", "10", "12", "20", "21", "A3", "百"
    ]


def test_bad_marker_pattern_is_a_rule_error() -> None:
    with pytest.raises(RuleError, match="rule marker-page-jump: params lead is a bad pattern"):
        build_stage(DEBRIS.with_settings(lead="(unclosed"), timeout=2.0)


def test_marker_patterns_tell_the_character_every_marker_holds() -> None:
    params = Params.of_rule(MARKERS, timeout=2.0)
    for key in ("lead", "tail"):  # 皮: OCR's reading of 版 in a marker a bullet or bracket shows
        assert required_chars(params.pattern(key).compiled) == frozenset("版皮")


def test_marker_patterns_of_a_user_rule_file_are_read_for_their_own_characters() -> None:
    """A user's markers say 页, not 版: lines with 页 are still searched."""
    params = {key: MARKERS.params[key].replace("版", "页") for key in ("lead", "tail")}
    stage = build_stage(DEBRIS.with_settings(**params), timeout=2.0)
    assert stage.run(Document("正文。\n\n■下转第2页\n\n标题（上接第1页）\n")).text == "正文。\n\n标题\n"


def test_marker_patterns_without_a_known_character_search_every_line() -> None:
    params = {key: "(?i)" + MARKERS.params[key] for key in ("lead", "tail")}
    stage = build_stage(DEBRIS.with_settings(**params), timeout=2.0)
    assert stage.run(Document("正文。\n\n■下转第2版\n\n标题\n")).text == "正文。\n\n标题\n"


@given(st.text(alphabet="ab版\n", max_size=40))
@settings(max_examples=300, deadline=None)
def test_lines_holding_a_hint_are_the_lines_holding_one_of_its_characters(text: str) -> None:
    assert lines_holding(text, "b版") == [line for line in lines(text) if "版" in line.text or "b" in line.text]
    many = "b版cdefghij"  # more characters than str.find looks for one by one
    assert lines_holding(text, many) == [line for line in lines(text) if set(many) & set(line.text)]
    assert lines_holding(text, "") == lines(text)


# --- page furniture (SPEC 19) -----------------------------------------------------

@pytest.mark.parametrize("reader", ["pymupdf", "pdfminer"])
def test_every_folio_of_the_development_set_goes_as_one_change_that_reads_as_it(reader) -> None:
    """The whole profile on each page: one furniture-folio change, whose text before is
    the folio parse_folio reads as the structure says, and nothing of gold removed."""
    import json

    from cleanup import Cleaner
    from cleanup.folio import Folio, parse_folio

    cleaner = Cleaner()
    right = 0
    pages = sorted((DEVSET / "structure").glob("*.json"))
    for page in pages:
        folio = json.loads(page.read_text(encoding="utf-8"))["folio"]
        raw = (DEVSET / "raw" / reader / f"{page.stem}.txt").read_text(encoding="utf-8")
        found = [c for c in cleaner.clean(raw).changes if c.rule == "furniture-folio"]
        want = Folio(folio["paper"], folio["date"], folio["weekday"], folio["page_no"], folio["section"])
        right += [parse_folio(c.before) for c in found] == [want]
    assert right == len(pages) >= 40


def test_a_folio_split_over_lines_is_one_change_with_what_it_says_in_the_note() -> None:
    doc = debris("锡林郭勒日报\n2019年8月20日\n星期二\n第1版\n时政\n记者从教育厅了解到\n")
    (change,) = [c for c in doc.changes if c.rule == "furniture-folio"]
    assert change.before == "锡林郭勒日报\n2019年8月20日\n星期二\n第1版\n时政\n"
    assert "paper 锡林郭勒日报" in change.note and "page_no 1" in change.note
    assert undo(doc.text, doc.changes) == "锡林郭勒日报\n2019年8月20日\n星期二\n第1版\n时政\n记者从教育厅了解到\n"


def test_a_page_number_between_two_halves_of_a_sentence_goes_and_the_sentence_is_whole() -> None:
    from cleanup import Cleaner

    raw = "坚持毛主席的革命路线，贯彻执行毛主席的方针和\n24\n“五·七”指示，办好学校。\n"
    result = Cleaner().clean(raw)
    assert result.text == "坚持毛主席的革命路线，贯彻执行毛主席的方针和“五·七”指示，办好学校。\n"
    assert [c.before for c in result.changes if c.rule == "furniture-page-number"] == ["24\n"]


@pytest.mark.parametrize("raw", [
    "256GB售6799元\niPhone \n11\n是iPhone XR的继任者。\n",  # a narrow column wrapped iPhone 11
    "系统采用Windows\n10\n的界面。\n",
])
def test_a_number_going_on_a_latin_word_is_body_text_through_the_whole_profile(raw: str) -> None:
    # the debris stage keeps it in the raw lines, and again once the paragraphs stage has set it apart
    from cleanup import Cleaner

    result = Cleaner().clean(raw)
    assert not [c for c in result.changes if c.rule == "furniture-page-number"]
    number = raw.split("\n")[-3]
    assert result.text.count(number) == raw.count(number)


@pytest.mark.parametrize(("raw", "out"), [
    ("本报讯 今年以来，全市地区生产总值同比增长了12\n3\n%，增速位居全区前列。\n",
     "本报讯 今年以来，全市地区生产总值同比增长了12%，增速位居全区前列。\n"),
    ("全年产量达到5000\n12\n万吨以上。\n", "全年产量达到5000万吨以上。\n"),
])
def test_a_page_number_after_a_number_goes(raw: str, out: str) -> None:
    """A page break after a number is as likely as a column cutting one: the line of a number after a
    number goes, and the sentence reads whole (run_end is a Latin word's end, not a digit's)."""
    from cleanup import Cleaner

    assert Cleaner().clean(raw).text == out


def test_a_page_number_after_han_text_still_goes() -> None:
    # the development set's page numbers: after a section's name, or inside a sentence the break cut
    assert debris("综合\n\n12\n\n呼和浩特日报\n").text == "综合\n\n呼和浩特日报\n"
    assert debris("这是一个外\n1\n心的问题。\n").text == "这是一个外\n心的问题。\n"
    # a Latin run before a page break, blank lines and a heading after: the page's number
    assert debris("登录www.nmgnews.com\n\n12\n\n呼和浩特日报\n").text == "登录www.nmgnews.com\n\n呼和浩特日报\n"


def test_clean_prose_holds_no_furniture() -> None:
    """No paragraph of the gold pages or the clean-prose corpus is taken for furniture."""
    from cleanup.roles import Role, own_role

    prose = GOLD[0].parent.parent / "prose"
    texts = [p.read_text(encoding="utf-8") for p in sorted(prose.glob("*.txt")) + list(GOLD)]
    paragraphs = [line for text in texts for line in text.splitlines() if line]
    assert len(paragraphs) > 5000
    assert [p for p in paragraphs if own_role(p) in (Role.FOLIO, Role.PAGE_NUMBER)] == []
