"""Run the speed benchmarks and print README's performance table (Markdown).

    python tools/bench_table.py                 # 20 MB corpus, 3 rounds
    python tools/bench_table.py --mb 5 --rounds 1
    python tools/bench_table.py --json run.json  # table from an earlier --benchmark-json
    python tools/bench_table.py --wall           # wall-clock time instead of CPU time

Figures are the median round of ``benchmarks/bench_speed.py`` (see its
docstring for the corpus and the anchors); anchors that are not installed
are listed as skipped.  Rounds are timed in CPU time of the process
(``time.process_time``) by default: on one core it equals wall time on an
idle machine, and it is far less disturbed by other work on a shared one.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BENCH = ROOT / "benchmarks" / "bench_speed.py"

LABELS = {
    "test_profile_pages": "**cleanup, full default profile, as pages** (change records on)",
    "test_profile_big_text": "cleanup, full default profile, as one big text streamed in chunks",
    "test_stage[normalize]": "stage normalize",
    "test_stage[debris]": "stage debris",
    "test_stage[paragraphs]": "stage paragraphs",
    "test_stage[fragments]": "stage fragments",
    "test_stage[dedup]": "stage dedup",
    "test_stage[stutter]": "stage stutter",
    "test_changes": "`doc.changes` (change records)",
    "test_anchor_regex_whitespace": "anchor: one `regex` `\\s+` substitution pass",
    "test_anchor_opencc_t2s": "anchor: OpenCC `t2s`",
    "test_anchor_nfkc": "anchor: `unicodedata.normalize('NFKC')`",
    "test_anchor_jionlp_clean_text": "anchor: jionlp `clean_text` (per page)",
    "test_anchor_ftfy_fix_text": "anchor: ftfy `fix_text` (per page)",
}


def run_benchmarks(json_path: Path, megabytes: float, rounds: int, timer: str) -> None:
    env = dict(os.environ, CLEANUP_BENCH_MB=str(megabytes), CLEANUP_BENCH_ROUNDS=str(rounds))
    cmd = [sys.executable, "-m", "pytest", str(BENCH), "--benchmark-enable", "-q", "-rs",
           "-p", "no:cacheprovider", f"--benchmark-json={json_path}", f"--benchmark-timer={timer}"]
    done = subprocess.run(cmd, cwd=ROOT, env=env, stdout=sys.stderr)
    if done.returncode != 0:
        sys.exit(f"bench_table: benchmarks failed (exit {done.returncode})")


def table(results: dict) -> str:
    rows = {b["name"]: b["extra_info"] for b in results["benchmarks"] if "mb_per_s" in b["extra_info"]}
    full = rows.get("test_profile_pages", {}).get("mb_per_s")
    size = max((r["megabytes"] for r in rows.values()), default=0)
    timer = results.get("benchmarks", [{}])[0].get("options", {}).get("timer", "")
    clock = "CPU time" if "process_time" in timer else "wall time"
    lines = [
        f"Median of the rounds ({clock}) on {size:g} MB (the five sample pages repeated), one core, "
        f"Python {results['machine_info']['python_version']}.",
        "",
        "| what | MB/s | pages/s | full profile ÷ this |",
        "|---|---:|---:|---:|",
    ]
    for name, label in LABELS.items():
        r = rows.get(name)
        if r is None:
            lines.append(f"| {label} | skipped (not installed) | | |")
            continue
        pages = f"{r['pages_per_s']:.0f}" if "pages_per_s" in r else ""
        ratio = f"{full / r['mb_per_s']:.2f}×" if full and name.startswith("test_anchor") else ""
        lines.append(f"| {label} | {r['mb_per_s']:.1f} | {pages} | {ratio} |")
    return "\n".join(lines)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--mb", type=float, default=20.0, help="corpus size in MB (default 20)")
    ap.add_argument("--rounds", type=int, default=3, help="rounds per benchmark (default 3)")
    ap.add_argument("--json", type=Path, help="read this --benchmark-json file instead of running")
    ap.add_argument("--wall", action="store_true", help="time rounds in wall-clock time, not CPU time")
    args = ap.parse_args()
    if args.json:
        results = json.loads(args.json.read_text(encoding="utf-8"))
    else:
        with tempfile.TemporaryDirectory() as tmp:
            path = Path(tmp) / "bench.json"
            run_benchmarks(path, args.mb, args.rounds, "time.perf_counter" if args.wall else "time.process_time")
            results = json.loads(path.read_text(encoding="utf-8"))
    print(table(results))


if __name__ == "__main__":
    main()
