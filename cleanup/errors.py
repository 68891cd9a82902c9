"""One exception family; every message fits on one line."""

from __future__ import annotations


class CleanupError(Exception):
    """Base of every error the tool reports to a user.

    ``where`` is a path, optionally with ``:line:col``; the CLI prints
    ``cleanup: error: WHERE: MESSAGE`` and exits 2.
    """

    def __init__(self, message: str, where: str = "") -> None:
        super().__init__(message)
        self.message = message
        self.where = where

    def __str__(self) -> str:
        return f"{self.where}: {self.message}" if self.where else self.message


class ArgumentError(CleanupError, TypeError):
    """A library call got an argument of the wrong kind (``rules="my.toml"``
    where a list of files goes); a :class:`TypeError` too."""


class UsageError(CleanupError):
    """Flags that do not make sense together, or one no run can use."""


class RuleError(CleanupError):
    """A rule file or profile is broken, or a rule misbehaves (timeout).

    ``rule``, if given, is the id of the rule at fault: the message names it
    first (``rule ID: REASON``), and ``reason`` is the message without it.
    """

    def __init__(self, reason: str, where: str = "", rule: str = "") -> None:
        super().__init__(f"rule {rule}: {reason}" if rule else reason, where)
        self.reason = reason
        self.rule = rule


class InputError(CleanupError):
    """The input cannot be read or decoded as text."""


class RestoreError(CleanupError):
    """A change log does not fit the text it is asked to restore."""
