"""Collection at the root: the doctests of a module that needs an extra are
left out when the extra is not installed, as its tests in tests/ skip then,
naming it.  The README's quick start (which CI runs as written) installs
every extra, so all of them run there (tests/test_suite.py checks that)."""

from __future__ import annotations

import importlib.util

NEEDS = {
    "cleanup/archive.py": ("numpy", "datasketch"),
    "cleanup/engine.py": ("numpy", "datasketch", "dask", "distributed"),
}

collect_ignore = [path for path, modules in NEEDS.items()
                  if any(importlib.util.find_spec(m) is None for m in modules)]
