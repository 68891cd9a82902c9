"""Rebuild paragraphs (SPEC rules 2-4): decide, for every line break, join or break.

Each break between two non-empty lines is scored from evidence; the
weights and word lists live in ``rules/paragraphs.toml``.  A positive
score joins the lines (the break goes, nothing takes its place); anything
else makes a paragraph break, written as one blank line.  The change note
lists the evidence that decided, with its weight.  The rules of the file are
these outcomes (``para-join-wrap``, ``para-join-break``, ``para-break``, and
``para-trim`` for the start and end of the text): one turned off leaves what
it would have changed as printed.

Two layouts occur in the samples and the stage tells them apart itself:

* *wrapped*: every paragraph hard-wrapped at the column width, paragraphs
  separated by blank lines (or not), and column breaks that leave a blank
  line in mid-sentence;
* *unwrapped*: a paragraph per line, every line separated by a blank line,
  and column or page breaks that cut a paragraph in two, even mid-word.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from functools import lru_cache
from typing import NamedTuple

import regex

from ..document import Document, Edit
from ..roles import HEADINGS, STANDALONE, STARTS_PARAGRAPH, PageReading, Role, read_page
from ..rules import Rule, StageConfig
from ..stage import Stage, handles
from ..wordlists import load_lexicon, load_wordlist

# a line is non-empty if it holds a character that regex's \s does not match:
# one that str.strip() keeps, or one of these, which it strips
_STRIPPED_NOT_SPACE = frozenset("\x1c\x1d\x1e\x1f")
_HAN = regex.compile(r"\p{Han}")
_HAN_RUN = regex.compile(r"\p{Han}+")


def _ends_with(text: str, ends: frozenset[str], closers: str) -> bool:
    """``[ends][closers]*$`` without a regex: one of ``ends``, then only closers."""
    if text[-1:] not in closers:  # the usual case: no closer to look past
        return text[-1] in ends
    core = text.rstrip(closers)
    return core[-1:] in ends or not ends.isdisjoint(text[len(core) :])


class _AnyOf:
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


@dataclass(slots=True)
class _Line:
    start: int
    end: int
    text: str
    block: int  # index of the run of consecutive non-empty lines it is in
    first_in_block: bool
    last_in_block: bool
    row: int  # its index among the text's lines, blank lines included


@dataclass(frozen=True, slots=True)
class Layout:
    """What the stage learnt about the page: wrapped or not, and each line's role and
    column (:func:`cleanup.roles.read_page`), by its row among the text's lines."""

    wrapped: bool
    reading: PageReading
    body_blocks: frozenset[int] = frozenset()  # blocks (runs of lines) that hold body punctuation


class _Verdict(NamedTuple):
    """A break's score and the note that lists the evidence behind it."""

    score: float
    note: str


# the evidence name of each role that keeps lines apart: ``line-KIND``, ``next-KIND``
_KIND = {
    Role.FOLIO: "furniture", Role.JUMP: "furniture", Role.PAGE_NUMBER: "furniture",
    Role.KICKER: "heading", Role.HEADLINE: "heading", Role.SUBHEADLINE: "heading", Role.SUBHEAD: "heading",
    Role.BYLINE: "byline", Role.DATELINE: "dateline", Role.CAPTION: "caption", Role.CREDIT: "credit",
    Role.LABEL: "label",
}
# on an unwrapped page, the roles whose evidence counts: those a line shows by itself
# (its other roles come from a shape that the stage's own evidence reads)
_APART_UNWRAPPED = frozenset({Role.CREDIT, Role.LABEL, Role.FOLIO, Role.JUMP, Role.PAGE_NUMBER,
                              Role.BYLINE, Role.DATELINE, Role.CAPTION})
# roles of lines that end with a person's name, which may wrap onto the next line
_NAMES_WRAP = frozenset({Role.BYLINE, Role.CREDIT, Role.CAPTION})

# characters at the end of a line that ``leads_in`` reads
LEAD_IN_CONTEXT = 4
# characters each side of a break that ``spaced_join`` reads
JOIN_CONTEXT = 8

