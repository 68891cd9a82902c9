"""The ``cleanup`` command: flags become a mode, inputs become outcomes, outcomes
become a report and an exit code.  No cleaning here (that is ``cleanup.io``
chunk by chunk, through a :class:`~cleanup.Cleaner`).

Exit codes: 0 done, 1 ``--check`` found changes, 2 usage or input error,
130 interrupted (143 on SIGTERM).  stdout carries data (text, diff, JSONL,
explanations); progress, summary and errors go to stderr, every error as one
line ``cleanup: error: PATH[:LINE:COL]: what is wrong (what to do)``.
"""

from __future__ import annotations

import argparse
import gc
import hashlib
import json
import os
import re
import shutil
import signal
import sys
import threading
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import ExitStack, closing
from dataclasses import dataclass
from pathlib import Path
from typing import Any, BinaryIO

from . import __version__
from .changes import Locator, LogWriter, dump_json, header, restore
from .document import Change
from .errors import CleanupError, InputError
from .io import (
    Chunk,
    RawReader,
    atomic_output,
    clean_chunks,
    clean_record_text,
    is_special_file,
    is_system_path,
    is_up_to_date,
    sweep_temp_files,
    walk,
)
from .pipeline import Cleaner
from .rules import packaged_rules_dir

EXIT_OK, EXIT_CHANGED, EXIT_ERROR, EXIT_INTERRUPTED = 0, 1, 2, 130

DESCRIPTION = """\
Clean the raw text of scanned or PDF Chinese newspaper pages.

  cleanup page.txt                      print clean text
  cleanup page.txt -o clean.txt --changes page.changes.jsonl
  cleanup raw_dir/ -o clean_dir/ -j 4   mirror a tree of *.txt
  cleanup - < page.txt                  read stdin
  cleanup corpus.jsonl --jsonl --text-field text -o clean.jsonl
  cleanup restore clean.txt --changes page.changes.jsonl -o raw.txt
  cleanup explain page.txt              list every change, grouped by rule
  cleanup review page.txt -o review.html   every change marked in the page, as HTML
  cleanup engine clean shards/ -o out/  JSONL/Parquet shards on a Dask cluster ([dask] extra)

An empty input gives empty output (exit 0); whitespace only gives empty output.
Exit codes: 0 done, 1 --check found changes, 2 usage or input error.
"""


class UsageError(CleanupError):
    """Flags that do not make sense together."""


class Interrupted(BaseException):
    """SIGTERM, raised where the program is so that temp files get removed."""


class Parser(argparse.ArgumentParser):
    def error(self, message: str) -> None:  # type: ignore[override]
        raise UsageError(f"{message} (see {self.prog} --help)")


# --- mode and settings ---------------------------------------------------------


@dataclass(frozen=True)
class Mode:
    """What a run produces; made from the flags in one place (:meth:`from_flags`)."""

    write: bool = True
    diff: bool = False
    check: bool = False
    explain: bool = False

    @classmethod
    def from_flags(cls, check: bool, diff: bool, explain: bool = False) -> Mode:
        """``--check``: write nothing, exit 1 on changes; ``--diff``: print a diff
        instead of the text; both: print the diff and exit 1 on changes."""
        return cls(write=not (check or diff or explain), diff=diff, check=check, explain=explain)

    def summary_verb(self) -> str:
        return "cleaned" if self.write else "would change"


@dataclass(frozen=True)
class Settings:
    """Everything a worker needs to build its Cleaner and process files (picklable)."""

    mode: Mode
    profile: str
    rules: tuple[str, ...]
    disable: tuple[str, ...]
    timeout: float
    encoding: str
    errors: str
    in_place: bool
    backup: bool
    dedup_across: bool = False

    def fingerprint(self) -> str:
        """What makes an output: the settings a rerun must share to skip it."""
        return json.dumps([__version__, self.profile, self.rules, self.disable, self.timeout,
                           self.encoding, self.errors, self.dedup_across], ensure_ascii=True)

    def build_cleaner(self) -> Cleaner:
        return Cleaner(self.profile, self.rules, self.disable, self.timeout)


