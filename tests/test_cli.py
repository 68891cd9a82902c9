"""The command line, run in-process through ``cleanup.cli.main(argv)``.

Outputs are checked by invariants (exit codes, files present, round trips,
agreement with the library), not by exact clean text: the profile grows.
"""

from __future__ import annotations

import json
import os
import re
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from conftest import SAMPLES, one_error_line

from cleanup import runner
from cleanup.cli import main, mode_from_flags
from cleanup.report import in_context
from cleanup.runner import MANIFEST, Mode
from cleanup.rules import packaged_rules_dir

RAW = "本报讯(记者 云静)2月 11日上午,会议召开。\n"


@pytest.fixture
def page(tmp_path) -> Path:
    p = tmp_path / "page.txt"
    p.write_bytes(SAMPLES[0].read_bytes())
    return p


def test_file_to_stdout_is_the_library_output(run, page, cleaner):
    code, out, err = run(page)
    assert code == 0 and err == ""
    assert out.decode() == cleaner.clean(page.read_text(encoding="utf-8")).text


def test_stdin_to_stdout(run, cleaner):
    code, out, _ = run("-", stdin=RAW.encode())
    assert code == 0
    assert out.decode() == cleaner.clean(RAW).text


def test_output_file(run, page, tmp_path, cleaner):
    out = tmp_path / "clean.txt"
    code, stdout, _ = run(page, "-o", out)
    assert code == 0 and stdout == b""
    assert out.read_text(encoding="utf-8") == cleaner.clean(page.read_text(encoding="utf-8")).text
    assert sorted(p.name for p in tmp_path.iterdir()) == ["clean.txt", "page.txt"]


def test_input_is_never_modified(run, page, tmp_path):
    before = page.read_bytes()
    run(page, "-o", tmp_path / "clean.txt", "--changes", tmp_path / "log.jsonl")
    assert page.read_bytes() == before


def test_same_file_in_and_out_is_refused(run, page):
    before = page.read_bytes()
    code, _, err = run(page, "-o", page)
    assert code == 2
    one_error_line(err, "same file", "--in-place")
    assert page.read_bytes() == before


def test_in_place_keeps_a_backup(run, page, cleaner):
    raw = page.read_bytes()
    assert run(page, "--in-place")[0] == 0
    assert page.with_name("page.txt.bak").read_bytes() == raw
    assert page.read_text(encoding="utf-8") == cleaner.clean(raw.decode()).text


def test_in_place_without_backup(run, page):
    assert run(page, "--in-place", "--no-backup")[0] == 0
    assert not page.with_name("page.txt.bak").exists()


def test_in_place_on_clean_text_touches_nothing(run, tmp_path):
    p = tmp_path / "clean.txt"
    p.write_text("会议召开。\n", encoding="utf-8")
    os.utime(p, (1000, 1000))
    assert run(p, "--in-place")[0] == 0
    assert p.stat().st_mtime == 1000
    assert not p.with_name("clean.txt.bak").exists()


def test_check_exits_1_on_changes_and_writes_nothing(run, page, tmp_path, cleaner):
    code, out, err = run(page, "--check")
    assert code == 1 and out == b""
    n = len(cleaner.clean(page.read_text(encoding="utf-8")).changes)
    assert err == f"would clean {page} ({n} changes)\n"
    clean = tmp_path / "clean.txt"
    run(page, "-o", clean)
    assert run(clean, "--check") == (0, b"", "")


def test_diff_is_a_unified_diff_of_input_and_output(run, tmp_path):
    p = tmp_path / "p.txt"
    p.write_text("第一段,内容。\n\n第二段。\n", encoding="utf-8")
    code, out, _ = run(p, "--diff")
    assert code == 0
    text = out.decode()
    assert text.startswith(f"--- {p}\t(raw)\n+++ {p}\t(clean)\n@@ -1")
    assert "-第一段,内容。\n+第一段，内容。\n" in text


# clean text holding a doubt the stutter stage keeps: 政企|企
SUSPECT_ONLY = "市交通局局长出席。\n"


def test_check_exits_0_when_only_suspects_are_found(run, tmp_path):
    p = tmp_path / "p.txt"
    p.write_text(SUSPECT_ONLY, encoding="utf-8")
    assert run(p, "--check") == (0, b"", "")
    mtime = p.stat().st_mtime_ns
    assert run(p, "--in-place")[0] == 0
    assert p.read_text(encoding="utf-8") == SUSPECT_ONLY and p.stat().st_mtime_ns == mtime
    assert not p.with_name("p.txt.bak").exists()


