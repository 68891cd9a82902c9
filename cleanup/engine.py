"""Clean a dataset of JSONL/Parquet shards on a Dask cluster, and dedup across it there.

``cleanup engine clean IN_DIR -o OUT_DIR`` (``pip install 'cleanup[dask]'``)
starts a local cluster, or joins one with ``--scheduler ADDRESS``.  Every
``*.jsonl`` and ``*.parquet`` file under ``IN_DIR`` is a shard and one task:
its text field is cleaned record by record, every other field is kept, and
``OUT_DIR`` gets the shard under the same relative path plus
``NAME.changes.jsonl`` beside it, in the CLI's ``--jsonl`` change-log format
(:mod:`cleanup.changes`; for Parquet, ``record`` is the 1-based row).  A
record without a string text field is copied unchanged and reported.

``--dedup-across`` also drops paragraphs that repeat an earlier document's,
archive order being shards in sorted path order, then records in order.  It
gives the same removals as :class:`~cleanup.archive.ArchiveDeduper` run over
the documents one by one, as a join instead of a loop:

1. map: clean each shard (kept in cluster memory, spilled to disk if need
   be), and give each long paragraph the MinHash LSH band keys of
   ``ArchiveDeduper.bands``;
2. shuffle: group paragraphs by band; within a band bucket, pairs of
   *distinct* comparison keys are scored with ``rapidfuzz`` ``fuzz.ratio``,
   and identical keys are listed once with all their places;
3. resolve (on the client, over the matches only): in archive order, a
   paragraph goes if an earlier document holds a kept match, the best score
   winning and the earliest copy on a tie, exactly as the sequential index;
4. map: drop the copies from each shard's documents (one ``dedup`` step,
   rule ``dedup-across``) and write shard and change log.

Only the first place of a comparison key can ever be kept (a later document
repeating it drops it, whatever happened to the first), which is why the
resolve step needs each key's first place and its matches, not every pair of
copies.  Unlike the sequential index the engine has no
``across_max_paragraphs`` window, so past that many paragraphs it finds
copies the sequential run forgets.
"""

from __future__ import annotations

import hashlib
import logging
import threading
from collections import defaultdict
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from itertools import combinations
from operator import itemgetter
from pathlib import Path
from typing import Any

from rapidfuzz import fuzz

from .archive import ArchiveDeduper, ArchiveParams, Removal, drop_copies
from .changes import LogWriter
from .corpus import Fate, log_header, on_probation, parse_record, record_line
from .document import Document
from .errors import CleanupError, InputError
from .io import atomic_output, clean_record_text, walk
from .jsonlines import frame_of
from .outputs import CollisionError, Role, check_collisions
from .pipeline import Cleaner
from .report import EXIT_ERROR, EXIT_OK, error_line, located, no_field, report
from .runner import LOG_SUFFIX, CleanerSettings
from .shape import lines
from .textkey import comparison_key

FORMATS = {".jsonl": "jsonl", ".parquet": "parquet"}

Ref = tuple[int, int, int]  # (shard ordinal, record number, paragraph index): archive order


@dataclass(frozen=True)
class Settings(CleanerSettings):
    """What a worker needs to clean (picklable, hashable: workers cache one Cleaner per value)."""

    text_field: str = "text"


@dataclass(frozen=True)
class Shard:
    ordinal: int
    src: str
    rel: str
    out: str
    log: str

    @property
    def format(self) -> str:
        return FORMATS[Path(self.rel).suffix]


@dataclass
class Record:
    """One JSONL line or Parquet row; ``doc`` None means copied unchanged
    (``fields`` None: a JSONL line with no record to clean)."""

    number: int
    fields: Any
    line: bytes = b""
    doc: Document | None = None


@dataclass
class ShardDocs:
    shard: Shard
    records: list[Record]
    sha256: str
    schema: Any = None  # pyarrow schema of a Parquet shard
    errors: list[str] = field(default_factory=list)

    def doc_id(self, number: int) -> str:
        return f"{self.shard.rel}:{number}"


@dataclass(frozen=True)
class ShardReport:
    rel: str
    records: int
    changed: int
    dropped: int
    errors: tuple[str, ...]


# --- the cluster -----------------------------------------------------------------------


def import_distributed() -> Any:
    try:
        import distributed
    except ImportError:
        raise CleanupError("the engine needs dask (pip install 'cleanup[dask]')") from None
    return distributed


@contextmanager
def connect(scheduler: str | None, workers: int) -> Iterator[Any]:
    """A client of the cluster at ``scheduler``, or of a local one of ``workers`` processes."""
    distributed = import_distributed()
    if scheduler:
        with distributed.Client(scheduler) as client:
            yield client
        return
    with distributed.LocalCluster(n_workers=workers, threads_per_worker=1, processes=True,
                                  dashboard_address=":0", silence_logs=logging.ERROR) as cluster, \
            distributed.Client(cluster) as client:
        yield client


