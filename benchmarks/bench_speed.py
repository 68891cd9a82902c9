"""Speed of each stage and of the full default profile, beside the anchors.

Run: ``python -m pytest benchmarks/bench_speed.py --benchmark-enable -rs``
(``tools/bench_table.py`` runs this and prints README's table).

The corpus is the five sample pages repeated until it holds at least
``CLEANUP_BENCH_MB`` MB of UTF-8 (default 20).  It is cleaned two ways:

* as pages: one :class:`Document` per page, the way a user cleans an
  archive of page files (the figure README reports);
* as one big text: the pages joined by blank lines, streamed through
  :func:`cleanup.io.clean_chunks` as the CLI cleans one large file.

Every benchmark records MB/s (``mb_per_s``) in ``extra_info`` and as a user
property; ``benchmarks/conftest.py`` prints them as a table with the ratios
to the anchors.  Anchors (a ``regex`` ``\\s+`` pass, OpenCC t2s, NFKC,
jionlp ``clean_text``, ftfy ``fix_text``) run over the same big text; the
ones not installed are skipped with the reason (``pip install -e .[bench]``).
"""

from __future__ import annotations

import io
import os
import unicodedata
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Callable

import pytest
import regex

from cleanup.document import Document
from cleanup.io import RawReader, clean_chunks
from cleanup.pipeline import Cleaner

SAMPLES = Path(__file__).resolve().parent.parent / "tests" / "data" / "samples"
MEGABYTES = float(os.environ.get("CLEANUP_BENCH_MB", "20"))
ROUNDS = int(os.environ.get("CLEANUP_BENCH_ROUNDS", "3"))
STAGES = ("normalize", "debris", "paragraphs", "fragments", "dedup", "stutter")


@dataclass(frozen=True)
class Corpus:
    """The sample pages repeated to the benchmark size, and the same as one text."""

    pages: list[str]
    text: str
    nbytes: int


