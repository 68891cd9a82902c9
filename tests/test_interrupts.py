"""Interrupts, as a user sends them to the real program: Ctrl-C (SIGINT), SIGTERM,
one after the other, and SIGKILL, during a long single file, a directory run
(-j 1 and -j 2) and a JSONL run.

The program ends by the signal (:mod:`cleanup.guard`): a shell sees 128 + the
signal's number, Python's ``returncode`` is minus it.  Every output is complete
or absent, no temp file is left, no worker outlives the program, and the
interrupt is reported.  How soon it acts is measured by
``tools/interrupt_latency.py``; here a run that does not end within
``HANG`` seconds of the signal fails (one that did not act on it would clean
for minutes).
"""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

import pytest
from conftest import SAMPLES

from cleanup.cli import main
from cleanup.runner import Interrupted, raise_interrupted

HANG = 20  # seconds: far more than acting on a signal takes, far less than the runs last
ROOT = Path(__file__).resolve().parent.parent
TEXT = "".join(s.read_text(encoding="utf-8") for s in SAMPLES)
INTERRUPTED = b"cleanup: error: interrupted (every output is complete or absent; rerun to finish)"


def temp_files(root: Path) -> list[Path]:
    return [p for p in root.rglob("*") if p.name.endswith(".cleanup-tmp")]


def start(argv: list[str | Path], underway: Callable[[], bool]) -> subprocess.Popen:
    """Start ``cleanup ARGV`` and wait until ``underway()`` says it is cleaning."""
    cmd = [sys.executable, "-m", "cleanup", *map(str, argv)]
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, env=env)
    deadline = time.monotonic() + 120
    while not underway():
        assert proc.poll() is None, proc.stderr.read().decode()
        assert time.monotonic() < deadline, "the run never got under way"
        time.sleep(0.02)
    return proc


def interrupt(proc: subprocess.Popen, signals: list[signal.Signals]) -> tuple[int, bytes]:
    for n, sig in enumerate(signals):
        if n:
            time.sleep(0.05)
        proc.send_signal(sig)
    try:
        _, err = proc.communicate(timeout=HANG)
    except subprocess.TimeoutExpired:
        proc.kill()
        proc.communicate()
        raise
    return proc.returncode, err


def processes_naming(marker: str) -> list[int]:
    """Live processes whose command line holds ``marker`` (workers left behind)."""
    found = []
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                if marker.encode() in (entry / "cmdline").read_bytes():
                    found.append(int(entry.name))
            except OSError:
                continue
    return found


SEQUENCES = {
    "TERM": [signal.SIGTERM],
    "INT": [signal.SIGINT],
    "TERM-INT": [signal.SIGTERM, signal.SIGINT],
    "INT-TERM": [signal.SIGINT, signal.SIGTERM],
    "KILL": [signal.SIGKILL],
}


