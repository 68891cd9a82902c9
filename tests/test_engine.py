"""The Dask engine: on a local cluster of 2 workers, shards come out as the
single-process Cleaner (and ArchiveDeduper) makes them, fields kept, change
logs beside them."""

from __future__ import annotations

import json
import random
import subprocess
import sys
from itertools import groupby
from operator import itemgetter
from pathlib import Path

import pytest

pytest.importorskip("distributed", reason="the engine needs the dask extra (pip install 'cleanup[dask]')")
pytest.importorskip("datasketch", reason="archive dedup needs datasketch (pip install 'cleanup[dask]')")
from pagegen import load_corpus
from shard_check import PARAMS, assert_as_single_process, dataset_records, write_jsonl

from cleanup.archive import ArchiveDeduper
from cleanup.cli import main as cli_main
from cleanup.document import Document
from cleanup.engine import (
    Record,
    Settings,
    Shard,
    ShardDocs,
    band_entries,
    clean_shard,
    connect,
    match_bucket,
    plan_shards,
    resolve,
    run,
)
from cleanup.errors import InputError
from cleanup.outputs import CollisionError



@pytest.fixture(scope="module")
def client():
    with connect(None, 2) as c:
        assert len(c.scheduler_info()["workers"]) == 2
        yield c


@pytest.fixture(scope="module")
def dataset(tmp_path_factory) -> Path:
    """Three JSONL shards, one nested.  (A Parquet shard: tests/test_engine_parquet.py,
    which needs pyarrow.)"""
    root = tmp_path_factory.mktemp("shards")
    records = dataset_records()
    write_jsonl(root / "a.jsonl", records[:7])
    write_jsonl(root / "sub" / "b.jsonl", records[7:14] + [{"id": 99, "body": "no text field"}])
    write_jsonl(root / "c.jsonl", [{"id": r["id"], "text": r["text"], "score": 0.5} for r in records[14:]])
    return root


SHARDS = ["a.jsonl", "c.jsonl", "sub/b.jsonl"]


@pytest.mark.parametrize("dedup", [False, True], ids=["clean", "dedup-across"])
def test_cluster_output_equals_single_process(client, dataset, tmp_path, dedup):
    reports = run(dataset, tmp_path, Settings(), client, dedup_across=dedup)
    assert_as_single_process(dataset, tmp_path, reports, dedup, SHARDS)
    assert [e for r in reports for e in r.errors] == [
        (f"cleanup: error: {dataset / 'sub/b.jsonl'}:8: no string field 'text' "
         "(check --text-field; the record was copied unchanged)")]


def test_jsonl_shard_is_what_the_cli_writes(client, dataset, tmp_path):
    run(dataset, tmp_path / "engine", Settings(), client)
    src = dataset / "a.jsonl"
    assert cli_main([str(src), "--jsonl", "-o", str(tmp_path / "cli.jsonl"),
                     "--changes", str(tmp_path / "cli.changes.jsonl")]) == 0
    assert (tmp_path / "engine" / "a.jsonl").read_bytes() == (tmp_path / "cli.jsonl").read_bytes()
    assert (tmp_path / "engine" / "a.changes.jsonl").read_bytes() == \
        (tmp_path / "cli.changes.jsonl").read_bytes()


def test_cli_subcommand_runs_a_local_cluster(dataset, tmp_path, capsys):
    assert cli_main(["engine", "clean", str(dataset), "-o", str(tmp_path), "--workers", "2",
                     "--dedup-across"]) == 2  # the record without a text field
    err = capsys.readouterr().err
    assert "22 records in 3 shards" in err and "paragraphs dropped as copies" in err
    assert (tmp_path / "sub" / "b.changes.jsonl").is_file()


def test_no_shards_is_an_input_error(tmp_path):
    (tmp_path / "notes.txt").write_text("x")
    with pytest.raises(InputError, match="no \\*.jsonl or \\*.parquet shards"):
        run(tmp_path, tmp_path / "out", Settings(), client=None)


