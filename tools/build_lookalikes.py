"""Build rules/lookalikes.txt: code points PDF extractors write for ideographs, and the ideograph.

    python tools/build_lookalikes.py [--ucd /usr/share/unicode]

PDF fonts often map a glyph to a Kangxi radical (U+2F00-U+2FD5) or a CJK
radicals supplement code point (U+2E80-U+2EF3) instead of the ordinary
ideograph it looks like, and extractors such as pdfminer.six write that code
point (``⼈⺠⽇报`` for ``人民日报``).  The mapping comes from Unicode data:

* a Kangxi radical's compatibility decomposition (NFKC) is its ideograph;
* ``EquivalentUnifiedIdeograph.txt`` of the Unicode Character Database
  (Debian package ``unicode-data``) gives the rest, the radicals supplement
  included.

CJK compatibility ideographs need no table: their canonical decomposition
is the ideograph, and the ``unicode-nfc`` rule already applies it.
"""

from __future__ import annotations

import argparse
import sys
import unicodedata
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "rules" / "lookalikes.txt"
RANGES = ((0x2F00, 0x2FD5), (0x2E80, 0x2EF3))


def in_ranges(point: int) -> bool:
    return any(lo <= point <= hi for lo, hi in RANGES)


def from_ucd(path: Path) -> dict[str, str]:
    """``EquivalentUnifiedIdeograph.txt``: ``2E8C..2E8D ; 5C0F`` lines, comments after ``#``."""
    table: dict[str, str] = {}
    for line in path.read_text(encoding="utf-8").splitlines():
        data = line.partition("#")[0].strip()
        if not data:
            continue
        points, target = (field.strip() for field in data.split(";"))
        first, _, last = points.partition("..")
        for point in range(int(first, 16), int(last or first, 16) + 1):
            if in_ranges(point):
                table[chr(point)] = chr(int(target, 16))
    return table


def from_nfkc() -> dict[str, str]:
    table = {}
    for lo, hi in RANGES:
        for point in range(lo, hi + 1):
            c = chr(point)
            folded = unicodedata.normalize("NFKC", c)
            if folded != c and len(folded) == 1 and unicodedata.name(folded, "").startswith("CJK UNIFIED"):
                table[c] = folded
    return table


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--ucd", type=Path, default=Path("/usr/share/unicode"),
                    help="folder holding EquivalentUnifiedIdeograph.txt (Debian: unicode-data)")
    args = ap.parse_args()
    source = args.ucd / "EquivalentUnifiedIdeograph.txt"
    if not source.is_file():
        print(f"build_lookalikes: {source} not found (apt-get install unicode-data)", file=sys.stderr)
        return 2
    table = from_ucd(source)
    table.update(from_nfkc())  # the decomposition wins where both speak
    version = source.read_text(encoding="utf-8").partition("\n")[0].lstrip("# ").strip()
    lines = [
        "# Look-alike code points PDF extractors write for ideographs, and the ideograph (SPEC rule 10).",
        "# Format: LOOKALIKE<TAB>IDEOGRAPH; sorted by code point, unique.",
        f"# Source: NFKC of Kangxi radicals (Python {unicodedata.unidata_version}) and {version}",
        "# (U+2F00-U+2FD5, U+2E80-U+2EF3). Regenerate with tools/build_lookalikes.py.",
    ]
    lines += [f"{k}\t{v}" for k, v in sorted(table.items())]
    OUT.write_text("\n".join(lines) + "\n", encoding="utf-8")
    print(f"{len(table)} look-alikes written to {OUT}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
