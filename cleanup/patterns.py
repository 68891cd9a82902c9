"""A toolkit for the regexes of rule files: fusing, prescans, character classes, timeouts.

Nothing here knows about rule files: :mod:`cleanup.rules` loads and checks
them, and the stages search with what this module builds.
"""

from __future__ import annotations

import re
from typing import Any, Callable, Iterable, Iterator, Sequence

import regex

from .errors import RuleError
from .pattern_chars import quick_chars, required_chars

# Pattern syntax that reads differently inside a larger pattern, so a pattern
# using it is never fused: references to a group by number or name (the
# numbers shift) and backtracking verbs ((*PRUNE) and (*SKIP) would also cut
# off the other alternatives).
_NOT_FUSABLE = regex.compile(r"\\[1-9g]|\(\?(?:P[=>]|[&(R]|[-+]?\d)|\(\*")
# Inline flags: i, m, s and f stay inside their group (VERSION1); others
# (x, a, u, r, V0, ...) could change how the rest of a larger pattern reads.
_INLINE_FLAGS = re.compile(r"\(\?([a-zA-Z0-9-]+)[:)]")
_SCOPED_FLAGS = frozenset("imsf-")


def is_fusable(pattern: str) -> bool:
    """Whether ``pattern`` matches the same inside ``(?:pattern)|(?:other)``."""
    return not _NOT_FUSABLE.search(pattern) and all(
        _SCOPED_FLAGS.issuperset(flags) for flags in _INLINE_FLAGS.findall(pattern)
    )


def fuse_patterns(patterns: Sequence[regex.Pattern[str]]) -> tuple[regex.Pattern[str], ...]:
    """Patterns that search like ``patterns`` (one of them matches somewhere) in fewer scans:
    those compiled plainly that can be fused (:func:`is_fusable`) become one pattern of alternatives."""
    plain = regex.compile("", regex.VERSION1).flags
    fusable = [p for p in patterns if p.flags == plain and is_fusable(p.pattern)]
    alone = [p for p in patterns if p not in fusable]
    if len(fusable) < 2:
        return tuple(fusable + alone)
    try:
        fused = regex.compile("|".join(f"(?:{p.pattern})" for p in fusable), regex.VERSION1)
    except regex.error:
        return tuple(fusable + alone)
    return (fused, *alone)


def class_members(chars: Iterable[str]) -> str:
    """``chars`` written to stand inside ``[...]``: each ASCII mark escaped (``]``,
    ``-``, ``^``, ``\\`` and the doubled set operators of VERSION1 included),
    every other character as itself, in the order given.

    >>> print(class_members("。!?-]"))
    。\\!\\?\\-\\]
    """
    return "".join(f"\\{c}" if c.isascii() and not c.isalnum() and not c.isspace() else c for c in chars)


def char_class(chars: Iterable[str]) -> str:
    """A regex class of ``chars``, runs of consecutive code points written as
    ranges: ``[０-９]`` scans several times faster than ten separate members."""
    points = sorted({ord(c) for c in chars})
    parts: list[str] = []
    start = 0
    for n, point in enumerate(points):
        if n + 1 < len(points) and points[n + 1] == point + 1:
            continue
        first, last = regex.escape(chr(points[start])), regex.escape(chr(point))
        parts.append(first if start == n else f"{first}-{last}")
        start = n + 1
    return "[" + "".join(parts) + "]"




# Characters of text where the rules found nothing that a Prescan is told of
# (:meth:`Prescan.note_idle`) before it compiles its pattern.  A fused pattern
# takes milliseconds to compile (the six blank rules' took 3-7 ms, measured
# when they were a group) and saves a fraction of one on a page of clean text
# (the settle pass), nothing on raw text, where a rule finds something: only
# the texts it would have saved on count.  Compiling once the scans it would have saved add up to its
# cost (about this many characters, measured on the sample pages) costs at
# most twice the best choice, however many pages follow; a run over one page
# never compiles it.
PRESCAN_PAYS_AFTER = 150_000


