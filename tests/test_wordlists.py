"""Word lists: parsing, the shared lexicon, and its cache on disk."""

from __future__ import annotations

import marshal

import pytest

from cleanup import diskcache
from cleanup.errors import RuleError
from cleanup.wordlists import Lexicon, load_costs, load_lexicon, read_entries, read_source


@pytest.fixture
def cache_in(tmp_path, monkeypatch):
    monkeypatch.setenv("CLEANUP_CACHE_DIR", str(tmp_path / "cache"))
    return tmp_path / "cache"


def derive_counting(calls: list[int], value: object):
    def derive():
        calls.append(1)
        return value
    return derive


def test_a_derived_value_is_read_back_from_the_cache(cache_in):
    calls: list[int] = []
    first = diskcache.derived("t", b"source", derive_counting(calls, ({"a": 1}, frozenset("ab"))), bool)
    again = diskcache.derived("t", b"source", derive_counting(calls, None), bool)
    assert again == first and calls == [1]
    assert len(list(cache_in.iterdir())) == 1


def test_another_source_is_derived_anew(cache_in):
    calls: list[int] = []
    diskcache.derived("t", b"source", derive_counting(calls, 1), bool)
    assert diskcache.derived("t", b"edited source", derive_counting(calls, 2), bool) == 2
    assert calls == [1, 1]


@pytest.mark.parametrize("damage", [b"", b"\x00garbage", marshal.dumps("not the right shape")])
def test_a_damaged_cache_is_derived_anew_and_replaced(cache_in, damage):
    calls: list[int] = []
    diskcache.derived("t", b"source", derive_counting(calls, (1, 2)), bool)
    (path,) = cache_in.iterdir()
    path.write_bytes(damage)
    valid = lambda v: isinstance(v, tuple)  # noqa: E731
    assert diskcache.derived("t", b"source", derive_counting(calls, (1, 2)), valid) == (1, 2)
    assert calls == [1, 1] and marshal.loads(path.read_bytes()) == (1, 2)


def test_a_cache_that_cannot_be_written_is_not_used(tmp_path, monkeypatch):
    blocker = tmp_path / "file"
    blocker.write_text("a file where the cache folder should be")
    monkeypatch.setenv("CLEANUP_CACHE_DIR", str(blocker / "cache"))
    calls: list[int] = []
    assert diskcache.derived("t", b"source", derive_counting(calls, 7), bool) == 7
    assert diskcache.derived("t", b"source", derive_counting(calls, 7), bool) == 7
    assert calls == [1, 1] and blocker.read_text().startswith("a file")


def test_an_empty_cache_dir_setting_turns_the_cache_off(tmp_path, monkeypatch):
    monkeypatch.setenv("CLEANUP_CACHE_DIR", "")
    monkeypatch.chdir(tmp_path)
    assert diskcache.cache_path("t", b"source") is None
    assert diskcache.derived("t", b"source", lambda: 3, bool) == 3
    assert list(tmp_path.iterdir()) == []


def test_the_cached_lexicon_is_the_one_derived_from_the_list(cache_in):
    load_lexicon.cache_clear()
    try:
        cold = load_lexicon("words.txt")
        load_lexicon.cache_clear()
        warm = load_lexicon("words.txt")
    finally:
        load_lexicon.cache_clear()
    derived = Lexicon.of(load_costs("words.txt"))
    for lexicon in (cold, warm):
        assert (lexicon.costs, lexicon.prefixes, lexicon.pairs) == (derived.costs, derived.prefixes, derived.pairs)
    assert warm.segment("会议精神政企对接") == derived.segment("会议精神政企对接")
    assert len(list(cache_in.iterdir())) == 1


def test_the_lexicon_knows_starts_and_pairs_of_words():
    lexicon = Lexicon.of({"会议": 5, "精神": 6, "政企对接": 9})
    assert {"会", "会议", "政企对", "政企对接"} <= lexicon.prefixes and "议" not in lexicon.prefixes
    assert {"会议", "企对", "对接"} <= lexicon.pairs and "议精" not in lexicon.pairs
    assert lexicon.segment("会议精神") == ["会议", "精神"]


def test_a_word_list_entry_without_a_cost_is_named(tmp_path, monkeypatch):
    rules = tmp_path / "rules"
    rules.mkdir()
    (rules / "w.txt").write_text("# header\n会议\t5\n精神\n", encoding="utf-8")
    monkeypatch.setattr("cleanup.wordlists.packaged_rules_dir", lambda: rules)
    for loader in (read_source, read_entries, load_costs):
        loader.cache_clear()
    try:
        with pytest.raises(RuleError, match=r"entry 2 is not WORD<TAB>COST: '精神'"):
            load_costs("w.txt")
    finally:
        for loader in (read_source, read_entries, load_costs):
            loader.cache_clear()
