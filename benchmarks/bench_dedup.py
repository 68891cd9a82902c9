"""Speed of dedup: within a page (pages/s) and across a generated archive.

Run: ``python -m pytest benchmarks/ --benchmark-enable``.  The archive
benchmark plants near-duplicates in 100,000 generated paragraphs and puts
time, precision and recall in ``extra_info`` (and prints them); memory is
traced on the first fifth of the archive (tracing slows the run) and
given per indexed paragraph, with the process's peak RSS.
"""

from __future__ import annotations

import random
import resource
import tracemalloc
from pathlib import Path

import pytest

from cleanup.archive import ArchiveDeduper, ArchiveParams
from cleanup.document import Document
from cleanup.pipeline import Cleaner

DATA = Path(__file__).resolve().parent.parent / "tests" / "data"
PARAGRAPHS = 100_000
PER_DOC = 20
PLANT_RATE = 0.05


def corpus() -> str:
    """The sample pages' text, one string: material for generated paragraphs."""
    texts = [p.read_text(encoding="utf-8") for p in sorted((DATA / "samples").glob("*.txt"))]
    return "".join("".join(t.split()) for t in texts)


def generate_archive(paragraphs: int, seed: int = 7) -> tuple[list[list[str]], set[tuple[int, int]]]:
    """Documents of paragraphs spliced from sample text, and the planted copies.

    About ``PLANT_RATE`` of paragraphs (after the first documents) copy a
    paragraph of an earlier document of at least 60 characters, exactly,
    with 1-5 characters changed, or with half-width commas.
    """
    rng = random.Random(seed)
    text = corpus()
    han = [c for c in set(text) if "\u4e00" <= c <= "\u9fff"]
    docs: list[list[str]] = []
    planted: set[tuple[int, int]] = set()
    for d in range(paragraphs // PER_DOC):
        doc: list[str] = []
        for i in range(PER_DOC):
            if d >= 10 and rng.random() < PLANT_RATE:
                source = rng.choice(rng.choice(docs[:d]))
                if len(source) >= 60:
                    doc.append(mutate(source, rng, han))
                    planted.add((d, i))
                    continue
            doc.append(splice(text, rng))
        docs.append(doc)
    return docs, planted


def splice(text: str, rng: random.Random) -> str:
    parts = []
    for _ in range(rng.randint(3, 12)):
        at = rng.randrange(len(text) - 20)
        parts.append(text[at : at + rng.randint(6, 20)])
    return "".join(parts) + "。"


def mutate(source: str, rng: random.Random, han: list[str]) -> str:
    kind = rng.randrange(3)
    if kind == 0:
        return source
    if kind == 1:
        return source.replace("，", ",")
    chars = list(source)
    for at in rng.sample(range(len(chars) - 1), rng.randint(1, 5)):
        chars[at] = rng.choice(han)
    return "".join(chars)


def run_archive(docs: list[list[str]]) -> list[tuple[int, int]]:
    deduper = ArchiveDeduper(ArchiveParams.from_profile())
    found: list[tuple[int, int]] = []
    for d, paras in enumerate(docs):
        found.extend((d, r.index) for r in deduper.add(str(d), paras))
    return found


def clean_until_dedup(cleaner: Cleaner, raw: str) -> str:
    """A sample page as the dedup stage receives it (every stage before dedup run)."""
    doc = Document(raw)
    for stage in cleaner.stages:
        if stage.name == "dedup":
            break
        stage.run(doc)
    return doc.text


def test_dedup_pages(benchmark):
    cleaner = Cleaner()
    stage = next(s for s in cleaner.stages if s.name == "dedup")
    pages = [clean_until_dedup(cleaner, p.read_text(encoding="utf-8"))
             for p in sorted((DATA / "samples").glob("*.txt"))]

    def run() -> None:
        for text in pages:
            stage.run(Document(text))

    benchmark.pedantic(run, rounds=20, iterations=1, warmup_rounds=1)
    seconds = benchmark.stats.stats.median
    megabytes = sum(len(t.encode("utf-8")) for t in pages) / 1e6
    info = {"pages_per_s": len(pages) / seconds, "mb_per_s": megabytes / seconds,
            "megabytes": megabytes, "kind": "pages"}
    benchmark.extra_info.update(info)
    print(f"\ndedup stage: {info['pages_per_s']:.0f} pages/s ({info['mb_per_s']:.2f} MB/s)")


def test_archive_dedup(benchmark):
    docs, planted = generate_archive(PARAGRAPHS)
    found = benchmark.pedantic(run_archive, args=(docs,), rounds=1, iterations=1)
    hits = len(set(found) & planted)
    info: dict[str, float] = {
        "paragraphs": sum(map(len, docs)),
        "planted": len(planted),
        "removed": len(found),
        "seconds": benchmark.stats.stats.median,
        "precision": hits / len(found) if found else 1.0,
        "recall": hits / len(planted),
    }
    # memory: traced on a prefix (tracing slows the run), per indexed paragraph
    prefix = docs[: len(docs) // 5]
    tracemalloc.start()
    deduper = ArchiveDeduper(ArchiveParams.from_profile())
    for d, paras in enumerate(prefix):
        deduper.add(str(d), paras)
    current, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    info.update(traced_paragraphs=sum(map(len, prefix)), peak_traced_mb=peak / 1e6,
                bytes_per_indexed_paragraph=current / len(deduper),
                max_rss_mb=resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024)
    benchmark.extra_info.update(info)
    print("\narchive dedup: " + ", ".join(f"{k} {v:.4g}" for k, v in info.items()))
