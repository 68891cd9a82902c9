"""A mark with context across a run of separators, found without a regex search.

normalize's ``punct-*-fullwidth`` rules have the shape ``(?<=C[S]*)M|M(?=[S]*C)``:
an ASCII mark ``M`` with Chinese context ``C`` before or after it, across
blanks, line breaks and other ASCII marks (the separators ``S``, ``M`` among
them).  Where ``C`` and ``S`` share no character, the look-behind can only
reach ``C`` at the character before the maximal run of ``S`` holding the mark,
and the look-ahead only at the character after it: each ``M`` of a run is a
match exactly when one of the two characters around the run is a ``C``.

The search then reads each run twice (forward and back, class repeats that
cannot backtrack), linear in the text, with no timeout: ``regex`` reads the
CPU clock twice for every match of a timed search, a raw page has some 200
commas, and the comma rule's timed search took three times its untimed one.
"""

from __future__ import annotations

import array
from dataclasses import dataclass
from functools import lru_cache

import regex

from .diskcache import derived

# (?<=C[S]*)M|M(?=[S]*C), C and S each one class with no class inside it, M one
# character or an escaped mark, as the punctuation rules read once their classes are filled
SHAPE = regex.compile(
    r"\(\?<=(?P<c>\[(?:[^\[\]\\]|\\.)+\])(?P<s>\[(?:[^\[\]\\]|\\.)+\])\*\)"
    r"(?P<m>[^\\\[\](){}|*+?.^$]|\\[^\w\s])\|(?P=m)\(\?=(?P=s)\*(?P=c)\)",
    regex.DOTALL,
)
# the flags a packaged pattern is compiled with (VERSION1 sets FULLCASE, which acts only
# with IGNORECASE): any other flag may change what a class holds
PLAIN_FLAGS = regex.VERSION1 | regex.UNICODE | regex.FULLCASE
DISJOINT_FORMAT = "mark-context-v1"


@dataclass(frozen=True)
class MarkContext:
    """The parts of a pattern of the shape: its mark, and the context and separator classes."""

    mark: str
    context: regex.Pattern[str]
    run_forward: regex.Pattern[str]
    run_back: regex.Pattern[str]

    def find(self, text: str) -> list[int]:
        """The offset of every match of the pattern in ``text``, in order."""
        mark, context = self.mark, self.context
        found: list[int] = []
        at = text.find(mark)
        while at >= 0:
            start = self.run_back.match(text, 0, at + 1).start()  # type: ignore[union-attr]
            end = self.run_forward.match(text, at).end()  # type: ignore[union-attr]
            if start and context.match(text, start - 1) or context.match(text, end):
                while 0 <= at < end:
                    found.append(at)
                    at = text.find(mark, at + 1)
            else:
                at = text.find(mark, end)
        return found


def mark_context(pattern: regex.Pattern[str]) -> MarkContext | None:
    """The pattern's :class:`MarkContext`, or None if it is not of the shape, or its
    context and separators share a character."""
    shape = SHAPE.fullmatch(pattern.pattern)
    if shape is None or pattern.flags & ~PLAIN_FLAGS:
        return None
    mark = shape["m"][-1]
    context, separators = shape["c"], shape["s"]
    if not regex.fullmatch(separators, mark, regex.VERSION1) or not disjoint(context, separators):
        return None
    return MarkContext(mark, regex.compile(context, regex.VERSION1),
                       regex.compile(separators + "+", regex.VERSION1),
                       regex.compile(separators + "+", regex.VERSION1 | regex.REVERSE))


@lru_cache(maxsize=None)
def disjoint(a: str, b: str) -> bool:
    """Whether the classes ``a`` and ``b`` share no code point: searched once over every
    code point, then kept on disk (keyed by the classes and ``regex``'s version, whose
    Unicode data says what ``\\p{Han}`` or ``\\s`` holds)."""
    source = "\0".join((regex.__version__, a, b)).encode("utf-8", "surrogatepass")

    def search() -> bool:
        every = array.array("I", range(0x110000)).tobytes().decode("utf-32-le", "surrogatepass")
        return regex.compile(f"[{a}&&{b}]", regex.VERSION1).search(every) is None

    return derived(DISJOINT_FORMAT, source, search, lambda value: isinstance(value, bool))
