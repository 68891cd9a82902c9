"""Dedup across the documents of an archive (cleanup/archive.py, --dedup-across)."""

from __future__ import annotations

import dataclasses
import json
import random
import sys
from pathlib import Path

import pytest

pytest.importorskip("datasketch", reason="archive dedup needs the 'archive' extra")

from cleanup.archive import ArchiveDeduper, ArchiveParams, dedup_tree  # noqa: E402
from cleanup.cli import main  # noqa: E402
from cleanup.document import Document, undo  # noqa: E402
from cleanup.errors import CleanupError, RuleError  # noqa: E402

WIRE = ("新华社北京1月7日电 国务院总理主持召开国务院常务会议，部署进一步做好稳外贸稳外资工作，"
        "决定延续实施部分减税降费政策，推动经济运行持续好转。")
OTHER = "本报讯 今年全市共举办招聘会43场，提供岗位4.3万个，1576人达成就业意向，创历史新高。"
OTHER_TOO = "会议要求，各地区各部门要切实抓好落实，确保各项政策尽快落地见效，惠及更多企业和群众。"
PARAMS = ArchiveParams.from_profile()


def deduper(**changes: object) -> ArchiveDeduper:
    return ArchiveDeduper(dataclasses.replace(PARAMS, **changes))


def changed(text: str, count: int) -> str:
    chars = list(text)
    step = len(chars) // (count + 1)
    for n in range(1, count + 1):
        chars[n * step] = "甲"
    return "".join(chars)


def test_earliest_copy_is_kept_and_the_removal_names_it():
    d = deduper()
    assert d.add("2024-01-07/a", [OTHER, WIRE]) == []
    [r] = d.add("2024-01-08/b", ["标题", WIRE])
    assert (r.doc_id, r.index, r.kept_doc, r.kept_index, r.score) == ("2024-01-08/b", 1, "2024-01-07/a", 1, 100.0)
    assert r.note == "copy of 2024-01-07/a paragraph 2 (ratio 100)"
    [r] = d.add("2024-01-09/c", [WIRE])
    assert r.kept_doc == "2024-01-07/a"


@pytest.mark.parametrize("count", [1, 2, 3, 4, 5])
def test_near_copy_is_found(count: int):
    d = deduper()
    d.add("a", [WIRE])
    [r] = d.add("b", [OTHER, changed(WIRE, count)])
    assert r.index == 1 and 90 <= r.score < 100


def test_width_variant_is_an_exact_copy():
    d = deduper()
    d.add("a", [WIRE])
    [r] = d.add("b", [WIRE.replace("，", ",").replace(" ", "\u3000")])
    assert r.score == 100.0


def test_short_and_different_paragraphs_stay():
    d = deduper()
    d.add("a", ["（李海珍）", "本报记者 王中宙 摄", WIRE])
    assert d.add("b", ["（李海珍）", "本报记者 王中宙 摄", OTHER]) == []


def test_repeats_inside_one_document_are_left_to_the_dedup_stage():
    d = deduper()
    assert d.add("a", [WIRE, OTHER, WIRE]) == []
    assert len(d) == 2


def test_index_forgets_the_oldest_beyond_max_paragraphs():
    d = deduper(max_paragraphs=2)
    d.add("a", [WIRE])
    d.add("b", [OTHER])
    d.add("c", ["第三篇报道的正文，写的是另一件事情，与前两篇都不相同。"])
    assert len(d) == 2
    assert [r.kept_doc for r in d.add("d", [OTHER, WIRE])] == ["b"]  # a left the index


def test_planted_copies_are_found_and_nothing_else():
    rng = random.Random(3)
    han = [chr(c) for c in range(0x4E00, 0x4E00 + 3000)]
    docs = [["".join(rng.choices(han, k=rng.randint(30, 90))) + "。" for _ in range(10)] for _ in range(40)]
    planted = set()
    for n in range(60):
        d, i = rng.randrange(5, 40), rng.randrange(10)
        source = rng.choice(rng.choice(docs[:5]))  # never overwritten by a later plant
        docs[d][i] = changed(source, rng.randint(0, 3)) if len(source) > 60 else source
        planted.add((d, i))
    ded = deduper()
    found = {(d, r.index) for d, paras in enumerate(docs) for r in ded.add(str(d), paras)}
    assert found == planted


def test_apply_records_changes_that_undo():
    d = deduper()
    d.apply(Document(f"{OTHER}\n\n{WIRE}\n"), "a")
    raw = f"第二天的标题\n\n{WIRE}\n\n{OTHER}\n"
    doc = Document(raw)
    removals = d.apply(doc, "b")
    assert doc.text == "第二天的标题\n"
    assert [c.rule for c in doc.changes] == ["dedup-across", "dedup-across"]
    assert doc.changes[0].note == "copy of a paragraph 2 (ratio 100)"
    assert [r.index for r in removals] == [1, 2]
    assert undo(doc.text, doc.changes) == raw