# --- planning --------------------------------------------------------------------------


def plan_shards(in_dir: Path, out_dir: Path) -> list[Shard]:
    """Every JSONL/Parquet file under ``in_dir``, sorted: the archive order."""
    if not in_dir.is_dir():
        raise InputError("not a directory (give a directory of JSONL/Parquet shards)", str(in_dir))
    if out_dir.resolve() == in_dir.resolve():
        raise CollisionError(f"-o is the input folder {in_dir} itself (give -o a folder of its own)",
                             str(out_dir))
    exclude = out_dir.resolve() if out_dir.resolve().is_relative_to(in_dir.resolve()) else None
    rels = [r for r in walk(in_dir, "*", exclude).files if r.suffix in FORMATS
            and not r.name.endswith(LOG_SUFFIX)]
    if not rels:
        raise InputError("no *.jsonl or *.parquet shards here (check the path)", str(in_dir))
    shards = [Shard(n, str(in_dir / r), r.as_posix(), str(out_dir / r),
                    str(out_dir / r.with_suffix(LOG_SUFFIX))) for n, r in enumerate(rels)]
    seen: dict[str, str] = {}
    for s in shards:
        if s.log in seen:
            raise InputError(f"{seen[s.log]} and {s.rel} would share the change log "
                             f"{s.log} (rename one)", str(in_dir))
        seen[s.log] = s.rel
    check_collisions([Role(Path(s.src), f"the shard {s.src}") for s in shards],
                     [Role(Path(p), f"{what} of {s.src}", "rename one of the shards")
                      for s in shards for p, what in ((s.out, "the clean shard"), (s.log, "the change log"))])
    return shards


# --- cleaning one shard (on a worker) --------------------------------------------------

_cleaners: dict[tuple[Settings, int], Cleaner] = {}


def cleaner_for(settings: Settings) -> Cleaner:
    """The worker thread's Cleaner for ``settings``, built once."""
    key = (settings, threading.get_ident())
    if key not in _cleaners:
        _cleaners[key] = settings.build_cleaner()
    return _cleaners[key]


def read_shard(shard: Shard, settings: Settings) -> ShardDocs:
    """Read and clean every record of ``shard``."""
    cleaner = cleaner_for(settings)
    data = Path(shard.src).read_bytes()
    docs = ShardDocs(shard, [], hashlib.sha256(data).hexdigest())
    name = settings.text_field
    if shard.format == "jsonl":
        try:
            for record, error in on_probation(shard_records(shard, data, name), shard.src, name):
                docs.records.append(record)
                if error:
                    docs.errors.append(error)
        except InputError as e:  # no record of it reads: one error for the shard, copied unchanged
            docs.records = [Record(n, None, line) for n, line in enumerate(data.splitlines(keepends=True), 1)]
            docs.errors = [error_line(e)]
    else:
        table = read_parquet(shard)
        docs.schema = table.schema
        docs.records = [Record(n, row) for n, row in enumerate(table.to_pylist(), 1)]
    for rec in docs.records:
        where = f"{shard.src}:{rec.number}"
        if rec.fields is not None and isinstance(rec.fields.get(name), str):
            try:
                rec.doc = clean_record_text(rec.fields[name], cleaner, where)
            except Exception as e:  # a rule timeout or a bug: this record only, copied unchanged
                docs.errors.append(error_line(e, where))
        elif shard.format == "parquet":
            docs.errors.append(located(where, no_field(name)))
    return docs


def shard_records(shard: Shard, data: bytes, field: str) -> Iterator[tuple[tuple[Record, str], Fate]]:
    """Each line of a JSONL shard as a record (its fields None if it holds none to clean)
    with its error line, and its fate for :func:`cleanup.corpus.on_probation`."""
    for n, line in enumerate(data.splitlines(keepends=True), 1):
        parsed = parse_record(line, field)
        error = located(f"{shard.src}:{n}", parsed.reason) if parsed.reason else ""
        yield (Record(n, parsed.record, line), error), parsed.fate


def read_parquet(shard: Shard) -> Any:
    try:
        import pyarrow as pa
        import pyarrow.parquet as pq
    except ImportError:
        raise CleanupError("Parquet shards need pyarrow (pip install 'cleanup[dask]')") from None
    try:
        return pq.read_table(shard.src)
    except (pa.ArrowException, OSError) as e:
        raise InputError(f"not a readable Parquet file ({e})", shard.src) from None


