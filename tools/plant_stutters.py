"""Plant accidental stutters in real sentences: tests/data/planted_stutters.tsv.

    python tools/plant_stutters.py            # write the file (seed 18: the same file every time)
    python tools/plant_stutters.py --stats    # counts by kind, nothing written

The sentences are the clean-prose corpus's (tests/data/prose/, the gold
pages), 12 to 80 characters, holding no double of their own
(tools/collect_doubles.py finds none), so that the only double of a
stuttered sentence is the planted one and its repair is the sentence.
Each sentence is segmented with the word list rules/words.txt (jieba's
dictionary and costs, the cheapest path), and one stutter is planted, the
way an extractor or a typist writes text twice:

- word: a word of 2-4 characters of the list written twice (会议会议精神)
- span: 2-4 characters across two or more words, from a word boundary to a
  word boundary, written twice (热电厂热电厂工程 is one word; 贯彻落实|本次 -> 落实本次落实本次)
- char: a one-character word written twice (政企企对接 when 企 stands alone, 的的)
- item: an item of a list (X、Y、Z) written twice with its 、 (前列腺癌、前列腺癌、)

A plant is skipped when the doubled text is a word of the list or a form
of rules/reduplications.txt (研究研究, 常常: that would be real text), is
made of numerals, or is 一X一X (一条一条, a real reduplication).  A line: STUTTERED, CLEAN, KIND, the unit written
twice, where the sentence is from (FILE:DOCUMENT:PARAGRAPH).
"""

from __future__ import annotations

import argparse
import random
import re
import sys
from collections import Counter
from dataclasses import dataclass
from pathlib import Path
from typing import Iterator

sys.path.insert(0, str(Path(__file__).resolve().parent))
from collect_doubles import DOUBLE, NUMERALS, REPEAT  # noqa: E402
from prose_check import corpus  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent
WORDS = ROOT / "rules" / "words.txt"
REDUPLICATIONS = ROOT / "rules" / "reduplications.txt"
OUT = ROOT / "tests" / "data" / "planted_stutters.tsv"
KINDS = {"word": 500, "span": 300, "char": 250, "item": 150}  # how many of each
SENTENCE = re.compile(r"[^。！？；]+[。！？；]?")
LIST_ITEM = re.compile(r"(?<=[、，：（“])|^")
UNKNOWN_CHAR_COST = 20  # cost of a character the list lacks: above any listed word's


@dataclass(frozen=True)
class Plant:
    stuttered: str
    clean: str
    kind: str
    unit: str
    where: str

    def line(self) -> str:
        return "\t".join((self.stuttered, self.clean, self.kind, self.unit, self.where))


def read_costs(path: Path = WORDS) -> dict[str, int]:
    costs = {}
    for line in path.read_text(encoding="utf-8").splitlines():
        if line and not line.startswith("#"):
            word, cost = line.split("\t")
            costs[word] = int(cost)
    return costs


def read_forms(path: Path = REDUPLICATIONS) -> set[str]:
    return {line.strip() for line in path.read_text(encoding="utf-8").splitlines()
            if line.strip() and not line.startswith("#")}


def segment(s: str, costs: dict[str, int], longest: int = 8) -> list[str]:
    """The cheapest path through ``s`` with the word list's costs (jieba's way, without its HMM)."""
    best = [0] + [10**9] * len(s)
    back = [0] * (len(s) + 1)
    for j in range(1, len(s) + 1):
        for i in range(max(0, j - longest), j):
            w = s[i:j]
            cost = costs.get(w, UNKNOWN_CHAR_COST if j - i == 1 else None)
            if cost is not None and best[i] + cost < best[j]:
                best[j], back[j] = best[i] + cost, i
    words, j = [], len(s)
    while j:
        words.append(s[back[j]:j])
        j = back[j]
    return words[::-1]