def test_bad_lines_are_copied_unchanged_and_reported(tmp_path):
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "s.jsonl").write_bytes(b'{"text": "2\xe6\x9c\x88 11\xe6\x97\xa5,ok."}\nnot json\n\n')
    [shard] = plan_shards(tmp_path / "in", tmp_path / "out")
    report = clean_shard(shard, Settings())
    lines = (tmp_path / "out" / "s.jsonl").read_bytes().splitlines(keepends=True)
    assert lines[1:] == [b"not json\n", b"\n"]
    assert json.loads(lines[0])["text"] != "2月 11日,ok."
    where = tmp_path / "in" / "s.jsonl"
    assert report.errors == (f"cleanup: error: {where}:2: not valid JSON (Expecting value: line 1 column 1 "
                             "(char 0)) (fix the record; it was copied unchanged)",)


def test_a_shard_whose_first_records_all_fail_is_one_error_and_copied_unchanged(tmp_path):
    """A shard none of whose first 10 records has the text field (a wrong --text-field, a
    text file named .jsonl) is one error line, not one a record, as cleaning a corpus is."""
    (tmp_path / "in").mkdir()
    raw = "".join(json.dumps({"id": n, "body": "会议,召开。"}, ensure_ascii=False) + "\n" for n in range(12))
    (tmp_path / "in" / "s.jsonl").write_text(raw, encoding="utf-8")
    [shard] = plan_shards(tmp_path / "in", tmp_path / "out")
    report = clean_shard(shard, Settings())
    assert report.errors == (f"cleanup: error: {tmp_path / 'in' / 's.jsonl'}: none of its first 10 records is a "
                             "JSON object with a string field 'text' (is it JSON Lines? check --text-field, or "
                             "drop --jsonl to clean it as text)",)
    assert (tmp_path / "out" / "s.jsonl").read_text(encoding="utf-8") == raw


def test_a_rule_that_fails_on_a_record_names_the_record_and_fails_it_alone(tmp_path):
    rules = tmp_path / "runaway.toml"
    rules.write_text('[[rule]]\nid = "runaway"\nstage = "normalize"\ndescription = "backtracks"\n'
                     "pattern = '(a|aa)+$'\nreplace = \"\"\nexamples = [[\"aa\", \"\"]]\n",
                     encoding="utf-8")
    (tmp_path / "in").mkdir()
    bad = '{"text": "' + "a" * 60 + 'b"}\n'
    (tmp_path / "in" / "s.jsonl").write_text('{"text": "会议,召开"}\n' + bad, encoding="utf-8")
    [shard] = plan_shards(tmp_path / "in", tmp_path / "out")
    report = clean_shard(shard, Settings(rules=(str(rules),), timeout=0.2))
    [error] = report.errors
    assert error.startswith(f"cleanup: error: {tmp_path / 'in' / 's.jsonl'}:2: {rules}: rule runaway: "
                            "pattern ran over 0.2s")
    lines = (tmp_path / "out" / "s.jsonl").read_text(encoding="utf-8").splitlines(keepends=True)
    assert json.loads(lines[0])["text"] == "会议，召开\n" and lines[1] == bad


def test_a_jsonl_shard_restores_from_its_change_log(tmp_path):
    (tmp_path / "in").mkdir()
    raw = (b'{"id":1,"text":"2\\u6708 11\\u65e5,ok."}\n' + json.dumps({"text": "会议,召开"}).encode() + b"\r\n"
           + b"not json\n" + json.dumps({"text": "会议，召开。\n"}, ensure_ascii=False).encode())
    (tmp_path / "in" / "s.jsonl").write_bytes(raw)
    [shard] = plan_shards(tmp_path / "in", tmp_path / "out")
    clean_shard(shard, Settings())
    back = tmp_path / "back.jsonl"
    assert cli_main(["restore", shard.out, "--changes", shard.log, "-o", str(back)]) == 0
    assert back.read_bytes() == raw


