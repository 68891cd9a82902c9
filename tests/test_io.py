"""Decoding, chunking, walking and atomic writes (``cleanup.io``)."""

from __future__ import annotations

import codecs
import errno
import io
import os
import stat
import threading
from pathlib import Path

import pytest
from conftest import GOLD, SAMPLES

from cleanup.cli import main
from cleanup.document import undo
from cleanup.errors import InputError
from cleanup.io import (
    RawReader,
    atomic_output,
    canonical_encoding,
    check_not_binary,
    clean_chunks,
    detect_encoding,
    is_up_to_date,
    split_chunks,
    sweep_temp_files,
    walk,
)


def reader(data: bytes, encoding: str = "utf-8") -> RawReader:
    return RawReader(io.BytesIO(data), encoding, "t.txt")


def wrapped(page: str, width: int = 20) -> str:
    """A clean page hard-wrapped at ``width``, paragraphs split by blank lines."""
    paras = [p for p in page.split("\n") if p]
    return "\n\n".join("\n".join(p[i : i + width] for i in range(0, len(p), width)) for p in paras)


@pytest.mark.parametrize(
    ("name", "sample", "expected"),
    [
        ("utf-16", codecs.BOM_UTF16_BE + b"\x4e\x2d", "utf-16-be"),
        ("utf-16", codecs.BOM_UTF16_LE + b"\x2d\x4e", "utf-16-le"),
        ("utf-8-sig", b"", "utf-8"),
        ("GBK", b"", "gb18030"),
        ("gb2312", b"", "gb18030"),
        ("big5", b"", "big5"),
    ],
)
def test_canonical_encoding(name, sample, expected):
    assert canonical_encoding(name, sample) == expected


def test_unknown_encoding_is_an_input_error():
    with pytest.raises(InputError, match="unknown encoding 'klingon'"):
        canonical_encoding("klingon", b"")


@pytest.mark.parametrize(
    ("encoding", "expected"),
    [("gb18030", "gb18030"), ("utf-16", "utf-16-le"), ("utf-8", "utf-8")],
)
def test_detect_encoding_of_a_sample_page(encoding, expected):
    data = SAMPLES[0].read_text(encoding="utf-8").encode(encoding)
    assert detect_encoding(data, "x") == expected


def test_detect_big5():
    data = "經濟發展，國家主席在會議上強調，要堅持穩中求進工作總基調。".encode("big5") * 20
    assert detect_encoding(data, "x") in {"big5", "cp950", "big5hkscs"}


def test_binary_data_is_refused_with_its_byte_offset():
    with pytest.raises(InputError, match=r"binary data.*0x00 at byte 4"):
        check_not_binary(b"\x7fELF" + b"\x00\x01\x02" * 100, "utf-8", "x")


def test_a_few_nul_bytes_are_text():
    check_not_binary("会议\x00召开。".encode() * 10, "utf-8", "x")


def test_utf16_is_not_binary():
    check_not_binary("abc".encode("utf-16-le"), "utf-16-le", "x")


def test_reader_hashes_and_decodes_across_blocks(monkeypatch):
    monkeypatch.setattr("cleanup.io.BLOCK", 7)
    monkeypatch.setattr("cleanup.io.SAMPLE", 5)
    data = ("中文" * 50 + "\r\n").encode("gb18030")
    r = reader(data, "gb18030")
    assert "".join(r.pieces()) == data.decode("gb18030")
    import hashlib

    assert r.sha256.hexdigest() == hashlib.sha256(data).hexdigest()
    assert r.size == len(data)


def test_split_chunks_cuts_after_a_sentence_and_a_blank_line():
    text = "第一段。\n\n第二段没有结束\n\n还在第二段。\n\n第三段"
    chunks = list(split_chunks([text], target=1))
    assert [c for c, _ in chunks] == ["第一段。\n\n", "第二段没有结束\n\n还在第二段。\n\n", "第三段"]


def test_split_chunks_never_separates_cr_from_lf():
    pieces = ["一句。\r\n\r", "\n二句。"]
    chunks = [c for c, _ in split_chunks(pieces, target=1)]
    assert "".join(chunks) == "".join(pieces)
    assert not any(c.endswith("\r") for c in chunks[:-1])


def test_one_huge_line_is_cut_into_bounded_chunks_without_holding_it():
    line_piece = ("这是一个很长的句子。" * 1000)  # 10k chars
    pieces = (line_piece for _ in range(500))  # a 5M-char line, never held whole
    sizes = []
    total = 0
    for chunk, cut in split_chunks(pieces, target=50_000, hard_max=200_000):
        sizes.append(len(chunk))
        total += len(chunk)
    assert total == 5_000_000
    assert max(sizes) <= 200_000
    assert len(sizes) > 20


def test_a_run_of_one_character_is_cut_too():
    chunks = list(split_chunks(["啊" * 10_000], target=1000, hard_max=3000))
    assert "".join(c for c, _ in chunks) == "啊" * 10_000
    assert all(len(c) <= 3000 for c, _ in chunks)
    assert [cut for _, cut in chunks][:-1] == [True] * (len(chunks) - 1)


