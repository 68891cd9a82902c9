"""The page-shape vocabulary: what the lines of a newspaper page look like.

A line and its display width; the marks that end a sentence or a clause and
the closers that may follow them; the shape of a headline; the patterns of
bylines, datelines, credits and page-jump markers.  Every stage reads them
here, and so do :mod:`cleanup.io` (where a big input may be cut),
:mod:`cleanup.archive` and :mod:`cleanup.engine` (the paragraphs of clean
text).  The values are data, in ``rules/shape.toml`` (a profile may name
another file, ``shape = "mine.toml"``): character sets and lengths in its
``[params]``, named patterns in its ``[classes]``, which rule files refer to
as ``{name}``.  Where two stages need different thresholds, each has its
own name here (``headline_max``, ``jump_header_max``, ...).

>>> shape = load_shape()
>>> shape.ends_sentence("会议召开。”"), shape.headline_shaped("签约仪式在京举行")
(True, True)
>>> display_width("2023年")
6
"""

from __future__ import annotations

from pathlib import Path
from typing import Mapping, NamedTuple

import regex

from .errors import RuleError
from .rules import VOCABULARY, Params, Vocabulary, packaged_rules_dir, read_vocabulary


HAN = regex.compile(r"\p{Han}")  # a Han character
HAN_RUN = regex.compile(r"\p{Han}+")  # a run of them
NAME_PIECE = 3  # characters of a name in a list of names between blanks (王磊 李明 …)


class Line(NamedTuple):
    """A non-empty line: ``text`` is ``doc.text[start:end]`` (no line break).

    A named tuple rather than a frozen dataclass: as immutable, and about
    twice as quick to build, which counts for the many lines of a page.
    """

    start: int
    end: int
    text: str


def lines(text: str) -> list[Line]:
    """The non-empty lines of ``text``, in order (on clean text: its paragraphs).

    The lines of the text last asked about are kept: stages ask again about
    a document's text as long as no one has changed it.
    """
    global _last_lines
    last_text, last = _last_lines
    if text is last_text:
        return list(last)
    out: list[Line] = []
    at = 0
    make = tuple.__new__  # Line(...) without the Python-level __new__ of a named tuple: a quarter less
    for piece in text.split("\n"):
        n = len(piece)
        if n:
            out.append(make(Line, (at, at + n, piece)))
        at += n + 1
    _last_lines = (text, tuple(out))  # one assignment: a thread reading it sees a text with its lines
    return out


_last_lines: tuple[str | None, tuple[Line, ...]] = (None, ())


# a letter-spaced line (the vocabulary's letter_spaced_line) holds four tokens at least, three blanks
# between them, and is a printed line: 80 tokens at most, and their blanks
LETTER_SPACED_MIN_BLANKS = 3
LETTER_SPACED_MAX_LINE = 320


def may_be_letter_spaced(line: str, blanks: int) -> bool:
    """Whether ``line``, holding ``blanks`` blanks, is worth matching against ``letter_spaced_line``:
    as short as a printed line, with blanks enough (the test most lines fail, at once)."""
    return blanks >= LETTER_SPACED_MIN_BLANKS and len(line) <= LETTER_SPACED_MAX_LINE


def display_width(text: str) -> int:
    """Width in columns as a page prints it: an ASCII character takes one, any
    other two (a page's other characters are Han and Chinese punctuation,
    all full-width).

    >>> display_width("中文"), display_width("PM2.5")
    (4, 5)
    """
    return 2 * len(text) - len(text.encode("ascii", "ignore"))


def ends_with(text: str, ends: frozenset[str], closers: str) -> bool:
    """``[ends][closers]*$`` without a regex: one of ``ends``, then only closers."""
    if text[-1:] not in closers:  # the usual case: no closer to look past
        return text[-1:] in ends
    core = text.rstrip(closers)
    return core[-1:] in ends or not ends.isdisjoint(text[len(core) :])


class AnyOf:
    """Whether a text holds any one of some characters: a substring test for
    each is cheaper than ``re`` matching a character class at every position."""

    __slots__ = ("chars",)

    def __init__(self, chars: str) -> None:
        self.chars = tuple(dict.fromkeys(chars))

    def found_in(self, text: str) -> bool:
        for char in self.chars:
            if char in text:
                return True
        return False


