"""Build ``rules/words.txt``, the word list with costs that the stages share.

Source: jieba 0.42.1's ``dict.txt`` (MIT licence, https://github.com/fxsjy/jieba),
whose lines are ``word frequency tag``.  We keep the all-Han entries seen at
least ``--min-freq`` times and write each with its cost, the rounded
``-ln(frequency / total)``, so that the stage can pick the likeliest
segmentation without shipping the 5 MB dictionary.  ``paragraphs`` asks
whether a line break cuts through a word, ``fragments`` whether a line ends
on one, ``stutter`` segments around a repeat.  A few words that the
sample pages need and jieba lacks (or counts too rarely) are added from
``EXTRA``.

It also writes ``rules/verbs.txt``: the words of that list that jieba tags
as verbs (``v``).  ``paragraphs`` asks whether a headline line has a
predicate: one that has none is the first half of a headline wrapped over
two lines (``我市与汇源集团合作项目`` / ``签约仪式在京举行``).

    pip download --no-deps jieba==0.42.1 && tar xzf jieba-0.42.1.tar.gz
    python tools/build_words.py jieba-0.42.1/jieba/dict.txt
"""

from __future__ import annotations

import argparse
import math
from pathlib import Path

import regex

RULES = Path(__file__).resolve().parent.parent / "rules"
HAN = regex.compile(r"\p{Han}+")

# word -> frequency (jieba's scale): names and terms of the sample pages.
EXTRA = {
    "习近平": 20000,  # jieba's copy counts it 4 times
    "监委": 300,  # 纪委监委, newer than jieba's corpus
    "其其格": 100,  # a common Mongolian given name
}


# Entries holding a doubled unit (人人, 高高兴兴, 井井有条, 白雪皑皑) are kept down to
# REDUP_MIN_FREQ: a real doubling missing from the list would look like a stutter.
REDUPLICATED = regex.compile(r"(\p{Han}{1,6})\1")
REDUP_MIN_FREQ = 5


def read_jieba(path: Path, min_freq: int) -> tuple[dict[str, int], set[str]]:
    """All-Han words of jieba's dict.txt seen at least ``min_freq`` times (doubling
    ones: 5), and those of them tagged as verbs."""
    words: dict[str, int] = {}
    verbs: set[str] = set()
    for line in path.read_text(encoding="utf-8").splitlines():
        word, freq, tag = line.split()
        least = REDUP_MIN_FREQ if REDUPLICATED.search(word) else min_freq
        if int(freq) >= least and HAN.fullmatch(word):
            words[word] = int(freq)
            if tag == "v":
                verbs.add(word)
    return words, verbs


def format_list(words: dict[str, int], min_freq: int) -> str:
    total = sum(words.values())
    header = (
        "# Words and their costs, shared by the paragraphs, fragments and stutter stages.\n"
        "# Format: WORD<TAB>COST, COST = round(-ln(freq / total)); sorted, unique.\n"
        f"# Source: jieba 0.42.1 dict.txt (MIT licence), all-Han words with freq >= {min_freq}\n"
        f"# (words holding a doubled unit: freq >= {REDUP_MIN_FREQ}),\n"
        "# plus the EXTRA words of tools/build_words.py. Regenerate with that script.\n"
    )
    body = "".join(f"{w}\t{round(math.log(total / f))}\n" for w, f in sorted(words.items()))
    return header + body


def format_verbs(verbs: set[str], min_freq: int) -> str:
    header = (
        "# Verbs: the words of words.txt that jieba 0.42.1 dict.txt (MIT licence) tags 'v'\n"
        f"# (freq >= {min_freq}). One word per line; sorted, unique. The paragraphs stage\n"
        "# asks whether a headline line has a predicate. Regenerate with tools/build_words.py.\n"
    )
    return header + "".join(f"{w}\n" for w in sorted(verbs))


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("dict_txt", type=Path, help="jieba's dict.txt")
    ap.add_argument("--min-freq", type=int, default=100)
    ap.add_argument("--out", type=Path, default=RULES / "words.txt")
    ap.add_argument("--verbs-out", type=Path, default=RULES / "verbs.txt")
    args = ap.parse_args()
    words, verbs = read_jieba(args.dict_txt, args.min_freq)
    for word, freq in EXTRA.items():
        words[word] = max(freq, words.get(word, 0))
    args.out.write_text(format_list(words, args.min_freq), encoding="utf-8")
    args.verbs_out.write_text(format_verbs(verbs, args.min_freq), encoding="utf-8")
    print(f"{args.out}: {len(words)} words; {args.verbs_out}: {len(verbs)} verbs")


if __name__ == "__main__":
    main()
