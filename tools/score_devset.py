"""Score the current cleaner on the development set, reader by reader.

    python tools/score_devset.py                    # tests/data/devset, every page
    python tools/score_devset.py --dir DIR --pages 5 --json
    python tools/score_devset.py --half odd         # tune on odd seeds; --half even: held out
    python tools/score_devset.py --readers tesseract --misses   # the paragraph breaks missed, and why

For each reader (pymupdf, pdfminer, pdftotext, tesseract) every raw page is
cleaned with the default profile and scored against gold with
``tools/score.py``: residual edit distance (``out_err``, share of gold's
characters), ``ours_err``: the same residual against gold as the reader
read it (:func:`as_read`: its misread and lost Han characters and its
reading order put into gold, those the profile maps one for one mapped
first; debris and text the cleaner deletes still count), what is left that is the cleaner's; paragraph precision and recall (exact, and fuzzy at ratio 90
for OCR), paragraph-break precision and recall counted on the
character alignment (``break_p``/``break_r``, blind to recognition errors),
and Han characters lost.  Two counts more, from each page's structure:

* ``own_para``: headlines and bylines (kickers and sub-headlines too, as
  ``heads_own``) that come out as a paragraph of their own: some output
  line matches them at a rapidfuzz ratio of at least 80 (an OCR error or two
  still counts; a headline glued to its neighbour does not);
* ``radicals``: Kangxi radicals (U+2F00-U+2FD5) and CJK radicals supplement
  (U+2E80-U+2EF3) left next to a Han character, with ``raw_radicals`` the
  same count before cleaning.

pdftotext and pdfminer mix the columns of many pages (narrow column gaps,
generous leading): no cleaner can undo that, and it dominates their
residual. ``--max-raw-err 0.3`` scores only the pages a reader read in order.
"""

from __future__ import annotations

import argparse
import json
import sys
import unicodedata
from pathlib import Path

import regex
from rapidfuzz import fuzz
from rapidfuzz.distance import Levenshtein

sys.path.insert(0, str(Path(__file__).resolve().parent))

import score  # noqa: E402
from break_misses import Miss, attainable_recall, misses  # noqa: E402

from cleanup import Cleaner  # noqa: E402
from cleanup.rules import load_profile  # noqa: E402
from cleanup.stages.normalize import opencc_converter  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_DIR = ROOT / "tests" / "data" / "devset"
READERS = ("pymupdf", "pdfminer", "pdftotext", "tesseract")
OWN_RATIO = 80
# \p{Han} includes both radical blocks, so a run of radicals counts whole; pdfminer sometimes
# spaces characters out (``贯 彻 落 实``), so a neighbour one space away counts too
RADICAL = regex.compile(r"(?<=\p{Han}\s?)[\u2F00-\u2FD5\u2E80-\u2EF3]|[\u2F00-\u2FD5\u2E80-\u2EF3](?=\s?\p{Han})")


def radicals(text: str) -> int:
    """Radicals standing next to a Han character (or another radical).

    >>> radicals("⼈⺠日报 ⽇ 报 ⼤")
    4
    """
    return len(RADICAL.findall(text))


def own_paragraphs(texts: list[str], out: str) -> int:
    """How many of ``texts`` some line of ``out`` matches on its own."""
    lines = [p for p in (q.strip() for q in out.split("\n")) if p]
    return sum(1 for t in texts if any(fuzz.ratio(t, p) >= OWN_RATIO for p in lines))


SPACE = regex.compile(r"\s")


class CharacterMaps:
    """The profile's rules that map characters one for one (look-alike ideographs,
    Traditional to Simplified, NFC): what a reader wrote that they map is the
    cleaner's to mend, not a recognition error (:func:`as_read`)."""

    def __init__(self) -> None:
        rules = {r.id: r for r in load_profile("zh-news").rules()}
        self.table = str.maketrans(dict(rules["ideograph-lookalike"].table))
        self.t2s = opencc_converter(rules["t2s"].config)

    def __call__(self, text: str) -> str:
        return self.t2s(unicodedata.normalize("NFC", text).translate(self.table))


# a run of gold longer than this that the reader wrote elsewhere (column order) was moved, not misread
RECOGNITION_SPAN = 8
SHINGLE = 6  # characters of the runs that tell a moved text
MOVED_SHARE = 0.3  # of a long run's shingles found in the other text: the same text, moved


def _shingles(text: str) -> set[str]:
    return {text[k : k + SHINGLE] for k in range(len(text) - SHINGLE + 1)}


def _moved(text: str, other: set[str]) -> bool:
    """Whether ``text``, a long run, is mostly text of the other side (``other``: its shingles)."""
    if len(text) <= RECOGNITION_SPAN:
        return False
    found = _shingles(text)
    return bool(found) and len(found & other) >= MOVED_SHARE * len(found)


