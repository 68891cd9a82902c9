"""Layout debris on the raw page (SPEC rules 12, 13 and the credit part of 2).

Runs before ``paragraphs``, on lines as the page printed them.  Each rule of
``rules/debris.toml`` is one step, in file order:

* ``marker-page-jump`` (stage code, ``[params]`` patterns): a page-jump
  marker such as ``■下转第2版`` or ``（上接第1版）`` goes; a line that is only
  a marker goes whole (:func:`cleanup.layout.drop_lines`), otherwise the
  text around it stays.  The note records the page, so that a pipeline can
  stitch a continued article back together.  Only lines holding a
  character that every marker holds (read from the patterns by
  :func:`required_chars`) are searched.
* ``regex`` rules: every match of ``pattern`` becomes ``replace``
  (bullets at line start, a photo credit split from its caption).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Callable

import regex

from ..document import Document, Edit
from ..errors import RuleError
from ..layout import Line, drop_lines, lines
from ..pipeline import Stage
from ..rules import ParamPattern, Params, Rule, StageConfig, char_class

# Escapes read as the character they stand for, and those standing for a class
# of characters or for no character (anchors): any other letter escape is
# syntax that required_chars does not read.
_CHAR_ESCAPES = {"a": "\a", "f": "\f", "n": "\n", "r": "\r", "t": "\t", "v": "\v"}
_HEX_ESCAPES = {"x": 2, "u": 4, "U": 8}
_CLASS_ESCAPES = frozenset("dDwWsSbBAZGmMX")
_BRACED_CLASS_ESCAPES = frozenset("pPN")
_COUNT = re.compile(r"\{(?:(\d+)(?:,\d*)?|,\d+)\}")  # a counted quantifier; group 1: the least
_LARGEST_RANGE = 5000  # a class range wider than this is not listed
_SET_OPERATORS = frozenset("-&|~")  # doubled, they combine sets (VERSION1)
CN_DIGITS = {"〇": 0, "零": 0, "一": 1, "二": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9}


def page_number(printed: str) -> str:
    """The page a marker names, in ASCII digits where it can be read.

    >>> page_number("2"), page_number("十二"), page_number("二十"), page_number("A3")
    ('2', '12', '20', 'A3')
    """
    if printed.isascii():
        return printed
    if len(printed) == 1 and printed in CN_DIGITS:
        return str(CN_DIGITS[printed])
    tens, ten, ones = printed.partition("十")
    if ten and len(tens) <= 1 and len(ones) <= 1 and all(c in CN_DIGITS for c in tens + ones):
        return str((CN_DIGITS[tens] if tens else 1) * 10 + (CN_DIGITS[ones] if ones else 0))
    return printed


class Debris(Stage):
    name = "debris"

    def __init__(self, config: StageConfig, timeout: float) -> None:
        super().__init__(config, timeout)
        self.steps: list[Callable[[str], list[Edit]]] = [self._compile(rule) for rule in config.rules]

    def _compile(self, rule: Rule) -> Callable[[str], list[Edit]]:
        if rule.kind == "regex":
            return lambda text: rule.find_edits(text, self.timeout)
        if rule.kind == "param" and rule.id == "marker-page-jump":
            params = Params(self.config, self.timeout)
            lead, tail = params.pattern("page_marker_lead"), params.pattern("page_marker_tail")
            can_hold = marker_hint(lead, tail)
            return lambda text: remove_page_markers(text, lead, tail, rule.id, can_hold)
        raise RuleError(f"rule {rule.id}: stage debris has no code for kind {rule.kind!r}", rule.source)

    def run(self, doc: Document) -> Document:
        for step in self.steps:
            doc.apply(self.name, step(doc.text))
        return doc


def marker_hint(lead: ParamPattern, tail: ParamPattern) -> re.Pattern[str] | None:
    """A search for the characters every marker holds one of, when the patterns tell them.

    A line break is left out: a marker lies within one line.
    """
    lead_chars, tail_chars = required_chars(lead.compiled), required_chars(tail.compiled)
    if lead_chars is None or tail_chars is None or not (lead_chars | tail_chars) - {"\n"}:
        return None
    return re.compile(char_class((lead_chars | tail_chars) - {"\n"}))


def remove_page_markers(text: str, lead: ParamPattern, tail: ParamPattern, rule: str,
                        can_hold: re.Pattern[str] | None = None) -> list[Edit]:
    """Edits removing page-jump markers at the start or end of each line.

    A line that holds nothing but markers is dropped with its line break.
    Only the lines where ``can_hold`` (:func:`marker_hint`) finds something
    can hold a marker, so only they are searched with the timed patterns.
    """
    marked = [(line, found) for line in lines_holding(text, can_hold)
              if (found := find_markers(line, lead, tail))]
    if not marked:
        return []
    all_lines = lines(text)
    index = {line.start: i for i, line in enumerate(all_lines)}
    drops: list[tuple[int, str, str]] = []
    trims: list[Edit] = []
    for line, found in marked:
        note = "page " + ", ".join(m.page for m in found)
        if sum(m.end - m.start for m in found) == len(line.text):
            drops.append((index[line.start], rule, note))
        else:
            trims.extend(Edit(line.start + m.start, line.text[m.start : m.end], "", rule, f"page {m.page}")
                         for m in found)
    edits = drop_lines(text, all_lines, drops) + trims
    return sorted(edits, key=lambda e: e.at)


def lines_holding(text: str, hint: re.Pattern[str] | None) -> list[Line]:
    """The lines of ``text`` in which ``hint`` finds something; every line without a hint."""
    if hint is None:
        return lines(text)
    found: list[Line] = []
    for hit in hint.finditer(text):
        if found and hit.start() < found[-1].end:
            continue
        start = text.rfind("\n", 0, hit.start()) + 1
        end = text.find("\n", hit.start())
        end = len(text) if end < 0 else end
        found.append(Line(start, end, text[start:end]))
    return found


@dataclass(frozen=True, slots=True)
class Marker:
    start: int  # in the line
    end: int
    page: str


def find_markers(line: Line, lead: ParamPattern, tail: ParamPattern) -> list[Marker]:
    """The markers opening ``line`` and those closing it, one after another, in order."""
    text = line.text
    found: list[Marker] = []
    start = 0
    while start < len(text) and (m := lead.match(text[start:])) and m.end():
        found.append(Marker(start, start + m.end(), page_number(m.group("page"))))
        start += m.end()
    closing: list[Marker] = []
    end = len(text)
    while start < end and (m := tail.search(text[start:end])) and m.end() > m.start():
        closing.append(Marker(start + m.start(), end, page_number(m.group("page"))))
        end = start + m.start()
    return found + closing[::-1]


def required_chars(pattern: regex.Pattern[str]) -> frozenset[str] | None:
    """Characters of which every match of ``pattern`` holds at least one, or None.

    Read from the pattern itself, so that a line holding none of them need
    not be searched.  Only plain syntax is read: literals, escapes, classes,
    groups, alternatives and quantifiers (lookarounds and anchors require
    nothing); a pattern using anything else (inline flags, backreferences,
    fuzzy matching, nested sets or set operations), or case-insensitive or
    verbose, gives None: it is searched everywhere.
    """
    if pattern.flags & (regex.IGNORECASE | regex.VERBOSE):
        return None
    reader = _PatternReader(pattern.pattern)
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

    def __init__(self, text: str) -> None:
        self.text = text
        self.at = 0

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
            if self.at_least_once() and item is not None:
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
        """``(…)``: what its alternatives require; nothing for a lookaround."""
        lookaround = False
        if self.peek() == "?":
            self.at += 1
            if self.peek() in (":", ">"):
                self.at += 1
            elif self.peek() in ("=", "!") or self.peek(2) in ("<=", "<!"):
                self.at += 1 if self.peek() in ("=", "!") else 2
                lookaround = True
            elif self.peek(2) == "P<" or self.peek() == "<":
                self.skip_name()
            else:  # flags, references, conditionals, recursion, branch reset
                raise _Unreadable
        inner = self.alternatives()
        if self.take() != ")":
            raise _Unreadable
        return None if lookaround else inner

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
