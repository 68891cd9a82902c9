"""Bytes in, text out, and back: decoding, chunking, walking, atomic writes.

Decoding always uses ``surrogateescape``: a byte the codec cannot decode
becomes one lone surrogate (U+DC80..U+DCFF), so the decoded text still
encodes back to the exact input bytes.  Whether such a byte is an error
(``--errors strict``, the default) or is replaced by U+FFFD and recorded as
a ``decode-replace`` change (``--errors replace``) is decided per chunk in
:func:`clean_chunks`, where its byte offset is known.

Large inputs are cleaned in *chunks* so memory stays bounded.  A chunk ends
at a paragraph boundary: a blank line whose previous line ends a sentence
(a sentence end of the page-shape vocabulary, :mod:`cleanup.shape`, then
closers, straight quotes included: the text is raw).  Such a
boundary is one that no stage joins across, so for a normal page chunked
output equals whole-file output.  The trade-off: stages that compare
paragraphs (dedup, fragments) only see within a chunk, and a paragraph
longer than ``HARD_MAX`` characters is cut after a sentence or clause end
inside it (or, with none, anywhere between two non-blank characters), so a rule
looking across that cut does not see it.  Pages are far below ``TARGET``
and are never cut.
"""

from __future__ import annotations

import codecs
import errno
import fnmatch
import io
import hashlib
import os
import re
import stat
import unicodedata
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path, PurePath
from typing import BinaryIO, NamedTuple

import regex

from . import guard
from .document import Change, Document, Edit
from .errors import CleanupError, InputError
from .linecol import FIRST, line_col
from .patterns import class_members
from .pipeline import Cleaner, replace_escapes, text_document
from .shape import Shape, load_shape

BLOCK = 1 << 20  # bytes read at a time
TARGET = 1 << 19  # characters: a chunk ends at the first boundary past this
HARD_MAX = 1 << 21  # characters: no boundary by here -> cut inside a paragraph
SAMPLE = 1 << 16  # bytes looked at to detect the encoding / binary data
TEMP_SUFFIX = ".cleanup-tmp"

JOIN_RULE = "chunk-join"
CUT_RULE = "chunk-cut"

_ESCAPED = re.compile(r"[\udc80-\udcff]+")
_GB = {"gb2312", "gbk", "gb18030", "cp936", "hz"}
_WIDE = ("utf-16", "utf-32")  # codecs whose text is not read byte by byte: no control-byte count


# --- encodings ---------------------------------------------------------------


def canonical_encoding(name: str, sample: bytes, where: str = "") -> str:
    """A codec name whose decode/encode round-trips the input bytes (of ``where``,
    which an InputError names).

    UTF-16/32 with a byte-order mark get an explicit byte order, so the BOM
    stays in the text as U+FEFF (the ``bom`` rule records its removal) and
    restore writes it back.  GB2312/GBK become GB18030, their superset.
    """
    try:
        name = text_codec(name)
    except LookupError as e:
        raise InputError(f"{e} (use a Python codec name, or auto)", where) from None
    for family in ("utf-32", "utf-16"):
        if name == family:
            be = codecs.BOM_UTF32_BE if family == "utf-32" else codecs.BOM_UTF16_BE
            return f"{family}-be" if sample.startswith(be) else f"{family}-le"
    if name == "utf-8-sig" or name == "ascii":
        return "utf-8"
    if name in _GB:
        return "gb18030"
    return name


def text_codec(name: str) -> str:
    """The Python codec ``name``, if it reads text byte for byte: not a bytes-to-bytes
    codec (base64, zlib, rot13) nor one that cannot keep an undecodable byte as it
    was (idna, punycode); else LookupError, saying which."""
    try:
        info = codecs.lookup(name)
    except LookupError:
        raise LookupError(f"unknown encoding {name!r}") from None
    try:
        b"a".decode(info.name, "surrogateescape")
    except LookupError:  # bytes.decode refuses a codec that does not give text
        raise LookupError(f"{name!r} is not a text encoding") from None
    except UnicodeDecodeError:  # one byte is too few for UTF-16/32: still a text codec
        pass
    except UnicodeError:
        raise LookupError(f"encoding {name!r} cannot read text byte for byte") from None
    return info.name


