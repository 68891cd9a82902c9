"""The development set in tests/data/devset/ (tools/make_devset.py) and its scorer.

Nothing here needs a browser or OCR: the pages were printed and read once,
and what the readers wrote is kept.  The generator's own part (seed ->
page -> HTML, gold, structure) is checked against the kept files.
"""

from __future__ import annotations

import hashlib
import json
import sys
import unicodedata
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st
from rapidfuzz.distance import Levenshtein
import regex

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tools"))

import break_misses  # noqa: E402
import make_devset  # noqa: E402
import score_devset  # noqa: E402
from devset import extract  # noqa: E402
from devset.layout import render  # noqa: E402
from devset.page import make_page  # noqa: E402

DEVSET = ROOT / "tests" / "data" / "devset"
MANIFEST = json.loads((DEVSET / "manifest.json").read_text(encoding="utf-8"))
PAGES = MANIFEST["pages"]
IDS = [p["id"] for p in PAGES]
READERS = ("pymupdf", "pdfminer", "pdftotext", "tesseract")


def gold_text(pid: str) -> str:
    return (DEVSET / "gold" / f"{pid}.txt").read_text(encoding="utf-8")


def structure(pid: str) -> dict:
    return json.loads((DEVSET / "structure" / f"{pid}.json").read_text(encoding="utf-8"))


def test_the_set_has_pages_of_every_layout_and_width():
    assert len(PAGES) >= 6
    assert {p["layout"] for p in PAGES} == {"flow", "boxes"}
    assert {p["columns"] for p in PAGES} == {3, 4, 5, 6}
    assert MANIFEST["readers"] == list(READERS)


def test_every_page_has_gold_structure_and_the_text_of_every_reader():
    for folder in ("gold", "structure", *(f"raw/{r}" for r in READERS)):
        names = sorted(p.stem for p in (DEVSET / folder).iterdir())
        assert names == sorted(IDS), folder


@pytest.mark.parametrize("pid", IDS)
def test_gold_is_clean_text_per_spec(pid):
    text = gold_text(pid)
    assert text == unicodedata.normalize("NFC", text)
    assert text.endswith("\n") and not text.endswith("\n\n") and "\r" not in text
    assert "\n\n\n" not in text
    paras = text[:-1].split("\n\n")
    assert all(p and "\n" not in p and p == p.strip() for p in paras)
    assert not regex.search(r"[\p{Cc}\p{Cf}--\n]", text, flags=regex.V1)  # control and zero-width
    assert not regex.search(r"[\u3000\uFF10-\uFF19\uFF21-\uFF3A\uFF41-\uFF5A]", text)  # rules 5, 10
    assert not regex.search(r"[\u2F00-\u2FD5\u2E80-\u2EF3\uF900-\uFAFF]", text)  # look-alikes, rule 10
    assert not regex.search(r"(上接|下转)第\d+版", text)  # jump markers, rule 12
    assert not regex.search(r"^[■□●◆▲★]", text, flags=regex.M)  # bullets, rule 13
    assert not regex.search(r"\p{Han} {2,}|  ", text)  # one space at most, rules 6-7
    assert not regex.search(r"\p{Han}[,;:?!()]|[,;:?!()]\p{Han}", text)  # full-width in Chinese, rule 8


@pytest.mark.parametrize("pid", IDS)
def test_gold_holds_what_the_structure_says_and_no_furniture(pid):
    st = structure(pid)
    paras = gold_text(pid)[:-1].split("\n\n")
    expected = list(st["credits"])
    for a in st["articles"]:
        for key in ("kicker", "headline", "byline"):
            expected += [a[key]] if a[key] else []
        for key in ("subheadlines", "paragraphs", "subheads", "captions", "credits"):
            expected += a[key]
        assert a["roles"].count("paragraph") == len(a["paragraphs"])
    assert sorted(paras) == sorted(expected)
    assert len(set(paras)) == len(paras), "a repeated paragraph would be the dedup rule's to remove"
    assert st["folio"]["text"] not in gold_text(pid)
    assert f"第{st['folio']['page_no']}版" in st["folio"]["text"] or str(st["folio"]["page_no"]) in st["folio"]["text"]


@pytest.mark.parametrize("page", PAGES, ids=IDS)
def test_the_same_seed_makes_the_same_page(page):
    made = make_page(page["seed"])
    assert made.gold() == gold_text(page["id"])
    assert make_devset.structure_json(made) == (DEVSET / "structure" / f"{page['id']}.json").read_text(
        encoding="utf-8")
    assert hashlib.sha256(render(made).encode("utf-8")).hexdigest() == page["html_sha256"]