class Prescan:
    """One search for a group of a stage's regex and map rules at once: their patterns as alternatives.

    Where it finds nothing, none of the rules can fire, so clean text costs
    one scan instead of one per rule (normalize fuses the rules that need
    the same characters: :meth:`~cleanup.stages.normalize.Normalize.group_steps`).

    The pattern is compiled only once the stage has told of ``pays_after``
    characters of texts where the rules found nothing (:meth:`note_idle`, see
    :data:`PRESCAN_PAYS_AFTER`); until then every rule runs.
    """

    __slots__ = ("triggers", "ids", "pays_after", "idle", "pattern")

    def __init__(self, triggers: dict[str, str], pays_after: int = PRESCAN_PAYS_AFTER) -> None:
        self.triggers = triggers  # by rule id, in rule order
        self.ids = frozenset(triggers)
        self.pays_after = pays_after
        self.idle = 0  # characters of idle texts told of; -1 once compiled (or found not to compile)
        self.pattern: regex.Pattern[str] | None = None

    def finds_nothing(self, text: str, timeout: float) -> bool:
        """True if no rule in ``ids`` can match ``text``; False if one can, if the scan
        runs over time, and while the pattern is not worth compiling yet."""
        pattern = self.compiled()
        if pattern is None:
            return False
        try:
            return pattern.search(text, timeout=timeout) is None
        except TimeoutError:
            return False

    def note_idle(self, text: str) -> None:
        """Tell that every rule in ``ids`` was searched in ``text`` and found nothing:
        a scan would have saved those searches (counted toward :meth:`compiled`)."""
        if self.idle >= 0:
            self.idle += len(text)

    def compiled(self) -> regex.Pattern[str] | None:
        """The pattern of the rules, once the idle texts told of add up to
        ``pays_after`` characters; None before, or if it cannot be compiled."""
        if self.idle >= self.pays_after:
            self.idle = -1
            try:
                self.pattern = regex.compile("|".join(f"(?:{t})" for t in self.triggers.values()), regex.VERSION1)
            except regex.error:
                pass
        return self.pattern


# Characters that most lines of a page hold: testing a line for a set of characters among
# them rules it out too seldom to pay for the tests (a pattern needing a comma is
# searched at once)
COMMON_CHARS = "，。、"

# The longest text a vetted pattern searches without the timeout: the tests run
# every vetted pattern on hostile lines this long (tests/test_hostile.py).
VETTED_LENGTH = 2_000


def untimed_when_short(untimed: Callable[..., Any], timed: Callable[..., Any]) -> Callable[..., Any]:
    """``untimed`` on a text of up to :data:`VETTED_LENGTH` characters, ``timed`` on a longer one."""
    def untimed_if_short(string: str, *args: Any, **kwargs: Any) -> Any:
        return (untimed if len(string) <= VETTED_LENGTH else timed)(string, *args, **kwargs)
    return untimed_if_short


def untimed_search_when_short(untimed: Callable[..., Any], timed: Callable[..., Any],
                              needs: str = "") -> Callable[..., Any]:
    """:func:`untimed_when_short` for ``search``, ``match`` and ``fullmatch``, which take
    ``pos`` and ``endpos`` only, by position: a wrapper passing on ``**kwargs`` costs
    nearly what searching a short line does, and the stages search many.

    With ``needs`` (:func:`~cleanup.pattern_chars.quick_chars`), a string holding none
    of them is not searched: no match, at any ``pos``, could hold one.
    """
    if not needs:
        def untimed_if_short(string: str, pos: int | None = None, endpos: int | None = None) -> Any:
            return (untimed if len(string) <= VETTED_LENGTH else timed)(string, pos, endpos)
    else:
        def untimed_if_short(string: str, pos: int | None = None, endpos: int | None = None) -> Any:
            for char in needs:
                if char in string:
                    return (untimed if len(string) <= VETTED_LENGTH else timed)(string, pos, endpos)
            return None
    return untimed_if_short


