"""``cleanup review``: the HTML review of a page and the report of a run.

Pages are read back with ``html.parser``: every change must appear once with
its rule id, the counts must be those of ``cleanup explain``, and what a
reader sees as kept must be the clean text.  One test drives headless
Chromium (skipped when it is missing) to see the marks and the filter work.
"""

from __future__ import annotations

import json
import re
import time
from collections import Counter
from html.parser import HTMLParser
from pathlib import Path
from typing import Any
from urllib.parse import unquote

import pytest
import regex
from conftest import SAMPLES, devset_page

from cleanup.cli import main
from cleanup.document import Change
from cleanup.review_index import histogram
from cleanup.review_page import Marker, exact_text, mark_text, render_body
from cleanup.review_replay import NONE, Piece, ReviewDoc, clean_text, replay

VOID = {"meta", "br", "link", "img", "input", "hr"}
WIRE = ("新华社北京1月7日电 国务院总理主持召开国务院常务会议，部署进一步做好稳外贸稳外资工作，"
        "要求各地区各部门认真贯彻落实党中央决策部署，稳住外贸外资基本盘。")
OTHER = "本报讯 今年全市共举办招聘会43场，提供岗位4.3万个，1576人达成就业意向，创历史新高。"


class ReviewPage(HTMLParser):
    """What the tests read of a review page.

    ``heads``: change id -> (rule, tag) of each change's first part;
    ``parts``: how many elements carry each change id; ``counts``: the
    panel's count per rule; ``kept``: the text of each kept paragraph as a
    reader sees it clean (removed text and written paragraph marks left out);
    ``details``: the JSON block.  Every end tag must close the element open
    last: the page is well formed.
    """

    def __init__(self, html: str) -> None:
        super().__init__(convert_charrefs=True)
        self.heads: dict[int, tuple[str, str]] = {}
        self.parts: Counter[int] = Counter()
        self.counts: dict[str, int] = {}
        self.kept: list[str] = []
        self.gone: list[str] = []
        self.roles: list[str] = []
        self.links: list[str] = []
        self.ids: set[str] = set()
        self.json = ""
        self.stack: list[tuple[str, dict[str, str]]] = []
        self.feed(html)
        self.close()
        assert not self.stack, f"unclosed: {self.stack}"
        self.details: list[list[Any]] = json.loads(self.json) if self.json else []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = {k: v or "" for k, v in attrs}
        if "id" in a:
            assert a["id"] not in self.ids, f"id {a['id']} twice"
            self.ids.add(a["id"])
        if tag == "a" and "href" in a:
            self.links.append(a["href"])
        if tag in VOID:
            return
        self.stack.append((tag, a))
        if "data-c" in a:
            cid = int(a["data-c"])
            self.parts[cid] += 1
            if "data-rule" in a:
                assert cid not in self.heads, f"change {cid} has two heads"
                assert a["id"] == f"c{cid}" and a["tabindex"] == "0"
                self.heads[cid] = (a["data-rule"], tag)
        if tag == "p" and self.inside("main"):
            if "gone" in a.get("class", ""):
                self.gone.append("")
            else:
                self.kept.append("")
                self.roles.append(a.get("data-role", ""))

    def handle_endtag(self, tag: str) -> None:
        if tag in VOID:
            return
        assert self.stack and self.stack[-1][0] == tag, f"</{tag}> closes {self.stack[-1:]}"
        self.stack.pop()

    def inside(self, tag: str, cls: str = "", **attrs: str) -> bool:
        return any(t == tag and cls in a.get("class", "").split() + [""]
                   and all(a.get(k) == v for k, v in attrs.items()) for t, a in self.stack)

    def handle_data(self, data: str) -> None:
        if self.inside("script", id="changes"):
            self.json += data
        elif self.inside("p", "gone"):
            self.gone[-1] += data
        elif self.inside("p") and self.inside("main") and not self.inside("del") \
                and not self.inside("ins", "b"):
            self.kept[-1] += data
        elif self.inside("span", "count"):
            rule = next(a["data-rule"] for t, a in self.stack if t == "button")
            self.counts[rule] = int(data)


