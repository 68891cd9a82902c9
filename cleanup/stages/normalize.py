"""Character normalisation (SPEC rules 1, 5-11), driven by ``rules/normalize.toml``.

Each rule is one step over the whole text, in file order:

* ``regex``: every match of ``pattern`` becomes ``replace`` (a template);
* ``map``: each character in ``table`` becomes its value;
* ``nfc``: Unicode NFC;
* ``opencc``: an OpenCC conversion such as ``t2s`` (converter built once).
"""

from __future__ import annotations

import unicodedata
from functools import lru_cache
from typing import Callable, Iterator, NamedTuple

import regex

from ..document import Document, Edit
from ..errors import RuleError
from ..pattern_chars import holds_any
from ..patterns import Prescan, char_class
from ..rules import Rule, StageConfig
from ..stage import Stage


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


def line_edits(text: str, convert: Callable[[str], str], rule: str) -> list[Edit]:
    """Edits made by a whole-text converter, found line by line.

    Lines are compared as strings first, so the common case (nothing to
    convert) costs one conversion and one comparison per line.
    """
    edits: list[Edit] = []
    pos = 0
    for line in text.splitlines(keepends=True):
        new = convert(line)
        if new != line:
            if len(new) == len(line):
                edits.extend(diff_runs(line, new, rule, pos))
            else:
                edits.append(Edit(pos, line, new, rule))
        pos += len(line)
    return edits


class RuleStep(NamedTuple):
    """A rule, the function finding its edits, and the characters it needs."""

    rule: Rule
    find: Callable[[str], list[Edit]]
    # a text holding none of these gives the rule nothing to do; empty: not checked
    needs: str


class Normalize(Stage):
    name = "normalize"
    kinds = ("regex", "map", "nfc", "opencc")

    def __init__(self, config: StageConfig, timeout: float) -> None:
        super().__init__(config, timeout)
        code = self.rule_code()
        self.steps = [RuleStep(rule, code[rule.id], rule.needed_chars()) for rule in config.rules]
        self.settle_steps = [step for step in self.steps if self.settings(step.rule).flag("settle")]
        self.settle_rounds = self.settings().integer("settle_rounds") if self.settle_steps else 0
        self.prescan = Prescan.of(config.rules)

    def compile_rule(self, rule: Rule) -> Callable[[str], list[Edit]]:
        if rule.kind == "regex":
            return lambda text: rule.find_edits(text, self.timeout)
        if rule.kind == "map":
            table = str.maketrans(dict(rule.table))
            chars = regex.compile(self.map_pattern(rule), regex.VERSION1)

            def find_map(text: str) -> list[Edit]:
                try:
                    return [Edit(m.start(), m.group(), m.group().translate(table), rule.id)
                            for m in chars.finditer(text, timeout=self.timeout)]
                except TimeoutError:
                    raise RuleError(f"rule {rule.id}: context ran over {self.timeout:g}s and was stopped "
                                    "(catastrophic backtracking?)", rule.source) from None
            return find_map
        if rule.kind == "nfc":
            return lambda text: (
                [] if unicodedata.is_normalized("NFC", text)
                else line_edits(text, lambda s: unicodedata.normalize("NFC", s), rule.id)
            )
        convert = opencc_converter(rule.config)  # kind opencc
        return lambda text: [] if convert(text) == text else line_edits(text, convert, rule.id)

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
        text, made = doc.text, len(doc.steps)
        scanned = self.prescan.finds_nothing(text, self.timeout)
        idle = self.run_steps(doc, self.steps, scanned)
        if len(doc.steps) == made:  # no rule found anything: the settle rules would find nothing again
            if not scanned:
                self.prescan.note_idle(text)  # a scan would have told: it counts toward compiling one
            return doc
        for _ in range(self.settle_rounds):
            made = len(doc.steps)
            idle = self.run_steps(doc, self.settle_steps, idle)
            if len(doc.steps) == made:
                break
        return doc

    def run_steps(self, doc: Document, steps: list[RuleStep], idle: bool) -> bool:
        """Apply ``steps`` in order, skipping those that cannot fire.

        A rule cannot fire while ``idle`` (the prescan found nothing and the
        text has not changed since) if it is prescanned, nor if the text holds
        none of the characters it needs.  Returns whether ``idle`` still holds.
        """
        for rule, find, needs in steps:
            if idle and rule.id in self.prescan.ids:
                continue
            text = doc.text
            if needs and not holds_any(text, needs):
                continue
            made = len(doc.steps)
            doc.apply(self.name, find(text))
            idle = idle and len(doc.steps) == made
        return idle
