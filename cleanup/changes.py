"""The change log: every change as JSON Lines, enough to explain and to restore.

``cleanup page.txt -o clean.txt --changes page.changes.jsonl`` writes it;
``cleanup restore clean.txt --changes page.changes.jsonl -o raw.txt``
rebuilds the input byte for byte from it.

Format (version 1)
------------------
UTF-8 JSON Lines; U+0085, U+2028 and U+2029 are escaped (``\\uXXXX``), so
that a reader splitting lines at them too gets whole records, and a line
holding a lone surrogate (standing for an undecodable byte) is
ASCII-escaped whole, so that it survives.  Every line has ``v`` (format
version, 1) and ``type``.

1. First line, ``type: "header"``::

     {"v": 1, "type": "header", "file": "page.txt", "encoding": "utf-8",
      "sha256": "<hex of the raw input bytes>", "profile": "zh-news",
      "rules": [], "disable": [], "cleanup": "0.1.0"}

   ``encoding`` is the codec the input was read with (``utf-16-le`` for
   UTF-16 with a BOM: the BOM itself is a recorded change).  ``sha256``
   lets restore prove it rebuilt the very same bytes.

2. Per chunk of the input (one for any normal page; see ``cleanup.io``),
   a ``type: "chunk"`` line, then the chunk's changes::

     {"v": 1, "type": "chunk", "chunk": 0, "start": 0, "end": 5210,
      "byte_start": 0, "byte_end": 15428, "clean_start": 0, "clean_end": 4987}

   ``start:end`` is the chunk's span of the raw input in characters,
   ``byte_start:byte_end`` in bytes of the input encoding,
   ``clean_start:clean_end`` its span of the clean output in characters.

3. One ``type: "change"`` line per change, in the order they were made::

     {"v": 1, "type": "change", "chunk": 0, "rule": "punct-comma-fullwidth",
      "stage": "normalize", "start": 120, "end": 121, "byte_start": 342,
      "byte_end": 343, "line": 3, "col": 12, "before": ",", "after": "，",
      "step": 6, "at": 118, "note": ""}

   ``start:end`` is the half-open span of the raw input the change
   touches, in characters (``byte_start:byte_end`` the same in bytes of
   the input encoding); ``line``/``col`` (1-based, columns in characters;
   CRLF, CR and LF each end a line: :mod:`cleanup.linecol`) place its start.  ``step`` (the
   rewrite the change belongs to, counted within its chunk) and ``at``
   (its offset in the text that step rewrote) let restore undo the steps
   in reverse order.  ``note`` is the evidence for the decision, if any.

4. After the chunks, ``type: "after"`` lines: changes made to the whole
   clean text once every chunk was cleaned (``--dedup-across`` removes a
   paragraph that repeats an earlier file's)::

     {"v": 1, "type": "after", "rule": "dedup-across", "stage": "dedup",
      "before": "...\\n\\n", "after": "", "step": 0, "at": 4170,
      "note": "copy of a.txt paragraph 3 (ratio 100)"}

   ``at`` is an offset of the clean text as the chunks made it; ``step``
   counts these rewrites.  Restore undoes them first, then the chunks; to
   do so it reads that clean text whole (archive dedup works on pages, not
   on files of gigabytes, which keep restoring chunk by chunk).

Besides the rules of a profile, three rule ids come from the tool itself:
``decode-replace`` (an undecodable byte replaced by U+FFFD under
``--errors replace``, or a lone surrogate in a JSONL string), ``chunk-join``
and ``chunk-cut`` (line breaks where two chunks meet).

For ``--jsonl`` runs the header has ``"jsonl": true`` and ``text_field``;
there are no chunk lines, and each change has ``record`` (the 1-based line
of the corpus) with offsets inside that record's field (bytes in UTF-8).
A record cleaning changed is written anew; when that does not give its
line back as the input spelled it, a ``type: "record"`` line before its
changes keeps the rest of the line (:func:`cleanup.jsonlines.frame_of`)::

     {"v": 1, "type": "record", "record": 7, "prefix": "{\"id\":7,\"text\":",
      "suffix": "}", "escape": "ascii"}

``restore`` rebuilds such a corpus too, line by line: a line without
changes is the input's, the others have their changes undone.
"""

from __future__ import annotations

