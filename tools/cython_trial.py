"""How much a compiled build of the same Python code would gain: Cython against pure Python.

    pip install cython
    python tools/cython_trial.py              # stage_time.py --times 5, three runs of each
    python tools/cython_trial.py --times 10 --runs 2
    python tools/cython_trial.py --callgrind  # instructions instead (needs valgrind)

Copies the package, its rule files and the sample pages to a temporary
folder, compiles every module the cleaning path runs with Cython (the code
unchanged, no type annotations added), and runs ``tools/stage_time.py`` on
the compiled copy and on this checkout in turns, so both see the same
minutes of the machine.  On a shared machine those figures move by a third
from one minute to the next; ``--callgrind`` counts the instructions of
cleaning the sample pages instead (under ``valgrind --tool=callgrind``: the
same count each time, whatever else the machine does), less those of
start-up and a first warm-up round.  The temporary folder is removed afterwards.
"""

from __future__ import annotations

import argparse
import importlib.util
import os
import re
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
# The modules a Cleaner runs on every page; the CLI, I/O and engine code are left as they are.
COMPILED = ("document", "layout", "rules", "pattern_chars", "wordlists", "pipeline", "changes", "stages/*")
BUILD = """\
import glob
from setuptools import setup
from Cython.Build import cythonize
modules = [f for name in {names!r} for f in glob.glob(f"cleanup/{{name}}.py") if not f.endswith("__init__.py")]
setup(ext_modules=cythonize(modules, compiler_directives={{"language_level": 3, "binding": True}}, quiet=True),
      script_args=["build_ext", "--inplace"])
"""
# Clean the sample pages once (compiling patterns, loading word lists), then argv[1] rounds more.
ROUNDS = """\
import sys
from pathlib import Path
from cleanup import Cleaner
pages = [p.read_text(encoding="utf-8") for p in sorted(Path("tests/data/samples").glob("*.txt"))]
cleaner = Cleaner()
for _ in range(1 + int(sys.argv[1])):
    for page in pages:
        cleaner.clean(page).changes
"""
COLLECTED = re.compile(r"Collected : (\d+)")
FIGURE = re.compile(r"full profile: ([\d.]+) MB/s, ([\d.]+) ms a page")


def copy_tree(into: Path) -> None:
    shutil.copytree(ROOT / "cleanup", into / "cleanup", ignore=shutil.ignore_patterns("__pycache__"))
    shutil.copytree(ROOT / "rules", into / "rules")
    shutil.copytree(ROOT / "tests" / "data" / "samples", into / "tests" / "data" / "samples")
    (into / "tools").mkdir()
    shutil.copy2(ROOT / "tools" / "stage_time.py", into / "tools" / "stage_time.py")


def stage_time(root: Path, times: int) -> tuple[float, float]:
    """(MB/s, ms a page) of ``tools/stage_time.py`` run with ``root`` first on the path."""
    env = {**os.environ, "PYTHONPATH": str(root)}
    out = subprocess.run([sys.executable, str(root / "tools" / "stage_time.py"), "--times", str(times)],
                         cwd=root, env=env, capture_output=True, text=True, check=True).stdout
    found = FIGURE.search(out)
    if found is None:
        raise SystemExit(f"cython_trial: unexpected stage_time output: {out[:200]!r}")
    return float(found[1]), float(found[2])


def instructions(root: Path, rounds: int) -> int:
    """Instructions of cleaning the sample pages ``rounds`` times, start-up and warm-up round excluded."""
    def count(n: int) -> int:
        env = {**os.environ, "PYTHONPATH": str(root)}
        err = subprocess.run(["valgrind", "--tool=callgrind", "--callgrind-out-file=/dev/null",
                              sys.executable, "-c", ROUNDS, str(n)],
                             cwd=root, env=env, capture_output=True, text=True, check=True).stderr
        found = COLLECTED.search(err)
        if found is None:
            raise SystemExit(f"cython_trial: no instruction count from valgrind: {err[-200:]!r}")
        return int(found[1])
    return count(rounds) - count(0)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--times", type=int, default=5, help="rounds over the sample pages per run")
    ap.add_argument("--runs", type=int, default=3, help="runs of each build, in turns")
    ap.add_argument("--callgrind", type=int, nargs="?", const=2, metavar="ROUNDS",
                    help="count instructions of ROUNDS rounds over the sample pages instead (default 2)")
    args = ap.parse_args()
    if args.callgrind and shutil.which("valgrind") is None:
        raise SystemExit("cython_trial: --callgrind needs valgrind on the PATH")
    if importlib.util.find_spec("Cython") is None:
        raise SystemExit("cython_trial: Cython is not installed (pip install cython)")
    with tempfile.TemporaryDirectory(prefix="cleanup-cython-") as tmp:
        compiled = Path(tmp)
        copy_tree(compiled)
        (compiled / "build_compiled.py").write_text(BUILD.format(names=COMPILED), encoding="utf-8")
        print("compiling with Cython (about a minute and a half)...", file=sys.stderr)
        subprocess.run([sys.executable, "build_compiled.py"], cwd=compiled, check=True, capture_output=True)
        built = sorted(p.relative_to(compiled).as_posix() for p in compiled.glob("cleanup/**/*.so"))
        print(f"{len(built)} modules compiled", file=sys.stderr)
        if args.callgrind:
            pure, cython = (instructions(root, args.callgrind) for root in (ROOT, compiled))
            print(f"instructions of {args.callgrind} rounds over the sample pages: pure Python "
                  f"{pure / 1e6:.1f} M, Cython build {cython / 1e6:.1f} M ({pure / cython:.2f}x fewer)")
            return
        rows: dict[str, list[tuple[float, float]]] = {"pure Python (this checkout)": [], "Cython build": []}
        for _ in range(args.runs):
            rows["pure Python (this checkout)"].append(stage_time(ROOT, args.times))
            rows["Cython build"].append(stage_time(compiled, args.times))
    print(f"| build | MB/s, each run (stage_time.py --times {args.times}) | ms a page |")
    print("|---|---|---|")
    for name, runs in rows.items():
        print(f"| {name} | {', '.join(f'{r[0]:.2f}' for r in runs)} | {', '.join(f'{r[1]:.1f}' for r in runs)} |")
    pure, cython = (sorted(r[0] for r in runs)[args.runs // 2] for runs in rows.values())
    print(f"\nmedian speed-up of the Cython build: {cython / pure:.2f}x")


if __name__ == "__main__":
    main()
