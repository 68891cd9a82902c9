"""Without an optional package, a command says which extra installs it, and
writes nothing: the program runs with a ``sitecustomize`` that makes the
packages' imports fail, as if they were not installed."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import SAMPLES

ROOT = Path(__file__).resolve().parent.parent

BLOCKER = """
import sys

BLOCKED = {blocked!r}


class Missing:
    def find_spec(self, name, path=None, target=None):
        if name.split(".")[0] in BLOCKED:
            raise ModuleNotFoundError(f"No module named {{name!r}}", name=name)
        return None


sys.meta_path.insert(0, Missing())
"""


def env_without(tmp_path: Path, blocked: set[str]) -> dict[str, str]:
    """An environment whose Python cannot import the ``blocked`` packages."""
    site = tmp_path / "site"
    site.mkdir(exist_ok=True)
    (site / "sitecustomize.py").write_text(BLOCKER.format(blocked=sorted(blocked)), encoding="utf-8")
    return {**os.environ, "PYTHONPATH": os.pathsep.join([str(site), str(ROOT)])}


def cleanup_without(tmp_path: Path, blocked: set[str], *argv: str | Path) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "cleanup", *map(str, argv)], capture_output=True,
                          text=True, env=env_without(tmp_path, blocked), timeout=120)


def one_line(err: str) -> str:
    lines = err.strip().splitlines()
    assert len(lines) == 1, err
    return lines[0]


def test_the_blocker_works(tmp_path):
    env = env_without(tmp_path, {"datasketch"})
    done = subprocess.run([sys.executable, "-c", "import json; import datasketch"], capture_output=True,
                          text=True, env=env)
    assert done.returncode == 1 and "No module named 'datasketch'" in done.stderr


@pytest.mark.parametrize("missing", [{"dask", "distributed", "numpy", "datasketch", "pyarrow", "scipy"},
                                     {"distributed"}, {"datasketch"}])
def test_engine_without_the_dask_extra(tmp_path, missing):
    shards = tmp_path / "shards"
    shards.mkdir()
    (shards / "a.jsonl").write_text(json.dumps({"text": "会议,召开"}, ensure_ascii=False) + "\n",
                                    encoding="utf-8")
    done = cleanup_without(tmp_path, missing, "engine", "clean", shards, "-o", tmp_path / "out")
    assert done.returncode == 2
    line = one_line(done.stderr)
    assert line.startswith("cleanup: error: cleanup engine needs ") and "not installed" in line
    assert line.endswith("(pip install 'cleanup[dask]')")
    assert not (tmp_path / "out").exists()


def test_dedup_across_without_datasketch_writes_nothing(tmp_path):
    raw = tmp_path / "raw"
    raw.mkdir()
    for s in SAMPLES[:2]:
        (raw / s.name).write_bytes(s.read_bytes())
    done = cleanup_without(tmp_path, {"datasketch"}, "--dedup-across", raw, "-o", tmp_path / "out")
    assert done.returncode == 2
    # (numpy is named first where it is missing too: a setup without the archive extra)
    assert re.fullmatch(r"cleanup: error: --dedup-across needs (datasketch|numpy), which is not installed "
                        r"\(pip install 'cleanup\[archive\]'\)", one_line(done.stderr))
    assert not (tmp_path / "out").exists()