def detect_encoding(sample: bytes, where: str) -> str:
    """Guess the encoding of ``sample`` with charset-normalizer."""
    if not sample:
        return "utf-8"
    try:
        sample.decode("utf-8")
        return "utf-8"
    except UnicodeDecodeError as e:
        if e.start >= len(sample) - 3:  # a character cut by the sample's end
            return "utf-8"
    from charset_normalizer import from_bytes

    best = from_bytes(sample).best()
    if best is None:
        raise InputError("cannot tell the encoding (binary data?) (give --encoding NAME)", where)
    return canonical_encoding(best.encoding, sample, where)


_EXTRACT = "extract its text first"
_DECOMPRESS = "decompress it first, then clean the text it holds"
# the first bytes of files a user may give by mistake.  One of printable ASCII
# (a PDF's, bzip2's) may begin a text too: it counts only before bytes that are
# not UTF-8 (a PDF's binary comment or streams, compressed data)
SIGNATURES = (
    (b"\x1f\x8b\x08", "gzip-compressed data", _DECOMPRESS),  # 08: deflate, gzip's one method
    (b"BZh", "bzip2-compressed data", _DECOMPRESS),  # then a block size, 1AY&SY (see below)
    (b"\xfd7zXZ\x00", "xz-compressed data", _DECOMPRESS),
    (b"\x28\xb5\x2f\xfd", "zstd-compressed data", _DECOMPRESS),
    (b"PK\x03\x04", "a ZIP archive (or a .docx/.xlsx/.epub)", _EXTRACT),
    (b"7z\xbc\xaf\x27\x1c", "a 7-Zip archive", _DECOMPRESS),
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", "an old Office document (.doc/.xls)", _EXTRACT),
    (b"%PDF-", "a PDF", _EXTRACT),
    (b"\x89PNG\r\n\x1a\n", "a PNG image", "OCR it first"),
    (b"\xff\xd8\xff", "a JPEG image", "OCR it first"),
    (b"II*\x00", "a TIFF image", "OCR it first"),
    (b"MM\x00*", "a TIFF image", "OCR it first"),
)


def check_signature(sample: bytes, where: str) -> None:
    """Refuse data that begins as a compressed file, a PDF or an image does."""
    for signature, what, hint in SIGNATURES:
        if sample.startswith(signature) and (signature != b"BZh" or sample[4:10] == b"1AY&SY") \
                and not (all(0x20 <= b < 0x7f for b in signature) and is_utf8(sample)):
            raise InputError(f"binary data, not text: {what}, by the signature at byte 0 "
                             f"(check the path, or {hint})", where)


def is_utf8(sample: bytes) -> bool:
    """True if ``sample`` reads as UTF-8 (a character cut at its end allowed)."""
    try:
        codecs.getincrementaldecoder("utf-8")().decode(sample, final=False)
    except UnicodeDecodeError:
        return False
    return True


def check_not_binary(sample: bytes, encoding: str, where: str) -> None:
    """Refuse data that is mostly control bytes: it is not text at all."""
    if encoding.startswith(_WIDE):
        return
    controls = sum(sample.count(b) for b in range(32) if b not in b"\t\n\r\f\v\x1b")
    if sample and controls > len(sample) // 10:
        first = next(i for i, b in enumerate(sample) if b < 32 and b not in b"\t\n\r\f\v\x1b")
        raise InputError(
            f"binary data, not text (control byte 0x{sample[first]:02x} at byte {first}) "
            "(check the path; UTF-16 text needs --encoding auto)",
            where,
        )


@dataclass
class RawReader:
    """Read a byte stream, decode it piece by piece, hash the bytes read."""

    stream: BinaryIO
    encoding: str
    where: str
    sha256: hashlib._Hash = field(default_factory=hashlib.sha256)
    # hash of the decoded text encoded back: equals sha256 iff decoding lost nothing
    roundtrip: hashlib._Hash = field(default_factory=hashlib.sha256)
    size: int = 0

    def __post_init__(self) -> None:
        self._first = self.stream.read(SAMPLE)
        if self.encoding == "auto":
            check_signature(self._first, self.where)  # before charset detection guesses at it
            self.encoding = detect_encoding(self._first, self.where)
        else:
            self.encoding = canonical_encoding(self.encoding, self._first, self.where)
            if not self.encoding.startswith(_WIDE):  # UTF-16 text may begin as gzip data does
                check_signature(self._first, self.where)
        check_not_binary(self._first[:8192], self.encoding, self.where)

    def pieces(self) -> Iterator[str]:
        decoder = codecs.getincrementaldecoder(self.encoding)(errors="surrogateescape")
        block = self._first
        final = False
        while not final:
            if not block:
                final = True
            pending = len(decoder.getstate()[0])
            self.sha256.update(block)
            self.size += len(block)
            try:
                text = decoder.decode(block, final=final)
            except UnicodeDecodeError as e:  # only codecs that are not ASCII-compatible
                offset = self.size - len(block) - pending + e.start
                raise InputError(
                    f"bytes not valid {self.encoding} at byte {offset} ({e.reason}; "
                    "try --encoding auto or the right --encoding NAME)",
                    self.where,
                ) from None
            if text:
                yield text
            block = b"" if final else self.stream.read(BLOCK)


