"""Pages per second of one ``Cleaner`` shared by 1, 2, 4 ... threads.

    python tools/bench_threads.py                    # 1, 2 and 4 threads, 3 rounds
    python tools/bench_threads.py --threads 1 2 4 8 --rounds 5 --pages 200

The pages are the five samples, the development set's raw pages (160, as
four readers wrote them) and any pages of ``tests/pagegen.py`` asked for,
cleaned by every thread count in turn, rounds alternating, so the machine's drift
falls on every count alike.  Two figures, each the best round: pages per
second of wall time (what a user waits), and per second of the process's
CPU time (all threads together), which other work on a shared machine
disturbs far less and which shows work redone: threads waiting for the GIL
spend none.  Each round also checks that every page came out as one thread
cleans it.
"""

from __future__ import annotations

import argparse
import sys
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests"))

from pagegen import make_pages  # noqa: E402

from cleanup import Cleaner  # noqa: E402


def corpus(generated: int) -> list[str]:
    data = ROOT / "tests" / "data"
    files = sorted((data / "samples").glob("*.txt")) + sorted((data / "devset" / "raw").glob("*/*.txt"))
    return [p.read_text(encoding="utf-8") for p in files] + [page.raw for _, page in make_pages(generated)]


def one_round(cleaner: Cleaner, pages: list[str], threads: int) -> tuple[float, float, list[str]]:
    """Wall and CPU seconds to clean ``pages`` on ``threads`` threads, and the clean texts in order."""
    with ThreadPoolExecutor(threads) as pool:
        wall, cpu = time.perf_counter(), time.process_time()
        texts = [r.text for r in pool.map(cleaner.clean, pages)]
        return time.perf_counter() - wall, time.process_time() - cpu, texts


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--threads", type=int, nargs="+", default=[1, 2, 4])
    ap.add_argument("--rounds", type=int, default=3)
    ap.add_argument("--pages", type=int, default=0, help="generated pages besides the samples and the development set")
    args = ap.parse_args()
    pages = corpus(args.pages)
    cleaner = Cleaner()
    expected = [cleaner.clean(p).text for p in pages]  # also warms the caches up
    wall = {n: float("inf") for n in args.threads}
    cpu = dict(wall)
    for r in range(args.rounds):
        order = args.threads if r % 2 == 0 else args.threads[::-1]
        for n in order:
            wall_s, cpu_s, texts = one_round(cleaner, pages, n)
            if texts != expected:
                print(f"{n} threads: output differs from one thread's", file=sys.stderr)
                return 1
            wall[n], cpu[n] = min(wall[n], wall_s), min(cpu[n], cpu_s)
    print(f"{len(pages)} pages, best of {args.rounds} rounds, one Cleaner shared:")
    for n in args.threads:
        print(f"  {n} thread{'s' if n > 1 else ' '}: {len(pages) / wall[n]:6.1f} pages/s wall, "
              f"{len(pages) / cpu[n]:6.1f} pages/s of CPU time")
    return 0


if __name__ == "__main__":
    sys.exit(main())
