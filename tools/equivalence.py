"""Prove a refactor changes no output: snapshot clean text and change records, then compare.

    python tools/equivalence.py snapshot BASE.jsonl          # before the change
    python tools/equivalence.py compare BASE.jsonl           # after: exit 1 on any difference
    python tools/equivalence.py compare BASE.jsonl --pages 300 --disable t2s

The documents are the sample pages, the gold pages and ``--pages`` pages made
by ``tests/pagegen.py`` (seeded, so the same every run).  Each line of the
snapshot holds a document's name, its clean text and its change records
(rule, stage, raw span, before, after, note), so ``compare`` names the first
document and the first field that differ.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import Iterator

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests"))

from pagegen import make_pages  # noqa: E402

from cleanup import Cleaner  # noqa: E402

DATA = ROOT / "tests" / "data"


def documents(pages: int) -> Iterator[tuple[str, str]]:
    for folder in ("samples", "gold"):
        for path in sorted((DATA / folder).glob("*.txt")):
            yield f"{folder}/{path.name}", path.read_text(encoding="utf-8")
    for n, (layout, page) in enumerate(make_pages(pages)):
        yield f"generated/{n:04d}-{layout}", page.raw


def outputs(pages: int, disable: list[str]) -> Iterator[dict[str, object]]:
    cleaner = Cleaner(disable=disable)
    for name, raw in documents(pages):
        result = cleaner.clean(raw)
        yield {
            "name": name,
            "text": result.text,
            "changes": [[c.rule, c.stage, c.start, c.end, c.before, c.after, c.note] for c in result.changes],
        }


def snapshot(path: Path, pages: int, disable: list[str]) -> int:
    with path.open("w", encoding="utf-8") as f:
        n = 0
        for record in outputs(pages, disable):
            f.write(json.dumps(record, ensure_ascii=False) + "\n")
            n += 1
    print(f"{n} documents written to {path}")
    return 0


def compare(path: Path, pages: int, disable: list[str]) -> int:
    base = {}
    with path.open(encoding="utf-8") as f:
        for line in f:
            record = json.loads(line)
            base[record["name"]] = record
    differ = 0
    seen = 0
    for record in outputs(pages, disable):
        seen += 1
        old = base.get(record["name"])
        if old is None:
            print(f"{record['name']}: not in the snapshot")
            differ += 1
            continue
        for key in ("text", "changes"):
            if old[key] != record[key]:
                differ += 1
                print(f"{record['name']}: {key} differs")
                if key == "changes":
                    for n, (a, b) in enumerate(zip(old[key], record[key])):
                        if a != b:
                            print(f"  change {n}: was {a}\n  now        {b}")
                            break
                    else:
                        print(f"  {len(old[key])} changes before, {len(record[key])} now")
                break
    print(f"{seen} documents compared, {differ} differ")
    return 1 if differ else 0


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("command", choices=("snapshot", "compare"))
    ap.add_argument("path", type=Path)
    ap.add_argument("--pages", type=int, default=300, help="generated pages besides samples and gold")
    ap.add_argument("--disable", action="append", default=[], help="rule id to disable (repeatable)")
    args = ap.parse_args()
    run = snapshot if args.command == "snapshot" else compare
    return run(args.path, args.pages, args.disable)


if __name__ == "__main__":
    sys.exit(main())
