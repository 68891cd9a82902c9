"""Optional packages: a command that needs one says which extra installs it,
before it reads or writes anything.

``pip install 'cleanup[archive]'`` brings what ``--dedup-across`` needs
(datasketch, numpy); ``pip install 'cleanup[dask]'`` what ``cleanup engine``
needs (dask, distributed, pyarrow for Parquet shards, and the archive's).
"""

from __future__ import annotations

import importlib
from collections.abc import Sequence

from .errors import CleanupError

ARCHIVE = ("numpy", "datasketch")
ENGINE = ("dask.bag", "distributed", *ARCHIVE)


class MissingExtra(CleanupError):
    """An optional package a command needs is not installed."""


def require(extra: str, what: str, modules: Sequence[str]) -> None:
    """Import ``modules``; if one is missing, raise :class:`MissingExtra` naming it and the extra."""
    for name in modules:
        try:
            importlib.import_module(name)
        except ImportError:
            raise MissingExtra(f"{what} needs {name.split('.')[0]}, which is not installed "
                               f"(pip install 'cleanup[{extra}]')") from None