def test_dedup_tree_rewrites_later_files_only(tmp_path: Path):
    (tmp_path / "1.txt").write_text(f"{WIRE}\n", encoding="utf-8")
    (tmp_path / "2.txt").write_text(f"{OTHER}\n\n{WIRE}\n", encoding="utf-8")
    removals = dedup_tree(tmp_path, [Path("1.txt"), Path("2.txt")], PARAMS)
    assert [(r.doc_id, r.kept_doc) for r in removals] == [("2.txt", "1.txt")]
    assert (tmp_path / "1.txt").read_text(encoding="utf-8") == f"{WIRE}\n"
    assert (tmp_path / "2.txt").read_text(encoding="utf-8") == f"{OTHER}\n"


def raw_tree(tmp_path: Path, files: dict[str, str]) -> tuple[Path, Path]:
    """A raw folder holding ``files`` (name -> text) and the path of its clean twin."""
    raw = tmp_path / "raw"
    raw.mkdir()
    for name, text in files.items():
        (raw / name).write_bytes(text.encode("utf-8"))
    return raw, tmp_path / "clean"


def test_cli_dedup_across(tmp_path: Path, capsys):
    raw, out = raw_tree(tmp_path, {"a.txt": f"{WIRE}\n", "b.txt": f"{OTHER}\n\n{WIRE.replace('，', ',')}\n"})
    assert main(["--dedup-across", str(raw), "-o", str(out)]) == 0
    assert (out / "a.txt").read_text(encoding="utf-8") == f"{WIRE}\n"
    assert (out / "b.txt").read_text(encoding="utf-8") == f"{OTHER}\n"
    assert "b.txt: paragraph 2 dropped, copy of a.txt paragraph 1" in capsys.readouterr().err


def test_cli_dedup_across_usage_errors(tmp_path: Path, capsys):
    page = tmp_path / "a.txt"
    page.write_text(WIRE, encoding="utf-8")
    assert main(["--dedup-across", str(page)]) == 2
    assert "--dedup-across needs a directory INPUT and -o DIR" in capsys.readouterr().err


def test_cli_dedup_across_removals_go_to_the_change_log_and_restore(tmp_path: Path, capsys):
    b_raw = f"{OTHER}\n\n{WIRE.replace('，', ',')}\n\n{OTHER_TOO}\n"
    raw, out = raw_tree(tmp_path, {"a.txt": f"{WIRE}\n", "b.txt": b_raw})
    logs = tmp_path / "logs"
    assert main(["--dedup-across", str(raw), "-o", str(out), "--changes", str(logs)]) == 0
    assert (out / "b.txt").read_text(encoding="utf-8") == f"{OTHER}\n\n{OTHER_TOO}\n"
    records = [json.loads(x) for x in (logs / "b.changes.jsonl").read_text(encoding="utf-8").splitlines()]
    (after,) = [r for r in records if r["type"] == "after"]
    assert after["rule"] == "dedup-across" and "copy of a.txt paragraph 1" in after["note"]
    for name, text in (("a", f"{WIRE}\n"), ("b", b_raw)):
        back = tmp_path / f"{name}.restored"
        assert main(["restore", str(out / f"{name}.txt"), "--changes",
                     str(logs / f"{name}.changes.jsonl"), "-o", str(back)]) == 0
        assert back.read_bytes() == text.encode("utf-8")


def test_bad_params_and_missing_datasketch(monkeypatch):
    with pytest.raises(RuleError, match="across_num_perm must be a number"):
        ArchiveParams.from_params({"across_num_perm": "many"})
    monkeypatch.setitem(sys.modules, "datasketch", None)
    with pytest.raises(CleanupError, match="needs datasketch"):
        ArchiveDeduper(PARAMS)


def test_cli_dedup_across_redoes_every_file_on_a_rerun(tmp_path: Path, capsys):
    """A file's output depends on the others: a rerun must not skip any."""
    raw, out = raw_tree(tmp_path, {"a.txt": f"{WIRE}\n", "b.txt": f"{OTHER}\n\n{WIRE}\n"})
    assert main(["--dedup-across", str(raw), "-o", str(out)]) == 0
    (raw / "a.txt").unlink()
    (out / "a.txt").unlink()
    assert main(["--dedup-across", str(raw), "-o", str(out)]) == 0
    assert (out / "b.txt").read_text(encoding="utf-8") == f"{OTHER}\n\n{WIRE}\n"
    assert "skipped" not in capsys.readouterr().err