def test_explain_lists_the_suspects_kept_after_the_changes(run, tmp_path):
    p = tmp_path / "p.txt"
    p.write_text("本次会议会议精神，交通局局长。\n", encoding="utf-8")
    code, out, _ = run("explain", p)
    assert code == 0
    assert out.decode() == (f"# stutter-word: 1 change\n{p}:1:5 stutter-word (written twice: 会议/会议)\n"
                            "-本次会议⟦会议⟧精神，交通局局长…\n+本次会议⟦⟧精神，交通局局长…\n\n"
                            f"# stutter-word: 1 suspect kept\n{p}:1:12 stutter-word (kept: words may meet: 局|局长)\n"
                            "=局局\n\n")


def test_the_change_log_holds_the_suspects_and_restore_passes_over_them(run, tmp_path):
    p, log, clean, back = (tmp_path / n for n in ("p.txt", "p.changes.jsonl", "clean.txt", "back.txt"))
    p.write_text("本次会议会议精神，交通局局长。\n", encoding="utf-8")
    assert run(p, "-o", clean, "--changes", log)[0] == 0
    records = [json.loads(line) for line in log.read_text(encoding="utf-8").splitlines()]
    assert [(r["before"], r["after"]) for r in records if r["type"] == "change"] == [("会议", ""), ("局局", "局局")]
    assert run("restore", clean, "--changes", log, "-o", back)[0] == 0
    assert back.read_bytes() == p.read_bytes()


def test_check_with_diff_prints_the_diff_and_exits_1(run, tmp_path):
    p = tmp_path / "p.txt"
    p.write_text("第一段,内容。\n", encoding="utf-8")
    code, out, _ = run(p, "--check", "--diff")
    assert code == 1 and b"+\xe7\xac\xac" in out


def test_flags_become_one_mode():
    assert mode_from_flags(check=False, diff=False) == Mode(write=True)
    assert mode_from_flags(check=True, diff=False) == Mode(write=False, check=True)
    assert mode_from_flags(check=False, diff=True) == Mode(write=False, diff=True)
    assert mode_from_flags(check=True, diff=True) == Mode(write=False, check=True, diff=True)


def test_changes_log_is_written(run, page, tmp_path):
    log = tmp_path / "page.changes.jsonl"
    assert run(page, "-o", tmp_path / "c.txt", "--changes", log)[0] == 0
    records = [json.loads(line) for line in log.read_text(encoding="utf-8").splitlines()]
    assert records[0]["type"] == "header" and records[0]["encoding"] == "utf-8"
    assert any(r["type"] == "change" for r in records)


def test_explain_groups_changes_by_rule(run, tmp_path):
    p = tmp_path / "p.txt"
    p.write_text("今天,明天,后天。\n", encoding="utf-8")
    code, out, _ = run("explain", p)
    assert code == 0
    text = out.decode()
    assert f"# punct-comma-fullwidth: 2 changes\n{p}:1:3 punct-comma-fullwidth\n-,\n+，\n" \
           f"{p}:1:6 punct-comma-fullwidth\n-,\n+，\n" in text


def test_explain_and_the_change_log_place_a_change_at_its_line_and_column(run, tmp_path, monkeypatch):
    """One convention, 1-based: LINE:COL of explain and the log's line/col point at
    the change's first character, in a chunk that starts mid-line too."""
    monkeypatch.setattr("cleanup.io.TARGET", 2000)
    monkeypatch.setattr("cleanup.io.HARD_MAX", 8000)
    raw = "标题\r\n\r\n" + "会议召开,2月 11日讨论了 12 个项目" * 600 + "\n"
    p, log = tmp_path / "p.txt", tmp_path / "p.changes.jsonl"
    p.write_text(raw, encoding="utf-8", newline="")
    assert run(p, "-o", tmp_path / "clean.txt", "--changes", log)[0] == 0
    changes = [r for r in map(json.loads, log.read_text(encoding="utf-8").splitlines())
               if r["type"] == "change"]
    line_starts = [0, 4, 6]  # after 标题\r\n and the blank line
    for c in changes:
        assert line_starts[c["line"] - 1] + c["col"] - 1 == c["start"]
        assert c["step"] > 0 or raw[c["start"]:].startswith(c["before"])
    chunks = [r for r in map(json.loads, log.read_text(encoding="utf-8").splitlines())
              if r["type"] == "chunk"]
    assert len(chunks) > 1 and any(c["line"] == 3 and c["col"] > 8000 for c in changes)
    code, out, _ = run("explain", p)
    places = re.findall(rf"^{re.escape(str(p))}:(\d+):(\d+) (\S+)", out.decode(), re.M)
    assert sorted(places) == sorted((str(c["line"]), str(c["col"]), c["rule"]) for c in changes)


def test_explain_shows_invisible_characters(run, tmp_path):
    p = tmp_path / "p.txt"
    p.write_text("会\u200b议召开。\r\n", encoding="utf-8")
    out = run("explain", p)[1].decode()
    assert "-会⟦\\u200b⟧议召开。\\r\\n\n+会⟦⟧议召开。\\r\\n\n" in out
    assert "-会\\u200b议召开。⟦\\r\\n⟧\n+会\\u200b议召开。⟦\\n⟧\n" in out