# --- chunks ------------------------------------------------------------------


@dataclass(frozen=True)
class Cuts:
    """Where a raw text may be cut into chunks, from a page-shape vocabulary.

    ``boundary``: a sentence end, closers (straight quotes too), then a blank
    line; ``inside``: a sentence or clause end with more text after it.
    """

    boundary: regex.Pattern[str]
    inside: regex.Pattern[str]

    @staticmethod
    @lru_cache(maxsize=8)
    def of(shape: Shape) -> "Cuts":
        end = class_members(shape.sentence_end)
        closers = class_members(shape.closers + shape.straight_quotes)
        blank, line_end = shape.classes["blank"], r"(?:\r\n?|\n)"
        return Cuts(
            regex.compile(rf"[{end}][{closers}]*{blank}*{line_end}(?:{blank}*{line_end})+", regex.VERSION1),
            regex.compile(rf"[{end}{class_members(shape.clause_end)}](?=[^\s\p{{M}}])", regex.VERSION1),
        )


def find_cut(buf: str, lo: int, hi: int, cuts: Cuts | None = None) -> int:
    """Where to cut a paragraph longer than ``HARD_MAX``: after a sentence or clause
    end, else between two non-blank characters (never before a combining mark)."""
    m = None
    for m in (cuts or Cuts.of(load_shape())).inside.finditer(buf, lo, hi):
        pass
    if m is not None:
        return m.end()
    for i in range(hi, lo, -1):
        a, b = buf[i - 1], buf[i]
        if not (a.isspace() or b.isspace() or unicodedata.category(b).startswith("M")):
            return i
    return hi if buf[hi - 1] != "\r" else hi - 1


def split_chunks(
    pieces: Iterable[str], target: int | None = None, hard_max: int | None = None, shape: Shape | None = None
) -> Iterator[tuple[str, bool]]:
    """Regroup decoded text into chunks ``(text, cut)``; ``cut`` marks a chunk
    that ends inside a paragraph (see the module docstring).  ``shape``: the
    page-shape vocabulary that tells a sentence end (default: the packaged one).

    >>> list(split_chunks(["一句。\\n\\n二句。\\n\\n三句"], target=2))
    [('一句。\\n\\n', False), ('二句。\\n\\n', False), ('三句', False)]
    """
    target = TARGET if target is None else target
    hard_max = HARD_MAX if hard_max is None else max(hard_max, target + 1)
    cuts = Cuts.of(shape or load_shape())
    buf = ""
    for piece in pieces:
        buf += piece
        while len(buf) > target:
            m = cuts.boundary.search(buf, target)
            if m is not None and m.end() < len(buf):
                yield buf[: m.end()], False
                buf = buf[m.end() :]
            elif len(buf) > hard_max:
                at = find_cut(buf, target, hard_max, cuts)
                yield buf[:at], True
                buf = buf[at:]
            else:
                break
    if buf:
        yield buf, False


# --- cleaning chunk by chunk -------------------------------------------------


@dataclass
class Chunk:
    """One cleaned chunk and where it sits in the raw input and the output."""

    index: int
    raw: str
    clean: str
    changes: list[Change]
    start: int  # raw characters before this chunk
    byte_start: int
    line: int  # line and column of the chunk's first character (1-based)
    col: int
    clean_start: int
    suspects: list[Change] = field(default_factory=list)  # kept as they were (Document.suspects)


