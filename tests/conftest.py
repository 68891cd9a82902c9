"""Shared fixtures: the sample pages and their gold, as the repo carries them."""

from __future__ import annotations

import io
import json
import os
import shutil
import sys
import tempfile
from pathlib import Path

import pytest
from hypothesis import settings

# The property tests draw the same examples on every run, so that a red build means a change
# broke something, not that a new draw found an old flaw; HYPOTHESIS_PROFILE=explore draws
# afresh on each run, to look for new counterexamples (add each one found as a plain test).
settings.register_profile("repeatable", derandomize=True)
settings.register_profile("explore", derandomize=False)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "repeatable"))

DATA = Path(__file__).parent / "data"
SAMPLES = sorted((DATA / "samples").glob("*.txt"))
GOLD = sorted((DATA / "gold").glob("*.txt"))
DEVSET = DATA / "devset"
DEVSET_IDS = sorted(p.stem for p in (DEVSET / "gold").glob("*.txt"))

# a user's rule file of one rule, for the tests of rule files and of their errors
MY_RULE = '''[[rule]]
id = "my-xx"
stage = "normalize"
description = "xx between Han becomes yy"
pattern = '(?<=\\p{Han})xx(?=\\p{Han})'
replace = "yy"
examples = [["会xx议", "会yy议"]]
'''

CACHE_DIR = pytest.StashKey[str]()


def one_error_line(err: str, *parts: str) -> None:
    """``err`` is one error line, with no traceback, holding each of ``parts``."""
    lines = err.strip().splitlines()
    assert len(lines) == 1, err
    assert lines[0].startswith("cleanup: error: ") and "Traceback" not in err, err
    for part in parts:
        assert part in lines[0], (part, err)


def devset_page(pid: str, reader: str = "pymupdf") -> str:
    """A development page (tools/make_devset.py) as ``reader`` wrote it."""
    return (DEVSET / "raw" / reader / f"{pid}.txt").read_text(encoding="utf-8")


def devset_structure(pid: str) -> dict:
    """What was typeset on a development page: folio, articles, their parts."""
    return json.loads((DEVSET / "structure" / f"{pid}.json").read_text(encoding="utf-8"))


def pytest_configure(config: pytest.Config) -> None:
    """The tests build their own word-list cache, never read or write the user's
    (set before collection: some test modules build a Cleaner on import)."""
    config.stash[CACHE_DIR] = tempfile.mkdtemp(prefix="cleanup-test-cache-")
    os.environ["CLEANUP_CACHE_DIR"] = config.stash[CACHE_DIR]


def pytest_unconfigure(config: pytest.Config) -> None:
    shutil.rmtree(config.stash.get(CACHE_DIR, ""), ignore_errors=True)


@pytest.fixture(scope="session")
def cleaner():
    from cleanup import Cleaner

    return Cleaner()


@pytest.fixture
def run(capsysbinary, monkeypatch):
    """Run the CLI in-process; returns (exit code, stdout bytes, stderr text)."""
    from cleanup.cli import main

    def _run(*argv: str | Path, stdin: bytes | None = None) -> tuple[int, bytes, str]:
        if stdin is not None:
            monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(stdin)))
        code = main([str(a) for a in argv])
        out, err = capsysbinary.readouterr()
        return code, out, err.decode("utf-8")

    return _run