def test_explain_shows_a_blank_change_in_its_context(run, tmp_path):
    """A space taken out is readable only where it was: the input around it, the span marked."""
    p = tmp_path / "p.txt"
    p.write_text("本报讯(记者 云静)2月 11日上午,会议召开。\n", encoding="utf-8")
    out = run("explain", p)[1].decode()
    assert f"{p}:1:13 space-han-alnum\n-…记者 云静)2月⟦ ⟧11日上午,会议…\n+…记者 云静)2月⟦⟧11日上午,会议…\n" in out
    assert "-,\n+，\n" in out  # a change of visible text is shown as it is
    assert in_context("a⟦ b", 2, 3, "") == "a\\u27e6⟦⟧b"  # a mark in the text is escaped


# --- directories -----------------------------------------------------------------


@pytest.fixture
def tree(tmp_path) -> Path:
    raw = tmp_path / "raw"
    (raw / "sub").mkdir(parents=True)
    for s in SAMPLES:
        (raw / s.name).write_bytes(s.read_bytes())
    (raw / "sub" / "inner.txt").write_bytes(SAMPLES[1].read_bytes())
    (raw / "notes.md").write_text("不是文本页")
    return raw


def test_directory_is_mirrored(run, tree, tmp_path, cleaner):
    out = tmp_path / "clean"
    code, stdout, err = run(tree, "-o", out)
    assert code == 0 and stdout == b""
    assert err.strip() == f"{len(SAMPLES) + 1} cleaned, 0 unchanged, 0 failed"
    made = sorted(p.relative_to(out) for p in out.rglob("*") if p.is_file() and p.name != MANIFEST)
    wanted = sorted(p.relative_to(tree) for p in tree.rglob("*.txt"))
    assert made == wanted
    inner = (tree / "sub" / "inner.txt").read_text(encoding="utf-8")
    assert (out / "sub" / "inner.txt").read_text(encoding="utf-8") == cleaner.clean(inner).text


def test_directory_glob(run, tree, tmp_path):
    out = tmp_path / "clean"
    assert run(tree, "-o", out, "--glob", "*.md")[0] == 0
    assert [p.name for p in out.rglob("*") if p.is_file() and p.name != MANIFEST] == ["notes.md"]


def test_directory_glob_matching_nothing_is_an_error(run, tree, tmp_path):
    code, _, err = run(tree, "-o", tmp_path / "clean", "--glob", "*.rst")
    assert code == 2
    one_error_line(err, str(tree), "no file here matches --glob '*.rst'")
    assert not (tmp_path / "clean").exists()


def test_rerun_from_another_folder_skips_what_the_manifest_holds(run, tree, tmp_path, monkeypatch):
    """The manifest knows inputs and change logs by their resolved paths."""
    rules_stamp = newest_rule_file()
    monkeypatch.chdir(tmp_path)
    assert run("raw", "-o", "clean", "--changes", "logs")[0] == 0
    monkeypatch.chdir(tree / "sub")
    code, _, err = run("..", "-o", "../../clean", "--changes", tmp_path / "logs")
    assert code == 0
    skip_if_rules_changed(rules_stamp)
    assert err.strip() == (f"0 cleaned, 0 unchanged, 0 failed, {len(SAMPLES) + 1} skipped "
                           "(output up to date; --force redoes them)")


def test_directory_needs_an_output(run, tree):
    code, _, err = run(tree)
    assert code == 2
    one_error_line(err, "needs -o DIR")


def test_directory_check(run, tree, tmp_path):
    code, _, err = run(tree, "--check")
    assert code == 1
    *files, summary = err.strip().splitlines()
    assert summary == f"{len(SAMPLES) + 1} would change, 0 unchanged, 0 failed"
    assert sorted(re.sub(r" \(\d+ changes\)$", "", f) for f in files) == \
        sorted(f"would clean {p}" for p in tree.rglob("*.txt"))
    assert not (tmp_path / "clean").exists()


def test_directory_changes_logs_mirror_the_tree(run, tree, tmp_path):
    logs = tmp_path / "logs"
    assert run(tree, "-o", tmp_path / "clean", "--changes", logs)[0] == 0
    assert (logs / "sub" / "inner.changes.jsonl").is_file()
    assert len(list(logs.rglob("*.changes.jsonl"))) == len(SAMPLES) + 1


