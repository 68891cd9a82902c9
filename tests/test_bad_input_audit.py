"""Bad input a hostile user gives every entry point: one error line on stderr,
exit 2, no traceback, and no output or temp file left half-written.

The cases the other test files already cover (binary data, wrong bytes for
the encoding, empty files, long lines, runaway patterns, damaged change log
fields, unreadable files) are not repeated here."""

from __future__ import annotations

import io
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import MY_RULE, SAMPLES, one_error_line

from cleanup import Cleaner, CleanupError
from cleanup.errors import ArgumentError, InputError, RuleError
from cleanup.io import TEMP_SUFFIX, RawReader, canonical_encoding

PAGE = "推进高质量发展\n\n本报讯（记者 云静）2月 11日上午,会议召开。\n".encode()


def no_temp_files(folder: Path) -> bool:
    return not [p for p in folder.rglob("*") if p.name.endswith(TEMP_SUFFIX)]


@pytest.fixture
def page(tmp_path) -> Path:
    p = tmp_path / "page.txt"
    p.write_bytes(PAGE)
    return p


# --- encodings -------------------------------------------------------------------------


@pytest.mark.parametrize("name, what", [("rot13", "'rot13' is not a text encoding"),
                                        ("base64", "'base64' is not a text encoding"),
                                        ("zlib", "'zlib' is not a text encoding"),
                                        ("idna", "encoding 'idna' cannot read text byte for byte")])
@pytest.mark.parametrize("command", [[], ["explain"], ["articles"]])
def test_a_codec_that_does_not_read_text_is_refused(run, page, tmp_path, name, what, command):
    code, out, err = run(*command, page, "--encoding", name)
    assert (code, out) == (2, b"")
    one_error_line(err, f"--encoding: {what}")


@pytest.mark.parametrize("folder", [False, True])
def test_review_refuses_a_codec_that_does_not_read_text_once(run, page, tmp_path, folder):
    """As cleaning does: one line before any page is read (a single page's error named no path)."""
    code, out, err = run("review", tmp_path if folder else page, "--encoding", "base64",
                         "-o", tmp_path / "report")
    assert (code, out) == (2, b"")
    one_error_line(err, "--encoding: 'base64' is not a text encoding")
    assert not (tmp_path / "report").exists()


def test_a_codec_that_does_not_read_text_stops_a_directory_run_once(run, tmp_path):
    raw = tmp_path / "raw"
    raw.mkdir()
    for n in range(3):
        (raw / f"{n}.txt").write_bytes(PAGE)
    code, _, err = run(raw, "-o", tmp_path / "out", "--encoding", "base64")
    assert code == 2
    one_error_line(err, "'base64' is not a text encoding")
    assert not (tmp_path / "out").exists()


def test_the_library_reader_refuses_a_codec_that_does_not_read_text():
    with pytest.raises(InputError, match="'hex' is not a text encoding"):
        canonical_encoding("hex", b"")
    with pytest.raises(InputError) as e:  # the reader knows its input: the error names it
        RawReader(io.BytesIO(PAGE), "base64", "page.txt")
    assert (e.value.where, str(e.value)) == \
        ("page.txt", "page.txt: 'base64' is not a text encoding (use a Python codec name, or auto)")
    assert canonical_encoding("utf-16", b"") == "utf-16-le"  # one byte short of a character: still text


# --- directories -----------------------------------------------------------------------


@pytest.mark.parametrize("glob", ["../*.txt", "/etc/*", "sub/../../*.txt"])
@pytest.mark.parametrize("command", [[], ["articles"]])
def test_a_glob_reaching_outside_the_folder_is_refused(run, tmp_path, glob, command):
    raw = tmp_path / "raw"
    raw.mkdir()
    (raw / "a.txt").write_bytes(PAGE)
    (tmp_path / "outside.txt").write_bytes(PAGE)
    out = tmp_path / "out" / "clean"
    flags = ["-o", out] if not command else []
    code, _, err = run(*command, raw, *flags, "--glob", glob)
    assert code == 2
    one_error_line(err, f"--glob {glob!r} reaches outside the folder")
    assert not (tmp_path / "out").exists()


