"""What a run tells its user: diffs, explanations, error lines, the summary and
the exit code.

stdout carries data (text, diff, explanations); progress, summary and errors
go to stderr, every error as one line ``cleanup: error: PATH[:LINE:COL]:
what is wrong (what to do)``.  The ``cleanup`` command and the engine both
report through here.
"""

from __future__ import annotations

import re
import sys
from collections.abc import Iterable, Iterator
from dataclasses import dataclass

from .document import Change
from .errors import CleanupError, RuleError
from .io import Chunk
from .linecol import LineIndex

EXIT_OK = 0
EXIT_CHANGED = 1  # --check found changes
EXIT_ERROR = 2  # a usage or input error, or an input that failed
EXIT_SIGNAL = 128  # + the signal's number: 130 interrupted (Ctrl-C), 143 terminated (SIGTERM)

INTERRUPTED = "cleanup: error: interrupted (every output is complete or absent; rerun to finish)"


@dataclass
class Outcome:
    """What became of one input (a file, or a record of a corpus)."""

    name: str
    status: str  # changed | unchanged | failed | skipped
    error: str = ""
    text: str = ""  # diff or explanation, for directory runs
    changes: int = 0  # how many changes cleaning made


def would_clean(outcome: Outcome) -> str:
    """What ``--check`` says of an input cleaning would change (like ``black --check``)."""
    n = outcome.changes
    return f"would clean {outcome.name} ({n} change{'s' if n != 1 else ''})"


def report(line: str) -> None:
    """Write one line to stderr, above the progress bar if there is one."""
    from tqdm import tqdm

    tqdm.write(line, file=sys.stderr)


def summarize(outcomes: list[Outcome], wrote: bool, check: bool) -> int:
    """Report how many inputs changed, and return the run's exit code: an error
    if one failed, else with ``check`` whether any would change."""
    counts = {s: sum(o.status == s for o in outcomes) for s in ("changed", "unchanged", "failed", "skipped")}
    verb = "cleaned" if wrote else "would change"
    line = f"{counts['changed']} {verb}, {counts['unchanged']} unchanged, {counts['failed']} failed"
    if counts["skipped"]:
        line += f", {counts['skipped']} skipped (output up to date; --force redoes them)"
    report(line)
    if counts["failed"]:
        return EXIT_ERROR
    return EXIT_CHANGED if check and counts["changed"] else EXIT_OK


# --- error lines -----------------------------------------------------------------

_HINTS = {2: "check the path", 13: "check its permissions", 21: "expected a file, found a directory",
          20: "a path component is not a directory", 28: "free some disk space"}


def error_line(e: BaseException, where: str = "") -> str:
    """One line: ``cleanup: error: PATH: what is wrong (what to do)``.

    ``where`` is the input being cleaned: a rule that fails on it (a pattern
    stopped by ``--timeout``) is named after it, with its rule file.
    """
    if isinstance(e, RuleError) and where and e.where and e.where != where:
        return f"cleanup: error: {where}: {e.where}: {with_hint(e.message, rule_hint(e))}"
    if isinstance(e, CleanupError):
        return f"cleanup: error: {e}" if e.where or not where else f"cleanup: error: {where}: {e}"
    if isinstance(e, OSError):
        path = e.filename if e.filename is not None else where
        hint = _HINTS.get(e.errno or 0)
        what = (e.strerror or str(e)).lower()
        return f"cleanup: error: {path}: {what}" + (f" ({hint})" if hint else "")
    where = f"{where}: " if where else ""
    if isinstance(e, UnicodeError):
        return f"cleanup: error: {where}{e} (check --encoding)"
    return (f"cleanup: error: {where}internal error {type(e).__name__}: {e} "
            "(a bug: please report it with this input)")


def rule_hint(e: RuleError) -> str:
    """What to do about a rule that failed on an input."""
    if "ran over" not in e.message:
        return "fix the rule file"
    return "raise --timeout, or fix the pattern" + (f", or --disable {e.rule}" if e.rule else " in [params]")


def with_hint(message: str, hint: str) -> str:
    """``message (hint)``, or the hint added to the parenthesis it ends with."""
    return f"{message[:-1]}; {hint})" if message.endswith(")") else f"{message} ({hint})"


COPIED = "copied unchanged"  # what a cleaning run does with a record it cannot read


def located(where: str, reason: str) -> str:
    """The error line of ``where``: ``cleanup: error: WHERE: REASON``."""
    return f"cleanup: error: {where}: {reason}"


def not_json(e: ValueError, fate: str = COPIED) -> str:
    """Why a corpus line that is not JSON failed, and what became of it."""
    return f"not valid JSON ({e}) (fix the record; it was {fate})"


def no_field(field: str, fate: str = COPIED) -> str:
    """Why a corpus record without the text field failed, and what became of it."""
    return f"no string field {field!r} (check --text-field; the record was {fate})"


# --- diffs -----------------------------------------------------------------------

_LINE = re.compile(r"[^\r\n]*(?:\r\n?|\n)|[^\r\n]+")
_HUNK = re.compile(r"^@@ -(\d+)(,\d+)? \+(\d+)(,\d+)? @@")


