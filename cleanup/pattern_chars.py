"""Characters a text must hold for a regex to match in it, read from the pattern itself.

Stages search only the text that holds one of them: a line (``debris``
markers) or a whole page (``normalize`` rules) without any cannot match, so
the search is skipped.  Only plain syntax is read; anything else makes the
answer None, and the pattern is searched everywhere.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import Literal

import regex

# Escapes read as the character they stand for, and those standing for a class
# of characters or for no character (anchors, and \K, which only moves where
# the match starts): any other letter escape is syntax that required_chars
# does not read.
_CHAR_ESCAPES = {"a": "\a", "f": "\f", "n": "\n", "r": "\r", "t": "\t", "v": "\v"}
_HEX_ESCAPES = {"x": 2, "u": 4, "U": 8}
_CLASS_ESCAPES = frozenset("dDwWsSbBAZGmMXK")
_BRACED_CLASS_ESCAPES = frozenset("pPN")
_COUNT = re.compile(r"\{(?:(\d+)(?:,\d*)?|,\d+)\}")  # a counted quantifier; group 1: the least
_LARGEST_RANGE = 5000  # a class range wider than this is not listed
_SET_OPERATORS = frozenset("-&|~")  # doubled, they combine sets (VERSION1)
# (?m), (?s), (?ms:…): they change what ^, $ and . match, never which characters a match holds
_ANCHOR_AND_DOT_FLAGS = re.compile(r"[ms]+[):]")


# A pattern that needs one of at most this many characters to match is not
# searched in a text holding none: a few ``in`` tests scan a page in
# microseconds, far less than most patterns take; more cost about as much.
MAX_QUICK_CHARS = 8


def quick_chars(chars: Iterable[str] | None) -> str:
    """``chars`` for :func:`holds_any`, or '' when unknown or too many to test quickly."""
    if chars is None:
        return ""
    listed = "".join(sorted(set(chars)))
    return listed if len(listed) <= MAX_QUICK_CHARS else ""


def holds_any(text: str, chars: str) -> bool:
    # map over the bound test rather than a generator: stages ask this of a page dozens of times
    return any(map(text.__contains__, chars))


def required_chars(pattern: regex.Pattern[str], avoid: str = "") -> frozenset[str] | None:
    """Characters of which a text must hold at least one for ``pattern`` to match in it, or None.

    Of several such sets (each part a match must hold gives one), the smallest
    is told; with ``avoid``, the smallest holding none of those characters
    (characters most texts hold, whose test would rule little out), or None.

    Read from the pattern itself, so that a line holding none of them need
    not be searched.  A match holds one of them, or the text around it does
    where a positive lookaround asks for it (``(?<=。)`` needs a ``。`` just
    before the match).  Only plain syntax is read: literals, escapes,
    classes, groups (branch reset too), positive lookarounds, alternatives,
    quantifiers and the inline flags ``m`` and ``s`` (negative lookarounds
    and anchors require nothing); a pattern using
    anything else (other inline flags, backreferences, fuzzy matching, nested
    sets or set operations), or case-insensitive or verbose, gives None: it
    is searched everywhere.
    """
    if pattern.flags & (regex.IGNORECASE | regex.VERBOSE):
        return None
    reader = _PatternReader(pattern.pattern, frozenset(avoid))
    try:
        found = reader.alternatives()
        if reader.at < len(reader.text):
            raise _Unreadable
    except _Unreadable:
        return None
    return found


class _Unreadable(Exception):
    """The pattern uses syntax that :func:`required_chars` does not read."""


class _PatternReader:
    """Reads a regex left to right into the characters its matches require."""

    def __init__(self, text: str, avoid: frozenset[str] = frozenset()) -> None:
        self.text = text
        self.at = 0
        self.avoid = avoid  # characters no set told may hold (required_chars)

    def peek(self, size: int = 1) -> str:
        return self.text[self.at : self.at + size]

    def take(self) -> str:
        if self.at >= len(self.text):
            raise _Unreadable
        self.at += 1
        return self.text[self.at - 1]

    def alternatives(self) -> frozenset[str] | None:
        """``a|b|…`` up to ``)`` or the end: a match holds what any one of them requires."""
        options = [self.sequence()]
        while self.peek() == "|":
            self.at += 1
            options.append(self.sequence())
        if any(option is None for option in options):
            return None
        return frozenset().union(*options)  # type: ignore[arg-type]

    def sequence(self) -> frozenset[str] | None:
        """Items up to ``|``, ``)`` or the end: all of them match, so one item's set will do."""
        known: list[frozenset[str]] = []
        while self.peek() not in ("", "|", ")"):
            item = self.item()
            if self.at_least_once() and item is not None and self.avoid.isdisjoint(item):
                known.append(item)
        return min(known, key=len, default=None)

    def item(self) -> frozenset[str] | None:
        char = self.take()
        if char == "(":
            return self.group()
        if char == "[":
            return self.char_class()
        if char == "\\":
            escaped = self.escaped_char()
            return None if escaped is None else frozenset(escaped)
        if char in ".^$":
            return None
        if char in "*+?{":  # nothing to repeat, or regex's own braces
            raise _Unreadable
        return frozenset(char)

    def at_least_once(self) -> bool:
        """Read the quantifier after an item, if any: whether the item must match."""
        char = self.peek()
        if char in ("*", "?", "+"):
            self.at += 1
            least = 0 if char != "+" else 1
        elif char == "{":
            count = _COUNT.match(self.text, self.at)
            if count is None:  # fuzzy constraints and other regex braces
                raise _Unreadable
            self.at = count.end()
            least = int(count.group(1) or 0)
        else:
            return True
        if self.peek() in ("?", "+"):  # lazy or possessive
            self.at += 1
        return least > 0

    def group(self) -> frozenset[str] | None:
        """``(…)``: what its alternatives require (a positive lookaround needs its text in
        the searched text too); nothing for a negative lookaround."""
        kind = self.group_opening()
        if kind == "flags":
            return None
        inner = self.alternatives()
        if self.take() != ")":
            raise _Unreadable
        return None if kind == "negative" else inner

    def group_opening(self) -> Literal["", "positive", "negative", "flags"]:
        """Past the opening of a group, its ``(`` taken: "positive" or "negative" for a
        lookaround, "flags" for ``(?m)`` and the like (read to its ``)``), '' for a
        group that matches as its alternatives do."""
        if self.peek() != "?":
            return ""
        self.at += 1
        if self.peek() in (":", ">"):
            self.at += 1
        elif self.peek() == "=" or self.peek(2) == "<=":
            self.at += 1 if self.peek() == "=" else 2
            return "positive"
        elif self.peek() == "!" or self.peek(2) == "<!":
            self.at += 1 if self.peek() == "!" else 2
            return "negative"
        elif self.peek(2) == "P<" or self.peek() == "<":
            self.skip_name()
        elif self.peek() == "|":  # branch reset: matches as (?:…) does, only its groups are numbered anew
            self.at += 1
        elif flags := _ANCHOR_AND_DOT_FLAGS.match(self.text, self.at):
            self.at = flags.end()
            if flags.group().endswith(")"):
                return "flags"
        else:  # other flags, references, conditionals, recursion
            raise _Unreadable
        return ""

    def skip_name(self) -> None:
        end = self.text.find(">", self.at)
        name = self.text[self.at : end].removeprefix("P<").removeprefix("<")
        if end < 0 or not name.isidentifier():
            raise _Unreadable
        self.at = end + 1

    def char_class(self) -> frozenset[str] | None:
        """``[…]``: its members, when they can be listed (not negated, no ``\\d`` or ``\\p``)."""
        negated = self.peek() == "^"
        self.at += negated
        if self.peek() == "]":  # a leading "]" is read differently by different engines
            raise _Unreadable
        members: set[str] = set()
        listed = not negated
        while (char := self.take()) != "]":
            if char == "[" or (char in _SET_OPERATORS and self.peek() == char):  # nested sets, set operations
                raise _Unreadable
            low = self.escaped_char() if char == "\\" else char
            if self.peek(2) == "--":
                raise _Unreadable
            if self.peek() == "-" and self.peek(2) != "-]":
                self.at += 1
                high_char = self.take()
                high = self.escaped_char() if high_char == "\\" else high_char
                if low is None or high is None or high_char == "[":
                    raise _Unreadable
                if ord(high) - ord(low) > _LARGEST_RANGE:
                    listed = False
                else:
                    members.update(chr(c) for c in range(ord(low), ord(high) + 1))
            elif low is None:
                listed = False
            else:
                members.add(low)
        return frozenset(members) if listed else None

    def escaped_char(self) -> str | None:
        """The character a ``\\`` escape stands for; None for a class or an anchor."""
        char = self.take()
        if char in _HEX_ESCAPES:
            digits = self.text[self.at : self.at + _HEX_ESCAPES[char]]
            if len(digits) != _HEX_ESCAPES[char] or not all(d in "0123456789abcdefABCDEF" for d in digits):
                raise _Unreadable
            self.at += len(digits)
            return chr(int(digits, 16))
        if char in _CHAR_ESCAPES:
            return _CHAR_ESCAPES[char]
        if char in _BRACED_CLASS_ESCAPES and self.peek() == "{":
            end = self.text.find("}", self.at)
            if end < 0:
                raise _Unreadable
            self.at = end + 1
            return None
        if char in _CLASS_ESCAPES:
            return None
        if char.isalnum() or char == "_":  # references, named lists, unknown escapes
            raise _Unreadable
        return char