def explain_counts(run, path: Path) -> Counter[str]:
    code, out, _ = run("explain", path)
    assert code == 0
    counts: Counter[str] = Counter()
    for rule, n in re.findall(r"^# (\S+): (\d+) (?:changes?|suspects? kept)$", out.decode(), re.M):
        counts[rule] += int(n)
    return counts


def log_changes(log: Path) -> list[dict[str, Any]]:
    return [r for r in map(json.loads, log.read_bytes().splitlines()) if r["type"] in ("change", "after")]


@pytest.fixture
def reviewed(run, tmp_path):
    """``(page, html)``: a copy of a sample and its review made by cleaning."""

    def _reviewed(sample: Path) -> tuple[Path, str]:
        page = tmp_path / sample.name
        page.write_bytes(sample.read_bytes())
        out = tmp_path / f"{sample.stem}.html"
        code, stdout, err = run("review", page, "-o", out)
        assert (code, stdout, err) == (0, b"", "")
        return page, out.read_text(encoding="utf-8")

    return _reviewed


# --- replay ----------------------------------------------------------------------


@pytest.mark.parametrize("sample", SAMPLES, ids=lambda p: p.stem)
def test_replay_gives_the_clean_text_and_keeps_every_raw_character(sample, cleaner):
    raw = sample.read_text(encoding="utf-8")
    result = cleaner.clean(raw)
    runs = replay(ReviewDoc(sample.name, raw, [Piece(0, raw, result.changes)]))
    assert clean_text(runs) == result.text
    assert "".join(r.text for r in runs if r.made_by == NONE) == raw
    removed = {r.removed_by for r in runs} | {r.made_by for r in runs}
    assert removed - {NONE} == set(range(len(result.changes)))


def test_replay_refuses_changes_that_do_not_fit():
    doc = ReviewDoc("p.txt", "今天,明天", [Piece(0, "今天,明天", [
        Change("punct-comma-fullwidth", "normalize", 2, 3, ";", "；", 0, 2)])])
    with pytest.raises(Exception, match="does not fit the input: the text there differs"):
        replay(doc)


# --- one page --------------------------------------------------------------------


@pytest.mark.parametrize("sample", SAMPLES, ids=lambda p: p.stem)
def test_every_change_appears_once_with_its_rule_and_the_counts_are_explains(run, reviewed, sample):
    page, html = reviewed(sample)
    parsed = ReviewPage(html)
    counts = explain_counts(run, page)
    assert sorted(parsed.heads) == list(range(sum(counts.values())))
    assert Counter(rule for rule, _ in parsed.heads.values()) == counts
    assert parsed.counts == counts
    assert set(parsed.parts) == set(parsed.heads)
    assert [d[0] for d in parsed.details] == [parsed.heads[i][0] for i in range(len(parsed.heads))]


@pytest.mark.parametrize("sample", SAMPLES[:2], ids=lambda p: p.stem)
def test_the_kept_text_reads_as_the_clean_text(reviewed, sample, cleaner):
    page, html = reviewed(sample)
    parsed = ReviewPage(html)
    clean = cleaner.clean(sample.read_text(encoding="utf-8")).text
    assert [p for p in parsed.kept if p] == [line for line in clean.split("\n") if line]
    assert parsed.gone, "the samples lose fragments and page-jump markers"