def unified_diff(a: list[str], b: list[str], before: str, after: str) -> Iterator[str]:
    """The lines of a unified diff of ``a`` and ``b``, with 3 lines of context."""
    import difflib  # only --diff needs it: not imported at every start-up

    return difflib.unified_diff(a, b, before, after, n=3)


def text_diff(raw: str, clean: str, where: str) -> str:
    """A unified diff of two whole texts, as ``patch`` reads it."""
    return "".join(with_newlines(unified_diff(
        _LINE.findall(raw), _LINE.findall(clean), f"{where}\t(raw)", f"{where}\t(clean)")))


class DiffWriter:
    """A unified diff, chunk by chunk, with line numbers for the whole file."""

    def __init__(self, name: str) -> None:
        self.name = name
        self.started = False
        self.clean_lines = 0

    def hunks(self, chunk: Chunk) -> Iterator[str]:
        a = _LINE.findall(chunk.raw)
        b = _LINE.findall(chunk.clean)
        raw_base = chunk.line - 1
        for line in unified_diff(a, b, f"{self.name}\t(raw)", f"{self.name}\t(clean)"):
            if line.startswith(("---", "+++")):
                if not self.started:
                    yield line if line.endswith("\n") else line + "\n"
                continue
            if line.startswith("@@"):
                line = shift_hunk(line, raw_base, self.clean_lines)
            yield from with_newlines([line])
        self.started = self.started or a != b
        self.clean_lines += len(b)


def with_newlines(diff: Iterable[str]) -> Iterator[str]:
    """Diff lines as ``patch`` reads them: a last line with no line break is marked."""
    for line in diff:
        if line.endswith(("\n", "\r")):
            yield line
        elif line.startswith(("---", "+++", "@@")):
            yield line + "\n"
        else:
            yield line + "\n\\ No newline at end of file\n"


def shift_hunk(line: str, raw_base: int, clean_base: int) -> str:
    m = _HUNK.match(line)
    assert m is not None
    a, b = int(m.group(1)), int(m.group(3))
    return (f"@@ -{a + raw_base if a else raw_base}{m.group(2) or ''} "
            f"+{b + clean_base if b else clean_base}{m.group(4) or ''} @@\n")


# --- explanations ----------------------------------------------------------------


CONTEXT = 8  # characters of the input shown on either side of a blank change
MARK = ("⟦", "⟧")  # around the changed span, when it is shown in its context


def escape(s: str) -> str:
    """Line breaks, tabs, invisible characters and the marks as escapes."""
    special = {"\n": "\\n", "\r": "\\r", "\t": "\\t", "\\": "\\\\"}
    return "".join(special.get(c) or (c if (c.isprintable() or c == " ") and c not in MARK
                                      else f"\\u{ord(c):04x}") for c in s)


_EDGE_SPACE = re.compile(r"^ | $")  # a space at either end of a shown text


def show(s: str) -> str:
    """A change's text on one line: line breaks and invisible characters escaped."""
    # a space at either end would be invisible
    return _EDGE_SPACE.sub("\\\\u0020", escape(s))


def in_context(raw: str, start: int, end: int, text: str) -> str:
    """``text`` in place of ``raw[start:end]``, marked, between the input's
    :data:`CONTEXT` characters on either side: a blank change is readable
    only where it is (``-…2月⟦ ⟧11日上午…``)."""
    left = raw[max(0, start - CONTEXT):start]
    right = raw[end:end + CONTEXT]
    return (("…" if start > CONTEXT else "") + escape(left) + MARK[0] + escape(text) + MARK[1]
            + escape(right) + ("…" if end + CONTEXT < len(raw) else ""))


def explain_chunk(chunk: Chunk, name: str) -> Iterator[str]:
    """``path:line:col rule-id (note)`` then ``-before`` / ``+after``, grouped by
    rule; then the suspects kept, ``=text`` each, grouped by rule too.  A change
    whose before or after is blank (spaces, line breaks, nothing) is shown in
    its context."""
    places = LineIndex(chunk.raw, (chunk.line, chunk.col))
    for records, one, many in ((chunk.changes, "change", "changes"),
                               (chunk.suspects, "suspect kept", "suspects kept")):
        groups: dict[str, list[Change]] = {}
        for c in records:
            groups.setdefault(c.rule, []).append(c)
        for rule, found in groups.items():
            yield f"# {rule}: {len(found)} {one if len(found) == 1 else many}\n"
            for c in found:
                line, col = places.line_col(c.start)
                note = f" ({c.note})" if c.note else ""
                if c.before == c.after:
                    shown = f"={show(c.before)}"
                elif c.before.strip() and c.after.strip():
                    shown = f"-{show(c.before)}\n+{show(c.after)}"
                else:
                    shown = (f"-{in_context(chunk.raw, c.start, c.end, c.before)}\n"
                             f"+{in_context(chunk.raw, c.start, c.end, c.after)}")
                yield f"{name}:{line}:{col} {rule}{note}\n{shown}\n"
            yield "\n"
