"""Command-line options shared by every command that cleans (``cleanup``, ``engine``, ``review``)."""

from __future__ import annotations

import argparse
import math
from typing import NoReturn

from .errors import UsageError


class Parser(argparse.ArgumentParser):
    """A command's parser whose usage errors are :class:`UsageError` (one line, exit 2), not
    argparse's own exit."""

    def error(self, message: str) -> NoReturn:
        raise UsageError(f"{message} (see {self.prog} --help)")


def text_field(args: argparse.Namespace) -> str:
    """``--text-field`` (default: text), which only means something with ``--jsonl``."""
    if args.text_field is not None and not args.jsonl:
        raise UsageError("--text-field only means something with --jsonl (add --jsonl)")
    return args.text_field or "text"


def positive_int(s: str) -> int:
    try:
        n = int(s)
    except ValueError:
        raise argparse.ArgumentTypeError(f"must be a whole number, not {s!r}") from None
    if n < 1:
        raise argparse.ArgumentTypeError("must be at least 1")
    return n


def positive_float(s: str) -> float:
    try:
        x = float(s)
    except ValueError:
        raise argparse.ArgumentTypeError(f"must be a number of seconds, not {s!r}") from None
    if not 0 < x < math.inf:
        raise argparse.ArgumentTypeError("must be more than 0 and finite")
    return x


def check_encoding(name: str) -> None:
    """An ``--encoding`` Python cannot read text with is refused once, before a
    directory run fails file after file."""
    from .io import text_codec  # loaded by now in a run that reads text: no cost

    if name != "auto":
        try:
            text_codec(name)
        except LookupError as e:
            raise UsageError(f"--encoding: {e} (give a Python codec name, like gb18030, or auto)") \
                from None


def stdout_or_path(output: str | None) -> str | None:
    """``-o -`` is stdout, as ``-`` is stdin for INPUT (None: stdout)."""
    return None if output == "-" else output


def add_rule_options(p: argparse.ArgumentParser, title: str = "rules") -> argparse._ArgumentGroup:
    """The flags that choose the rules, in a group named ``title`` (returned, for more)."""
    g = p.add_argument_group(title)
    g.add_argument("--profile", default="zh-news", metavar="NAME|PATH",
                   help="profile to clean with (default: zh-news)")
    g.add_argument("--rules", action="append", default=[], metavar="PATH",
                   help="add a rule file (repeatable)")
    g.add_argument("--disable", action="append", default=[], metavar="ID",
                   help="turn a rule off by id (repeatable)")
    g.add_argument("--timeout", type=positive_float, default=2.0, metavar="SECONDS",
                   help="stop a rule's regex after this long on one text (default: 2)")
    return g
