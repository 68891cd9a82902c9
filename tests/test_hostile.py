"""What archives really contain (issue 7, item 2): each gets the expected output or
a one-line error, never a crash, and everything that is cleaned restores exactly.

The 1 GB case is measured by hand (see the report); here a smaller generated
file with the chunk size turned down shows the same code path.
"""

from __future__ import annotations

import json
import re
import signal
from pathlib import Path

import pytest
import regex
from conftest import SAMPLES

from cleanup import Cleaner
from cleanup.cli import main
from cleanup.document import Document
from cleanup.errors import RuleError
from cleanup.patterns import VETTED_LENGTH
from cleanup.pipeline import build_stage
from cleanup.rules import Params, load_profile, packaged_rules_dir
from cleanup.shape import load_shape


def clean(tmp_path: Path, data: bytes, *flags: str, name: str = "in.txt") -> tuple[int, bytes, list[dict]]:
    """Clean ``data`` to a file with a change log; returns (exit code, output, log records)."""
    src, out, log = tmp_path / name, tmp_path / "out.txt", tmp_path / "log.jsonl"
    src.write_bytes(data)
    code = main([str(src), "-o", str(out), "--changes", str(log), *flags])
    if code != 0:
        assert not out.exists() and not log.exists()
        return code, b"", []
    records = [json.loads(line) for line in log.read_text(encoding="utf-8").splitlines()]
    return code, out.read_bytes(), records


def restores(tmp_path: Path, data: bytes) -> bool:
    back = tmp_path / "back.txt"
    code = main(["restore", str(tmp_path / "out.txt"), "--changes", str(tmp_path / "log.jsonl"),
                 "-o", str(back)])
    return code == 0 and back.read_bytes() == data


def error_of(capsys) -> str:
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and err.startswith("cleanup: error: "), err
    return err


def test_empty_file(tmp_path):
    code, out, records = clean(tmp_path, b"")
    assert (code, out) == (0, b"")
    assert [r["type"] for r in records] == ["header"]
    assert restores(tmp_path, b"")


@pytest.mark.parametrize("data", [b" ", b"\n\n\n", " \t\u3000\r\n\u00a0\n".encode()])
def test_whitespace_only(tmp_path, data):
    code, out, _ = clean(tmp_path, data)
    assert (code, out) == (0, b"")
    assert restores(tmp_path, data)


def test_nul_bytes_are_removed_and_recorded(tmp_path):
    data = "会议\x00召开。\n\x00\x00第二段。\n".encode()
    code, out, records = clean(tmp_path, data)
    assert code == 0 and b"\x00" not in out
    assert any(r.get("rule") == "control-chars" for r in records)
    assert restores(tmp_path, data)


def test_binary_data(tmp_path, capsys):
    code, _, _ = clean(tmp_path, bytes(range(256)) * 64)
    assert code == 2
    assert "binary data" in error_of(capsys)


@pytest.fixture
def mixed() -> bytes:
    """UTF-8 text with a GBK-encoded sentence pasted in, as merged archives have."""
    return "第一段，UTF-8。\n\n".encode() + "第二段，GBK。\n".encode("gbk") + "第三段。\n".encode()


def test_mixed_encodings_stop_at_the_first_bad_byte(tmp_path, capsys, mixed):
    code, _, _ = clean(tmp_path, mixed)
    assert code == 2
    at = len("第一段，UTF-8。\n\n".encode())
    assert f"in.txt:3:1: bytes not valid utf-8 at byte {at}" in error_of(capsys)


def test_errors_replace_records_every_replacement_and_restores(tmp_path, mixed):
    code, out, records = clean(tmp_path, mixed, "--errors", "replace")
    assert code == 0
    replaced = [r for r in records if r.get("rule") == "decode-replace"]
    assert replaced and all(set(r["after"]) == {"\ufffd"} for r in replaced)
    assert sum(len(r["after"]) for r in replaced) == out.decode().count("\ufffd")
    start = len("第一段，UTF-8。\n\n".encode())
    assert replaced[0]["byte_start"] == start and replaced[0]["line"] == 3
    assert restores(tmp_path, mixed)


def test_invalid_utf8_deep_in_a_line_gives_line_col_and_byte(tmp_path, capsys):
    data = "第一行\n第二行，".encode() + b"\xff" + "尾".encode()
    code, _, _ = clean(tmp_path, data)
    assert code == 2
    at = data.index(b"\xff")
    assert f"in.txt:2:5: bytes not valid utf-8 at byte {at}" in error_of(capsys)


