"""Shards of records for the engine tests, and the check that the engine's output
is what the single-process Cleaner (and ArchiveDeduper) make of them."""

from __future__ import annotations

import json
from pathlib import Path

from conftest import SAMPLES
from pagegen import make_pages

from cleanup import Cleaner
from cleanup.archive import ArchiveDeduper, ArchiveParams
from cleanup.changes import read_log
from cleanup.document import Document

PARAMS = ArchiveParams.from_profile()


def write_jsonl(path: Path, records: list[dict]) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in records), encoding="utf-8")


def dataset_records() -> list[dict]:
    """Generated pages and the samples; the generated pages share paragraphs
    (they come from the gold)."""
    pages = [p.raw for _, p in make_pages(16)] + [s.read_text(encoding="utf-8") for s in SAMPLES]
    return [{"id": n, "text": t, "meta": {"n": n, "tags": ["a", "b"]}} for n, t in enumerate(pages)]


def read_shard_records(path: Path) -> list[dict]:
    if path.suffix == ".parquet":
        import pyarrow.parquet as pq

        return pq.read_table(path).to_pylist()
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]


def expected(dataset: Path, dedup: bool, shards: list[str]) -> dict[str, list[tuple[str | None, list]]]:
    """Per shard, per record: the clean text and changes the single-process run gives."""
    cleaner = Cleaner()
    deduper = ArchiveDeduper(PARAMS) if dedup else None
    out = {}
    for rel in shards:
        rows = []
        for number, rec in enumerate(read_shard_records(dataset / rel), 1):
            if not isinstance(rec.get("text"), str):
                rows.append((None, []))
                continue
            doc = cleaner.run(Document(rec["text"]))
            if deduper is not None:
                deduper.apply(doc, f"{rel}:{number}")
            rows.append((doc.text, [(c.rule, c.start, c.end, c.before, c.after, c.note)
                                    for c in doc.records]))  # the log holds the suspects kept too
        out[rel] = rows
    return out


def logged_changes(log: Path) -> tuple[dict, dict[int, list]]:
    records = list(read_log(log.open("rb"), str(log)))
    by_record: dict[int, list] = {}
    for r in records[1:]:
        if r["type"] != "change":
            continue
        by_record.setdefault(r["record"], []).append(
            (r["rule"], r["start"], r["end"], r["before"], r["after"], r["note"]))
    return records[0], by_record


def assert_as_single_process(dataset: Path, out: Path, reports: list, dedup: bool, shards: list[str]) -> None:
    """Every shard of ``out`` holds what the single-process Cleaner (and ArchiveDeduper) make."""
    assert sorted(r.rel for r in reports) == shards
    want = expected(dataset, dedup, shards)
    for rel in shards:
        got = read_shard_records(out / rel)
        original = read_shard_records(dataset / rel)
        head, changes = logged_changes((out / rel).with_suffix(".changes.jsonl"))
        assert head["jsonl"] and head["text_field"] == "text"
        assert len(got) == len(original) == len(want[rel])
        for number, (new, old, (text, doc_changes)) in enumerate(zip(got, original, want[rel]), 1):
            assert {k: v for k, v in new.items() if k != "text"} == \
                   {k: v for k, v in old.items() if k != "text"}, "other fields kept"
            assert new.get("text") == (old.get("text") if text is None else text)
            assert changes.get(number, []) == doc_changes
    dropped = sum(r.dropped for r in reports)
    assert (dropped > 0) == dedup
