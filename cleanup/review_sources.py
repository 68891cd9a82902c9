"""Documents to review, with their changes: read from change logs, or made by cleaning.

A change log (``cleanup.changes``) holds every change but neither text; the
raw input it was written for is read beside it, decoded as its header says,
and checked against the header's sha256, so that a log is never shown over
another input.  Without a log the input is cleaned here, as ``cleanup``
would clean it.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from .changes import read_log, to_change
from .corpus import Fate, Parsed, on_probation, parse_record
from .document import Change
from .errors import CleanupError, InputError, RestoreError
from .io import RawReader, clean_chunks, clean_record_text
from .pipeline import Cleaner
from .review_replay import Piece, ReviewDoc


def read_header(log: Path) -> tuple[dict[str, Any], Iterator[dict[str, Any]]]:
    """The header of change log ``log`` and an iterator over the records after it."""
    lines = log.read_bytes().splitlines()
    records = read_log(lines, str(log))
    head = next(records, None)
    if head is None:
        raise RestoreError("empty change log", str(log))
    return head, records


def check_digest(data: bytes, head: dict[str, Any], src: Path, log: Path) -> None:
    if hashlib.sha256(data).hexdigest() != head["sha256"]:
        raise RestoreError(f"the change log {log} was not written for this input "
                           "(its sha256 differs: input edited, or not the pair)", str(src))


def doc_from_log(src: Path, log: Path, name: str | None = None) -> ReviewDoc:
    """A text file and its change log."""
    head, records = read_header(log)
    if head.get("jsonl"):
        raise RestoreError("this change log is of a JSONL corpus (review it with --jsonl)", str(log))
    data = src.read_bytes()
    check_digest(data, head, src, log)
    raw = data.decode(head["encoding"], "surrogateescape")
    pieces: list[Piece] = []
    after: list[Change] = []
    for rec in records:
        kind = rec["type"]
        if kind == "chunk":
            pieces.append(Piece(rec["start"], raw[rec["start"] : rec["end"]],
                                clean_length=rec["clean_end"] - rec["clean_start"]))
        elif kind == "change":
            if not pieces or rec.get("chunk") != len(pieces) - 1:
                raise RestoreError("a change record outside its chunk (log damaged?)", str(log))
            pieces[-1].changes.append(to_change(rec))
        elif kind == "after":
            after.append(Change(rec["rule"], rec["stage"], 0, 0, rec["before"], rec["after"],
                                rec["step"], rec["at"], rec.get("note", "")))
    return ReviewDoc(name or str(src), raw, pieces, after)


def doc_by_cleaning(src: Path, cleaner: Cleaner, encoding: str, errors: str,
                    name: str | None = None) -> ReviewDoc:
    """A text file cleaned now, chunk by chunk, as ``cleanup`` cleans it."""
    name = name or str(src)
    with open(src, "rb") as stream:
        reader = RawReader(stream, encoding, name)
        pieces = [Piece(chunk.start, chunk.raw,
                        [c._replace(start=c.start + chunk.start, end=c.end + chunk.start)
                         for c in chunk.changes + chunk.suspects], len(chunk.clean))
                  for chunk in clean_chunks(reader, cleaner, errors)]
    return ReviewDoc(name, "".join(p.raw for p in pieces), pieces)


def parsed_records(corpus: Path, field: str) -> Iterator[tuple[int, Parsed]]:
    """The line number and record of every line but blank ones; a line that is not a JSON
    object with that string field (cleaning skips it too) says why, as cleaning's error
    line does."""
    with open(corpus, "rb") as f:
        for number, line in enumerate(f, 1):
            if line.strip():
                yield number, parse_record(line, field, fate="not cleaned")


def jsonl_from_log(corpus: Path, log: Path) -> Iterator[ReviewDoc | tuple[str, str]]:
    """One document per record of a JSONL corpus, its changes from the run's log;
    a record that cannot be read is ``(name, error)``."""
    head, records = read_header(log)
    if not head.get("jsonl"):
        raise RestoreError("this change log is of a text file, not a JSONL corpus "
                           "(review it without --jsonl)", str(log))
    check_digest(corpus.read_bytes(), head, corpus, log)
    by_record: dict[int, list[Change]] = {}
    for rec in records:
        if rec["type"] == "change":
            by_record.setdefault(rec.get("record", 0), []).append(to_change(rec))
    field = head.get("text_field", "text")
    for number, (record, why) in parsed_records(corpus, field):
        name = f"{corpus}:{number}"
        if record is None:
            yield name, why
        else:
            text = record[field]
            yield ReviewDoc(name, text, [Piece(0, text, by_record.pop(number, []))])
    if by_record:
        raise RestoreError(f"changes for record {min(by_record)}, which the corpus lacks "
                           "(log damaged, or not of this corpus?)", str(log))


def jsonl_by_cleaning(corpus: Path, field: str, cleaner: Cleaner) -> Iterator[ReviewDoc | tuple[str, str]]:
    """One document per record of a JSONL corpus, cleaned now; a file whose first
    records all fail is one error, as cleaning it is (:func:`cleanup.corpus.on_probation`)."""
    if not corpus.is_file():
        raise InputError("no such file (check the path)", str(corpus))
    return on_probation(cleaned_records(corpus, field, cleaner), str(corpus), field)


def cleaned_records(corpus: Path, field: str, cleaner: Cleaner) -> Iterator[tuple[ReviewDoc | tuple[str, str], Fate]]:
    """Each record's document, or ``(name, error)``, with its fate."""
    for number, parsed in parsed_records(corpus, field):
        name = f"{corpus}:{number}"
        if parsed.record is None:
            yield (name, parsed.reason), parsed.fate
            continue
        text = parsed.record[field]
        try:
            doc = clean_record_text(text, cleaner, name)
        except CleanupError as e:  # a rule timeout: this record only, as cleaning does
            yield (name, e.message), parsed.fate
            continue
        yield ReviewDoc(name, text, [Piece(0, text, doc.records, len(doc.text))]), parsed.fate