@pytest.mark.parametrize("command", [[], ["articles"], ["review"]])
def test_a_glob_with_a_double_star_inside_a_name_is_refused(run, tmp_path, command):
    """``a**`` is no pattern: one error line saying how to write it, not an internal error."""
    raw = tmp_path / "raw"
    raw.mkdir()
    (raw / "a.txt").write_bytes(PAGE)
    flags = ["-o", tmp_path / "out"] if command != ["articles"] else []
    code, _, err = run(*command, raw, *flags, "--glob", "a**")
    assert code == 2
    one_error_line(err, "--glob 'a**': '**' stands for folders, a whole part of the pattern")
    assert not (tmp_path / "out").exists()


@pytest.fixture
def locked_folder(tmp_path, monkeypatch) -> tuple[Path, Path]:
    """A tree whose folder ``locked`` the OS refuses to list (as mode 000 does
    for anyone but root, who runs the suite here)."""
    raw = tmp_path / "raw"
    (raw / "locked").mkdir(parents=True)
    (raw / "a.txt").write_bytes(PAGE)
    (raw / "locked" / "b.txt").write_bytes(PAGE)
    real_scandir = os.scandir

    def refusing_scandir(path=None):
        if path is not None and Path(path) == raw / "locked":
            raise PermissionError(13, "Permission denied", str(path))
        return real_scandir(path) if path is not None else real_scandir()

    monkeypatch.setattr(os, "scandir", refusing_scandir)
    return raw, raw / "locked"


def test_a_folder_that_cannot_be_listed_fails_a_directory_run(run, tmp_path, locked_folder):
    raw, locked = locked_folder
    code, _, err = run(raw, "-o", tmp_path / "out")
    lines = err.strip().splitlines()
    assert code == 2
    assert lines[0] == (f"cleanup: error: {locked}: cannot list this folder: permission denied, "
                        "so its files were not read (check its permissions)")
    assert lines[-1] == "1 cleaned, 0 unchanged, 1 failed"
    assert (tmp_path / "out" / "a.txt").is_file()


def test_a_folder_that_cannot_be_listed_fails_review(run, tmp_path, locked_folder):
    raw, locked = locked_folder
    code, _, err = run("review", raw, "-o", tmp_path / "report")
    lines = err.strip().splitlines()
    assert code == 2 and lines[-1].startswith("1 pages reviewed, 1 failed")
    assert lines[0].startswith(f"cleanup: error: {locked}: cannot list this folder"), lines


def test_a_folder_that_cannot_be_listed_fails_articles(run, locked_folder):
    raw, locked = locked_folder
    code, out, err = run("articles", raw)
    assert code == 2 and out  # the pages it could read still give their articles
    one_error_line(err, f"{locked}: cannot list this folder")


# --- outputs ---------------------------------------------------------------------------


@pytest.mark.parametrize("command", [["articles"], ["articles", "--format", "md"], ["review"]])
def test_articles_and_review_never_write_over_their_input(run, page, tmp_path, command):
    link = tmp_path / "link.txt"
    link.symlink_to(page)
    for target in (page, link):
        code, _, err = run(*command, page, "-o", target)
        assert code == 2
        one_error_line(err, "-o is the same file as the input")
    assert page.read_bytes() == PAGE


def test_review_never_writes_over_its_change_log(run, page, tmp_path):
    log = tmp_path / "page.changes.jsonl"
    assert run(page, "-o", tmp_path / "clean.txt", "--changes", log)[0] == 0
    before = log.read_bytes()
    code, _, err = run("review", tmp_path / "clean.txt", "--changes", log, "-o", log)
    assert code == 2
    one_error_line(err, f"-o is the same file as the change log {log}")
    assert log.read_bytes() == before


# --- flags -----------------------------------------------------------------------------


def test_articles_text_field_needs_jsonl(run, page):
    code, _, err = run("articles", page, "--text-field", "body")
    assert code == 2
    one_error_line(err, "--text-field only means something with --jsonl")


@pytest.mark.parametrize("flag, value, what", [("-j", "two", "must be a whole number, not 'two'"),
                                               ("--timeout", "soon", "must be a number of seconds"),
                                               ("--timeout", "inf", "--timeout: must be more than 0 and finite")])
def test_a_number_flag_given_words(run, tmp_path, flag, value, what):
    code, _, err = run(tmp_path, "--check", flag, value)
    assert code == 2
    one_error_line(err, what)
    assert "positive_" not in err


