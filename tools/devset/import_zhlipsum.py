"""Rebuild ``sources/zhufu.txt`` and ``sources/aspirin.txt`` from Debian's zhlipsum.

    apt-get download texlive-lang-chinese && dpkg -x texlive-lang-chinese_*.deb x
    python tools/devset/import_zhlipsum.py \\
        x/usr/share/texlive/texmf-dist/tex/latex/zhlipsum/zhlipsum-utf8.def

zhlipsum keeps each text as ``+newzhlipsum < name >`` followed by paragraphs
written ``<...>,`` with its own escapes (``*`` a space, ``+%`` a per cent
sign, ``--`` a dash, ``+textless`` a less-than sign, ``+"a`` an umlaut).
Each paragraph is written on one line, converted to Simplified (OpenCC
``t2s``) so that the typeset text is already clean, as gold must be.
"""

from __future__ import annotations

import re
import sys
from pathlib import Path

import opencc

SOURCES = Path(__file__).parent / "sources"
TEXTS = ("zhufu", "aspirin")
ESCAPES = (("+textless", "<"), ('+"a', "ä"), ("+%", "%"), ("--", "-"), ("*", " "))


def unescape(text: str) -> str:
    for escape, plain in ESCAPES:
        text = text.replace(escape, plain)
    if "+" in text:
        raise ValueError(f"unknown zhlipsum escape in {text[:40]!r}")
    return text


def paragraphs(definitions: str, name: str) -> list[str]:
    """The paragraphs of the text ``name`` in zhlipsum's ``.def`` file."""
    start = definitions.index(f"+newzhlipsum < {name} >")
    end = definitions.find("+newzhlipsum", start + 1)
    block = definitions[start : end if end > 0 else len(definitions)]
    return [unescape(p) for p in re.findall(r"^\s*<(.+)>,?\s*$", block, flags=re.M)]


def main(argv: list[str]) -> int:
    if len(argv) != 1:
        print(__doc__, file=sys.stderr)
        return 2
    definitions = Path(argv[0]).read_text(encoding="utf-8")
    t2s = opencc.OpenCC("t2s")
    for name in TEXTS:
        lines = [t2s.convert(p) for p in paragraphs(definitions, name)]
        (SOURCES / f"{name}.txt").write_text("\n".join(lines) + "\n", encoding="utf-8")
        print(f"{name}: {len(lines)} paragraphs")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