@pytest.mark.parametrize("gold", GOLD, ids=lambda p: p.name[:3])
def test_chunked_output_equals_whole_file_output_for_a_normal_page(cleaner, gold):
    page = wrapped(gold.read_text(encoding="utf-8"))
    whole = cleaner.clean(page).text
    chunks = list(clean_chunks(reader(page.encode()), cleaner, target=300))
    assert len(chunks) > 5
    assert "".join(c.clean for c in chunks) == whole


@pytest.mark.parametrize("sample", SAMPLES, ids=lambda p: p.name[:3])
def test_a_sample_page_is_one_chunk_and_matches_the_library(cleaner, sample):
    data = sample.read_bytes()
    chunks = list(clean_chunks(reader(data), cleaner))
    assert len(chunks) == 1
    assert chunks[0].clean == cleaner.clean(data.decode()).text


@pytest.mark.parametrize("sample", SAMPLES, ids=lambda p: p.name[:3])
def test_small_chunks_still_undo_to_the_input(cleaner, sample):
    raw = sample.read_text(encoding="utf-8")
    for chunk in clean_chunks(reader(raw.encode()), cleaner, target=500, hard_max=2000):
        assert undo(chunk.clean, chunk.changes) == chunk.raw


def test_chunks_carry_their_place_in_the_input(cleaner):
    raw = "第一段。\r\n\r\n第二段。\n\n第三段"
    chunks = list(clean_chunks(reader(raw.encode("gb18030"), "gb18030"), cleaner, target=1))
    assert [(c.start, c.line, c.col) for c in chunks] == [(0, 1, 1), (8, 3, 1), (14, 5, 1)]
    assert chunks[1].byte_start == len(raw[:8].encode("gb18030"))
    assert chunks[2].clean_start == len(chunks[0].clean) + len(chunks[1].clean)


def test_atomic_output_leaves_nothing_on_failure(tmp_path):
    target = tmp_path / "out.txt"
    with pytest.raises(RuntimeError), atomic_output(target) as f:
        f.write(b"half")
        raise RuntimeError("stop")
    assert list(tmp_path.iterdir()) == []


def test_atomic_output_keeps_the_old_file_until_the_new_one_is_complete(tmp_path):
    target = tmp_path / "out.txt"
    target.write_bytes(b"old")
    with atomic_output(target) as f:
        f.write(b"new")
        assert target.read_bytes() == b"old"
    assert target.read_bytes() == b"new"
    assert [p.name for p in tmp_path.iterdir()] == ["out.txt"]


def test_atomic_output_discard_keeps_the_old_file(tmp_path):
    target = tmp_path / "out.txt"
    target.write_bytes(b"old")
    with atomic_output(target) as f:
        f.write(b"new")
        f.discard()
    assert target.read_bytes() == b"old"
    assert [p.name for p in tmp_path.iterdir()] == ["out.txt"]


def test_atomic_output_writes_a_pipe_in_place(tmp_path):
    """A device or a pipe (``-o /dev/null``, ``-o /dev/stdout``) is written to,
    never replaced by a renamed regular file."""
    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    got: list[bytes] = []
    reader = threading.Thread(target=lambda: got.append(fifo.read_bytes()), daemon=True)
    reader.start()
    with atomic_output(fifo) as f:
        f.write(b"done")
    reader.join(timeout=10)
    assert got == [b"done"]
    assert stat.S_ISFIFO(fifo.stat().st_mode) and sorted(tmp_path.iterdir()) == [fifo]


def test_sweep_removes_only_temp_files(tmp_path):
    (tmp_path / "a").mkdir()
    (tmp_path / "a" / ".x.txt.1234abcd.cleanup-tmp").write_text("partial")
    (tmp_path / "a" / "x.txt").write_text("done")
    assert sweep_temp_files(tmp_path) == 1
    assert [p.name for p in (tmp_path / "a").iterdir()] == ["x.txt"]


def test_walk_lists_files_and_dangling_links_but_not_directories(tmp_path):
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "b.txt").write_text("b")
    (tmp_path / "a.txt").write_text("a")
    (tmp_path / "c.md").write_text("c")
    (tmp_path / "dir.txt").mkdir()
    (tmp_path / "gone.txt").symlink_to(tmp_path / "nowhere")
    assert walk(tmp_path, "*.txt") == ([Path("a.txt"), Path("gone.txt"), Path("sub/b.txt")], [])


def test_walk_matches_as_rglob_does_and_follows_no_link_to_a_folder(tmp_path):
    """``*/*.txt`` finds no file through ``link`` (rglob went through a link a part of
    the pattern named; ``*.txt`` never did)."""
    for rel in ("a.txt", "pages/b.txt", "pages/deep/c.txt", "other/pages/d.txt", "e.md"):
        (tmp_path / rel).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / rel).write_text("x")
    (tmp_path / "link").symlink_to(tmp_path / "pages")
    files = {pattern: walk(tmp_path, pattern).files for pattern in
             ("pages/*.txt", "pages/**/*.txt", "*/*.txt", "a.txt", "[a-c].*", "pages/", "*.txt/")}
    assert files == {
        "pages/*.txt": [Path("other/pages/d.txt"), Path("pages/b.txt")],
        "pages/**/*.txt": [Path("other/pages/d.txt"), Path("pages/b.txt"), Path("pages/deep/c.txt")],
        "*/*.txt": [Path("other/pages/d.txt"), Path("pages/b.txt"), Path("pages/deep/c.txt")],
        "a.txt": [Path("a.txt")],
        "[a-c].*": [Path("a.txt"), Path("pages/b.txt"), Path("pages/deep/c.txt")],
        "pages/": [], "*.txt/": [],  # a pattern ending in / names folders
    }