class Shape:
    """The vocabulary of one file: its settings as attributes, its names in ``classes``.

    Character sets are strings (``sentence_end``, ``closers``, ...), lengths
    integers (``headline_max``, ...); see ``rules/shape.toml`` for what each
    one means.
    """

    def __init__(self, vocabulary: Vocabulary) -> None:
        p = Params(vocabulary.params, 0.0, "page-shape vocabulary: [params]", vocabulary.path)
        self.source = vocabulary.path
        self.classes: Mapping[str, str] = vocabulary.names  # every {name} a rule file may refer to
        if "blank" not in self.classes:  # what code builds patterns with (cleanup.io)
            raise RuleError("[classes] must define blank, a blank that is never a line break", self.source)
        self.sentence_end = p.chars("sentence_end")
        self.closers = p.text("closers")
        self.quote_closers = p.text("quote_closers")
        self.straight_quotes = p.text("straight_quotes")
        self.clause_end = p.chars("clause_end")
        self.open_end = p.chars("open_end")
        self.commas = p.chars("commas")
        self.body_marks = p.chars("body_marks")
        self.sentence_marks = p.chars("sentence_marks")
        self.headline_stops = p.chars("headline_stops")
        self.function_end = p.chars("function_end")
        self.no_start = p.chars("no_start")
        self.headline_max = p.integer("headline_max")
        self.long_line = p.integer("long_line")
        self.jump_header_max = p.integer("jump_header_max")
        self.joined_headline_max = p.integer("joined_headline_max")
        self.long_headline_max = p.integer("long_headline_max")
        self.word_list = p.text("word_list")
        # what the tests below run on
        self.body_ends = self.sentence_end + self.quote_closers
        self._sentence_end = frozenset(self.sentence_end)
        self._open_end = frozenset(self.open_end)
        self._inner_stop = AnyOf(self.sentence_end)
        self._body_ends = tuple(self.body_ends)

    def ends_sentence(self, text: str) -> bool:
        """A sentence end, then only closers: ``[sentence_end][closers]*$``."""
        return ends_with(text, self._sentence_end, self.closers)

    def ends_like_body(self, text: str) -> bool:
        """The last character ends a sentence or a quotation (``sentence_end``,
        ``quote_closers``): a paragraph so ended is body text."""
        return text.endswith(self._body_ends)

    def headline_shaped(self, text: str) -> bool:
        """At most ``headline_max`` characters, no sentence end anywhere, not ending
        open (``open_end``): a line shaped like a headline."""
        return (
            len(text) <= self.headline_max
            and not self._inner_stop.found_in(text)
            and text[-1:] not in self._open_end
        )

    def long_headline_shaped(self, text: str) -> bool:
        """A paragraph that may be a headline too long for :meth:`headline_shaped`
        (``王莉霞在……专题会议上强调 坚持扬长避短培优增效 ……``): at most
        ``long_headline_max`` characters, no sentence or clause mark, not ending like
        body text, not a title in 《》 nor a list of names (most pieces between blanks
        of ``NAME_PIECE`` characters or fewer; a deck's phrases are longer).  Only
        what follows it (a byline or dateline) makes it one.

        >>> shape = load_shape()
        >>> shape.long_headline_shaped("王莉霞在推进产业集群建设专题会议上强调 坚持扬长避短培优增效 坚持有所为有所不为")
        True
        >>> shape.long_headline_shaped("出席会议的还有 王磊 李明 张华 赵强"), shape.long_headline_shaped("《关于推进开发区发展的实施意见》")
        (False, False)
        """
        if len(text) > self.long_headline_max or any(c in text for c in self.body_marks) \
                or self.ends_like_body(text) or (text.startswith("《") and text.endswith("》")):
            return False
        pieces = text.split()
        return len(pieces) < 3 or sum(len(p) <= NAME_PIECE for p in pieces) * 2 <= len(pieces)


_loaded: dict[tuple[str, bytes], Shape] = {}


def load_shape(path: str | Path = "") -> Shape:
    """The vocabulary in ``path`` ("": the packaged ``rules/shape.toml``), read once per
    content: a stage, a profile and a :class:`~cleanup.Cleaner` share one."""
    path = Path(path) if path else packaged_rules_dir() / VOCABULARY
    try:
        key = (str(path), path.read_bytes())
    except OSError as e:
        raise RuleError(f"cannot read the page-shape vocabulary ({e.strerror})", str(path)) from None
    shape = _loaded.get(key)
    if shape is None:
        shape = _loaded[key] = Shape(read_vocabulary(path))
    return shape