class ParamPattern:
    """A regex setting (a stage's ``[params]`` or a rule's own ``params``), with the
    ``regex.Pattern`` methods stages use (``search``, ``match``, ``fullmatch``,
    ``finditer``), same arguments.

    A pattern of the user's is searched with the stage's timeout: a search
    that runs over it (a user regex that backtracks forever) is a
    :class:`RuleError` naming the stage or rule and the key.  The timeout goes by
    position: keywords cost ``regex`` more to read than searching a short
    line does.  A *vetted* pattern, as the packaged rule files give it,
    searches texts of up to :data:`VETTED_LENGTH` characters without: for
    every timed search ``regex`` reads the process's CPU clock twice, a
    system call each, several times the cost of searching a line (README,
    Performance).  The tests run the vetted patterns on hostile lines of
    that length instead.
    """

    __slots__ = ("compiled", "name", "timeout", "where", "vetted", "rule", "search", "match", "fullmatch", "finditer")
    search: Callable[..., regex.Match[str] | None]
    match: Callable[..., regex.Match[str] | None]
    fullmatch: Callable[..., regex.Match[str] | None]
    finditer: Callable[..., Iterator[regex.Match[str]]]

    def __init__(self, compiled: regex.Pattern[str], timeout: float, name: str, where: str,
                 vetted: bool = False, rule: str = "") -> None:
        self.compiled = compiled
        self.timeout = timeout
        self.name = name  # "stage S: [params] KEY", or "params KEY" of the rule ``rule``
        self.where = where
        self.vetted = vetted
        self.rule = rule
        if vetted:
            # characters a string must hold for a match (a few in tests cost less than a search),
            # none of those most lines hold
            needs = quick_chars(required_chars(compiled, COMMON_CHARS))
            self.search = untimed_search_when_short(compiled.search, self._timed_search, needs)
            self.match = untimed_search_when_short(compiled.match, self._timed_match, needs)
            self.fullmatch = untimed_search_when_short(compiled.fullmatch, self._timed_fullmatch, needs)
            self.finditer = untimed_when_short(compiled.finditer, self._timed_finditer)
        else:
            self.search, self.match, self.fullmatch = self._timed_search, self._timed_match, self._timed_fullmatch
            self.finditer = self._timed_finditer

    def _runaway(self) -> RuleError:
        return RuleError(f"{self.name}: pattern ran over {self.timeout:g}s and was stopped "
                         "(catastrophic backtracking?)", self.where, rule=self.rule)

    def _timed_search(self, string: str, pos: int | None = None, endpos: int | None = None) -> regex.Match[str] | None:
        try:
            return self.compiled.search(string, pos, endpos, None, False, self.timeout)
        except TimeoutError:
            raise self._runaway() from None

    def _timed_match(self, string: str, pos: int | None = None, endpos: int | None = None) -> regex.Match[str] | None:
        try:
            return self.compiled.match(string, pos, endpos, None, False, self.timeout)
        except TimeoutError:
            raise self._runaway() from None

    def _timed_fullmatch(self, string: str, pos: int | None = None,
                         endpos: int | None = None) -> regex.Match[str] | None:
        try:
            return self.compiled.fullmatch(string, pos, endpos, None, False, self.timeout)
        except TimeoutError:
            raise self._runaway() from None

    def _timed_finditer(self, string: str, pos: int | None = None, endpos: int | None = None,
                        overlapped: bool = False) -> Iterator[regex.Match[str]]:
        """The matches; the timeout bounds the whole scan, as ``regex``'s does."""
        try:
            yield from self.compiled.finditer(string, pos, endpos, overlapped, None, False, self.timeout)
        except TimeoutError:
            raise self._runaway() from None