def seam_edits(text: str, prev_newlines: int | None, cut: bool) -> tuple[list[Edit], list[Edit]]:
    """Edits that join this chunk's clean text to the previous chunk's.

    ``prev_newlines`` is how many line breaks the last non-empty output
    ended with (None: nothing written yet).  After a paragraph boundary the
    chunks are separated by one blank line; after a cut the text runs on.
    Returns (edits at the start, edits at the end).
    """
    head: list[Edit] = []
    if text and prev_newlines is not None:
        lead = len(text) - len(text.lstrip("\n"))
        want = 0 if prev_newlines < 0 else max(0, 2 - prev_newlines)
        if lead != want:
            head.append(Edit(0, text[:lead], "\n" * want, JOIN_RULE, "chunks joined by one blank line"))
    tail: list[Edit] = []
    if cut and text.endswith("\n"):
        trail = len(text) - len(text.rstrip("\n"))
        if trail != len(text):
            tail.append(Edit(len(text) - trail, text[-trail:], "", CUT_RULE, "paragraph runs on in the next chunk"))
    return head, tail


def clean_chunks(
    reader: RawReader,
    cleaner: Cleaner,
    errors: str = "strict",
    target: int | None = None,
    hard_max: int | None = None,
) -> Iterator[Chunk]:
    """Clean the reader's text chunk by chunk; yields each chunk when done."""
    start = byte_start = clean_start = 0
    line, col = FIRST
    prev_newlines: int | None = None
    for index, (raw, cut) in enumerate(split_chunks(reader.pieces(), target, hard_max, cleaner.shape)):
        doc = Document(raw, reader.where)
        bad = _ESCAPED.search(raw)
        if bad is not None:
            if errors != "replace":
                raise_undecodable(raw, bad.start(), reader.encoding, reader.where, byte_start, line, col)
            replace_escapes(doc, _ESCAPED, f"bytes not valid {reader.encoding}")
        cleaner.run(doc)
        head, tail = seam_edits(doc.text, prev_newlines, cut)
        if head or tail:
            doc.apply("chunk", head + tail)
        if doc.text:
            prev_newlines = -1 if cut else len(doc.text) - len(doc.text.rstrip("\n"))
        yield Chunk(index, raw, doc.text, doc.changes, start, byte_start, line, col, clean_start, doc.suspects)
        start += len(raw)
        encoded = raw.encode(reader.encoding, "surrogateescape")
        reader.roundtrip.update(encoded)
        byte_start += len(encoded)
        clean_start += len(doc.text)
        line, col = line_col(raw, len(raw), (line, col))


def clean_record_text(text: str, cleaner: Cleaner, name: str) -> Document:
    """Clean one JSONL field; lone surrogates become U+FFFD, recorded."""
    return cleaner.run(text_document(text, name, "lone surrogate in the JSON string"))


def raise_undecodable(raw: str, at: int, encoding: str, where: str, byte_start: int, line: int, col: int) -> None:
    offset = byte_start + len(raw[:at].encode(encoding, "surrogateescape"))
    ln, c = line_col(raw, at, (line, col))
    raise InputError(
        f"bytes not valid {encoding} at byte {offset} "
        "(try --encoding auto, or --errors replace to replace and record them)",
        f"{where}:{ln}:{c}",
    )


# --- files -------------------------------------------------------------------


def temp_path(path: Path) -> Path:
    return path.with_name(f".{path.name}.{os.urandom(4).hex()}{TEMP_SUFFIX}")


class OutputError(CleanupError):
    """An output cannot be written; ``stops_run`` if no other output could be
    either (a full or read-only disk): a directory run then stops at once,
    rather than fail file after file with the same error."""

    def __init__(self, message: str, where: str, errno: int | None = None) -> None:
        super().__init__(message, where)
        self.stops_run = errno in _WHOLE_DISK


_WHOLE_DISK = {errno.ENOSPC, errno.EDQUOT, errno.EROFS}
_CANNOT_WRITE = {
    errno.EACCES: "permission denied (check the folder's permissions, or write elsewhere)",
    errno.EPERM: "not permitted (check the folder's permissions, or write elsewhere)",
    errno.EROFS: "read-only file system (write elsewhere)",
    errno.ENOSPC: "no space left on the disk (free some space, or write elsewhere)",
    errno.EDQUOT: "disk quota exceeded (free some space, or write elsewhere)",
}


def output_error(e: OSError, path: Path) -> OutputError:
    """``e``, raised writing ``path`` (through its temp file), as a one-line error naming ``path``."""
    what = _CANNOT_WRITE.get(e.errno or 0)
    if what is None:
        what = f"cannot write it: {(e.strerror or str(e)).lower()} (check the path)"
    return OutputError(what, str(path), e.errno)