# --- rule files ------------------------------------------------------------------------

def test_a_rule_file_not_in_utf8(run, page, tmp_path):
    rules = tmp_path / "gbk.toml"
    rules.write_bytes(MY_RULE.replace("Han becomes", "汉字之间").encode("gb18030"))
    for argv in (["rules", "check", rules], [page, "--rules", rules]):
        code, out, err = run(*argv)
        assert (code, out) == (2, b"")
        one_error_line(err, f"{rules}: not UTF-8 text at byte ", "save the file as UTF-8")
    with pytest.raises(RuleError, match="not UTF-8 text"):
        Cleaner(rules=[rules])


def test_a_map_table_not_in_utf8(tmp_path):
    rules = tmp_path / "map.toml"
    rules.write_text('[[rule]]\nid = "my-map"\nstage = "normalize"\ndescription = "d"\nkind = "map"\n'
                     'table = "t.tsv"\nexamples = [["a", "b"]]\n', encoding="utf-8")
    (tmp_path / "t.tsv").write_bytes("a\tb\n".encode() + "乙\tc\n".encode("gb18030"))
    with pytest.raises(RuleError, match="table file 't.tsv' is not UTF-8 text at byte 4"):
        Cleaner(rules=[rules])


# --- the library -----------------------------------------------------------------------


@pytest.mark.parametrize("kwargs, what", [
    ({"rules": "my.toml"}, "rules: give a list of rule file paths, not one alone: 'my.toml'"),
    ({"disable": "t2s"}, "disable: give a list of rule ids, not one alone: 't2s'"),
    ({"disable": None}, "disable: give a list of rule ids, not None"),
    ({"disable": ["t2s", 7]}, "disable: give a list of rule ids, not one holding 7"),
    ({"profile": 7}, "profile: give a name or a path, not int"),
])
def test_library_arguments_of_the_wrong_kind(kwargs, what):
    with pytest.raises(ArgumentError) as e:
        Cleaner(**kwargs)
    assert str(e.value) == what
    assert isinstance(e.value, CleanupError) and isinstance(e.value, TypeError)


def test_library_arguments_of_the_right_kind_in_any_iterable():
    text = Cleaner(rules=iter(()), disable=(r for r in ["t2s"])).clean("經濟").text
    assert text == "經濟\n"


# --- restore ---------------------------------------------------------------------------


@pytest.fixture
def cleaned(run, tmp_path) -> tuple[Path, Path]:
    src = tmp_path / "raw.txt"
    src.write_bytes(PAGE)
    out, log = tmp_path / "clean.txt", tmp_path / "log.jsonl"
    assert run(src, "-o", out, "--changes", log)[0] == 0
    return out, log


def damaged(log: Path, line: int, **fields: object) -> Path:
    records = [json.loads(x) for x in log.read_text(encoding="utf-8").splitlines()]
    records[line - 1].update(fields)
    bad = log.with_name("damaged.jsonl")
    bad.write_text("".join(json.dumps(r) + "\n" for r in records), encoding="utf-8")
    return bad


@pytest.mark.parametrize("line, fields, what", [
    (1, {"encoding": "klingon"}, ":1: header record: unknown encoding 'klingon' (log damaged?)"),
    (1, {"encoding": "rot13"}, ":1: header record: 'rot13' is not a text encoding"),
    (2, {"type": ["chunk"]}, ":2: not a change log record"),
    (3, {"type": {"a": 1}}, ":3: not a change log record"),
])
def test_restore_with_a_damaged_log(run, tmp_path, cleaned, line, fields, what):
    clean, log = cleaned
    bad = damaged(log, line, **fields)
    back = tmp_path / "back.txt"
    code, _, err = run("restore", clean, "--changes", bad, "-o", back)
    assert code == 2
    one_error_line(err, f"{bad}{what}")
    assert not back.exists() and no_temp_files(tmp_path)


def test_restore_a_corpus_whose_log_names_no_string_field(run, tmp_path):
    corpus = tmp_path / "c.jsonl"
    corpus.write_text(json.dumps({"text": "会议,召开。"}) + "\n", encoding="utf-8")
    out, log = tmp_path / "out.jsonl", tmp_path / "log.jsonl"
    assert run(corpus, "--jsonl", "-o", out, "--changes", log)[0] == 0
    bad = damaged(log, 1, text_field=["text"])
    code, _, err = run("restore", out, "--changes", bad, "-o", tmp_path / "back.jsonl")
    assert code == 2
    one_error_line(err, f"{bad}:1: header record: field 'text_field' is not a string")