def test_truncated_utf8_at_the_end(tmp_path, capsys):
    data = "会议召开".encode()[:-1]
    assert clean(tmp_path, data)[0] == 2
    assert "bytes not valid utf-8 at byte 9" in error_of(capsys)


def test_crlf_and_cr_are_kept_by_restore(tmp_path):
    data = "标题\r\n\r\n第一段，内容。\r第二段。\r\n".encode()
    code, out, _ = clean(tmp_path, data)
    assert code == 0 and b"\r" not in out
    assert restores(tmp_path, data)


def test_bom_is_dropped_and_restored(tmp_path):
    data = "\ufeff会议召开。\n".encode()
    code, out, records = clean(tmp_path, data)
    assert code == 0 and not out.startswith("\ufeff".encode())
    assert any(r.get("rule") == "bom" for r in records)
    assert restores(tmp_path, data)


def test_surrogates_in_jsonl(tmp_path, capsys):
    corpus = tmp_path / "c.jsonl"
    corpus.write_bytes(b'{"text": "\\ud800\\u4f1a,\\u8bae\\udfff", "id": "\\udc00"}\n'
                       b'{"text": "\\ud83d\\ude00 ok"}\n')
    out, log = tmp_path / "o.jsonl", tmp_path / "log.jsonl"
    assert main([str(corpus), "--jsonl", "-o", str(out), "--changes", str(log)]) == 0
    rows = [json.loads(line) for line in out.read_bytes().decode("utf-8").splitlines()]
    assert rows[0]["text"] == "\ufffd会，议\ufffd\n" and rows[0]["id"] == "\udc00"
    assert rows[1]["text"] == "\U0001f600 ok\n"  # a proper pair is a character
    records = [json.loads(line) for line in log.read_text(encoding="utf-8").splitlines()]
    assert [r["before"] for r in records if r.get("rule") == "decode-replace"] == ["\ud800", "\udfff"]


@pytest.mark.parametrize(
    "data",
    ["啊" * 200_000, "哈哈" * 100_000, "，" * 50_000, " " * 100_000 + "字", "\n" * 100_000 + "字",
     "■" * 20_000, "a" * 200_000],
    ids=["han", "pair", "comma", "spaces", "newlines", "bullets", "ascii"],
)
def test_very_long_runs_of_one_character(tmp_path, data):
    raw = data.encode()
    code, out, _ = clean(tmp_path, raw)
    assert code == 0
    assert restores(tmp_path, raw)
    # a second pass changes nothing
    again = tmp_path / "again.txt"
    assert main([str(tmp_path / "out.txt"), "-o", str(again)]) == 0
    assert again.read_bytes() == out


def test_catastrophic_pattern_in_a_rule_file(tmp_path, capsys):
    rules = tmp_path / "bad.toml"
    rules.write_text('[[rule]]\nid = "han-explode"\nstage = "normalize"\n'
                     'description = "nested alternation"\npattern = \'(字|字字)+$\'\n'
                     'replace = ""\nexamples = [["字", ""]]\n', encoding="utf-8")
    code, _, _ = clean(tmp_path, ("字" * 60 + "！\n").encode(), "--rules", str(rules),
                       "--timeout", "0.2")
    assert code == 2
    assert "han-explode" in error_of(capsys)


@pytest.fixture(autouse=True)
def no_hang():
    """A test here that hangs fails instead: a runaway pattern searched without its
    timeout (a user's pattern taken for vetted) must not stall the suite.
    regex checks for signals while it backtracks, so the alarm stops it."""
    def hung(signum, frame):
        raise AssertionError("the test ran over 120 s: a runaway pattern without its timeout?")
    previous = signal.signal(signal.SIGALRM, hung)
    signal.alarm(120)
    yield
    signal.alarm(0)
    signal.signal(signal.SIGALRM, previous)


# backtracks for ever on a long run of 字: every way to split the run is tried
RUNAWAY = r"(字|字字)+\d"
RUNAWAY_PAGE = ("字" * 50 + "x\n") * 2  # two lines: the break between them is weighed
RUNAWAY_LINE = "字" * 50 + "x\n"  # a line short enough to be read as a headline
RUNAWAY_LIST = "字" * 50 + "、x\n"  # a list-item mark: stutter searches the line for list items
RUNAWAY_REPEAT = "会议会议" + "字" * 50 + "x\n"  # a repeat that stutter's keep patterns must judge
RUNAWAY_COPIES = ("字" * 50 + "x。\n\n") * 2  # a paragraph and its copy: dedup asks if it may repeat
# a wrapped page whose lines lead in (：): paragraphs asks whether the next line starts a sentence
RUNAWAY_LEAD_IN = ("字" * 50 + "：\n") * 12


