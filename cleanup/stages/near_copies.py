"""Which paragraphs of a document are copies of which: the search behind SPEC rule 15.

Paragraphs are compared on their comparison key (:mod:`cleanup.textkey`).
Exact copies share a key; near copies score at least a cutoff on
``rapidfuzz`` ``fuzz.ratio``.  :class:`NearCopies` finds the near copies
among the keys of one document, in time that grows with the document's
length, not its square: a key longer than a bound is matched by its hash
alone, and a document with more pairs of comparable length than a budget
only compares the pairs that share an anchor.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections import defaultdict
from dataclasses import dataclass
from typing import Callable, Iterable

import regex
from rapidfuzz import fuzz, process


@dataclass(frozen=True, slots=True)
class Anchors:
    """The runs of ``length`` characters that open a key and each of its clauses.

    Two near copies share most clauses, so most of their anchors: a long
    document compares only the keys that share one.  An anchor that opens
    clauses of more than ``common`` keys (a stock phrase) proposes none.
    """

    clause_end: regex.Pattern[str]
    length: int
    common: int

    def of(self, key: str) -> set[str]:
        found = {piece[: self.length] for piece in self.clause_end.split(key) if len(piece) >= self.length}
        found.add(key[: self.length])
        found.add(key[-self.length:])
        return found


@dataclass(frozen=True, slots=True)
class Bounds:
    """Which keys are compared for near copies, and how many pairs a document gets in full."""

    shortest: int = 0  # shorter keys are copies only when equal
    longest: int = 0  # longer keys too (0: no bound): their comparison would cost the square of their length
    pairs: int = 0  # pairs of comparable length compared in full (0: no bound); beyond, anchored pairs only
    anchors: Anchors | None = None


class NearCopies:
    """Which comparison keys are near copies of which, for one document.

    Each pair of keys is compared once, however often it is asked about:
    every repair round, and the settle pass, ask about mostly the same
    paragraphs; :meth:`retain` forgets the keys no longer in the text, so
    a paragraph's earlier versions are never compared with it.  rapidfuzz
    compares a key in one vectorised call (``process.extract`` over its
    candidates), and only with the keys whose length allows the cutoff:
    the ratio of keys of lengths ``a <= b`` is at most ``200 * a / (a +
    b)``, so with the keys sorted by length the candidates of a key are the
    next ones up to ``b = a * (200 - cutoff) / cutoff``.  The bound is
    exact, so the links are those comparing every pair finds, as long as
    the pairs so found are within ``bounds.pairs``; beyond it only the pairs
    that share an anchor are compared.  ``agree(a, b)`` can veto a link
    (near copies that state different numbers are different paragraphs).

    Before rapidfuzz, a pair is bounded by its characters (:meth:`could_link`):
    a character that one key holds and the other does not is matched by no
    common subsequence; the pairs that fail the bound (on a page, all but
    the copies) are never scored.

    ``work`` counts the characters compared, ``len(a) * len(b)`` summed
    over the pairs rapidfuzz scores: what its time grows with.
    """

    def __init__(self, cutoff: float, bounds: Bounds = Bounds(),
                 agree: Callable[[str, str], bool] | None = None) -> None:
        self.cutoff = cutoff
        self.bounds = bounds
        self.agree = agree
        self.known: set[str] = set()  # every pair of these has been compared
        self.near: dict[str, dict[str, float]] = {}  # key -> its near copies and their scores
        self.low_bytes: dict[str, bytes] = {}  # key -> the low byte of each of its characters (keys compared)
        self.work = 0

    def retain(self, keys: set[str]) -> None:
        """Forget the keys not in ``keys`` (the text no longer has them) and their links."""
        gone = self.known - keys
        self.known -= gone
        for key in self.low_bytes.keys() - keys:
            del self.low_bytes[key]
        for key in gone:
            for other in self.near.pop(key, {}):
                links = self.near[other]
                del links[key]
                if not links:
                    del self.near[other]

    def add(self, keys: Iterable[str]) -> None:
        """Compare the keys not seen before with each other and with the known ones."""
        new = set(keys) - self.known
        if not new:
            return
        self.known |= new
        shortest, longest = self.bounds.shortest, self.bounds.longest or float("inf")
        new = {k for k in new if shortest <= len(k) <= longest}
        if not new:
            return
        self.learn_low_bytes(new)
        pool = sorted((k for k in self.known if shortest <= len(k) <= longest), key=len)
        budget, anchors = self.bounds.pairs, self.bounds.anchors
        if anchors and budget and len(new) * len(pool) > budget and self.pairs(pool, new) > budget:
            self.add_anchored(pool, new, anchors)
        else:
            self.add_all(pool, new)

    @property
    def floor(self) -> float:
        """The cutoff less room for float rounding: the length and character bounds prune
        only pairs below it, so never one that rapidfuzz, rounding, scores at the cutoff."""
        return self.cutoff - 1e-9

    @property
    def reach(self) -> float:
        """How many times longer than a key its near copies can be."""
        floor = self.floor
        return (200 - floor) / floor

    def pairs(self, pool: list[str], new: set[str]) -> int:
        """How many pairs :meth:`add_all` would compare (about: a pair of two new keys counts twice)."""
        lengths = [len(k) for k in pool]
        reach = self.reach
        return sum(bisect_right(lengths, len(key) * reach) - bisect_left(lengths, len(key) / reach) for key in new)

    def add_all(self, pool: list[str], new: set[str]) -> None:
        """Compare every new key with every key of comparable length."""
        lengths = [len(k) for k in pool]
        reach = self.reach
        for n, key in enumerate(pool):
            end = bisect_right(lengths, lengths[n] * reach, lo=n + 1)
            candidates = pool[n + 1 : end]
            if key not in new:
                candidates = [k for k in candidates if k in new]
            self.compare(key, candidates)

    def add_anchored(self, pool: list[str], new: set[str], anchors: Anchors) -> None:
        """Compare each new key with the keys of comparable length that share an anchor with it."""
        postings: dict[str, list[str]] = defaultdict(list)
        for key in pool:
            for anchor in anchors.of(key):
                postings[anchor].append(key)
        order = {key: n for n, key in enumerate(pool)}
        reach = self.reach
        for key in new:
            size, at = len(key), order[key]
            found: set[str] = set()
            for anchor in anchors.of(key):
                holders = postings[anchor]
                if len(holders) <= anchors.common:
                    found.update(holders)
            self.compare(key, [k for k in found if order[k] > at and len(k) <= size * reach
                               or order[k] < at and k not in new and size <= len(k) * reach])

    def near_any(self, key: str, others: list[str]) -> bool:
        """Whether ``key`` is a near copy of one of ``others``, no veto asked (a
        settle pass asking whether the stage must look again): of those whose
        length allows it (:attr:`reach`), those whose characters do (:meth:`could_link`)."""
        size, reach = len(key), self.reach
        others = [other for other in others if size <= len(other) * reach and len(other) <= size * reach]
        self.learn_low_bytes([key, *others])
        others = self.could_link(key, others)
        return bool(others) and process.extractOne(key, others, scorer=fuzz.ratio,
                                                   score_cutoff=self.floor) is not None

    def learn_low_bytes(self, keys: Iterable[str]) -> None:
        """Note the low bytes of the characters of ``keys`` for :meth:`could_link`, until :meth:`retain`."""
        lows = self.low_bytes
        for key in keys:
            if key not in lows:
                lows[key] = key.encode("utf-32-le", "surrogatepass")[::4]

    def could_link(self, key: str, candidates: list[str]) -> list[str]:
        """The candidates whose ratio with ``key`` can reach the cutoff, by their characters.

        The ratio of keys ``a`` and ``b`` is ``200 * L / (len(a) + len(b))``,
        ``L`` their longest common subsequence (``fuzz.ratio`` with no
        processor: rapidfuzz's default from 3.0 on; 2's ``process`` folded case
        and dropped marks first).  A character of ``a`` whose low byte is no
        low byte of ``b`` is no character of ``b``, so no part of ``L``: ``L``
        is at most ``len(a)`` less the count of such characters
        (``bytes.translate`` deletes them, in C), and the same from ``b``'s
        side (looked at only if ``a``'s passes).  Low bytes rather than
        characters: a key's are one slice of its UTF-32, and the bound stays
        exact (a shared low byte only keeps a pair).
        """
        limit, size, mine, lows = self.floor, len(key), self.low_bytes[key], self.low_bytes
        return [other for other in candidates
                if 200 * (size - len(mine.translate(None, lows[other]))) >= limit * (size + len(other))
                and 200 * (len(other) - len(lows[other].translate(None, mine))) >= limit * (size + len(other))]

    def compare(self, key: str, candidates: list[str]) -> None:
        """Link ``key`` with the candidates it is a near copy of."""
        candidates = self.could_link(key, candidates)
        if not candidates:
            return
        self.work += len(key) * sum(map(len, candidates))
        found = process.extract(key, candidates, scorer=fuzz.ratio, score_cutoff=self.cutoff, limit=None)
        for other, score, _ in found:
            if self.agree is None or self.agree(key, other):
                self.near.setdefault(key, {})[other] = score
                self.near.setdefault(other, {})[key] = score