import hashlib
import io
import json
from collections.abc import Iterable, Iterator
from typing import IO, Any, BinaryIO

from .document import Change, undo
from .errors import RestoreError
from .jsonlines import dump_json, json_line, json_str, rebuild_body
from .linecol import FIRST, LineIndex

VERSION = 1
_SHA_PLACEHOLDER = "0" * 64


def dump(record: dict[str, Any]) -> bytes:
    """A change-log line (see :func:`~cleanup.jsonlines.json_line`)."""
    return dump_json(record) + b"\n"


def header(file: str, encoding: str, profile: str, rules: Iterable[str] = (),
           disable: Iterable[str] = (), **extra: Any) -> dict[str, Any]:
    from . import __version__

    return {"v": VERSION, "type": "header", "file": file, "encoding": encoding,
            "sha256": _SHA_PLACEHOLDER, "profile": profile, "rules": list(rules),
            "disable": list(disable), "cleanup": __version__, **extra}


class Locator(LineIndex):
    """Byte offset, line and column of character offsets in one piece of text.

    ``base_char``, ``base_byte`` and ``start`` (line and column, 1-based)
    place the piece in the whole input (a chunk starts anywhere).
    Byte offsets are exact for encodings that encode each character on its
    own (UTF-8, UTF-16/32, GB18030, Big5, ...); in an encoding that carries
    state from one character to the next (UTF-7, ISO-2022) a character has
    no byte offset of its own, and the one given is approximate.
    """

    def __init__(self, text: str, encoding: str, base_char: int = 0, base_byte: int = 0,
                 start: tuple[int, int] = FIRST, errors: str = "surrogateescape") -> None:
        super().__init__(text, start)
        self.text = text
        self.encoding = encoding
        self.errors = errors
        self.base = (base_char, base_byte)
        self._byte_cache: dict[int, int] = {0: 0}

    def learn(self, positions: Iterable[int]) -> None:
        """Work out the byte offsets of ``positions`` in one walk along the piece.

        Changes come step after step, each step from the start of the text
        again: offsets found one at a time would walk the text once a step.
        """
        cache, text, encoding, errors = self._byte_cache, self.text, self.encoding, self.errors
        last = at = 0
        for pos in sorted(set(positions)):
            at += len(text[last:pos].encode(encoding, errors))
            cache[pos] = at
            last = pos

    def byte(self, pos: int) -> int:
        """Byte offset (whole input) of character ``pos`` of the piece."""
        if pos not in self._byte_cache:
            self.learn([pos])
        return self.base[1] + self._byte_cache[pos]

    def change_line(self, c: Change, where: str) -> bytes:
        """The log line of change ``c``; ``where`` names its piece (``"chunk": 0``).

        Written out directly rather than by ``json``: a big file has millions of
        changes, and encoding a dict each would cost far more; the line is the
        same as :func:`dump` writes of that dict.
        """
        line, col = self.line_col(c.start)
        return json_line(
            f'{{"v": {VERSION}, "type": "change", {where}, "rule": {json_str(c.rule)}, '
            f'"stage": {json_str(c.stage)}, "start": {self.base[0] + c.start}, "end": {self.base[0] + c.end}, '
            f'"byte_start": {self.byte(c.start)}, "byte_end": {self.byte(c.end)}, "line": {line}, "col": {col}, '
            f'"before": {json_str(c.before)}, "after": {json_str(c.after)}, "step": {c.step}, "at": {c.at}, '
            f'"note": {json_str(c.note)}}}'
        ) + b"\n"


