"""Shared fixtures: the sample pages and their gold, as the repo carries them."""

from __future__ import annotations

from pathlib import Path

import pytest

DATA = Path(__file__).parent / "data"
SAMPLES = sorted((DATA / "samples").glob("*.txt"))
GOLD = sorted((DATA / "gold").glob("*.txt"))


@pytest.fixture(scope="session")
def cleaner():
    from cleanup import Cleaner

    return Cleaner()
