"""A mark with context across a run of separators, found without a regex search.

normalize's ``punct-*-fullwidth`` rules have the shape ``(?<=C[S]*)M|M(?=[S]*C)``:
an ASCII mark ``M`` with Chinese context ``C`` before or after it, across
blanks, line breaks and other ASCII marks (the separators ``S``, ``M`` among
them).  Where ``C`` and ``S`` share no character, the look-behind can only
reach ``C`` at the character before the maximal run of ``S`` holding the mark,
and the look-ahead only at the character after it: each ``M`` of a run is a
match exactly when one of the two characters around the run is a ``C``.

The search walks each run once each way, linear in the text, with no
timeout: ``regex`` reads the CPU clock twice for every match of a timed
search, a raw page has some 200 commas, and the comma rule's timed search
took three times its untimed one.
"""

from __future__ import annotations

import array
from dataclasses import dataclass, field
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


# what a character is to a pattern of the shape
SEPARATOR, CONTEXT, OTHER = 0, 1, 2


@dataclass(frozen=True)
class MarkContext:
    """The parts of a pattern of the shape: its mark, and its context and separator
    classes (each of one character); ``kinds`` keeps what each character met is."""

    mark: str
    context: regex.Pattern[str]
    separator: regex.Pattern[str]
    kinds: dict[str, int] = field(default_factory=dict, compare=False)

    def find(self, text: str) -> list[int]:
        """The offset of every match of the pattern in ``text``, in order.

        Each run of separators holding a mark is walked once each way from its
        first mark, a character at a time (most runs are the mark alone:
        ``，`` between two words, ``1,000``): linear in the text, no timeout.
        """
        mark, kinds, learn, size = self.mark, self.kinds, self.learn, len(text)
        found: list[int] = []
        at = text.find(mark)
        while at >= 0:
            start, end = at, at + 1
            while start and (kinds[c] if (c := text[start - 1]) in kinds else learn(c)) == SEPARATOR:
                start -= 1
            while end < size and (kinds[c] if (c := text[end]) in kinds else learn(c)) == SEPARATOR:
                end += 1
            if (start and kinds[text[start - 1]] == CONTEXT) or (end < size and kinds[text[end]] == CONTEXT):
                while 0 <= at < end:
                    found.append(at)
                    at = text.find(mark, at + 1)
            else:
                at = text.find(mark, end)
        return found

    def learn(self, char: str) -> int:
        """What ``char`` is, found by the classes and kept."""
        kind = self.kinds[char] = (SEPARATOR if self.separator.fullmatch(char)
                                   else CONTEXT if self.context.fullmatch(char) else OTHER)
        return kind


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
    return MarkContext(mark, regex.compile(context, regex.VERSION1), regex.compile(separators, regex.VERSION1))


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
