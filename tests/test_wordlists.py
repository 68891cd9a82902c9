"""Word lists: parsing, the shared lexicon, and its cache on disk."""

from __future__ import annotations

import gc
import marshal
import os
from pathlib import Path

import pytest

from cleanup import Cleaner, diskcache
from cleanup.errors import RuleError
from cleanup.wordlists import (
    LEXICON_FORMAT,
    Lexicon,
    load_costs,
    load_lexicon,
    pack_lexicon,
    read_entries,
    read_source,
    shape_lexicon,
    unpack_lexicon,
)


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


def test_only_the_newest_files_of_a_kind_are_kept(cache_in):
    """Edited sources and older layouts do not pile up; other kinds are left alone."""
    other = diskcache.cache_path("t-extra-v1", b"other")  # another kind, whose name starts alike
    diskcache.derived("t-extra-v1", b"other", lambda: 0, bool)
    for n, kind in enumerate(["t-v1", "t-v2", "t-v2", "t-v2"]):
        source = f"source {n}".encode()
        diskcache.derived(kind, source, lambda: n, bool, keep=2)
        os.utime(diskcache.cache_path(kind, source), (n, n))  # in this order, whatever the clock's resolution
    kept = {diskcache.cache_path("t-v2", f"source {n}".encode()) for n in (2, 3)}
    assert set(cache_in.iterdir()) == kept | {other}


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


@pytest.mark.parametrize("costs", [{}, {"": 3}, {"会议": 5, "": 9, "政企对接": 7}])
def test_the_cached_layout_keeps_the_whole_lexicon(costs):
    lexicon = Lexicon.of(costs)
    again = unpack_lexicon(marshal.loads(marshal.dumps(pack_lexicon(lexicon))))
    assert list(again.costs.items()) == list(costs.items())
    assert (again.prefixes, again.pairs, again.unknown) == (lexicon.prefixes, lexicon.pairs, lexicon.unknown)


def test_the_garbage_collector_never_walks_the_lexicon_s_sets():
    lexicon = Lexicon.of({"会议": 5, "精神": 6})
    for view in (lexicon.prefixes, lexicon.pairs):
        (table,) = gc.get_referents(view)
        assert not gc.is_tracked(table)


def test_the_lexicon_knows_starts_and_pairs_of_words():
    lexicon = Lexicon.of({"会议": 5, "精神": 6, "政企对接": 9})
    assert {"会", "会议", "政企对", "政企对接"} <= lexicon.prefixes and "议" not in lexicon.prefixes
    assert {"会议", "企对", "对接"} <= lexicon.pairs and "议精" not in lexicon.pairs
    assert lexicon.segment("会议精神") == ["会议", "精神"]


@pytest.mark.parametrize("costs", [{}, {"": 3}, {"会议": 5, "会": 2, "政企对接": 7}])
def test_the_lexicon_tells_each_prefix_s_cost_as_a_word_in_one_look_up(costs):
    lexicon = Lexicon.of(costs)
    assert lexicon.entries == {p: costs.get(p) for p in lexicon.prefixes}
    assert "" not in lexicon.entries


def test_a_cut_inside_a_word_of_the_cheapest_segmentation_is_read_within_the_context():
    lexicon = Lexicon.of({"会议": 5, "精神": 6, "议精": 20})
    assert lexicon.cuts("召开会", "议精神", 2)  # 会|议
    assert not lexicon.cuts("召开会议", "精神", 2)  # 议精 is a word, but no cheapest reading holds it


@pytest.fixture
def word_list(tmp_path, monkeypatch):
    """Write ``rules/w.txt`` in a rules folder of its own; the loaders read it afresh."""
    rules = tmp_path / "rules"
    rules.mkdir()
    monkeypatch.setattr("cleanup.wordlists.packaged_rules_dir", lambda: rules)
    loaders = (read_source, read_entries, load_costs)

    def write(text: str) -> str:
        (rules / "w.txt").write_text(text, encoding="utf-8")
        for loader in loaders:
            loader.cache_clear()
        return "w.txt"

    yield write
    for loader in loaders:
        loader.cache_clear()


@pytest.mark.parametrize(("entries", "bad"), [
    ("会议\t5\n精神\n", "entry 2 is not WORD<TAB>COST: '精神'"),
    ("会议\n123\t4\t5\n", "entry 1 is not WORD<TAB>COST: '会议'"),
    ("会议\t5\t6\n精神\t7\n", "entry 1 is not WORD<TAB>COST: '会议\\t5\\t6'"),
    ("会议\t²\n", "entry 1 is not WORD<TAB>COST: '会议\\t²'"),
])
def test_a_malformed_word_list_entry_is_named(word_list, entries, bad):
    name = word_list("# header\n" + entries)
    with pytest.raises(RuleError) as err:
        load_costs(name)
    assert err.value.message == bad


def test_no_home_directory_means_no_cache(monkeypatch):
    monkeypatch.delenv("CLEANUP_CACHE_DIR", raising=False)
    monkeypatch.delenv("XDG_CACHE_HOME", raising=False)

    def no_home() -> Path:
        raise RuntimeError("Could not determine home directory.")

    monkeypatch.setattr(Path, "home", staticmethod(no_home))
    assert diskcache.cache_dir() is None
    assert diskcache.derived("t", b"source", lambda: 5, bool) == 5


def test_a_cache_path_that_is_not_a_regular_file_is_not_read(cache_in):
    path = diskcache.cache_path("t", b"source")
    cache_in.mkdir()
    os.mkfifo(path)  # reading it would block for ever
    assert diskcache.derived("t", b"source", lambda: 5, bool) == 5


@pytest.mark.parametrize("parts", [({"会议": "5"}, frozenset(), frozenset()), ("会议\n", ("5",), "会\n", ""),
                                   ("会议\n精神\n", (5,), "", "")])
def test_a_lexicon_cache_of_the_wrong_shape_is_derived_anew(cache_in, parts):
    path = diskcache.cache_path(LEXICON_FORMAT, read_source("words.txt"))
    cache_in.mkdir()
    path.write_bytes(marshal.dumps(parts))
    load_lexicon.cache_clear()
    try:
        assert load_lexicon("words.txt").costs["会议"] == load_costs("words.txt")["会议"]
    finally:
        load_lexicon.cache_clear()


def test_every_stage_segments_by_the_one_word_list_the_vocabulary_names():
    """The word list is named once (shape.toml's ``word_list``) and loaded once: no stage's
    settings name it, and the stages that need a line's words share one lexicon."""
    cleaner = Cleaner()
    lexicon = shape_lexicon(cleaner.shape)
    assert lexicon is load_lexicon(cleaner.shape.word_list)
    users = {s.name: s.lexicon for s in cleaner.stages if hasattr(s, "lexicon")}
    assert set(users) == {"paragraphs", "fragments", "stutter"}
    assert all(found is lexicon for found in users.values())
    for stage in cleaner.profile.stages:
        settings = [stage.params] + [rule.params for rule in stage.rules]
        assert not [v for p in settings for v in p.values() if v == cleaner.shape.word_list], stage.name
