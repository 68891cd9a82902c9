"""The change log: format, offsets, and restore byte for byte (``cleanup.changes``)."""

from __future__ import annotations

import codecs
import io
import json
from pathlib import Path

import pytest
from conftest import SAMPLES
from hypothesis import given, settings
from hypothesis import strategies as st

from cleanup.changes import Locator, dump, read_log, restore
from cleanup.cli import main
from cleanup.document import Change
from cleanup.errors import RestoreError


def variants(raw: str) -> dict[str, tuple[bytes, list[str]]]:
    """The same page as an archive might hold it: bytes and the flags to read them."""
    crlf = raw.replace("\n", "\r\n")
    return {
        "utf8": (raw.encode(), []),
        "utf8-bom": (codecs.BOM_UTF8 + raw.encode(), []),
        "crlf": (crlf.encode(), []),
        "cr": (raw.replace("\n", "\r").encode(), []),
        "gb18030": (raw.encode("gb18030"), ["--encoding", "auto"]),
        "gb18030-crlf": (crlf.encode("gb18030"), ["--encoding", "gb18030"]),
        "utf16-le-bom": (codecs.BOM_UTF16_LE + raw.encode("utf-16-le"), ["--encoding", "auto"]),
        "utf16-be-bom": (codecs.BOM_UTF16_BE + crlf.encode("utf-16-be"), ["--encoding", "utf-16"]),
    }


def clean_and_restore(tmp_path: Path, data: bytes, flags: list[str]) -> tuple[bytes, list[dict]]:
    page, clean, log, back = (tmp_path / n for n in ("page.txt", "clean.txt", "log.jsonl", "raw.txt"))
    page.write_bytes(data)
    assert main([str(page), "-o", str(clean), "--changes", str(log), *flags]) == 0
    assert main(["restore", str(clean), "--changes", str(log), "-o", str(back)]) == 0
    records = [json.loads(line) for line in log.read_text(encoding="utf-8").splitlines()]
    return back.read_bytes(), records


@pytest.mark.parametrize("kind", list(variants("")))
@pytest.mark.parametrize("sample", SAMPLES, ids=lambda p: p.name[:3])
def test_restore_rebuilds_every_sample_byte_for_byte(tmp_path, sample, kind):
    data, flags = variants(sample.read_text(encoding="utf-8"))[kind]
    restored, records = clean_and_restore(tmp_path, data, flags)
    assert restored == data
    assert records[0]["encoding"] in {"utf-8", "gb18030", "utf-16-le", "utf-16-be"}


def test_clean_output_is_utf8_without_bom_or_cr(tmp_path):
    data, flags = variants(SAMPLES[0].read_text(encoding="utf-8"))["utf16-be-bom"]
    clean_and_restore(tmp_path, data, flags)
    out = (tmp_path / "clean.txt").read_bytes()
    assert not out.startswith(codecs.BOM_UTF8) and b"\r" not in out
    out.decode("utf-8")


def test_header_and_record_fields(tmp_path):
    raw = "标题\r\n\r\n本报讯(记者 云静)2月 11日,会议召开。"
    data = raw.encode("gb18030")
    _, records = clean_and_restore(tmp_path, data, ["--encoding", "gb18030"])
    head, chunk, *changes = records
    assert head["type"] == "header" and head["v"] == 1
    assert head["encoding"] == "gb18030" and head["profile"] == "zh-news"
    assert head["file"].endswith("page.txt")
    import hashlib

    assert head["sha256"] == hashlib.sha256(data).hexdigest()
    assert chunk["type"] == "chunk" and (chunk["start"], chunk["end"]) == (0, len(raw))
    assert chunk["byte_end"] == len(data)
    keys = {"v", "type", "chunk", "rule", "stage", "start", "end", "byte_start", "byte_end",
            "line", "col", "before", "after", "step", "at", "note"}
    assert all(set(c) == keys for c in changes)
    comma = next(c for c in changes if c["rule"] == "punct-comma-fullwidth")
    at = raw.index(",")
    assert (comma["start"], comma["end"]) == (at, at + 1)
    assert (comma["line"], comma["col"]) == (3, at - raw.rindex("\n"))
    assert data[comma["byte_start"] : comma["byte_end"]] == b","
    assert comma["byte_start"] == len(raw[:at].encode("gb18030"))