def test_marks_show_removed_written_and_joined_text(run, tmp_path):
    page = tmp_path / "p.txt"
    page.write_text("本报讯 2月 11日,会议召\n开。\n\n■下转第2版\n", encoding="utf-8")
    out = tmp_path / "p.html"
    assert run("review", page, "-o", out)[0] == 0
    html = out.read_text(encoding="utf-8")
    assert re.search(r'<del class="m"[^>]*data-rule="space-han-alnum"[^>]*>␣</del>', html)
    assert re.search(r'<del class="m"[^>]*>,</del><ins class="m"[^>]*>，</ins>', html)
    assert re.search(r'<del class="m j"[^>]*data-rule="para-join-wrap"[^>]*>↵</del>', html)
    parsed = ReviewPage(html)
    assert parsed.kept == ["本报讯 2月11日，会议召开。"]  # a dateline keeps its gap (SPEC 6)
    assert parsed.gone == ["↵↵■下转第2版"]
    comma = next(d for d in parsed.details if d[0] == "punct-comma-fullwidth")
    assert comma[3:9] == [",", "，", "line 1, col 11", "本报讯␣2月␣11日", ",", "会议召↵开。↵↵■下转第2版↵"]


def test_a_page_is_one_file_that_needs_no_network(reviewed):
    html = reviewed(SAMPLES[0])[1]
    assert not re.search(r"https?:|<link|\ssrc=|@import|url\(", html)
    assert "@media print" in html and "Noto Serif CJK SC" in html
    assert html.count("<script>") == 1 and html.count("<style>") == 1


def test_review_of_the_change_log_is_the_review_made_by_cleaning(run, reviewed, tmp_path):
    page, by_cleaning = reviewed(SAMPLES[2])
    log = tmp_path / "p.changes.jsonl"
    assert run(page, "-o", tmp_path / "clean.txt", "--changes", log)[0] == 0
    code, stdout, _ = run("review", page, "--changes", log)
    assert code == 0
    assert stdout.decode("utf-8") == by_cleaning


def test_the_review_made_by_cleaning_marks_the_suspects_kept(reviewed, cleaner):
    page, html = reviewed(SAMPLES[2])
    result = cleaner.clean(page.read_text(encoding="utf-8"))
    kept = re.findall(r'<mark class="m s" [^>]*data-rule="([^"]+)"[^>]*>([^<]*)</mark>', html)
    assert kept == [(c.rule, c.before) for c in result.suspects] and kept
    assert f"{len(result.changes)} changes · " in html


def test_a_change_log_of_another_input_is_refused(run, tmp_path):
    page, other = tmp_path / "a.txt", tmp_path / "b.txt"
    page.write_text("今天,明天。\n", encoding="utf-8")
    other.write_text("今天,后天。\n", encoding="utf-8")
    log = tmp_path / "a.changes.jsonl"
    assert run(page, "--changes", log, "-o", tmp_path / "a.clean")[0] == 0
    out = tmp_path / "b.html"
    code, _, err = run("review", other, "--changes", log, "-o", out)
    assert code == 2 and not out.exists()
    assert err.count("\n") == 1 and err.startswith(f"cleanup: error: {other}: the change log")
    log.write_text('{"v": 1, "type": "header"}\n', encoding="utf-8")
    code, _, err = run("review", page, "--changes", log, "-o", out)
    assert code == 2 and "field 'encoding' is missing" in err and not out.exists()


def test_other_encodings_and_undecodable_bytes_are_reviewed_from_their_logs(run, tmp_path):
    page = tmp_path / "gb.txt"
    page.write_bytes("今天,明天。\n会议召\n开。\n".encode("gb18030") + b"\xff\n")
    log = tmp_path / "gb.changes.jsonl"
    assert run(page, "--encoding", "gb18030", "--errors", "replace", "--changes", log,
               "-o", tmp_path / "gb.clean")[0] == 0
    out = tmp_path / "gb.html"
    assert run("review", page, "--changes", log, "-o", out)[0] == 0
    parsed = ReviewPage(out.read_text(encoding="utf-8"))
    clean = (tmp_path / "gb.clean").read_text(encoding="utf-8")
    assert [p for p in parsed.kept if p] == [line for line in clean.split("\n") if line]
    (bad,) = [d for d in parsed.details if d[0] == "decode-replace"]
    assert bad[3:5] == ["⟨byte FF⟩", "\ufffd"]