class LogWriter:
    """Write a change log to a seekable binary file, header first.

    The raw input's sha256 is known only at the end, so the header carries a
    placeholder that :meth:`finish` overwrites in place (same length).
    """

    def __init__(self, out: BinaryIO, head: dict[str, Any]) -> None:
        self.out = out
        line = dump(head)
        self._sha_at = out.tell() + line.index(_SHA_PLACEHOLDER.encode())
        out.write(line)

    def chunk(self, index: int, raw: str, clean: str, changes: list[Change], encoding: str,
              start: int, byte_start: int, line_col: tuple[int, int], clean_start: int) -> None:
        """Write the chunk's record, then its changes'; ``line_col`` places its first character."""
        loc = Locator(raw, encoding, start, byte_start, line_col)
        self.out.write(dump({"v": VERSION, "type": "chunk", "chunk": index, "start": start,
                             "end": start + len(raw), "byte_start": byte_start,
                             "byte_end": loc.byte(len(raw)), "clean_start": clean_start,
                             "clean_end": clean_start + len(clean)}))
        loc.learn([len(raw), *(c.start for c in changes), *(c.end for c in changes)])
        for c in changes:
            self.out.write(loc.change_line(c, f'"chunk": {index}'))

    def record(self, number: int, text: str, changes: list[Change],
               frame: dict[str, str] | None = None) -> None:
        """Changes of one JSONL record's field (offsets inside the field; a lone
        surrogate counts the 3 bytes it would take), after its frame if it has
        one (:func:`~cleanup.jsonlines.frame_of`)."""
        if frame is not None:
            self.out.write(dump({"v": VERSION, "type": "record", "record": number, **frame}))
        loc = Locator(text, "utf-8", errors="surrogatepass")
        loc.learn([*(c.start for c in changes), *(c.end for c in changes)])
        for c in changes:
            self.out.write(loc.change_line(c, f'"record": {number}'))

    def finish(self, sha256: str) -> None:
        end = self.out.tell()
        self.out.seek(self._sha_at)
        self.out.write(sha256.encode("ascii"))
        self.out.seek(end)


def append_after(log: BinaryIO, changes: Iterable[Change], after_step: int) -> None:
    """Write ``type: "after"`` lines for whole-text changes made after an
    existing log's last after-step ``after_step - 1`` (so reruns stack)."""
    for c in changes:
        log.write(dump({"v": VERSION, "type": "after", "rule": c.rule, "stage": c.stage,
                        "before": c.before, "after": c.after, "step": after_step + c.step,
                        "at": c.at, "note": c.note}))


def after_changes(log: IO[bytes], where: str) -> list[Change]:
    """The ``after`` records of a log, read in a first pass over it (then rewound).

    Only lines that say ``"type": "after"`` are parsed, so a large log costs
    one scan, and the memory of these records only.
    """
    start = log.tell()
    found: list[Change] = []
    for n, line in enumerate(log, 2):  # the header, line 1, was read already
        if b'"type": "after"' in line:
            try:
                rec = json.loads(line)
            except ValueError as e:
                raise RestoreError(f"not a JSON line ({e}) (is this a change log?)", f"{where}:{n}") from None
            check_fields(rec, f"{where}:{n}")
            found.append(Change(rec["rule"], rec["stage"], 0, 0, rec["before"], rec["after"],
                                rec["step"], rec["at"], rec.get("note", "")))
    log.seek(start)
    return found


def read_log(lines: Iterable[bytes | str], where: str) -> Iterator[dict[str, Any]]:
    """Parse a change log line by line; the first record must be its header."""
    for n, line in enumerate(lines, 1):
        try:
            rec = json.loads(line)
        except ValueError as e:
            raise RestoreError(f"not a JSON line ({e}) (is this a change log?)", f"{where}:{n}") from None
        if not isinstance(rec, dict) or "v" not in rec or not isinstance(rec.get("type"), str):
            raise RestoreError("not a change log record (no 'v'/'type')", f"{where}:{n}")
        if rec["v"] != VERSION:
            raise RestoreError(f"change log version {rec['v']} is not {VERSION} "
                               "(use the cleanup version that wrote it)", f"{where}:{n}")
        if n == 1 and rec["type"] != "header":
            raise RestoreError("the first line must be the header record", f"{where}:1")
        check_fields(rec, f"{where}:{n}")
        yield rec


_FIELDS: dict[str, dict[str, type]] = {
    "header": {"encoding": str, "sha256": str},
    "chunk": {"chunk": int, "start": int, "end": int, "clean_start": int, "clean_end": int},
    "change": {"rule": str, "stage": str, "start": int, "end": int, "before": str, "after": str,
               "step": int, "at": int},
    "after": {"rule": str, "stage": str, "before": str, "after": str, "step": int, "at": int},
}


