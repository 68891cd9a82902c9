"""Outputs that would overwrite an input, or each other: found before anything is written.

Two paths name the same file when they reach the same inode (hard links,
symbolic links, ``./x`` and ``x``), or, for a file not there yet, when
their folders resolve to the same place.  Devices, pipes and paths in
``/dev`` or ``/proc`` are left out: they are written by appending, never
replaced, and ``/dev/stdin`` and ``/dev/stdout`` may well be one terminal.
"""

from __future__ import annotations

import os
import stat
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from .errors import CleanupError
from .io import is_system_path


class CollisionError(CleanupError):
    """Two of a run's files, at least one of them an output, are one file."""


@dataclass(frozen=True)
class Role:
    """A file a run reads or writes, as the error line names it, and what to do
    if it collides with one named before it."""

    path: Path
    what: str  # "-o", "the input page.txt", "the change log of raw/a.txt"
    fix: str = ""


class Identities:
    """The identity of each path: its ``(device, inode)`` if it exists, else the
    path with its folder resolved (each folder resolved once)."""

    def __init__(self) -> None:
        self._folders: dict[Path, str] = {}

    def of(self, path: Path) -> tuple[object, ...] | None:
        """None for a path that is never replaced: a device, a pipe, a path in
        ``/dev`` or ``/proc``, or a folder (reported when it is opened)."""
        if is_system_path(path):
            return None
        try:
            st = os.stat(path)
        except OSError:
            folder = path.parent
            if folder not in self._folders:
                self._folders[folder] = os.path.realpath(folder)
            return ("path", os.path.join(self._folders[folder], path.name))
        if not stat.S_ISREG(st.st_mode):
            return None
        return ("inode", st.st_dev, st.st_ino)


def check_collisions(inputs: Iterable[Role], outputs: Iterable[Role]) -> None:
    """Raise :class:`CollisionError` for the first output that is an input or an
    earlier output: ``OUT: WHAT is the same file as OTHER (FIX)``."""
    ids = Identities()
    seen: dict[tuple[object, ...], Role] = {}
    for role in inputs:
        key = ids.of(role.path)
        if key is not None:
            seen.setdefault(key, role)
    for role in outputs:
        key = ids.of(role.path)
        if key is None:
            continue
        other = seen.get(key)
        if other is not None:
            raise CollisionError(f"{role.what} is the same file as {other.what} ({role.fix})",
                                 str(role.path))
        seen[key] = role


def output_role(output: str) -> Role:
    """The file ``-o`` names, as a command that writes no other output sees it."""
    return Role(Path(output), "-o", "give -o another path")


def single_file_roles(src: str, output: str | None, changes: str | None, in_place: bool,
                      backup: bool) -> tuple[list[Role], list[Role]]:
    """The inputs and outputs of a run on one file (``src`` ``-`` is stdin)."""
    inputs = [] if src == "-" else [Role(Path(src), f"the input {src}")]
    outputs = []
    if in_place and backup and src != "-":
        bak = Path(src + ".bak")
        outputs.append(Role(bak, f"its backup {bak}", "rename the input, or use --no-backup"))
    if output:
        outputs.append(Role(Path(output), "-o", "give -o another path, or use --in-place to rewrite the input"))
    if changes:
        outputs.append(Role(Path(changes), "--changes", "give --changes a path of its own"))
    return inputs, outputs