def write_shard(docs: ShardDocs, settings: Settings) -> ShardReport:
    """Write the shard's clean records and its change log (each atomically)."""
    shard = docs.shard
    with atomic_output(Path(shard.log)) as log_file:
        log = LogWriter(log_file.file, log_header(shard.src, settings, settings.text_field))
        for rec in docs.records:
            if rec.doc is not None:
                frame = None
                if shard.format == "jsonl" and rec.doc.steps:
                    frame = frame_of(rec.line.rstrip(b"\r\n"), rec.fields, settings.text_field,
                                     rec.doc.raw)
                log.record(rec.number, rec.doc.raw, rec.doc.records, frame)
        log.finish(docs.sha256)
        with atomic_output(Path(shard.out)) as out:
            if shard.format == "jsonl":
                for rec in docs.records:
                    out.file.write(jsonl_line(rec, settings.text_field))
            else:
                write_parquet(docs, settings.text_field, out.file)
    changed = sum(1 for r in docs.records if r.doc is not None and r.doc.steps)
    dropped = sum(1 for r in docs.records if r.doc is not None
                  for c in r.doc.changes if c.rule == "dedup-across")
    return ShardReport(shard.rel, len(docs.records), changed, dropped, tuple(docs.errors))


def jsonl_line(rec: Record, name: str) -> bytes:
    """The record's line as ``cleanup --jsonl`` writes it: unchanged unless cleaning changed it."""
    if rec.doc is None or not rec.doc.steps:
        return rec.line
    return record_line(rec.fields, name, rec.doc.text, rec.line)


def write_parquet(docs: ShardDocs, name: str, out: Any) -> None:
    import pyarrow as pa
    import pyarrow.parquet as pq

    rows = [rec.fields if rec.doc is None else {**rec.fields, name: rec.doc.text}
            for rec in docs.records]
    pq.write_table(pa.Table.from_pylist(rows, schema=docs.schema), out)


def clean_shard(shard: Shard, settings: Settings) -> ShardReport:
    return write_shard(read_shard(shard, settings), settings)


# --- dedup across the archive ----------------------------------------------------------

_dedupers: dict[ArchiveParams, ArchiveDeduper] = {}


def deduper_for(params: ArchiveParams) -> ArchiveDeduper:
    """The worker's ArchiveDeduper, used only for its signatures and band keys."""
    if params not in _dedupers:
        _dedupers[params] = ArchiveDeduper(params)
    return _dedupers[params]


def band_entries(docs: ShardDocs, params: ArchiveParams) -> list[tuple[int, bytes, str, list[Ref]]]:
    """``(bucket, band, key, places)`` for each band of each distinct long paragraph key.

    A key repeated within the shard gets one signature (the costly part) and
    travels once per band with all its places.  ``bucket`` is a stable 63-bit
    digest of the band, for the shuffle (Python's ``hash`` of bytes differs
    between worker processes); the band itself travels along so that a
    digest collision cannot make candidates.
    """
    places: dict[str, list[Ref]] = {}
    for rec in docs.records:
        if rec.doc is None:
            continue
        for index, para in enumerate(lines(rec.doc.text)):
            key = comparison_key(para.text)
            if len(key) >= params.min_chars:
                places.setdefault(key, []).append((docs.shard.ordinal, rec.number, index))
    deduper = deduper_for(params)
    out = []
    for key, refs in places.items():
        for b, band in enumerate(deduper.bands(deduper.signature(key))):
            tagged = b.to_bytes(2, "big") + band
            digest = hashlib.blake2b(tagged, digest_size=8).digest()
            out.append((int.from_bytes(digest, "big") >> 1, tagged, key, refs))
    return out


def match_bucket(group: tuple[int, list[tuple[int, bytes, str, list[Ref]]]],
                 params: ArchiveParams) -> list[tuple]:
    """Matches within one shuffle bucket.

    ``("places", first, others)``: every place of one key (emitted from band
    0 only, so once); ``("match", first_a, first_b, score)``: two distinct
    keys that share the band and score at least ``near_ratio``.
    """
    _, entries = group
    by_band: dict[bytes, dict[str, list[Ref]]] = defaultdict(lambda: defaultdict(list))
    for _, band, key, refs in entries:
        by_band[band][key].extend(refs)
    out: list[tuple] = []
    for band, places in by_band.items():
        firsts = {k: min(refs) for k, refs in places.items()}
        keys = sorted(places, key=firsts.__getitem__)
        if band[:2] == b"\0\0":
            out.extend(("places", firsts[k], sorted(places[k])[1:]) for k in keys if len(places[k]) > 1)
        for a, b in combinations(keys, 2):
            score = fuzz.ratio(b, a, score_cutoff=params.near_ratio)
            if score >= params.near_ratio:  # below the cutoff ratio() says 0
                out.append(("match", firsts[a], firsts[b], float(score)))
    return out


