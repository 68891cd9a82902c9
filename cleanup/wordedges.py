"""How often a character starts or ends a longer word of the list: evidence of a cut.

A line of a headline cut at a column's edge ends inside a word, and the
cheapest segmentation then leaves a single character at its end: one that
is most often the start of a longer word (``召`` of ``召开``, ``召集``),
rarely a word of its own or the end of one (``召``, ``号召``). Likewise a
line that starts inside a word starts with a character that mostly ends
longer words (``济`` of ``经济``). The masses come from the word list's costs
(``-ln p``) and are kept on disk between runs (:mod:`cleanup.diskcache`),
like the lexicon.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from functools import cache

from .diskcache import derived
from .wordlists import load_costs, read_source

# The cached table's layout; bump it whenever it changes.
WORD_EDGES_FORMAT = "wordedges-v2"

# Per character: its mass as a word of its own, as the start of longer words, as their end.
Masses = dict[str, tuple[float, float, float]]


@dataclass(frozen=True, slots=True)
class WordEdges:
    masses: Masses

    def continues(self, char: str) -> float:
        """The share of ``char``'s mass in which a longer word goes on after it (0-1)."""
        own, starts, ends = self.masses.get(char, (0.0, 0.0, 0.0))
        total = own + starts + ends
        return starts / total if total else 0.0

    def continued(self, char: str) -> float:
        """The share of ``char``'s mass in which it ends a longer word begun before it (0-1)."""
        own, starts, ends = self.masses.get(char, (0.0, 0.0, 0.0))
        total = own + starts + ends
        return ends / total if total else 0.0


def word_masses(costs: dict[str, int]) -> Masses:
    """Each character's mass as a word alone, as the first and as the last character of longer words."""
    own: dict[str, float] = {}
    starts: dict[str, float] = {}
    ends: dict[str, float] = {}
    for w, c in costs.items():
        p = math.exp(-c)
        if len(w) == 1:
            own[w] = own.get(w, 0.0) + p
        elif w:
            starts[w[0]] = starts.get(w[0], 0.0) + p
            ends[w[-1]] = ends.get(w[-1], 0.0) + p
    chars = own.keys() | starts.keys() | ends.keys()
    return {ch: (own.get(ch, 0.0), starts.get(ch, 0.0), ends.get(ch, 0.0)) for ch in chars}


def _is_masses(value: object) -> bool:
    return isinstance(value, dict) and all(type(v) is tuple and len(v) == 3 for v in value.values())


@cache
def load_word_edges(name: str) -> WordEdges:
    """The character edges of the ``WORD<TAB>COST`` list ``rules/NAME``, once per process."""
    return WordEdges(derived(WORD_EDGES_FORMAT, read_source(name), lambda: word_masses(load_costs(name)),
                             _is_masses, keep=4))