def first_chars(pattern: regex.Pattern[str]) -> frozenset[str] | None:
    """The characters of which every match of ``pattern`` starts with one, or None.

    A match found by a search starts at one of them (none is empty), so a text
    can be searched by trying the pattern only where one stands
    (:func:`match_starts`).  Read as :func:`required_chars` reads, with the
    same syntax: lookarounds and anchors match no character, an item that may
    be left out (``*``, ``?``, ``{0,n}``) lets the next one start the match
    too.  None where a match may be empty, where a class that may start it
    cannot be listed (``\\p{Han}``, ``[^…]``, ``.``), and for ``\\K``, which
    starts the match it reports after the characters it tried first.
    """
    if pattern.flags & (regex.IGNORECASE | regex.VERBOSE):
        return None
    reader = _FirstReader(pattern.pattern)
    try:
        found, empty = reader.starts()
        if reader.at < len(reader.text):
            raise _Unreadable
    except _Unreadable:
        return None
    return None if empty or not found else found


# what may start a piece of pattern: its first characters (None: not listed), and
# whether it may match no character at all
_Start = tuple[frozenset[str] | None, bool]


class _FirstReader(_PatternReader):
    """Reads a regex left to right into the characters its matches start with (:func:`first_chars`)."""

    def starts(self) -> _Start:
        """``a|b|…`` up to ``)`` or the end: a match starts as any one of them does."""
        options = [self.sequence_starts()]
        while self.peek() == "|":
            self.at += 1
            options.append(self.sequence_starts())
        empty = any(option_empty for _, option_empty in options)
        found: frozenset[str] = frozenset()
        for chars, _ in options:
            if chars is None:
                return None, empty
            found |= chars
        return found, empty

    def sequence_starts(self) -> _Start:
        """Items up to ``|``, ``)`` or the end: the first that must match a character
        ends the characters a match may start with."""
        found: frozenset[str] | None = frozenset()
        empty = True
        while self.peek() not in ("", "|", ")"):
            chars, item_empty = self.item_starts()
            item_empty = not self.at_least_once() or item_empty
            if empty:
                found = None if found is None or chars is None else found | chars
                empty = item_empty
        return found, empty

    def item_starts(self) -> _Start:
        char = self.take()
        if char == "(":
            return self.group_starts()
        if char == "[":
            return self.char_class(), False
        if char == "\\":
            if self.peek() == "K":
                raise _Unreadable
            if self.peek() in _ANCHOR_ESCAPES:
                self.at += 1
                return frozenset(), True
            escaped = self.escaped_char()
            return (None if escaped is None else frozenset(escaped)), False
        if char in "^$":
            return frozenset(), True
        if char == ".":
            return None, False
        if char in "*+?{":  # nothing to repeat, or regex's own braces
            raise _Unreadable
        return frozenset(char), False

    def group_starts(self) -> _Start:
        """``(…)``: as its alternatives start; a lookaround or a flag matches no character."""
        kind = self.group_opening()
        if kind == "flags":
            return frozenset(), True
        inner = self.starts()
        if self.take() != ")":
            raise _Unreadable
        return (frozenset(), True) if kind else inner


