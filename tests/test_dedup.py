"""The in-document dedup stage (SPEC rule 15), on paragraph-layout pages."""

from __future__ import annotations

from collections import Counter
from itertools import chain
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from copies import BODY, OTHER, change_one
from rapidfuzz import fuzz, process

from cleanup.document import Document, Edit, undo
from cleanup.errors import RuleError
from cleanup.rules import StageConfig, load_profile
from cleanup.shape import Line, lines
from cleanup.stages.copy_fit import Page, ngrams, unknown_runs
from cleanup.stages.dedup import Dedup, DocumentMemo, NearCopies, comparison_key, find_pairs, group_copies

DATA = Path(__file__).parent / "data"
GOLD = sorted((DATA / "gold").glob("*.txt"))

BASE = next(s for s in load_profile("zh-news").stages if s.name == "dedup")


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
    assert "fits its article" in change.note


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


@given(st.lists(st.text(alphabet="甲乙丙丁刁", min_size=1, max_size=24), max_size=10),
       st.lists(st.text(alphabet="甲乙丙丁刁", min_size=1, max_size=24), max_size=6),
       st.sampled_from([60.0, 80.0, 90.0]))
@settings(max_examples=150, deadline=None)
def test_near_copies_met_over_two_calls_are_those_of_comparing_every_pair(first, later, cutoff):
    """丁 U+4E01 and 刁 U+5201 share their low byte: the character bound of
    NearCopies.could_link takes them for one character, and must still miss no pair."""
    copies = NearCopies(cutoff)
    copies.add(first)
    copies.add(later + first[:2])
    everything = set(first + later)
    near = {(a, b) for a in everything for b in everything
            if a != b and fuzz.ratio(a, b, score_cutoff=cutoff)}
    assert {(a, b) for a in copies.near for b in copies.near[a]} == near


# characters whose low bytes meet across planes (A U+0041, 乁 U+4E41, an astral U+1F641, the lone
# surrogates U+D841 and U+DC41), a lower case a (rapidfuzz 2's processor folded case), 丁 and
# 刁 (one low byte), and an astral character of its own
BOUND_CHARS = "Aa乁\U0001F641\ud841\udc41丁刁\U00020001甲"


@given(st.text(alphabet=BOUND_CHARS, max_size=14), st.lists(st.text(alphabet=BOUND_CHARS, max_size=14), max_size=8),
       st.one_of(st.sampled_from([60.0, 80.0, 90.0, 95.0, 100.0]), st.floats(0.5, 100.0)))
@settings(max_examples=300, deadline=None)
def test_the_character_bound_keeps_every_pair_rapidfuzz_links(key, others, cutoff):
    """NearCopies.could_link drops no key that rapidfuzz scores at the cutoff (compare) or at
    the floor (near_any): keys empty, astral, surrogate or sharing a low byte, any cutoff."""
    copies = NearCopies(cutoff)
    copies.learn_low_bytes([key, *others])
    kept = set(copies.could_link(key, others))
    assert {o for o in others if fuzz.ratio(key, o) >= copies.floor} <= kept
    linked = process.extract(key, others, scorer=fuzz.ratio, score_cutoff=cutoff, limit=None)
    assert {o for o, _, _ in linked} <= kept
    near = process.extractOne(key, others, scorer=fuzz.ratio, score_cutoff=copies.floor) is not None
    assert copies.near_any(key, others) == near


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
    assert find_pairs(keys, found, cutoff, stage.near_copies()) == find_pairs(keys, every, cutoff,
                                                                              stage.near_copies())


# --- time that grows with the text, not its square (issue 21): work counted, never timed

