"""Layout debris on the raw page (SPEC rules 12, 13 and the credit part of 2).

Runs before ``paragraphs``, on lines as the page printed them.  Each rule of
``rules/debris.toml`` is one step, in file order:

* ``marker-page-jump`` (stage code, the rule's own patterns): a page-jump
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

from ..document import Document, Edit
from ..folio import Folio, parse_folio
from ..layout import drop_lines
from ..numerals import page_number
from ..pattern_chars import MAX_QUICK_CHARS, char_positions, holds_any, required_chars
from ..patterns import ParamPattern, char_class
from ..roles import folio_before_credit, folio_runs, solid_len
from ..rules import Rule, StageConfig
from ..shape import Line, Shape, lines
from ..stage import Stage, handles

# every folio holds a date (led by its year's 年, which the search finds quickly)
_FOLIO_DATE = re.compile(r"年\s*\d{1,2}\s*月\s*\d{1,2}\s*日")
# a page number's line: short, with a digit (searched from the line break before it,
# which the search finds quickly; the text's first line is looked at apart)
_SHORT_LINE = re.compile(r"\n([^\n\d]{0,6}\d[^\n]{0,8})(?=\n|\Z)")
FOLIO_LINE_MAX = 60  # characters of a line holding a folio, blanks aside (an editor's credit may follow)
CUT_CONTEXT = 8  # characters at the end of a line that a marker's head cut from its rest may take


def _line_at(text: str, at: int) -> str:
    """The line of ``text`` that offset ``at`` falls in."""
    end = text.find("\n", at)
    return text[text.rfind("\n", 0, at) + 1 : end if end >= 0 else len(text)]


Step = Callable[[str], list[Edit]]  # a rule's edits of a text


class Debris(Stage):
    name = "debris"
    kinds = ("regex",)

    def __init__(self, config: StageConfig, timeout: float) -> None:
        super().__init__(config, timeout)
        self.steps: list[Step] = list(self.rule_code().values())

    def compile_rule(self, rule: Rule) -> Step:
        needs = rule.needed_chars()
        return lambda text: rule.find_edits(text, self.timeout) if not needs or holds_any(text, needs) else []

    @handles("furniture-folio")
    def folio(self, rule: Rule) -> Step:
        """Folio lines go (:func:`remove_folios`), a folio split over several lines as one change."""
        return lambda text: remove_folios(text, rule.id, self.shape)

    @handles("furniture-page-number")
    def page_number(self, rule: Rule) -> Step:
        """Bare page numbers left by a page or image break go (:func:`remove_page_numbers`)."""
        params = self.settings(rule)
        pattern, run_end = params.pattern("pattern"), params.pattern("run_end")
        return lambda text: remove_page_numbers(text, pattern, rule.id, run_end, self.shape)

    @handles("marker-page-jump")
    def page_jump(self, rule: Rule) -> Step:
        """Page-jump markers go (:func:`remove_page_markers`): those opening a line
        (params ``lead``) and those closing it (``tail``)."""
        params = self.settings(rule)
        lead, tail, cut = params.pattern("lead"), params.pattern("tail"), params.pattern("cut")
        can_hold = marker_hint(lead, tail)
        return lambda text: remove_page_markers(text, lead, tail, rule.id, can_hold, cut)

    @handles("credit-photo-split-wrapped")
    def wrapped_credit(self, rule: Rule) -> Step:
        """A photo credit wrapped onto the line after its caption's last sentence goes apart
        (:func:`split_wrapped_credits`): the rule's pattern, searched only where it can end."""
        params = self.settings(rule)
        pattern, replace = params.pattern("pattern"), params.text("replace")
        hint = chars_hint(required_chars(pattern.compiled))
        return lambda text: split_wrapped_credits(text, pattern, replace, rule.id, hint)

    def run(self, doc: Document) -> Document:
        for step in self.steps:
            doc.apply(self.name, step(doc.text))
        return doc


def _rows(text: str) -> tuple[list[str], list[int]]:
    """The lines of ``text``, blank ones included, and the offset of each."""
    rows = text.split("\n")
    starts: list[int] = []
    at = 0
    for row in rows:
        starts.append(at)
        at += len(row) + 1
    return rows, starts