def test_bad_files_are_reported_and_the_rest_cleaned(run, tree, tmp_path):
    (tree / "dangling.txt").symlink_to(tmp_path / "nowhere")
    (tree / "binary.txt").write_bytes(b"\x00\x01\x02\x03" * 100)
    (tree / "latin1.txt").write_bytes("café,olé".encode("latin-1"))
    out = tmp_path / "clean"
    code, _, err = run(tree, "-o", out)
    assert code == 2
    lines = err.strip().splitlines()
    assert lines[-1] == f"{len(SAMPLES) + 1} cleaned, 0 unchanged, 3 failed"
    errors = sorted(lines[:-1])
    assert len(errors) == 3 and all(e.startswith("cleanup: error: ") for e in errors)
    assert "binary.txt: binary data" in errors[0]
    assert "dangling.txt: no such file or directory" in errors[1]
    assert "latin1.txt:1:4: bytes not valid utf-8 at byte 3" in errors[2]
    assert len(list(out.rglob("*.txt"))) == len(SAMPLES) + 1


def test_unreadable_file_in_a_directory(run, tree, tmp_path, monkeypatch):
    """A file the OS refuses to open (as chmod 000 does for anyone but root)."""
    bad = tree / "locked.txt"
    bad.write_text("会议")
    real_open = open

    def refusing_open(file, *args, **kwargs):
        if Path(file) == bad:
            raise PermissionError(13, "Permission denied", str(file))
        return real_open(file, *args, **kwargs)

    monkeypatch.setattr(runner, "open", refusing_open, raising=False)
    code, _, err = run(tree, "-o", tmp_path / "clean")
    assert code == 2 and "locked.txt: permission denied (check its permissions)" in err
    assert err.strip().endswith(f"{len(SAMPLES) + 1} cleaned, 0 unchanged, 1 failed")


def test_parallel_run_equals_serial_run(run, tree, tmp_path):
    assert run(tree, "-o", tmp_path / "one", "--changes", tmp_path / "log1")[0] == 0
    assert run(tree, "-o", tmp_path / "two", "--changes", tmp_path / "log2", "-j", "2")[0] == 0
    for p in (tmp_path / "one").rglob("*.txt"):
        rel = p.relative_to(tmp_path / "one")
        assert (tmp_path / "two" / rel).read_bytes() == p.read_bytes()
    for p in (tmp_path / "log1").rglob("*.jsonl"):
        rel = p.relative_to(tmp_path / "log1")
        assert (tmp_path / "log2" / rel).read_bytes() == p.read_bytes()


def newest_rule_file() -> float:
    return max(p.stat().st_mtime for p in packaged_rules_dir().iterdir())


def skip_if_rules_changed(since: float) -> None:
    """Outputs older than the rule files are stale: a rule edited meanwhile redoes all."""
    if newest_rule_file() != since:
        pytest.skip("a rule file changed during the test")


def test_rerun_skips_up_to_date_outputs_unless_forced(run, tree, tmp_path):
    out = tmp_path / "clean"
    rules_stamp = newest_rule_file()
    run(tree, "-o", out)
    stamp = (out / SAMPLES[0].name).stat().st_mtime_ns
    # an input edited after its output was written is redone
    future = time.time() + 100
    os.utime(tree / SAMPLES[1].name, (future, future))
    code, _, err = run(tree, "-o", out)
    assert code == 0
    skip_if_rules_changed(rules_stamp)
    assert err.strip().endswith(f"1 cleaned, 0 unchanged, 0 failed, {len(SAMPLES)} skipped "
                                "(output up to date; --force redoes them)")
    assert (out / SAMPLES[0].name).stat().st_mtime_ns == stamp
    code, _, err = run(tree, "-o", out, "--force")
    assert err.strip() == f"{len(SAMPLES) + 1} cleaned, 0 unchanged, 0 failed"


def test_in_place_directory(run, tree):
    assert run(tree, "--in-place", "--no-backup")[0] == 0
    assert run(tree, "--check")[0] == 0
    assert not list(tree.rglob("*.bak"))


def test_output_inside_the_input_tree_is_not_cleaned_again(run, tree):
    out = tree / "clean"
    run(tree, "-o", out)
    code, _, err = run(tree, "-o", out, "--force")
    assert code == 0
    assert not (out / "clean").exists()


def test_files_under_an_output_tree_are_left_out_even_through_a_symlinked_folder(tmp_path):
    root, out = tmp_path / "in", tmp_path / "in" / "clean"
    for folder in ("a", "a/b", "clean/x"):
        (root / folder).mkdir(parents=True)
        (root / folder / "p.txt").write_text("会议召开。\n", encoding="utf-8")
    (root / "link").symlink_to(out / "x")
    files = [Path("a/p.txt"), Path("a/b/p.txt"), Path("clean/x/p.txt"), Path("link/p.txt"), Path("top.txt")]
    assert runner.outside(root, files, [out.resolve()]) == [Path("a/p.txt"), Path("a/b/p.txt"), Path("top.txt")]


# --- JSONL -------------------------------------------------------------------------