def test_outputs_on_the_input_shards_are_refused(tmp_path):
    shards = tmp_path / "shards"
    (shards / "shards").mkdir(parents=True)
    write_jsonl(shards / "a.jsonl", [{"text": "会议,召开"}])
    write_jsonl(shards / "shards" / "a.jsonl", [{"text": "会议,召开"}])
    with pytest.raises(CollisionError, match="-o is the input folder"):
        plan_shards(shards, shards / ".")
    with pytest.raises(CollisionError, match=f"the clean shard of {shards / 'shards' / 'a.jsonl'} is the "
                                             f"same file as the shard {shards / 'a.jsonl'}"):
        plan_shards(shards, tmp_path)


def test_a_rule_file_whose_example_fails_stops_the_engine_before_a_cluster_starts(tmp_path, capsys):
    rules = tmp_path / "mine.toml"
    rules.write_text('[[rule]]\nid = "my-qq"\nstage = "normalize"\ndescription = "qq"\npattern = "qq"\n'
                     'replace = "q"\nexamples = [["会qq议", "会qqq议"]]\n', encoding="utf-8")
    write_jsonl(tmp_path / "in" / "a.jsonl", [{"text": "会议,召开"}])
    assert cli_main(["engine", "clean", str(tmp_path / "in"), "-o", str(tmp_path / "out"),
                     "--rules", str(rules)]) == 2
    assert f"{rules}:2: rule my-qq: example 1" in capsys.readouterr().err
    assert not (tmp_path / "out").exists()


def test_cli_start_up_does_not_import_the_engine():
    code = ("import sys, cleanup, cleanup.cli; "
            "print(sorted(m for m in ('dask', 'distributed', 'pyarrow', 'cleanup.engine') if m in sys.modules))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"


# --- the join without a cluster: exactly the sequential index ---------------------------


def archive(seed: int) -> list[list[str]]:
    """Documents of gold paragraphs, exact and near copies (one or two characters
    changed, so chains of near copies happen) and short paragraphs."""
    rng = random.Random(seed)
    _, bodies = load_corpus()
    pool = rng.sample(bodies, 12)
    docs = []
    for _ in range(30):
        paras = []
        for _ in range(rng.randint(1, 6)):
            p = rng.choice(pool)
            for _ in range(rng.choice([0, 0, 1, 2, 6])):
                at = rng.randrange(len(p))
                p = p[:at] + rng.choice("的了在是国") + p[at + 1:]
            paras.append(p if rng.random() > 0.1 else p[:10])
            pool.append(p)
        docs.append(paras)
    return docs


def join_locally(docs: list[list[str]]) -> dict[tuple[int, int], list]:
    """band_entries -> shuffle (here a sort) -> match_bucket -> resolve."""
    shard = ShardDocs(Shard(0, "s.jsonl", "s.jsonl", "", ""), [
        Record(n, {}, doc=Document("\n\n".join(paras) + "\n")) for n, paras in enumerate(docs, 1)], "")
    entries = sorted(band_entries(shard, PARAMS), key=itemgetter(0))
    found = [m for bucket, group in groupby(entries, key=itemgetter(0))
             for m in match_bucket((bucket, list(group)), PARAMS)]
    return resolve(found)


@pytest.mark.parametrize("seed", range(6))
def test_join_removes_what_the_sequential_index_removes(seed):
    docs = archive(seed)
    deduper = ArchiveDeduper(PARAMS)
    want = {}
    for n, paras in enumerate(docs, 1):
        removals = deduper.add(f"s.jsonl:{n}", paras)
        if removals:
            want[(0, n)] = [(r.index, r.kept_doc, r.kept_index, r.score) for r in removals]
    got = {doc: [(index, f"s.jsonl:{kept[1]}", kept[2], score) for index, kept, score in drops]
           for doc, drops in join_locally(docs).items()}
    assert got == want
    assert any(score < 100 for drops in want.values() for *_, score in drops), "near copies tested"
