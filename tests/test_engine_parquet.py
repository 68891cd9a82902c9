"""The engine on Parquet shards: rows come out as the single-process Cleaner
makes them, every column kept.  Needs pyarrow (the dask extra); the JSONL
engine tests (tests/test_engine.py) do not."""

from __future__ import annotations

from pathlib import Path

import pytest

pytest.importorskip("distributed", reason="the engine needs the dask extra (pip install 'cleanup[dask]')")
pytest.importorskip("datasketch", reason="archive dedup needs datasketch (pip install 'cleanup[dask]')")
pq = pytest.importorskip("pyarrow.parquet", reason="Parquet shards need pyarrow (pip install 'cleanup[dask]')")
import pyarrow as pa
from shard_check import assert_as_single_process, dataset_records, write_jsonl

from cleanup.cli import main as cli_main
from cleanup.engine import Settings, clean_shard, connect, plan_shards, run

SHARDS = ["a.jsonl", "c.parquet"]


@pytest.fixture(scope="module")
def client():
    with connect(None, 2) as c:
        yield c


@pytest.fixture(scope="module")
def dataset(tmp_path_factory) -> Path:
    """A JSONL shard and a Parquet shard; the Parquet shard repeats paragraphs of the JSONL one."""
    root = tmp_path_factory.mktemp("shards")
    records = dataset_records()
    write_jsonl(root / "a.jsonl", records[:10])
    table = pa.Table.from_pylist([{"id": r["id"], "text": r["text"], "score": 0.5} for r in records[10:]])
    pq.write_table(table, root / "c.parquet")
    return root


@pytest.mark.parametrize("dedup", [False, True], ids=["clean", "dedup-across"])
def test_parquet_shard_comes_out_as_single_process(client, dataset, tmp_path, dedup):
    reports = run(dataset, tmp_path, Settings(), client, dedup_across=dedup)
    assert_as_single_process(dataset, tmp_path, reports, dedup, SHARDS)
    assert pq.read_table(tmp_path / "c.parquet").schema == pq.read_table(dataset / "c.parquet").schema
    assert [e for r in reports for e in r.errors] == []


def test_parquet_row_without_the_text_field_is_reported(tmp_path):
    (tmp_path / "in").mkdir()
    pq.write_table(pa.Table.from_pylist([{"text": "会议,召开"}, {"text": None}]), tmp_path / "in" / "s.parquet")
    [shard] = plan_shards(tmp_path / "in", tmp_path / "out")
    report = clean_shard(shard, Settings())
    assert report.errors == (f"cleanup: error: {tmp_path / 'in' / 's.parquet'}:2: no string field 'text' "
                             "(check --text-field; the record was copied unchanged)",)
    assert pq.read_table(tmp_path / "out" / "s.parquet").to_pylist() == [{"text": "会议，召开\n"}, {"text": None}]


def test_restore_refuses_a_parquet_shard_log(tmp_path, capsys):
    (tmp_path / "in").mkdir()
    pq.write_table(pa.Table.from_pylist([{"text": "会议,召开"}]), tmp_path / "in" / "s.parquet")
    [shard] = plan_shards(tmp_path / "in", tmp_path / "out")
    clean_shard(shard, Settings())
    assert cli_main(["restore", shard.out, "--changes", shard.log]) == 2
    assert "not Parquet shards (keep the input shard)" in capsys.readouterr().err