def check_fields(rec: dict[str, Any], where: str) -> None:
    """A record of a known type has the fields restore reads, of the right types."""
    for key, kind in _FIELDS.get(rec["type"], {}).items():
        value = rec.get(key)
        if not isinstance(value, kind) or isinstance(value, bool):
            raise RestoreError(f"{rec['type']} record: field {key!r} is missing or not "
                               f"{'a number' if kind is int else 'a string'} (log damaged?)", where)


def to_change(rec: dict[str, Any]) -> Change:
    """A :class:`Change` with its chunk-local offsets (``start``/``end`` global)."""
    return Change(rec["rule"], rec["stage"], rec["start"], rec["end"], rec["before"],
                  rec["after"], rec["step"], rec["at"], rec.get("note", ""))


class TextReader:
    """Hand out an incrementally decoded UTF-8 stream, a given number of characters at a time."""

    def __init__(self, stream: BinaryIO, where: str, block: int = 1 << 20) -> None:
        import codecs

        self.stream = stream
        self.where = where
        self.block = block
        self.decoder = codecs.getincrementaldecoder("utf-8")()
        self.buf = ""
        self.pos = 0
        self.eof = False

    def take(self, n: int) -> str:
        while len(self.buf) < n and not self.eof:
            data = self.stream.read(self.block)
            self.eof = not data
            try:
                self.buf += self.decoder.decode(data, final=self.eof)
            except UnicodeDecodeError as e:
                raise RestoreError(f"clean text is not UTF-8 ({e.reason})", self.where) from None
        if len(self.buf) < n:
            raise RestoreError("clean text is shorter than the change log says "
                               "(was it edited or cut?)", self.where)
        out, self.buf = self.buf[:n], self.buf[n:]
        self.pos += n
        return out

    def take_rest(self) -> str:
        rest = self.buf
        while not self.eof:
            data = self.stream.read(self.block)
            self.eof = not data
            rest += self.decoder.decode(data, final=self.eof)
            if rest:
                break
        self.buf = ""
        return rest


def restore(clean: BinaryIO, log: IO[bytes], out: BinaryIO, clean_name: str, log_name: str) -> dict[str, Any]:
    """Rebuild the raw input from clean text and its change log; returns the header.

    Chunk by chunk: the clean text of a chunk, its changes undone, encoded
    back.  The bytes written must hash to the header's ``sha256``.
    """
    records = read_log(log, log_name)
    head = next(records, None)
    if head is None:
        raise RestoreError("empty change log", log_name)
    if head.get("jsonl"):
        return restore_corpus(head, records, clean, out, clean_name, log_name)
    encoding = head_encoding(head, log_name)
    after = after_changes(log, log_name)
    if after:  # undo the whole-text rewrites first: the chunks then see their own text
        try:
            whole = undo(clean.read().decode("utf-8"), after)
        except (UnicodeDecodeError, ValueError) as e:
            raise RestoreError(f"{e} (was the clean text edited after cleaning?)", clean_name) from None
        clean = io.BytesIO(whole.encode("utf-8"))
    text = TextReader(clean, clean_name)
    digest = hashlib.sha256()
    chunk: dict[str, Any] | None = None
    changes: list[Change] = []
    for rec in records:
        if rec["type"] == "chunk":
            if chunk is not None:
                write_chunk(chunk, changes, text, encoding, out, digest, clean_name)
            chunk, changes = rec, []
        elif rec["type"] == "change":
            changes.append(to_change(rec))
    if chunk is not None:
        write_chunk(chunk, changes, text, encoding, out, digest, clean_name)
    if text.take_rest():
        raise RestoreError("clean text is longer than the change log says (was it edited?)", clean_name)
    if digest.hexdigest() != head["sha256"]:
        raise RestoreError(f"restored bytes do not match the input's sha256 in {log_name} "
                           "(clean text or log edited, or not a pair)", clean_name)
    return head


def head_encoding(head: dict[str, Any], log_name: str) -> str:
    """The header's encoding, if Python can write text back in it."""
    from .io import text_codec  # loaded by now in a run: no cost, and no import cycle

    try:
        text_codec(head["encoding"])
    except LookupError as e:
        raise RestoreError(f"header record: {e} (log damaged?)", f"{log_name}:1") from None
    return head["encoding"]


