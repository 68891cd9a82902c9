"""Replay a document's change records over its raw text, keeping what each removed.

The review page shows the clean text with every change in place, removed
text included.  Replaying the steps forward over the raw text gives that
text as *runs*: pieces that are either still there (the clean text, raw or
written by a change) or gone (removed by a change, with what removed them).
A change made late can remove text an earlier one wrote (a paragraph that
dedup drops after its commas were made full-width); the runs keep both.

A change record whose ``before`` equals its ``after`` changes nothing: it
marks a *suspect* a rule looked at and kept (its ``note`` says why).  Such
records restore and undo as no-ops, so a stage may write them into a change
log of format version 1 as it stands; the review marks the text they cover.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import NamedTuple

from .document import Change
from .errors import RestoreError

NONE = -1  # no change: raw text, not removed, not flagged


class Run(NamedTuple):
    """A piece of text in the replay: ``made_by`` the change that wrote it (or
    NONE: raw), ``removed_by`` the change that removed it (NONE: in the clean
    text), ``flagged_by`` a kept suspect covering it (NONE: none)."""

    text: str
    made_by: int = NONE
    removed_by: int = NONE
    flagged_by: int = NONE


@dataclass
class Piece:
    """A stretch of the raw input cleaned on its own (a chunk of a file, a JSONL
    record's field): ``changes`` have raw ``start``/``end`` in the whole
    document, ``step``/``at`` within this piece."""

    start: int
    raw: str
    changes: list[Change] = field(default_factory=list)
    clean_length: int | None = None  # what the log says its clean text is, if known


@dataclass
class ReviewDoc:
    """One document to review: its raw text and every change made to it.

    ``after`` holds the rewrites of the whole clean text made once every
    piece was cleaned (``--dedup-across``); their raw spans are unknown.
    """

    name: str
    raw: str
    pieces: list[Piece]
    after: list[Change] = field(default_factory=list)

    @property
    def changes(self) -> list[Change]:
        """Every change in log order; a change's id is its index here."""
        return [c for p in self.pieces for c in p.changes] + self.after

    def is_placed(self, change_id: int) -> bool:
        """Whether the change has a raw span (``after`` rewrites have none)."""
        return change_id < sum(len(p.changes) for p in self.pieces)


def replay(doc: ReviewDoc) -> list[Run]:
    """The runs of ``doc``: every piece replayed step by step, then the ``after`` steps.

    Raises :class:`RestoreError` when a change does not fit the text (the log
    is not of this input, or was edited).
    """
    runs: list[Run] = []
    first = 0
    for piece in doc.pieces:
        piece_runs = [Run(piece.raw)] if piece.raw else []
        piece_runs = replay_steps(piece_runs, piece.changes, first, doc.name)
        if piece.clean_length is not None and live_length(piece_runs) != piece.clean_length:
            raise RestoreError(f"replaying the change log gives {live_length(piece_runs)} clean "
                               f"characters, not the {piece.clean_length} it records "
                               "(log damaged, or not of this input?)", doc.name)
        runs += piece_runs
        first += len(piece.changes)
    return replay_steps(runs, doc.after, first, doc.name)


def replay_steps(runs: list[Run], changes: list[Change], first: int, where: str) -> list[Run]:
    """Apply ``changes`` (ids from ``first``) step by step, each step's edits by offset.

    The suspects kept in a step's input (``before == after``) are marked
    before its edits: they change nothing, and may overlap an edit of the
    step that follows them (a paragraph removed that holds one).
    """
    by_step: dict[tuple[int, bool], list[tuple[int, int]]] = {}
    for n, c in enumerate(changes):
        by_step.setdefault((c.step, c.before != c.after), []).append((c.at, n))
    for step in sorted(by_step):
        edits = sorted(by_step[step])
        runs = apply_step(runs, [(changes[n], first + n) for _, n in edits], where)
    return runs


def apply_step(runs: list[Run], edits: list[tuple[Change, int]], where: str) -> list[Run]:
    """One step: each edit removes ``before`` at live offset ``at`` and writes
    ``after`` right behind it; removed text stays, as runs marked removed.

    One walk along the runs; ``edits`` are sorted and do not overlap.
    """
    out: list[Run] = []
    rest = iter(runs)
    cur = next(rest, None)
    pos = 0  # live offset where ``cur`` starts
    for change, cid in edits:
        at = change.at
        # copy what lies before the edit, removed runs at its offset included
        while cur is not None and (cur.removed_by != NONE or pos + len(cur.text) <= at):
            out.append(cur)
            if cur.removed_by == NONE:
                pos += len(cur.text)
            cur = next(rest, None)
        if cur is not None and pos < at:
            out.append(cur._replace(text=cur.text[: at - pos]))
            cur = cur._replace(text=cur.text[at - pos :])
            pos = at
        if pos != at:
            raise mismatch(change, where, "the text ends before it")
        suspect = change.before == change.after
        need = len(change.before)
        taken: list[str] = []
        while need:
            if cur is None:
                raise mismatch(change, where, "the text ends inside it")
            if cur.removed_by != NONE:  # removed earlier, inside this edit's span
                out.append(cur)
                cur = next(rest, None)
                continue
            text = cur.text[:need]
            taken.append(text)
            out.append(cur._replace(text=text, flagged_by=cid) if suspect
                       else cur._replace(text=text, removed_by=cid))
            if len(text) < len(cur.text):
                cur = cur._replace(text=cur.text[len(text) :])
            else:
                cur = next(rest, None)
            pos += len(text)
            need -= len(text)
        if "".join(taken) != change.before:
            raise mismatch(change, where, "the text there differs")
        if change.after and not suspect:
            out.append(Run(change.after, made_by=cid))
    if cur is not None:
        out.append(cur)
    out.extend(rest)
    return out


def mismatch(change: Change, where: str, why: str) -> RestoreError:
    return RestoreError(f"change {change.rule} (step {change.step}, at {change.at}) does not fit "
                        f"the input: {why} (log damaged, or not of this input?)", where)


def live_length(runs: list[Run]) -> int:
    return sum(len(r.text) for r in runs if r.removed_by == NONE)


def clean_text(runs: list[Run]) -> str:
    """The clean text: what no change removed."""
    return "".join(r.text for r in runs if r.removed_by == NONE)


def raw_removed(runs: list[Run]) -> int:
    """Raw characters that cleaning removed or replaced."""
    return sum(len(r.text) for r in runs if r.made_by == NONE and r.removed_by != NONE)


def merged(runs: list[Run]) -> Iterator[Run]:
    """Neighbouring runs of the same kind as one."""
    prev: Run | None = None
    for r in runs:
        if prev is not None and prev[1:] == r[1:]:
            prev = prev._replace(text=prev.text + r.text)
            continue
        if prev is not None:
            yield prev
        prev = r
    if prev is not None:
        yield prev