def runaway_input(stage: str, key: str) -> str:
    """A text on which ``stage`` searches with its setting ``key``."""
    if stage == "fragments":
        return RUNAWAY_LINE
    if stage == "stutter":
        return RUNAWAY_LIST if key == "list_item" else RUNAWAY_REPEAT
    if stage == "dedup":
        return RUNAWAY_COPIES
    if key == "starts_sentence":
        return RUNAWAY_LEAD_IN
    return RUNAWAY_PAGE


def vocabulary_with(tmp_path: Path, key: str, value: str) -> Path:
    """A copy of the page-shape vocabulary in ``tmp_path`` that sets ``key = value`` (TOML)."""
    text = (packaged_rules_dir() / "shape.toml").read_text(encoding="utf-8")
    text, count = re.subn(rf"(?m)^{key} = .*$", lambda _: f"{key} = {value}", text)
    assert count == 1, f"shape.toml has no single setting {key}"
    path = tmp_path / "shape.toml"
    path.write_text(text, encoding="utf-8")
    return path


def profile_with_param(tmp_path: Path, stage: str, key: str, value: str) -> Path:
    """A copy of the default profile whose ``stage`` rule file sets ``key = value`` (TOML), in
    ``[params]`` or a rule's own params, wherever the file sets it."""
    rules = packaged_rules_dir()
    text = (rules / f"{stage}.toml").read_text(encoding="utf-8")
    text, count = re.subn(rf"(?ms)^{key} = (?:\[.*?^\]|'[^\n]*'|\"[^\n]*\")", lambda _: f"{key} = {value}", text)
    assert count == 1, f"{stage}.toml has no single setting {key}"
    (tmp_path / f"{stage}.toml").write_text(text, encoding="utf-8")
    profile = tmp_path / "hostile.toml"
    profile.write_bytes((rules / "zh-news.toml").read_bytes())
    return profile


# Every regex setting a stage reads, set to one that backtracks for ever: (stage,
# whose setting it is, key, value).
RUNAWAY_PARAMS = [
    ("debris", "rule marker-page-jump: params", "lead", f"'{RUNAWAY}'"),
    ("debris", "rule marker-page-jump: params", "tail", f"'{RUNAWAY}'"),
    ("paragraphs", "stage paragraphs: [params]", "starts_paragraph", f"['{RUNAWAY}']"),
    ("paragraphs", "stage paragraphs: [params]", "opens_paragraph", f"'{RUNAWAY}'"),
    ("paragraphs", "stage paragraphs: [params]", "lead", f"'{RUNAWAY}'"),
    ("paragraphs", "stage paragraphs: [params]", "starts_particle", f"'{RUNAWAY}'"),
    ("paragraphs", "stage paragraphs: [params]", "standalone", f"['{RUNAWAY}']"),
    ("paragraphs", "stage paragraphs: [params]", "ends_credit", f"'{RUNAWAY}'"),
    ("paragraphs", "stage paragraphs: [params]", "ends_word", f"'{RUNAWAY}'"),
    ("paragraphs", "stage paragraphs: [params]", "starts_sentence", f"'{RUNAWAY}'"),
    ("fragments", "stage fragments: [params]", "keep_patterns", f"['{RUNAWAY}']"),
    ("dedup", "stage dedup: [params]", "keep_patterns", f"['^本报', '{RUNAWAY}']"),
    ("stutter", "rule stutter-list-item: params", "list_item", f"'{RUNAWAY}'"),
    ("stutter", "rule stutter-word: params", "keep_patterns", f"['{RUNAWAY}']"),
]
# One of them per stage, for the command line.
RUNAWAY_PER_STAGE = list({row[0]: row for row in reversed(RUNAWAY_PARAMS)}.values())


@pytest.mark.parametrize(("stage", "owner", "key", "value"), RUNAWAY_PARAMS)
def test_catastrophic_params_pattern_is_a_rule_error(tmp_path, stage, owner, key, value):
    cleaner = Cleaner(profile_with_param(tmp_path, stage, key, value), timeout=0.2)
    with pytest.raises(RuleError) as err:
        cleaner.clean(runaway_input(stage, key))
    assert err.value.where == str(tmp_path / f"{stage}.toml")
    assert err.value.message.startswith(f"{owner} {key}")
    assert err.value.message.endswith(": pattern ran over 0.2s and was stopped (catastrophic backtracking?)")