# --- JSON Lines ------------------------------------------------------------------------

DEEP = ('{"text": "会议,召开。", "x": ' + "[" * 100_000 + "]" * 100_000 + "}\n").encode()


def test_a_record_nested_too_deeply_fails_alone(run, tmp_path):
    corpus = tmp_path / "c.jsonl"
    corpus.write_bytes(DEEP + json.dumps({"text": "会议,召开。"}).encode() + b"\n")
    out = tmp_path / "out.jsonl"
    code, _, err = run(corpus, "--jsonl", "-o", out)
    lines = err.strip().splitlines()
    assert code == 2
    assert lines[0] == (f"cleanup: error: {corpus}:1: not valid JSON (nested too deeply to read) "
                        "(fix the record; it was copied unchanged)")
    assert lines[-1] == "1 cleaned, 0 unchanged, 1 failed"
    assert out.read_bytes().splitlines()[0] == DEEP.rstrip()


def test_a_record_nested_too_deeply_in_articles(run, tmp_path):
    corpus = tmp_path / "c.jsonl"
    corpus.write_bytes(DEEP)
    code, out, err = run("articles", corpus, "--jsonl")
    assert (code, out) == (2, b"")
    one_error_line(err, "c.jsonl:1: not valid JSON (nested too deeply to read)",
                   "it was skipped: no article comes of it")
    assert "copied" not in err


def test_a_record_nested_too_deeply_in_review(run, tmp_path):
    corpus = tmp_path / "c.jsonl"
    corpus.write_bytes(DEEP + json.dumps({"text": "会议,召开。"}).encode() + b"\n")
    code, _, err = run("review", corpus, "--jsonl", "-o", tmp_path / "report")
    assert "Traceback" not in err and "internal error" not in err, err
    assert code == 2
    assert err.splitlines()[0] == (f"cleanup: error: {corpus}:1: not valid JSON (nested too deeply to read) "
                                   "(fix the record; it was not cleaned)")
    assert (tmp_path / "report" / "index.html").is_file()


@pytest.mark.parametrize("command", [["review"], ["articles"]])
def test_dash_output_is_stdout_even_for_an_input_named_dash(run, tmp_path, monkeypatch, command):
    """-o - is stdout, never the file "-": an input of that name is no collision."""
    monkeypatch.chdir(tmp_path)
    (tmp_path / "-").write_bytes(PAGE)
    code, out, err = run(*command, "./-", "-o", "-")
    assert (code, err) == (0, ""), err
    assert out.strip() and (tmp_path / "-").read_bytes() == PAGE


def test_review_of_a_folder_names_a_page_that_fails_once(run, tmp_path):
    raw = tmp_path / "raw"
    (raw / "sub").mkdir(parents=True)
    bad = raw / "sub" / "b.txt"
    bad.write_bytes("中文".encode("gbk"))
    code, _, err = run("review", raw, "-o", tmp_path / "report")
    first = err.strip().splitlines()[0]
    assert code == 2
    assert first.count(str(bad)) == 1, first
    assert first.startswith(f"cleanup: error: {bad}: 1:1: bytes not valid utf-8"), first


@pytest.mark.parametrize("text, kind", [(None, "NoneType"), (5, "int"), (b"abc", "bytes")])
def test_the_library_refuses_text_that_is_not_a_str(text, kind):
    for call in (Cleaner().clean, Cleaner().articles):
        with pytest.raises(ArgumentError) as e:
            call(text)
        assert str(e.value).startswith(f"cleanup works on str, not {kind}")
        assert isinstance(e.value, TypeError)


def test_the_library_puts_lone_surrogates_as_replacement_characters_and_records_them():
    raw = "会议\ud800召开。"
    result = Cleaner().clean(raw)
    assert result.text == "会议\ufffd召开。\n"
    [decode] = [c for c in result.changes if c.rule == "decode-replace"]
    assert (decode.start, decode.end, decode.before, decode.after) == (2, 3, "\ud800", "\ufffd")
    assert decode.note == "lone surrogate in the text"
    assert [a.paragraphs for a in Cleaner().articles(raw)] == [["会议\ufffd召开。"]]


