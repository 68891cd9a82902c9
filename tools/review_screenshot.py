"""Make README's picture of a review page: docs/review.png.

    python tools/review_screenshot.py [SAMPLE] [-o docs/review.png]

Reviews a sample page (default: sample 000) with ``cleanup review``, opens
it in headless Chromium (``tests/chromium.py``), shows the details of one
change as a hover would, and saves a screenshot of the window, made smaller
with ``pngquant`` where it is installed (Debian: apt-get install pngquant).
"""

from __future__ import annotations

import argparse
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests"))

from chromium import Browser, find_chromium  # noqa: E402

SAMPLE = ROOT / "tests" / "data" / "samples" / "000_aa24163696705659.txt"


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("sample", nargs="?", type=Path, default=SAMPLE)
    ap.add_argument("-o", "--output", type=Path, default=ROOT / "docs" / "review.png")
    ap.add_argument("--change", default="c181", help="id of the change whose details show")
    ap.add_argument("--size", default="1100x780", help="window WIDTHxHEIGHT")
    args = ap.parse_args()
    binary = find_chromium()
    if binary is None:
        sys.exit("Chromium is not installed (Debian: apt-get install chromium)")
    width, height = map(int, args.size.split("x"))
    with tempfile.TemporaryDirectory() as tmp:
        page = Path(tmp) / "review.html"
        sample = args.sample.resolve()  # named as from the repository's root
        name = sample.relative_to(ROOT) if sample.is_relative_to(ROOT) else sample
        subprocess.run([sys.executable, "-m", "cleanup", "review", str(name), "-o", str(page)],
                       check=True, cwd=ROOT)
        with Browser(binary, width, height) as browser:
            browser.open(page)
            browser.eval(f"(() => {{ const el = document.getElementById('{args.change}'); "
                         "el.focus({preventScroll: true}); })()")
            args.output.parent.mkdir(parents=True, exist_ok=True)
            browser.screenshot(args.output)
    if shutil.which("pngquant"):
        subprocess.run(["pngquant", "--force", "--skip-if-larger", "--strip", "--output",
                        str(args.output), "64", str(args.output)], check=False)
    print(f"{args.output}: {args.output.stat().st_size / 1024:.0f} KiB")


if __name__ == "__main__":
    main()