HELDOUT = ROOT / "tests" / "data" / "heldout"
HELDOUT_PAGES = json.loads((HELDOUT / "manifest.json").read_text(encoding="utf-8"))["pages"]


def test_the_held_out_pages_are_other_seeds_with_every_file():
    """tests/data/heldout/: pages of seeds no rule was tuned on, read by PyMuPDF and tesseract."""
    held = {p["seed"] for p in HELDOUT_PAGES}
    assert len(held) >= 30 and not held & {p["seed"] for p in PAGES}
    ids = sorted(p["id"] for p in HELDOUT_PAGES)
    for folder in ("gold", "structure", "raw/pymupdf", "raw/tesseract"):
        assert sorted(p.stem for p in (HELDOUT / folder).iterdir()) == ids, folder


@pytest.mark.parametrize("page", HELDOUT_PAGES[::10], ids=[p["id"] for p in HELDOUT_PAGES[::10]])
def test_a_held_out_seed_makes_its_kept_page(page):
    made = make_page(page["seed"])
    assert made.gold() == (HELDOUT / "gold" / f"{page['id']}.txt").read_text(encoding="utf-8")
    assert hashlib.sha256(render(made).encode("utf-8")).hexdigest() == page["html_sha256"]


def test_jump_markers_and_folios_are_printed_but_not_gold():
    jumps = [(p, j) for p in IDS for j in structure(p)["jumps"]]
    assert jumps, "the set should have page jumps"
    for pid, j in jumps:
        assert j["marker"] not in gold_text(pid)
        assert (j["to_page"] is None) != (j["from_page"] is None)


def test_readers_wrote_the_damage_the_set_is_for():
    raw = {r: "".join((DEVSET / "raw" / r / f"{p}.txt").read_text(encoding="utf-8") for p in IDS)
           for r in READERS}
    assert score_devset.radicals(raw["pdfminer"]) > 100  # Kangxi radicals for ordinary characters
    assert "\n\n" not in raw["pymupdf"]  # one printed line a line, no blank line anywhere
    assert all("\f" in raw[r] for r in ("pdfminer", "pdftotext"))  # form feeds kept as written


def test_make_devset_without_a_browser_writes_gold_structure_and_manifest(tmp_path):
    seed = PAGES[0]["seed"]
    assert make_devset.main(["--seeds", str(seed), "--out", str(tmp_path), "--no-render", "--keep-html"]) == 0
    pid = PAGES[0]["id"]
    assert (tmp_path / "gold" / f"{pid}.txt").read_text(encoding="utf-8") == gold_text(pid)
    html = (tmp_path / "html" / f"{pid}.html").read_bytes()
    assert hashlib.sha256(html).hexdigest() == PAGES[0]["html_sha256"]
    manifest = json.loads((tmp_path / "manifest.json").read_text(encoding="utf-8"))
    assert manifest["seeds"] == [seed] and not (tmp_path / "raw").exists()


def test_seed_ranges():
    assert make_devset.seed_range("1-3,7") == [1, 2, 3, 7]
    assert make_devset.seed_range("5") == [5]


def test_bad_seeds_are_a_one_line_error(capsys):
    assert make_devset.main(["--seeds", "one-two", "--no-render"]) == 2
    assert capsys.readouterr().err.count("\n") == 1


def test_missing_tools_are_named_with_how_to_install_them(monkeypatch, capsys, tmp_path):
    monkeypatch.setattr(extract.shutil, "which", lambda name: None)
    monkeypatch.setattr(extract.importlib.util, "find_spec", lambda name: None)
    lines = extract.missing()
    assert {line.split(":")[0] for line in lines} >= {
        "missing chromium", "missing poppler-utils", "missing tesseract-ocr", "missing tesseract-ocr-chi-sim",
        "missing pymupdf", "missing pdfminer.six"}
    assert all("apt-get install" in line or "pip install" in line for line in lines)
    assert make_devset.main(["--seeds", "1", "--out", str(tmp_path)]) == 1
    assert "apt-get install chromium" in capsys.readouterr().err
    assert not (tmp_path / "manifest.json").exists()


def test_radicals_are_counted_among_han_characters_only():
    assert score_devset.radicals("⼈⺠日报 ⽇ 报") == 3
    assert score_devset.radicals("x⼤y ⼤") == 0


def test_own_paragraph_counts_a_headline_alone_on_its_line_not_glued():
    out = "共签署合作项目及协议20个\n\n本报讯（记者 王磊）近日，会议召开。\n"
    assert score_devset.own_paragraphs(["共签署合作项目及协议20个", "本报记者 王磊"], out) == 1
    glued = "共签署合作项目及协议20个本报记者 王磊近日，会议召开。\n"
    assert score_devset.own_paragraphs(["共签署合作项目及协议20个"], glued) == 0


