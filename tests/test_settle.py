"""The settle pass: clean text is a fixed point on every corpus the project has,
and a stage rechecked where the text changed edits as a full run would."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from pagegen import make_pages

from cleanup import Cleaner
from cleanup.document import Document, Edit
from cleanup.pipeline import Cleaner as PipelineCleaner
from cleanup.shape import lines
from cleanup.stage import Touched

DATA = Path(__file__).parent / "data"
CLEANER = Cleaner()


def corpus() -> list[tuple[str, str]]:
    """The samples, gold pages, 300 generated pages, the prose corpus and the
    development set's raw pages."""
    docs = [(f"{folder}/{p.name}", p.read_text(encoding="utf-8"))
            for folder in ("samples", "gold", "prose") for p in sorted((DATA / folder).glob("*.txt"))]
    docs += [(f"generated/{n}", page.raw) for n, (_, page) in enumerate(make_pages(300))]
    docs += [(str(p.relative_to(DATA)), p.read_text(encoding="utf-8"))
             for p in sorted((DATA / "devset" / "raw").glob("*/*.txt"))]
    return docs


def test_cleaning_clean_text_changes_nothing_on_every_corpus():
    docs = corpus()
    assert len(docs) > 470
    unsettled = [name for name, raw in docs if CLEANER.clean(once := CLEANER.clean(raw).text).text != once]
    assert unsettled == []


# --- where the text changed since a step ------------------------------------------

EDIT_TEXT = st.text(alphabet="甲乙丙\n ", max_size=3)


@st.composite
def steps(draw: st.DrawFn, text: str) -> list[list[Edit]]:
    """One to three steps of sorted, non-overlapping edits, each on the text the
    steps before it leave."""
    out = []
    for _ in range(draw(st.integers(1, 3))):
        cuts = sorted(draw(st.lists(st.integers(0, len(text)), max_size=6)))
        edits, last = [], 0
        for a, b in zip(cuts[::2], cuts[1::2]):
            if a >= last:
                edits.append(Edit(a, text[a:b], draw(EDIT_TEXT), "t"))
                last = b if b > a else a + 1
        out.append(edits)
        doc = Document(text)
        doc.apply("t", edits)
        text = doc.text
    return out


@given(st.data(), st.text(alphabet="甲乙丙丁\n ", max_size=30))
@settings(max_examples=300, deadline=None)
def test_outside_the_spans_changed_the_text_is_as_it_was(data, raw):
    doc = Document(raw)
    for edits in data.draw(steps(raw)):
        doc.apply("t", edits)
    spans = doc.changed_since(0)
    assert spans == sorted(spans) and all(a <= b for a, b in spans)
    assert all(b < c for (_, b), (c, _) in zip(spans, spans[1:]))  # those that meet are merged
    bounds = [0] + [x for span in spans for x in span] + [len(doc.text)]
    for a, b in zip(bounds[::2], bounds[1::2]):
        (start,) = doc.to_raw_all(len(doc.steps), [a], "end")
        assert raw[start : start + b - a] == doc.text[a:b]


@given(st.data(), st.text(alphabet="甲乙\n", max_size=30))
@settings(max_examples=300, deadline=None)
def test_the_lines_a_change_reaches_are_those_it_meets_with_the_breaks_around_them(data, raw):
    doc = Document(raw)
    for edits in data.draw(steps(raw)):
        doc.apply("t", edits)
    found = lines(doc.text)
    spans = doc.changed_since(0)

    def reached(i: int) -> bool:
        lo = found[i - 1].end if i else 0
        hi = found[i + 1].start if i + 1 < len(found) else len(doc.text)
        return any(a <= hi and b >= lo for a, b in spans)

    assert Touched(doc, 0, True).lines(found) == {i for i in range(len(found)) if reached(i)}


# --- a recheck edits as a run --------------------------------------------------------

PAGES = ([p.read_text(encoding="utf-8") for p in sorted((DATA / "samples").glob("*.txt"))]
         + [page.raw for _, page in make_pages(30)]
         + [p.read_text(encoding="utf-8") for p in sorted((DATA / "devset" / "raw").glob("*/p000[1-4].txt"))])


def first_pass(cleaner: PipelineCleaner, raw: str) -> tuple[Document, list[tuple[int, bool]]]:
    """A document after the profile's first pass, and what each stage then had seen
    of it (as the pipeline tracks it)."""
    doc = Document(raw)
    looked = []
    for stage in cleaner.stages:
        before = len(doc.steps)
        stage.run(doc)
        looked.append(cleaner._looked(stage, doc, before))
    return doc, looked


