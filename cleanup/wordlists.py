"""Word lists shipped in ``rules/``: read once per process, shared by stages.

A list has one entry per line; ``#`` starts a comment line. An entry may
carry data after a tab (``WORD<TAB>COST`` in ``words.txt``).  Loading is
part of every start-up, so the lists are parsed with whole-text string
operations rather than line by line, and what the stages derive from the
word list (its prefixes, its character pairs) is derived once, here, and
kept on disk between runs (:mod:`cleanup.diskcache`).
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, KeysView
from enum import Enum, auto
from functools import cache
from itertools import chain
from typing import Final

from .diskcache import derived
from .errors import RuleError
from .rules import packaged_rules_dir
from .shape import HAN_RUN, Shape


@cache
def read_source(name: str) -> bytes:
    """The bytes of ``rules/NAME``."""
    path = packaged_rules_dir() / name
    try:
        return path.read_bytes()
    except OSError as e:
        raise RuleError(f"cannot read word list ({e.strerror})", str(path)) from None


@cache
def read_entries(name: str) -> tuple[str, ...]:
    """The entries of ``rules/NAME``, whole lines, in file order."""
    try:
        text = read_source(name).decode("utf-8")
    except UnicodeDecodeError as e:
        raise RuleError(f"word list is not UTF-8 ({e.reason} at byte {e.start})", name) from None
    return tuple(line for line in text.splitlines() if line.strip() and not line.startswith("#"))


@cache
def load_costs(name: str) -> dict[str, int]:
    """The ``WORD<TAB>COST`` entries of ``rules/NAME`` as a word -> cost table."""
    entries = read_entries(name)
    fields = "\t".join(entries).split("\t")
    costs = fields[1::2]
    well_formed = (len(fields) == 2 * len(entries) and all("\t" in e for e in entries)
                   and "".join(costs).isascii() and all(map(str.isdigit, costs)))
    if not well_formed:
        n, entry = next((n, e) for n, e in enumerate(entries, 1) if not is_word_cost(e))
        raise RuleError(f"entry {n} is not WORD<TAB>COST: {entry!r}", name)
    return dict(zip(fields[0::2], map(int, costs)))


def is_word_cost(entry: str) -> bool:
    _, tab, cost = entry.partition("\t")
    return bool(tab and cost.isascii() and cost.isdigit())


@cache
def load_wordlist(name: str) -> frozenset[str]:
    """The words of ``rules/NAME``: each entry up to its first tab."""
    return frozenset(entry.partition("\t")[0] for entry in read_entries(name))


def prefixes(words: Iterable[str]) -> frozenset[str]:
    """Every word and every start of one: a text that is none of these starts no word."""
    return frozenset(w[:n] for w in words for n in range(1, len(w) + 1))


def char_pairs(words: Iterable[str]) -> frozenset[str]:
    """Every two characters side by side in a word: a break between two others cuts no word."""
    return frozenset(w[k - 1 : k + 1] for w in words for k in range(1, len(w)))


class NoPrefix(Enum):
    """The type of :data:`NO_PREFIX`: a sentinel of its own, so that a look-up's three
    answers (a word's cost, None for a word's start, NO_PREFIX) type-check apart."""

    NO_PREFIX = auto()


NO_PREFIX: Final = NoPrefix.NO_PREFIX  # the default of a look-up in Lexicon.entries: the text starts no word


class Lexicon:
    """Word costs (``-ln p``), what can start a word, the character pairs
    inside words, and the cheapest segmentation of a short text.

    ``prefixes`` and ``pairs`` are the keys of dicts rather than frozensets:
    they work as sets, but a dict of strings is not tracked by the garbage
    collector, whose passes would otherwise walk their 80,000 entries, several
    times in each start-up.  The dict behind ``prefixes`` is ``entries``: each
    prefix with its cost as a word, None if it is none, so that one look-up
    in a large table, likely a cache miss, tells both.
    """

    def __init__(self, costs: dict[str, int], prefixes: Iterable[str], pairs: Iterable[str]) -> None:
        self.costs = costs
        self.entries: dict[str, int | None] = dict.fromkeys(prefixes)
        self.entries.update(costs)  # a word is a prefix of itself: its None becomes its cost
        self.entries.pop("", None)  # a word's starts are not empty: "" is none, even if listed
        self.prefixes: KeysView[str] = self.entries.keys()
        self.pairs: KeysView[str] = dict.fromkeys(pairs).keys()
        self.max_len = max(map(len, costs), default=1)
        self.unknown = max(costs.values(), default=0) + 2

    @classmethod
    def of(cls, costs: dict[str, int]) -> Lexicon:
        return cls(costs, prefixes(costs), char_pairs(costs))

    def cuts(self, before: str, after: str, context: int) -> bool:
        """Whether the cheapest segmentation of the ``context`` characters each side of the
        place between ``before`` and ``after`` puts a word across it (a word of the list
        that merely spans it may not be read: 副作用|到了 holds 用到)."""
        left, right = before[-context:], after[:context]
        at = 0
        for word in self.segment(left + right):
            if at < len(left) < at + len(word):
                return True
            at += len(word)
        return False

    def segment(self, text: str) -> list[str]:
        """The cheapest split of ``text`` into known words and single characters.

        Of equally cheap splits, the one whose last word starts first wins,
        then likewise for the text before it.
        """
        n = len(text)
        best = [0.0] + [float("inf")] * n
        back = [0] * (n + 1)
        entry = self.entries.get
        for start in range(n):
            here = best[start]
            for end in range(start + 1, n + 1):
                cost = entry(text[start:end], NO_PREFIX)
                if cost is None or cost is NO_PREFIX:  # no word
                    if end - start > 1:
                        if cost is None:
                            continue
                        break  # no longer piece is a word either
                    cost = self.unknown
                if here + cost < best[end]:
                    best[end], back[end] = here + cost, start
        words: list[str] = []
        while n:
            words.append(text[back[n] : n])
            n = back[n]
        return words[::-1]

    def han_words(self, text: str) -> Iterator[str]:
        """The words of :meth:`segment` of each run of Han characters in ``text``."""
        return (w for run in HAN_RUN.findall(text) for w in self.segment(run))


# The cached lexicon's layout; bump it whenever it or what Lexicon.of derives
# changes, so that no cache written by an older cleanup is read.
LEXICON_FORMAT = "lexicon-v2"

# A lexicon as the disk cache keeps it: its words (as lines of one text), their
# costs in the same order, the prefixes that are not words, the pairs (lines).
# One text to decode and split is read faster than one string per entry.
LexiconParts = tuple[str, tuple[int, ...], str, str]


def pack_lexicon(lexicon: Lexicon) -> LexiconParts:
    costs = lexicon.costs
    others = (p for p in lexicon.prefixes if p not in costs)
    return join_lines(costs), tuple(costs.values()), join_lines(others), join_lines(lexicon.pairs)


def unpack_lexicon(parts: LexiconParts) -> Lexicon:
    words_text, costs, others_text, pairs_text = parts
    words = split_lines(words_text)
    starts = chain(filter(None, words), split_lines(others_text))  # each word but "" starts itself
    return Lexicon(dict(zip(words, costs)), starts, split_lines(pairs_text))


def join_lines(entries: Iterable[str]) -> str:
    """Each entry followed by a line break (so that an empty entry is kept)."""
    return "\n".join([*entries, ""])


def split_lines(text: str) -> list[str]:
    """The entries of a :func:`join_lines` text."""
    return text.split("\n")[:-1]


def _is_lexicon_parts(value: object) -> bool:
    if not (isinstance(value, tuple) and len(value) == 4 and isinstance(value[1], tuple)
            and all(isinstance(value[k], str) for k in (0, 2, 3))):
        return False
    words, costs = value[0], value[1]
    return len(costs) == words.count("\n") and set(map(type, costs)) <= {int}


def shape_lexicon(shape: Shape) -> Lexicon:
    """The word list the page-shape vocabulary names (``word_list``): the one every
    stage and the article output segment by, loaded once (:func:`load_lexicon`)."""
    return load_lexicon(shape.word_list)


@cache
def load_lexicon(name: str) -> Lexicon:
    """The lexicon of the ``WORD<TAB>COST`` list ``rules/NAME``: built once per
    process, and read from the disk cache when this very list was seen before."""
    def build() -> LexiconParts:
        return pack_lexicon(Lexicon.of(load_costs(name)))

    # a cached lexicon takes ~0.8 MB: keep a few (word lists a user switches between)
    return unpack_lexicon(derived(LEXICON_FORMAT, read_source(name), build, _is_lexicon_parts, keep=4))