def write_chunk(chunk: dict[str, Any], changes: list[Change], text: TextReader, encoding: str,
                out: BinaryIO, digest: hashlib._Hash, where: str) -> None:
    if text.pos != chunk["clean_start"]:
        raise RestoreError(f"chunk {chunk['chunk']} starts at {chunk['clean_start']}, "
                           f"not {text.pos} (log out of order?)", where)
    piece = text.take(chunk["clean_end"] - chunk["clean_start"])
    try:
        raw = undo(piece, changes)
    except ValueError as e:
        raise RestoreError(f"{e} (was the clean text edited after cleaning?)", where) from None
    if len(raw) != chunk["end"] - chunk["start"]:
        raise RestoreError(f"chunk {chunk['chunk']} restores to {len(raw)} characters, "
                           f"not {chunk['end'] - chunk['start']}", where)
    data = raw.encode(encoding, "surrogateescape")
    digest.update(data)
    out.write(data)


# --- JSON Lines corpora ------------------------------------------------------------


def changes_by_record(records: Iterator[dict[str, Any]], where: str) -> Iterator[tuple[int, dict[str, Any] | None, list[Change]]]:
    """``(record number, frame, changes)`` for each record of a corpus's log, in order."""
    number: int = 0
    frame: dict[str, Any] | None = None
    changes: list[Change] = []
    for rec in records:
        if rec["type"] not in ("record", "change"):
            continue
        n = rec.get("record")
        if not isinstance(n, int) or isinstance(n, bool) or n < number:
            raise RestoreError(f"{rec['type']} record: field 'record' is missing or out of order "
                               "(log damaged?)", where)
        if n != number:
            if number:
                yield number, frame, changes
            number, frame, changes = n, None, []
        if rec["type"] == "record":
            frame = {k: v for k, v in rec.items() if k not in ("v", "type", "record")}
        else:
            changes.append(to_change(rec))
    if number:
        yield number, frame, changes


def restore_corpus(head: dict[str, Any], records: Iterator[dict[str, Any]], clean: BinaryIO,
                   out: BinaryIO, clean_name: str, log_name: str) -> dict[str, Any]:
    """Rebuild a JSON Lines corpus from the cleaned one and its log: a line with
    changes gets its field's changes undone and its frame back, the others are
    the input's as they are."""
    if str(head.get("file", "")).endswith(".parquet"):
        raise RestoreError("restore rebuilds text files and JSON Lines corpora, not Parquet "
                           "shards (keep the input shard)", log_name)
    field = head.get("text_field", "text")
    if not isinstance(field, str):
        raise RestoreError("header record: field 'text_field' is not a string (log damaged?)",
                           f"{log_name}:1")
    digest = hashlib.sha256()
    pending = changes_by_record(records, log_name)
    nxt = next(pending, None)
    number = 0
    for number, line in enumerate(clean, 1):
        if nxt is not None and nxt[0] == number:
            # a record whose log holds only suspects (before == after) was copied as it was
            if nxt[1] is not None or any(c.before != c.after for c in nxt[2]):
                line = rebuild_line(line, field, nxt[1], nxt[2], f"{clean_name}:{number}")
            nxt = next(pending, None)
        digest.update(line)
        out.write(line)
    if nxt is not None:
        raise RestoreError(f"the change log has changes for record {nxt[0]}, but the corpus has "
                           f"{number} lines (was it cut?)", clean_name)
    if digest.hexdigest() != head["sha256"]:
        raise RestoreError(f"restored bytes do not match the input's sha256 in {log_name} "
                           "(corpus or log edited, or not a pair)", clean_name)
    return head


def rebuild_line(line: bytes, field: str, frame: dict[str, Any] | None, changes: list[Change],
                 where: str) -> bytes:
    """A cleaned corpus line as the input had it."""
    body = line.rstrip(b"\r\n")
    try:
        record = json.loads(body)
    except ValueError as e:
        raise RestoreError(f"not a JSON record ({e}) (was the corpus edited after cleaning?)", where) from None
    if not isinstance(record, dict) or not isinstance(record.get(field), str):
        raise RestoreError(f"no string field {field!r} (was the corpus edited after cleaning?)", where)
    try:
        text = undo(record[field], changes)
    except ValueError as e:
        raise RestoreError(f"{e} (was the corpus edited after cleaning?)", where) from None
    return rebuild_body(record, field, text, frame) + line[len(body):]