class ClosedStdout(io.TextIOBase):
    """What stands for standard output when the shell closed it (``>&-``): writing to it,
    as text or as bytes, is an error naming it; flushing it is nothing, so a run that
    writes only files (``-o``) runs as it would with stdout open."""

    def write(self, s: str) -> int:
        raise closed_stdout()

    @property
    def buffer(self) -> BinaryIO:
        return _ClosedBytes()  # type: ignore[return-value]  # writes raise: the rest of BinaryIO is never used


class _ClosedBytes(io.RawIOBase):
    def writable(self) -> bool:
        return True

    def write(self, b: object) -> int:
        raise closed_stdout()


def closed_stdout() -> OSError:
    return OSError(errno.EBADF, "standard output is closed (give -o a path, or leave it open)", "<stdout>")


def stdout_error(e: OSError) -> BaseException:
    """``e`` as an :class:`OutputError` naming ``<stdout>`` if only a write to
    stdout can have raised it: a full disk that names no file (every file
    written goes through :class:`atomic_output`, whose errors name it)."""
    if e.filename is None and e.errno in _WHOLE_DISK:
        return output_error(e, Path("<stdout>"))
    return e


def make_folder(folder: Path, target: Path) -> None:
    """Make ``folder`` (and its parents) to hold ``target``; an error names ``target``."""
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as e:
        above = folder
        while not os.path.lexists(above) and above != above.parent:
            above = above.parent
        if os.path.lexists(above) and not above.is_dir():
            raise OutputError(f"{above} is a file, not a folder (give a path inside a folder)",
                              str(target)) from None
        raise output_error(e, target) from None


def check_writable(folder: Path) -> None:
    """Make ``folder`` and create a file in it, or raise an :class:`OutputError`
    naming it: a directory run finds out once, before it cleans any file."""
    make_folder(folder, folder)
    try:
        with atomic_output(folder / ".cleanup-probe") as probe:
            probe.discard()
    except OutputError as e:
        raise OutputError(e.message, str(folder)) from None


class atomic_output:
    """Write ``path`` through a temp file in its folder, renamed into place on
    success and removed on any failure or interrupt: never a half-written file.
    The temp file is announced to the :mod:`~cleanup.guard`, which removes it
    if a signal ends the program at once.  An error names ``path``, never
    the temp file (:class:`OutputError`).

    ``like`` gives the permissions to copy (for ``--in-place``);
    :meth:`discard` drops the temp file instead (nothing to rewrite).  A
    device, a pipe, or any path in ``/dev`` or ``/proc`` (``/dev/null``,
    ``/dev/stdout``) is opened and appended to in place: renaming a file over
    it would replace the device or the link itself, and appending keeps what
    a shell's ``>>`` already wrote.

    >>> import tempfile; d = Path(tempfile.mkdtemp())
    >>> with atomic_output(d / "a.txt") as f:
    ...     _ = f.write(b"done")
    >>> (d / "a.txt").read_bytes(), [p.name for p in d.iterdir()]
    (b'done', ['a.txt'])
    """

    def __init__(self, path: Path, like: Path | None = None) -> None:
        self.path = path
        self.like = like
        self.tmp = temp_path(path)
        self.keep = True

    def __enter__(self) -> atomic_output:
        if self.path.is_dir():
            raise InputError("is a directory, not a file to write (give a file path)", str(self.path))
        self.in_place = is_special_file(self.path) or is_system_path(self.path)
        if self.in_place:
            self.file: BinaryIO = open(self.path, "ab")
            return self
        make_folder(self.path.parent, self.path)
        guard.announce(os.path.abspath(self.tmp))
        try:
            self.file = open(self.tmp, "xb")
        except BaseException as e:
            guard.withdraw(os.path.abspath(self.tmp))
            if isinstance(e, OSError):
                raise output_error(e, self.path) from None
            raise
        return self

    def write(self, data: bytes) -> int:
        return self.file.write(data)

    def discard(self) -> None:
        self.keep = False

    def __exit__(self, kind: type[BaseException] | None, error: BaseException | None, _: object) -> None:
        if self.in_place:
            try:
                self.file.close()
            except OSError as e:  # what the buffer held could not be written
                raise output_error(e, self.path) from None
            if isinstance(error, OSError) and error.errno in _WHOLE_DISK and error.filename is None:
                raise output_error(error, self.path) from None
            return
        try:
            if kind is None and self.keep:
                self.file.flush()
                os.fsync(self.file.fileno())
                self.file.close()
                if self.like is not None:
                    os.chmod(self.tmp, os.stat(self.like).st_mode & 0o7777)
                os.replace(self.tmp, self.path)
        except OSError as e:
            raise output_error(e, self.path) from None
        finally:
            try:
                self.file.close()
            except OSError:
                pass  # what the buffer held is lost with the temp file anyway
            self.tmp.unlink(missing_ok=True)
            guard.withdraw(os.path.abspath(self.tmp))
        # a write to the temp file that failed (the file is written directly, too)
        if isinstance(error, OSError) and error.errno in _WHOLE_DISK \
                and error.filename in (None, str(self.tmp)):
            raise output_error(error, self.path) from None


