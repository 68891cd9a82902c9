"""JSON Lines corpora: one record a line, one text field of each cleaned.

``cleanup --jsonl`` runs a corpus here; the engine reads and writes its JSONL
shards with the same pieces, so both write the same lines, change logs and
error lines.  A line without a record to clean (not JSON, no string text
field) is copied unchanged and reported; a blank line is copied silently.
"""

from __future__ import annotations

import hashlib
import json
import sys
from collections.abc import Iterable, Iterator
from contextlib import ExitStack
from pathlib import Path
from typing import Any, Literal, NamedTuple, TypeVar

from .changes import LogWriter, header
from .errors import InputError
from .io import atomic_output, clean_record_text
from .jsonlines import dump_json, frame_of
from .pipeline import Cleaner
from .report import COPIED, Outcome, error_line, located, no_field, not_json, report, summarize, text_diff
from .runner import CleanerSettings, Mode, Settings, open_log, stdout_bytes


# records: a file whose first this many all fail (not JSON, or without the text
# field) is not a corpus, or the field is misnamed; one error line says so,
# rather than one a line for the whole file
PROBATION = 10

T = TypeVar("T")
# a corpus line's fate (:attr:`Parsed.fate`): a record read; a failure (no record
# to clean on the line); or a blank line, which is neither
Fate = Literal["read", "failed", "blank"]


def on_probation(lines: Iterable[tuple[T, Fate]], name: str, field: str) -> Iterator[T]:
    """The items of the corpus ``name``'s ``lines`` (each given with its fate), in order.

    Until a record is read they are held; the :data:`PROBATION`-th failure
    among them raises one InputError instead (blank lines do not count).
    Cleaning a corpus, ``cleanup articles --jsonl`` and ``cleanup review
    --jsonl`` all read their corpora through it.
    """
    held: list[T] = []
    failures = 0
    rest = iter(lines)
    for item, fate in rest:
        if fate == "read":
            yield from held
            yield item
            yield from (item for item, _ in rest)
            return
        held.append(item)
        failures += fate == "failed"
        if failures == PROBATION:
            raise InputError(f"none of its first {PROBATION} records is a JSON object "
                             f"with a string field {field!r} (is it JSON Lines? check "
                             "--text-field, or drop --jsonl to clean it as text)", name)
    yield from held  # a short corpus of failed records only


class Parsed(NamedTuple):
    """What a corpus line holds (:func:`parse_record`)."""

    record: dict[str, Any] | None  # a record whose text field is a string
    reason: str  # else why there is none (the record's name left for the caller to give); "" if blank

    @property
    def fate(self) -> Fate:
        """The line's fate in :func:`on_probation`, for every command that reads a corpus.
        A record whose cleaning then fails (a rule's timeout) was read all the same:
        the file is a corpus, and its error says what to do about the rule."""
        return "read" if self.record is not None else "failed" if self.reason else "blank"


def parse_record(line: bytes, field: str, fate: str = COPIED) -> Parsed:
    """The record on ``line`` if its ``field`` is a string; else why not, saying
    the record was ``fate``."""
    body = line.rstrip(b"\r\n")
    if not body.strip():
        return Parsed(None, "")
    try:
        record = json.loads(body)
    except ValueError as e:
        return Parsed(None, not_json(e, fate))
    except RecursionError:  # arrays or objects nested thousands deep
        return Parsed(None, not_json(ValueError("nested too deeply to read"), fate))
    if not isinstance(record, dict) or not isinstance(record.get(field), str):
        return Parsed(None, no_field(field, fate))
    return Parsed(record, "")


def record_line(record: dict[str, Any], field: str, text: str, line: bytes) -> bytes:
    """``line`` with the record's ``field`` now ``text``, its line break kept."""
    body = line.rstrip(b"\r\n")
    return dump_json({**record, field: text}) + line[len(body):]


def log_header(name: str, settings: CleanerSettings, field: str) -> dict[str, Any]:
    """The header of a corpus's change log (no chunks; changes by record)."""
    return header(name, "utf-8", settings.profile, settings.rules, settings.disable,
                  jsonl=True, text_field=field)


def run_corpus(src: str, output: str | None, changes: str | None, field: str,
               settings: Settings, cleaner: Cleaner) -> int:
    """Clean ``field`` of every record of the corpus ``src`` (``-`` is stdin);
    returns the exit code."""
    from tqdm import tqdm

    mode = settings.mode
    path = None if src == "-" else Path(src)
    name = "<stdin>" if path is None else src
    outcomes: list[Outcome] = []
    with ExitStack() as stack:
        stream = sys.stdin.buffer if path is None else stack.enter_context(open(path, "rb"))
        out: Any = None
        if mode.write:
            out = stack.enter_context(atomic_output(Path(output))).file if output else stdout_bytes()
        log = None
        if changes:
            log = LogWriter(open_log(stack, Path(changes)), log_header(name, settings, field))
        total = path.stat().st_size if path is not None else None
        bar = stack.enter_context(tqdm(total=total, unit="B", unit_scale=True, file=sys.stderr,
                                       disable=not sys.stderr.isatty()))
        digest = hashlib.sha256()

        def lines() -> Iterator[tuple[tuple[Outcome, bytes], Fate]]:
            for number, line in enumerate(stream, 1):
                bar.update(len(line))
                digest.update(line)
                parsed = parse_record(line, field)
                outcome, new = clean_line(line, parsed, number, name, field, cleaner, log, mode)
                outcomes.append(outcome)
                yield (outcome, new), parsed.fate

        for outcome, new in on_probation(lines(), name, field):
            emit(outcome, new, out)
        if log is not None:
            log.finish(digest.hexdigest())
    return summarize(outcomes, mode.write, mode.check)


def emit(outcome: Outcome, line: bytes, out: Any) -> None:
    """Report a corpus line's error, write the line, print its diff."""
    if outcome.error:
        report(outcome.error)
    if out is not None:
        out.write(line)
    if outcome.text:
        stdout_bytes().write(outcome.text.encode("utf-8", "backslashreplace"))


def clean_line(line: bytes, parsed: Parsed, number: int, name: str, field: str, cleaner: Cleaner,
               log: LogWriter | None, mode: Mode) -> tuple[Outcome, bytes]:
    """One corpus line and what it holds: its outcome and the line to write (unchanged if it failed)."""
    where = f"{name}:{number}"
    record, reason = parsed
    if reason:
        return Outcome(where, "failed", located(where, reason)), line
    if record is None:  # a blank line
        return Outcome(where, "unchanged"), line
    try:
        doc = clean_record_text(record[field], cleaner, where)
    except Exception as e:  # a rule timeout or a bug: this record only
        return Outcome(where, "failed", error_line(e, where)), line
    if log is not None:
        frame = frame_of(line.rstrip(b"\r\n"), record, field, doc.raw) if doc.steps else None
        log.record(number, doc.raw, doc.records, frame)
    if not doc.steps:
        return Outcome(where, "unchanged"), line
    text = text_diff(doc.raw, doc.text, where) if mode.diff else ""
    return Outcome(where, "changed", text=text), record_line(record, field, doc.text, line)
