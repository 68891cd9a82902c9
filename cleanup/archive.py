"""Paragraphs repeated across the documents of an archive (SPEC rule 15, across pages).

Wire stories printed by several papers and boilerplate repeat from one
document to the next.  :class:`ArchiveDeduper` takes documents one at a
time, in archive order, and returns the paragraphs of each that repeat a
paragraph of an earlier document; the earliest copy is the one kept.

Pairwise comparison does not scale, so candidates are blocked first:

1. exact copies by a dict on the comparison key (width, quotes and
   whitespace forgotten, as in the dedup stage);
2. near copies by MinHash LSH (``datasketch``) over character n-grams of
   the key, then confirmed with ``rapidfuzz`` ``fuzz.ratio`` against
   every candidate in one vectorised ``process.extractOne`` call.

Memory grows linearly with the number of *indexed* paragraphs (each holds
its key and ``bands`` LSH entries) and stops growing at
``max_paragraphs``: past it the oldest paragraphs leave the index (first
in, first out), so copies further apart than that window are missed.
"""

from __future__ import annotations

import shutil
from dataclasses import dataclass, fields
from pathlib import Path
from typing import Any, Callable, Mapping, Sequence

from rapidfuzz import fuzz, process

from .changes import after_changes, append_after
from .document import Document
from .errors import CleanupError, RuleError
from .io import atomic_output
from .layout import drop_lines
from .rules import load_profile
from .shape import lines
from .textkey import comparison_key

try:
    import numpy as np
except ImportError:  # pragma: no cover - the extra is installed wherever tests run
    raise CleanupError("archive dedup needs numpy (pip install 'cleanup[archive]')") from None

RULE = "dedup-across"
_MULTIPLIER = np.uint64(0x9E3779B97F4A7C15)


@dataclass(frozen=True, slots=True)
class ArchiveParams:
    """Thresholds; the defaults are ``across_*`` keys of ``rules/dedup.toml`` ``[params]``."""

    min_chars: int = 20
    near_ratio: float = 90.0
    ngram: int = 2
    num_perm: int = 64
    lsh_threshold: float = 0.5
    max_paragraphs: int = 200_000

    @classmethod
    def from_params(cls, params: Mapping[str, Any]) -> "ArchiveParams":
        """Read ``across_<field>`` keys (missing ones keep their defaults)."""
        values = {}
        for f in fields(cls):
            key = f"across_{f.name}"
            if key in params:
                try:
                    values[f.name] = type(getattr(cls(), f.name))(params[key])
                except (TypeError, ValueError):
                    raise RuleError(f"dedup: [params] {key} must be a number, not {params[key]!r}") from None
        return cls(**values)

    @classmethod
    def from_profile(cls, profile: str = "zh-news") -> "ArchiveParams":
        stage = next((s for s in load_profile(profile).stages if s.name == "dedup"), None)
        return cls.from_params(stage.params if stage else {})


@dataclass(frozen=True, slots=True)
class Removal:
    """Paragraph ``index`` of ``doc_id`` repeats paragraph ``kept_index`` of ``kept_doc``."""

    doc_id: str
    index: int
    text: str
    kept_doc: str
    kept_index: int
    score: float

    @property
    def note(self) -> str:
        return f"copy of {self.kept_doc} paragraph {self.kept_index + 1} (ratio {self.score:.0f})"


@dataclass(slots=True)
class _Entry:
    doc_id: str
    index: int
    key: str


def _lsh_classes() -> tuple[Any, Any]:
    try:
        from datasketch import MinHash, MinHashLSH
    except ImportError:
        raise CleanupError(
            "archive dedup needs datasketch (pip install 'cleanup[archive]')"
        ) from None
    return MinHash, MinHashLSH


def shingle_hashes(key: str, n: int) -> list[int]:
    """32-bit hashes of the character n-grams of ``key``, computed with numpy.

    Hashing the code points arithmetically, rather than one Python call per
    n-gram, is most of the speed of indexing; the hashes are the same from
    run to run (no ``PYTHONHASHSEED``).

    >>> shingle_hashes("会议会议", 2)[0] == shingle_hashes("会议", 2)[0]
    True
    """
    points = np.frombuffer(key.encode("utf-32-le"), dtype=np.uint32).astype(np.uint64)
    count = len(points) - n + 1
    if count <= 0:
        return []
    h = np.zeros(count, dtype=np.uint64)
    for j in range(n):
        h = h * _MULTIPLIER + points[j : j + count]
    return ((h ^ (h >> np.uint64(29))) & np.uint64(0xFFFFFFFF)).tolist()