def replayed(doc: Document) -> Document:
    copy = Document(doc.raw)
    for step in doc.steps:
        copy.apply(step.stage, step.edits)
    return copy


def later_edit(text: str, kind: str, pick: int) -> list[Edit]:
    """An edit such as a later stage makes: a line dropped, a piece of a line
    dropped, a line replaced by another one or by a piece of one, two lines
    joined, a line split."""
    found = lines(text)
    if len(found) < 3:
        return []
    line, other = found[pick % len(found)], found[(pick * 7 + 3) % len(found)]
    if kind == "drop":
        return [Edit(line.start, text[line.start : found[(pick % len(found)) + 1].start], "", "t")] \
            if line is not found[-1] else []
    if kind == "cut":  # anywhere in the line, up to its end, its sentence end too
        at = pick % len(line.text)
        return [Edit(line.start + at, line.text[at : at + 1 + pick % 9], "", "t")] if at else []
    if kind == "copy":
        return [Edit(line.start, line.text, other.text, "t")] if line.text != other.text else []
    if kind == "piece":
        return [Edit(line.start, line.text, other.text[1:7], "t")] if other.text[1:7] not in ("", line.text) else []
    if kind == "join":
        nxt = found[(pick % len(found)) + 1] if line is not found[-1] else None
        return [Edit(line.end, text[line.end : nxt.start], "", "t")] if nxt else []
    half = len(line.text) // 2
    return [Edit(line.start + half, "", "\n\n", "t")] if half else []


@given(page=st.sampled_from(range(len(PAGES))), kind=st.sampled_from(["drop", "cut", "copy", "piece", "join", "split"]),
       pick=st.integers(0, 10_000), stage=st.sampled_from(["paragraphs", "fragments", "dedup"]))
@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
def test_a_recheck_edits_as_a_full_run(page, kind, pick, stage):
    cleaner = PipelineCleaner()
    n = [s.name for s in cleaner.stages].index(stage)
    doc, looked = first_pass(cleaner, PAGES[page])
    other = replayed(doc)
    edits = later_edit(doc.text, kind, pick)
    doc.apply("later", edits)
    other.apply("later", edits)
    seen, clean = looked[n]
    cleaner.stages[n].recheck(doc, Touched(doc, seen, clean))
    cleaner.stages[n].run(other)
    assert doc.text == other.text
    assert [tuple(c) for c in doc.changes] == [tuple(c) for c in other.changes]


def test_a_stage_that_found_nothing_is_not_rechecked_unless_the_text_changed(monkeypatch):
    cleaner = Cleaner()
    ran: list[str] = []
    for stage in cleaner.stages:
        for method in ("run", "recheck"):
            real = getattr(stage, method)
            monkeypatch.setattr(stage, method, lambda doc, *rest, real=real, name=f"{stage.name}.{method}":
                                ran.append(name) or real(doc, *rest))
    raw = (DATA / "samples" / "001_45c752f241fca3c1.txt").read_text(encoding="utf-8")  # nothing after paragraphs edits
    cleaner.clean(raw)
    assert [r for r in ran if r.endswith("recheck")] == ["normalize.recheck", "debris.recheck"]
    ran.clear()
    clean_text = cleaner.clean(raw).text
    cleaner.clean(clean_text)
    assert ran.count("stutter.run") == 2 and "stutter.recheck" not in ran


@pytest.mark.parametrize("stage", ["paragraphs", "stutter"])
def test_a_stage_whose_last_round_found_nothing_says_so(stage):
    cleaner = Cleaner()
    (found,) = [s for s in cleaner.stages if s.name == stage]
    doc = Document("会议会议精神\n\n人数。\n")
    found.run(doc)
    assert len(doc.steps) == 1 and found.clean_at(doc) == 1
    assert found.clean_at(Document("其他。\n")) == -1


def stage_of(cleaner: Cleaner, name: str):  # noqa: ANN201 - a Stage
    return next(s for s in cleaner.stages if s.name == name)