def test_usage_errors_are_one_line(run, tmp_path):
    (tmp_path / "raw").mkdir()
    for argv, words in ((["review", tmp_path / "raw"], "needs -o DIR"),
                        (["review", tmp_path / "none.txt"], "no such file"),
                        (["review", tmp_path / "raw", "-o", tmp_path / "r", "--changes",
                          tmp_path / "log.jsonl"], "names the directory of its logs")):
        code, _, err = run(*argv)
        assert code == 2 and err.count("\n") == 1 and words in err, err


def test_invisible_characters_are_shown():
    assert mark_text("a b\u3000\r\n\u200b") == "a␣b␣↵¤"
    assert exact_text(" \u3000\n\u200b\udcff") == "␣⟨U+3000⟩↵⟨U+200B⟩⟨byte FF⟩"


# --- hooks: suspects kept, line roles --------------------------------------------


def test_a_kept_suspect_is_marked_and_changes_nothing():
    raw = "大家研究研究。\n"
    suspect = Change("stutter-word", "stutter", 2, 6, "研究研究", "研究研究", 0, 2, "listed reduplication")
    doc = ReviewDoc("p.txt", raw, [Piece(0, raw, [suspect])])
    runs = replay(doc)
    assert clean_text(runs) == raw
    from cleanup.review import review_html

    html, summary = review_html(doc)
    assert '<mark class="m s" data-c="0" id="c0" data-rule="stutter-word" tabindex="0">研究研究</mark>' in html
    parsed = ReviewPage(html)
    assert parsed.kept == ["大家研究研究。"]
    assert parsed.details[0][9] == "suspect kept"
    assert summary.suspects == 1 and summary.removed == 0 and not summary.han_removals


def test_paragraph_roles_are_labelled():
    raw = "标题\n\n本报记者 王五\n\n正文。\n"
    runs = replay(ReviewDoc("p.txt", raw, [Piece(0, raw)]))
    html = render_body(runs, Marker([]), ["headline", "byline"])
    assert html == ('<p data-role="headline">标题</p>\n<p data-role="byline">本报记者 王五</p>\n'
                    "<p>正文。</p>")


@pytest.mark.parametrize("pid, reader, opening, label", [
    ("p0010", "tesseract", "通过会议议程后，会议听取了", ""),
    ("p0032", "pymupdf", "本报11月14日讯（记者 秦峰英）", "dateline"),
])
def test_the_review_reads_a_pages_roles_as_the_articles_view_does(pid, reader, opening, label, cleaner):
    """One reading of a page's roles (articles.page_roles): the review once read
    them on its own and labelled these paragraphs headlines, where the articles
    view reads body text and a dateline."""
    from cleanup.articles import page_roles
    from cleanup.review import role_labels

    raw = devset_page(pid, reader)
    clean = cleaner.clean(raw).text
    paragraphs = [t for t in clean.splitlines() if t]
    labels = role_labels(clean, raw)
    assert labels == ["" if r == "body" else r for r in page_roles(clean, raw)]
    assert [label for t, label in zip(paragraphs, labels, strict=True) if t.startswith(opening)] == [label]


def test_a_pages_review_labels_the_roles_its_lines_have(tmp_path):
    out = tmp_path / "r.html"
    assert main(["review", str(SAMPLES[0]), "-o", str(out)]) == 0
    html = out.read_text(encoding="utf-8")
    roles = re.findall(r'<p data-role="([a-z-]+)">', html)
    assert roles[:2] == ["headline", "dateline"]  # 习近平向…致口信, 新华社北京1月7日电 …
    assert "body" not in roles and roles.count("headline") >= 3


# --- a run's report --------------------------------------------------------------


@pytest.fixture
def logged_tree(run, tmp_path) -> tuple[Path, Path, Path]:
    """A raw tree of the samples (one in a subfolder), cleaned with change logs."""
    raw = tmp_path / "raw"
    (raw / "sub").mkdir(parents=True)
    for s in SAMPLES[:3]:
        (raw / s.name).write_bytes(s.read_bytes())
    (raw / "sub" / "inner.txt").write_bytes(SAMPLES[3].read_bytes())
    (raw / "sub" / "clean.txt").write_text("会议召开。\n", encoding="utf-8")
    clean, logs = tmp_path / "clean", tmp_path / "logs"
    assert run(raw, "-o", clean, "--changes", logs)[0] == 0
    return raw, clean, logs