@pytest.mark.parametrize("timeout", [0, -1, "2", float("nan"), float("inf"), True, None])
def test_the_library_refuses_a_timeout_that_is_no_positive_number(timeout):
    with pytest.raises(ArgumentError) as e:
        Cleaner(timeout=timeout)
    assert str(e.value) == f"timeout: give a positive number of seconds, not {timeout!r}"


def test_samples_still_clean(run, tmp_path):
    """The checks above refuse nothing a normal run gives."""
    raw = tmp_path / "raw"
    raw.mkdir()
    for s in SAMPLES[:2]:
        (raw / s.name).write_bytes(s.read_bytes())
    assert run(raw, "-o", tmp_path / "out", "--glob", "*.txt", "--encoding", "utf-8")[0] == 0
    assert run("articles", raw, "--encoding", "auto")[0] == 0


# --- stdout and stdin as - -------------------------------------------------------------


@pytest.mark.parametrize("command", [[], ["articles"], ["review"]])
def test_dash_as_output_is_stdout(run, page, tmp_path, monkeypatch, command):
    monkeypatch.chdir(tmp_path)
    code, out, _ = run(*command, page, "-o", "-")
    assert code == 0 and out
    assert run(*command, page)[1] == out
    assert not (tmp_path / "-").exists()


def test_dash_as_output_of_restore_is_stdout(run, tmp_path, cleaned, monkeypatch):
    monkeypatch.chdir(tmp_path)
    clean, log = cleaned
    code, out, _ = run("restore", clean, "--changes", log, "-o", "-")
    assert (code, out) == (0, PAGE)
    assert not (tmp_path / "-").exists()


def test_dash_as_output_of_a_directory_is_refused(run, tmp_path):
    code, _, err = run(tmp_path, "-o", "-")
    assert code == 2
    one_error_line(err, "a directory needs -o DIR")