class ArchiveDeduper:
    """Remember the paragraphs of documents seen so far; report repeats in each new one.

    >>> d = ArchiveDeduper(ArchiveParams(min_chars=10))
    >>> d.add("a", ["新华社北京1月7日电，国务院总理主持召开国务院常务会议。"])
    []
    >>> [r.note for r in d.add("b", ["其他消息。", "新华社北京1月7日电,国务院总理主持召开国务院常务会议。"])]
    ['copy of a paragraph 1 (ratio 100)']
    """

    def __init__(self, params: ArchiveParams | None = None) -> None:
        self.params = params or ArchiveParams.from_profile()
        minhash, lsh = _lsh_classes()
        self._minhash = minhash
        # the shingles arrive already hashed (see shingle_hashes)
        self._template = minhash(num_perm=self.params.num_perm, hashfunc=int)
        self._lsh = lsh(threshold=self.params.lsh_threshold, num_perm=self.params.num_perm)
        self._entries: dict[int, _Entry] = {}
        self._exact: dict[str, int] = {}
        self._next_id = 0

    def __len__(self) -> int:
        """Paragraphs in the index."""
        return len(self._entries)

    def signature(self, key: str) -> Any:
        """MinHash of the key's character n-grams."""
        m = self._template.copy()
        m.update_batch(shingle_hashes(key, self.params.ngram))
        return m

    def bands(self, signature: Any) -> list[bytes]:
        """The signature's LSH band keys, band by band: the index makes two
        paragraphs candidates exactly when some band's keys are equal."""
        return [signature.hashvalues[start:end].tobytes() for start, end in self._lsh.hashranges]

    def add(self, doc_id: str, paragraphs: Sequence[str]) -> list[Removal]:
        """Removals for ``paragraphs`` of ``doc_id``; its other long paragraphs join the index."""
        removals: list[Removal] = []
        fresh: list[tuple[int, str, Any]] = []
        for index, text in enumerate(paragraphs):
            key = comparison_key(text)
            if len(key) < self.params.min_chars:
                continue
            signature = None if key in self._exact else self.signature(key)
            found = self.find_copy(key, signature)
            if found is None:
                fresh.append((index, key, signature))
            else:
                entry, score = found
                removals.append(Removal(doc_id, index, text, entry.doc_id, entry.index, score))
        for index, key, signature in fresh:
            self.remember(doc_id, index, key, signature)
        return removals

    def find_copy(self, key: str, signature: Any) -> tuple[_Entry, float] | None:
        """The earliest indexed paragraph ``key`` copies, with its score."""
        if key in self._exact:
            return self._entries[self._exact[key]], 100.0
        ids = sorted(self._lsh.query(signature))
        if not ids:
            return None
        best = process.extractOne(key, [self._entries[i].key for i in ids], scorer=fuzz.ratio,
                                  score_cutoff=self.params.near_ratio)
        if best is None:
            return None
        _, score, at = best
        return self._entries[ids[at]], float(score)

    def remember(self, doc_id: str, index: int, key: str, signature: Any) -> None:
        if key in self._exact:  # the same paragraph twice in one document: index it once
            return
        uid = self._next_id
        self._next_id += 1
        self._entries[uid] = _Entry(doc_id, index, key)
        self._exact[key] = uid
        self._lsh.insert(uid, signature, check_duplication=False)
        if len(self._entries) > self.params.max_paragraphs:
            self.forget_oldest()

    def forget_oldest(self) -> None:
        uid = next(iter(self._entries))
        entry = self._entries.pop(uid)
        if self._exact.get(entry.key) == uid:
            del self._exact[entry.key]
        self._lsh.remove(uid)

    def apply(self, doc: Document, doc_id: str) -> list[Removal]:
        """Drop from ``doc`` (paragraph layout) the paragraphs earlier documents already had.

        Each removal is a :class:`~cleanup.document.Change` with rule
        ``dedup-across`` whose note names the kept document and paragraph.
        """
        paras = lines(doc.text)
        removals = self.add(doc_id, [p.text for p in paras])
        drop_copies(doc, removals)
        return removals


def drop_copies(doc: Document, removals: Sequence[Removal]) -> None:
    """Drop the paragraphs ``removals`` name from ``doc`` (paragraph layout), in one step."""
    if removals:
        drops = [(r.index, RULE, r.note) for r in removals]
        doc.apply("dedup", drop_lines(doc.text, lines(doc.text), drops))


def dedup_tree(root: Path, files: Sequence[Path], params: ArchiveParams | None = None,
               log_of: Callable[[Path], Path | None] | None = None) -> list[Removal]:
    """Drop repeats across the clean files ``files`` (relative to ``root``), in that order.

    The first file holding a paragraph keeps it; later files are rewritten
    (atomically) without it.  ``log_of(rel)`` names a file's change log, if
    any: the removals are added to it as ``after`` records, so that restore
    still rebuilds the input.  Returns every removal, with ``doc_id`` the
    relative path, for the caller to report.
    """
    deduper = ArchiveDeduper(params)
    removals: list[Removal] = []
    for rel in files:
        path = root / rel
        doc = Document(path.read_text(encoding="utf-8"), str(rel))
        found = deduper.apply(doc, str(rel))
        if found:
            log = log_of(rel) if log_of else None
            if log is not None:
                add_to_log(log, doc)
            with atomic_output(path, like=path) as out:
                out.write(doc.text.encode("utf-8"))
            removals.extend(found)
    return removals


def add_to_log(log: Path, doc: Document) -> None:
    """Rewrite ``log`` (atomically) with ``doc``'s changes appended as ``after`` records."""
    with open(log, "rb") as old:
        done = after_changes(old, str(log))
        next_step = max((c.step for c in done), default=-1) + 1
        old.seek(0)
        with atomic_output(log, like=log) as out:
            shutil.copyfileobj(old, out.file)
            append_after(out.file, doc.changes, next_step)
