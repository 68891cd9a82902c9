"""The right copy of a pasted paragraph is kept (SPEC rule 15), on pages from tests/pastegen.py.

tools/dedup_check.py gives the full figures (2,000 pages a pool and half); these
hold floors on fewer pages of each whole pool, below the figures by a margin
for the sample.
"""

from __future__ import annotations

import functools
import importlib.util
from pathlib import Path

import pytest

from pastegen import HALVES, NUMERAL, articles, paste_pages

TOOLS = Path(__file__).resolve().parent.parent / "tools"


def load_tool(name: str):
    spec = importlib.util.spec_from_file_location(name, TOOLS / f"{name}.py")
    assert spec and spec.loader
    tool = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(tool)
    return tool


dedup_check = load_tool("dedup_check")

PAGES = {"gold": 200, "prose": 200, "devset": 1000}  # devset: its two kinds of page, about 500 each


@pytest.mark.parametrize("pool", ["gold", "prose", "devset"])
def test_the_paste_comes_first_on_half_the_pages_and_lands_in_another_article(pool: str):
    pages = paste_pages(pool, 40)
    assert sum(p.paste_first for p in pages) == 20
    for p in pages:
        assert (p.paragraphs[p.original] == p.paragraphs[p.paste]) == (p.variant == "exact")
        assert p.article_of[p.original] != p.article_of[p.paste]
        assert p.article_of == tuple(sorted(p.article_of))


@pytest.mark.parametrize("pool", ["gold", "prose", "devset"])
def test_a_paste_states_the_numbers_of_its_original(pool: str):
    """Changed characters are never numerals, nor made numerals: a paragraph that states
    another number is another paragraph (the stage keeps both, as it should)."""
    for p in paste_pages(pool, 400):
        numerals = [NUMERAL.findall(p.paragraphs[k]) for k in (p.original, p.paste)]
        assert numerals[0] == numerals[1]


@functools.cache
def outcomes(pool: str) -> dedup_check.Outcomes:
    return dedup_check.check(pool, PAGES[pool])


def right_share(pool: str, keep=lambda first, one: True) -> float:
    found = outcomes(pool)
    picked = {k: n for k, n in found.items() if keep(k[1], k[2])}
    return sum(n for k, n in picked.items() if k[0] == "right") / sum(picked.values())


def test_right_copy_kept_on_gold_pages():
    assert right_share("gold") >= 0.96


def test_right_copy_kept_on_prose():
    assert right_share("prose") >= 0.98


def test_right_copy_kept_on_development_pages_whose_articles_are_of_two_works():
    assert right_share("devset", lambda first, one: not one) >= 0.96


def test_right_copy_kept_on_development_pages_also_of_one_work():
    assert right_share("devset") >= 0.85


@pytest.mark.parametrize("pool", ["gold", "prose", "devset"])
def test_the_halves_of_a_pool_share_no_article(pool: str):
    tune, held = ({a.source for a in articles(pool, half)} for half in HALVES)
    assert tune and held and not tune & held
    assert tune | held == {a.source for a in articles(pool)}


@pytest.mark.parametrize("pool", ["gold", "prose", "devset"])
def test_the_held_half_is_held_out_text(pool: str):
    """What the held half's pages hold, the tune half's do not, but for a few stock
    items statutes share: its figure says whether the params generalise.  (The
    development pages cut the same stretches of two works again and again: that
    pool is split by stretch of work.)"""
    tune, held = ({p for a in articles(pool, half) for p in a.body} for half in HALVES)
    assert len(tune & held) <= 0.01 * len(held)


def test_the_evidence_tool_measures_both_copies_the_stages_own_fit_among_them():
    evidence = load_tool("dedup_evidence")
    stage = dedup_check.dedup_stage()
    found = evidence.pairs(stage, "tune", 40, 18)
    assert found and all(len(o) == len(p) == evidence.SCORE + 4 for o, p in found)
    pasted = next(p for p in paste_pages("devset", 40, 18, "tune") if p.one_work)
    page = evidence.page_of(stage, pasted.text)
    skip = {pasted.original, pasted.paste}
    measured = evidence.measures(stage.fit, pasted.paste, page, skip)
    assert measured[evidence.SCORE] == stage.fit.score(pasted.paste, page, skip)


def test_the_check_sums_the_pages_of_several_seeds(capsys):
    """``--seeds 2``: the pages of seeds 18 and 19, each seed's own, counted together."""
    dedup_check.main(["--pool", "gold", "--half", "tune", "--pages", "30", "--seeds", "2"])
    assert paste_pages("gold", 30, 18, "tune") != paste_pages("gold", 30, 19, "tune")
    counts = [dedup_check.check("gold", 30, seed, half="tune") for seed in (18, 19)]
    right = sum(n for c in counts for k, n in c.items() if k[0] == "right")
    assert capsys.readouterr().out.splitlines()[0].split()[4] == f"{right}/60"