def test_jsonl_cleans_one_field_and_keeps_the_others(run, tmp_path, cleaner):
    corpus = tmp_path / "corpus.jsonl"
    rows = [{"id": 1, "text": RAW, "meta": {"src": "a"}}, {"id": 2, "text": "会议召开。\n"}]
    corpus.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows), encoding="utf-8")
    out = tmp_path / "clean.jsonl"
    code, _, err = run(corpus, "--jsonl", "--text-field", "text", "-o", out,
                       "--changes", tmp_path / "log.jsonl")
    assert code == 0
    assert err.strip() == "1 cleaned, 1 unchanged, 0 failed"
    got = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    assert got[0] == {"id": 1, "text": cleaner.clean(RAW).text, "meta": {"src": "a"}}
    assert got[1] == rows[1]
    log = [json.loads(line) for line in (tmp_path / "log.jsonl").read_text(encoding="utf-8").splitlines()]
    assert log[0]["jsonl"] is True and {r["record"] for r in log[1:]} == {1}


def test_jsonl_bad_records_are_copied_and_reported(run, tmp_path):
    corpus = tmp_path / "corpus.jsonl"
    corpus.write_bytes(b'{"text": "a,b\\n"}\nnot json\n{"body": "x"}\n{"text": "\\u4f1a,\\u8bae"}\n')
    code, out, err = run(corpus, "--jsonl")
    assert code == 2
    lines = out.decode().splitlines()
    assert lines[1] == "not json" and lines[2] == '{"body": "x"}'
    assert json.loads(lines[3]) == {"text": "会，议\n"}
    errors = err.strip().splitlines()
    assert errors[0].startswith(f"cleanup: error: {corpus}:2: not valid JSON")
    assert errors[1].startswith(f"cleanup: error: {corpus}:3: no string field 'text'")
    assert errors[2] == "1 cleaned, 1 unchanged, 2 failed"


def test_jsonl_from_stdin_with_check(run):
    code, out, _ = run("-", "--jsonl", "--check", stdin=b'{"text": "a,b\\u4f1a"}\n')
    assert code == 1 and out == b""


# --- encodings and bad input ---------------------------------------------------------


def test_gb18030_input_with_encoding_auto(run, tmp_path, cleaner):
    raw = SAMPLES[0].read_text(encoding="utf-8")
    p = tmp_path / "gb.txt"
    p.write_bytes(raw.encode("gb18030"))
    code, out, _ = run(p, "--encoding", "auto")
    assert code == 0
    assert out.decode("utf-8") == cleaner.clean(raw).text


def test_gb18030_input_without_auto_names_the_byte(run, tmp_path):
    p = tmp_path / "gb.txt"
    p.write_bytes("会议\n召开".encode("gb18030"))
    code, _, err = run(p)
    assert code == 2
    one_error_line(err, f"{p}:1:1: bytes not valid utf-8 at byte 0", "--encoding auto")


def test_binary_input(run, tmp_path):
    p = tmp_path / "image.txt"
    p.write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 8)
    code, out, err = run(p)
    assert code == 2 and out == b""
    one_error_line(err, str(p), "binary data", "at byte")


def test_missing_file(run, tmp_path):
    code, _, err = run(tmp_path / "nope.txt")
    assert code == 2
    one_error_line(err, "nope.txt: no such file or directory")


def test_directory_where_a_file_is_expected_for_the_output(run, page, tmp_path):
    (tmp_path / "taken").mkdir()
    code, _, err = run(page, "-o", tmp_path / "taken")
    assert code == 2
    one_error_line(err, "taken")


def test_broken_rule_file(run, page, tmp_path):
    rules = tmp_path / "mine.toml"
    rules.write_text("[[rule]]\nid = 'x\n", encoding="utf-8")
    code, _, err = run(page, "--rules", rules)
    assert code == 2
    one_error_line(err, str(rules), "not valid TOML")


def test_rule_without_examples_names_file_and_rule(run, page, tmp_path):
    rules = tmp_path / "mine.toml"
    rules.write_text('[[rule]]\nid = "my-rule"\nstage = "normalize"\n'
                     'description = "d"\npattern = "a"\nreplace = "b"\n', encoding="utf-8")
    code, _, err = run(page, "--rules", rules)
    assert code == 2
    one_error_line(err, str(rules), "my-rule", "examples")


# (a+)+$ is defused by the regex module's own guards; (a|aa)+$ still explodes
RUNAWAY_RULE = ('[[rule]]\nid = "runaway"\nstage = "normalize"\ndescription = "backtracks"\n'
                "pattern = '(a|aa)+$'\nreplace = \"\"\nexamples = [[\"aa\", \"\"]]\n")


def test_runaway_user_regex_is_stopped(run, tmp_path):
    rules = tmp_path / "runaway.toml"
    rules.write_text(RUNAWAY_RULE, encoding="utf-8")
    p = tmp_path / "a.txt"
    p.write_text("a" * 60 + "b\n", encoding="utf-8")
    code, out, err = run(p, "--rules", rules, "--timeout", "0.2")
    assert code == 2 and out == b""
    one_error_line(err, f"cleanup: error: {p}: {rules}: rule runaway: pattern ran over 0.2s and was "
                        "stopped (catastrophic backtracking?; raise --timeout, or fix the pattern, "
                        "or --disable runaway)")