def as_read(raw: str, gold: str) -> str:
    r"""``gold`` as the reader read it: its recognition errors and its reading order
    put in, nothing else.

    * a Han character of gold the reader wrote as another character takes
      that character (one for one where the two runs are as long);
    * a run of gold with Han characters that the reader lost or garbled
      (at most :data:`RECOGNITION_SPAN` characters of the reader's) takes what
      the reader wrote there;
    * gold's text that the reader wrote in another place (a column read out
      of order: a long run mostly made of gold's text) stands where the
      reader put it, and not where gold has it.

    Breaks, spaces, punctuation and digits stay gold's, and debris the
    reader added (text gold does not have) stays out: a cleaner is to mend
    those.  Deleting real text is charged in full.  Compared without
    whitespace, so that line structure plays no part in the alignment; the
    cleaner's output against this is what is left that is the cleaner's.

    >>> as_read("会议在北京\n召开,代表\n出席。", "会议在北京召开，\n代表出席。")
    '会议在北京召开，\n代表出席。'
    >>> as_read("会议在北京石开，代表。", "会议在北京召开，\n代表出席。")
    '会议在北京石开，\n代表。'
    """
    keep = [i for i, ch in enumerate(gold) if not SPACE.match(ch)]
    g = "".join(gold[i] for i in keep)
    r = SPACE.sub("", raw)
    in_gold, in_raw = _shingles(g), _shingles(r)
    put: dict[int, list[tuple[int, str]]] = {}  # content index of gold -> [(end of what goes, what comes)]
    for tag, g1, g2, r1, r2 in Levenshtein.opcodes(g, r):
        if tag == "equal":
            continue
        mine, theirs = g[g1:g2], r[r1:r2]
        if len(theirs) > RECOGNITION_SPAN and not _moved(theirs, in_gold):
            theirs = ""  # the reader's own debris
        if not score.HAN.search(mine) or _moved(mine, in_raw):
            # gold's marks stay; gold's text the reader wrote elsewhere goes, and comes where it stands there
            end = g2 if mine and score.HAN.search(mine) else g1
            if theirs and _moved(theirs, in_gold):
                put.setdefault(g1, []).append((end, theirs))
            elif end > g1:
                put.setdefault(g1, []).append((end, ""))
        elif tag == "replace" and len(mine) == len(theirs):
            for k, (a, b) in enumerate(zip(mine, theirs)):
                if score.HAN.match(a):
                    put.setdefault(g1 + k, []).append((g1 + k + 1, b))
        else:
            put.setdefault(g1, []).append((g2, theirs))
    out, skip_to = [], 0
    content = {gi: n for n, gi in enumerate(keep)}
    for i, ch in enumerate(gold):
        n = content.get(i)
        if n is None:
            out.append(ch)
            continue
        for end, text in put.get(n, ()):
            out.append(text)
            skip_to = max(skip_to, end)
        if n >= skip_to:
            out.append(ch)
    out.extend(text for _, text in put.get(len(g), ()))
    return "".join(out)


def roles(structure: dict[str, object], wanted: tuple[str, ...]) -> list[str]:
    texts = []
    for a in structure["articles"]:  # type: ignore[attr-defined]
        for key in wanted:
            v = a[key]
            texts += v if isinstance(v, list) else [v] if v else []
    return texts


def score_reader(folder: Path, reader: str, ids: list[str], cleaner: Cleaner,
                 max_raw_err: float | None = None,
                 missed: list[tuple[str, Miss]] | None = None) -> dict[str, object] | None:
    """Totals of ``reader``'s pages ``ids`` (None if its raw text is missing); with
    ``max_raw_err``, only the pages whose raw text is at most that far from gold.
    With ``missed``, the gold breaks the output misses go into it, by page
    (:mod:`break_misses`), and the totals count them by class."""
    rows, own = [], {"heads": [0, 0], "bylines": [0, 0], "headlines": [0, 0], "all_heads": [0, 0]}
    radicals_out = radicals_raw = ours = 0
    maps = CharacterMaps()
    for pid in ids:
        raw_path = folder / "raw" / reader / f"{pid}.txt"
        if not raw_path.exists():
            return None
        raw = raw_path.read_text(encoding="utf-8")
        gold = (folder / "gold" / f"{pid}.txt").read_text(encoding="utf-8")
        st = json.loads((folder / "structure" / f"{pid}.json").read_text(encoding="utf-8"))
        out = cleaner.clean(raw, name=pid).text
        row = score.score(raw, out, gold)
        if max_raw_err is not None and row["raw_err"] > max_raw_err:
            continue
        rows.append(row)
        ours += Levenshtein.distance(score.canon(out), score.canon(as_read(maps(raw), gold)))
        if missed is not None:
            missed.extend((pid, m) for m in misses(raw, out, gold))
        for key, wanted in (("headlines", ("headline",)), ("bylines", ("byline",)),
                            ("heads", ("headline", "byline")),
                            ("all_heads", ("kicker", "headline", "subheadlines", "byline"))):
            texts = roles(st, wanted)
            own[key][0] += own_paragraphs(texts, out)
            own[key][1] += len(texts)
        radicals_out += radicals(out)
        radicals_raw += radicals(raw)
    t = score.total(rows)
    share = {k: round(hit / max(n, 1), 4) for k, (hit, n) in own.items()}
    classes = {}
    if missed is not None:
        counts = {c: sum(1 for _, m in missed if m.cls == c) for c in "abcd"}
        classes = {"gold_breaks": t["gold_breaks"], "missed_a": counts["a"], "missed_b": counts["b"],
                   "missed_c": counts["c"], "missed_d": counts["d"],
                   "attainable_r": attainable_recall(t["break_hit"], t["gold_breaks"], counts["a"])}
    return {
        "reader": reader, "pages": len(rows), "gold_chars": t["gold_chars"],
        "raw_err": t["raw_err"], "out_err": t["out_err"], "fixed": t["fixed"],
        "ours_err": round(ours / max(t["gold_chars"], 1), 5),
        "para_p": t["para_p"], "para_r": t["para_r"],
        "fuzzy_para_p": t["fuzzy_para_p"], "fuzzy_para_r": t["fuzzy_para_r"],
        "break_p": t["break_p"], "break_r": t["break_r"],
        "lost_han": t["lost_han"], "extra_han": t["extra_han"],
        "own_para": share["heads"], "headlines_own": share["headlines"], "bylines_own": share["bylines"],
        "heads_own": share["all_heads"], "heads_n": own["heads"][1],
        "radicals": radicals_out, "raw_radicals": radicals_raw, **classes,
    }