# the verdict on a break that :meth:`Paragraphs._may_join` rules out
_CANNOT_JOIN = _Verdict(float("-inf"), "")


class _Check(NamedTuple):
    """One check of the rule file's patterns: it gives one of ``names``, or ''."""

    run: Callable[[str, str, bool], str]
    names: tuple[str, ...]


class _WeightOf(dict[str, float]):
    """The weight of each evidence name: ``word:X`` weighs as ``word``, a name
    with no weight 0.  Each name's is worked out once, on first asking: then
    ``sum(map(weight_of.__getitem__, names))`` runs in C.  The names are few:
    the evidence names, and ``word:`` with a word of the list."""

    __slots__ = ("weights",)

    def __init__(self, weights: dict[str, float]) -> None:
        super().__init__()
        self.weights = weights

    def __missing__(self, name: str) -> float:
        weight = self[name] = self.weights.get(name.split(":")[0], 0.0)
        return weight


class Paragraphs(Stage):
    name = "paragraphs"

    def __init__(self, config: StageConfig, timeout: float) -> None:
        super().__init__(config, timeout)
        # the rule id each outcome of a break is recorded as; None: that rule is off
        self.wrap_rule = self.code_of(self.join_wrapped)
        self.cut_rule = self.code_of(self.join_cut)
        self.break_rule = self.code_of(self.paragraph_break)
        self.trim_rule = self.code_of(self.trim)
        p = self.settings()
        self.weights = p.weights("weights")
        self.weight_of = _WeightOf(self.weights)
        self.min_wrapped_share = p.number("min_wrapped_share")
        self.heading_tail = p.integer("heading_tail")
        self.open_byline = p.pattern("open_byline")
        self.spaced_join = p.pattern("spaced_join")
        self.leads_in = p.pattern("leads_in")
        self.starts_sentence = p.pattern("starts_sentence")
        self.name_tail = p.pattern("name_tail")
        self.max_rounds = p.integer("max_rounds")
        self.headline_max = p.integer("headline_max")
        self.long_line = p.integer("long_line")
        self.tail_max = p.integer("tail_max")
        # one-character tests, done with set lookups and rstrip: the same as
        # the patterns [sentence_end][closers]*$, [no_start] at the start, ...
        end = p.chars("sentence_end")
        self.closers = p.text("closers")
        self.sentence_end = frozenset(end)
        self.soft_end = frozenset(p.chars("soft_end"))
        self.open_end = frozenset(p.chars("open_end"))
        self.function_end = frozenset(p.chars("ends_function"))
        self.no_start = frozenset(p.chars("no_start"))
        self.inner_stop = _AnyOf(end)
        self.body_mark = _AnyOf(p.chars("body_marks"))
        self.has_comma = _AnyOf(p.chars("commas"))
        self.starts_unit = p.pattern("starts_paragraph")
        self.starts_unit_unwrapped = p.pattern("starts_paragraph_unwrapped")
        self.opens = p.pattern("opens_paragraph")
        self.lead = p.pattern("lead")
        self.starts_particle = p.pattern("starts_particle")
        self.standalone = p.pattern("standalone")
        self.standalone_unwrapped = p.pattern("standalone_unwrapped")
        self.ends_credit = p.pattern("ends_credit")
        self.lexicon = load_lexicon(p.text("word_list"))
        self.verbs = load_wordlist(p.text("verbs"))
        self._has_verb = lru_cache(maxsize=4096)(self._segments_to_a_verb)
        self._verdicts: dict[tuple[str, str], _Verdict] = {}  # by (paragraph so far, next line)
        self._memo_doc: Document | None = None  # the document the memos were made on
        self.pattern_checks = self._list_pattern_checks()
        self._order_quick_checks()
        # far more than float rounding can move a sum of these weights
        self.doubt = 1e-9 * (1.0 + sum(map(abs, self.weights.values())))

    # --- the rules: what each outcome of a break writes ----------------------

    @handles("para-join-wrap")
    def join_wrapped(self, rule: Rule) -> str:
        """A break between two lines of a block that the evidence joins goes (:meth:`_decide`);
        with the rule off, it stays as printed."""
        return rule.id

    @handles("para-join-break")
    def join_cut(self, rule: Rule) -> str:
        """A break after a blank line that the evidence joins goes; with the rule off, it stays."""
        return rule.id

    @handles("para-break")
    def paragraph_break(self, rule: Rule) -> str:
        """A break the evidence does not join becomes one blank line; with the rule off, it stays."""
        return rule.id

    @handles("para-trim")
    def trim(self, rule: Rule) -> str:
        """Blank lines before the first line go, the text ends with one line break;
        with the rule off, the start and end of the text stay."""
        return rule.id

    # --- reading the page -------------------------------------------------

    def _lines(self, text: str) -> list[_Line]:
        """The non-empty lines of ``text``, grouped in blocks of consecutive lines."""
        out: list[_Line] = []
        block = -1
        start = 0
        in_block = False
        for row, piece in enumerate(text.split("\n")):
            if piece.strip() or not _STRIPPED_NOT_SPACE.isdisjoint(piece):
                if not in_block:
                    block += 1
                    if out:
                        out[-1].last_in_block = True
                out.append(_Line(start, start + len(piece), piece, block, not in_block, False, row))
                in_block = True
            else:
                in_block = False
            start += len(piece) + 1
        if out:
            out[-1].last_in_block = True
        return out

    def _printed(self, doc: Document, rows: list[str], lines: list[_Line]) -> list[str]:
        """Each row as it was printed (in the raw input); '' for a blank row."""
        step = len(doc.steps)
        raw_starts = doc.to_raw_all(step, [ln.start for ln in lines], "start")
        raw_ends = doc.to_raw_all(step, [ln.end for ln in lines], "end")
        printed = [""] * len(rows)
        for ln, raw_start, raw_end in zip(lines, raw_starts, raw_ends):
            printed[ln.row] = doc.raw[raw_start:raw_end]
        return printed

    def layout(self, doc: Document, lines: list[_Line]) -> Layout:
        """Wrapped if most lines sit in multi-line blocks; then each line's role and column
        are read with the widths it was printed at (:func:`cleanup.roles.read_page`),
        otherwise only its role: on an unwrapped page widths decide nothing."""
        rows = doc.text.split("\n")
        in_blocks = sum(1 for ln in lines if not (ln.first_in_block and ln.last_in_block))
        if in_blocks < max(2, self.min_wrapped_share * len(lines)):
            return Layout(False, read_page(rows, wrapped=False, cuts_word=self._crosses_word))
        printed = self._printed(doc, rows, lines)
        body_blocks = frozenset(ln.block for ln in lines if self.body_mark.found_in(ln.text))
        return Layout(True, read_page(rows, printed=printed, wrapped=True, cuts_word=self._crosses_word), body_blocks)

    # --- evidence -----------------------------------------------------------

    def _crosses_word(self, a: str, b: str) -> str:
        """A word of the list that the break cuts through, or ''.

        The search stops as soon as what it holds starts no word.
        """
        lex = self.lexicon
        if not (a and b and a[-1] + b[0] in lex.pairs and _HAN.match(a[-1]) and _HAN.match(b[0])):
            return ""
        for k in range(1, min(lex.max_len, len(a) + 1)):
            left = a[-k:]
            if k > 1 and left not in lex.prefixes:
                continue
            for m in range(1, min(lex.max_len - k, len(b)) + 1):
                word = left + b[:m]
                if word in lex.costs:
                    return word
                if word not in lex.prefixes:
                    break
        return ""

    def _ends_sentence(self, text: str) -> bool:
        return _ends_with(text, self.sentence_end, self.closers)

    def _ending(self, text: str) -> str:
        """How ``text`` ends: a sentence, a quote, a clause, mid-clause or mid-sentence."""
        last = text[-1]
        if last in self.closers:
            return "sentence-end" if self._ends_sentence(text) else "quote-end"
        if last in self.sentence_end:  # [sentence_end][closers]*$, with no closer to follow
            return "sentence-end"
        if last in self.soft_end:  # likewise [soft_end][closers]*$
            return "clause-end"
        if last in self.open_end:
            return "mid-clause"
        return "mid-sentence"

    def _headline_like(self, text: str) -> bool:
        return (
            len(text) <= self.headline_max
            and not self.inner_stop.found_in(text)
            and text[-1] not in self.open_end
        )

    def _headline_evidence(self, text: str, ask_verb: bool) -> list[str]:
        """A headline-shaped line; with no verb it is only part of a headline
        (``我市与汇源集团合作项目`` / ``签约仪式在京举行``).  Unless ``ask_verb``,
        the verb is not looked for (:meth:`_may_join` leaves it for last)."""
        if not ask_verb or self._has_verb(text):
            return ["headline-shape"]
        return ["headline-shape", "no-predicate"]

    def _segments_to_a_verb(self, text: str) -> bool:
        """Whether a word of ``text``'s cheapest segmentation is a verb (memoised
        as ``_has_verb`` for one document, whose rounds ask again)."""
        return not self.verbs.isdisjoint(w for run in _HAN_RUN.findall(text) for w in self.lexicon.segment(run))

    def evidence(self, text: str, a: _Line, b: _Line, blank: bool, lay: Layout, after_b: _Line | None) -> list[str]:
        """Names of the evidence that fires for the break between ``text`` and line ``b``.

        ``text`` is the paragraph so far: line ``a``, after any lines joined to it.
        """
        ev = ["next-cannot-start"] if b.text[0] in self.no_start else []
        for check in self.pattern_checks:
            name = check.run(text, b.text, lay.wrapped)
            if name:
                ev.append(name)
        ev.extend(self._shape_evidence(text, a, b, blank, lay, after_b, True))
        return ev

    def _list_pattern_checks(self) -> list[_Check]:
        """The checks of the rule file's patterns, in the order notes list them."""
        return [
            _Check(self._check_particle, ("next-starts-particle",)),
            _Check(self._check_unit, ("next-starts-unit", "next-opens", "next-opens-line")),
            _Check(self._check_lead, ("line-is-lead",)),
            _Check(self._check_alone, ("line-stands-alone", "ends-with-credit")),
            _Check(self._check_next_alone, ("next-stands-alone",)),
            _Check(self._check_lead_in, ("lead-in-then-sentence",)),
        ]

    def _order_quick_checks(self) -> None:
        """Order the pattern checks for :meth:`_may_join`: those that can add most first.

        ``quick_upside`` is the most all of them can add to a score;
        ``quick_upside_after[k]`` the most the checks after the k-th can.
        """
        def upside(check: _Check) -> float:
            return max([0.0] + [self.weights.get(n, 0.0) for n in check.names])

        checks = sorted(self.pattern_checks, key=upside, reverse=True)
        self.quick_checks = [c.run for c in checks]
        self.quick_upside = sum(map(upside, checks))
        self.quick_upside_after = [sum(map(upside, checks[k + 1 :])) for k in range(len(checks))]

    def _check_particle(self, text: str, nxt: str, wrapped: bool) -> str:
        return "next-starts-particle" if self.starts_particle.search(nxt) else ""

    def _check_unit(self, text: str, nxt: str, wrapped: bool) -> str:
        if self.starts_unit.search(nxt) or (not wrapped and self.starts_unit_unwrapped.search(nxt)):
            return "next-starts-unit"
        if self.opens.search(nxt):
            return "next-opens-line" if wrapped else "next-opens"
        return ""

    def _check_lead(self, text: str, nxt: str, wrapped: bool) -> str:
        return "line-is-lead" if not self.inner_stop.found_in(text) and self.lead.search(text) else ""

    def _check_alone(self, text: str, nxt: str, wrapped: bool) -> str:
        if self.standalone.search(text) or (not wrapped and self.standalone_unwrapped.search(text)):
            return "line-stands-alone"
        if self.ends_credit.search(text):
            return "ends-with-credit"
        return ""

    def _check_lead_in(self, text: str, nxt: str, wrapped: bool) -> str:
        """A line that ends leading in (``：``, ``——``) before a line that starts a sentence
        of its own (an opening quote) or a list item: the two are apart."""
        if self.leads_in.search(text[-LEAD_IN_CONTEXT:]) and self.starts_sentence.search(nxt):
            return "lead-in-then-sentence"
        return ""

    def _check_next_alone(self, text: str, nxt: str, wrapped: bool) -> str:
        alone = self.standalone.search(nxt) or (not wrapped and self.standalone_unwrapped.search(nxt))
        return "next-stands-alone" if alone else ""

    def _shape_evidence(
        self, text: str, a: _Line, b: _Line, blank: bool, lay: Layout, after_b: _Line | None, ask_verb: bool
    ) -> list[str]:
        """The evidence of how the lines end, cut a word and sit on the page
        (see :meth:`_headline_evidence` for ``ask_verb``)."""
        nxt = b.text
        ending = self._ending(text)
        if ending == "mid-clause" and not lay.wrapped and self.leads_in.search(text[-LEAD_IN_CONTEXT:]):
            ending = "lead-in-end"  # a paragraph of its own that ends leading in: 决定：, 包括：
        ev = [ending]
        if ending == "mid-sentence" and text[-1] in self.function_end:
            ev.append("ends-function-word")
        word = self._crosses_word(text, nxt)
        if word:
            ev.append(f"word:{word}")
        if len(nxt) <= self.tail_max and self._ends_sentence(nxt) \
                and not self.inner_stop.found_in(nxt[:-1]):
            ev.append("next-is-tail")
        if lay.wrapped:
            ev.extend(self._wrapped_evidence(text, ending, a, b, blank, lay, after_b, ask_verb))
            return ev
        ra, rb = lay.reading.roles[a.row], lay.reading.roles[b.row]
        if ra in _APART_UNWRAPPED or rb in _APART_UNWRAPPED:
            ev.extend(self._roles_apart(ra if ra in _APART_UNWRAPPED else Role.BODY,
                                        rb if rb in _APART_UNWRAPPED else Role.BODY))
        if len(text) >= self.long_line or self.inner_stop.found_in(text[:-1]):
            ev.append("body-line")
        elif self._headline_like(text):
            ev.extend(["short-with-commas"] if self.has_comma.found_in(text) else self._headline_evidence(text, ask_verb))
        return ev

    def _may_join(self, text: str, a: _Line, b: _Line, blank: bool, lay: Layout, after_b: _Line | None) -> bool:
        """False if the break's score cannot get above 0, whatever the checks not yet run say.

        The cheap evidence is scored first; then the pattern checks run, those
        that can add most first, only while what they could still add might
        tip the score; last, a headline-shaped line's verb is looked for (it
        takes a segmentation), only if ``no-predicate`` could still tip it.
        The margin ``self.doubt`` covers float rounding (the sums run in
        another order than :meth:`evidence`'s): a False here is never wrong.
        """
        cheap = self._shape_evidence(text, a, b, blank, lay, after_b, False)
        if b.text[0] in self.no_start:
            cheap.append("next-cannot-start")
        no_predicate = self.weights.get("no-predicate", 0.0) if "headline-shape" in cheap else 0.0
        verb_upside = max(0.0, no_predicate)
        score = self._score(cheap)
        if score + self.quick_upside + verb_upside <= -self.doubt:
            return False
        for check, upside_after in zip(self.quick_checks, self.quick_upside_after):
            name = check(text, b.text, lay.wrapped)
            if name:
                score += self.weights.get(name, 0.0)
            if score + upside_after + verb_upside <= -self.doubt:
                return False
        if no_predicate and not self._has_verb(text):
            score += no_predicate
        return score > -self.doubt

    def _weigh(
        self, text: str, a: _Line, b: _Line, blank: bool, lay: Layout, after_b: _Line | None, may_skip: bool
    ) -> _Verdict:
        """The break's score and note; if ``may_skip``, perhaps only that it cannot join.

        On an unwrapped page the evidence reads only ``text`` and ``b.text``
        (``a``, ``blank``, ``after_b`` and widths count on wrapped pages only),
        and the next round asks again of every paragraph left as it was: the
        verdicts are remembered by that pair.  Only while no join is pending
        (``text`` is line ``a``): a key holding each longer paragraph so far
        would keep every prefix of a long paragraph alive, memory quadratic
        in its length.
        """
        if lay.wrapped or text is not a.text:
            return self._weigh_afresh(text, a, b, blank, lay, after_b, may_skip)
        key = (text, b.text)
        verdict = self._verdicts.get(key)
        if verdict is None or verdict is _CANNOT_JOIN and not may_skip:
            verdict = self._verdicts[key] = self._weigh_afresh(text, a, b, blank, lay, after_b, may_skip)
        return verdict

    def _weigh_afresh(
        self, text: str, a: _Line, b: _Line, blank: bool, lay: Layout, after_b: _Line | None, may_skip: bool
    ) -> _Verdict:
        if may_skip and not self._may_join(text, a, b, blank, lay, after_b):
            return _CANNOT_JOIN
        ev = self.evidence(text, a, b, blank, lay, after_b)
        score = self._score(ev)
        return _Verdict(score, f"{score:+.1f}: " + ", ".join(ev))

    def _score(self, ev: list[str]) -> float:
        return sum(map(self.weight_of.__getitem__, ev))

    def _wrapped_evidence(
        self, text: str, ending: str, a: _Line, b: _Line, blank: bool, lay: Layout, after_b: _Line | None,
        ask_verb: bool,
    ) -> list[str]:
        """Evidence of a printed page: blank lines, the lines' roles, and how they sit in
        their column (a line stopping short of it ends a paragraph, unless it is a
        paragraph's indented first line; a sentence ending before an indented line does)."""
        ev: list[str] = ["blank-line" if blank else "no-blank-line"]
        rd = lay.reading
        i = a.row
        if rd.roles[i] in HEADINGS and rd.roles[b.row] in HEADINGS:
            return ev + self._heading_pair_evidence(text, a, b, rd, ask_verb)
        ev.extend(self._role_evidence(text, a, b, rd))
        if not rd.columns[i]:  # too few lines to learn a column from
            if a.block in lay.body_blocks and not a.last_in_block:
                ev.append("in-body-block")
            elif self.body_mark.found_in(text[:-1]):
                ev.append("body-line")
            elif self._headline_like(text):
                ev.extend(self._headline_evidence(text, ask_verb))
            return ev
        if rd.short(i, b.text):
            if text is not a.text:
                ev.append("short-line")
            else:  # the paragraph's first line: it may be indented
                ev.append("first-line-indented" if rd.indented(i, b.text) else "short-first-line")
        elif rd.fills(i, b.text):
            ev.append("fills-column")
        if ending in ("sentence-end", "clause-end") and after_b is not None:
            nxt = after_b.text if after_b.row == b.row + 1 else None
            if rd.indented(b.row, nxt) and rd.roles[b.row] is Role.BODY:
                ev.append("next-indented")
        return ev

    def _role_evidence(self, text: str, a: _Line, b: _Line, rd: PageReading) -> list[str]:
        """The roles of the two lines (:mod:`cleanup.roles`): a line of a role that stands
        alone ends its paragraph, one that starts a paragraph starts one; but a
        heading, caption, dateline or byline may wrap onto its next line."""
        ra, rb = rd.roles[a.row], rd.roles[b.row]
        if (ra is Role.CAPTION and rd.wide(a.row)) or (ra is Role.DATELINE and rb is Role.DATELINE) \
                or self.open_byline.search(text) or (
                    ra in _NAMES_WRAP and rd.fills(a.row, b.text) and self.name_tail.fullmatch(b.text.strip())):
            return ["line-wraps"]
        if ra is Role.CAPTION and rb is Role.CAPTION:
            return []  # one caption's lines: how they fill their column tells
        return self._roles_apart(ra, rb)

    def _heading_pair_evidence(self, text: str, a: _Line, b: _Line, rd: PageReading, ask_verb: bool) -> list[str]:
        """Two heading lines: one heading wrapped, or two headings (a headline and its
        sub-headline, say)?  A heading line as wide as the page's headlines wrap at (or
        as its column), or one with no verb, goes on; so does a tail of a character or two."""
        ev = ["heading-pair"] + self._headline_evidence(text, ask_verb)
        if rd.heading_full(a.row) or (rd.fills(a.row, b.text) and not rd.wide(a.row)):
            ev.append("heading-wraps")
        if len(b.text.strip()) <= self.heading_tail:
            ev.append("next-heading-tail")
        return ev

    def _roles_apart(self, ra: Role, rb: Role) -> list[str]:
        ev = []
        if ra in STANDALONE:
            ev.append("line-" + _KIND[ra])
        if rb in STARTS_PARAGRAPH:
            ev.append("next-" + _KIND[rb])
        return ev

    # --- the stage ------------------------------------------------------------

    def run(self, doc: Document) -> Document:
        """Decide every break; then decide again on the result until nothing changes.

        A page read as wrapped can leave breaks that the rebuilt page, now one
        paragraph per line, would join: deciding again makes the output a
        fixed point, so cleaning clean text changes nothing.
        """
        self._keep_memos_for(doc)
        for _ in range(self.max_rounds):
            if not self._decide(doc):
                break
        return doc

    def _keep_memos_for(self, doc: Document) -> None:
        """Drop the memos (which lines have a verb, the verdicts of :meth:`_weigh`)
        unless they were made on ``doc``.

        They serve one document's rounds and its profile's settle passes, which
        ask again of the paragraphs the last round left; never another document.
        """
        if doc is not self._memo_doc:
            self._memo_doc = doc
            self._has_verb.cache_clear()
            self._verdicts.clear()

    def _decide(self, doc: Document) -> bool:
        """One round over every break; True if it changed the text."""
        text = doc.text
        lines = self._lines(text)
        edits: list[Edit] = []
        if not lines:
            if text and self.trim_rule:
                edits.append(Edit(0, text, "", self.trim_rule, "no text"))
            doc.apply(self.name, edits)
            return bool(edits)
        lay = self.layout(doc, lines)
        if lines[0].start and self.trim_rule:
            edits.append(Edit(0, text[: lines[0].start], "", self.trim_rule, "leading blank lines"))
        paragraph = lines[0].text  # the paragraph so far, as joined
        for i, (a, b) in enumerate(zip(lines, lines[1:])):
            gap = text[a.end : b.start]
            blank = gap.count("\n") > 1
            after_b = lines[i + 2] if i + 2 < len(lines) else None
            verdict = self._weigh(paragraph, a, b, blank, lay, after_b, gap == "\n\n")
            if verdict.score <= 0:
                if gap != "\n\n" and self.break_rule:
                    edits.append(Edit(a.end, gap, "\n\n", self.break_rule, verdict.note))
                paragraph = b.text
            elif join := self.cut_rule if blank else self.wrap_rule:
                space = " " if self.spaced_join.search(paragraph[-JOIN_CONTEXT:] + "\n" + b.text[:JOIN_CONTEXT]) else ""
                edits.append(Edit(a.end, gap, space, join, verdict.note))
                paragraph += space + b.text
            else:  # a join whose rule is off: the lines stay apart, as printed
                paragraph = b.text
        tail = text[lines[-1].end :]
        if tail != "\n" and self.trim_rule:
            edits.append(Edit(lines[-1].end, tail, "\n", self.trim_rule, "one line break at the end"))
        doc.apply(self.name, edits)
        return bool(edits)