def test_runaway_user_regex_names_each_input_it_stopped_on(run, tmp_path):
    """In a directory run and a JSONL run, the failing file or record is named."""
    rules = tmp_path / "runaway.toml"
    rules.write_text(RUNAWAY_RULE, encoding="utf-8")
    (tmp_path / "raw").mkdir()
    (tmp_path / "raw" / "bad.txt").write_text("a" * 60 + "b\n", encoding="utf-8")
    (tmp_path / "raw" / "good.txt").write_text("会议召开。\n", encoding="utf-8")
    code, _, err = run(tmp_path / "raw", "-o", tmp_path / "out", "--rules", rules, "--timeout", "0.2")
    assert code == 2
    assert err.splitlines()[0].startswith(f"cleanup: error: {tmp_path / 'raw' / 'bad.txt'}: {rules}: "
                                          "rule runaway: pattern ran over")
    corpus = tmp_path / "c.jsonl"
    corpus.write_text('{"text": "会议"}\n{"text": "' + "a" * 60 + 'b"}\n', encoding="utf-8")
    code, _, err = run(corpus, "--jsonl", "--rules", rules, "--timeout", "0.2")
    assert code == 2
    assert err.splitlines()[0].startswith(f"cleanup: error: {corpus}:2: {rules}: rule runaway: "
                                          "pattern ran over")


@pytest.mark.parametrize("command", [(), ("articles",), ("review",)])
def test_records_a_rule_fails_on_are_records_read_each_with_its_error(run, tmp_path, command):
    """A record whose cleaning fails (a rule ran over --timeout) is a JSON object with the text
    field all the same: ten of them are ten errors naming the rule, not the one error of a file
    that is no corpus (cleanup.corpus.Parsed.fate), in each command that reads a corpus."""
    rules = tmp_path / "runaway.toml"
    rules.write_text(RUNAWAY_RULE, encoding="utf-8")
    corpus = tmp_path / "c.jsonl"
    corpus.write_text(('{"text": "' + "a" * 60 + 'b"}\n') * 10 + '{"text": "会议,召开"}\n', encoding="utf-8")
    code, _, err = run(*command, corpus, "--jsonl", "--rules", rules, "--timeout", "0.1", "-o", tmp_path / "out")
    assert code == 2 and "none of its first" not in err
    errors = [line for line in err.splitlines() if line.startswith("cleanup: error: ")]
    assert len(errors) == 10, err
    for n, line in enumerate(errors, 1):
        assert line.startswith(f"cleanup: error: {corpus}:{n}: ") and "rule runaway: pattern ran over" in line
    assert (tmp_path / "out").exists()


def test_unknown_disable_id(run, page):
    code, _, err = run(page, "--disable", "no-such-rule")
    assert code == 2
    one_error_line(err, "no-such-rule")


def test_disable_turns_a_rule_off(run, tmp_path):
    p = tmp_path / "p.txt"
    p.write_text("今天,明天\n", encoding="utf-8")
    assert run(p, "--disable", "punct-comma-fullwidth")[1].decode().startswith("今天,明天")


def test_usage_error_is_one_line(run):
    code, _, err = run("page.txt", "--bogus")
    assert code == 2
    one_error_line(err, "unrecognized arguments: --bogus", "--help")


def test_help_mentions_empty_input_and_exits_0(run):
    code, out, _ = run("--help")
    assert code == 0 and b"empty input gives empty output" in out.lower()


def test_restore_needs_its_log(run, page):
    code, _, err = run("restore", page)
    assert code == 2
    one_error_line(err, "--changes")


# --- whole program, as a user runs it ----------------------------------------------


def test_python_m_cleanup(tmp_path):
    p = tmp_path / "p.txt"
    p.write_text(RAW, encoding="utf-8")
    done = subprocess.run([sys.executable, "-m", "cleanup", str(p)], capture_output=True)
    assert done.returncode == 0 and done.stdout.startswith("本报讯（".encode())


def test_output_to_an_open_file_of_the_process_appends_to_it(tmp_path):
    """``-o /dev/fd/1`` (like ``/dev/stdout``) writes to whatever standard output
    is, here a file a shell's ``>>`` would append to; no temp file is renamed into
    ``/dev`` or ``/proc``."""
    p = tmp_path / "p.txt"
    p.write_text(RAW, encoding="utf-8")
    log = tmp_path / "log.txt"
    log.write_bytes(b"earlier\n")
    with log.open("ab") as out:
        done = subprocess.run([sys.executable, "-m", "cleanup", str(p), "-o", "/dev/fd/1"],
                              stdout=out, stderr=subprocess.PIPE)
    assert done.returncode == 0, done.stderr
    assert log.read_bytes().startswith("earlier\n本报讯（".encode())


