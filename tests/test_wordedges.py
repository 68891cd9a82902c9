"""Word edges: how often a word starts or ends a longer one (the fragments stage's cut-word evidence)."""

from __future__ import annotations

import math

import pytest

from cleanup.wordedges import WordEdges, load_word_edges, word_masses
from cleanup.wordlists import load_costs


@pytest.fixture
def cache_in(tmp_path, monkeypatch):
    monkeypatch.setenv("CLEANUP_CACHE_DIR", str(tmp_path / "cache"))
    return tmp_path / "cache"


def cost(p: float) -> int:
    return round(-math.log(p))


def test_masses_count_a_word_alone_as_the_start_and_as_the_end_of_longer_words():
    costs = {"召": cost(0.01), "召开": cost(0.1), "号召": cost(0.01), "开": cost(0.05)}
    masses = word_masses(costs)
    own, starts, ends = masses["召"]
    assert own == pytest.approx(math.exp(-costs["召"]))
    assert starts == pytest.approx(math.exp(-costs["召开"]))
    assert ends == pytest.approx(math.exp(-costs["号召"]))
    edges = WordEdges(masses)
    assert edges.continues("召") == pytest.approx(starts / (own + starts + ends))
    assert edges.continued("召") == pytest.approx(ends / (own + starts + ends))
    assert edges.continues("开") == 0.0 and edges.continued("开") > 0.5
    assert edges.continues("龘") == edges.continued("龘") == 0.0


def test_a_bound_character_mostly_continues_and_a_whole_word_mostly_does_not():
    edges = load_word_edges("words.txt")
    assert edges.continues("召") > 0.7  # 召开, 召集
    assert edges.continued("济") > 0.9  # 经济
    assert edges.continues("的") < 0.1 and edges.continued("的") < 0.2


def test_the_cached_edges_are_the_ones_derived_from_the_list(cache_in):
    load_word_edges.cache_clear()
    try:
        cold = load_word_edges("words.txt")
        load_word_edges.cache_clear()
        warm = load_word_edges("words.txt")
    finally:
        load_word_edges.cache_clear()
    assert cold.masses == warm.masses == word_masses(load_costs("words.txt"))
    assert [p.name.split("-")[0] for p in cache_in.iterdir()] == ["wordedges"]
