"""Character normalisation (SPEC rules 1, 5-11), driven by ``rules/normalize.toml``.

Each rule is one step over the whole text, in file order:

* ``regex``: every match of ``pattern`` becomes ``replace`` (a template);
* ``map``: each character in ``table`` becomes its value;
* ``nfc``: Unicode NFC;
* ``opencc``: an OpenCC conversion such as ``t2s`` (converter built once).
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache
from typing import Callable, Iterator, NamedTuple

import regex

from ..document import Document, Edit
from ..errors import RuleError
from ..pattern_chars import holds_any, is_one_class, lines_reaching
from ..patterns import PRESCAN_PAYS_AFTER, ParamPattern, Prescan, char_class
from ..rules import Rule, StageConfig
from ..shape import LETTER_SPACED_MIN_BLANKS, may_be_letter_spaced
from ..stage import Stage, Touched, handles


@lru_cache(maxsize=None)
def opencc_converter(config: str) -> Callable[[str], str]:
    """One converter per config for the whole process (building one is slow)."""
    import opencc

    try:
        return opencc.OpenCC(config if config.endswith(".json") else f"{config}.json").convert
    except Exception as e:  # opencc raises a bare Exception for a bad config
        raise RuleError(f"OpenCC cannot load config {config!r}: {e}") from None


def diff_runs(old: str, new: str, rule: str, base: int = 0) -> Iterator[Edit]:
    """Edits turning ``old`` into ``new``, same length: one per run of changed chars."""
    i, n = 0, len(old)
    while i < n:
        if old[i] == new[i]:
            i += 1
            continue
        j = i + 1
        while j < n and old[j] != new[j]:
            j += 1
        yield Edit(base + i, old[i:j], new[i:j], rule)
        i = j


def line_edits(text: str, convert: Callable[[str], str], rule: str,
               written: Callable[[str, str], bool] | None = None) -> list[Edit]:
    """Edits made by a whole-text converter, found line by line; none where
    ``written(line, converted)`` says every line it changes is already written as
    wanted (a text is converted whole or not at all: a line of Traditional text
    holding only characters Simplified text writes too is converted with the rest).

    Lines are compared as strings first, so the common case (nothing to
    convert) costs one conversion and one comparison per line.
    """
    pairs = [(line, convert(line)) for line in text.splitlines(keepends=True)]
    if written is not None and all(written(line, new) for line, new in pairs if new != line):
        return []
    edits: list[Edit] = []
    pos = 0
    for line, new in pairs:
        if new != line:
            if len(new) == len(line):
                edits.extend(diff_runs(line, new, rule, pos))
            else:
                edits.append(Edit(pos, line, new, rule))
        pos += len(line)
    return edits


def simplified_already(charset: str, also: str) -> Callable[[str, str], bool]:
    """Whether a line a Traditional-to-Simplified conversion changes is Simplified text
    already: each character it changes is one Simplified text writes too, which the
    encoding ``charset`` holds or ``also`` lists (乾 of 乾景园林, 昇 of 昇腾), so the
    line holds no character only Traditional text writes (們, 濟, 漢)."""
    extra = frozenset(also)

    def simplified(ch: str) -> bool:
        if ch in extra:
            return True
        try:
            ch.encode(charset)
        except UnicodeEncodeError:
            return False
        return True

    def written(line: str, converted: str) -> bool:
        return len(line) == len(converted) and all(simplified(a) for a, b in zip(line, converted) if a != b)

    return written


class RuleStep(NamedTuple):
    """A rule, the function finding its edits, the characters it needs, and its group."""

    rule: Rule
    find: Callable[[str], list[Edit]]
    # a text holding none of these gives the rule nothing to do; empty: not checked
    needs: str
    # one search for this rule and the others needing the same characters (see Normalize.group_steps)
    group: Prescan | None = None
    # whether the rule decides each character by itself alone (see Normalize.recheck)
    char_local: bool = False
    # the rule's own ``prescan`` param: a text without a match of it gives the rule nothing to do
    prescan: ParamPattern | None = None


def decides_each_char_alone(rule: Rule) -> bool:
    """A map rule without context, or a pattern of one character class: whether a
    character changes does not depend on its neighbours."""
    if rule.kind == "map":
        return "context" not in rule.params
    return rule.kind == "regex" and rule.pattern is not None and is_one_class(rule.pattern)


class Normalize(Stage):
    name = "normalize"
    kinds = ("regex", "map", "nfc", "opencc")

    def __init__(self, config: StageConfig, timeout: float) -> None:
        super().__init__(config, timeout)
        code = self.rule_code()
        self.steps = [RuleStep(rule, code[rule.id], rule.needed_chars(), char_local=decides_each_char_alone(rule),
                               prescan=self.settings(rule).pattern("prescan") if "prescan" in rule.params else None)
                      for rule in config.rules]
        self.group_steps()
        self.settle_rounds = self.settings().integer("settle_rounds") if self.settle_steps else 0

    def group_steps(self, pays_after: int = PRESCAN_PAYS_AFTER) -> None:
        """Give the rules that need the same characters one search for all of them
        (a :class:`~cleanup.patterns.Prescan` whose pattern compiles once it pays).

        Where it finds nothing, none of them can fire, and each is passed by
        while the text stays as it was searched: exact, as a rule fires only
        where its own pattern (or a map rule's characters) matches.  Rules that
        need the same characters are in play in the same texts, so one
        pattern serves each group (the two rules of ``(``); a text holding
        them rarely has work for these rules, and the fused search costs
        less than theirs.
        Rules whose characters are not known stay apart: they are in play
        everywhere, and a large class (the look-alike table, ``\\p{Cc}``) in
        the fused pattern makes it try every alternative at every character,
        slower than searching each rule alone.  Nor do rules searched line by
        line (:attr:`~cleanup.rules.Rule.line_needs`) join a group: finding
        the lines that hold their characters costs less than the group's search.
        """
        by_needs: dict[str, list[Rule]] = {}
        for rule, _, needs, *_ in self.steps:
            if needs and not rule.line_needs and rule.trigger() is not None:
                by_needs.setdefault(needs, []).append(rule)
        groups = {needs: Prescan({r.id: r.trigger() for r in rules}, pays_after)  # type: ignore[misc]
                  for needs, rules in by_needs.items() if len(rules) > 1}
        self.steps = [step._replace(group=group if (group := groups.get(step.needs)) and step.rule.id in group.ids
                                    else None)
                      for step in self.steps]
        self.settle_steps = [step for step in self.steps if self.settings(step.rule).flag("settle")]

    def compile_rule(self, rule: Rule) -> Callable[[str], list[Edit]]:
        if rule.kind == "regex":
            return lambda text: rule.find_edits(text, self.timeout)
        if rule.kind == "map":
            table = str.maketrans(dict(rule.table))
            chars = regex.compile(self.map_pattern(rule), regex.VERSION1)
            # any match holds one of the table's characters: a text holding none is not
            # searched (stdlib re scans a class of plain characters several times faster)
            held = re.compile(char_class(rule.table))

            def find_map(text: str) -> list[Edit]:
                if not held.search(text):
                    return []
                new = tuple.__new__  # Edit(...) without the Python-level __new__ of a named tuple
                try:
                    return [new(Edit, (m.start(), m.group(), m.group().translate(table), rule.id, ""))
                            for m in chars.finditer(text, timeout=self.timeout)]
                except TimeoutError:
                    raise RuleError(f"context ran over {self.timeout:g}s and was stopped "
                                    "(catastrophic backtracking?)", rule.source, rule=rule.id) from None
            return find_map
        if rule.kind == "nfc":
            return lambda text: (
                [] if unicodedata.is_normalized("NFC", text)
                else line_edits(text, lambda s: unicodedata.normalize("NFC", s), rule.id)
            )
        convert = opencc_converter(rule.config)  # kind opencc
        written = None
        if "simplified_charset" in rule.params:
            settings = self.settings(rule)
            written = simplified_already(settings.text("simplified_charset"), settings.text("simplified_also"))
        return lambda text: [] if convert(text) == text else line_edits(text, convert, rule.id, written)

    @handles("space-letter-spaced")
    def letter_spaced(self, rule: Rule) -> Callable[[str], list[Edit]]:
        """The blanks of letter-spaced lines go (params ``line``, matched against a whole line, and
        ``blank``, the blanks in it that go).  Line by line, as a printed line is short: a pattern
        over the page that read each blank's line again would cost the square of a long line's length."""
        params = self.settings(rule)
        line, blank = params.pattern("line"), params.pattern("blank")
        rid = rule.id

        def find(text: str) -> list[Edit]:
            if text.count(" ") < LETTER_SPACED_MIN_BLANKS:  # no line of it can be
                return []
            edits: list[Edit] = []
            at = 0
            for row in text.split("\n"):
                if may_be_letter_spaced(row, row.count(" ")) and line.fullmatch(row):
                    edits.extend(Edit(at + m.start(), m.group(), "", rid) for m in blank.finditer(row))
                at += len(row) + 1
            return edits
        return find

    def map_pattern(self, rule: Rule) -> str:
        """Runs of a map rule's characters; with a ``context`` param, only runs with a
        match of it on one side, past a match of ``gap`` if the rule gives one (a
        look-alike among Han characters, not one standing alone)."""
        run = char_class(rule.table) + "+"
        if "context" not in rule.params:
            return run
        settings = self.settings(rule)
        context = settings.text("context")
        gap = settings.text("gap") if "gap" in rule.params else ""
        return f"(?<={context}{gap}){run}|{run}(?={gap}{context})"

    def run(self, doc: Document) -> Document:
        """Every rule once, in order; then the ``settle`` rules again until they rest.

        A mark made full-width can give the mark beside it the Chinese context
        it lacked (``会(,``: the bracket first, then the comma), so those rules
        run again until a round changes nothing: cleaning twice changes nothing.
        """
        return self.run_rules(doc, None)

    def recheck(self, doc: Document, touched: Touched) -> Document:
        """:meth:`run` again, but a rule deciding each character alone looks first at
        the text written since the stage last looked (while no rule of this
        recheck has changed the text): it ran over the whole text then, so
        anything it would change now was written since.  On most pages
        nothing was: the settle pass then spares it a search of the page."""
        return self.run_rules(doc, touched.written)

    def run_rules(self, doc: Document, written: str | None) -> Document:
        """:meth:`run`, or with ``written`` :meth:`recheck`."""
        made = len(doc.steps)
        idle: dict[str, int] = {}
        self.run_steps(doc, self.steps, idle, written)
        if len(doc.steps) == made:  # no rule found anything: the settle rules would find nothing again
            return doc
        for _ in range(self.settle_rounds):
            made = len(doc.steps)
            self.run_steps(doc, self.settle_steps, idle)
            if len(doc.steps) == made:
                break
        return doc

    def run_steps(self, doc: Document, steps: list[RuleStep], idle: dict[str, int],
                  written: str | None = None) -> None:
        """Apply ``steps`` in order, skipping those that cannot fire: a rule when
        the text holds none of the characters it needs, or no match of its
        ``prescan`` (a pattern that every text the rule changes holds, quick to
        search for: a page has a few “ before a comma or stop, where
        ``ocr-quote-close`` looks behind at every quote), or when its group's
        search found nothing in the text as it is (see :meth:`group_steps`);
        with ``written`` (:meth:`recheck`), a rule deciding each character alone
        when it finds nothing there and the text is as the recheck found it.

        A group is searched at the first of its rules in play, and again only
        if the text changed since.  Until its pattern is compiled, each of its
        rules runs; a text in which all of them then found nothing is told of
        (``note_idle``): a search would have saved those.

        ``idle`` holds how many steps ``doc`` had when a rule searched line by
        line (:attr:`~cleanup.rules.Rule.line_needs`) last found nothing in it:
        it then searches only the lines changed since, where a settle round
        finds the few a round's later rules wrote, not the page.
        """
        searched: dict[int, tuple[int, bool]] = {}  # id of a group -> (steps of doc then, found nothing)
        groups_idle: dict[int, int] = {}  # id of a group -> how many of its rules found nothing in the text searched
        start = len(doc.steps)
        for rule, find, needs, group, char_local, prescan in steps:
            text = doc.text
            if needs and not holds_any(text, needs) or prescan is not None and not prescan.search(text):
                continue
            made = len(doc.steps)
            if char_local and written is not None and made == start and not find(written):
                continue
            if group is not None:
                at, nothing = searched.get(id(group), (-1, False))
                if at != made:
                    nothing = group.finds_nothing(text, self.timeout)
                    searched[id(group)], groups_idle[id(group)] = (made, nothing), 0
                if nothing:
                    continue
            if rule.id in idle:
                lines = lines_reaching(text, doc.changed_since(idle[rule.id]))
                doc.apply(self.name, rule.find_edits(text, self.timeout, lines))
            else:
                doc.apply(self.name, find(text))
            if len(doc.steps) == made:
                if rule.line_needs:
                    idle[rule.id] = made
                if group is not None:
                    groups_idle[id(group)] += 1
                    if groups_idle[id(group)] == len(group.ids):
                        group.note_idle(text)