def one_line(chars: int) -> str:
    """The gold pages run together on one line, repeated to ``chars`` characters."""
    text = "".join(line for g in GOLD for line in g.read_text(encoding="utf-8").split("\n"))
    return (text * (chars // len(text) + 1))[:chars]


def settle(stage: Dedup, text: str) -> DocumentMemo:
    """Run the stage, change one character (as a repair would), run it again;
    what the stage then knows of the document."""
    doc = Document(text)
    stage.run(doc)
    doc.apply("stutter", [Edit(100, doc.text[100], "甲" if doc.text[100] != "甲" else "乙", "test")])
    stage.run(doc)
    return stage.memo_for(doc)


def test_a_paragraph_is_never_compared_with_its_own_earlier_version():
    unbounded = make_stage(near_max_chars=0)
    memo = settle(unbounded, one_line(20_000))
    assert memo.copies.work == 0
    assert memo.copies.known == {comparison_key(memo.doc.text)}


@pytest.mark.parametrize("chars", [700_000, 1_400_000])  # about 2 MB and 4 MB of UTF-8
def test_a_line_of_megabytes_costs_no_comparison(chars: int):
    assert settle(make_stage(), one_line(chars)).copies.work == 0


def test_long_paragraphs_are_copies_only_when_equal():
    long = one_line(2 * make_stage().params.bounds.longest) + "。"
    near = change_one(long, 3)
    assert dedup(page(long, OTHER, near)).text == page(long, OTHER, near)
    assert dedup(page(long, OTHER, long)).text == page(long, OTHER)


def test_keys_of_comparable_length_written_in_other_characters_are_never_scored():
    """NearCopies.could_link: of three keys of one length, rapidfuzz scores only the pair that
    shares its characters."""
    copies = NearCopies(90.0)
    copies.add([BODY, (OTHER * 3)[: len(BODY)], change_one(BODY, 2)])
    assert copies.work == len(BODY) ** 2
    assert set(copies.near) == {BODY, change_one(BODY, 2)}


def test_a_settle_pass_asks_near_any_without_comparing_keys_in_other_characters():
    copies = NearCopies(90.0)
    other = (OTHER * 3)[: len(BODY)]
    assert copies.near_any(BODY, [other, change_one(BODY, 2)])
    assert not copies.near_any(BODY, [other])
    assert not copies.known and not copies.near  # asked, never linked
    copies.retain({BODY})
    assert set(copies.low_bytes) == {BODY}


def test_comparisons_grow_with_the_number_of_paragraphs_not_its_square():
    paras = [p for p in (DATA / "prose" / "laws.txt").read_text(encoding="utf-8").split("\n") if len(p) >= 12]
    work = []
    for count in (3000, 6000):
        stage = make_stage()
        doc = Document(page(*paras[:count]))
        stage.run(doc)
        work.append(stage.memo_for(doc).copies.work)
    assert 0 < work[1] < 2.2 * work[0]


# --- articles: cut at headline-shaped paragraphs and at the jump markers debris removed

def articles_after_debris(text: str) -> list[tuple[tuple[str, ...], tuple[str, ...]]]:
    """Each paragraph's article (its headline block and body) as the dedup stage reads the page."""
    from cleanup.pipeline import Cleaner

    cleaner = Cleaner()
    doc = Document(text)
    for stage in cleaner.stages[:3]:  # normalize, debris, paragraphs
        stage.run(doc)
    paras = lines(doc.text)
    keys = [comparison_key(p.text) for p in paras]
    seen = STAGE.page(doc, paras, keys)
    named = lambda ids: tuple(paras[i].text for i in ids)  # noqa: E731
    return [(named(seen.article(i).head), named(seen.article(i).body)) for i in range(len(paras))]


def test_jump_markers_end_and_start_articles():
    head, one, two = "黄河流域生态保护合作联席会召开", "会议强调，做好今年外事工作，意义十分重大。", "要统筹好发展和安全两件大事。"
    three, four = "王莉霞指出，黄河流域生态保护是大事。", "同饮黄河水，共谋发展路。"
    marked = articles_after_debris(page(head, one, two + "（下转第2版）", "（上接第1版）" + three, four))
    assert marked[1:] == [((head,), (one, two))] * 2 + [((), (three, four))] * 2
    on_its_own_line = articles_after_debris(page(head, one, "■下转第2版", two, three))
    assert on_its_own_line[1:] == [((head,), (one,))] + [((), (two, three))] * 2
    assert articles_after_debris(page(head, one, two, three))[1:] == [((head,), (one, two, three))] * 3


# --- which copy belongs: place first, then fit with the article

HEAD_A, HEAD_B = "市退役军人事务局：下力气整改整治", "黄河流域生态保护和高质量发展省际合作联席会召开"
MATES_B = ["王莉霞指出，黄河流域生态保护和高质量发展是事关中华民族伟大复兴的千秋大计。",
           "王莉霞说，同饮黄河水，共谋发展路，沿黄省区要加强合作，共同抓好大保护。",
           "会议审议通过了联席会议工作规则，签署了黄河流域生态保护合作协议。"]


@given(st.lists(st.text(alphabet="甲乙丙", max_size=4), max_size=8))
@settings(max_examples=200, deadline=None)
def test_a_pages_ngram_counts_count_each_copy_of_a_text(keys: list[str]):
    """A page read twice over holds each text many times: ``rarity`` makes each text's
    n-grams once, and counts them once for each copy."""
    texts = keys + keys[:2]  # copies, and maybe copies of copies
    df, _ = Page(texts, texts, [False] * len(texts), set(), set(), 2).rarity()
    assert df == Counter(chain.from_iterable(ngrams(k, 2) for k in texts))


@given(st.text(max_size=12))
def test_a_texts_single_characters_are_its_code_points(text: str):
    assert ngrams(text, 1) == set(map(ord, text))


def test_the_only_paragraph_under_a_headline_stays_though_another_copy_fits_better():
    text = page(HEAD_B, MATES_B[0], BODY, MATES_B[1], HEAD_A, BODY)
    doc = dedup(text)
    assert doc.text == page(HEAD_B, MATES_B[0], MATES_B[1], HEAD_A, BODY)
    assert "kept its article's only paragraph" in doc.changes[0].note


@pytest.mark.parametrize("slot", [1, 2])
def test_a_dateline_paragraph_belongs_first_in_its_article(slot: int):
    lead = "本报讯（记者 云静）" + BODY
    mates_a = ["市退役军人事务局紧紧围绕热点难点问题，察实情、出实招、办实事。", OTHER]
    body_b = MATES_B[:]
    body_b.insert(slot - 1, lead)  # slot 1 pushes B's own dateline paragraph out of first place
    body_b[0 if slot == 2 else 1] = "本报讯（记者 章奎）" + body_b[0 if slot == 2 else 1]
    text = page(HEAD_B, *body_b, HEAD_A, lead, *mates_a)
    doc = dedup(text)
    assert [c.before.strip() for c in doc.changes] == [lead]
    assert doc.changes[0].start < text.index(HEAD_A)
    assert "a dateline out of first place" in doc.changes[0].note


def test_a_numbered_paragraph_belongs_where_its_numbering_runs_on():
    law = ["第十五条 商业银行应当依法开展业务，不得损害国家利益、社会公共利益。",
           "第十六条 经批准设立的商业银行，由国务院银行业监督管理机构颁发经营许可证。",
           "第十七条 商业银行的组织形式、组织机构适用《中华人民共和国公司法》的规定。"]
    other = ["第三十一条 国家建立健全突发事件卫生应急体系，制定和完善应急预案。",
             "第三十二条 国家建立传染病防控制度，制定传染病防治规划并组织实施。"]
    text = page("中华人民共和国基本医疗卫生与健康促进法", other[0], law[1], other[1],
                "中华人民共和国商业银行法", *law)
    doc = dedup(text)
    assert doc.text == page("中华人民共和国基本医疗卫生与健康促进法", *other, "中华人民共和国商业银行法", *law)
    assert "numbering +2" in doc.changes[0].note


def test_a_copy_fits_the_article_whose_words_and_headline_it_shares():
    home = "王莉霞强调，要坚持生态优先、绿色发展，推动黄河流域生态保护和高质量发展取得新成效。"
    text = page(HEAD_A, "主题教育开展以来，市退役军人事务局紧紧围绕热点难点问题，察实情。", home,
                "加大就业创业帮扶力度，推动退役军人服务站成立就业创业联盟。", HEAD_B, MATES_B[0], home, *MATES_B[1:])
    doc = dedup(text)
    assert doc.changes[0].start < text.index(HEAD_B)
    assert doc.text.count(home) == 1 and doc.text.index(home) > doc.text.index(HEAD_B)


@pytest.mark.parametrize("pair", [
    # statutes: another list item, another distance
    ("（二）利用科研单位、学术机构、技术推广机构、行业协会或者专业人士、用户的名义或者形象作推荐、证明；",
     "（四）利用科研单位、学术机构、技术推广机构、行业协会或者专业人士、用户的名义或者形象作推荐、证明。"),
    ("中华人民共和国领海的外部界限为一条其每一点与领海基线的最近点距离等于十二海里的线。",
     "中华人民共和国毗连区的外部界限为一条其每一点与领海基线的最近点距离等于二十四海里的线。"),
])
def test_near_copies_stating_other_numbers_are_different_paragraphs(pair: tuple[str, str]):
    text = page(pair[0], OTHER, pair[1])
    assert fuzz.ratio(comparison_key(pair[0]), comparison_key(pair[1])) >= STAGE.params.near_ratio
    assert dedup(text).text == text


def test_near_copies_side_by_side_in_one_article_are_parallel_paragraphs():
    zone = "本法所称军事禁区，是指设有重要军事设施或者军事设施安全保密要求高、具有重大危险因素，需要国家采取特殊措施加以重点保护，依照法定程序和标准划定的军事区域。"
    area = "本法所称军事管理区，是指设有较重要军事设施或者军事设施安全保密要求较高、具有较大危险因素，需要国家采取特殊措施加以保护，依照法定程序和标准划定的军事区域。"
    assert fuzz.ratio(comparison_key(zone), comparison_key(area)) >= STAGE.params.near_ratio
    assert dedup(page(zone, area)).text == page(zone, area)
    assert dedup(page(zone, OTHER, area)).text == page(zone, OTHER)


def test_short_near_copies_are_different_lines_and_short_exact_copies_go():
    said, said_more = "老头子和气的问道，“你还有什么话说么？”", "老头子很和气的问道，“你还有什么话么？”"
    assert len(comparison_key(said)) < STAGE.params.bounds.shortest
    assert dedup(page(said, OTHER, said_more)).text == page(said, OTHER, said_more)
    assert dedup(page(said, said, OTHER)).text == page(said, OTHER)
    one, two = ("第一篇报道的标题", said, OTHER), ("第二篇报道的标题", said, BODY)
    assert dedup(page(*one, *two)).text in (page(*one, *two[::2]), page(*one[::2], *two))  # in another
    # article: a paste, and one copy goes (which one, its fit says: tests further on)


def test_a_short_line_said_again_further_on_in_one_article_is_a_refrain():
    """阿Q正传: the same answer to the same question, asked twice in one chapter."""
    asked, again = "老头子和气的问道，“你还有什么话说么？”", "老头子很和气的问道，“你还有什么话么？”"
    answer = "阿Q一想，没有话，便回答说，“没有。”"
    assert len(comparison_key(answer)) < STAGE.params.bounds.shortest
    text = page(asked, answer, OTHER, again, answer, BODY)
    assert dedup(text).text == text


def test_a_short_line_said_three_times_in_a_row_is_no_refrain():
    """The copies between two equal lines go too, so one line is left, not two side by side
    (which a second run would find: hypothesis found 会■下转第2版会会会会会会. three times)."""
    answer = "阿Q一想，没有话，便回答说，“没有。”"
    assert dedup(page(BODY, answer, answer, answer, OTHER)).text == page(BODY, answer, OTHER)

def test_a_long_document_still_finds_a_near_copy_that_shares_an_anchor():
    paras = [p for p in (DATA / "prose" / "laws.txt").read_text(encoding="utf-8").split("\n") if len(p) >= 12]
    original = next(p for p in paras[3000:] if len(p) > 60 and "，" in p)
    near = change_one(original, 2)
    stage = make_stage()
    doc = Document(page(*paras[:4000], near))
    stage.run(doc)
    copies = stage.memo_for(doc).copies
    assert copies.pairs(sorted(copies.known, key=len), copies.known) \
        > stage.params.bounds.pairs  # more pairs than the budget: only anchored ones were compared
    assert [c.before.strip() for c in doc.changes if c.before.strip() in (original, near)] == [near]


def gold_paragraph(start: str) -> str:
    """The gold pages' paragraph that opens with ``start``."""
    return next(p for path in sorted((DATA / "gold").glob("*.txt"))
                for p in path.read_text(encoding="utf-8").split("\n") if p.startswith(start))


def test_a_dateline_paragraph_after_body_text_starts_its_own_story():
    """On a real page the visit story's headline is printed elsewhere: its dateline paragraph
    follows another story's body, and the story goes on below it.  Pasted under the school
    notice's dateline paragraph, the copy there is the one that goes."""
    visit, talks = gold_paragraph("本报讯（记者 云静）2月11日上午"), gold_paragraph("在与中信集团党委书记")
    hall, school = gold_paragraph("位于中央党校校园"), gold_paragraph("本报讯（记者 苗青）1月4日")
    notice = gold_paragraph("《通知》还要求")
    text = page(hall, visit, talks, "自治区教育厅发布通知", "要求中小学幼儿园不得推迟放假或提前开学",
                school, visit, notice)
    out = dedup(text)
    assert out.text == page(hall, visit, talks, "自治区教育厅发布通知", "要求中小学幼儿园不得推迟放假或提前开学",
                            school, notice)


def test_a_copy_between_a_headline_and_a_dateline_paragraph_is_out_of_place():
    visit, talks = gold_paragraph("本报讯（记者 云静）2月11日上午"), gold_paragraph("在与中信集团党委书记")
    school, notice = gold_paragraph("本报讯（记者 苗青）1月4日"), gold_paragraph("《通知》还要求")
    text = page("包钢贺海东赴中信集团拜访", visit, talks, "自治区教育厅发布通知", talks, school, notice)
    assert dedup(text).text == page("包钢贺海东赴中信集团拜访", visit, talks, "自治区教育厅发布通知", school, notice)


def test_a_copy_among_paragraphs_that_open_alike_belongs_to_their_run():
    """The interview's 在产业发展方面， among its 在打造北疆文化品牌方面， and
    在保障和改善民生方面，: pasted first into an article on the industries it names."""
    industry, culture = gold_paragraph("在产业发展方面，"), gold_paragraph("在打造北疆文化品牌方面，")
    welfare, said = gold_paragraph("在保障和改善民生方面，"), gold_paragraph("“市委十三届七次全会暨全市经济")
    dairy, plan = gold_paragraph("从一棵草到一杯奶"), gold_paragraph("2021年9月召开的呼和浩特市第十三次党代会")
    text = page("六大产业集群助推首府经济高质量发展", "本报记者 郑学良 王雅静", industry, dairy, plan,
                "抓产业 塑品牌 保民生 推动各项工作提速提质增效", "——访和林格尔县委书记李六小",
                said, industry, culture, welfare)
    kept = page("六大产业集群助推首府经济高质量发展", "本报记者 郑学良 王雅静", dairy, plan,
                "抓产业 塑品牌 保民生 推动各项工作提速提质增效", "——访和林格尔县委书记李六小",
                said, industry, culture, welfare)
    assert dedup(text).text == kept
    assert dedup(text, make_stage(parallel_weight=0.0)).text != kept


def test_a_copy_right_between_two_list_items_in_a_row_breaks_the_list():
    """Pasted first between a statute's (六) and (七), the paragraph that follows 第十七条 of
    another statute: there it interrupts a list, below its own article it does not."""
    laws = [p for p in (DATA / "prose" / "laws.txt").read_text(encoding="utf-8").split("\n") if p]
    six, seven = "（六）有明确的经营范围。", "（七）法律、法规规定的其他条件。"
    seventeen = next(p for p in laws if p.startswith("第十七条 根据执行戒严任务"))
    returned = next(p for p in laws if p.startswith("前款规定的临时征用物"))
    eighteen = next(p for p in laws if p.startswith("第十八条 戒严期间"))
    assert six in laws and seven in laws
    head_a, head_b = "中华人民共和国全民所有制工业企业法", "中华人民共和国戒严法"
    text = page(head_a, six, returned, seven, head_b, seventeen, returned, eighteen)
    assert dedup(text).text == page(head_a, six, seven, head_b, seventeen, returned, eighteen)
    note = dedup(text).changes[0].note
    assert "numbering -1" in note


def test_a_copy_that_names_what_its_headline_names_belongs_under_it():
    """Two interviews of one series open alike (“市委十三届七次全会暨全市经济工作会议…”):
    the opening of 刘占英's, pasted after 李六小's, names 呼和浩特经济技术开发区党工委书记刘占英
    as its own sub-headline does; either article first on the page."""
    li_said = gold_paragraph("“市委十三届七次全会暨全市经济工作会议科学")
    liu_said = gold_paragraph("“市委十三届七次全会暨全市经济工作会议提出")
    one, two = gold_paragraph("一是加快建设现代化产业体系"), gold_paragraph("二是2024年的各项主要经济指标")
    industry, culture = gold_paragraph("在产业发展方面，"), gold_paragraph("在打造北疆文化品牌方面，")
    liu = ["在推动高质量发展上展现更大作为", "——访呼和浩特经济技术开发区党工委书记刘占英", liu_said, one, two]
    li = ["抓产业 塑品牌 保民生 推动各项工作提速提质增效", "——访和林格尔县委书记李六小", li_said, industry, culture]
    pasted = li[:3] + [liu_said] + li[3:]
    for first, second in ((liu, pasted), (pasted, liu)):
        kept = page(*(liu + li if first is liu else li + liu))
        assert dedup(page(*first, *second)).text == kept
        assert dedup(page(*first, *second), make_stage(phrase_weight=0.0)).text != kept


def test_a_copy_that_names_whom_its_sub_headline_names_belongs_under_it():
    """刘占英表示，… names the interviewee of ——访呼和浩特经济技术开发区党工委书记刘占英 in
    three characters, a name the word list does not know and no other story on the page
    holds: pasted anywhere into the People's Congress story, either story first, it goes
    and the interview keeps its own paragraph (a shorter run than ``phrase_chars``)."""
    said = gold_paragraph("刘占英表示，从现在开始")
    liu = ["在推动高质量发展上展现更大作为", "——访呼和浩特经济技术开发区党工委书记刘占英",
           gold_paragraph("三是全面提升园区要素保障水平"), said]
    congress = ["自治区十三届人大常委会第三十三次会议开幕 石泰峰主持", gold_paragraph("本报1月7日讯（记者 戴宏）"),
                gold_paragraph("自治区十三届人大常委会现有组成人员"), gold_paragraph("通过会议议程后"),
                gold_paragraph("会后进行了分组审议")]
    for at in range(2, len(congress) + 1):
        pasted = congress[:at] + [said] + congress[at:]
        for first, second in ((liu, pasted), (pasted, liu)):
            kept = page(*(liu + congress if first is liu else congress + liu))
            assert dedup(page(*first, *second)).text == kept
            assert dedup(page(*first, *second), make_stage(name_chars=0)).text != kept


@pytest.mark.parametrize("line, names", [
    ("——访呼和浩特经济技术开发区党工委书记刘占英", {"党工委", "刘占英"}),
    ("包钢贺海东出席", {"包钢贺", "钢贺海", "贺海东"}),
    ("——访和林格尔县委书记李六小", {"林格尔"}),  # 和 and 小 are words of their own: no name's
    ("在推动高质量发展上展现更大作为", set()),  # words of the list, no name
    ("我市与汇源集团合作项目签约仪式在京举行", set()),  # 与 is a word of its own: 汇源 is two characters
])
def test_the_names_of_a_headline_are_runs_the_word_list_cuts_into_rare_single_characters(line, names):
    fit = STAGE.fit
    assert fit is not None
    assert unknown_runs(fit.lexicon, line, fit.name_chars, fit.name_rarity) == names


def test_a_name_another_story_on_the_page_holds_is_no_evidence():
    """贺海东 of 包钢贺海东出席 is named in the dateline of the visit story below as well:
    it tells neither story, and the score of the 汇源 story's paragraph gets nothing for it."""
    signing = gold_paragraph("签约前，包钢、贺海东与张传梁一行座谈")
    visit = gold_paragraph("本报讯（记者 梁婧姝）2月12日下午，市委副书记、市长贺海东")
    paras = ["我市与汇源集团合作项目签约仪式在京举行", "包钢贺海东出席", signing,
             "贺海东拜访国家气象信息中心", visit]
    text = page(*paras)
    stage = STAGE
    keys = stage.keys_of(lines(text), DocumentMemo(Document(text), {}, {}, stage.near_copies()))
    seen = stage.page(Document(text), lines(text), keys)
    assert stage.fit is not None
    assert not stage.fit.names_alone(2, seen.article(2), seen, set())
    seen = stage.page(Document(page(*paras[:3])), lines(page(*paras[:3])), keys[:3])
    assert stage.fit.names_alone(2, seen.article(2), seen, set())


def test_a_headline_too_long_for_the_headline_shape_heads_the_story_under_its_dateline():
    """The gold page's 王莉霞在……专题会议上强调 …… runs to 78 characters: over its
    dateline paragraph it is a headline all the same, so its dateline paragraph opens a
    story there, and the copy pasted into the investment commentary is the one that goes."""
    headline = ("王莉霞在推进产业集群建设及重点产业高质量发展专题会议上强调 坚持扬长避短培优增效 "
                "坚持有所为有所不为 集中力量做大做强做优体现内蒙古优势特色的产业集群")
    lead, she, points = (gold_paragraph("本报1月7日讯（记者 章奎）1月7日，自治区党委副书记"),
                         gold_paragraph("她强调，"), gold_paragraph("王莉霞指出，筑牢两个屏障"))
    invest = [gold_paragraph(start) for start in ("后疫情时代，", "要“分秒必争”。", "要“质量为王”。")]
    lights = gold_paragraph("北京冬奥会开幕在即")
    text = page("开新局 起好步 强首府", *invest, lead, headline, lead, she, points, "扮靓首府迎冬奥", lights)
    assert dedup(text).text == page("开新局 起好步 强首府", *invest, headline, lead, she, points,
                                    "扮靓首府迎冬奥", lights)


@pytest.mark.parametrize("line", [
    "出席会议的还有 王磊 李明 张华 赵强 刘洋 陈静 杨帆 黄伟 周敏 吴刚 郑学良 王雅静 孙志刚 马丽 朱红 胡军 郭亮 何平",
    "《内蒙古自治区关于推进国家级经济技术开发区高质量发展 打造对外开放新高地的实施意见》",
])
def test_a_long_list_of_names_or_a_document_title_over_a_dateline_is_no_headline(line: str):
    """Neither heads a story: the copy of a dateline paragraph under one is not the only
    paragraph of an article, and the original, under its real headline, stays."""
    lead = gold_paragraph("本报讯（记者 云静）")
    body = [gold_paragraph(start) for start in ("在与中信集团党委书记", "位于中央党校校园", "《通知》还要求")]
    text = page("包钢贺海东赴中信集团拜访", lead, body[0], "自治区教育厅发布通知", body[1], line, lead,
                "我市与汇源集团合作项目签约仪式在京举行", body[2])
    assert dedup(text).text == page("包钢贺海东赴中信集团拜访", lead, body[0], "自治区教育厅发布通知", body[1], line,
                                    "我市与汇源集团合作项目签约仪式在京举行", body[2])


def test_a_copy_fits_the_article_written_like_it_when_no_word_is_shared():
    """A line of 祝福's dialogue pasted into an article on aspirin shares no word with
    either article's paragraphs; its characters (她, 你, 我, quotes) are those of the
    story's, not the pharmacology's: either article first on the page (without the
    style's weight the first copy stays, the paste when it comes first)."""
    said = "“这正好。你是识字的，又是出门人，见识得多。我正要问你一件事——”她那没有精采的眼睛忽然发光了。"
    story = ["口角边渐渐的有了笑影", said, "我万料不到她却说出这样的话来，诧异的站着。"]
    drug = ["应终身服用阿司匹林", "本报记者 邓宇杰 贺辉霞", "低剂量的阿司匹林补充剂对妊娠毒血症有一定疗效。",
            "阿司匹林能降低癌症，特别是大肠癌的发生率和死亡率。但效果需要服药至少10至20年才能见到效果。"]
    pasted = drug[:2] + [said] + drug[2:]
    for first, second in ((story, pasted), (pasted, story)):
        kept = page(*(story + drug if first is story else drug + story))
        assert dedup(page(*first, *second)).text == kept
    assert dedup(page(*pasted, *story), make_stage(style_weight=0.0)).text != page(*drug, *story)


def test_a_page_read_by_other_ngrams_shares_its_articles_and_keeps_its_own_caches():
    """Page.read_by copies the page shallowly: paragraphs and articles shared, every cache
    of n-gram weights its own (a mass worked out for single characters is no mass of pairs)."""
    texts = ["阿司匹林的使用率开始下降。", "她在门外站了许久。", "阿司匹林衍生自柳树皮。"]
    pairs = Page(texts, texts, [False] * 3, set(), set(), 2)
    before = [pairs.mass_of(i) for i in range(3)], pairs.norm(0)
    chars = pairs.read_by(1)
    assert chars is pairs.read_by(1) and pairs.read_by(2) is pairs
    assert chars.article_of is pairs.article_of and chars.texts is pairs.texts
    fresh = Page(texts, texts, [False] * 3, set(), set(), 1)
    assert [chars.mass_of(i) for i in range(3)] == [fresh.mass_of(i) for i in range(3)]
    assert chars.norm(0) == fresh.norm(0) and chars.rarity() == fresh.rarity()
    assert ([pairs.mass_of(i) for i in range(3)], pairs.norm(0)) == before


def work_paragraph(work: str, start: str) -> str:
    """The paragraph of a development-set work (``tools/devset/sources``) that opens with ``start``."""
    path = Path(__file__).parent.parent / "tools" / "devset" / "sources" / f"{work}.txt"
    return next(p for p in path.read_text(encoding="utf-8").split("\n") if p.startswith(start))


def test_a_short_mate_that_a_long_copy_holds_much_of_says_little():
    """A paragraph of the aspirin article pasted into a story, over a line of dialogue of 18
    characters: the long paragraph holds a fair share of any short line's few n-grams, which
    says little (``share_prior``), and the original stays among the paragraphs on cancer it
    was written with; without the prior the paste, next to the short line, was kept."""
    drug = ["化学家们逐步提升生产的效率", "本报记者 苏芳 通讯员 刘鹏伟",
            *(work_paragraph("aspirin", start) for start in ("美国卫生保健研究", "阿司匹林能降低癌症", "一些人认为"))]
    cancer = drug[3]
    story = ["四婶也就不再提起祥林嫂", cancer, *(work_paragraph("zhufu", start) for start in ("“那么，死掉的", "“唉唉，见面不见面"))]
    text = page("然而鱼翅是不可不吃的", work_paragraph("zhufu", "“甚么时候？"), *drug, *story)
    kept = page("然而鱼翅是不可不吃的", work_paragraph("zhufu", "“甚么时候？"), *drug, story[0], *story[2:])
    assert dedup(text).text == kept
    assert dedup(text, make_stage(share_prior=0.0)).text != kept
