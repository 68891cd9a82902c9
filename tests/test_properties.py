"""Properties of cleaning on generated text mixing Han, ASCII, punctuation,
whitespace and page debris (hypothesis), and an opt-in fuzz target over the
CLI's input path (``pytest -m fuzz``; ``CLEANUP_FUZZ_EXAMPLES`` sets its size).
"""

from __future__ import annotations

import io
import json
import os
import tempfile
from collections import Counter
from pathlib import Path

import pytest
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from cleanup import Cleaner
from cleanup.cli import main
from cleanup.document import undo
from cleanup.io import RawReader, clean_chunks

CLEANER = Cleaner()

HAN = list("会议精神政企对接研究常常人人谢谢天天经济发展國家漢字习近平新华社北京记者")
ASCII = list("abcXYZ0123456789") + ["PM2.5", "VGG-19", "npj Digital", "1,000", "9:00"]
PUNCT = list(",.;:?!()\"'，。、；：？！（）《》“”‘’—…·") + ["——", "……"]
SPACE = [" ", "  ", "\t", "\u3000", "\u00a0", "\n", "\n\n", "\r\n", "\r", "\u200b", "\x00"]
MARKERS = ["■下转第2版", "（上接第1版）", "(下转第3版)", "□", "●", "◆", "★", "本报记者 云静",
           "２０２４", "ＡＰＰ", "\ufeff", "e\u0301", "会议会议", "前列腺癌、前列腺癌、"]

tokens = st.sampled_from(HAN + ASCII + PUNCT + SPACE + MARKERS)
texts = st.lists(tokens, max_size=80).map("".join)
pages = st.lists(texts, max_size=8).map("\n\n".join)

PROPERTY = settings(max_examples=150, deadline=None,
                    suppress_health_check=[HealthCheck.too_slow])


def assert_idempotent(x: str) -> None:
    once = CLEANER.clean(x).text
    assert CLEANER.clean(once).text == once


def test_idempotent_after_an_opening_bracket():
    """Found by test_clean_is_idempotent: read as wrapped, then joined on a second pass."""
    assert_idempotent("PM2.5（\n\n会\n会")


def test_idempotent_when_a_join_makes_chinese_context():
    """Found by the fuzz target: a colon that a join puts next to Han."""
    assert_idempotent("会\n\n:")


def test_idempotent_on_a_few_short_paragraphs_a_blank_line_apart():
    """Found by test_clean_is_idempotent: clean output of four short paragraphs, full-width
    marks making them one width, was read as a page writing a blank line after every printed
    line and joined (paragraphs: line_spaced_min_lines)."""
    assert_idempotent("会会会,——本报记者 云静\n\n会会会会会会会会；会议会议\n\n会本报记者 云静会会会——\n\n本报记者 云静会会会会——")


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(texts, min_size=12, max_size=24).map("\n\n".join))
def test_clean_is_idempotent_on_a_page_of_paragraphs(x):
    """As many paragraphs as a page that writes a blank line after every printed line holds."""
    assert_idempotent(x)


@PROPERTY
@given(pages)
def test_clean_is_idempotent(x):
    assert_idempotent(x)


@PROPERTY
@given(pages)
def test_undo_of_clean_is_the_input(x):
    result = CLEANER.clean(x)
    assert undo(result.text, result.changes) == x


@PROPERTY
@given(pages)
def test_every_output_character_is_explained(x):
    """Output = input - everything removed + everything written, character for character."""
    result = CLEANER.clean(x)
    expected = Counter(x)
    for c in result.changes:
        expected.subtract(c.before)
        expected.update(c.after)
    assert +expected == Counter(result.text)
    assert all(v >= 0 for v in expected.values())


@PROPERTY
@given(st.lists(texts, max_size=12).map("。\n\n".join), st.integers(5, 60))
def test_chunked_cleaning_undoes_chunk_by_chunk(x, target):
    data = x.encode()
    assume(data.count(b"\x00") * 10 < len(data))  # else it is refused as binary data
    reader = RawReader(io.BytesIO(data), "utf-8", "gen.txt")
    chunks = list(clean_chunks(reader, CLEANER, target=target, hard_max=target * 3))
    assert "".join(c.raw for c in chunks) == x
    for c in chunks:
        assert undo(c.clean, c.changes) == c.raw


# --- fuzz: opt-in ------------------------------------------------------------------

FUZZ = settings(max_examples=int(os.environ.get("CLEANUP_FUZZ_EXAMPLES", "400")), deadline=None,
                suppress_health_check=list(HealthCheck), database=None)

raw_inputs = st.one_of(
    st.binary(max_size=400),
    pages.map(lambda s: s.encode("utf-8", "surrogatepass")),
    st.tuples(pages, st.binary(max_size=8), pages).map(
        lambda t: t[0].encode() + t[1] + t[2].encode("gb18030")),
    pages.map(lambda s: s.encode("utf-16")),
)


def run_quietly(argv: list[str]) -> int:
    from contextlib import redirect_stderr, redirect_stdout

    sink = io.TextIOWrapper(io.BytesIO(), encoding="utf-8")
    with redirect_stdout(sink), redirect_stderr(io.StringIO()):
        return main(argv)


@pytest.mark.fuzz
@FUZZ
@given(raw_inputs, st.sampled_from([[], ["--errors", "replace"], ["--encoding", "auto"],
                                    ["--encoding", "auto", "--errors", "replace"]]))
def test_fuzz_cli_input_path(data, flags):
    """Any bytes: exit 0 and a byte-exact restore, or exit 2 with one error line."""
    with tempfile.TemporaryDirectory() as d:
        src, out, log, back = (Path(d) / n for n in ("in.txt", "out.txt", "log.jsonl", "back.txt"))
        src.write_bytes(data)
        code = run_quietly([str(src), "-o", str(out), "--changes", str(log), *flags])
        assert code in (0, 2)
        if code == 0:
            assert run_quietly(["restore", str(out), "--changes", str(log), "-o", str(back)]) == 0
            assert back.read_bytes() == data
            again = Path(d) / "again.txt"
            assert run_quietly([str(out), "-o", str(again)]) == 0
            assert again.read_bytes() == out.read_bytes()
        else:
            assert not out.exists() and not log.exists()
        assert not [p for p in Path(d).iterdir() if p.name.endswith(".cleanup-tmp")]


json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.text(max_size=20),
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=5), inner, max_size=3),
    max_leaves=6,
)


@pytest.mark.fuzz
@FUZZ
@given(st.lists(st.one_of(
    st.fixed_dictionaries({"text": texts | st.text(max_size=40)}, optional={"meta": json_values}),
    json_values,
    st.binary(max_size=30).map(lambda b: b.decode("latin-1")),
), max_size=6))
def test_fuzz_jsonl_input_path(rows):
    """Any JSONL: exit 0 or 2, every line kept, output lines are valid JSON or copied."""
    with tempfile.TemporaryDirectory() as d:
        src, out = Path(d) / "in.jsonl", Path(d) / "out.jsonl"
        lines = [r if isinstance(r, str) else json.dumps(r) for r in rows]
        lines = [line.replace("\n", " ").replace("\r", " ") for line in lines]
        src.write_text("".join(line + "\n" for line in lines), encoding="utf-8", errors="surrogatepass")
        code = run_quietly([str(src), "--jsonl", "-o", str(out), "--changes", str(Path(d) / "log")])
        assert code in (0, 2)
        assert len(out.read_bytes().splitlines()) == len(lines)