def test_a_recheck_decides_the_break_after_a_line_changed_inside():
    """Text put inside 签约仪式在京举行 makes it body text, which the line after it
    continues: only the line before the break changed."""
    paragraphs = stage_of(Cleaner(), "paragraphs")
    doc = Document("签约仪式在京举行\n\n包钢贺海东出席\n")
    paragraphs.run(doc)
    doc.apply("later", [Edit(4, "", "在" * 35, "test")])
    paragraphs.recheck(doc, Touched(doc, paragraphs.clean_at(doc), True))
    assert doc.text == "签约仪式" + "在" * 35 + "在京举行包钢贺海东出席\n"


def test_a_recheck_judges_the_line_before_a_line_that_changed():
    """石泰峰主持并 heads the byline after it, so it is a headline and stays; once
    the byline is gone, it is a fragment."""
    fragments = stage_of(Cleaner(), "fragments")
    doc = Document("会后进行了分组审议。\n\n石泰峰主持并\n\n本报记者 戴宏\n")
    fragments.run(doc)
    assert not doc.steps
    byline = doc.text.index("本报")
    doc.apply("later", [Edit(byline, "本报记者 戴宏", "会议开幕。", "test")])
    fragments.recheck(doc, Touched(doc, 0, True))
    assert doc.text == "会后进行了分组审议。\n\n会议开幕。\n"


def test_a_recheck_judges_the_line_after_a_line_that_changed():
    """石泰峰主持并 after a line cut mid-sentence is body text left unjoined, so it
    stays; once that line ends its sentence, it stands alone and is a fragment."""
    fragments = stage_of(Cleaner(), "fragments")
    doc = Document("会后进行了分组审议，\n\n石泰峰主持并\n\n自治区党委外事工作委员会召开第四次会议 石泰峰主持\n")
    fragments.run(doc)
    assert not doc.steps
    doc.apply("later", [Edit(doc.text.index("，"), "，", "。", "test")])
    fragments.recheck(doc, Touched(doc, 0, True))
    assert doc.text == "会后进行了分组审议。\n\n自治区党委外事工作委员会召开第四次会议 石泰峰主持\n"


def test_a_recheck_finds_a_piece_of_a_headline_that_a_changed_line_now_is():
    fragments = stage_of(Cleaner(), "fragments")
    doc = Document("会后进行了分组审议。\n\n工作委员会召开第\n\n新春走基层\n\n回眸2023\n\n会议在京召开了。\n")
    fragments.run(doc)
    assert not doc.steps
    body = doc.text.index("会议在京")
    doc.apply("later", [Edit(body, "会议在京召开了。", "自治区党委外事工作委员会召开第四次会议 石泰峰主持", "test")])
    fragments.recheck(doc, Touched(doc, 0, True))
    assert "工作委员会召开第\n" not in doc.text


def test_a_recheck_finds_a_near_copy_that_a_changed_paragraph_now_is():
    dedup = stage_of(Cleaner(), "dedup")
    body = "市退役军人事务局在全市开展“服务体系提升”活动，推动退役军人服务体系从“有”向“优”转变。"
    doc = Document(f"{body}\n\n今年全市共举办招聘会43场。\n\n其他消息，与上文无关，说的是另一件事情。\n")
    dedup.run(doc)
    assert not doc.steps
    other = doc.text.index("其他消息")
    doc.apply("later", [Edit(other, "其他消息，与上文无关，说的是另一件事情。", body.replace("全市", "全区", 1), "test")])
    dedup.recheck(doc, Touched(doc, 0, True))
    assert doc.text.count("服务体系提升") == 1


def test_a_recheck_decides_the_break_before_the_line_before_a_line_that_changed():
    """A headline-shaped line after body text stands apart over a byline; once an edit
    inside the line after it makes that line body text, the headline-shaped line is the
    tail of a cut paragraph: the break two lines before the change is decided again."""
    paragraphs = stage_of(Cleaner(), "paragraphs")
    body = "联席会召开。自治区党委副书记、自治区主席王莉霞出席会议并致辞"
    doc = Document(f"{body}\n\n我市云春雷获评工作表现突出个人\n\n本报记者 王磊\n")
    paragraphs.run(doc)
    assert not doc.steps
    inside = doc.text.index("记者")  # not at the line's start: the span reaches that line alone
    doc.apply("later", [Edit(inside, "记者 王磊", "会议召开。", "test")])
    paragraphs.recheck(doc, Touched(doc, 0, True))
    assert doc.text == f"{body}我市云春雷获评工作表现突出个人本报会议召开。\n"
