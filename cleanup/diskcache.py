"""A value derived from a file, kept on disk between processes (like jieba's
dictionary cache): start-up reads it instead of deriving it again.

The cache is keyed by the source's bytes, so an edited word list is never
served stale.  It lives in ``$CLEANUP_CACHE_DIR``, else
``$XDG_CACHE_HOME/cleanup``, else ``~/.cache/cleanup``; an empty
``CLEANUP_CACHE_DIR`` turns it off.  A cache that cannot be read or written
(a read-only home, a damaged file) is simply not used: the value is derived
as if there were none.
"""

from __future__ import annotations

import contextlib
import hashlib
import marshal
import os
import sys
from pathlib import Path
from typing import Callable, TypeVar

T = TypeVar("T")


def cache_dir() -> Path | None:
    configured = os.environ.get("CLEANUP_CACHE_DIR")
    if configured is not None:
        return Path(configured) if configured else None
    base = os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache"
    return Path(base) / "cleanup"


def cache_path(kind: str, source: bytes) -> Path | None:
    """Where the ``kind`` value derived from ``source`` is cached, or None if caching is off."""
    folder = cache_dir()
    if folder is None:
        return None
    digest = hashlib.sha256(source).hexdigest()[:32]
    return folder / f"{kind}-py{sys.version_info[0]}{sys.version_info[1]}-m{marshal.version}-{digest}.marshal"


def derived(kind: str, source: bytes, derive: Callable[[], T], valid: Callable[[object], bool]) -> T:
    """``derive()``, or the value cached for ``source`` when there is one that ``valid`` accepts.

    The value must be made of what :mod:`marshal` writes (str, int, dict,
    frozenset, tuple...).
    """
    path = cache_path(kind, source)
    if path is not None:
        try:
            value = marshal.loads(path.read_bytes())
        except (OSError, EOFError, ValueError, TypeError):
            pass
        else:
            if valid(value):
                return value  # type: ignore[return-value]
    value = derive()
    if path is not None:
        store(path, value)
    return value


def store(path: Path, value: object) -> None:
    """Write ``value`` to ``path`` atomically; a failure leaves no file and is ignored."""
    tmp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        tmp.write_bytes(marshal.dumps(value))
        os.replace(tmp, path)
    except (OSError, ValueError):
        with contextlib.suppress(OSError):
            tmp.unlink(missing_ok=True)
