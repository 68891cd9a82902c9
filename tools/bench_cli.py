"""Measure the command line: -j scaling, start-up, and peak memory on a big file.

    python tools/bench_cli.py                      # 2000 pages, -j 1 vs -j 2, start-up
    python tools/bench_cli.py --pages 500 --repeat 3
    python tools/bench_cli.py --big-mb 1000        # also a 1 GB file: peak RSS

Everything is generated from the five sample pages in a temporary folder
(removed afterwards).  Each run is a fresh ``python -m cleanup`` process;
its wall time, CPU time (user + sys, its worker processes included) and
peak RSS come from ``os.wait4``.  Prints a Markdown table.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SAMPLES = sorted((ROOT / "tests" / "data" / "samples").glob("*.txt"))
CLEANUP = [sys.executable, "-m", "cleanup"]


@dataclass(frozen=True)
class Run:
    wall: float
    cpu: float
    peak_mb: float


def measure(cmd: list[str]) -> Run:
    """Run ``cmd`` with its output discarded; fail loudly if it fails."""
    start = time.perf_counter()
    proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    assert proc.stderr is not None
    err = proc.stderr.read()
    _, status, usage = os.wait4(proc.pid, 0)
    wall = time.perf_counter() - start
    proc.returncode = os.waitstatus_to_exitcode(status)
    if proc.returncode != 0:
        sys.exit(f"bench_cli: {' '.join(cmd)} exited {proc.returncode}: {err.decode(errors='replace')[-300:]}")
    return Run(wall, usage.ru_utime + usage.ru_stime, usage.ru_maxrss / 1024)


def median(runs: list[Run]) -> Run:
    return Run(*(statistics.median(getattr(r, f) for r in runs) for f in ("wall", "cpu", "peak_mb")))


def write_pages(folder: Path, count: int) -> int:
    """``count`` page files (the samples in turn), 100 to a subfolder; their bytes."""
    pages = [p.read_bytes() for p in SAMPLES]
    total = 0
    for i in range(count):
        sub = folder / f"{i // 100:03d}"
        sub.mkdir(parents=True, exist_ok=True)
        data = pages[i % len(pages)]
        (sub / f"p{i:06d}.txt").write_bytes(data)
        total += len(data)
    return total


def write_big(path: Path, megabytes: float) -> int:
    """The samples joined by blank lines, repeated to ``megabytes`` MB."""
    block = ("\n\n".join(p.read_text(encoding="utf-8") for p in SAMPLES) + "\n\n").encode()
    copies = -(-int(megabytes * 1e6) // len(block))
    with path.open("wb") as f:
        for _ in range(copies):
            f.write(block)
    return copies * len(block)


def scaling(tmp: Path, pages: int, repeat: int) -> list[str]:
    src = tmp / "pages"
    nbytes = write_pages(src, pages)
    runs: dict[int, list[Run]] = {1: [], 2: []}
    for _ in range(repeat):
        for jobs in (1, 2):
            out, log = tmp / f"out{jobs}", tmp / f"log{jobs}"
            runs[jobs].append(measure(CLEANUP + [str(src), "-o", str(out), "--changes", str(log),
                                                 "-j", str(jobs), "--force"]))
    one, two = median(runs[1]), median(runs[2])
    return [
        f"| directory of {pages} pages ({nbytes / 1e6:.0f} MB), -j 1 | {one.wall:.1f} s wall, "
        f"{pages / one.wall:.0f} pages/s, {nbytes / 1e6 / one.wall:.2f} MB/s | {one.cpu:.1f} s |",
        f"| same, -j 2 | {two.wall:.1f} s wall, {pages / two.wall:.0f} pages/s, "
        f"**{one.wall / two.wall:.2f}×** the -j 1 speed | {two.cpu:.1f} s |",
    ]


def startup(tmp: Path, repeat: int) -> list[str]:
    small = tmp / "small.txt"
    small.write_text(SAMPLES[0].read_text(encoding="utf-8")[:1500], encoding="utf-8")
    rows = []
    for label, cmd in (("`python -c pass` (the interpreter alone)", [sys.executable, "-c", "pass"]),
                       ("`cleanup --version`", CLEANUP + ["--version"]),
                       ("`cleanup small.txt` (1,500 characters)", CLEANUP + [str(small)])):
        r = median([measure(cmd) for _ in range(repeat)])
        rows.append(f"| {label} | {r.wall:.2f} s wall | {r.cpu:.2f} s |")
    return rows


def big_file(tmp: Path, megabytes: float) -> list[str]:
    path = tmp / "big.txt"
    nbytes = write_big(path, megabytes)
    r = measure(CLEANUP + [str(path), "-o", str(tmp / "big.clean.txt"), "--changes", str(tmp / "big.changes.jsonl")])
    for p in (path, tmp / "big.clean.txt", tmp / "big.changes.jsonl"):
        p.unlink(missing_ok=True)
    return [f"| one {nbytes / 1e6:.0f} MB file with change log | peak RSS **{r.peak_mb:.0f} MB**, "
            f"{r.wall:.0f} s wall, {nbytes / 1e6 / r.wall:.2f} MB/s | {r.cpu:.0f} s |"]


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--pages", type=int, default=2000, help="pages in the generated directory (0: skip)")
    ap.add_argument("--repeat", type=int, default=2, help="runs of each -j setting (median reported)")
    ap.add_argument("--big-mb", type=float, default=0, help="also clean one file of this many MB")
    args = ap.parse_args()
    rows = ["| what | result | CPU (user+sys) |", "|---|---|---:|"]
    with tempfile.TemporaryDirectory(prefix="cleanup-bench-") as name:
        tmp = Path(name)
        rows += startup(tmp, 9)
        if args.pages:
            rows += scaling(tmp, args.pages, args.repeat)
        if args.big_mb:
            rows += big_file(tmp, args.big_mb)
    load = os.getloadavg()[0]
    print(f"{os.cpu_count()} cores, load average {load:.1f} when done.\n")
    print("\n".join(rows))


if __name__ == "__main__":
    main()