@pytest.mark.parametrize(("stage", "owner", "key", "value"), RUNAWAY_PER_STAGE)
def test_catastrophic_params_pattern_stops_the_cli(tmp_path, capsys, stage, owner, key, value):
    profile = profile_with_param(tmp_path, stage, key, value)
    page = runaway_input(stage, key)
    code, _, _ = clean(tmp_path, page.encode(), "--profile", str(profile), "--timeout", "0.2")
    assert code == 2
    assert f"{owner} {key}: pattern ran over 0.2s" in error_of(capsys)


def test_packaged_params_patterns_are_vetted_and_one_a_user_changed_is_timed():
    """Vetted patterns search lines without the timeout (each timed search reads
    the CPU clock twice, a system call each); any other pattern is timed."""
    config = next(s for s in load_profile().stages if s.name == "paragraphs")
    assert Params.of_stage(config, 2.0).pattern("lead").search.__name__ == "untimed_if_short"
    config.params["lead"] = "^本报讯"
    assert Params.of_stage(config, 2.0).pattern("lead").search.__name__ == "_timed_search"


def test_a_rules_own_packaged_patterns_are_vetted_and_one_a_user_changed_is_timed():
    config = next(s for s in load_profile().stages if s.name == "debris")
    markers = next(r for r in config.rules if r.id == "marker-page-jump")
    assert Params.of_rule(markers, 2.0).pattern("lead").search.__name__ == "untimed_if_short"
    changed = next(r for r in config.with_settings(lead="^■").rules if r.id == "marker-page-jump")
    assert Params.of_rule(changed, 2.0).pattern("lead").search.__name__ == "_timed_search"
    assert Params.of_rule(changed, 2.0).pattern("tail").search.__name__ == "untimed_if_short"


def test_a_vetted_pattern_searches_a_longer_text_with_the_timeout():
    config = next(s for s in load_profile().stages if s.name == "paragraphs")
    config.vetted["lead"] = config.params["lead"] = RUNAWAY
    lead = Params.of_stage(config, 0.2).pattern("lead")
    assert lead.search("字" * 30 + "1")  # short: searched as it is
    with pytest.raises(RuleError, match="ran over 0.2s"):
        lead.search("字" * VETTED_LENGTH + "x")


def hostile_lines(pattern: str) -> list[str]:
    """Lines as long as a vetted pattern searches without the timeout: runs of each
    character of ``pattern`` and of all of them in turn, then a character that
    fails whatever was building up."""
    chars = sorted({c for c in pattern if not c.isascii() or c in " ,;:"}) or ["字"]
    size = VETTED_LENGTH - 1
    runs = [c * size for c in chars] + [("".join(chars) * size)[:size], "字" * size]
    return [run + end for run in runs for end in ("x", "。")]


VETTED = [(s.name, key, value) for s in load_profile().stages
          for key, value in [*s.vetted.items(), *(item for r in s.rules for item in r.vetted.items())]
          if isinstance(value, str) and value or isinstance(value, list) and value
          and all(isinstance(v, str) for v in value)]


@pytest.mark.parametrize(("stage", "key", "value"), VETTED, ids=[f"{s}-{k}" for s, k, _ in VETTED])
def test_vetted_params_patterns_finish_on_hostile_lines(stage, key, value):
    """What the timeout would catch in a user's pattern is ruled out for the vetted
    ones here (values that are sets of characters, not patterns, are left out)."""
    source = "|".join(f"(?:{v})" for v in value) if isinstance(value, list) else value
    try:
        compiled = regex.compile(source, regex.VERSION1)
    except regex.error:
        return
    for line in hostile_lines(source):
        compiled.search(line, timeout=1.0)
        list(compiled.finditer(line, overlapped=True, timeout=1.0))


def test_the_paragraphs_gate_finishes_on_hostile_lines():
    """The gate of the paragraphs stage's checks (its vetted patterns fused) searches a
    next line of up to VETTED_LENGTH characters without the timeout."""
    paragraphs = next(s for s in Cleaner().stages if s.name == "paragraphs")
    patterns = [search.__self__ for search in paragraphs.next_gate.searches]
    assert patterns
    for pattern in patterns:
        for line in hostile_lines(pattern.pattern):
            pattern.search(line, timeout=1.0)


LINE_RULES = [r for s in load_profile().stages for r in s.rules if r.line_needs]