def test_gold_as_read_takes_the_readers_han_errors_and_losses_only():
    gold = "会议在北京召开，\n代表出席。\n"
    # misread and lost Han characters are the reader's: gold takes them
    assert score_devset.as_read("会议在北京石开，代表。", gold) == "会议在北京石开，\n代表。\n"
    # breaks, spaces, punctuation widths and added debris stay gold's: they are the cleaner's to mend
    assert score_devset.as_read("会议在北\n京召开, 代表\n出席。\n3\n", gold) == gold
    assert score_devset.as_read("会议在北京召开3版代表出席。", gold) == gold  # debris for a mark
    # one for one, a break inside a misread run stays where gold has it
    assert score_devset.as_read("京石升会", "京召\n开会") == "京石\n升会"
    assert score_devset.as_read("共有家", "共有12家") == "共有12家"  # lost digits are not a misreading
    # look-alikes and Traditional characters the profile maps are the cleaner's too
    maps = score_devset.CharacterMaps()
    assert score_devset.as_read(maps("會议在北京召开，代表出席。"), gold) == gold
    assert score_devset.as_read(maps("会议在北京召开，代表出席。").replace("会", "⼈"), gold) != gold


def test_gold_as_read_takes_the_readers_order_and_charges_lost_text():
    first, second, third = ("会议强调，要深入学习贯彻党的二十大精神。", "各地区各部门要结合实际抓好落实工作任务。",
                            "会议还研究了其他事项并作出具体部署安排。")
    read = score_devset.as_read(f"{second}\n{first}\n{third}\n", f"{first}\n{second}\n{third}\n")
    kept_all = Levenshtein.distance(second + first + third, read.replace("\n", ""))
    lost_one = Levenshtein.distance(first + third, read.replace("\n", ""))
    assert kept_all <= 2 and lost_one >= len(second) - 2  # the reader's order is not the cleaner's fault; text lost is


@pytest.fixture(scope="module")
def scored(cleaner) -> dict[str, dict]:
    rows = [score_devset.score_reader(DEVSET, r, IDS[:3], cleaner) for r in READERS]
    return {r["reader"]: r for r in rows if r}


def test_the_scorer_gives_figures_in_range_for_every_reader(scored):
    assert sorted(scored) == sorted(READERS)
    for row in scored.values():
        assert row["pages"] == 3 and row["gold_chars"] > 3000
        for key in ("para_p", "para_r", "break_p", "break_r", "fuzzy_para_p", "fuzzy_para_r", "own_para",
                    "headlines_own", "bylines_own", "heads_own", "fixed"):
            assert 0 <= row[key] <= 1, key
        assert row["ours_err"] >= 0 and row["lost_han"] >= 0 and row["radicals"] >= 0
    # text readers lose no characters to recognition; OCR does
    assert scored["pymupdf"]["out_err"] < scored["tesseract"]["out_err"]


def test_the_scorer_prints_a_table_and_json(capsys):
    assert score_devset.main(["--pages", "1", "--readers", "pymupdf"]) == 0
    table = capsys.readouterr().out
    assert table.startswith("| reader |") and "| pymupdf | 1 |" in table
    assert score_devset.main(["--pages", "1", "--readers", "pdftotext", "--json"]) == 0
    row = json.loads(capsys.readouterr().out)
    assert row["reader"] == "pdftotext" and row["pages"] == 1


def test_the_scorer_says_what_is_missing(tmp_path, capsys):
    assert score_devset.main(["--dir", str(tmp_path)]) == 1
    assert capsys.readouterr().err.count("\n") == 1
    (tmp_path / "gold").mkdir()
    (tmp_path / "gold" / "p0001.txt").write_text("标题\n", encoding="utf-8")
    assert score_devset.main(["--dir", str(tmp_path), "--readers", "pymupdf"]) == 1
    assert "raw text missing" in capsys.readouterr().err


def test_max_raw_err_leaves_out_the_pages_a_reader_read_out_of_order(cleaner):
    ids = IDS[:10]
    everything = score_devset.score_reader(DEVSET, "pdftotext", ids, cleaner)
    in_order = score_devset.score_reader(DEVSET, "pdftotext", ids, cleaner, max_raw_err=0.3)
    assert everything and in_order
    assert 0 < in_order["pages"] < everything["pages"] == 10
    assert in_order["raw_err"] <= 0.3 < everything["raw_err"]


def test_half_splits_the_pages_by_seed():
    odd, even = (score_devset.half(DEVSET, IDS, h) for h in ("odd", "even"))
    assert odd and even and sorted(odd + even) == sorted(IDS) and not set(odd) & set(even)
    assert "p0001" in odd and "p0002" in even  # the set's page n has seed n