# escapes that match no character (\K aside: see first_chars)
_ANCHOR_ESCAPES = frozenset("bBAZGmM")


# Escapes that match no character (anchors, \K), safe within one line; \A, \Z, \z
# and \G, which read where the text or the search starts or ends, are not.
_LINE_SAFE_ANCHORS = frozenset("bBKmM")
# line_spans_holding searches line by line only where the characters are rarer than one in this many
CHARS_PER_LINE_SEARCH = 400
_QUANTIFIER = re.compile(r"\{(?:\d+(?:,\d*)?|,\d+)\}")


def stays_on_one_line(pattern: regex.Pattern[str]) -> bool:
    """Whether no match of ``pattern``, nor any text its lookarounds read, can hold a
    line break; conservative: syntax not read here gives False.

    Such a pattern finds the same matches in a text as in each of its lines,
    searched in place (``pos`` and ``endpos`` at the line's ends): every
    character class, escape and literal of it is tried on ``"\\n"`` and must
    refuse it; ``^`` and ``$`` must be those of multi-line mode; ``.`` must
    not match a line break (no ``s`` flag).
    """
    flags = pattern.flags
    if flags & (regex.VERBOSE | regex.DOTALL):
        return False
    text, at = pattern.pattern, 0
    try:
        while at < len(text):
            char = text[at]
            if char == "\\":
                at, atom = _escape(text, at)
            elif char == "[":
                at, atom = _bracketed(text, at)
            elif char == "(":
                at, atom = _group_opening(text, at)
            elif char == "{":
                count = _QUANTIFIER.match(text, at)
                if count is None:  # fuzzy constraints
                    return False
                at, atom = count.end(), ""
            elif char in "^$":
                if not flags & regex.MULTILINE:
                    return False
                at, atom = at + 1, ""
            elif char in "|)*+?.":
                at, atom = at + 1, ""
            else:
                at, atom = at + 1, char
            if atom and regex.compile(atom, flags & ~regex.MULTILINE).fullmatch("\n"):
                return False
    except (_Unreadable, regex.error):
        return False
    return True