@pytest.mark.parametrize("rule", LINE_RULES, ids=[r.id for r in LINE_RULES])
def test_rule_patterns_searched_line_by_line_finish_on_hostile_lines(rule):
    """A rule searched line by line (Rule.line_needs) searches a line of up to
    VETTED_LENGTH characters without the timeout: here a search of a hostile
    line that runs over a second raises TimeoutError, and the test fails."""
    for line in hostile_lines(rule.pattern.pattern):
        list(rule.pattern.finditer(line, timeout=1.0))
        list(rule.pattern.finditer(line, overlapped=True, timeout=1.0))


def test_an_empty_character_setting_of_a_stage_is_a_rule_error():
    config = next(s for s in load_profile().stages if s.name == "paragraphs")
    config.params["ends_function"] = ""
    with pytest.raises(RuleError, match=re.escape("stage paragraphs: [params] ends_function must hold at least")):
        build_stage(config, timeout=2.0)


@pytest.mark.parametrize("key", ["sentence_end", "clause_end", "open_end", "commas", "body_marks", "sentence_marks",
                                 "function_end", "no_start"])
def test_an_empty_character_set_of_the_vocabulary_is_a_rule_error(tmp_path, key):
    path = vocabulary_with(tmp_path, key, '""')
    with pytest.raises(RuleError, match=re.escape(f"page-shape vocabulary: [params] {key} must hold at least")) as err:
        load_shape(path)
    assert err.value.where == str(path)


def test_paragraphs_may_have_no_closers(tmp_path):
    """A script with no closing quotes: the sentence end is then the line's last character."""
    vocabulary_with(tmp_path, "closers", '""')
    profile = tmp_path / "profile.toml"
    profile.write_bytes((packaged_rules_dir() / "zh-news.toml").read_bytes())
    (stage,) = [s for s in Cleaner(profile).stages if s.name == "paragraphs"]
    assert stage.shape.closers == ""
    assert stage.run(Document("会议召开。\n\n第二段，内容\n\n继续。\n")).text == "会议召开。\n\n第二段，内容继续。\n"


def test_directory_with_unreadable_files(tmp_path, capsys):
    raw = tmp_path / "raw"
    raw.mkdir()
    for s in SAMPLES[:3]:
        (raw / s.name).write_bytes(s.read_bytes())
    (raw / "gone.txt").symlink_to(tmp_path / "nowhere")
    (raw / "loop.txt").symlink_to(raw / "loop.txt")
    code = main([str(raw), "-o", str(tmp_path / "out")])
    err = capsys.readouterr().err.strip().splitlines()
    assert code == 2
    assert err[-1] == "3 cleaned, 0 unchanged, 2 failed"
    assert any("gone.txt" in e for e in err) and any("loop.txt" in e for e in err)
    assert len(list((tmp_path / "out").glob("*.txt"))) == 3


def test_one_long_line_is_chunked_and_restores(tmp_path, monkeypatch):
    """The 50 MB single line, scaled down: chunks are cut inside the line."""
    monkeypatch.setattr("cleanup.io.TARGET", 2000)
    monkeypatch.setattr("cleanup.io.HARD_MAX", 8000)
    line = "".join(f"第{n}句话说的是,会议 2月 {n % 28 + 1}日召开。" for n in range(5000))
    data = line.encode()
    code, out, records = clean(tmp_path, data)
    assert code == 0
    assert sum(r["type"] == "chunk" for r in records) > 10
    assert out.decode().count("\n") == 1  # still one paragraph
    assert restores(tmp_path, data)


def test_large_generated_file_is_chunked_and_restores(tmp_path, monkeypatch):
    """The 1 GB file, scaled down: many pages cleaned chunk by chunk."""
    monkeypatch.setattr("cleanup.io.TARGET", 20_000)
    pages = [s.read_bytes() for s in SAMPLES]
    data = b"".join(f"第{n}版\n\n".encode() + pages[n % len(pages)] + b"\n\n" for n in range(40))
    code, out, records = clean(tmp_path, data)
    assert code == 0
    assert sum(r["type"] == "chunk" for r in records) > 10
    assert restores(tmp_path, data)


@pytest.mark.parametrize("weight", ["nan", "inf", "-inf"])
def test_a_weight_that_is_not_a_finite_number_is_a_rule_error(tmp_path, weight):
    rules = packaged_rules_dir()
    text = (rules / "paragraphs.toml").read_text(encoding="utf-8")
    text = text.replace("word = 2.0", f"word = {weight}")
    (tmp_path / "paragraphs.toml").write_text(text, encoding="utf-8")
    (tmp_path / "hostile.toml").write_bytes((rules / "zh-news.toml").read_bytes())
    with pytest.raises(RuleError, match="weights must map names to finite numbers"):
        Cleaner(tmp_path / "hostile.toml")