@dataclass(frozen=True)
class Task:
    """One input: ``src`` None is stdin; ``out`` None is stdout (or nowhere)."""

    src: Path | None
    name: str
    out: Path | None = None
    log: Path | None = None
    manifest: Path | None = None  # where to note the settings that made ``out``


@dataclass
class Outcome:
    name: str
    status: str  # changed | unchanged | failed | skipped
    error: str = ""
    text: str = ""  # diff or explanation, for directory runs


# --- parsing -------------------------------------------------------------------


def add_cleaning_options(p: argparse.ArgumentParser) -> None:
    g = p.add_argument_group("rules")
    g.add_argument("--profile", default="zh-news", metavar="NAME|PATH",
                   help="profile to clean with (default: zh-news)")
    g.add_argument("--rules", action="append", default=[], metavar="PATH",
                   help="add a rule file (repeatable)")
    g.add_argument("--disable", action="append", default=[], metavar="ID",
                   help="turn a rule off by id (repeatable)")
    g.add_argument("--timeout", type=positive_float, default=2.0, metavar="SECONDS",
                   help="stop a rule's regex after this long on one text (default: 2)")
    g = p.add_argument_group("input")
    g.add_argument("--encoding", default="utf-8", metavar="NAME|auto",
                   help="input encoding (default: utf-8; auto detects GB18030/GBK/Big5/UTF-16)")
    g.add_argument("--errors", choices=("strict", "replace"), default="strict",
                   help="undecodable bytes: stop with an error (strict, default) or replace "
                        "them with U+FFFD and record each as a change (replace)")
    g.add_argument("--glob", default="*.txt", metavar="PATTERN",
                   help="files to clean in a directory, recursively (default: *.txt)")
    g.add_argument("-j", "--jobs", type=positive_int, default=1, metavar="N",
                   help="clean a directory with N processes")


def positive_int(s: str) -> int:
    n = int(s)
    if n < 1:
        raise argparse.ArgumentTypeError("must be at least 1")
    return n


def positive_float(s: str) -> float:
    x = float(s)
    if not x > 0:
        raise argparse.ArgumentTypeError("must be more than 0")
    return x


