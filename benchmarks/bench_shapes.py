"""Time grows with the input's length, whatever its shape (issue 21).

Run: ``python -m pytest benchmarks/bench_shapes.py --benchmark-enable``

The same text, ``CLEANUP_BENCH_MB`` MB of it (default 20: the five sample
pages repeated), cleaned in three shapes:

* as pages: one :class:`Document` per page, the way an archive of page
  files is cleaned (the reference);
* as one line: every line of the pages run together, no line break at all,
  streamed through :func:`cleanup.io.clean_chunks` as the CLI cleans a
  large file;
* as two-line paragraphs: every line of the pages cut in two at its middle,
  a blank line between, streamed the same way.

Each records MB/s; ``benchmarks/conftest.py`` prints each shape's time as
a multiple of the pages' (target: at most 2x).
"""

from __future__ import annotations

import io
import os
from pathlib import Path
from typing import Any, Callable

import pytest

from cleanup.document import Document
from cleanup.io import RawReader, clean_chunks
from cleanup.pipeline import Cleaner

SAMPLES = Path(__file__).resolve().parent.parent / "tests" / "data" / "samples"
MEGABYTES = float(os.environ.get("CLEANUP_BENCH_MB", "20"))
ROUNDS = int(os.environ.get("CLEANUP_BENCH_ROUNDS", "1"))


@pytest.fixture(scope="module")
def pages() -> list[str]:
    samples = [p.read_text(encoding="utf-8") for p in sorted(SAMPLES.glob("*.txt"))]
    per_round = sum(len(s.encode("utf-8")) for s in samples)
    return samples * max(1, -(-int(MEGABYTES * 1e6) // per_round))


def page_lines(pages: list[str]) -> list[str]:
    return [line for page in pages for line in page.split("\n") if line.strip()]


def one_line(pages: list[str]) -> bytes:
    return "".join(page_lines(pages)).encode("utf-8")


def two_line_paragraphs(pages: list[str]) -> bytes:
    halves = (f"{line[: len(line) // 2]}\n{line[len(line) // 2:]}" for line in page_lines(pages))
    return "\n\n".join(halves).encode("utf-8")


def clean_pages(cleaner: Cleaner, pages: list[str]) -> int:
    return sum(len(cleaner.run(Document(page)).changes) for page in pages)


def clean_file(cleaner: Cleaner, data: bytes) -> int:
    reader = RawReader(io.BytesIO(data), "utf-8", "<bench>")
    return sum(len(chunk.changes) for chunk in clean_chunks(reader, cleaner))


def run(benchmark: Any, record_property: Callable[[str, object], None], shape: str, nbytes: int,
        fn: Callable[..., int], *args: object) -> None:
    benchmark.pedantic(fn, args=args, rounds=ROUNDS, iterations=1, warmup_rounds=0)
    seconds = benchmark.stats.stats.median
    info = {"kind": "shape", "shape": shape, "megabytes": round(nbytes / 1e6, 2),
            "mb_per_s": round(nbytes / 1e6 / seconds, 2), "seconds": round(seconds, 2)}
    benchmark.extra_info.update(info)
    for key, value in info.items():
        record_property(key, value)


def test_shape_pages(benchmark, record_property, pages):
    run(benchmark, record_property, "pages", sum(len(p.encode("utf-8")) for p in pages), clean_pages, Cleaner(),
        pages)


def test_shape_one_line(benchmark, record_property, pages):
    data = one_line(pages)
    run(benchmark, record_property, "one line", len(data), clean_file, Cleaner(), data)


def test_shape_two_line_paragraphs(benchmark, record_property, pages):
    data = two_line_paragraphs(pages)
    run(benchmark, record_property, "two-line paragraphs", len(data), clean_file, Cleaner(), data)
