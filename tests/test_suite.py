"""The suite is complete where CI runs it: the README's quick start (which
.ci/run runs as written) installs every package a test skips without."""

from __future__ import annotations

import re
import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def quick_start_extras() -> set[str]:
    """The extras of the quick start's ``pip install '.[...]'``."""
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    section = readme.split("## Quick start", 1)[1].split("\n## ", 1)[0]
    m = re.search(r"pip install '\.\[([\w,-]+)\]'", section)
    assert m, "the quick start installs the package with its extras"
    return set(m.group(1).split(","))


def requirement_names(extras: set[str]) -> set[str]:
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    names = set()
    for req in project["dependencies"] + [r for e in extras for r in project["optional-dependencies"][e]]:
        name, _, bracket = re.match(r"([\w.-]+)(\[([\w,-]+)\])?", req).groups()
        names.add(name.lower())
        names.update(bracket.split(",") if bracket else [])  # dask[distributed] brings distributed
    return names


def skipped_without() -> set[str]:
    """Every top-level package a test module, or the root conftest, skips or leaves out without."""
    found = set()
    for path in [*sorted((ROOT / "tests").glob("*.py")), ROOT / "conftest.py"]:
        text = path.read_text(encoding="utf-8")
        found.update(m.split(".")[0] for m in re.findall(r'importorskip\("([\w.]+)"', text))
        if path == ROOT / "conftest.py":  # NEEDS = {"cleanup/archive.py": ("numpy", ...), ...}
            found.update(re.findall(r'"(\w+)"', text.split("NEEDS = {", 1)[1].split("}", 1)[0]))
    return found


def test_the_quick_start_installs_every_package_a_test_skips_without():
    needed = skipped_without()
    assert {"datasketch", "distributed", "pyarrow"} <= needed  # the scan finds them
    assert needed - requirement_names(quick_start_extras()) == set()


def test_the_test_extra_alone_is_light():
    """Tools only: the packages of the archive and the engine come with their own extras."""
    assert not requirement_names({"test"}) & {"numpy", "datasketch", "dask", "distributed", "pyarrow"}