def is_special_file(path: Path) -> bool:
    """Whether ``path`` (its link followed) exists and is not a regular file or a folder."""
    try:
        mode = path.stat().st_mode
    except OSError:
        return False
    return not (stat.S_ISREG(mode) or stat.S_ISDIR(mode))


def is_system_path(path: Path) -> bool:
    """Whether ``path``, its links not followed, lies in ``/dev`` or ``/proc``:
    devices and links to open files (``/dev/stdout``), never a user's file."""
    parts = Path(os.path.abspath(path)).parts
    return len(parts) > 2 and parts[1] in ("dev", "proc")


def sweep_temp_files(root: Path) -> int:
    """Remove temp files a killed run left under ``root``; returns how many."""
    n = 0
    if not root.is_dir():
        return 0
    for dirpath, _, files in os.walk(root):
        for name in files:
            if name.startswith(".") and name.endswith(TEMP_SUFFIX):
                Path(dirpath, name).unlink(missing_ok=True)
                n += 1
    return n


class Tree(NamedTuple):
    """What one walk of a folder found (:func:`walk`)."""

    files: list[Path]  # relative to the folder, sorted
    unreadable: list[InputError]  # why each folder that could not be listed was not, top down


def walk(root: Path, pattern: str, exclude: Path | None = None) -> Tree:
    """The paths under ``root`` matching ``pattern`` in any subfolder, as
    ``root.rglob(pattern)`` matches them, and the folders that cannot be listed:
    one walk, which follows no link to a folder.

    Anything that is not a directory is listed, even a dangling symlink, and a
    folder that cannot be listed is an error, so that a file that cannot be
    read is reported rather than skipped unseen.
    """
    check_glob(pattern)
    parts = ("**", *PurePath(pattern).parts)
    folders_only = pattern.endswith("/")  # names no file
    exclude = exclude.resolve() if exclude is not None else None
    failed: list[OSError] = []
    out = []
    for folder, _, names in os.walk(root, onerror=failed.append):
        under = Path(folder).relative_to(root)
        for name in names:
            rel = under / name
            if folders_only or name.endswith(TEMP_SUFFIX) or not glob_matches(rel.parts, parts):
                continue
            if exclude is not None and (root / rel).resolve().is_relative_to(exclude):
                continue
            out.append(rel)
    unreadable = [InputError(f"cannot list this folder: {(e.strerror or str(e)).lower()}, so its files "
                             "were not read (check its permissions)", str(e.filename)) for e in failed]
    return Tree(sorted(out), unreadable)


def glob_matches(path: tuple[str, ...], pattern: tuple[str, ...]) -> bool:
    """Whether the parts of a file's ``path`` match those of a glob ``pattern``,
    a ``**`` standing for any folders, none too."""
    if not pattern:
        return not path
    if pattern[0] == "**":
        return any(glob_matches(path[n:], pattern[1:]) for n in range(len(path)))
    return bool(path) and fnmatch.fnmatchcase(path[0], pattern[0]) and glob_matches(path[1:], pattern[1:])


def check_glob(pattern: str) -> None:
    """A ``--glob`` names files inside the folder it searches: not an absolute
    path, and no ``..``, which would reach files outside it (and write their
    outputs outside the output folder)."""
    glob = PurePath(pattern)
    if glob.is_absolute() or ".." in glob.parts:
        raise InputError(f"--glob {pattern!r} reaches outside the folder (give a pattern of "
                         "names inside it, like '*.txt' or 'pages/*.txt')")
    if any("**" in part and part != "**" for part in glob.parts):
        raise InputError(f"--glob {pattern!r}: '**' stands for folders, a whole part of the "
                         "pattern (like '**/*.txt')")


def is_up_to_date(src: Path, outputs: Iterable[Path], since: float) -> bool:
    """True if every output exists and is newer than ``src`` and ``since``."""
    try:
        newest_input = max(src.stat().st_mtime, since)
        return all(o.stat().st_mtime >= newest_input for o in outputs)
    except OSError:
        return False
