"""Clean prose through the full default profile (SPEC rule 18, issue 18): tools/prose_check.py.

The whole corpus (tests/data/prose/ and the gold pages, 542K characters)
is cleaned once per module: about a second.
"""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "tools"))
import prose_check  # noqa: E402
from prose_check import Doc, check, corpus, touched  # noqa: E402

from cleanup import Change, Cleaner  # noqa: E402

# Share of the corpus's paragraphs the full profile must leave unchanged:
# 89.97 % measured when the corpus was built, 90.98 % once the stutter stage
# kept what it doubts, 99.66 % with no join after a lead-in, 99.76 % with no
# tail joined to a sentence already ended (issue 18 wants 99.9 %), 99.98 % with
# no join after a lead-in before a new sentence or list item, of short list items,
# of a document's title, a chapter or numeral heading, a dialogue's turn; raise it
# as the stages stop changing clean prose.
UNCHANGED_FLOOR = 0.9995
# The same corpus written a paragraph a line with no blank line between: paragraphs the
# clean text holds whole (76.22 % while such a text was read as a column's printed lines,
# 99.99 % once lines that end sentences as paragraphs do, in no column, are paragraphs).
WHOLE_FLOOR = 0.9995
# Short texts so written: the corpus's paragraphs under 40 characters (headlines, a list's items,
# short sentences), four a text (62.55 % whole while a text with no line as long as body text
# was read as printed lines, 99.31 % once its widest lines ending sentences or clauses say paragraphs).
SHORT_WHOLE_FLOOR = 0.99


@pytest.fixture(scope="module")
def report() -> prose_check.Report:
    return check(corpus(), Cleaner())


def test_corpus_is_large_and_from_several_sources():
    docs = list(corpus())
    chars = sum(len(p) for d in docs for p in d.paragraphs)
    assert chars >= 500_000
    assert {d.source for d in docs} >= {"laws", "nahan", "sanguo", "zhlipsum", "gold"}
    assert all(p and p == p.strip() and "\n" not in p for d in docs for p in d.paragraphs)


def test_clean_prose_mostly_passes_through(report):
    assert report.unchanged_share >= UNCHANGED_FLOOR, (
        f"{report.unchanged_share:.2%} of paragraphs unchanged, floor {UNCHANGED_FLOOR:.0%}:"
        f" python tools/prose_check.py lists the changes"
    )


def test_prose_a_paragraph_a_line_keeps_its_paragraphs():
    lines = prose_check.check_lines(corpus(), Cleaner())
    assert lines.unchanged_share >= WHOLE_FLOOR, (
        f"{lines.unchanged_share:.2%} of paragraphs whole, floor {WHOLE_FLOOR:.2%}:"
        f" python tools/prose_check.py --lines lists them"
    )


def test_short_texts_a_paragraph_a_line_keep_their_paragraphs():
    lines = prose_check.check_lines(prose_check.chunks(corpus(), 4, 40), Cleaner())
    assert sum(lines.paragraphs.values()) > 4000
    assert lines.unchanged_share >= SHORT_WHOLE_FLOOR, (
        f"{lines.unchanged_share:.2%} of paragraphs whole, floor {SHORT_WHOLE_FLOOR:.2%}:"
        f" python tools/prose_check.py --lines --chunk 4 --short 40 lists them"
    )


def test_chunks_cut_documents_into_texts_of_so_many_paragraphs():
    docs = [Doc("t", 1, ("甲。", "乙乙乙乙。", "丙。")), Doc("t", 2, ("丁。",))]
    assert [d.paragraphs for d in prose_check.chunks(docs, 2)] == [("甲。", "乙乙乙乙。"), ("丙。",), ("丁。",)]
    assert [(d.number, d.paragraphs) for d in prose_check.chunks(docs, 2, shorter_than=4)] == [
        (1, ("甲。", "丙。")), (2, ("丁。",))]


def test_prose_check_lines_lists_a_paragraph_the_clean_text_does_not_hold_whole():
    doc = Doc("t", 1, ("县里召开了全县春耕生产动员大会，对今年的春耕工作作了全面部署。", "今年计划新建ＡＰＰ平台三个。"))
    lines = prose_check.check_lines([doc], Cleaner())
    assert lines.paragraphs["t"] == 2 and lines.changed["t"] == 1
    assert lines.not_whole == [(doc, 1)]


def test_every_changed_paragraph_has_its_changes_listed(report):
    listed = {(f.doc.source, f.doc.number, f.paragraph) for f in report.findings}
    assert len(listed) <= sum(report.changed.values()) <= 2 * len(report.findings)
    assert all(0 <= f.paragraph < len(f.doc.paragraphs) for f in report.findings)


def change(start: int, end: int, before: str, after: str = "") -> Change:
    return Change("rule", "stage", start, end, before, after, 0, start)


DOC = Doc("test", 1, ("甲乙。", "丙丁：", "戊己。"))  # offsets 0-3, 5-8, 10-13; breaks at 3 and 8


@pytest.mark.parametrize(("c", "paragraphs"), [
    (change(1, 2, "乙"), [0]),  # inside a paragraph
    (change(8, 10, "\n\n"), [1, 2]),  # a join touches both sides
    (change(5, 10, "丙丁：\n\n"), [1]),  # a paragraph removed with its break
    (change(3, 13, "\n\n丙丁：\n\n戊己。"), [1, 2]),  # removed with the break before them
    (change(12, 12, "", "啊"), [2]),  # an insertion
    (change(0, 0, "", "啊"), [0]),
    (change(9, 9, "", "\n"), [1, 2]),  # inside a break
    (change(2, 6, "。\n\n丙"), [0, 1]),  # across a break
])
def test_a_change_touches_the_paragraphs_it_reaches(c, paragraphs):
    assert sorted(touched(DOC, [c])) == paragraphs


def test_report_lists_changes_by_rule(capsys):
    doc = Doc("test", 1, ("本次会议会议精神。",))
    report = check([doc], Cleaner())
    prose_check.print_report(report, summary=False, rule=None, limit=None)
    out = capsys.readouterr().out
    assert "paragraphs unchanged: 0/1" in out
    assert "## stutter-word (1)" in out
    assert "test:1:1  …本次会议[会议→]精神。⏎…" in out


def test_a_suspect_kept_is_no_change_and_is_counted_apart():
    report = check([Doc("test", 1, ("市交通局局长出席。",))], Cleaner())
    assert report.unchanged_share == 1 and report.findings == []
    assert report.suspects == {"stutter-word": 1}
