"""The package's type hints hold: mypy, with the settings of pyproject.toml, finds nothing."""

from __future__ import annotations

from pathlib import Path

import pytest

api = pytest.importorskip("mypy.api")

ROOT = Path(__file__).resolve().parent.parent


def test_mypy_finds_no_error_in_the_package(tmp_path: Path):
    out, err, status = api.run(["--config-file", str(ROOT / "pyproject.toml"),
                                "--cache-dir", str(tmp_path / "mypy-cache"), str(ROOT / "cleanup")])
    assert status == 0, out + err
    assert "Success: no issues found" in out
