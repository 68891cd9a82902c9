"""Word lists shipped in ``rules/``: read once per process, shared by stages.

A list has one entry per line; ``#`` starts a comment line. An entry may
carry data after a tab (``WORD<TAB>COST`` in ``words.txt``).
"""

from __future__ import annotations

from functools import cache

from .errors import RuleError
from .rules import packaged_rules_dir


@cache
def read_entries(name: str) -> tuple[str, ...]:
    """The entries of ``rules/NAME``, whole lines, in file order."""
    path = packaged_rules_dir() / name
    try:
        text = path.read_text(encoding="utf-8")
    except OSError as e:
        raise RuleError(f"cannot read word list ({e.strerror})", str(path)) from None
    return tuple(line for line in text.splitlines() if line.strip() and not line.startswith("#"))


@cache
def load_wordlist(name: str) -> frozenset[str]:
    """The words of ``rules/NAME``: each entry up to its first tab."""
    return frozenset(entry.partition("\t")[0] for entry in read_entries(name))