def _drop_rows(text: str, rows: list[str], starts: list[int], first: int, last: int,
               rule: str, note: str) -> Edit:
    """An edit deleting rows ``first..last`` (the last one not blank) with the line breaks
    after them, or, when no text follows, with those before them."""
    after = next((k for k in range(last + 1, len(rows)) if rows[k].strip()), None)
    if after is not None:
        start, end = starts[first], starts[after]
    else:
        before = next((k for k in range(first - 1, -1, -1) if rows[k].strip()), None)
        start = starts[before] + len(rows[before]) if before is not None else 0
        end = starts[last] + len(rows[last]) if before is not None else len(text)
    return Edit(start, text[start:end], "", rule, note)


def remove_folios(text: str, rule: str, shape: Shape | None = None) -> list[Edit]:
    """Edits removing each folio (:func:`cleanup.roles.folio_runs`); a change's ``before``
    is the folio as the page printed it, which :func:`cleanup.folio.parse_folio` reads."""
    dated = {text.count("\n", 0, m.start()) for m in _FOLIO_DATE.finditer(text)
             if solid_len(_line_at(text, m.start())) <= FOLIO_LINE_MAX}
    if not dated:
        return []  # every folio holds a date, on a short line
    rows, starts = _rows(text)
    edits = []
    runs = folio_runs(rows, shape=shape)
    for run in runs:
        last = max(k for k in run if rows[k].strip())
        folio = parse_folio(" ".join(rows[k].strip() for k in run))
        edits.append(_drop_rows(text, rows, starts, run.start, last, rule, _folio_note(folio)))
    in_runs = {k for run in runs for k in run}
    for k in sorted(dated - in_runs):
        row = rows[k]
        if end := folio_before_credit(row, shape):
            lead = len(row) - len(row.lstrip())
            cut = end + len(row[end:]) - len(row[end:].lstrip())  # the blanks before the credit go too
            edits.append(Edit(starts[k] + lead, row[lead:cut], "", rule,
                              _folio_note(parse_folio(row[:end])) + "; the editor's credit after it stays"))
    return _merge(edits)


def _folio_note(folio: Folio | None) -> str:
    """The note of a folio's removal: what it says."""
    if folio is None:
        return "folio"
    return "folio: " + ", ".join(f"{k} {v}" for k, v in folio._asdict().items() if v is not None)


def remove_page_numbers(text: str, pattern: ParamPattern, rule: str, run_end: ParamPattern,
                        shape: Shape) -> list[Edit]:
    """Edits removing lines that hold only a page number, unless a line next to one
    holds only a number too (a table's column, not a page break), or the number
    goes on a Latin or digit run that a narrow column wrapped: the line before it
    ends in one (``run_end``) and the line after it goes on the sentence, printed
    right after it or, once paragraphs are joined, a paragraph of body text
    (``iPhone | 11 | 是……``).  The development set's page numbers all stand after
    Han text (a section's name, a sentence cut by the page break)."""
    first = text[: text.find("\n")] if "\n" in text else text
    if not (pattern.match(first.strip()) or any(pattern.match(m.group(1).strip()) for m in _SHORT_LINE.finditer(text))):
        return []
    rows, starts = _rows(text)
    found = [k for k, row in enumerate(rows) if row.strip() and len(row) < 16 and pattern.match(row.strip())]
    numbers = set(found)
    edits = []
    for k in found:
        prev = next((j for j in range(k - 1, -1, -1) if rows[j].strip()), None)
        nxt = next((j for j in range(k + 1, len(rows)) if rows[j].strip()), None)
        if prev in numbers or nxt in numbers or (prev is None and nxt is None):
            continue
        if (prev is not None and nxt is not None and run_end.search(rows[prev])
                and (prev == k - 1 and nxt == k + 1 or shape.ends_like_body(rows[nxt].rstrip()))):
            continue
        edits.append(_drop_rows(text, rows, starts, k, k, rule, f"page number {rows[k].strip()}"))
    return _merge(edits)


def _merge(edits: list[Edit]) -> list[Edit]:
    """Sorted edits, without overlaps (two drops side by side reach for the same break)."""
    out: list[Edit] = []
    for e in sorted(edits, key=lambda e: e.at):
        if out and e.at < out[-1].end:
            continue
        out.append(e)
    return out