def opens_lines(pattern: regex.Pattern[str]) -> bool:
    """Whether every match of ``pattern`` starts where a line of the text does: it opens
    with ``^`` of multi-line mode (flags aside) and has no ``|`` outside a group;
    conservative: syntax not read here gives False."""
    if not pattern.flags & regex.MULTILINE or pattern.flags & regex.VERBOSE:
        return False
    reader = _PatternReader(pattern.pattern)
    try:
        char = reader.take()
        while char == "(" and reader.group_opening() == "flags":  # (?m) and the like
            char = reader.take()
        if char != "^" or reader.peek() in ("*", "+", "?", "{"):
            return False
        while reader.peek() not in ("", "|", ")"):
            reader.item()
            reader.at_least_once()
    except _Unreadable:
        return False
    return reader.peek() == ""


def is_one_class(pattern: regex.Pattern[str]) -> bool:
    """Whether ``pattern`` is one character class, ``[…]`` or ``[…]+``: each character
    of a text matches it, or not, by itself."""
    text = pattern.pattern
    if not text.startswith("[") or pattern.flags & regex.VERBOSE:
        return False
    try:
        end, _ = _bracketed(text, 0)
    except _Unreadable:
        return False
    return text[end:] in ("", "+")


def _escape(text: str, at: int) -> tuple[int, str]:
    """The end of the escape at ``at`` and the atom to try ('' for an anchor or a reference)."""
    if at + 1 >= len(text):
        raise _Unreadable
    char = text[at + 1]
    if char in "AZzG":
        raise _Unreadable
    if char in _LINE_SAFE_ANCHORS:
        return at + 2, ""
    if char.isdigit():  # a reference: text a group of this line matched; an octal escape is not read
        end = at + 1
        while end < len(text) and text[end].isdigit():
            end += 1
        if char == "0" or end - at > 3:
            raise _Unreadable
        return end, ""
    if char in "pPN" and text[at + 2 : at + 3] != "{":  # \pL: a one-letter class
        return at + 3, text[at : at + 3]
    if char in "pPN" or char == "g" and text[at + 2 : at + 3] == "<" or char == "x" and text[at + 2 : at + 3] == "{":
        end = text.find("}" if char != "g" else ">", at)
        if end < 0:
            raise _Unreadable
        return end + 1, ("" if char == "g" else text[at : end + 1])
    if char in _HEX_ESCAPES:
        end = at + 2 + _HEX_ESCAPES[char]
        return end, text[at:end]
    return at + 2, text[at : at + 2]


