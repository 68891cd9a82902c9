"""The in-document dedup stage (SPEC rule 15), on paragraph-layout pages."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from rapidfuzz import fuzz

from cleanup.document import Document, Edit, undo
from cleanup.errors import RuleError
from cleanup.layout import Line
from cleanup.rules import StageConfig, load_profile
from cleanup.stages.dedup import Dedup, NearCopies, comparison_key, find_pairs, group_copies

DATA = Path(__file__).parent / "data"
GOLD = sorted((DATA / "gold").glob("*.txt"))

BASE = next(s for s in load_profile("zh-news").stages if s.name == "dedup")

# A body paragraph long enough (>60 characters) that a few changed characters keep it a copy.
BODY = ("举办基层业务骨干培训班3期，参训300余人次，投入714万元完成453家退役军人服务站基础和"
        "政治文化环境标准化规范化建设，实现了场所融合、资源共享。")
OTHER = "今年全市共举办招聘会43场，提供岗位4.3万个，1576人达成就业意向。"


def make_stage(**settings: object) -> Dedup:
    return Dedup(BASE.with_settings(**settings), timeout=2.0)


STAGE = make_stage()


def page(*paras: str) -> str:
    return "\n\n".join(paras) + "\n"


def dedup(text: str, stage: Dedup = STAGE) -> Document:
    doc = stage.run(Document(text))
    assert undo(doc.text, doc.changes) == text
    assert stage.run(Document(doc.text)).text == doc.text, "a second run changed the text"
    return doc


def change_one(text: str, count: int) -> str:
    """``text`` with ``count`` Han characters replaced, spread over its length."""
    chars = list(text)
    step = len(chars) // (count + 1)
    for n in range(1, count + 1):
        chars[n * step] = "甲" if chars[n * step] != "甲" else "乙"
    return "".join(chars)


@pytest.mark.parametrize("path", GOLD, ids=lambda p: p.stem)
def test_gold_is_a_fixed_point(path: Path):
    text = path.read_text(encoding="utf-8")
    assert STAGE.run(Document(text)).text == text


def test_misplaced_copy_in_002_goes_and_the_article_copy_stays():
    gold = (DATA / "gold" / "002_57aa74c62ebf1dbf.txt").read_text(encoding="utf-8")
    raw = (DATA / "samples" / "002_57aa74c62ebf1dbf.txt").read_text(encoding="utf-8")
    misplaced = next(line for line in raw.splitlines() if line.startswith("李六小表示"))
    paras = gold.rstrip("\n").split("\n\n")
    at = paras.index("（李海珍）")
    doc = dedup(page(*paras[:at], misplaced, *paras[at:]))
    assert doc.text == gold
    [change] = doc.changes
    assert change.rule == "dedup-paragraph"
    assert change.before.startswith("李六小表示")
    assert "'加强服务体系建设。" in change.note and "ratio 95" in change.note
    assert "fits its neighbours" in change.note


def test_exact_copy_goes_first_stays():
    doc = dedup(page(BODY, OTHER, BODY))
    assert doc.text == page(BODY, OTHER)
    assert "copy of paragraph 1 " in doc.changes[0].note


@pytest.mark.parametrize("changed", [1, 2, 3, 4, 5])
def test_near_copy_goes(changed: int):
    near = change_one(BODY, changed)
    assert near != BODY
    assert dedup(page(BODY, OTHER, near)).text == page(BODY, OTHER)


def test_width_and_space_variant_goes():
    variant = BODY.replace("，", ",").replace("、", "、 ")
    assert comparison_key(variant) == comparison_key(BODY)
    assert dedup(page(BODY, OTHER, variant)).text == page(BODY, OTHER)


def test_three_copies_leave_one():
    assert dedup(page(BODY, OTHER, BODY, "另一条消息的正文，内容完全不同。", change_one(BODY, 2))).text == page(
        BODY, OTHER, "另一条消息的正文，内容完全不同。")


def test_similar_but_different_paragraphs_stay():
    text = page("今年全市共举办招聘会43场，提供岗位4.3万个。",
                "去年全市共举办招聘会21场，提供岗位1.2万个，多数岗位面向高校毕业生。",
                "本报讯（记者 云静）2月11日上午，自治区党委常委、市委书记包钢主持召开会议。",
                "本报讯（记者 云静）2月12日下午，市长贺海东深入企业调研安全生产工作。")
    assert dedup(text).text == text


def test_min_chars_comes_from_params():
    text = page("图为会议现场", BODY, "图为会议现场")
    assert dedup(text).text == text
    assert dedup(text, make_stage(min_chars=4)).text == page("图为会议现场", BODY)


def test_copy_that_fits_its_neighbours_stays_even_when_second():
    misplaced = "李六小表示，" + BODY
    home = "加强服务体系建设。" + BODY
    text = page("和林县将打造北疆文化博物馆群，建设剪纸、钱币等9个场馆。", misplaced, "（李海珍）",
                "市退役军人事务局下力气整改整治，助推退役军人工作高质量发展。", home,
                "加大退役军人就业创业帮扶力度，推动退役军人服务站成立就业创业联盟。")
    doc = dedup(text)
    assert home in doc.text and misplaced not in doc.text
    assert "copy of paragraph 5 '加强服务体系建设。" in doc.changes[0].note


def test_fit_margin_keeps_the_first_on_a_close_call():
    text = page("和林县将打造北疆文化博物馆群。", "李六小表示，" + BODY, "（李海珍）",
                "市退役军人事务局下力气整改整治。", "加强服务体系建设。" + BODY,
                "加大退役军人就业创业帮扶力度。")
    doc = dedup(text, make_stage(fit_margin=1.0))
    assert "李六小表示，" in doc.text and "加强服务体系建设。" not in doc.text


def test_repeated_jump_header_goes_first_stays():
    header = "走近人民群众身边 走进人民群众心里"
    text = page(header, "健全“双联系”制度机制，明确了常委会组成人员与人民群众代表的联系。",
                "近期，呼和浩特市将同步出台配套实施细则。", header,
                "到推动解决产业发展困难、促进教育资源优化配置等问题，人民群众满意。")
    doc = dedup(text)
    assert doc.text.count(header) == 1 and doc.text.startswith(header)
    [change] = doc.changes
    assert change.rule == "dedup-jump-header" and change.start > 0
    assert "first kept" in change.note


def test_last_paragraph_removed_keeps_final_newline():
    assert dedup(page(BODY, OTHER, BODY)).text.endswith(OTHER + "\n")


def test_chain_of_near_copies_drops_only_copies_of_the_kept_one():
    keys = ["a" * 40, "a" * 36 + "bbbb", "a" * 32 + "bbbbbbbb"]
    pairs = find_pairs(keys, [0, 1, 2], cutoff=90)
    assert {(i, j) for i, j, _ in pairs} == {(0, 1), (1, 2)}
    assert group_copies(pairs) == [[0, 1, 2]]
    a, b, c = ("甲" * 40, "甲" * 36 + "乙" * 4, "甲" * 32 + "乙" * 8)
    doc = dedup(page(a, b, c))
    assert doc.text == page(a, c)


def test_bad_params_are_one_line_errors():
    with pytest.raises(RuleError, match="near_ratio is missing"):
        Dedup(StageConfig("dedup", BASE.rules, {k: v for k, v in BASE.params.items() if k != "near_ratio"}), 2.0)
    with pytest.raises(RuleError, match="bad pattern"):
        make_stage(keep_patterns=["("])


@pytest.mark.parametrize("rule", ["dedup-paragraph", "dedup-jump-header"])
def test_a_rule_turned_off_by_id_removes_nothing(rule: str):
    header = "走近人民群众身边 走进人民群众心里"
    text = page(header, BODY, OTHER, header, BODY)
    stage = Dedup(next(s for s in load_profile("zh-news", disable=[rule]).stages if s.name == "dedup"), 2.0)
    doc = dedup(text, stage)
    assert [c.rule for c in doc.changes] == [r for r in ("dedup-paragraph", "dedup-jump-header") if r != rule]


@given(st.lists(st.text(alphabet="甲乙丙丁", min_size=1, max_size=24), max_size=10),
       st.lists(st.text(alphabet="甲乙丙丁", min_size=1, max_size=24), max_size=6),
       st.sampled_from([60.0, 80.0, 90.0]))
@settings(max_examples=150, deadline=None)
def test_near_copies_met_over_two_calls_are_those_of_comparing_every_pair(first, later, cutoff):
    copies = NearCopies(cutoff)
    copies.add(first)
    copies.add(later + first[:2])
    everything = set(first + later)
    near = {(a, b) for a in everything for b in everything
            if a != b and fuzz.ratio(a, b, score_cutoff=cutoff)}
    assert {(a, b) for a in copies.near for b in copies.near[a]} == near


def test_settle_pass_finds_a_copy_made_after_the_first_run():
    text = page(BODY, OTHER, "另一条消息的正文，内容完全不同。")
    doc = Document(text)
    assert STAGE.run(doc).text == text
    at = text.index("另一条")
    doc.apply("stutter", [Edit(at, "另一条消息的正文，内容完全不同。", change_one(BODY, 2), "test")])
    assert STAGE.run(doc).text == page(BODY, OTHER)


def test_memo_lives_for_one_document():
    stage = make_stage()
    stage.run(Document(page(BODY, OTHER)))
    other_doc = Document(page(OTHER))
    stage.run(other_doc)
    memo = stage.memo_for(other_doc)
    assert memo.doc is other_doc
    assert BODY not in memo.keys and comparison_key(BODY) not in memo.copies.known


CREDIT = "本报记者 张三李四王五赵六钱七孙八"  # long enough, but a byline keep_patterns protects
NEAR_CREDIT = "本报记者 张三李四王五赵六钱七孙九"


@given(st.lists(st.sampled_from([BODY, change_one(BODY, 2), OTHER, CREDIT, NEAR_CREDIT, "（李海珍）"]),
                max_size=8))
@settings(max_examples=100, deadline=None)
def test_eligible_pairs_as_searching_every_paragraph_with_keep_patterns(paras):
    stage = make_stage()
    text = page(*paras) if paras else ""
    memo = stage.memo_for(Document(text))
    keys = [comparison_key(p) for p in paras]
    every = [i for i, (p, key) in enumerate(zip(paras, keys))
             if len(key) >= stage.params.min_chars
             and not any(k.search(p) for k in stage.params.keep_patterns)]
    lines_ = [Line(0, len(p), p) for p in paras]
    found = stage.eligible(lines_, keys, memo)
    assert set(every) <= set(found)
    cutoff = stage.params.near_ratio
    assert find_pairs(keys, found, cutoff) == find_pairs(keys, every, cutoff)
