"""The stutter stage (SPEC rule 16): stutters written once, real doubling kept."""

from __future__ import annotations

from pathlib import Path

import pytest
from listfile import groups

from cleanup.document import Document, Edit, undo
from cleanup.errors import RuleError
from cleanup.pipeline import build_stage
from cleanup.rules import load_profile, packaged_rules_dir
from cleanup.stages.stutter import Stutter
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
    ("003", "链"),  # 传统优势产业链链补链强链
    ("003", "企"),  # 政企企对接
    ("003", "、前列腺癌"),  # 前列腺癌、前列腺癌、甲状腺癌
    ("004", "吨"),  # 360万吨吨化制氢
    ("004", "热电厂"),  # 金山热电厂热电厂工程
    ("004", "含"),  # （含含高职院校）
]


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
def test_sample_and_list_stutters_are_written_once(stuttered, expected):
    doc = clean(stuttered)
    assert doc.text == expected
    assert undo(doc.text, doc.changes) == stuttered


def test_recall_on_made_stutters():
    """Words and characters doubled in gold sentences: most are found (266 of 300 measured)."""
    pairs = [line.split("\t") for g in list(STUTTERS)[2:] for line in STUTTERS[g]]
    found = sum(clean(a).text == b for a, b in pairs)
    assert len(pairs) == 300
    assert found / len(pairs) >= 0.8


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


def test_samples_change_only_their_stutters():
    found = []
    for path in SAMPLES:
        doc = clean(path.read_text(encoding="utf-8"))
        found += [(path.name[:3], c.before) for c in doc.changes]
        assert undo(doc.text, doc.changes) == doc.raw
        assert clean(doc.text).changes == []
    assert found == SAMPLE_STUTTERS


def test_each_change_gives_its_evidence():
    doc = clean("产融合作、政企企对接，贯彻落实本次会议会议精神")
    notes = [c.note for c in doc.changes]
    assert notes == ["a copy stands alone: 政企/企", "written twice: 会议/会议"]
    assert {c.rule for c in doc.changes} == {"stutter-word"}


def test_report_mode_counts_suspects_and_changes_nothing():
    stage = with_params(mode="report")
    text = "产融合作、政企企对接，聚焦前列腺癌、前列腺癌、甲状腺癌"
    doc = clean(text, stage)
    assert doc.text == text and doc.changes == []
    assert doc.stats == {"suspect:stutter-word": 1, "suspect:stutter-list-item": 1}
    assert [(e.before, e.rule) for e in stage.suspects(text)] == [
        ("企", "stutter-word"), ("、前列腺癌", "stutter-list-item")]


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
    assert clean("政企企对接，甲、甲、乙", stage).text == "政企企对接，甲、乙"


@pytest.mark.parametrize("name", ["reduplications.txt", "words.txt"])
def test_word_lists_are_sorted_unique_and_small(name):
    entries = read_entries(name)
    keys = [e.split("\t")[0] for e in entries]
    assert keys == sorted(set(keys))
    assert (RULES / name).stat().st_size < 500_000


def test_segmenter_prefers_known_words():
    assert STAGE.lexicon.segment("政企企对接") == ["政企", "企", "对接"]


def test_leaning_note():
    assert [c.note for c in clean("累累计入园企业").changes] == ["'累累' leans on '累计'"]


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


def test_a_longer_max_unit_keeps_longer_numeral_repeats():
    assert clean("编号一二三四五六七一二三四五六七号。", with_params(max_unit=8)).text == "编号一二三四五六七一二三四五六七号。"


@pytest.mark.parametrize("max_unit", [0, 21])
def test_max_unit_out_of_range_is_a_rule_error(max_unit):
    with pytest.raises(RuleError, match="max_unit must be 1 to 20"):
        with_params(max_unit=max_unit)