def _bracketed(text: str, at: int) -> tuple[int, str]:
    """The end of the character class (sets nest in VERSION1) opening at ``at``, and its text."""
    depth, end = 0, at
    while end < len(text):
        char = text[end]
        if char == "\\":
            end += 2
            continue
        if char == "[":
            depth += 1
            end += 1
            if text[end : end + 1] == "^":
                end += 1
            if text[end : end + 1] == "]":  # a leading "]" is a member
                end += 1
            continue
        if char == "]":
            depth -= 1
            if depth == 0:
                return end + 1, text[at : end + 1]
        end += 1
    raise _Unreadable


def _group_opening(text: str, at: int) -> tuple[int, str]:
    """Past the opening of the group at ``at``: plain, lookaround, named, atomic,
    branch reset, or the ``m`` flag; anything else is not read."""
    if text[at + 1 : at + 2] != "?":
        return at + 1, ""
    # (?m) only where it opens the pattern: elsewhere VERSION1 reads it from there on, yet
    # the compiled pattern's flags say MULTILINE for the ^ and $ before it too
    for opening in ("?:", "?=", "?!", "?<=", "?<!", "?>", "?|", "?m:", *(("?m)",) if at == 0 else ())):
        if text.startswith(opening, at + 1):
            return at + 1 + len(opening), ""
    named = re.compile(r"\?P?<\w+>").match(text, at + 1)
    if named is None:
        raise _Unreadable
    return named.end(), ""


# The last answer of :func:`line_spans_holding`: rules that need the same characters
# (normalize's six blank rules) ask about the same text one after another, and
# finding the lines costs a rule about what searching them does.
_last_spans: tuple[str, tuple[str, ...], int, tuple[tuple[int, int], ...] | None] = ("", (), -1, None)


def line_spans_holding(text: str, needs: tuple[str, ...], most: int) -> tuple[tuple[int, int], ...] | None:
    """``(start, end)`` of each line of ``text`` (line break left out) holding one of
    the characters of the first set of ``needs`` that ``text`` holds few of, in
    order, found by ``str.find``, which jumps to them where a regex tries every
    character.  Few: at most one per :data:`CHARS_PER_LINE_SEARCH` characters of
    the text, on lines not likely to add up to more than ``most`` characters
    (searching many lines one by one costs more than one search).  None if no set
    is that few, or its lines do add up to more."""
    global _last_spans
    last = _last_spans
    if last[0] is text and last[1] == needs and last[2] == most:
        return last[3]
    spans = _line_spans_holding(text, needs, most)
    _last_spans = (text, needs, most, spans)
    return spans


