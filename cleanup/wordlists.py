"""Word lists shipped in ``rules/``: read once per process, shared by stages.

A list has one entry per line; ``#`` starts a comment line. An entry may
carry data after a tab (``WORD<TAB>COST`` in ``words.txt``).  Loading is
part of every start-up, so the lists are parsed with whole-text string
operations rather than line by line, and what the stages derive from the
word list (its prefixes, its character pairs) is derived once, here.
"""

from __future__ import annotations

from functools import cache, cached_property
from typing import Iterable

from .errors import RuleError
from .rules import packaged_rules_dir


@cache
def read_entries(name: str) -> tuple[str, ...]:
    """The entries of ``rules/NAME``, whole lines, in file order."""
    path = packaged_rules_dir() / name
    try:
        text = path.read_text(encoding="utf-8")
    except OSError as e:
        raise RuleError(f"cannot read word list ({e.strerror})", str(path)) from None
    return tuple(line for line in text.splitlines() if line.strip() and not line.startswith("#"))


@cache
def load_costs(name: str) -> dict[str, int]:
    """The ``WORD<TAB>COST`` entries of ``rules/NAME`` as a word -> cost table."""
    entries = read_entries(name)
    fields = "\t".join(entries).split("\t")
    costs = fields[1::2]
    if len(fields) != 2 * len(entries) or not all(map(str.isdigit, costs)):
        n, entry = next((n, e) for n, e in enumerate(entries, 1) if not is_word_cost(e))
        raise RuleError(f"entry {n} is not WORD<TAB>COST: {entry!r}", name)
    return dict(zip(fields[0::2], map(int, costs)))


def is_word_cost(entry: str) -> bool:
    _, tab, cost = entry.partition("\t")
    return bool(tab and cost.isdigit())


@cache
def load_wordlist(name: str) -> frozenset[str]:
    """The words of ``rules/NAME``: each entry up to its first tab."""
    return frozenset(entry.partition("\t")[0] for entry in read_entries(name))


def prefixes(words: Iterable[str]) -> frozenset[str]:
    """Every word and every start of one: a text that is none of these starts no word."""
    return frozenset(w[:n] for w in words for n in range(1, len(w) + 1))


class Lexicon:
    """Word costs (``-ln p``), what can start a word, and the cheapest
    segmentation of a short text."""

    def __init__(self, costs: dict[str, int]) -> None:
        self.costs = costs
        self.max_len = max(map(len, costs), default=1)
        self.prefixes = prefixes(costs)
        self.unknown = max(costs.values(), default=0) + 2

    @cached_property
    def pairs(self) -> frozenset[str]:
        """Every two characters side by side in a word: a break between two
        others cuts no word."""
        return frozenset(w[k - 1 : k + 1] for w in self.costs for k in range(1, len(w)))

    def segment(self, text: str) -> list[str]:
        """The cheapest split of ``text`` into known words and single characters.

        Of equally cheap splits, the one whose last word starts first wins,
        then likewise for the text before it.
        """
        n = len(text)
        best = [0.0] + [float("inf")] * n
        back = [0] * (n + 1)
        for start in range(n):
            for end in range(start + 1, n + 1):
                piece = text[start:end]
                cost = self.costs.get(piece)
                if cost is None:
                    if end - start > 1:
                        if piece in self.prefixes:
                            continue
                        break  # no longer piece is a word either
                    cost = self.unknown
                if best[start] + cost < best[end]:
                    best[end], back[end] = best[start] + cost, start
        words: list[str] = []
        while n:
            words.append(text[back[n] : n])
            n = back[n]
        return words[::-1]


@cache
def load_lexicon(name: str) -> Lexicon:
    """The lexicon of the ``WORD<TAB>COST`` list ``rules/NAME``; built once per process."""
    return Lexicon(load_costs(name))
