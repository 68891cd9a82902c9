"""The document model: raw input, current text, and every edit made to it.

Each stage rewrites the whole text in one *step*: a sorted list of
non-overlapping :class:`Edit`\\ s on the text as the step found it.  Keeping
the steps lets us

* map any place in the current text back to the raw input (provenance),
* undo the steps in reverse order and rebuild the raw input exactly.

A stage may also keep a doubt: an edit whose ``after`` is its ``before``
(a *suspect*, kept as it is).  It changes nothing and makes no step; the
document keeps it apart, and :attr:`Document.suspects` places it in the raw
input like a change, so that a person can see what was left and why.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from functools import partial
from itertools import repeat
from operator import add, itemgetter
from dataclasses import dataclass, field
from typing import Iterable, NamedTuple, Sequence

from .errors import ArgumentError


class Edit(NamedTuple):
    """Replace ``before`` at offset ``at`` of a step's input with ``after``.

    A named tuple rather than a frozen dataclass: stages make thousands a
    page, and a tuple is built about three times faster.
    """

    at: int
    before: str
    after: str
    rule: str
    note: str = ""

    @property
    def end(self) -> int:
        return self.at + len(self.before)


class Change(NamedTuple):
    """One change, explained: enough to show a person and to undo it.

    ``start:end`` is the half-open span of the *raw input* (in characters)
    the change touches; ``step`` and ``at`` place it in the chain of
    rewrites so that it can be undone exactly.  A named tuple, like
    :class:`Edit`: immutable, and cheap to build for every edit of a page.
    """

    rule: str
    stage: str
    start: int
    end: int
    before: str
    after: str
    step: int
    at: int
    note: str = ""


_new_change = partial(tuple.__new__, Change)  # Change(*fields) from an iterable of them


@dataclass(slots=True)
class Step:
    stage: str
    edits: list[Edit]
    # offset of each edit in this step's output, for mapping back
    out_starts: list[int] = field(default_factory=list)
    # whether every edit puts one character for one (see keeps_offsets); None until asked
    _one_for_one: bool | None = field(default=None, init=False, repr=False, compare=False)

    def keeps_offsets(self) -> bool:
        """Whether every edit puts one character for one (a comma made full-width):
        then every offset of the output is the same offset of the input, on either
        side, and mapping through the step moves nothing.  A raw page's first
        steps are such, and every later step's changes are mapped through them."""
        if self._one_for_one is None:
            edits = self.edits
            self._one_for_one = (set(map(len, map(itemgetter(1), edits))) == {1}
                                 and set(map(len, map(itemgetter(2), edits))) == {1})
        return self._one_for_one

    def to_inputs(self, positions: Iterable[int], side: str) -> list[int]:
        """Map offsets of this step's output to its input, in one call.

        Inside replaced text an offset snaps to the start (``side='start'``)
        or end (``side='end'``) of what was replaced.
        """
        out_starts, edits = self.out_starts, self.edits
        snap_end = side != "start"
        mapped: list[int] = []
        for pos in positions:
            i = bisect_right(out_starts, pos) - 1
            if i < 0:
                mapped.append(pos)
                continue
            e = edits[i]
            out_start = out_starts[i]
            out_end = out_start + len(e.after)
            if pos >= out_end:
                mapped.append(e.at + len(e.before) + pos - out_end)
            elif pos == out_start or not snap_end:
                mapped.append(e.at)
            else:
                mapped.append(e.at + len(e.before))
        return mapped

    def sorted_to_inputs(self, positions: list[int], side: str) -> list[int]:
        """:meth:`to_inputs` for ascending ``positions``, a run of them at a time.

        All positions that fall after the same edit move by the same amount,
        so the step is walked once per edit that has positions after it, not
        once per position; positions before the first edit stay as they are.
        The result is ascending too: the mapping never reverses order.
        """
        out_starts, edits = self.out_starts, self.edits
        count = len(positions)
        j = bisect_left(positions, out_starts[0])
        if j == count or self.keeps_offsets():
            return positions[:]
        mapped = positions[:j]
        last = len(edits) - 1
        while j < count:
            i = bisect_right(out_starts, positions[j]) - 1
            e = edits[i]
            out_start = out_starts[i]
            out_end = out_start + len(e.after)
            inside_end = bisect_left(positions, out_end, j)
            run_end = bisect_left(positions, out_starts[i + 1], inside_end) if i < last else count
            if inside_end > j:
                mapped += self._snap(positions, j, inside_end, e, out_start, side)
            shift = e.at + len(e.before) - out_end
            run = positions[inside_end:run_end]
            mapped += [pos + shift for pos in run] if shift else run
            j = run_end
        return mapped

    def carry(self, spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
        """``spans`` of this step's input where they lie in its output, with the spans
        this step wrote (an empty one where it deleted): sorted, those that meet merged.

        A span's start inside replaced text moves to the start of what replaced
        it, its end to the end: a span never shrinks past what it covered.
        """
        edits, out_starts = self.edits, self.out_starts
        ats = [e.at for e in edits]

        def forward(pos: int, start: bool) -> int:
            i = bisect_right(ats, pos) - 1
            if i < 0:
                return pos
            e, out_start = edits[i], out_starts[i]
            end = e.at + len(e.before)
            if pos >= end:
                return pos - end + out_start + len(e.after)
            return out_start if start else out_start + len(e.after)

        moved = [(forward(a, True), forward(b, False)) for a, b in spans]
        written = [(out, out + len(e.after)) for e, out in zip(edits, out_starts)]
        merged: list[tuple[int, int]] = []
        for a, b in sorted(moved + written):
            if merged and a <= merged[-1][1]:
                if b > merged[-1][1]:
                    merged[-1] = (merged[-1][0], b)
            else:
                merged.append((a, b))
        return merged

    @staticmethod
    def _snap(positions: list[int], lo: int, hi: int, e: Edit, out_start: int, side: str) -> list[int]:
        """Map ``positions[lo:hi]``, all inside ``e``'s replacement, to its start or end."""
        if side == "start":
            return [e.at] * (hi - lo)
        at_start = bisect_right(positions, out_start, lo, hi) - lo
        return [e.at] * at_start + [e.at + len(e.before)] * (hi - lo - at_start)


class Document:
    """Raw text, its current cleaned form, and the steps in between."""

    __slots__ = ("raw", "text", "steps", "name", "stats", "kept")

    def __init__(self, raw: str, name: str = "") -> None:
        if not isinstance(raw, str):
            hint = ": decode the bytes first" if isinstance(raw, (bytes, bytearray)) else ""
            raise ArgumentError(f"cleanup works on str, not {type(raw).__name__}{hint}")
        self.raw = raw
        self.text = raw
        self.steps: list[Step] = []
        self.name = name
        self.stats: dict[str, int] = {}
        # suspects kept: (the step whose input their offsets are in, stage, edit)
        self.kept: list[tuple[int, str, Edit]] = []

    def apply(self, stage: str, edits: Iterable[Edit]) -> None:
        """Apply one step of sorted, non-overlapping edits to ``text``.

        An edit whose ``after`` is its ``before`` is a suspect kept: it must
        match the text, and is recorded (:attr:`suspects`), not applied; a
        call with nothing else makes no step.
        """
        edits = list(edits)
        if not edits:
            return
        suspects = [e for e in edits if e.before == e.after]
        if suspects:
            self.keep(stage, suspects)
            edits = [e for e in edits if e.before != e.after]
            if not edits:
                return
        text = self.text
        parts: list[str] = []
        out_starts: list[int] = []
        last = 0
        out_len = 0
        # fields unpacked rather than read by name: a raw page has hundreds of edits
        for at, before, after, rule, _ in edits:
            if at < last:
                raise ValueError(f"{stage}: edits overlap or are unsorted at {at} ({rule})")
            end = at + len(before)
            if text[at:end] != before:
                raise ValueError(f"{stage}: edit {rule} at {at} does not match the text")
            parts.append(text[last:at])
            out_len += at - last
            out_starts.append(out_len)
            parts.append(after)
            out_len += len(after)
            last = end
        parts.append(text[last:])
        self.text = "".join(parts)
        self.steps.append(Step(stage, edits, out_starts))
        rules = [e.rule for e in edits]
        stats = self.stats
        for rule in dict.fromkeys(rules):  # a step's edits are mostly of one rule: counted in one call
            stats[rule] = stats.get(rule, 0) + rules.count(rule)

    def keep(self, stage: str, suspects: list[Edit]) -> None:
        """Record suspects of the current text, kept as they are."""
        text, step = self.text, len(self.steps)
        for e in suspects:
            if text[e.at : e.end] != e.before:
                raise ValueError(f"{stage}: suspect {e.rule} at {e.at} does not match the text")
            self.kept.append((step, stage, e))

    @property
    def suspects(self) -> list[Change]:
        """Every suspect kept, placed in the raw input like a change; one per
        rule and raw span (a stage run again over the same text finds it
        again), in the order first found.  Not in :attr:`changes`: it
        changes nothing, and undoing it is nothing."""
        out: list[Change] = []
        seen: set[tuple[str, int, int]] = set()
        for step, stage, e in self.kept:
            [start] = self.to_raw_all(step, [e.at], "start")
            [end] = self.to_raw_all(step, [e.end], "end")
            if (e.rule, start, end) not in seen:
                seen.add((e.rule, start, end))
                out.append(Change(e.rule, stage, start, end, e.before, e.after, step, e.at, e.note))
        return out

    @property
    def records(self) -> list[Change]:
        """What a change log holds: every change, then every suspect kept."""
        return self.changes + self.suspects

    def changed_since(self, step: int) -> list[tuple[int, int]]:
        """The spans of the current text that steps ``step`` and after wrote (an empty
        span where they deleted), sorted, those that meet merged.

        >>> doc = Document("甲乙丙丁")
        >>> doc.apply("a", [Edit(1, "乙", "", "r")])
        >>> doc.apply("b", [Edit(2, "丁", "戊己", "r")])
        >>> doc.text, doc.changed_since(0), doc.changed_since(1)
        ('甲丙戊己', [(1, 1), (2, 4)], [(2, 4)])
        """
        spans: list[tuple[int, int]] = []
        for s in self.steps[step:]:
            spans = s.carry(spans)
        return spans

    def to_raw_all(self, step: int, positions: list[int], side: str) -> list[int]:
        """Map offsets in the input of step ``step`` to the raw input, a step at a time."""
        if positions == sorted(positions):
            return self._sorted_to_raw(step, positions, side)
        for s in reversed(self.steps[:step]):
            positions = s.to_inputs(positions, side)
        return positions

    def _sorted_to_raw(self, step: int, positions: list[int], side: str) -> list[int]:
        """:meth:`to_raw_all` for ascending ``positions``, which stay ascending step after step
        (a step that keeps offsets is passed by: a page's changes are mapped through
        every step before their own)."""
        for s in reversed(self.steps[:step]):
            if not s.keeps_offsets():
                positions = s.sorted_to_inputs(positions, side)
        return positions

    @property
    def changes(self) -> list[Change]:
        """Every change, in the order it was made, with its raw-input span.

        A step's edits are sorted, so their starts and ends are too.  A span
        never comes out reversed: an offset's start-side image is never past
        its end-side one, and both mappings keep order.
        """
        out: list[Change] = []
        for n, step in enumerate(self.steps):
            ats, befores, afters, rules, notes = zip(*step.edits)
            starts = self._sorted_to_raw(n, list(ats), "start")
            ends = self._sorted_to_raw(n, list(map(add, ats, map(len, befores))), "end")
            # built column-wise, without a Python call per change: a page has hundreds
            out.extend(map(_new_change, zip(rules, repeat(step.stage), starts, ends, befores, afters,
                                            repeat(n), ats, notes)))
        return out


def steps_from_changes(changes: Iterable[Change]) -> list[Step]:
    """The steps that made ``changes``, rebuilt from their records.

    A :class:`Change` keeps its step, its offset in that step's input and
    the text before and after: enough to map places of the clean text back
    to the raw input when only a :class:`~cleanup.Result` or a change log is
    at hand, not the :class:`Document`.
    """
    by_step: dict[int, list[Edit]] = {}
    names: dict[int, str] = {}
    for c in changes:
        by_step.setdefault(c.step, []).append(Edit(c.at, c.before, c.after, c.rule, c.note))
        names[c.step] = c.stage
    steps: list[Step] = []
    for n in sorted(by_step):
        edits = sorted(by_step[n], key=lambda e: e.at)
        out_starts: list[int] = []
        shift = 0  # output offset minus input offset so far
        for e in edits:
            out_starts.append(e.at + shift)
            shift += len(e.after) - len(e.before)
        steps.append(Step(names[n], edits, out_starts))
    return steps


def clean_to_raw(steps: Sequence[Step], positions: list[int], side: str) -> list[int]:
    """Map offsets of the clean text (the last step's output) to the raw input.

    ``steps`` from :func:`steps_from_changes` or :attr:`Document.steps`.
    Inside replaced text an offset snaps to the start or end of what was
    replaced, as ``side`` says: a span mapped with ``start`` then ``end``
    covers all the raw text its clean text came from.

    >>> from cleanup import Cleaner
    >>> raw = "■本报讯,会议召开。"
    >>> result = Cleaner().clean(raw)
    >>> result.text
    '本报讯，会议召开。\\n'
    >>> steps = steps_from_changes(result.changes)
    >>> start, end = clean_to_raw(steps, [0], "start")[0], clean_to_raw(steps, [9], "end")[0]
    >>> start, end, raw[start:end]
    (1, 10, '本报讯,会议召开。')
    """
    for step in reversed(steps):
        if positions == sorted(positions):
            positions = step.sorted_to_inputs(positions, side)
        else:
            positions = step.to_inputs(positions, side)
    return positions


def undo(text: str, changes: Sequence[Change]) -> str:
    """Rebuild the raw input from the clean text and its changes (a suspect
    kept among them, whose ``after`` is its ``before``, undoes to nothing)."""
    by_step: dict[int, list[Change]] = {}
    for c in changes:
        if c.before != c.after:
            by_step.setdefault(c.step, []).append(c)
    for step in sorted(by_step, reverse=True):
        parts: list[str] = []
        last = 0
        delta = 0  # output offset minus input offset so far
        for c in sorted(by_step[step], key=lambda c: c.at):
            out_at = c.at + delta
            if text[out_at : out_at + len(c.after)] != c.after:
                raise ValueError(
                    f"change {c.rule} (step {c.step}, at {c.at}) does not match the text"
                )
            parts.append(text[last:out_at])
            parts.append(c.before)
            last = out_at + len(c.after)
            delta += len(c.after) - len(c.before)
        parts.append(text[last:])
        text = "".join(parts)
    return text