def _line_spans_holding(text: str, needs: tuple[str, ...], most: int) -> tuple[tuple[int, int], ...] | None:
    """:func:`line_spans_holding`, worked out: the sets of ``needs`` are counted in
    turn until one is rare enough."""
    lines = text.count("\n") + 1
    for chars in needs:
        counts = [text.count(char) for char in chars]
        found = sum(counts)
        if found * CHARS_PER_LINE_SEARCH <= len(text) and found * len(text) <= most * lines:
            break
    else:
        return None
    spans: set[tuple[int, int]] = set()
    covered = 0
    for char, count in zip(chars, counts):
        at = text.find(char) if count else -1
        while at >= 0:
            start = text.rfind("\n", 0, at) + 1
            end = text.find("\n", at)
            if end < 0:
                end = len(text)
            if (start, end) not in spans:
                spans.add((start, end))
                covered += end - start
                if covered > most:
                    return None
            at = text.find(char, end)
    return tuple(sorted(spans))


# A rule searched by where its matches start (Rule.first_chars) is tried at each such
# character only where they are rarer than one in this many characters of the text:
# trying the pattern at one costs about what a search of this many characters does
CHARS_PER_MATCH_TRY = 200

# The last answer of :func:`match_starts`: the six blank rules of normalize ask about the
# same text one after another.
_last_starts: tuple[str, str, tuple[int, ...] | None] = ("", "", None)


def match_starts(text: str, chars: str) -> tuple[int, ...] | None:
    """Where one of ``chars`` stands in ``text``, in order, found by ``str.find``;
    None where they are more than one per :data:`CHARS_PER_MATCH_TRY` characters."""
    global _last_starts
    last = _last_starts
    if last[0] is text and last[1] == chars:
        return last[2]
    starts = None
    if sum(map(text.count, chars)) * CHARS_PER_MATCH_TRY <= len(text):
        starts = tuple(char_positions(text, chars))
    _last_starts = (text, chars, starts)
    return starts


def char_positions(text: str, chars: str) -> list[int]:
    """Where one of ``chars`` (a few) stands in ``text``, in order, found by ``str.find``,
    which jumps to each where a search for a class of them tries every character."""
    found: list[int] = []
    for char in chars:
        at = text.find(char)
        while at >= 0:
            found.append(at)
            at = text.find(char, at + 1)
    found.sort()
    return found


def line_starts_holding(text: str, needs: tuple[str, ...]) -> list[int]:
    """Where each line of ``text`` holding a character of every set of ``needs`` starts,
    in order: the lines found by ``str.find`` jumping to the characters of the first set,
    then each tested for the other sets."""
    others = needs[1:]
    found: set[int] = set()
    for char in needs[0]:
        at = text.find(char)
        while at >= 0:
            start = text.rfind("\n", 0, at) + 1
            end = text.find("\n", at)
            if end < 0:
                end = len(text)
            if start not in found and _holds_each(text[start:end], others):
                found.add(start)
            at = text.find(char, end)
    return sorted(found)


def _holds_each(line: str, needs: tuple[str, ...]) -> bool:
    """Whether ``line`` holds a character of each set of ``needs``."""
    for chars in needs:
        for char in chars:
            if char in line:
                break
        else:
            return False
    return True


def lines_reaching(text: str, spans: Iterable[tuple[int, int]]) -> tuple[tuple[int, int], ...]:
    """``(start, end)`` of the runs of whole lines of ``text`` (line breaks at their ends
    left out) that ``spans`` reach, an empty span at a line's start or end too; sorted
    ``spans`` give sorted runs, those that meet merged.

    Out of them, each line of ``text`` and the line breaks around it are as they
    were before whatever wrote ``spans`` (:meth:`~cleanup.document.Document.changed_since`):
    a pattern that stays on one line finds there what it found then.
    """
    runs: list[tuple[int, int]] = []
    for a, b in spans:
        start = text.rfind("\n", 0, a) + 1
        end = text.find("\n", b)
        if end < 0:
            end = len(text)
        if runs and start <= runs[-1][1]:
            runs[-1] = (runs[-1][0], max(runs[-1][1], end))
        else:
            runs.append((start, end))
    return tuple(runs)