def test_walk_tells_the_folders_it_cannot_list_in_the_same_walk(tmp_path, monkeypatch):
    for rel in ("a.txt", "locked/b.txt", "sub/locked/c.txt", "sub/d.txt"):
        (tmp_path / rel).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / rel).write_text("x")
    real_scandir = os.scandir
    listed = []

    def scandir(path):
        listed.append(Path(path))
        if Path(path).name == "locked":
            raise PermissionError(13, "Permission denied", str(path))
        return real_scandir(path)

    monkeypatch.setattr(os, "scandir", scandir)
    tree = walk(tmp_path, "*.txt")
    assert tree.files == [Path("a.txt"), Path("sub/d.txt")]
    assert [e.where for e in tree.unreadable] == [str(tmp_path / "locked"), str(tmp_path / "sub" / "locked")]
    assert tree.unreadable[0].message == ("cannot list this folder: permission denied, so its files were "
                                          "not read (check its permissions)")
    assert sorted(listed) == sorted(set(listed))  # each folder listed once


def test_is_up_to_date(tmp_path):
    src, out = tmp_path / "in.txt", tmp_path / "out.txt"
    src.write_text("x")
    out.write_text("y")
    os.utime(src, (1000, 1000))
    os.utime(out, (2000, 2000))
    assert is_up_to_date(src, [out], since=0)
    assert not is_up_to_date(src, [out], since=3000)  # rules changed after
    assert not is_up_to_date(src, [out, tmp_path / "missing"], since=0)
    os.utime(src, (3000, 3000))
    assert not is_up_to_date(src, [out], since=0)


# --- outputs that cannot be written ----------------------------------------------------


def refuse_to_create_in(folder: Path, monkeypatch, error: int = errno.EACCES) -> None:
    """Make creating any file in ``folder`` fail, as a folder one may not write to does."""
    real_open = open

    def refusing_open(file, mode="r", *args, **kwargs):
        if Path(file).parent == folder and "x" in mode:
            raise OSError(error, os.strerror(error), str(file))
        return real_open(file, mode, *args, **kwargs)

    monkeypatch.setattr("cleanup.io.open", refusing_open, raising=False)


def test_an_unwritable_output_folder_is_reported_once_by_its_name(tmp_path, monkeypatch, capsys):
    raw, out = tmp_path / "raw", tmp_path / "out"
    raw.mkdir()
    for n in range(3):
        (raw / f"{n}.txt").write_text("会议,召开。\n", encoding="utf-8")
    refuse_to_create_in(out, monkeypatch)
    assert main([str(raw), "-o", str(out)]) == 2
    err = capsys.readouterr().err
    assert err == f"cleanup: error: {out}: permission denied (check the folder's permissions, or write elsewhere)\n"


def test_an_unwritable_output_file_is_named_not_its_temp_file(tmp_path, monkeypatch, capsys):
    page = tmp_path / "p.txt"
    page.write_text("会议,召开。\n", encoding="utf-8")
    refuse_to_create_in(tmp_path / "out", monkeypatch, errno.EROFS)
    assert main([str(page), "-o", str(tmp_path / "out" / "c.txt")]) == 2
    err = capsys.readouterr().err
    assert err == f"cleanup: error: {tmp_path / 'out' / 'c.txt'}: read-only file system (write elsewhere)\n"


def test_a_full_disk_stops_a_directory_run_at_the_first_file(tmp_path, monkeypatch, capsys):
    raw, out = tmp_path / "raw", tmp_path / "out"
    raw.mkdir()
    for n in range(3):
        (raw / f"{n}.txt").write_text("会议,召开。\n", encoding="utf-8")

    def full(self, data):
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(atomic_output, "write", full)
    assert main([str(raw), "-o", str(out)]) == 2
    err = capsys.readouterr().err
    assert err == (f"cleanup: error: {out / '0.txt'}: no space left on the disk "
                   "(free some space, or write elsewhere)\n")
    assert [p.name for p in out.iterdir()] == []


@pytest.mark.parametrize("directory", [False, True], ids=["file", "directory"])
def test_an_output_under_a_file_says_so(tmp_path, capsys, directory):
    messy = tmp_path / "messy.txt"
    messy.write_text("会议,召开。\n", encoding="utf-8")
    src = tmp_path if directory else messy
    target = messy / "x" if directory else messy / "x.txt"
    assert main([str(src), "-o", str(target), "--glob", "messy.txt"]) == 2
    err = capsys.readouterr().err
    assert err == f"cleanup: error: {target}: {messy} is a file, not a folder (give a path inside a folder)\n"