@pytest.fixture(scope="module")
def one_line(tmp_path_factory) -> Path:
    """4 MB on one line: the sample pages with their line breaks taken out."""
    p = tmp_path_factory.mktemp("long") / "one-line.txt"
    line = TEXT.replace("\n", "")
    p.write_text(line * (4_000_000 // len(line.encode()) + 1), encoding="utf-8")
    return p


@pytest.mark.parametrize("sequence", SEQUENCES)
def test_a_long_single_file_stops_at_once_and_leaves_nothing(one_line, tmp_path, sequence):
    out, log = tmp_path / "out" / "clean.txt", tmp_path / "out" / "clean.changes.jsonl"
    proc = start([one_line, "-o", out, "--changes", log], lambda: bool(temp_files(tmp_path)))
    code, err = interrupt(proc, SEQUENCES[sequence])
    assert code == -SEQUENCES[sequence][0], err.decode()
    assert err.strip().endswith(INTERRUPTED) and b"Traceback" not in err
    assert temp_files(tmp_path) == [] and not out.exists() and not log.exists()


@pytest.fixture(scope="module")
def pages(tmp_path_factory) -> Path:
    """300 pages of a few KB each."""
    root = tmp_path_factory.mktemp("pages") / "raw"
    root.mkdir()
    for n in range(300):
        start_at = (n * 977) % (len(TEXT) // 2)
        (root / f"{n:03d}.txt").write_text(f"第{n}版\n\n{TEXT[start_at:start_at + 4000]}", encoding="utf-8")
    return root


@pytest.mark.parametrize(("sequence", "jobs"), [("TERM", "2"), ("INT", "1"), ("TERM-INT", "2"),
                                                ("INT-TERM", "1"), ("KILL", "2")])
def test_a_directory_run_stops_at_once_and_leaves_no_temp_file_or_worker(pages, tmp_path, cleaner,
                                                                        sequence, jobs):
    out = tmp_path / "out"
    proc = start([pages, "-o", out, "-j", jobs], lambda: len(list(out.glob("*.txt"))) >= 3)
    code, err = interrupt(proc, SEQUENCES[sequence])
    assert code == -SEQUENCES[sequence][0], err.decode()
    assert err.strip().endswith(INTERRUPTED)
    assert temp_files(out) == []
    done = sorted(out.glob("*.txt"))
    assert 3 <= len(done) < 300
    for p in done[:: max(1, len(done) // 4)]:  # whatever exists is complete
        assert p.read_text(encoding="utf-8") == cleaner.clean((pages / p.name).read_text(encoding="utf-8")).text
    time.sleep(0.2)  # a killed worker is reaped by whoever adopted it
    assert processes_naming(str(out)) == []


def test_a_jsonl_run_stops_at_once_and_leaves_nothing(tmp_path):
    corpus = tmp_path / "corpus.jsonl"
    with corpus.open("w", encoding="utf-8") as f:
        for n in range(3000):
            f.write(json.dumps({"id": n, "text": TEXT[(n * 977) % 20000:][:3000]}, ensure_ascii=False) + "\n")
    out = tmp_path / "out"
    proc = start([corpus, "--jsonl", "-o", out / "clean.jsonl", "--changes", out / "log.jsonl"],
                 lambda: bool(temp_files(tmp_path)))
    code, err = interrupt(proc, [signal.SIGTERM, signal.SIGINT])
    assert code == -signal.SIGTERM and err.strip().endswith(INTERRUPTED)
    assert temp_files(tmp_path) == [] and list(out.iterdir()) == []


def test_unguarded_the_first_signal_raises_and_the_next_are_ignored():
    """``main(argv)`` called as a function forks no guard: Python's handlers
    unwind, and a signal that lands meanwhile (TERM, then INT) must not cut
    short the removal of temp files."""
    saved = {s: signal.getsignal(s) for s in (signal.SIGINT, signal.SIGTERM)}
    try:
        with pytest.raises(Interrupted) as stopped:
            raise_interrupted(signal.SIGTERM, None)
        assert stopped.value.args == (signal.SIGTERM,)
        assert signal.getsignal(signal.SIGINT) == signal.getsignal(signal.SIGTERM) == signal.SIG_IGN
    finally:
        for s, handler in saved.items():
            signal.signal(s, handler)


def test_a_finished_run_reports_no_interrupt_and_its_guard_is_gone(tmp_path):
    p = tmp_path / "p.txt"
    p.write_text("会议召开,讨论了项目。\n", encoding="utf-8")
    done = subprocess.run([sys.executable, "-m", "cleanup", str(p), "-o", str(tmp_path / "c.txt")],
                          capture_output=True, env={**os.environ, "PYTHONPATH": str(ROOT)}, timeout=HANG)
    assert done.returncode == 0 and done.stderr == b""  # stderr closed: the guard exited too
    assert (tmp_path / "c.txt").read_text(encoding="utf-8") == "会议召开，讨论了项目。\n"


def test_main_called_as_a_function_forks_no_guard(tmp_path, capsys):
    from cleanup import guard

    p = tmp_path / "p.txt"
    p.write_text("会议召开。\n", encoding="utf-8")
    assert main([str(p)]) == 0 and not guard.active()
    assert signal.getsignal(signal.SIGINT) is signal.default_int_handler