@pytest.mark.parametrize(("raw", "out", "cls"), [
    ("甲乙丙丁戊己庚辛壬癸\n子丑寅卯辰巳午未申酉", "甲乙丙丁戊己庚辛壬癸子丑寅卯辰巳午未申酉", "b"),  # we joined it
    ("甲乙丙丁戊己庚辛壬癸子丑寅卯辰巳午未申酉", "甲乙丙丁戊己庚辛壬癸子丑寅卯辰巳午未申酉", "c"),  # the reader did
    ("子丑寅卯辰巳午未申酉\n\n甲乙丙丁戊己庚辛壬癸", "子丑寅卯辰巳午未申酉甲乙丙丁戊己庚辛壬癸", "a"),  # out of order
    # a caption between the two sides in the raw page: joined in, the miss is ours
    ("甲乙丙丁戊己庚辛壬癸\n图为会议现场本报记者王磊摄\n子丑寅卯辰巳午未申酉",
     "甲乙丙丁戊己庚辛壬癸图为会议现场本报记者王磊摄子丑寅卯辰巳午未申酉", "b"),
    ("甲乙丙丁戊己庚辛壬癸\n子丑寅卯辰巳午未申酉", "甲乙丙丁戊己庚辛壬癸", "d"),  # the output lost a side
])
def test_a_missed_break_is_classed_by_where_its_sides_are(raw, out, cls):
    gold = "甲乙丙丁戊己庚辛壬癸\n子丑寅卯辰巳午未申酉\n"
    (miss,) = break_misses.misses(raw, out, gold)
    assert miss.cls == cls
    assert break_misses.misses(raw, gold, gold) == []


@given(st.text(alphabet="甲乙 \u3000\t\n", max_size=30))
def test_break_misses_reads_the_text_as_the_scorer_does_and_knows_where_each_character_was(text):
    """_canon_with_index keeps its own copy of score.canon, with the index of each character."""
    canon, index = break_misses._canon_with_index(text)
    assert canon == break_misses.score.canon(text) and len(index) == len(canon)
    assert all(text[i] == c for c, i in zip(canon, index) if c != "\n")


def test_the_scorer_lists_the_missed_breaks_by_class(capsys):
    assert score_devset.main(["--pages", "2", "--readers", "tesseract", "--misses"]) == 0
    printed = capsys.readouterr().out
    listed = [line for line in printed.split("\n") if line.startswith("tesseract p000")]
    assert listed and all(line.split()[-1] in ("a", "b", "c", "d") for line in listed)
    assert f"tesseract: {len(listed)} of " in printed and "attainable recall" in printed
    assert score_devset.main(["--pages", "2", "--readers", "tesseract", "--misses", "--json"]) == 0
    row = json.loads(capsys.readouterr().out)
    assert sum(row[f"missed_{c}"] for c in "abcd") == len(listed)
    assert row["break_r"] <= row["attainable_r"] <= 1


def test_crawled_people_daily_articles_become_a_source_folder(tmp_path):
    """tools/devset/import_rmrb.py keeps a dated news report (headline without its column tag,
    paragraphs in clean form, the gap after the dateline kept) and leaves out an undated piece,
    a picture page and a paragraph printed twice."""
    from devset import import_rmrb

    day = tmp_path / "20200501"
    day.mkdir()
    more = "各地群众踊跃参加，气氛十分热烈，场面蔚为壮观。" * 6
    body = ["　　本报北京4月30日电　5月1日，全国各地举行活动。" + more,
            "　　第二段讲述了活动的详细安排。" + more,
            "　　第三段讲述了有关部门的准备工作。" + more,
            "　　第四段讲述了专家的看法。" + more]
    (day / "20200501-01-01.txt").write_text("引题\n各地举行庆祝活动（人民论坛）\n副题\n" + "\n".join(body), encoding="utf-8")
    (day / "20200501-01-02.txt").write_text("\n图片报道\n\n" + "\n".join(body), encoding="utf-8")
    (day / "20200501-02-01.txt").write_text("\n没有电头的评论\n\n" + "\n".join(body[1:]), encoding="utf-8")
    (day / "20200501-03-01.txt").write_text("\n同一篇文章转版\n\n" + "\n".join(body), encoding="utf-8")
    [article] = import_rmrb.articles([day])
    lines = article.splitlines()
    assert lines[0] == "# 各地举行庆祝活动"
    assert lines[1].startswith("本报北京4月30日电 5月1日，全国各地举行活动。")
    assert len(lines) == 1 + 4  # the same article printed again on page 3: written once