def sentences() -> Iterator[tuple[str, str]]:
    """``(sentence, where)`` for every sentence of the corpus fit to plant in."""
    for doc in corpus():
        for k, p in enumerate(doc.paragraphs, 1):
            for m in SENTENCE.finditer(p):
                s = m.group()
                han = sum("\u4e00" <= c <= "\u9fff" for c in s)
                if 12 <= len(s) <= 80 and han >= 0.8 * len(s) and not DOUBLE.search(s) and not REPEAT.search(s):
                    yield s, f"{doc.source}:{doc.number}:{k}"


def is_han(s: str) -> bool:
    return bool(s) and all("\u4e00" <= c <= "\u9fff" for c in s)


def candidates(s: str, kind: str, costs: dict[str, int]) -> list[tuple[int, str]]:
    """``(end, unit)``: where a unit ends in ``s`` and which, to write it twice there."""
    if kind == "item":
        items = s.split("、")
        if len(items) < 3:
            return []
        out, at = [], 0
        for item in items[:-1]:
            at += len(item) + 1
            head = re.split(r"[，：（“]", item)[-1]
            if is_han(head) and 2 <= len(head) <= 8:
                out.append((at, head + "、"))
        return out
    words = segment(s, costs)
    bounds = [0]
    for w in words:
        bounds.append(bounds[-1] + len(w))
    out = []
    for a in range(len(words)):
        for b in range(a + 1, len(words) + 1):
            unit = s[bounds[a]:bounds[b]]
            if not is_han(unit):
                continue
            whole_word = b == a + 1 and unit in costs
            fits = {
                "word": whole_word and 2 <= len(unit) <= 4,
                "span": b > a + 1 and 2 <= len(unit) <= 4,
                "char": whole_word and len(unit) == 1,
            }[kind]
            if fits:
                out.append((bounds[b], unit))
    return out


def plant(rng: random.Random, pool: list[tuple[str, str]], kind: str, n: int,
          costs: dict[str, int], forms: set[str]) -> list[Plant]:
    out: list[Plant] = []
    used: set[str] = set()
    for s, where in rng.sample(pool, len(pool)):
        if len(out) == n:
            break
        if s in used:
            continue
        found = candidates(s, kind, costs)
        rng.shuffle(found)
        for end, unit in found:
            core = unit.rstrip("、")
            doubled = core * 2
            if doubled in costs or doubled in forms or set(core) <= NUMERALS or (len(core) == 2 and core[0] == "一"):
                continue
            stuttered = s[:end] + unit + s[end:]
            if kind != "item" and (stuttered[end - len(unit) - 1:end - len(unit)] == core[-1:]
                                   or s[end:end + 1] == core[:1]):
                continue  # it would make a triple or a double of its own with a neighbour
            out.append(Plant(stuttered, s, kind, core, where))
            used.add(s)
            break
    return out


HEADER = """\
# Stutters planted in real sentences of the clean-prose corpus: each should be written once (issue 18).
# Made by tools/plant_stutters.py (seed 18); its docstring says how.
# STUTTERED<TAB>CLEAN<TAB>KIND<TAB>UNIT<TAB>FILE:DOCUMENT:PARAGRAPH
"""


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--stats", action="store_true", help="counts by kind, write nothing")
    args = ap.parse_args()
    costs, forms = read_costs(), read_forms()
    rng = random.Random(18)
    pool = sorted(set(sentences()))
    plants = [p for kind, n in KINDS.items() for p in plant(rng, pool, kind, n, costs, forms)]
    if not args.stats:
        OUT.write_text(HEADER + "".join(p.line() + "\n" for p in plants), encoding="utf-8")
        print(f"written: {OUT.relative_to(ROOT)}")
    print(f"{len(plants)} stutters planted in {len(pool)} sentences fit for it:")
    for kind, n in Counter(p.kind for p in plants).items():
        print(f"  {n:5}  {kind}")
    print("  by source: " + ", ".join(f"{s} {n}" for s, n in Counter(
        p.where.split(":")[0] for p in plants).most_common()))


if __name__ == "__main__":
    main()
