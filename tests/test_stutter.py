"""The stutter stage (SPEC rule 16): stutters written once, real doubling kept."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import regex
from listfile import groups

from cleanup.document import Document, Edit, undo
from cleanup.errors import RuleError
from cleanup.pipeline import build_stage
from cleanup.rules import load_profile, packaged_rules_dir
from cleanup.stages.stutter import HAN_BLOCKS, Stutter
from cleanup.wordlists import read_entries

DATA = Path(__file__).parent / "data"
SAMPLES = sorted((DATA / "samples").glob("*.txt"))
GOLD = sorted((DATA / "gold").glob("*.txt"))

CONFIG = next(s for s in load_profile("zh-news").stages if s.name == "stutter")
STAGE = build_stage(CONFIG, timeout=2.0)
RULES = packaged_rules_dir()

# What the stage writes once in the sample pages: (file prefix, text removed).
SAMPLE_STUTTERS = [
    ("000", "交"),  # 加强对外交交流合作 (gold: 对外交流)
    ("002", "会议"),  # 本次会议会议精神 (gold)
    ("003", "企"),  # 政企企对接: 政企|企, the second copy bound and alone (SPEC rule 16)
    ("003", "、前列腺癌"),  # 聚焦前列腺癌、前列腺癌、: the list starts after the verb (SPEC rule 16)
    ("004", "热电厂"),  # 金山热电厂热电厂工程
    ("004", "含"),  # （含含高职院校）: a verb doubled where its clause opens (SPEC rule 16)
]
# What it keeps there on doubt, as suspects: (file prefix, text kept).
SAMPLE_SUSPECTS = [
    ("002", "市市"), ("002", "市市"), ("002", "市市"),  # 鄂尔多斯市|市场监督管理局
    ("003", "链链"),  # 产业链链补链强链: 产业链|链 (延链补链强链?)
    ("003", "市市"), ("003", "市市"),
    ("004", "吨吨"),  # 360万吨吨化制氢: 万吨|吨
    ("004", "局局"),  # 建设局局长: 局|局长
]
# Stutters of the hand-made lists that the stage keeps on doubt: a copy that
# stands alone next to a word, a copy no word holds, a repeated item that may
# end a longer one.
KEPT_ON_DOUBT: set[str] = set()


def clean(text: str, stage: Stutter = STAGE) -> Document:
    return stage.run(Document(text))


def with_params(**params: object) -> Stutter:
    stage = build_stage(CONFIG.with_settings(**params), timeout=2.0)
    assert isinstance(stage, Stutter)
    return stage


REDUPLICATIONS = groups(DATA / "reduplications.txt")
STUTTERS = groups(DATA / "stutters.txt")


def test_reduplication_list_is_large_and_sourced():
    assert sum(map(len, REDUPLICATIONS.values())) >= 200
    assert len(REDUPLICATIONS) == 7


@pytest.mark.parametrize("group", list(REDUPLICATIONS), ids=lambda g: g[:30])
def test_real_reduplication_stays(group):
    changed = [t for t in REDUPLICATIONS[group] if clean(t).text != t]
    assert changed == []


@pytest.mark.parametrize(
    ("stuttered", "expected"),
    [tuple(line.split("\t")) for g in list(STUTTERS)[:2] for line in STUTTERS[g]],
)
def test_sample_and_list_stutters_are_written_once_or_kept_as_suspects(stuttered, expected):
    doc = clean(stuttered)
    if stuttered in KEPT_ON_DOUBT:
        assert doc.text == stuttered and doc.changes == []
        assert [c.note.startswith("kept: ") for c in doc.suspects] == [True]
    else:
        assert doc.text == expected and doc.suspects == []
    assert undo(doc.text, doc.changes) == stuttered


def test_recall_on_made_stutters():
    """Words and characters doubled in gold sentences: 77 of 300 written once
    (precision first: a doubled verb, a lone copy next to a word are kept)."""
    pairs = [line.split("\t") for g in list(STUTTERS)[2:] for line in STUTTERS[g]]
    found = sum(clean(a).text == b for a, b in pairs)
    assert len(pairs) == 300
    assert found / len(pairs) >= 0.25


def test_made_stutters_never_lose_other_text():
    """A miss leaves the text as it was: no repair ever takes the wrong characters."""
    for g in list(STUTTERS)[2:]:
        for line in STUTTERS[g]:
            stuttered, expected = line.split("\t")
            assert clean(stuttered).text in (stuttered, expected)


@pytest.mark.parametrize("path", GOLD, ids=lambda p: p.name[:3])
def test_gold_is_a_fixed_point(path):
    text = path.read_text(encoding="utf-8")
    assert clean(text).changes == []


def test_samples_change_only_their_stutters_and_keep_their_suspects():
    found, kept = [], []
    for path in SAMPLES:
        doc = clean(path.read_text(encoding="utf-8"))
        found += [(path.name[:3], c.before) for c in doc.changes]
        kept += [(path.name[:3], c.before) for c in doc.suspects]
        assert undo(doc.text, doc.changes) == doc.raw
        assert clean(doc.text).changes == []
    assert found == SAMPLE_STUTTERS
    assert kept == SAMPLE_SUSPECTS


def test_each_change_and_suspect_gives_its_evidence():
    doc = clean("市交通局局长，贯彻落实本次会议会议精神")
    assert [c.note for c in doc.changes] == ["written twice: 会议/会议"]
    assert [(c.before, c.after, c.note) for c in doc.suspects] == [
        ("局局", "局局", "kept: words may meet: 局|局长")]
    assert {c.rule for c in doc.changes + doc.suspects} == {"stutter-word"}


@pytest.mark.parametrize(("text", "note"), [
    ("市交通局局长张明", "kept: words may meet: 局|局长"),
    ("记者王莎莎报道", "kept: 莎莎 may be a name or a reduplication"),
    ("一贯道道徒", "kept: 道道 may be a name or a reduplication"),
    ("他只是怀疑怀疑而已", "kept: 怀疑 is a verb, 怀疑怀疑 may be its reduplication"),
    ("同一集体经济组织的土地的土地承包经营权", "kept: two phrases may meet on 的土地"),
    ("吃人的人的兄弟", "kept: 人的 is no word of the list"),
    ("累累计入园企业", "kept: words may meet: 累|累计"),
    ("打倒、打倒，再打倒", "kept: list item '打倒' twice in a row, no other item beside it: a repetition?"),
    ("分为特别重大、重大、较大和一般四级",
     "kept: list item '重大' twice in a row, the first may end a longer item: 分为特别重大"),
    ("李强主持召开国务院常务会议会议强调，要做好工作。", "kept: a mark may be lost between 国务院常务会议|会议强调"),
    ("召开全市工作会议会议要求，", "kept: a mark may be lost between 开全市工作会议|会议要求"),
    ("可以设立派出机构派出机构应当依法履职", "kept: a mark may be lost between 可以设立派出机构|派出机构应当"),
    # the segmenter reads 学校/校/长江, but a word of the list holds each copy: 学校|校长
    ("市职业学校校长江波介绍", "kept: words may meet: 学校|校长"),
    ("《祖国祖国我们爱你》等儿歌", "kept: in the title 《祖国祖国我们爱你》"),
])
def test_a_doubt_is_kept_as_a_suspect_with_its_evidence(text, note):
    doc = clean(text)
    assert doc.text == text and doc.changes == []
    assert [c.note for c in doc.suspects] == [note]
    [suspect] = doc.suspects
    assert suspect.before == suspect.after == text[suspect.start:suspect.end]


@pytest.mark.parametrize(("text", "expected"), [
    ("贯彻落实本次会议会议精神", "贯彻落实本次会议精神"),
    ("认真学习会议会议精神", "认真学习会议精神"),
    ("会议会议强调，", "会议强调，"),  # nothing before the first copy: no clause it can end
])
def test_a_stutter_before_no_clause_opener_is_still_written_once(text, expected):
    assert clean(text).text == expected


def test_a_lost_mark_between_two_clauses_is_told_by_the_rule_file():
    """Without the words that open a predicate, ``会议会议强调`` reads as a stutter."""
    text = "主持召开国务院常务会议会议强调，要做好工作。"
    assert clean(text, with_params(clause_openers=[])).text == "主持召开国务院常务会议强调，要做好工作。"
    assert clean(text).text == text


def test_a_paragraph_that_lost_its_mark_before_one_opening_with_its_last_word_keeps_both():
    """The paragraphs stage joins ``…常务会议 | 会议强调…`` (printed lines: the wider line ends no
    sentence); the word is not written once."""
    from cleanup import Cleaner

    raw = "国务院总理李强7月31日主持召开国务院常务会议\n会议强调，要有效扩大国内需求。\n"
    result = Cleaner().clean(raw)
    assert "常务会议会议强调" in result.text
    assert not [c for c in result.changes if c.rule.startswith("stutter")]
    assert [s.note for s in result.suspects] == ["kept: a mark may be lost between 国务院常务会议|会议强调"]


@pytest.mark.parametrize("text", ["他是足球队队员", "看到到处都是人", "高级人民法院院长", "饮用水水源地"])
def test_two_words_meeting_on_both_edges_are_kept_without_a_doubt(text):
    doc = clean(text)
    assert doc.text == text and doc.changes == [] and doc.suspects == []


def test_a_character_never_doubled_is_written_once_inside_a_clause_only():
    assert clean("使用方向和和用途").text == "使用方向和用途"
    assert clean("和和，").text == "和和，"  # nothing around it to be a stutter of
    assert [c.note for c in clean("他说对对，就是这样").suspects] == ["kept: 对对 may be a name or a reduplication"]


def test_a_meeting_the_text_writes_elsewhere_is_kept():
    """对外交交流 alone reads once as 对外/交流; beside 外交交流 written plainly, it is real."""
    assert clean("加强对外交交流合作").text == "加强对外交流合作"
    text = "开展外交交流。加强对外交交流合作"
    doc = clean(text)
    assert doc.text == text
    assert [c.note for c in doc.suspects] == ["kept: 外交交流 stands elsewhere in the text"]


def test_look_alike_code_points_are_read_as_ideographs():
    assert clean("四是⼀件⼀件落实好。").text == "四是⼀件⼀件落实好。"
    assert clean("⼤⼒推进项⽬项⽬建设").text == "⼤⼒推进项⽬建设"


def test_report_mode_records_every_finding_and_changes_nothing():
    stage = with_params(mode="report")
    text = "市交通局局长，分为特别重大、重大、较大四级，本次会议会议精神"
    doc = clean(text, stage)
    assert doc.text == text and doc.changes == []
    assert doc.stats == {"suspect:stutter-word": 2, "suspect:stutter-list-item": 1}
    assert [(c.before, c.rule) for c in doc.suspects] == [
        ("局局", "stutter-word"), ("重大、重大", "stutter-list-item"), ("会议", "stutter-word")]
    assert all(c.before == c.after for c in doc.suspects)


def test_unknown_mode_is_refused():
    with pytest.raises(RuleError, match="mode must be one of"):
        with_params(mode="fix")


def test_list_items_need_a_mark():
    with pytest.raises(RuleError, match="list_item_marks must hold at least one character"):
        with_params(list_item_marks="")
    assert clean("甲、甲、乙", with_params(list_item_marks="，")).text == "甲、甲、乙"


def test_disabled_rule_does_nothing():
    config = next(s for s in load_profile("zh-news", disable=["stutter-word"]).stages if s.name == "stutter")
    stage = build_stage(config, timeout=2.0)
    doc = clean("会议会议精神，甲、甲、乙", stage)
    assert doc.text == "会议会议精神，甲、乙" and doc.suspects == []


@pytest.mark.parametrize("name", ["reduplications.txt", "words.txt"])
def test_word_lists_are_sorted_unique_and_small(name):
    entries = read_entries(name)
    keys = [e.split("\t")[0] for e in entries]
    assert keys == sorted(set(keys))
    assert (RULES / name).stat().st_size < 500_000


def test_segmenter_prefers_known_words():
    assert STAGE.lexicon.segment("政企企对接") == ["政企", "企", "对接"]


def test_once_reads_as_words_note():
    doc = clean("进一步加强对外交交流合作")
    assert doc.changes[0].note == "once reads as words: 对/外交/交流/合作 -> 对外/交流/合作"


def test_a_line_changed_after_a_run_is_judged_again():
    doc = Document("本次会议精神。\n\n其他内容。\n")
    stage = with_params()
    assert stage.run(doc).text == "本次会议精神。\n\n其他内容。\n"
    doc.apply("test", [Edit(2, "会议", "会议会议", "test")])
    assert stage.run(doc).text == "本次会议精神。\n\n其他内容。\n"


def test_lines_judged_are_remembered_for_one_document_only(monkeypatch):
    stage = with_params()
    judged: list[str] = []
    judge = stage.line_suspects
    monkeypatch.setattr(stage, "line_suspects", lambda line: judged.append(line) or judge(line))
    doc = Document("本次会议精神。\n")
    stage.run(doc)
    stage.run(doc)
    stage.run(Document("本次会议精神。\n"))
    assert judged == ["本次会议精神。", "本次会议精神。"]


def test_a_stutter_after_several_real_doublings_in_one_run_is_found():
    """Each repeat start of a run is judged, the late ones too."""
    doc = clean("人人天天好好学习会议会议精神")
    assert doc.text == "人人天天好好学习会议精神"
    assert [c.before for c in doc.changes] == ["会议"]


def test_the_repeat_search_covers_every_han_character():
    """Every character ``regex`` reads as \\p{Han} is one the repeat search
    (stdlib ``re``, which knows no scripts) takes as Han: no stutter of a Han
    run goes unsearched."""
    every = "".join(chr(c) for c in range(0x110000) if not 0xD800 <= c < 0xE000)
    han = "".join(regex.findall(r"\p{Han}", every))
    assert len(han) > 90_000 and re.fullmatch(f"{HAN_BLOCKS}*", han)


def test_a_stutter_beside_repeated_digits_and_marks_is_found():
    doc = clean("2000年——会议会议召开……")
    assert [c.before for c in doc.changes] == ["会议"]


def test_a_longer_max_unit_keeps_longer_numeral_repeats():
    assert clean("编号一二三四五六七一二三四五六七号。", with_params(max_unit=8)).text == "编号一二三四五六七一二三四五六七号。"


@pytest.mark.parametrize("max_unit", [0, 21])
def test_max_unit_out_of_range_is_a_rule_error(max_unit):
    with pytest.raises(RuleError, match="max_unit must be 1 to 20"):
        with_params(max_unit=max_unit)


def test_a_suspect_is_no_change_to_the_whole_profile_and_cleaning_again_changes_nothing():
    from cleanup import Cleaner

    cleaner = Cleaner()
    once = cleaner.clean("市交通局局长出席。\n")
    assert once.text == "市交通局局长出席。\n" and once.changes == []
    twice = cleaner.clean(once.text)
    assert twice.text == once.text and twice.changes == []
    assert [(s.before, s.after) for s in twice.suspects] == [("局局", "局局")] == \
           [(s.before, s.after) for s in once.suspects]


def test_a_doubled_verb_across_a_line_break_is_kept_by_the_whole_profile():
    from cleanup import Cleaner

    result = Cleaner().clean("他对这件事一直有些怀疑\n怀疑自己是否看错了。\n")
    assert "怀疑怀疑" in result.text
    assert not [c for c in result.changes if c.rule.startswith("stutter")]