def test_first_step_changes_point_at_their_raw_text(tmp_path):
    raw = SAMPLES[2].read_text(encoding="utf-8")
    _, records = clean_and_restore(tmp_path, raw.encode(), [])
    changes = [r for r in records if r["type"] == "change"]
    data = raw.encode()
    first = [c for c in changes if c["step"] == 0]
    assert first
    for c in first:
        assert raw[c["start"] : c["end"]] == c["before"]
        assert data[c["byte_start"] : c["byte_end"]].decode() == c["before"]


def test_locator_places_offsets_in_the_whole_input():
    loc = Locator("ab\r\ncd\ref\ngh", "utf-8", base_char=100, base_byte=300, start=(7, 5))
    assert loc.line_col(0) == (7, 5)  # the piece starts mid-line, at column 5
    assert loc.line_col(4) == (8, 1)
    assert loc.line_col(7) == (9, 1)
    assert loc.line_col(11) == (10, 2)
    assert loc.byte(4) == 304
    loc = Locator("中文a", "utf-16-le")
    assert [loc.byte(i) for i in range(4)] == [0, 2, 4, 6]


def restore_bytes(clean: bytes, log: bytes) -> bytes:
    out = io.BytesIO()
    restore(io.BytesIO(clean), io.BytesIO(log), out, "clean.txt", "log.jsonl")
    return out.getvalue()


@pytest.fixture
def pair(tmp_path) -> tuple[bytes, bytes, bytes]:
    raw = "标题\n\n本报讯(记者 云静)2月 11日,会议召开。\n".encode()
    restored, _ = clean_and_restore(tmp_path, raw, [])
    return raw, (tmp_path / "clean.txt").read_bytes(), (tmp_path / "log.jsonl").read_bytes()


def test_restore_in_memory(pair):
    raw, clean, log = pair
    assert restore_bytes(clean, log) == raw


def test_restore_refuses_edited_clean_text(pair):
    _, clean, log = pair
    with pytest.raises(RestoreError, match="edited"):
        restore_bytes(clean.replace("会议".encode(), "大会".encode()), log)
    with pytest.raises(RestoreError, match="longer"):
        restore_bytes(clean + "多".encode(), log)
    with pytest.raises(RestoreError, match="shorter"):
        restore_bytes(clean[:-4], log)


def test_restore_verifies_the_sha256(pair):
    _, clean, log = pair
    head, rest = log.split(b"\n", 1)
    record = json.loads(head)
    record["sha256"] = "f" * 64
    with pytest.raises(RestoreError, match="sha256"):
        restore_bytes(clean, json.dumps(record).encode() + b"\n" + rest)


def test_restore_refuses_other_versions_and_non_logs(pair):
    _, clean, log = pair
    with pytest.raises(RestoreError, match="version 2"):
        restore_bytes(clean, log.replace(b'"v": 1', b'"v": 2', 1))
    with pytest.raises(RestoreError, match="log.jsonl:1: not a JSON line"):
        restore_bytes(clean, b"hello\n")
    with pytest.raises(RestoreError, match="first line must be the header"):
        restore_bytes(clean, log.split(b"\n", 1)[1])


def test_restore_cli_error_is_one_line_and_leaves_no_output(tmp_path, pair, capsys):
    _, clean, log = pair
    (tmp_path / "edited.txt").write_bytes(clean + "多".encode())
    code = main(["restore", str(tmp_path / "edited.txt"), "--changes", str(tmp_path / "log.jsonl"),
                 "-o", str(tmp_path / "back.txt")])
    err = capsys.readouterr().err
    assert code == 2 and err.count("\n") == 1 and err.startswith("cleanup: error: ")
    assert not (tmp_path / "back.txt").exists()
    assert not [p for p in tmp_path.iterdir() if p.name.endswith(".cleanup-tmp")]


def test_restore_of_a_chunked_log(tmp_path, monkeypatch):
    monkeypatch.setattr("cleanup.io.TARGET", 300)
    monkeypatch.setattr("cleanup.io.HARD_MAX", 1000)
    raw = "".join(s.read_text(encoding="utf-8") for s in SAMPLES[:2]).encode()
    restored, records = clean_and_restore(tmp_path, raw, [])
    assert restored == raw
    assert sum(r["type"] == "chunk" for r in records) > 5


def test_read_log_yields_header_first():
    lines = [b'{"v": 1, "type": "header", "encoding": "utf-8", "sha256": ""}',
             b'{"v": 1, "type": "chunk", "chunk": 0, "start": 0, "end": 1, "clean_start": 0, "clean_end": 1}']
    assert [r["type"] for r in read_log(lines, "x")] == ["header", "chunk"]