def clean_parser() -> Parser:
    p = Parser(prog="cleanup", description=DESCRIPTION,
               formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("input", metavar="INPUT", help="a text file, a directory, or - for stdin")
    p.add_argument("-o", "--output", metavar="PATH", help="write here (a directory for a directory)")
    p.add_argument("--in-place", action="store_true", help="rewrite the input (keeps INPUT.bak)")
    p.add_argument("--no-backup", action="store_true", help="with --in-place: keep no .bak")
    p.add_argument("--changes", metavar="PATH",
                   help="write the change log (JSONL; a directory for a directory)")
    p.add_argument("--diff", action="store_true", help="print a unified diff instead of the text")
    p.add_argument("--check", action="store_true",
                   help="write nothing; exit 1 if anything would change")
    p.add_argument("--force", action="store_true",
                   help="directory runs: redo files whose output is newer than the input")
    p.add_argument("--jsonl", action="store_true", help="INPUT is JSON Lines: clean one field")
    p.add_argument("--text-field", default="text", metavar="NAME",
                   help="with --jsonl: the field to clean (default: text)")
    p.add_argument("--dedup-across", action="store_true",
                   help="directory runs: then drop paragraphs that repeat an earlier file's "
                        "(files in sorted order; each removal reported on stderr and "
                        "added to the file's --changes log)")
    p.add_argument("--version", action="version", version=f"cleanup {__version__}")
    add_cleaning_options(p)
    return p


def explain_parser() -> Parser:
    p = Parser(prog="cleanup explain", description="List every change cleaning would make, "
               "grouped by rule: PATH:LINE:COL RULE, then -before and +after.")
    p.add_argument("input", metavar="INPUT", help="a text file, a directory, or - for stdin")
    add_cleaning_options(p)
    return p


def restore_parser() -> Parser:
    p = Parser(prog="cleanup restore", description="Rebuild the raw input, byte for byte, "
               "from clean text and its change log.")
    p.add_argument("input", metavar="CLEAN", help="the clean text (- for stdin)")
    p.add_argument("--changes", required=True, metavar="PATH", help="its change log")
    p.add_argument("-o", "--output", metavar="PATH", help="write here (default: stdout)")
    return p


def settings_from(args: argparse.Namespace, mode: Mode) -> Settings:
    return Settings(mode, args.profile, tuple(args.rules), tuple(args.disable), args.timeout,
                    args.encoding, args.errors, getattr(args, "in_place", False),
                    not getattr(args, "no_backup", False), getattr(args, "dedup_across", False))


def check_flags(args: argparse.Namespace, mode: Mode) -> None:
    if args.in_place and args.output:
        raise UsageError("--in-place and -o both name the output (use one)")
    if args.in_place and not mode.write:
        raise UsageError("--in-place writes; --check and --diff do not (drop one)")
    if args.no_backup and not args.in_place:
        raise UsageError("--no-backup only means something with --in-place")
    if args.in_place and args.input == "-":
        raise UsageError("stdin cannot be rewritten in place (use -o)")
    if args.output and args.input != "-" and Path(args.output).exists() \
            and Path(args.input).exists() and os.path.samefile(args.output, args.input):
        raise UsageError("input and output are the same file (use --in-place to rewrite it)",
                         args.output)
    if args.output and not mode.write:
        raise UsageError("-o writes clean text; --check and --diff write none (drop one)")
    if args.jsonl and args.in_place:
        raise UsageError("--in-place is for text files, not --jsonl (use -o)")
    if args.dedup_across and not (args.output and Path(args.input).is_dir()):
        raise UsageError("--dedup-across needs a directory INPUT and -o DIR")


# --- one file ------------------------------------------------------------------


def process(task: Task, settings: Settings, cleaner: Cleaner, stdout: BinaryIO | None) -> Outcome:
    """Clean one input as the settings say; failures become an outcome, not an exception.

    ``stdout`` None collects diff/explanation text in the outcome (directory
    runs, where files finish in any order).
    """
    try:
        changed = clean_file(task, settings, cleaner, stdout, collected := [])
        if task.manifest is not None:
            record_made(task.manifest, task.name, settings, task.log)
    except BrokenPipeError:  # the reader of stdout went away: main() ends quietly
        raise
    except Exception as e:  # a bug must not stop a directory run: report it, go on
        return Outcome(task.name, "failed", error_line(e, task.name))
    return Outcome(task.name, "changed" if changed else "unchanged", text="".join(collected))


def clean_file(task: Task, settings: Settings, cleaner: Cleaner, stdout: BinaryIO | None,
               collected: list[str]) -> bool:
    """Stream one input through the cleaner into every sink the mode asks for."""
    mode = settings.mode

    def emit(s: str) -> None:
        if stdout is None:
            collected.append(s)
        else:
            stdout.write(s.encode("utf-8", "backslashreplace"))

    with ExitStack() as stack:
        stream = sys.stdin.buffer if task.src is None else stack.enter_context(open(task.src, "rb"))
        reader = RawReader(stream, settings.encoding, task.name)
        text_out = None
        if mode.write:
            like = task.src if settings.in_place else None
            if task.out is not None:
                text_out = stack.enter_context(atomic_output(task.out, like))
            else:
                text_out = stdout
        log = None
        if task.log is not None:
            log = LogWriter(open_log(stack, task.log), header(
                task.name, reader.encoding, settings.profile, settings.rules, settings.disable,
                errors=settings.errors))
        changed = False
        diff = DiffWriter(task.name) if mode.diff else None
        for chunk in clean_chunks(reader, cleaner, settings.errors):
            changed = changed or bool(chunk.changes)
            if text_out is not None:
                text_out.write(chunk.clean.encode("utf-8"))
            if log is not None:
                log.chunk(chunk.index, chunk.raw, chunk.clean, chunk.changes, reader.encoding,
                          chunk.start, chunk.byte_start, chunk.line, chunk.col, chunk.clean_start)
            if diff is not None:
                for s in diff.hunks(chunk):
                    emit(s)
            if mode.explain:
                for s in explain_chunk(chunk, task.name, reader.encoding):
                    emit(s)
        if log is not None:
            if reader.roundtrip.digest() != reader.sha256.digest():
                raise InputError(f"decoding as {reader.encoding} is lossy, so restore could not "
                                 "rebuild the input (give the right --encoding)", task.name)
            log.finish(reader.sha256.hexdigest())
        if settings.in_place and task.src is not None and text_out is not None:
            if not changed:
                text_out.discard()
            elif settings.backup:
                back_up(task.src)
    return changed


def back_up(src: Path) -> None:
    """Copy ``src`` to ``src.bak`` (atomically) before it is rewritten."""
    with atomic_output(src.with_name(src.name + ".bak"), like=src) as f, open(src, "rb") as old:
        shutil.copyfileobj(old, f.file)


_LINE = re.compile(r"[^\r\n]*(?:\r\n?|\n)|[^\r\n]+")


def unified_diff(a: list[str], b: list[str], before: str, after: str) -> Iterator[str]:
    """The lines of a unified diff of ``a`` and ``b``, with 3 lines of context."""
    import difflib  # only --diff needs it: not imported at every start-up

    return difflib.unified_diff(a, b, before, after, n=3)


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


_HUNK = re.compile(r"^@@ -(\d+)(,\d+)? \+(\d+)(,\d+)? @@")


def shift_hunk(line: str, raw_base: int, clean_base: int) -> str:
    m = _HUNK.match(line)
    assert m is not None
    a, b = int(m.group(1)), int(m.group(3))
    return (f"@@ -{a + raw_base if a else raw_base}{m.group(2) or ''} "
            f"+{b + clean_base if b else clean_base}{m.group(4) or ''} @@\n")


def show(s: str) -> str:
    """A change's text on one line: line breaks and invisible characters escaped."""
    special = {"\n": "\\n", "\r": "\\r", "\t": "\\t", "\\": "\\\\"}
    out = "".join(special.get(c) or (c if c.isprintable() or c == " " else f"\\u{ord(c):04x}")
                  for c in s)
    # a space at either end would be invisible
    return re.sub(r"^ | $", "\\\\u0020", out)


def explain_chunk(chunk: Chunk, name: str, encoding: str) -> Iterator[str]:
    """``path:line:col rule-id (note)`` then ``-before`` / ``+after``, grouped by rule."""
    loc = Locator(chunk.raw, encoding, chunk.start, chunk.byte_start, chunk.line, chunk.col)
    groups: dict[str, list[Change]] = {}
    for c in chunk.changes:
        groups.setdefault(c.rule, []).append(c)
    for rule, changes in groups.items():
        yield f"# {rule}: {len(changes)} change{'s' if len(changes) != 1 else ''}\n"
        for c in changes:
            line, col = loc.line_col(c.start)
            note = f" ({c.note})" if c.note else ""
            yield f"{name}:{line}:{col} {rule}{note}\n-{show(c.before)}\n+{show(c.after)}\n"
        yield "\n"


# --- errors --------------------------------------------------------------------

_HINTS = {2: "check the path", 13: "check its permissions", 21: "expected a file, found a directory",
          20: "a path component is not a directory", 28: "free some disk space"}


def error_line(e: BaseException, where: str = "") -> str:
    """One line: ``cleanup: error: PATH: what is wrong (what to do)``."""
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


def report(line: str) -> None:
    from tqdm import tqdm

    tqdm.write(line, file=sys.stderr)


# --- runs ----------------------------------------------------------------------


def stdout_bytes() -> BinaryIO:
    sys.stdout.flush()
    return sys.stdout.buffer


def run_single(args: argparse.Namespace, settings: Settings, cleaner: Cleaner) -> int:
    src = None if args.input == "-" else Path(args.input)
    name = "<stdin>" if src is None else args.input
    out = Path(args.output) if args.output else (src if settings.in_place else None)
    task = Task(src, name, out, Path(args.changes) if args.changes else None)
    outcome = process(task, settings, cleaner, stdout_bytes())
    if outcome.status == "failed":
        report(outcome.error)
        return EXIT_ERROR
    return EXIT_CHANGED if settings.mode.check and outcome.status == "changed" else EXIT_OK


def plan_directory(args: argparse.Namespace, settings: Settings, cleaner: Cleaner) -> list[Task | Outcome]:
    """One task per file of the tree; an up-to-date output is a ``skipped`` outcome."""
    root = Path(args.input)
    if settings.mode.write and not (args.output or settings.in_place):
        raise UsageError("a directory needs -o DIR (or --in-place, --check, --diff)", args.input)
    out_root = Path(args.output) if args.output else None
    log_root = Path(args.changes) if args.changes else None
    for other in (out_root, log_root):
        if other is not None and other.is_file():
            raise UsageError("for a directory input this must be a directory", str(other))
    exclude = [p.resolve() for p in (out_root, log_root) if p is not None]
    files = outside(root, walk(root, args.glob), exclude)
    since = rules_mtime(cleaner, args.rules)
    made_with = read_manifest(out_root) if out_root else {}
    plan: list[Task | Outcome] = []
    for rel in files:
        src = root / rel
        out = out_root / rel if out_root else (src if settings.in_place else None)
        log = log_root / rel.with_suffix(".changes.jsonl") if log_root else None
        name = str(src)
        # with --dedup-across an output depends on the other files too: redo them all
        if (out_root and settings.mode.write and not args.force and not settings.dedup_across
                and made_with.get(name) == made_by(settings, log)
                and is_up_to_date(src, [p for p in (out, log) if p], since)):
            plan.append(Outcome(name, "skipped"))
        else:
            manifest = out_root / MANIFEST if out_root and settings.mode.write else None
            plan.append(Task(src, name, out, log, manifest))
    return plan


def outside(root: Path, files: list[Path], exclude: list[Path]) -> list[Path]:
    """The ``files`` (relative to ``root``) not in one of the ``exclude`` trees (resolved):
    an output tree inside the input is not cleaned again.  Each folder is resolved
    once, not each file: an archive has many files to a folder."""
    inside: dict[Path, bool] = {}
    kept = []
    for rel in files:
        folder = rel.parent
        if folder not in inside:
            resolved = (root / folder).resolve()
            inside[folder] = any(resolved.is_relative_to(x) for x in exclude)
        if not inside[folder]:
            kept.append(rel)
    return kept


MANIFEST = ".cleanup-manifest.jsonl"


def made_by(settings: "Settings", log: Path | None) -> str:
    """What an output and its change log were made with: a rerun must match it to skip."""
    return json.dumps([settings.fingerprint(), str(log) if log else None], ensure_ascii=True)


def read_manifest(out_root: Path) -> dict[str, str]:
    """Which settings made each output of an earlier run into ``out_root`` (the last line wins).

    A rerun skips an up-to-date output only if the same settings made it: an
    output made with other flags is stale however new it is.  A line cut by
    a kill is ignored.
    """
    made: dict[str, str] = {}
    try:
        lines_ = (out_root / MANIFEST).read_text(encoding="utf-8").splitlines()
    except OSError:
        return made
    for line in lines_:
        try:
            rec = json.loads(line)
            made[rec["file"]] = rec["settings"]
        except (ValueError, KeyError, TypeError):
            continue
    return made


def record_made(manifest: Path, name: str, settings: "Settings", log: Path | None) -> None:
    """Note that ``settings`` made the output of ``name`` (and its change log
    ``log``): one appended line, written by whichever process finished the
    file, right after its output was renamed into place (an append this short
    is not interleaved with another's)."""
    line = json.dumps({"file": name, "settings": made_by(settings, log)}, ensure_ascii=True) + "\n"
    with open(manifest, "a", encoding="ascii") as f:
        f.write(line)


def rules_mtime(cleaner: Cleaner, extra: Sequence[str]) -> float:
    """Newest modification time of the rule files in play: outputs older than it are stale."""
    paths = [*packaged_rules_dir().iterdir(), Path(cleaner.profile.source), *map(Path, extra)]
    return max((p.stat().st_mtime for p in paths if p.is_file()), default=0.0)


def run_directory(args: argparse.Namespace, settings: Settings, cleaner: Cleaner) -> int:
    from tqdm import tqdm

    plan = plan_directory(args, settings, cleaner)
    roots = [Path(p) for p in (args.output, args.changes) if p] or \
            ([Path(args.input)] if settings.in_place else [])
    for r in roots:
        sweep_temp_files(r)
    tasks = [t for t in plan if isinstance(t, Task)]
    outcomes = {t.name: t for t in plan if isinstance(t, Outcome)}
    bar = tqdm(total=len(tasks), unit="file", file=sys.stderr, disable=not sys.stderr.isatty())
    out = stdout_bytes()
    try:
        # closing(): workers are stopped before temp files are swept, however we stop
        with closing(run_tasks(tasks, settings, cleaner, args.jobs)) as results:
            for outcome in results:
                outcomes[outcome.name] = outcome
                if outcome.error:
                    report(outcome.error)
                if outcome.text:
                    out.write(outcome.text.encode("utf-8", "backslashreplace"))
                bar.update()
    except BaseException:
        for r in roots:
            sweep_temp_files(r)
        raise
    finally:
        bar.close()
    if getattr(args, "dedup_across", False):
        dedup_across(Path(args.output), args.glob, Path(args.changes) if args.changes else None)
    return summarize(list(outcomes.values()), settings.mode)


def dedup_across(out_root: Path, pattern: str, log_root: Path | None) -> None:
    """Drop paragraphs of the clean tree that repeat an earlier file's; report each,
    and add it to the file's change log when there is one."""
    from .archive import dedup_tree

    def log_of(rel: Path) -> Path | None:
        log = log_root / rel.with_suffix(".changes.jsonl") if log_root else None
        return log if log is not None and log.is_file() else None

    for r in dedup_tree(out_root, walk(out_root, pattern), log_of=log_of):
        report(f"cleanup: dedup-across: {r.doc_id}: paragraph {r.index + 1} dropped, "
               f"{r.note}")


def run_tasks(tasks: list[Task], settings: Settings, cleaner: Cleaner, jobs: int) -> Iterator[Outcome]:
    """Outcomes in task order; with ``jobs`` > 1, from worker processes (one Cleaner each)."""
    if jobs == 1 or len(tasks) < 2:
        for task in tasks:
            yield process(task, settings, cleaner, None)
        return
    # imported here: multiprocessing costs start-up time that one file never needs
    from concurrent.futures import ProcessPoolExecutor
    from concurrent.futures.process import BrokenProcessPool

    pool = ProcessPoolExecutor(max_workers=jobs, initializer=init_worker, initargs=(settings,))
    try:
        yield from pool.map(run_task, tasks, chunksize=1)
    except BrokenProcessPool:
        raise InputError("a worker process died (killed, or out of memory?) "
                         "(rerun: finished files are kept)") from None
    finally:
        pool.shutdown(wait=True, cancel_futures=True)


_worker: tuple[Settings, Cleaner] | None = None


def open_log(stack: ExitStack, path: Path) -> BinaryIO:
    """The change log's file, written atomically: it must be a regular file,
    since its header is completed (the input's digest) when the run ends."""
    if is_special_file(path) or is_system_path(path):
        raise InputError("a change log must go to a regular file: its header is completed "
                         "at the end of the run (give a file path)", str(path))
    return stack.enter_context(atomic_output(path)).file


def init_worker(settings: Settings) -> None:
    """Build the worker's Cleaner once.  Ctrl-C reaches the whole process group:
    workers ignore it and the main process stops them between files."""
    global _worker
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    signal.signal(signal.SIGTERM, raise_interrupted)
    _worker = (settings, settings.build_cleaner())


def run_task(task: Task) -> Outcome:
    assert _worker is not None, "init_worker did not run"
    settings, cleaner = _worker
    return process(task, settings, cleaner, None)


def summarize(outcomes: list[Outcome], mode: Mode) -> int:
    counts = {s: sum(o.status == s for o in outcomes) for s in ("changed", "unchanged", "failed", "skipped")}
    line = f"{counts['changed']} {mode.summary_verb()}, {counts['unchanged']} unchanged, {counts['failed']} failed"
    if counts["skipped"]:
        line += f", {counts['skipped']} skipped (output up to date; --force redoes them)"
    report(line)
    if counts["failed"]:
        return EXIT_ERROR
    return EXIT_CHANGED if mode.check and counts["changed"] else EXIT_OK


def run_jsonl(args: argparse.Namespace, settings: Settings, cleaner: Cleaner) -> int:
    """Clean one field of every record; a bad record is passed through and reported."""
    from tqdm import tqdm

    src = None if args.input == "-" else Path(args.input)
    name = "<stdin>" if src is None else args.input
    mode = settings.mode
    outcomes: list[Outcome] = []
    with ExitStack() as stack:
        stream = sys.stdin.buffer if src is None else stack.enter_context(open(src, "rb"))
        out: Any = None
        if mode.write:
            out = stack.enter_context(atomic_output(Path(args.output))).file if args.output else stdout_bytes()
        log = None
        if args.changes:
            log = LogWriter(open_log(stack, Path(args.changes)), header(
                name, "utf-8", settings.profile, settings.rules, settings.disable,
                jsonl=True, text_field=args.text_field))
        total = src.stat().st_size if src is not None else None
        bar = stack.enter_context(tqdm(total=total, unit="B", unit_scale=True, file=sys.stderr,
                                       disable=not sys.stderr.isatty()))
        digest = hashlib.sha256()
        for number, line in enumerate(stream, 1):
            bar.update(len(line))
            digest.update(line)
            outcome, new = clean_json_line(line, number, name, args.text_field, cleaner, log, mode)
            outcomes.append(outcome)
            if outcome.error:
                report(outcome.error)
            if out is not None:
                out.write(new)
            if outcome.text:
                stdout_bytes().write(outcome.text.encode("utf-8", "backslashreplace"))
        if log is not None:
            log.finish(digest.hexdigest())
    return summarize(outcomes, mode)


def clean_json_line(line: bytes, number: int, name: str, field: str, cleaner: Cleaner,
                    log: LogWriter | None, mode: Mode) -> tuple[Outcome, bytes]:
    """One JSONL record: its outcome and the line to write (unchanged if it failed)."""
    where = f"{name}:{number}"
    body = line.rstrip(b"\r\n")
    if not body.strip():
        return Outcome(where, "unchanged"), line
    try:
        record = json.loads(body)
    except ValueError as e:
        return Outcome(where, "failed", f"cleanup: error: {where}: not valid JSON ({e}) "
                                        "(fix the record; it was copied unchanged)"), line
    if not isinstance(record, dict) or not isinstance(record.get(field), str):
        return Outcome(where, "failed", f"cleanup: error: {where}: no string field {field!r} "
                                        "(check --text-field; the record was copied unchanged)"), line
    try:
        doc = clean_record_text(record[field], cleaner, where)
    except Exception as e:  # a rule timeout or a bug: this record only
        return Outcome(where, "failed", error_line(e, where)), line
    if log is not None:
        log.record(number, doc.raw, doc.changes)
    if not doc.steps:
        return Outcome(where, "unchanged"), line
    text = ""
    if mode.diff:
        text = "".join(with_newlines(unified_diff(
            _LINE.findall(doc.raw), _LINE.findall(doc.text), f"{where}\t(raw)", f"{where}\t(clean)")))
    record[field] = doc.text
    return Outcome(where, "changed", text=text), dump_json(record) + line[len(body):]


def run_clean(argv: Sequence[str], explain: bool = False) -> int:
    args = (explain_parser() if explain else clean_parser()).parse_args(argv)
    if explain:
        args.output = args.changes = None
        args.in_place = args.no_backup = args.jsonl = args.force = False
        mode = Mode.from_flags(False, False, explain=True)
    else:
        mode = Mode.from_flags(args.check, args.diff)
        check_flags(args, mode)
    settings = settings_from(args, mode)
    cleaner = settings.build_cleaner()
    if args.jsonl:
        return run_jsonl(args, settings, cleaner)
    if args.input != "-" and Path(args.input).is_dir():
        return run_directory(args, settings, cleaner)
    if args.input != "-" and not os.path.lexists(args.input):
        raise InputError("no such file or directory (check the path)", args.input)
    return run_single(args, settings, cleaner)


def run_restore(argv: Sequence[str]) -> int:
    args = restore_parser().parse_args(argv)
    with ExitStack() as stack:
        clean = sys.stdin.buffer if args.input == "-" else stack.enter_context(open(args.input, "rb"))
        log = stack.enter_context(open(args.changes, "rb"))
        out = stack.enter_context(atomic_output(Path(args.output))).file if args.output else stdout_bytes()
        restore(clean, log, out, "<stdin>" if args.input == "-" else args.input, args.changes)
    return EXIT_OK


def run_engine(argv: Sequence[str]) -> int:
    """``cleanup engine clean IN_DIR -o OUT_DIR``: imported only here, so dask costs
    nothing to other commands."""
    from .engine import main as engine_main

    return engine_main(argv)


def run_review(argv: Sequence[str]) -> int:
    """``cleanup review``: imported only here (see ``cleanup.review``)."""
    from .review import run_review as review

    return review(argv)


COMMANDS: dict[str, Callable[[Sequence[str]], int]] = {
    "restore": run_restore,
    "explain": lambda argv: run_clean(argv, explain=True),
    "engine": run_engine,
    "review": run_review,
}


def raise_interrupted(signum: int, frame: object) -> None:
    raise Interrupted(signum)


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line ``argv`` (default: ``sys.argv[1:]``); return the exit code.

    A first word ``restore``, ``explain`` or ``engine`` is a subcommand (a file
    of that name is ``./restore``).  Run as the program (``argv`` None), it
    ends by sparing the exiting interpreter its teardown (:func:`freeze_for_exit`).
    """
    as_program = argv is None
    argv = list(sys.argv[1:] if argv is None else argv)
    previous = None
    if threading.current_thread() is threading.main_thread():
        previous = signal.signal(signal.SIGTERM, raise_interrupted)
    try:
        if argv and argv[0] in COMMANDS:
            return COMMANDS[argv[0]](argv[1:])
        return run_clean(argv)
    except SystemExit as e:  # --help, --version
        return e.code if isinstance(e.code, int) else EXIT_OK
    except BrokenPipeError:  # the reader of stdout went away: nothing to report
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return EXIT_OK
    except (CleanupError, OSError, UnicodeError) as e:
        report(error_line(e))
        return EXIT_ERROR
    except (KeyboardInterrupt, Interrupted) as e:
        report("cleanup: error: interrupted (every output is complete or absent; rerun to finish)")
        return 128 + (e.args[0] if isinstance(e, Interrupted) else signal.SIGINT)
    except Exception as e:  # a bug: one line, not a traceback
        report(f"cleanup: error: internal error {type(e).__name__}: {e} "
               "(a bug: please report it with this input)")
        return EXIT_ERROR
    finally:
        if previous is not None:
            signal.signal(signal.SIGTERM, previous)
        try:
            sys.stdout.flush()
        except (OSError, ValueError):
            pass
        if as_program:
            freeze_for_exit()


def freeze_for_exit() -> None:
    """Freeze every object the run made (:func:`gc.freeze`): the process is about
    to exit, and a last garbage collection would walk and tear down the modules,
    patterns and word lists, ~20-30 ms, as long as cleaning several pages.
    Every output is written and closed by now; the operating system frees the rest."""
    gc.freeze()