@pytest.fixture(scope="session")
def corpus() -> Corpus:
    samples = [p.read_text(encoding="utf-8") for p in sorted(SAMPLES.glob("*.txt"))]
    per_round = sum(len(s.encode("utf-8")) for s in samples)
    repeats = max(1, -(-int(MEGABYTES * 1e6) // per_round))
    pages = samples * repeats
    text = "\n\n".join(pages)
    return Corpus(pages, text, per_round * repeats)


@pytest.fixture(scope="session")
def cleaner() -> Cleaner:
    return Cleaner()


@dataclass(frozen=True)
class Snapshot:
    """A document as one stage finds it: raw input, current text, steps so far."""

    doc: Document

    def copy(self) -> Document:
        d = Document(self.doc.raw, self.doc.name)
        d.text = self.doc.text
        d.steps = list(self.doc.steps)
        d.stats = dict(self.doc.stats)
        return d


@pytest.fixture(scope="session")
def stage_inputs(corpus: Corpus, cleaner: Cleaner) -> dict[str, list[Snapshot]]:
    """For each stage, every page as the profile hands it to that stage.

    The pages repeat the five samples, so the five are run once and their
    snapshots shared (each round still works on fresh copies).
    """
    unique = {page: None for page in corpus.pages}
    before: dict[str, dict[str, Snapshot]] = {name: {} for name in STAGES}
    for page in unique:
        doc = Document(page)
        for stage in cleaner.stages:
            before[stage.name][page] = Snapshot(Snapshot(doc).copy())
            stage.run(doc)
    return {name: [snaps[p] for p in corpus.pages] for name, snaps in before.items()}


def record(benchmark: Any, record_property: Callable[[str, object], None], nbytes: int,
           kind: str, pages: int = 0) -> None:
    """Put MB/s (and pages/s) from the median round into extra_info and the report."""
    seconds = benchmark.stats.stats.median
    info: dict[str, object] = {"kind": kind, "megabytes": round(nbytes / 1e6, 2),
                               "mb_per_s": round(nbytes / 1e6 / seconds, 2)}
    if pages:
        info["pages_per_s"] = round(pages / seconds, 1)
    benchmark.extra_info.update(info)
    for key, value in info.items():
        record_property(key, value)


def run_pedantic(benchmark: Any, fn: Callable[..., object], *args: object,
                 setup: Callable[[], tuple[tuple[object, ...], dict[str, object]]] | None = None) -> None:
    if setup is None:
        benchmark.pedantic(fn, args=args, rounds=ROUNDS, iterations=1, warmup_rounds=0)
    else:
        benchmark.pedantic(fn, setup=setup, rounds=ROUNDS, iterations=1, warmup_rounds=0)


# --- cleanup -------------------------------------------------------------------


def clean_pages(cleaner: Cleaner, pages: list[str]) -> int:
    """Clean every page with change records on; the number of changes."""
    n = 0
    for page in pages:
        n += len(cleaner.run(Document(page)).changes)
    return n


def clean_big_text(cleaner: Cleaner, data: bytes) -> int:
    """Clean one large file's bytes chunk by chunk, as the CLI does."""
    reader = RawReader(io.BytesIO(data), "utf-8", "<bench>")
    return sum(len(chunk.changes) for chunk in clean_chunks(reader, cleaner))


def test_profile_pages(benchmark, record_property, corpus, cleaner):
    run_pedantic(benchmark, clean_pages, cleaner, corpus.pages)
    record(benchmark, record_property, corpus.nbytes, "cleanup", pages=len(corpus.pages))


def test_profile_big_text(benchmark, record_property, corpus, cleaner):
    data = corpus.text.encode("utf-8")
    run_pedantic(benchmark, clean_big_text, cleaner, data)
    record(benchmark, record_property, len(data), "cleanup")


@pytest.mark.parametrize("name", STAGES)
def test_stage(benchmark, record_property, corpus, cleaner, stage_inputs, name):
    stage = next(s for s in cleaner.stages if s.name == name)
    snaps = stage_inputs[name]

    def run(docs: list[Document]) -> None:
        for doc in docs:
            stage.run(doc)

    run_pedantic(benchmark, run, setup=lambda: (([s.copy() for s in snaps],), {}))
    record(benchmark, record_property, corpus.nbytes, "stage", pages=len(snaps))


def test_changes(benchmark, record_property, corpus, cleaner, stage_inputs):
    """``doc.changes`` alone: mapping every edit back to the raw input."""
    done = []
    for snap in stage_inputs["stutter"][: len(set(corpus.pages))]:
        doc = snap.copy()
        cleaner.stages[-1].run(doc)
        done.append(doc)
    docs = [done[i % len(done)] for i in range(len(corpus.pages))]
    run_pedantic(benchmark, lambda: [d.changes for d in docs])
    record(benchmark, record_property, corpus.nbytes, "stage", pages=len(docs))


# --- anchors -------------------------------------------------------------------


def test_anchor_regex_whitespace(benchmark, record_property, corpus):
    space = regex.compile(r"\s+")
    run_pedantic(benchmark, space.sub, " ", corpus.text)
    record(benchmark, record_property, corpus.nbytes, "anchor")


def test_anchor_opencc_t2s(benchmark, record_property, corpus):
    opencc = pytest.importorskip("opencc", reason="opencc not installed (pip install opencc)")
    convert = opencc.OpenCC("t2s.json").convert
    run_pedantic(benchmark, convert, corpus.text)
    record(benchmark, record_property, corpus.nbytes, "anchor")


def test_anchor_nfkc(benchmark, record_property, corpus):
    run_pedantic(benchmark, unicodedata.normalize, "NFKC", corpus.text)
    record(benchmark, record_property, corpus.nbytes, "anchor")


def test_anchor_jionlp_clean_text(benchmark, record_property, corpus):
    jionlp = pytest.importorskip("jionlp", reason="jionlp not installed (pip install -e .[bench])")
    run_pedantic(benchmark, lambda: [jionlp.clean_text(p) for p in corpus.pages])
    record(benchmark, record_property, corpus.nbytes, "anchor", pages=len(corpus.pages))


def test_anchor_ftfy_fix_text(benchmark, record_property, corpus):
    ftfy = pytest.importorskip("ftfy", reason="ftfy not installed (pip install -e .[bench])")
    run_pedantic(benchmark, lambda: [ftfy.fix_text(p) for p in corpus.pages])
    record(benchmark, record_property, corpus.nbytes, "anchor", pages=len(corpus.pages))