def table_rows(html: str, after: str) -> list[list[str]]:
    """The rows (cell texts) of the first table after the text ``after``."""
    part = html[html.index(after):]
    part = part[: part.index("</table>")]
    return [[re.sub(r"<[^>]+>", "", c) for c in re.findall(r"<t[dh][^>]*>(.*?)</t[dh]>", row)]
            for row in re.findall(r"<tr>(.*?)</tr>", part, re.S)][1:]


def test_report_from_logs_links_every_page_and_counts_every_change(run, logged_tree, tmp_path):
    raw, clean, logs = logged_tree
    report = tmp_path / "report"
    code, stdout, err = run("review", raw, "--changes", logs, "-o", report)
    assert (code, stdout) == (0, b"")
    assert err == f"5 pages reviewed, 0 failed: {report / 'index.html'}\n"
    index = (report / "index.html").read_text(encoding="utf-8")
    records = {p.relative_to(logs): log_changes(p) for p in logs.rglob("*.changes.jsonl")}
    wanted = Counter(r["rule"] for recs in records.values() for r in recs)
    totals = {row[0]: int(row[2].replace(",", "")) for row in table_rows(index, "Totals by rule")}
    assert totals == wanted
    han = [r for recs in records.values() for r in recs
           if len(regex.findall(r"\p{Han}", r["before"])) > len(regex.findall(r"\p{Han}", r["after"]))]
    assert f"Removals of Han text: {len(han)}</h2>" in index and han
    parsed = ReviewPage(index)
    for link in parsed.links:
        target, _, anchor = link.partition("#")
        if not target:
            continue
        page = report / unquote(target)
        assert page.is_file(), link
        if anchor:
            assert f'id="{anchor}"' in page.read_text(encoding="utf-8")
    assert sum(1 for link in parsed.links if "#c" in link) == len(han)
    pages = sorted(p.relative_to(report / "pages") for p in (report / "pages").rglob("*.html"))
    assert pages == sorted(Path(f"{p.relative_to(raw)}.html") for p in raw.rglob("*.txt"))
    inner = ReviewPage((report / "pages" / "sub" / "inner.txt.html").read_text(encoding="utf-8"))
    assert "../../index.html" in inner.links
    assert [p for p in inner.kept if p] == \
        [line for line in (clean / "sub" / "inner.txt").read_text(encoding="utf-8").split("\n") if line]
    shares = table_rows(index, "How much each page changed")
    assert sum(int(row[1]) for row in shares) == 5 and shares[0][:2] == ["0 %", "1"]


def test_a_page_without_its_log_is_listed_and_the_rest_reviewed(run, logged_tree, tmp_path):
    raw, _, logs = logged_tree
    (logs / "sub" / "inner.changes.jsonl").unlink()
    report = tmp_path / "report"
    code, _, err = run("review", raw, "--changes", logs, "-o", report)
    assert code == 2
    assert f"cleanup: error: {raw / 'sub' / 'inner.txt'}: no change log" in err
    assert err.endswith("4 pages reviewed, 1 failed: " + str(report / "index.html") + "\n")
    index = (report / "index.html").read_text(encoding="utf-8")
    assert "Not reviewed: 1" in index and "<code>sub/inner.txt</code>" in index
    assert not (report / "pages" / "sub" / "inner.txt.html").exists()
    assert (report / "pages" / "sub" / "clean.txt.html").is_file()


def test_report_by_cleaning_matches_the_report_from_logs(run, logged_tree, tmp_path):
    raw, _, logs = logged_tree
    assert run("review", raw, "--changes", logs, "-o", tmp_path / "a")[0] == 0
    assert run("review", raw, "-o", tmp_path / "b")[0] == 0
    for page in (tmp_path / "a").rglob("*.html"):
        assert page.read_bytes() == (tmp_path / "b" / page.relative_to(tmp_path / "a")).read_bytes()