def test_a_change_log_cannot_go_to_stdout(run, page, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    code, out, err = run(page, "--changes", "-")
    assert (code, out) == (2, b"")
    one_error_line(err, "--changes needs a file, not stdout")
    assert not (tmp_path / "-").exists()


# --- files that are not text at all -----------------------------------------------------


def compressed() -> dict[str, bytes]:
    import bz2
    import gzip
    import lzma

    return {"gzip-compressed": gzip.compress(PAGE), "bzip2-compressed": bz2.compress(PAGE),
            "xz-compressed": lzma.compress(PAGE)}


@pytest.mark.parametrize("encoding", ["utf-8", "auto", "latin-1"])
@pytest.mark.parametrize("errors", ["strict", "replace"])
def test_a_compressed_file_is_named_for_what_it_is(run, tmp_path, encoding, errors):
    for what, data in compressed().items():
        src, out = tmp_path / "page.txt", tmp_path / "out.txt"
        src.write_bytes(data)
        code, _, err = run(src, "-o", out, "--encoding", encoding, "--errors", errors)
        assert code == 2
        one_error_line(err, f"{src}: binary data, not text: {what} data", "decompress it first")
        assert not out.exists() and no_temp_files(tmp_path)


@pytest.mark.parametrize("head, what", [(b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n", "a PDF"),
                                        (b"PK\x03\x04\x14\x00", "a ZIP archive (or a .docx/.xlsx/.epub)"),
                                        (b"\xff\xd8\xff\xe0\x00\x10JFIF", "a JPEG image")])
@pytest.mark.parametrize("command", [[], ["articles"], ["explain"]])
def test_a_pdf_an_archive_or_an_image_is_named(run, tmp_path, head, what, command):
    src = tmp_path / "page.txt"
    src.write_bytes(head + "会议召开。\n".encode() * 50)
    code, out, err = run(*command, src, "--encoding", "auto")
    assert (code, out) == (2, b"")
    one_error_line(err, f"binary data, not text: {what}, by the signature at byte 0")


def test_text_that_begins_like_a_signature_is_text(run, tmp_path):
    """bzip2's signature counts only with the block header after it: GBK text (not UTF-8,
    so not let through as printable ASCII would be) may begin BZh."""
    src = tmp_path / "page.txt"
    src.write_bytes("BZh 是这里的一个名字。\n".encode("gbk"))
    code, out, err = run(src, "--encoding", "gbk")
    assert (code, err) == (0, "") and out.startswith(b"BZh"), err


@pytest.mark.parametrize("encoding", ["utf-8", "auto"])
def test_a_pdf_whose_binary_starts_late_is_named_with_any_encoding(run, tmp_path, encoding):
    """The signature is checked once, on the same sample, whether the encoding is given
    or detected: a PDF whose first non-UTF-8 byte comes after 8 KiB is named as one."""
    src = tmp_path / "page.txt"
    src.write_bytes(b"%PDF-1.7\n" + b"1 0 obj << /Type /Catalog >> endobj\n" * 300 + b"stream\n\xe2\xe3\xcf\xd3\x00")
    code, out, err = run(src, "--encoding", encoding)
    assert (code, out) == (2, b"")
    one_error_line(err, "binary data, not text: a PDF, by the signature at byte 0")


@pytest.mark.parametrize("encoding", ["utf-8", "auto"])
def test_utf8_text_that_begins_with_a_pdf_signature_is_text(run, tmp_path, encoding):
    """A signature of printable ASCII counts only before bytes that are not UTF-8."""
    src = tmp_path / "page.txt"
    src.write_bytes("%PDF-1.7 是这种文件的版本号。\n".encode())
    code, out, err = run(src, "--encoding", encoding)
    assert (code, err) == (0, "") and out.startswith(b"%PDF-1.7"), err


def test_utf16_without_a_bom_that_begins_like_gzip_is_text(run, tmp_path):
    """U+8B1F in UTF-16LE is 1f 8b, gzip's first two bytes, but no deflate method byte after."""
    src = tmp_path / "page.txt"
    text = "謟这是一个测试。中华人民共和国成立了。北京是首都。\n" * 30
    src.write_bytes(text.encode("utf-16-le"))
    code, out, err = run(src, "--encoding", "auto", "--check")
    assert code in (0, 1) and "binary" not in err, err


def test_a_runaway_keep_in_rules_check_names_its_rule_once(run, tmp_path):
    rules = tmp_path / "runaway.toml"
    rules.write_text('[[rule]]\nid = "my-runaway"\nstage = "normalize"\ndescription = "d"\n'
                     "pattern = '(字|字字)+\\d'\nreplace = \"\"\nexamples = [[\"字1\", \"\"]]\n"
                     f"keep = ['{'字' * 60}x']\n", encoding="utf-8")
    code, _, err = run("rules", "check", rules, "--timeout", "0.2")
    first = err.splitlines()[0]
    assert code == 1
    assert first == (f"cleanup: error: {rules}:2: rule my-runaway: keep 1: pattern ran over 0.2s and "
                     "was stopped (catastrophic backtracking?) (fix the rule)")


@pytest.mark.parametrize("command", [[], ["articles"]])
def test_folder_links_that_loop_are_not_followed(run, tmp_path, command):
    raw = tmp_path / "raw"
    (raw / "sub").mkdir(parents=True)
    (raw / "sub" / "a.txt").write_bytes(PAGE)
    (raw / "sub" / "up").symlink_to(raw)  # raw/sub/up/sub/up/... for ever, if followed
    (raw / "self").symlink_to(raw / "self")
    flags = ["-o", tmp_path / "out"] if not command else []
    code, out, err = run(*command, raw, *flags)
    assert code == 0, err
    if not command:
        assert [p.relative_to(tmp_path / "out").as_posix() for p in (tmp_path / "out").rglob("*.txt")] \
            == ["sub/a.txt"]
    else:
        assert {json.loads(line)["source"] for line in out.splitlines()} == {str(raw / "sub" / "a.txt")}


@pytest.mark.skipif(not os.path.exists("/dev/full"), reason="needs /dev/full")
@pytest.mark.parametrize("argv, target", [
    (["PAGE"], "<stdout>"), (["explain", "PAGE"], "<stdout>"), (["PAGE", "--diff"], "<stdout>"),
    (["articles", "PAGE"], "<stdout>"), (["PAGE", "-o", "/dev/full"], "/dev/full")])
def test_a_full_disk_behind_the_output_is_an_error_naming_it(page, argv, target):
    """Text that cannot be written is an error (exit 2), however little of it stdout
    held when the run ended; and the line names the output, not the input."""
    page.write_text("会议,召开。\n", encoding="utf-8")  # one change: a few bytes of output
    with open("/dev/full", "wb") as full:
        done = subprocess.run([sys.executable, "-m", "cleanup", *(str(page) if a == "PAGE" else a for a in argv)],
                              stdout=full, stderr=subprocess.PIPE)
    assert done.returncode == 2
    one_error_line(done.stderr.decode(), f"cleanup: error: {target}: no space left on the disk")


# --- a file that is not a corpus --------------------------------------------------------


@pytest.mark.parametrize("what, lines", [
    ("a page", ["会议,召开。", "", "本报讯 会议召开。"] * 10),
    ("another field", [json.dumps({"body": "会议,召开。"})] * 30),
])
def test_a_file_whose_first_records_all_fail_is_one_error(run, tmp_path, what, lines):
    corpus, out = tmp_path / "corpus.jsonl", tmp_path / "out.jsonl"
    corpus.write_text("\n".join(lines) + "\n", encoding="utf-8")
    for stdin in (None, corpus.read_bytes()):
        code, stdout, err = run("-" if stdin else corpus, "--jsonl", "-o", out, stdin=stdin)
        assert (code, stdout) == (2, b"")
        one_error_line(err, "none of its first 10 records is a JSON object with a string field 'text'",
                       "check --text-field, or drop --jsonl")
        assert not out.exists() and no_temp_files(tmp_path)


def test_blank_lines_before_the_first_record_are_held_and_copied(run, tmp_path):
    """Blank lines and failed records before the first record are held, then copied in
    order; the failures among them are counted as they come (probation ends at the tenth)."""
    lines = [""] * 3000 + ["{broken"] * 9 + [json.dumps({"text": "会议,召开。"})]
    corpus, out = tmp_path / "corpus.jsonl", tmp_path / "out.jsonl"
    corpus.write_text("\n".join(lines) + "\n", encoding="utf-8")
    code, _, err = run(corpus, "--jsonl", "-o", out)
    assert code == 2 and err.strip().splitlines()[-1] == "1 cleaned, 3000 unchanged, 9 failed"
    assert out.read_text(encoding="utf-8").splitlines()[:3009] == lines[:3009]


def test_records_that_fail_before_a_good_one_are_each_reported(run, tmp_path):
    lines = ["{broken"] * 9 + [json.dumps({"text": "会议,召开。"}), "{broken"] + ["{broken"] * 12
    corpus, out = tmp_path / "corpus.jsonl", tmp_path / "out.jsonl"
    corpus.write_text("\n".join(lines) + "\n", encoding="utf-8")
    code, _, err = run(corpus, "--jsonl", "-o", out)
    errors = err.strip().splitlines()
    assert code == 2
    assert len(errors) == len(lines) and errors[-1] == f"1 cleaned, 0 unchanged, {len(lines) - 1} failed"
    assert [e.split(": not valid JSON")[0] for e in errors[:-1]] == \
        [f"cleanup: error: {corpus}:{n}" for n in range(1, len(lines) + 1) if n != 10]
    written = out.read_text(encoding="utf-8").splitlines()
    assert written[:9] == lines[:9] and written[10:] == lines[10:]
    assert json.loads(written[9]) == {"text": "会议，召开。\n"}


def _closing_stdout() -> None:
    os.close(1)


@pytest.mark.parametrize("to_file", [True, False])
def test_a_run_with_stdout_closed(page, tmp_path, to_file):
    """The shell closed stdout (>&-): a run that writes a file runs; one that writes to
    stdout is one error line naming it."""
    out = tmp_path / "out.txt"
    argv = [sys.executable, "-m", "cleanup", str(page)] + (["-o", str(out)] if to_file else [])
    done = subprocess.run(argv, preexec_fn=_closing_stdout, stderr=subprocess.PIPE, timeout=120)
    err = done.stderr.decode("utf-8")
    if to_file:
        assert (done.returncode, err) == (0, "")
        assert out.read_text(encoding="utf-8").endswith("会议召开。\n")
    else:
        assert done.returncode == 2
        one_error_line(err, "<stdout>: standard output is closed (give -o a path, or leave it open)")
