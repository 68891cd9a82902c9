"""A value derived from a file, kept on disk between processes (like jieba's
dictionary cache): start-up reads it instead of deriving it again.

The cache is keyed by the source's bytes, so an edited word list is never
served stale.  It lives in ``$CLEANUP_CACHE_DIR``, else
``$XDG_CACHE_HOME/cleanup``, else ``~/.cache/cleanup``; an empty
``CLEANUP_CACHE_DIR`` turns it off.  A cache that cannot be read or written
(a read-only home, a damaged file) is simply not used: the value is derived
as if there were none.  Each kind of value keeps only its newest files
(``keep``), so edited rule files and older layouts do not pile up.
"""

from __future__ import annotations

import contextlib
import hashlib
import marshal
import os
import re
import stat
import sys
from pathlib import Path
from typing import Callable, TypeVar

T = TypeVar("T")


def cache_dir() -> Path | None:
    configured = os.environ.get("CLEANUP_CACHE_DIR")
    if configured is not None:
        return Path(configured) if configured else None
    base = os.environ.get("XDG_CACHE_HOME")
    if not base:
        try:
            base = str(Path.home() / ".cache")
        except RuntimeError:  # no home directory to be found: no cache
            return None
    return Path(base) / "cleanup"


def cache_path(kind: str, source: bytes) -> Path | None:
    """Where the ``kind`` value derived from ``source`` is cached, or None if caching is off."""
    folder = cache_dir()
    if folder is None:
        return None
    digest = hashlib.sha256(source).hexdigest()[:32]
    return folder / f"{kind}-py{sys.version_info[0]}{sys.version_info[1]}-m{marshal.version}-{digest}.marshal"


def derived(kind: str, source: bytes, derive: Callable[[], T], valid: Callable[[object], bool],
            keep: int = 16) -> T:
    """``derive()``, or the value cached for ``source`` when there is one that ``valid`` accepts.

    The value must be made of what :mod:`marshal` writes (str, int, dict,
    frozenset, tuple...).  ``kind`` is ``NAME-FORMAT`` (``lexicon-v2``):
    writing a value leaves the ``keep`` newest files of that ``NAME``, of any
    format or Python version.
    """
    path = cache_path(kind, source)
    if path is not None:
        value = load(path)
        if value is not None and valid(value):
            return value  # type: ignore[return-value]
    value = derive()
    if path is not None and store(path, value):
        prune(path.parent, kind.rsplit("-", 1)[0], keep)
    return value


def prune(folder: Path, name: str, keep: int) -> None:
    """Remove all but the ``keep`` most recently written cache files of ``name``."""
    def written(path: Path) -> float:
        try:
            return path.stat().st_mtime
        except OSError:  # removed meanwhile by another process
            return 0.0

    own = re.compile(rf"{re.escape(name)}-[^-]+-py\d+-m\d+-[0-9a-f]+\.marshal")  # not NAME-more-...'s
    try:
        files = sorted((p for p in folder.iterdir() if own.fullmatch(p.name)), key=written, reverse=True)
    except OSError:  # the folder went away meanwhile: nothing to prune
        return
    for old in files[keep:]:
        with contextlib.suppress(OSError):
            old.unlink()


def load(path: Path) -> object:
    """The value cached in ``path``, or None if there is none to be read:
    only a regular file is read (never a device or a pipe a link points to)."""
    try:
        if not stat.S_ISREG(path.stat().st_mode):
            return None
        return marshal.loads(path.read_bytes())
    except (OSError, EOFError, ValueError, TypeError):
        return None


def store(path: Path, value: object) -> bool:
    """Write ``value`` to ``path`` atomically, through a temporary file of an
    unguessable name; a failure leaves no file and is ignored (False)."""
    import tempfile  # only a first run writes the cache: not imported at every start-up

    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    except OSError:
        return False
    try:
        with os.fdopen(fd, "wb") as f:
            f.write(marshal.dumps(value))  # type: ignore[arg-type]  # made of what marshal writes (derived)
        os.replace(tmp, path)
    except (OSError, ValueError):
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        return False
    return True
