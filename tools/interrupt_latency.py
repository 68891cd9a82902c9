"""How soon a signal ends a run, and what it leaves: for each input and signal
sequence, the time from the first signal to the program's exit and to the
guard's (stderr closed), the exit status, and the temp files left.

    PYTHONPATH=$PWD python tools/interrupt_latency.py [--size-mb 20] [--into 2]

Inputs, made from the sample pages: one line of SIZE MB, a file of pages of
SIZE MB, a tree of 600 pages (-j 1 and -j 2), a JSONL corpus of SIZE MB.
Each run is signalled INTO seconds after it started cleaning.
"""

from __future__ import annotations

import argparse
import json
import os
import signal
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SAMPLES = sorted((ROOT / "tests" / "data" / "samples").glob("*.txt"))
SEQUENCES = {"TERM": [signal.SIGTERM], "INT": [signal.SIGINT], "TERM,INT": [signal.SIGTERM, signal.SIGINT]}


def make_inputs(root: Path, size: int) -> dict[str, tuple[list[str], Path]]:
    """Name -> (arguments, output folder) of each run."""
    text = "".join(s.read_text(encoding="utf-8") for s in SAMPLES)
    line = text.replace("\n", "")
    (root / "one-line.txt").write_text(line * (size // len(line.encode()) + 1), encoding="utf-8")
    (root / "pages.txt").write_text(text * (size // len(text.encode()) + 1), encoding="utf-8")
    tree = root / "tree"
    tree.mkdir()
    for n in range(600):
        start = (n * 977) % (len(text) // 2)
        (tree / f"{n:03d}.txt").write_text(f"第{n}版\n\n{text[start:start + 4000]}", encoding="utf-8")
    with (root / "corpus.jsonl").open("w", encoding="utf-8") as f:
        written = n = 0
        while written < size:
            rec = json.dumps({"id": n, "text": text[(n * 977) % 20000:][:3000]}, ensure_ascii=False) + "\n"
            f.write(rec)
            written += len(rec.encode())
            n += 1
    out = root / "out"
    return {
        f"one line, {size >> 20} MB": ([str(root / "one-line.txt"), "-o", str(out / "c.txt"),
                                       "--changes", str(out / "c.log")], out),
        f"pages, {size >> 20} MB": ([str(root / "pages.txt"), "-o", str(out / "c.txt"),
                                    "--changes", str(out / "c.log")], out),
        "tree of 600 pages, -j 1": ([str(tree), "-o", str(out)], out),
        "tree of 600 pages, -j 2": ([str(tree), "-o", str(out), "-j", "2"], out),
        f"JSONL, {size >> 20} MB": ([str(root / "corpus.jsonl"), "--jsonl", "-o", str(out / "c.jsonl"),
                                    "--changes", str(out / "c.log")], out),
    }


def temp_files(folder: Path) -> list[Path]:
    return [p for p in folder.rglob("*") if p.name.endswith(".cleanup-tmp")]


def measure(argv: list[str], out: Path, signals: list[signal.Signals], into: float) -> tuple[float, float, int, int]:
    """(seconds to exit, seconds to stderr closed, return code, temp files left)."""
    subprocess.run(["rm", "-rf", str(out)], check=True)
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    proc = subprocess.Popen([sys.executable, "-m", "cleanup", *argv], stdout=subprocess.DEVNULL,
                            stderr=subprocess.PIPE, env=env)
    while not (out.exists() and any(out.rglob("*"))):
        if proc.poll() is not None:
            raise SystemExit(f"the run ended before it was signalled: {proc.stderr.read().decode()}")
        time.sleep(0.01)
    time.sleep(into)
    sent = time.monotonic()
    for sig in signals:  # back to back: the second lands while the first is acted on
        proc.send_signal(sig)
    proc.wait()
    exited = time.monotonic() - sent
    proc.stderr.read()
    closed = time.monotonic() - sent
    return exited, closed, proc.returncode, len(temp_files(out))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--size-mb", type=int, default=20)
    parser.add_argument("--into", type=float, default=2.0, help="seconds of cleaning before the signal")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        runs = make_inputs(Path(tmp), args.size_mb << 20)
        print("| input | signals | to exit (s) | guard done (s) | status | temp files left |")
        print("|---|---|---:|---:|---:|---:|")
        for name, (argv, out) in runs.items():
            for label, signals in SEQUENCES.items():
                exited, closed, code, left = measure(argv, out, signals, args.into)
                print(f"| {name} | {label} | {exited:.3f} | {closed:.3f} | {code} | {left} |", flush=True)


if __name__ == "__main__":
    main()
