"""Outputs that would overwrite an input, or each other, are refused before
anything is written: exit 2, one line naming the paths."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from cleanup.cli import main
from cleanup.outputs import Identities, Role, check_collisions

RAW = "本报讯(记者 云静)2月 11日上午,会议召开。\n"


@pytest.fixture
def run(capsys):
    def _run(*argv: str | Path) -> tuple[int, str]:
        code = main([str(a) for a in argv])
        return code, capsys.readouterr().err

    return _run


@pytest.fixture
def page(tmp_path) -> Path:
    p = tmp_path / "page.txt"
    p.write_text(RAW, encoding="utf-8")
    return p


def refused(code: int, err: str, *parts: str | Path) -> None:
    assert code == 2, err
    lines = err.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("cleanup: error: "), err
    for part in parts:
        assert str(part) in lines[0], (part, err)


def files_in(folder: Path) -> dict[str, bytes]:
    return {str(p.relative_to(folder)): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def test_output_and_change_log_on_one_file(run, page, tmp_path):
    before = files_in(tmp_path)
    code, err = run(page, "-o", tmp_path / "o2.txt", "--changes", tmp_path / "o2.txt")
    refused(code, err, tmp_path / "o2.txt", "--changes is the same file as -o")
    assert files_in(tmp_path) == before


def test_change_log_on_the_input(run, page, tmp_path):
    before = files_in(tmp_path)
    code, err = run(page, "--changes", page, "-o", tmp_path / "x.txt")
    refused(code, err, f"{page}: --changes is the same file as the input {page}")
    assert files_in(tmp_path) == before


@pytest.mark.parametrize("spelling", ["symlink", "hard link", "dot-dot", "relative"])
def test_output_that_is_the_input_however_spelled(run, page, tmp_path, monkeypatch, spelling):
    (tmp_path / "sub").mkdir()
    if spelling == "symlink":
        out = tmp_path / "sub" / "link.txt"
        out.symlink_to(page)
    elif spelling == "hard link":
        out = tmp_path / "sub" / "link.txt"
        os.link(page, out)
    elif spelling == "dot-dot":
        out = tmp_path / "sub" / ".." / "page.txt"
    else:
        monkeypatch.chdir(tmp_path / "sub")
        out = Path("../page.txt")
    before = files_in(tmp_path)
    code, err = run(page, "-o", out)
    refused(code, err, out, "-o is the same file as the input", "--in-place")
    assert files_in(tmp_path) == before


def test_two_outputs_spelled_differently_that_are_not_there_yet(run, page, tmp_path):
    (tmp_path / "a").mkdir()
    (tmp_path / "b").symlink_to(tmp_path / "a")
    code, err = run(page, "-o", tmp_path / "a" / "x.txt", "--changes", tmp_path / "b" / "x.txt")
    refused(code, err, tmp_path / "b" / "x.txt", "--changes is the same file as -o")
    assert list((tmp_path / "a").iterdir()) == []


@pytest.mark.parametrize("log", ["input", "backup"])
def test_in_place_with_a_change_log_on_the_input_or_its_backup(run, page, tmp_path, log):
    target = page if log == "input" else page.with_name("page.txt.bak")
    before = files_in(tmp_path)
    code, err = run(page, "--in-place", "--changes", target)
    refused(code, err, target, "--changes is the same file as")
    assert files_in(tmp_path) == before


def test_jsonl_output_on_its_input(run, tmp_path):
    corpus = tmp_path / "c.jsonl"
    corpus.write_text('{"text": "会议,召开"}\n', encoding="utf-8")
    code, err = run(corpus, "--jsonl", "-o", corpus)
    refused(code, err, "-o is the same file as the input")
    assert corpus.read_text(encoding="utf-8") == '{"text": "会议,召开"}\n'


def test_restore_over_its_change_log(run, page, tmp_path):
    clean, log = tmp_path / "clean.txt", tmp_path / "log.jsonl"
    assert run(page, "-o", clean, "--changes", log)[0] == 0
    before = log.read_bytes()
    code, err = run("restore", clean, "--changes", log, "-o", log)
    refused(code, err, "-o is the same file as the change log")
    assert log.read_bytes() == before


def test_writing_to_a_device_is_no_collision(run, page):
    assert run(page, "-o", "/dev/null")[0] == 0


# --- directories -------------------------------------------------------------------


@pytest.fixture
def tree(tmp_path) -> Path:
    raw = tmp_path / "raw"
    raw.mkdir()
    (raw / "a.txt").write_text(RAW, encoding="utf-8")
    (raw / "b.txt").write_text(RAW, encoding="utf-8")
    return raw


@pytest.mark.parametrize("flag", ["-o", "--changes"])
def test_output_folder_that_is_the_input_folder(run, tree, tmp_path, flag):
    before = files_in(tmp_path)
    argv = [tree, flag, tree / "."] + (["-o", tmp_path / "out"] if flag == "--changes" else [])
    code, err = run(*argv)
    refused(code, err, f"{flag} is the input folder {tree} itself")
    assert files_in(tmp_path) == before


def test_two_inputs_that_would_share_a_change_log(run, tree, tmp_path):
    (tree / "a.md").write_text(RAW, encoding="utf-8")
    code, err = run(tree, "-o", tmp_path / "out", "--changes", tmp_path / "logs", "--glob", "a.*")
    refused(code, err, tmp_path / "logs" / "a.changes.jsonl", "the change log of", "a.md", "a.txt",
            "narrow --glob")
    assert not (tmp_path / "out").exists() and not (tmp_path / "logs").exists()


def test_in_place_backup_that_would_overwrite_an_input(run, tree):
    (tree / "a.txt.bak").write_text("an older copy\n", encoding="utf-8")
    before = files_in(tree)
    code, err = run(tree, "--in-place", "--glob", "*")
    refused(code, err, "the backup of", "is the same file as the input", "--no-backup")
    assert files_in(tree) == before


def test_input_folder_inside_the_output_folder(run, tmp_path):
    """Cleaning raw/ into its parent works (it used to clean nothing), unless an
    output lands on an input."""
    raw = tmp_path / "raw"
    (raw / "raw").mkdir(parents=True)
    (raw / "x.txt").write_text(RAW, encoding="utf-8")
    assert run(raw, "-o", tmp_path)[0] == 0
    assert (tmp_path / "x.txt").read_text(encoding="utf-8").startswith("本报讯（")
    (raw / "raw" / "x.txt").write_text(RAW, encoding="utf-8")
    before = files_in(tmp_path)
    code, err = run(raw, "-o", tmp_path, "--force")
    refused(code, err, raw / "x.txt", f"the clean text of {raw / 'raw' / 'x.txt'} is the same file as "
                                      f"the input {raw / 'x.txt'}")
    assert files_in(tmp_path) == before


def test_identities_of_one_file():
    ids = Identities()
    here = Path(__file__)
    assert ids.of(here) == ids.of(here.parent / ".." / here.parent.name / here.name)
    assert ids.of(Path("/dev/null")) is None
    assert ids.of(here.parent / "not-there.txt") == ids.of(here.parent / "." / "not-there.txt")
    check_collisions([Role(here, "the input")], [Role(here.parent / "other.txt", "-o")])
    with pytest.raises(Exception, match="-o is the same file as the input"):
        check_collisions([Role(here, "the input")], [Role(Path(os.path.relpath(here)), "-o", "fix")])