def resolve(items: Sequence[tuple]) -> dict[tuple[int, int], list[tuple[int, Ref, float]]]:
    """Removals ``(index, kept, score)`` per document ``(shard, record)``, from the matches.

    The sequential rule, replayed in archive order: a paragraph goes if a
    kept paragraph of an earlier document matches it; the best score wins,
    then the earliest place.
    """
    matches: dict[Ref, dict[Ref, float]] = defaultdict(dict)
    others: dict[Ref, list[Ref]] = {}
    for item in items:
        if item[0] == "places":
            others[item[1]] = item[2]
        else:
            _, a, b, score = item
            matches[a][b] = matches[b][a] = score
    kept: dict[Ref, bool] = {}
    found: dict[Ref, tuple[Ref, float] | None] = {}

    def best(first: Ref, doc: tuple[int, int]) -> tuple[Ref, float] | None:
        options = [(-s, r) for r, s in matches[first].items() if r[:2] < doc and kept[r]]
        return (min(options)[1], -min(options)[0]) if options else None

    for first in sorted(set(matches) | set(others)):
        found[first] = best(first, first[:2])
        kept[first] = found[first] is None
    removals: dict[tuple[int, int], list[tuple[int, Ref, float]]] = defaultdict(list)
    for first, choice in found.items():
        if choice is not None:
            removals[first[:2]].append((first[2], *choice))
    for first, places in others.items():
        for place in places:
            if place[:2] == first[:2]:
                choice = found[first]  # same document: the same index, the same answer
            elif kept[first]:
                choice = (first, 100.0)
            else:
                choice = best(first, place[:2])
            if choice is not None:
                removals[place[:2]].append((place[2], *choice))
    for found_in_doc in removals.values():
        found_in_doc.sort()
    return removals


def drop_shard_copies(docs: ShardDocs, removals: dict[int, list[tuple[int, Ref, float]]],
                      rels: Sequence[str]) -> ShardDocs:
    """Apply one shard's removals (``record number -> [(index, kept, score)]``)."""
    for rec in docs.records:
        if rec.doc is None or rec.number not in removals:
            continue
        paras = lines(rec.doc.text)
        drop_copies(rec.doc, [
            Removal(docs.doc_id(rec.number), index, paras[index].text,
                    f"{rels[kept[0]]}:{kept[1]}", kept[2], score)
            for index, kept, score in removals[rec.number]])
    return docs


def dedup_and_write(docs: ShardDocs, removals: dict[int, list[tuple[int, Ref, float]]],
                    rels: Sequence[str], settings: Settings) -> ShardReport:
    return write_shard(drop_shard_copies(docs, removals, rels), settings)


# --- a run -----------------------------------------------------------------------------


def run(in_dir: Path, out_dir: Path, settings: Settings, client: Any,
        dedup_across: bool = False, params: ArchiveParams | None = None) -> list[ShardReport]:
    """Clean every shard of ``in_dir`` into ``out_dir`` on ``client``'s cluster."""
    import dask.bag as db

    shards = plan_shards(in_dir, out_dir)
    bag = db.from_sequence(shards, npartitions=len(shards))
    if not dedup_across:
        return bag.map(clean_shard, settings).compute()
    params = params or ArchiveParams.from_profile(settings.profile)
    deduper_for(params)  # fail here, not on a worker, if datasketch is missing
    docs = bag.map(read_shard, settings).persist()
    found = (docs.map(band_entries, params).flatten()
             .groupby(itemgetter(0), shuffle="tasks")
             .map(match_bucket, params).flatten().compute())
    removals = resolve(found)
    per_shard: list[dict[int, list]] = [{} for _ in shards]
    for (ordinal, number), drops in removals.items():
        per_shard[ordinal][number] = drops
    rels = [s.rel for s in shards]
    plan = db.from_sequence(per_shard, npartitions=len(shards))
    return db.map(dedup_and_write, docs, plan, rels, settings).compute()


# --- the command ---------------------------------------------------------------------


def clean_command(in_dir: Path, out_dir: Path, settings: Settings, scheduler: str | None,
                  workers: int, dedup_across: bool) -> int:
    """``cleanup engine clean``: run, report every failed record and a summary;
    returns the exit code (an error if any record failed)."""
    # a bad path or a broken profile fails here, before a cluster starts
    plan_shards(in_dir, out_dir)
    settings.build_cleaner()
    with connect(scheduler, workers) as client:
        reports = run(in_dir, out_dir, settings, client, dedup_across)
    for r in reports:
        for line in r.errors:
            report(line)
    failed = sum(len(r.errors) for r in reports)
    report(f"{sum(r.records for r in reports)} records in {len(reports)} shards: "
           f"{sum(r.changed for r in reports)} changed, {failed} failed"
           + (f", {sum(r.dropped for r in reports)} paragraphs dropped as copies"
              if dedup_across else ""))
    return EXIT_ERROR if failed else EXIT_OK