@pytest.mark.parametrize(
    ("line", "drop", "field"),
    [(0, "encoding", "encoding"), (1, "clean_start", "clean_start"), (2, "at", "at")],
)
def test_damaged_log_is_a_one_line_error(tmp_path, capsys, line, drop, field):
    page = tmp_path / "page.txt"
    page.write_text(SAMPLES[0].read_text(encoding="utf-8"), encoding="utf-8")
    assert main([str(page), "-o", str(tmp_path / "clean.txt"), "--changes", str(tmp_path / "log.jsonl")]) == 0
    records = [json.loads(r) for r in (tmp_path / "log.jsonl").read_text(encoding="utf-8").splitlines()]
    del records[line][drop]
    (tmp_path / "bad.jsonl").write_text("".join(json.dumps(r) + "\n" for r in records))
    capsys.readouterr()
    code = main(["restore", str(tmp_path / "clean.txt"), "--changes", str(tmp_path / "bad.jsonl"),
                 "-o", str(tmp_path / "raw.txt")])
    err = capsys.readouterr().err
    assert code == 2 and len(err.strip().splitlines()) == 1
    assert f"bad.jsonl:{line + 1}:" in err and f"field {field!r} is missing" in err
    assert not (tmp_path / "raw.txt").exists()


def test_log_lines_are_utf8_and_only_a_line_with_a_lone_surrogate_is_escaped():
    assert dump({"before": "会,"}) == '{"before": "会,"}\n'.encode("utf-8")
    assert dump({"before": "\udc80会"}) == b'{"before": "\\udc80\\u4f1a"}\n'


def test_a_log_line_holds_no_character_that_splitlines_breaks_at():
    line = dump({"before": "会\x85\u2028\u2029\x1c\x0b议"})
    assert line == b'{"before": "\xe4\xbc\x9a\\u0085\\u2028\\u2029\\u001c\\u000b\xe8\xae\xae"}\n'
    assert len(line.decode("utf-8").splitlines()) == 1


# hypothesis never draws a lone surrogate by itself
ANY_TEXT = st.text(st.one_of(st.characters(), st.integers(0xD800, 0xDFFF).map(chr)), max_size=12)


@given(ANY_TEXT, ANY_TEXT, ANY_TEXT, st.integers(0, 30), st.integers(0, 30))
@settings(max_examples=300, deadline=None)
def test_a_change_line_is_the_json_of_its_record(before, after, note, start, size):
    """Written out directly, the line is what dump() writes of the record, for any
    text: quotes, backslashes, control characters, lone surrogates."""
    text = "中文\n,a\r\n" * 5
    loc = Locator(text, "utf-8", base_char=10, base_byte=20, start=(3, 3))
    c = Change("rule-x", "stage\"y", start, min(start + size, len(text)), before, after, 2, 7, note)
    line, col = loc.line_col(c.start)
    record = {"v": 1, "type": "change", "chunk": 4, "rule": c.rule, "stage": c.stage, "start": 10 + c.start,
              "end": 10 + c.end, "byte_start": loc.byte(c.start), "byte_end": loc.byte(c.end), "line": line,
              "col": col, "before": before, "after": after, "step": 2, "at": 7, "note": note}
    assert loc.change_line(c, '"chunk": 4') == dump(record)


# --- JSON Lines corpora ------------------------------------------------------------

DIRTY = "本报讯(记者 云静)2月 11日上午,会议召开。"


def corpus_lines() -> list[bytes]:
    """A corpus as tools other than cleanup write one, line by line."""
    rec = {"id": 1, "text": DIRTY, "meta": {"src": "a", "n": 1.5}}
    return [
        json.dumps(rec, ensure_ascii=False).encode() + b"\n",  # as cleanup writes it
        json.dumps(rec).encode() + b"\n",  # \u escapes
        json.dumps(rec, ensure_ascii=False, separators=(",", ":")).encode() + b"\r\n",  # compact, CRLF
        b'{ "text" : "ignored", "id": 4,\t"text": "' + DIRTY.encode() + b'" , "x": [1, 2] }\n',  # duplicate key
        b'{"text": "\\u672c\\u62a5\\u8baf(\\u8bb0\\u8005 \\u4e91\\u9759)2\\u6708 11\\u65e5,\xe4\xbc\x9a\\/"}\n',  # mixed
        b'\xef\xbb\xbf{"text": "' + DIRTY.encode() + b'"}\n',  # a BOM
        json.dumps({"text": "会议召开。\n"}, ensure_ascii=False).encode() + b"\n",  # clean already
        b"\n",
        b"not json\n",
        b'{"body": "no text field"}\n',
        json.dumps({"text": DIRTY + "\u2028" + "\udc80,"}).encode() + b"\n",  # U+2028, a lone surrogate
        json.dumps({"id": 12, "text": DIRTY}, ensure_ascii=False, indent=None).encode(),  # no last line break
    ]