COLUMNS = ("reader", "pages", "raw_err", "out_err", "ours_err", "para_p", "para_r", "fuzzy_para_p", "fuzzy_para_r",
           "break_p", "break_r", "lost_han", "own_para", "headlines_own", "bylines_own", "heads_own",
           "radicals", "raw_radicals")


def table(rows: list[dict[str, object]]) -> str:
    """A Markdown table of ``rows``."""
    lines = ["| " + " | ".join(COLUMNS) + " |", "|" + "---|" * len(COLUMNS)]
    lines += ["| " + " | ".join(str(r[c]) for c in COLUMNS) + " |" for r in rows]
    return "\n".join(lines)


def print_misses(reader: str, missed: list[tuple[str, Miss]], row: dict[str, object]) -> None:
    """Each missed break, its class and the text around it (line breaks shown as ⏎), then the counts."""
    for pid, m in missed:
        print(f"{reader} {pid} {m.cls}")
        for name, text in (("gold", m.gold), ("raw", m.raw), ("out", m.out)):
            print(f"  {name:4} {text.replace(chr(10), '⏎')}")
    print(f"{reader}: {len(missed)} of {row['gold_breaks']} gold breaks missed: {row['missed_a']} unattainable (a), "
          f"{row['missed_b']} joined (b), {row['missed_c']} never in the raw page (c), "
          f"{row['missed_d']} with a side deleted (d); "
          f"attainable recall {row['attainable_r']}\n")


def half(folder: Path, ids: list[str], which: str) -> list[str]:
    """The pages of ``ids`` whose layout seed (the set's manifest) is odd or even:
    tune on one half, report the other as held out."""
    manifest = json.loads((folder / "manifest.json").read_text(encoding="utf-8"))
    seed = {p["id"]: p["seed"] for p in manifest["pages"]}
    return [i for i in ids if (seed[i] % 2 == 1) == (which == "odd")]


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--dir", type=Path, default=DEFAULT_DIR, help=f"the set (default {DEFAULT_DIR})")
    ap.add_argument("--pages", type=int, default=0, help="score only the first N pages")
    ap.add_argument("--half", choices=("odd", "even"), help="only the pages of odd (or even) seeds")
    ap.add_argument("--readers", default=",".join(READERS))
    ap.add_argument("--max-raw-err", type=float, default=None,
                    help="only pages whose raw text is at most this far from gold (e.g. 0.3 leaves out "
                         "pages where a reader mixed the columns)")
    ap.add_argument("--json", action="store_true", help="one JSON line per reader instead of a table")
    ap.add_argument("--misses", action="store_true",
                    help="list each gold paragraph break the output misses, with the lines around it in "
                         "gold, the raw page and the output, and its class (tools/break_misses.py); "
                         "the totals count them by class, with recall on the breaks a cleaner could find")
    args = ap.parse_args(argv)
    gold = sorted((args.dir / "gold").glob("*.txt"))
    if not gold:
        print(f"score_devset: no gold pages in {args.dir / 'gold'}", file=sys.stderr)
        return 1
    ids = [g.stem for g in gold][: args.pages or None]
    if args.half:
        ids = half(args.dir, ids, args.half)
    cleaner = Cleaner()
    rows = []
    for reader in args.readers.split(","):
        missed: list[tuple[str, Miss]] | None = [] if args.misses else None
        row = score_reader(args.dir, reader, ids, cleaner, args.max_raw_err, missed)
        if row is None:
            print(f"score_devset: {reader}: raw text missing in {args.dir / 'raw' / reader}", file=sys.stderr)
            return 1
        rows.append(row)
        if missed is not None and not args.json:
            print_misses(reader, missed, row)
    if args.json:
        for r in rows:
            print(json.dumps(r, ensure_ascii=False))
    else:
        print(table(rows))
    return 0


if __name__ == "__main__":
    sys.exit(main())
