"""Speed of the stutter stage on the sample pages, and of building it (word list load).

Run: ``python -m pytest benchmarks/bench_stutter.py --benchmark-enable``.
"""

from __future__ import annotations

from pathlib import Path

from cleanup.document import Document
from cleanup.pipeline import build_stage
from cleanup.rules import load_profile
from cleanup.wordlists import load_costs, load_lexicon, read_entries, read_source

DATA = Path(__file__).resolve().parent.parent / "tests" / "data"
CONFIG = next(s for s in load_profile("zh-news").stages if s.name == "stutter")


def test_stutter_pages(benchmark):
    stage = build_stage(CONFIG, timeout=2.0)
    pages = [p.read_text(encoding="utf-8") for p in sorted((DATA / "samples").glob("*.txt"))]
    benchmark(lambda: [stage.run(Document(text)) for text in pages])


def test_stutter_build(benchmark, monkeypatch):
    """Building the stage from scratch: the word list parsed and derived, no disk cache."""
    monkeypatch.setenv("CLEANUP_CACHE_DIR", "")

    def build() -> None:
        for loader in (load_lexicon, load_costs, read_entries, read_source):
            loader.cache_clear()
        build_stage(CONFIG, timeout=2.0)

    benchmark(build)