def test_dedup_across_removals_are_shown_from_the_logs(run, tmp_path):
    raw = tmp_path / "raw"
    raw.mkdir()
    (raw / "a.txt").write_text(f"{WIRE}\n", encoding="utf-8")
    (raw / "b.txt").write_text(f"{OTHER}\n\n{WIRE.replace('，', ',')}\n", encoding="utf-8")
    clean, logs, report = tmp_path / "clean", tmp_path / "logs", tmp_path / "report"
    assert run("--dedup-across", raw, "-o", clean, "--changes", logs)[0] == 0
    assert run("review", raw, "--changes", logs, "-o", report)[0] == 0
    page = ReviewPage((report / "pages" / "b.txt.html").read_text(encoding="utf-8"))
    assert "dedup-across" in page.counts
    assert [p for p in page.kept if p] == [OTHER]
    across = next(d for d in page.details if d[0] == "dedup-across")
    assert across[5] == "after cleaning, across documents" and across[7] is None
    index = (report / "index.html").read_text(encoding="utf-8")
    assert "<h3><code>dedup-across</code>: 1</h3>" in index


def test_jsonl_corpus_report(run, tmp_path):
    corpus = tmp_path / "corpus.jsonl"
    corpus.write_text(json.dumps({"id": 1, "text": "今天,明天。"}, ensure_ascii=False) + "\n"
                      + "not json\n"
                      + json.dumps({"id": 3, "text": "会议会议精神。\n"}, ensure_ascii=False) + "\n",
                      encoding="utf-8")
    log = tmp_path / "corpus.changes.jsonl"
    run(corpus, "--jsonl", "-o", tmp_path / "clean.jsonl", "--changes", log)
    report = tmp_path / "report"
    code, _, err = run("review", corpus, "--jsonl", "--changes", log, "-o", report)
    assert code == 2 and f"{corpus}:2: not valid JSON (Expecting value" in err  # the reason, as cleaning gives it
    pages = sorted(p.name for p in (report / "pages").iterdir())
    assert pages == ["record-0000001.html", "record-0000003.html"]
    third = ReviewPage((report / "pages" / "record-0000003.html").read_text(encoding="utf-8"))
    assert third.kept == ["会议精神。"] and third.counts == {"stutter-word": 1}
    assert run("review", corpus, "--jsonl", "-o", tmp_path / "again")[0] == 2
    assert (tmp_path / "again" / "pages" / "record-0000003.html").read_bytes() == \
        (report / "pages" / "record-0000003.html").read_bytes()
    code, _, err = run("review", corpus, "--changes", log, "-o", tmp_path / "x.html")
    assert code == 2 and "review it with --jsonl" in err


def test_jsonl_corpus_whose_first_records_all_fail_is_one_error(run, tmp_path):
    """As cleaning it does (cleanup.corpus.on_probation): a misnamed --text-field is one
    error, not one a record, and no report is written."""
    corpus, report = tmp_path / "corpus.jsonl", tmp_path / "report"
    corpus.write_text("".join(json.dumps({"id": n, "body": "今天,明天。"}, ensure_ascii=False) + "\n"
                              for n in range(12)), encoding="utf-8")
    code, out, err = run("review", corpus, "--jsonl", "-o", report)
    assert (code, out) == (2, b"")
    lines = err.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith(f"cleanup: error: {corpus}: none of its first 10 records")
    assert "a string field 'text'" in lines[0] and not report.exists()


def test_jsonl_corpus_whose_first_records_fail_before_a_good_one(run, tmp_path):
    corpus, report = tmp_path / "corpus.jsonl", tmp_path / "report"
    corpus.write_text("not json\n" * 9 + "\n" + json.dumps({"text": "会议会议精神。"}, ensure_ascii=False) + "\n",
                      encoding="utf-8")
    code, _, err = run("review", corpus, "--jsonl", "-o", report)
    lines = err.strip().splitlines()
    assert code == 2 and len(lines) == 10 and lines[-1].startswith("1 pages reviewed, 9 failed")
    assert [line.split(": not valid JSON")[0] for line in lines[:-1]] == \
        [f"cleanup: error: {corpus}:{n}" for n in range(1, 10)]
    assert [p.name for p in (report / "pages").iterdir()] == ["record-0000011.html"]