@pytest.mark.parametrize("jsonl", [False, True], ids=["page", "jsonl"])
def test_a_change_log_that_is_not_a_regular_file_is_refused(tmp_path, capsys, jsonl):
    """The log's header is completed at the end of the run, so a pipe cannot
    hold it: a one-line error naming the log, and no output written."""
    p = tmp_path / ("p.jsonl" if jsonl else "p.txt")
    p.write_text(json.dumps({"text": RAW}, ensure_ascii=False) if jsonl else RAW, encoding="utf-8")
    fifo = tmp_path / "log.fifo"
    os.mkfifo(fifo)
    out = tmp_path / "out.txt"
    argv = [str(p), "-o", str(out), "--changes", str(fifo)] + (["--jsonl"] if jsonl else [])
    assert main(argv) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and str(fifo) in err and "regular file" in err
    assert not out.exists()


def make_pages(root: Path, count: int) -> None:
    """``count`` short pages cut from the samples, each a little different."""
    raws = [s.read_text(encoding="utf-8") for s in SAMPLES]
    root.mkdir()
    for n in range(count):
        raw = raws[n % len(raws)]
        start = (n * 97) % (len(raw) // 2)
        (root / f"{n:04d}.txt").write_text(f"第{n}版\n\n{raw[start:start + 1500]}", encoding="utf-8")


def leftovers(root: Path) -> list[Path]:
    return [p for p in root.rglob("*") if p.name.endswith(".cleanup-tmp")]


# Enough pages that a run on a loaded machine is still going when the signal lands
# (200 were once all cleaned between the fifth file and the signal).
KILLED_RUN_PAGES = 600


@pytest.mark.parametrize(("sig", "jobs"), [(signal.SIGTERM, "1"), (signal.SIGINT, "2")])
def test_killed_directory_run_leaves_no_partial_file_and_a_rerun_finishes(tmp_path, cleaner, sig, jobs):
    raw, out = tmp_path / "raw", tmp_path / "out"
    make_pages(raw, KILLED_RUN_PAGES)
    argv = [sys.executable, "-m", "cleanup", str(raw), "-o", str(out), "-j", jobs]
    rules_stamp = newest_rule_file()
    proc = subprocess.Popen(argv, stderr=subprocess.PIPE)
    while proc.poll() is None and len(list(out.glob("*.txt"))) < 5:
        time.sleep(0.05)
    proc.send_signal(sig)
    _, err = proc.communicate(timeout=120)
    assert proc.returncode == -sig, err.decode()  # ended by the signal: a shell sees 128 + sig
    assert b"Traceback" not in err and b"interrupted" in err
    done = sorted(out.glob("*.txt"))
    assert 5 <= len(done) < KILLED_RUN_PAGES
    assert leftovers(out) == []
    for p in done[:: max(1, len(done) // 5)]:  # whatever exists is complete
        assert p.read_text(encoding="utf-8") == cleaner.clean((raw / p.name).read_text(encoding="utf-8")).text
    again = subprocess.run(argv, capture_output=True)
    assert again.returncode == 0, again.stderr
    assert len(list(out.glob("*.txt"))) == KILLED_RUN_PAGES and leftovers(out) == []
    skip_if_rules_changed(rules_stamp)
    # the signal may land between a file put in place and its line in the manifest,
    # in each process that cleans: that file is cleaned again, never skipped unrecorded
    skipped = int(re.search(rb"(\d+) skipped", again.stderr).group(1))
    assert len(done) - int(jobs) <= skipped <= len(done)


def test_temp_files_of_a_hard_killed_run_are_swept_by_the_rerun(tmp_path):
    raw, out = tmp_path / "raw", tmp_path / "out"
    make_pages(raw, 3)
    out.mkdir()
    (out / ".0001.txt.deadbeef.cleanup-tmp").write_text("half a page")  # as SIGKILL leaves it
    assert main([str(raw), "-o", str(out)]) == 0
    assert leftovers(out) == [] and len(list(out.glob("*.txt"))) == 3


def test_a_bug_in_a_stage_fails_that_file_only(run, tree, tmp_path, monkeypatch):
    from cleanup.pipeline import Cleaner

    real = Cleaner.run

    def buggy(self, doc):
        if "inner" in doc.name:
            raise ValueError("boom")
        return real(self, doc)

    monkeypatch.setattr(Cleaner, "run", buggy)
    code, _, err = run(tree, "-o", tmp_path / "clean")
    assert code == 2
    assert "inner.txt: internal error ValueError: boom (a bug" in err
    assert err.strip().endswith(f"{len(SAMPLES)} cleaned, 0 unchanged, 1 failed")


def test_changes_path_that_is_a_directory(run, page, tmp_path):
    (tmp_path / "logs").mkdir()
    code, _, err = run(page, "-o", tmp_path / "clean.txt", "--changes", tmp_path / "logs")
    assert code == 2 and f"{tmp_path / 'logs'}: is a directory" in err
    assert not (tmp_path / "clean.txt").exists()


def test_reader_going_away_is_not_an_error(tmp_path):
    big = tmp_path / "big.txt"
    big.write_text(SAMPLES[0].read_text(encoding="utf-8") * 50, encoding="utf-8")
    script = ("import subprocess, sys\n"
              f"p = subprocess.Popen([sys.executable, '-m', 'cleanup', {str(big)!r}, '--diff'],"
              " stdout=subprocess.PIPE, stderr=subprocess.PIPE)\n"
              "p.stdout.readline(); p.stdout.close()\n"
              "err = p.stderr.read().decode(); sys.exit(p.wait() * 10 + bool(err))\n")
    assert subprocess.run([sys.executable, "-c", script]).returncode == 0


def test_rerun_with_other_settings_redoes_the_outputs(run, tree, tmp_path):
    out = tmp_path / "clean"
    assert run(tree, "-o", out)[0] == 0
    assert run(tree, "-o", out)[2].strip().endswith("skipped (output up to date; --force redoes them)")
    code, _, err = run(tree, "-o", out, "--disable", "t2s")
    assert code == 0 and err.strip() == f"{len(SAMPLES) + 1} cleaned, 0 unchanged, 0 failed"


def test_jsonl_diff_marks_a_last_line_without_line_break(run, tmp_path):
    corpus = tmp_path / "c.jsonl"
    corpus.write_text('{"id": 1, "text": "2月 11日,会议召开。"}\n', encoding="utf-8")
    code, out, _ = run(corpus, "--jsonl", "--diff")
    assert code == 0
    assert "-2月 11日,会议召开。\n\\ No newline at end of file\n+2月11日，会议召开。" in out.decode()


def test_rerun_asking_for_change_logs_redoes_outputs_made_without(run, tree, tmp_path):
    out, logs = tmp_path / "clean", tmp_path / "logs"
    assert run(tree, "-o", out)[0] == 0
    code, _, err = run(tree, "-o", out, "--changes", logs)
    assert code == 0 and err.strip() == f"{len(SAMPLES) + 1} cleaned, 0 unchanged, 0 failed"
    page = out / SAMPLES[0].name
    assert main(["restore", str(page), "--changes", str(logs / SAMPLES[0].with_suffix(".changes.jsonl").name),
                 "-o", str(tmp_path / "back.txt")]) == 0
    assert (tmp_path / "back.txt").read_bytes() == SAMPLES[0].read_bytes()


# --- JSON Lines without --jsonl ----------------------------------------------------


def test_text_field_without_jsonl_is_refused(run, tmp_path):
    corpus = tmp_path / "corpus.txt"
    corpus.write_text('{"body": "会议,召开"}\n', encoding="utf-8")
    code, out, err = run(corpus, "--text-field", "body", "-o", tmp_path / "out.jsonl")
    assert code == 2 and out == b""
    one_error_line(err, "--text-field only means something with --jsonl (add --jsonl)")
    assert not (tmp_path / "out.jsonl").exists()


@pytest.mark.parametrize("command", ["clean", "explain"])
def test_a_jsonl_file_without_jsonl_is_refused(run, tmp_path, command):
    """Cleaned as text, five records would come out as one line of invalid JSON."""
    corpus = tmp_path / "corpus.jsonl"
    corpus.write_text("".join(json.dumps({"text": f"第{n}条,消息。"}, ensure_ascii=False) + "\n"
                              for n in range(5)), encoding="utf-8")
    argv = ["explain", corpus] if command == "explain" else [corpus, "-o", tmp_path / "out.jsonl"]
    code, out, err = run(*argv)
    assert code == 2 and out == b""
    one_error_line(err, str(corpus), "JSON Lines", "add --jsonl")
    assert not (tmp_path / "out.jsonl").exists()


def test_a_directory_run_over_jsonl_files_is_refused(run, tmp_path):
    (tmp_path / "raw").mkdir()
    (tmp_path / "raw" / "a.jsonl").write_text('{"text": "会议,召开"}\n', encoding="utf-8")
    code, _, err = run(tmp_path / "raw", "-o", tmp_path / "out", "--glob", "*.jsonl")
    assert code == 2
    one_error_line(err, "--glob '*.jsonl' picks JSON Lines files", "cleanup engine clean")
    assert not (tmp_path / "out").exists()


def test_jsonl_with_another_text_field(run, tmp_path, cleaner):
    corpus = tmp_path / "corpus.jsonl"
    corpus.write_text(json.dumps({"body": RAW}, ensure_ascii=False) + "\n", encoding="utf-8")
    code, out, _ = run(corpus, "--jsonl", "--text-field", "body")
    assert code == 0 and json.loads(out) == {"body": cleaner.clean(RAW).text}