def restore_corpus_cli(tmp_path: Path, data: bytes, *flags: str) -> tuple[bytes, list[dict]]:
    corpus, clean, log, back = (tmp_path / n for n in ("c.jsonl", "clean.jsonl", "log.jsonl", "back.jsonl"))
    corpus.write_bytes(data)
    main([str(corpus), "--jsonl", "-o", str(clean), "--changes", str(log), *flags])
    assert main(["restore", str(clean), "--changes", str(log), "-o", str(back)]) == 0
    return back.read_bytes(), [json.loads(line) for line in log.read_text(encoding="utf-8").splitlines()]


def test_restore_rebuilds_a_jsonl_corpus_byte_for_byte(tmp_path):
    data = b"".join(corpus_lines())
    back, log = restore_corpus_cli(tmp_path, data)
    assert back == data
    frames = {r["record"]: r for r in log if r["type"] == "record"}
    assert 1 not in frames  # written anew, the line is the same: no frame
    assert frames[2]["escape"] == "ascii" and frames[3]["suffix"] == ',"meta":{"src":"a","n":1.5}}'
    assert frames[4]["prefix"].startswith('{ "text" : "ignored"') and frames[4]["escape"] == "none"
    assert "token" in frames[5] and "line" in frames[6]


def test_restore_of_a_corpus_with_another_text_field(tmp_path):
    data = json.dumps({"body": DIRTY, "text": DIRTY}).encode() + b"\n"
    back, log = restore_corpus_cli(tmp_path, data, "--text-field", "body")
    assert back == data and log[0]["text_field"] == "body"


def test_restore_refuses_an_edited_corpus(tmp_path, capsys):
    data = b"".join(corpus_lines()[:3])
    corpus, clean, log = tmp_path / "c.jsonl", tmp_path / "clean.jsonl", tmp_path / "log.jsonl"
    corpus.write_bytes(data)
    assert main([str(corpus), "--jsonl", "-o", str(clean), "--changes", str(log)]) == 0
    lines = clean.read_bytes().splitlines(keepends=True)
    clean.write_bytes(lines[0] + lines[1].replace("，".encode(), b",") + lines[2])
    capsys.readouterr()
    assert main(["restore", str(clean), "--changes", str(log), "-o", str(tmp_path / "back")]) == 2
    err = capsys.readouterr().err.strip()
    assert err.startswith(f"cleanup: error: {clean}:2: ") and "edited" in err
    assert not (tmp_path / "back").exists()
    clean.write_bytes(lines[0])
    assert main(["restore", str(clean), "--changes", str(log)]) == 2
    assert "but the corpus has 1 lines (was it cut?)" in capsys.readouterr().err


RECORD_TEXT = st.text(st.sampled_from(list("会议召开本报讯,. \n\t\"\\/a1（）\u3000\u2028") + ["\udc80"]), max_size=30)


@given(st.lists(st.tuples(RECORD_TEXT, st.booleans(), st.sampled_from([(", ", ": "), (",", ":"), (" , ", " : ")]),
                          st.sampled_from([b"\n", b"\r\n"])), min_size=1, max_size=6))
@settings(max_examples=60, deadline=None)
def test_any_jsonl_corpus_restores_byte_for_byte(tmp_path_factory, records):
    data = b"".join(json.dumps({"k": n, "text": text}, ensure_ascii=ascii, separators=seps)
                    .encode("utf-8", "surrogatepass") + end
                    for n, (text, ascii, seps, end) in enumerate(records))
    back, _ = restore_corpus_cli(tmp_path_factory.mktemp("c"), data)
    assert back == data


def test_a_corpus_record_whose_log_holds_only_a_suspect_restores_as_it_was(tmp_path):
    """A doubt kept (会会, before == after) changes nothing: the line, a raw U+2028
    in it, was copied as it was and is restored so, not written anew."""
    data = json.dumps({"text": "\u2028会会召\n"}, ensure_ascii=False).encode() + b"\n"
    back, log = restore_corpus_cli(tmp_path, data)
    assert back == data
    assert [r["before"] == r["after"] for r in log if r["type"] == "change"] == [True]