def test_histogram_bins():
    assert histogram([0.0, 0.5, 1.0, 3.0, 99.0, 100.0]) == [
        ("0 %", 1), ("0–1 %", 2), ("1–2 %", 0), ("2–5 %", 1), ("5–10 %", 0), ("10–20 %", 0),
        ("20–50 %", 0), ("50–100 %", 2)]


# --- in a browser ----------------------------------------------------------------


def test_in_chromium_the_marks_show_and_the_filter_works(reviewed, tmp_path):
    from chromium import Browser, find_chromium

    binary = find_chromium()
    if binary is None:
        pytest.skip("Chromium is not installed (Debian: apt-get install chromium): "
                    "the page cannot be opened in a browser here")
    _, html = reviewed(SAMPLES[0])
    page = tmp_path / "review.html"
    page.write_text(html, encoding="utf-8")
    started = time.perf_counter()
    with Browser(binary) as browser:
        browser.open(page)
        look = """(sel) => Array.from(document.querySelectorAll(sel)).filter((el) => {
            const r = el.getBoundingClientRect(), s = getComputedStyle(el);
            return r.width > 0 && r.height > 0 && s.visibility === 'visible' && s.display !== 'none';
          }).map((el) => [el.dataset.c, getComputedStyle(el).textDecorationLine])"""
        shown = f"(({look}))"
        removed = browser.eval(f"{shown}('main del.m:not(.j)')")
        written = browser.eval(f"{shown}('main ins.m:not(.b)')")
        joins = browser.eval(f"{shown}('main del.m.j')")
        assert removed and all(dec == "line-through" for _, dec in removed)
        assert written and all(dec == "underline" for _, dec in written)
        assert joins and all(dec == "none" for _, dec in joins)
        # focus shows the details; n moves to the next change
        tip = browser.eval("document.getElementById('c0').focus(); "
                           "[document.getElementById('tip').hidden, document.getElementById('tip').textContent]")
        assert tip[0] is False and "punct-comma-fullwidth" in tip[1] and "raw:" in tip[1]
        browser.send("Input.dispatchKeyEvent", session=True, type="keyDown", key="n", text="n")
        assert browser.eval("document.activeElement.id") == "c1"
        # the filter: only stutter-word changes stay marked
        browser.eval("document.querySelector('#rules button[data-rule=\"stutter-word\"]').click()")
        heads = browser.eval("Array.from(document.querySelectorAll('main [data-rule]'))"
                             ".filter((el) => !el.classList.contains('off')).map((el) => el.dataset.rule)")
        assert heads == ["stutter-word"]
        assert [c for c, _ in browser.eval(f"{shown}('main del.m')")] == \
            browser.eval("Array.from(document.querySelectorAll('main del.m[data-rule=\"stutter-word\"]'))"
                         ".map((el) => el.dataset.c)")
        plain = browser.eval(f"{shown}('main ins.m')")  # written text stays, unmarked
        assert len(plain) == len(written) and all(dec == "none" for _, dec in plain)
        assert browser.eval("document.getElementById('status').textContent") == \
            "Showing 1 of 215 changes: stutter-word."
        browser.eval("document.getElementById('all').click()")
        assert len(browser.eval(f"{shown}('main del.m:not(.j)')")) == len(removed)
        browser.screenshot(tmp_path / "review.png")
        assert (tmp_path / "review.png").read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
        browser.media("print")
        assert browser.eval("getComputedStyle(document.getElementById('panel')).display") == "none"
        assert browser.eval(f"{shown}('main del.m:not(.j)')") == removed
    print(f"browser test: {time.perf_counter() - started:.2f} s, screenshot {tmp_path / 'review.png'}")
