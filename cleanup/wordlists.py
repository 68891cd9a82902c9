"""Word lists shipped in ``rules/``: loaded once per process, shared by stages."""

from __future__ import annotations

from functools import lru_cache

from .errors import RuleError
from .rules import packaged_rules_dir


@lru_cache(maxsize=None)
def load_wordlist(name: str) -> frozenset[str]:
    """Entries of ``rules/NAME`` (one per line; ``#`` starts a comment line)."""
    path = packaged_rules_dir() / name
    try:
        text = path.read_text(encoding="utf-8")
    except OSError as e:
        raise RuleError(f"cannot read word list ({e.strerror})", str(path)) from None
    return frozenset(
        line.strip() for line in text.splitlines() if line.strip() and not line.startswith("#")
    )
