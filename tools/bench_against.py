"""Time this checkout against another revision on the same text, in the same run (issue 17).

    python tools/bench_against.py 'c06f81f^1'                 # samples x 20 as pages, 5 rounds
    python tools/bench_against.py main --times 40 --rounds 7
    python tools/bench_against.py main --shape two-line       # as benchmarks/bench_shapes.py

REV is checked out into a temporary git worktree (removed at the end).  Each
round times both versions, in turn, each in a subprocess of its own that
imports that version's ``cleanup``; the order alternates from round to round,
so that the load of a shared machine falls on both alike.  A round times CPU
time (``time.process_time``) of cleaning the text only, change records
included, as the benchmarks do.  The text is the five sample pages of this
checkout, ``--times`` times over, in one of the shapes of
``benchmarks/bench_shapes.py``: as pages (a document each), or streamed as one
file of one line or of two-line paragraphs (``cleanup.io.clean_chunks``).

Prints each version's MB/s (the median round, and the best) and the ratio
this checkout / REV of the medians: 0.90 or more is within 10 %.
"""

from __future__ import annotations

import argparse
import json
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SAMPLES = ROOT / "tests" / "data" / "samples"

# run in a subprocess with the version's checkout first on sys.path, so that the shapes of
# this checkout's benchmarks/bench_shapes.py clean with that version; prints seconds and bytes
CHILD = r"""
import sys, time
root, benchmarks, samples, shape, times = sys.argv[1], sys.argv[2], sys.argv[3:-2], sys.argv[-2], int(sys.argv[-1])
sys.path[:0] = [root, benchmarks]
import cleanup
assert cleanup.__file__.startswith(root), cleanup.__file__
import bench_shapes
pages = [open(p, encoding="utf-8").read() for p in samples] * times
cleaner = cleanup.Cleaner()
if shape == "pages":
    text, size, clean = pages, sum(len(p.encode("utf-8")) for p in pages), bench_shapes.clean_pages
else:
    text = bench_shapes.one_line(pages) if shape == "one-line" else bench_shapes.two_line_paragraphs(pages)
    size, clean = len(text), bench_shapes.clean_file
start = time.process_time()
clean(cleaner, text)
print(time.process_time() - start, size)
"""


def time_once(root: Path, shape: str, times: int) -> tuple[float, int]:
    """CPU seconds and bytes of one round of the checkout at ``root``."""
    samples = [str(p) for p in sorted(SAMPLES.glob("*.txt"))]
    out = subprocess.run([sys.executable, "-c", CHILD, str(root), str(ROOT / "benchmarks"), *samples, shape,
                          str(times)],
                         capture_output=True, text=True, cwd=tempfile.gettempdir())
    if out.returncode:
        sys.exit(f"{root}: the round failed:\n{out.stderr.strip()}")
    seconds, size = out.stdout.split()
    return float(seconds), int(size)


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("rev", help="the revision to time against (any git revision)")
    ap.add_argument("--times", type=int, default=20, help="the sample pages this many times over")
    ap.add_argument("--rounds", type=int, default=5, help="rounds, each timing both versions")
    ap.add_argument("--shape", choices=("pages", "one-line", "two-line"), default="pages")
    ap.add_argument("--json", action="store_true", help="print the figures as JSON too")
    args = ap.parse_args()
    with tempfile.TemporaryDirectory(prefix="bench-against-") as tmp:
        other = Path(tmp) / "rev"
        subprocess.run(["git", "-C", str(ROOT), "worktree", "add", "--detach", "-q", str(other), args.rev],
                       check=True)
        try:
            versions = {"this": ROOT, args.rev: other}
            seconds: dict[str, list[float]] = {name: [] for name in versions}
            size = 0
            for n in range(args.rounds):
                order = list(versions) if n % 2 == 0 else list(reversed(versions))
                for name in order:
                    s, size = time_once(versions[name], args.shape, args.times)
                    seconds[name].append(s)
                print(f"round {n + 1}: " + ", ".join(f"{name} {seconds[name][-1]:.2f} s" for name in versions),
                      flush=True)
        finally:
            subprocess.run(["git", "-C", str(ROOT), "worktree", "remove", "--force", str(other)], check=False)
    mb = size / 1e6
    median = {name: statistics.median(s) for name, s in seconds.items()}
    print(f"{mb:.1f} MB, shape {args.shape}, {args.rounds} rounds (CPU time)")
    for name, s in seconds.items():
        print(f"  {name:>12}: {mb / median[name]:6.2f} MB/s median, {mb / min(s):6.2f} MB/s best")
    ratio = median[args.rev] / median["this"]
    print(f"this / {args.rev}: {ratio:.3f} of its throughput ({'within' if ratio >= 0.9 else 'not within'} 10 %)")
    if args.json:
        print(json.dumps({"megabytes": mb, "seconds": seconds, "ratio": ratio}))
    return 0


if __name__ == "__main__":
    sys.exit(main())