def split_wrapped_credits(text: str, pattern: ParamPattern, replace: str, rule: str, hint: str) -> list[Edit]:
    """Each match of ``pattern``, a credit over two lines and its caption's end before it,
    made ``replace`` (expanded).  A match ends a line holding one of the characters
    ``hint`` (摄), so only that line and the one before it are searched, not the whole text."""
    edits: list[Edit] = []
    at = -1
    for line in lines_holding(text, hint):
        start = text.rfind("\n", 0, max(line.start - 1, 0)) + 1
        for m in pattern.finditer(text, start, line.end):
            if m.start() > at:
                edits.append(Edit(m.start(), m.group(), m.expand(replace), rule))
                at = m.end()
    return edits


def marker_hint(lead: ParamPattern, tail: ParamPattern) -> str:
    """The characters every marker holds one of, when the patterns tell them ('' if not).

    A line break is left out: a marker lies within one line.
    """
    lead_chars, tail_chars = required_chars(lead.compiled), required_chars(tail.compiled)
    if lead_chars is None or tail_chars is None:
        return ""
    return chars_hint((lead_chars | tail_chars) - {"\n"})


def chars_hint(chars: frozenset[str] | None) -> str:
    """``chars`` as :func:`lines_holding`'s hint, in order; '' if none are known."""
    return "".join(sorted(chars)) if chars else ""


def remove_page_markers(text: str, lead: ParamPattern, tail: ParamPattern, rule: str,
                        can_hold: str = "", cut: ParamPattern | None = None) -> list[Edit]:
    """Edits removing page-jump markers at the start or end of each line.

    A line that holds nothing but markers is dropped with its line break.
    A marker cut over two lines (…出席会议。■下 | 转第2版, ■下转第4 | 版) goes as one
    edit, where ``cut`` finds it closing the end of a line and the whole line after it.
    Only the lines holding one of the characters ``can_hold`` (:func:`marker_hint`)
    can hold a marker, so only they are searched with the timed patterns.
    """
    held = [(line, find_markers(line, lead, tail)) for line in lines_holding(text, can_hold)]
    if not held or (cut is None and not any(found for _, found in held)):
        return []  # no line can hold a marker, whole or cut
    all_lines = lines(text)
    index = {line.start: i for i, line in enumerate(all_lines)}
    marked = {index[line.start] for line, found in held if found}
    drops: list[tuple[int, str, str]] = []
    trims: list[Edit] = []
    for line, found in held:
        i = index[line.start]
        whole = sum(m.end - m.start for m in found) == len(line.text)
        split = _cut_marker(all_lines, i, cut) if (whole or not found) and i - 1 not in marked else None
        if split is not None:
            head, page = split
            note = f"page {page}"
            if text[all_lines[i - 1].start : head].strip():  # text before the marker's head stays
                trims.append(Edit(head, text[head : line.end], "", rule, note))
            else:  # the head is a line of its own: the two lines go, as one edit
                first, second = drop_lines(text, all_lines, [(i - 1, rule, note), (i, rule, note)])
                trims.append(Edit(first.at, first.before + second.before, "", rule, note))
        elif whole:
            drops.append((i, rule, "page " + ", ".join(m.page for m in found)))
        else:
            trims.extend(Edit(line.start + m.start, line.text[m.start : m.end], "", rule, f"page {m.page}")
                         for m in found)
    edits = drop_lines(text, all_lines, drops) + trims
    return sorted(edits, key=lambda e: e.at)


def _cut_marker(all_lines: list[Line], i: int, cut: ParamPattern | None) -> tuple[int, str] | None:
    """Where a marker that line ``i`` is the whole rest of starts, at the end of the line
    before it (``cut`` finds the marker in the two read on as one), and the page it names."""
    if cut is None or i == 0:
        return None
    before, line = all_lines[i - 1], all_lines[i]
    tail = before.text[-CUT_CONTEXT:]
    m = cut.search(tail + line.text)
    if m is None or m.start() + len(m.group()) - len(m.group().lstrip()) >= len(tail):
        return None
    return before.end - len(tail) + m.start(), page_number(m.group("page"))


def lines_holding(text: str, hint: str) -> list[Line]:
    """The lines of ``text`` holding one of the characters ``hint``; every line without a hint.

    A few characters are found by ``str.find`` (a search for ``[版皮]`` took ten
    times as long on a page), more by one search for them all.
    """
    if not hint:
        return lines(text)
    hits = (char_positions(text, hint) if len(hint) <= MAX_QUICK_CHARS
            else [m.start() for m in re.finditer(char_class(hint), text)])
    found: list[Line] = []
    for hit in hits:
        if found and hit < found[-1].end:
            continue
        start = text.rfind("\n", 0, hit) + 1
        end = text.find("\n", hit)
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
