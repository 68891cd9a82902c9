"""Run the cleaner over files: one file, or a tree of them with worker processes.

A run is planned as :class:`Task`\\ s (one per input file), each task becomes
an :class:`~cleanup.report.Outcome`, and a failure is an outcome too: one
broken file never stops a directory run.  A rerun into the same output
folder skips the outputs the same settings already made (the manifest).
"""

from __future__ import annotations

import json
import shutil
import signal
import sys
from collections.abc import Generator
from contextlib import ExitStack, closing
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO

from . import __version__, guard
from .changes import LogWriter, header
from .errors import InputError
from .io import (
    OutputError,
    RawReader,
    atomic_output,
    check_writable,
    clean_chunks,
    is_special_file,
    is_system_path,
    is_up_to_date,
    stdout_error,
    sweep_temp_files,
    walk,
)
from .outputs import CollisionError, Role, check_collisions
from .pipeline import Cleaner
from .report import (
    EXIT_CHANGED,
    EXIT_ERROR,
    EXIT_OK,
    DiffWriter,
    Outcome,
    error_line,
    explain_chunk,
    report,
    summarize,
    would_clean,
)
from .rules import packaged_rules_dir

LOG_SUFFIX = ".changes.jsonl"  # the change log of a file of a tree, or of a shard
MANIFEST = ".cleanup-manifest.jsonl"


class Interrupted(BaseException):
    """SIGINT or SIGTERM, raised where the program is so that temp files get
    removed (when no :mod:`~cleanup.guard` watches: ``main()`` called as a function)."""


def raise_interrupted(signum: int, frame: object) -> None:
    """The first signal raises :class:`Interrupted`; those after it are ignored,
    so that a second Ctrl-C cannot cut short the removal of temp files."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    signal.signal(signal.SIGTERM, signal.SIG_IGN)
    raise Interrupted(signum)


# --- settings ----------------------------------------------------------------------


@dataclass(frozen=True)
class CleanerSettings:
    """Which rules clean: what builds a :class:`~cleanup.Cleaner` (picklable, hashable)."""

    profile: str = "zh-news"
    rules: tuple[str, ...] = ()
    disable: tuple[str, ...] = ()
    timeout: float = 2.0

    def build_cleaner(self) -> Cleaner:
        return Cleaner(self.profile, self.rules, self.disable, self.timeout)


@dataclass(frozen=True)
class Mode:
    """What a run produces: the clean text (``write``), a diff, an explanation,
    and whether changes make the exit code 1 (``check``)."""

    write: bool = True
    diff: bool = False
    check: bool = False
    explain: bool = False


@dataclass(frozen=True)
class Settings(CleanerSettings):
    """Everything a worker needs to build its Cleaner and process files (picklable)."""

    mode: Mode = Mode()
    encoding: str = "utf-8"
    errors: str = "strict"
    in_place: bool = False
    backup: bool = True
    dedup_across: bool = False

    def fingerprint(self) -> str:
        """What makes an output: the settings a rerun must share to skip it."""
        return json.dumps([__version__, self.profile, self.rules, self.disable, self.timeout,
                           self.encoding, self.errors, self.dedup_across], ensure_ascii=True)


@dataclass(frozen=True)
class Task:
    """One input: ``src`` None is stdin; ``out`` None is stdout (or nowhere)."""

    src: Path | None
    name: str
    out: Path | None = None
    log: Path | None = None
    manifest: Path | None = None  # where to note the settings that made ``out``
    key: str = ""  # how the manifest knows the input (its resolved path)
    made: str = ""  # what made ``out``, as the manifest notes it (:func:`made_by`)


# --- one file ----------------------------------------------------------------------


def process(task: Task, settings: Settings, cleaner: Cleaner, stdout: BinaryIO | None) -> Outcome:
    """Clean one input as the settings say; failures become an outcome, not an exception.

    ``stdout`` None collects diff/explanation text in the outcome (directory
    runs, where files finish in any order).
    """
    collected: list[str] = []
    try:
        changes = clean_file(task, settings, cleaner, stdout, collected)
        if task.manifest is not None:
            record_made(task.manifest, task.key, task.made)
    except BrokenPipeError:  # the reader of stdout went away: main() ends quietly
        raise
    except OutputError as e:
        if e.stops_run:  # a full or read-only disk: every other file would fail the same way
            raise
        return Outcome(task.name, "failed", error_line(e, task.name))
    except OSError as e:  # writing stdout, say, behind a redirection to a full disk
        return Outcome(task.name, "failed", error_line(stdout_error(e), task.name))
    except Exception as e:  # a bug must not stop a directory run: report it, go on
        return Outcome(task.name, "failed", error_line(e, task.name))
    return Outcome(task.name, "changed" if changes else "unchanged", text="".join(collected),
                   changes=changes)


def clean_file(task: Task, settings: Settings, cleaner: Cleaner, stdout: BinaryIO | None,
               collected: list[str]) -> int:
    """Stream one input through the cleaner into every sink the mode asks for;
    returns how many changes cleaning made."""
    mode = settings.mode

    def emit(s: str) -> None:
        if stdout is None:
            collected.append(s)
        else:
            stdout.write(s.encode("utf-8", "backslashreplace"))

    with ExitStack() as stack:
        stream = sys.stdin.buffer if task.src is None else stack.enter_context(open(task.src, "rb"))
        reader = RawReader(stream, settings.encoding, task.name)
        text_out: atomic_output | BinaryIO | None = None
        written: atomic_output | None = None  # the file written, if the text goes to one
        if mode.write:
            like = task.src if settings.in_place else None
            if task.out is not None:
                text_out = written = stack.enter_context(atomic_output(task.out, like))
            else:
                text_out = stdout
        log = None
        if task.log is not None:
            log = LogWriter(open_log(stack, task.log), header(
                task.name, reader.encoding, settings.profile, settings.rules, settings.disable,
                errors=settings.errors))
        changes = 0
        diff = DiffWriter(task.name) if mode.diff else None
        for chunk in clean_chunks(reader, cleaner, settings.errors):
            changes += len(chunk.changes)
            if text_out is not None:
                text_out.write(chunk.clean.encode("utf-8"))
            if log is not None:
                log.chunk(chunk.index, chunk.raw, chunk.clean, chunk.changes + chunk.suspects, reader.encoding,
                          chunk.start, chunk.byte_start, (chunk.line, chunk.col), chunk.clean_start)
            if diff is not None:
                for s in diff.hunks(chunk):
                    emit(s)
            if mode.explain:
                for s in explain_chunk(chunk, task.name):
                    emit(s)
        if log is not None:
            if reader.roundtrip.digest() != reader.sha256.digest():
                raise InputError(f"decoding as {reader.encoding} is lossy, so restore could not "
                                 "rebuild the input (give the right --encoding)", task.name)
            log.finish(reader.sha256.hexdigest())
        if settings.in_place and task.src is not None and written is not None:
            if not changes:
                written.discard()
            elif settings.backup:
                back_up(task.src)
    return changes


def back_up(src: Path) -> None:
    """Copy ``src`` to ``src.bak`` (atomically) before it is rewritten."""
    with atomic_output(src.with_name(src.name + ".bak"), like=src) as f, open(src, "rb") as old:
        shutil.copyfileobj(old, f.file)


def open_log(stack: ExitStack, path: Path) -> BinaryIO:
    """The change log's file, written atomically: it must be a regular file,
    since its header is completed (the input's digest) when the run ends."""
    if is_special_file(path) or is_system_path(path):
        raise InputError("a change log must go to a regular file: its header is completed "
                         "at the end of the run (give a file path)", str(path))
    return stack.enter_context(atomic_output(path)).file


def stdout_bytes() -> BinaryIO:
    sys.stdout.flush()
    return sys.stdout.buffer


def run_single(src: str, output: str | None, changes: str | None, settings: Settings,
               cleaner: Cleaner) -> int:
    """Clean the file ``src`` (``-`` is stdin); returns the exit code."""
    path = None if src == "-" else Path(src)
    name = "<stdin>" if path is None else src
    out = Path(output) if output else (path if settings.in_place else None)
    task = Task(path, name, out, Path(changes) if changes else None)
    outcome = process(task, settings, cleaner, stdout_bytes())
    if outcome.status == "failed":
        report(outcome.error)
        return EXIT_ERROR
    if settings.mode.check and outcome.status == "changed":
        report(would_clean(outcome))
    return EXIT_CHANGED if settings.mode.check and outcome.status == "changed" else EXIT_OK


# --- a tree of files -----------------------------------------------------------------


def run_directory(root: Path, out_root: Path | None, log_root: Path | None, settings: Settings,
                  cleaner: Cleaner, pattern: str, jobs: int, force: bool) -> int:
    """Clean the files under ``root`` matching ``pattern`` into ``out_root``
    (``log_root`` gets their change logs), ``jobs`` at a time; returns the exit code."""
    from tqdm import tqdm

    plan = plan_directory(root, out_root, log_root, settings, cleaner, pattern, force)
    roots = [p for p in (out_root, log_root) if p] or ([root] if settings.in_place else [])
    for r in roots:
        check_writable(r)  # once, not file after file
        sweep_temp_files(r)
    tasks = [t for t in plan if isinstance(t, Task)]
    outcomes = {t.name: t for t in plan if isinstance(t, Outcome)}
    for outcome in outcomes.values():
        if outcome.error:  # a folder that cannot be listed
            report(outcome.error)
    bar = tqdm(total=len(tasks), unit="file", file=sys.stderr, disable=not sys.stderr.isatty())
    out = stdout_bytes()
    try:
        # closing(): workers are stopped before temp files are swept, however we stop
        with closing(run_tasks(tasks, settings, cleaner, jobs)) as results:
            for outcome in results:
                outcomes[outcome.name] = outcome
                if outcome.error:
                    report(outcome.error)
                elif settings.mode.check and outcome.status == "changed":
                    report(would_clean(outcome))
                if outcome.text:
                    out.write(outcome.text.encode("utf-8", "backslashreplace"))
                bar.update()
    except BaseException:
        for r in roots:
            sweep_temp_files(r)
        raise
    finally:
        bar.close()
    if settings.dedup_across and out_root is not None:
        dedup_across(out_root, pattern, log_root)
    return summarize(list(outcomes.values()), settings.mode.write, settings.mode.check)


def plan_directory(root: Path, out_root: Path | None, log_root: Path | None, settings: Settings,
                   cleaner: Cleaner, pattern: str, force: bool) -> list[Task | Outcome]:
    """One task per file of the tree; an up-to-date output is a ``skipped`` outcome, and a
    folder the run cannot list a ``failed`` one (the other files are still cleaned).

    Refused before anything is written: a tree with no file to clean (and no folder
    it could not list), and outputs that would overwrite an input or each other.  The manifest knows
    files by their resolved paths, so a rerun from another folder finds them.
    """
    real_root = root.resolve()
    check_roots(root, real_root, out_root, log_root)
    # an output tree inside the input is not cleaned again
    exclude = [r for p in (out_root, log_root) if p is not None
               and (r := p.resolve()).is_relative_to(real_root)]
    tree = walk(root, pattern)
    files = outside(root, tree.files, exclude)
    unreadable = [Outcome(e.where, "failed", error_line(e)) for e in tree.unreadable
                  if not any(Path(e.where).resolve().is_relative_to(x) for x in exclude)]
    if not files and not unreadable:
        raise InputError(f"no file here matches --glob {pattern!r}, in any subfolder "
                         "(check the pattern, or the folder)", str(root))
    since = rules_mtime(cleaner, settings.rules)
    made_with = read_manifest(out_root) if out_root else {}
    real_logs = log_root.resolve() if log_root else None
    manifest = out_root / MANIFEST if out_root and settings.mode.write else None
    inputs: list[Role] = []
    outputs: list[Role] = [Role(manifest, "the manifest of the run", "leave that name to cleanup")] \
        if manifest else []
    plan: list[Task | Outcome] = list(unreadable)
    for rel in files:
        src = root / rel
        out = out_root / rel if out_root else (src if settings.in_place else None)
        log = log_root / rel.with_suffix(LOG_SUFFIX) if log_root else None
        name, key = str(src), str(real_root / rel)
        inputs.append(Role(src, f"the input {src}"))
        fix = "rename one of the inputs, or narrow --glob"
        if out_root and settings.mode.write:
            outputs.append(Role(out_root / rel, f"the clean text of {src}", fix))
        if log is not None:
            outputs.append(Role(log, f"the change log of {src}", fix))
        if settings.in_place and settings.backup:
            outputs.append(Role(src.with_name(src.name + ".bak"), f"the backup of {src}",
                                "narrow --glob, or use --no-backup"))
        made = made_by(settings, real_logs / rel.with_suffix(LOG_SUFFIX) if real_logs else None)
        # with --dedup-across an output depends on the other files too: redo them all
        if (out_root and settings.mode.write and not force and not settings.dedup_across
                and made_with.get(key) == made
                and is_up_to_date(src, [p for p in (out, log) if p], since)):
            plan.append(Outcome(name, "skipped"))
        else:
            plan.append(Task(src, name, out, log, manifest, key, made))
    check_collisions(inputs, outputs)
    return plan


def check_roots(root: Path, real_root: Path, out_root: Path | None, log_root: Path | None) -> None:
    """An output folder that is the input folder itself would mix outputs with inputs."""
    for folder, flag, fix in ((out_root, "-o", "use --in-place to rewrite its files, or give -o "
                                               "another folder"),
                              (log_root, "--changes", "give --changes a folder of its own")):
        if folder is not None and folder.resolve() == real_root:
            raise CollisionError(f"{flag} is the input folder {root} itself ({fix})", str(folder))


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


def rules_mtime(cleaner: Cleaner, extra: tuple[str, ...]) -> float:
    """Newest modification time of the rule files in play: outputs older than it are stale."""
    paths = [*packaged_rules_dir().iterdir(), Path(cleaner.profile.source), *map(Path, extra)]
    return max((p.stat().st_mtime for p in paths if p.is_file()), default=0.0)


def dedup_across(out_root: Path, pattern: str, log_root: Path | None) -> None:
    """Drop paragraphs of the clean tree that repeat an earlier file's; report each,
    and add it to the file's change log when there is one."""
    from .archive import dedup_tree

    def log_of(rel: Path) -> Path | None:
        log = log_root / rel.with_suffix(LOG_SUFFIX) if log_root else None
        return log if log is not None and log.is_file() else None

    for r in dedup_tree(out_root, walk(out_root, pattern).files, log_of=log_of):
        report(f"cleanup: dedup-across: {r.doc_id}: paragraph {r.index + 1} dropped, "
               f"{r.note}")


# --- the manifest --------------------------------------------------------------------


def made_by(settings: Settings, log: Path | None) -> str:
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


def record_made(manifest: Path, key: str, made: str) -> None:
    """Note that ``made`` (:func:`made_by`) made the output of the input ``key``:
    one appended line, written by whichever process finished the file, right
    after its output was renamed into place (an append this short is not
    interleaved with another's)."""
    line = json.dumps({"file": key, "settings": made}, ensure_ascii=True) + "\n"
    with open(manifest, "a", encoding="ascii") as f:
        f.write(line)


# --- the worker pool -----------------------------------------------------------------


def run_tasks(tasks: list[Task], settings: Settings, cleaner: Cleaner, jobs: int) -> Generator[Outcome, None, None]:
    """Outcomes in task order; with ``jobs`` > 1, from worker processes (one Cleaner each)."""
    if jobs == 1 or len(tasks) < 2:
        for task in tasks:
            yield process(task, settings, cleaner, None)
        return
    # imported here: multiprocessing costs start-up time that one file never needs
    import multiprocessing
    from concurrent.futures import ProcessPoolExecutor
    from concurrent.futures.process import BrokenProcessPool

    # under a guard, workers are forked: they inherit its pipe, to announce their temp files
    context = multiprocessing.get_context("fork") if guard.active() else None
    pool = ProcessPoolExecutor(max_workers=jobs, mp_context=context, initializer=init_worker,
                               initargs=(settings,))
    try:
        yield from pool.map(run_task, tasks, chunksize=1)
    except BrokenProcessPool:
        raise InputError("a worker process died (killed, or out of memory?) "
                         "(rerun: finished files are kept)") from None
    finally:
        pool.shutdown(wait=True, cancel_futures=True)


_worker: tuple[Settings, Cleaner] | None = None


def init_worker(settings: Settings) -> None:
    """Build the worker's Cleaner once.  Under a guard, a signal ends the worker
    at once, like the program (:mod:`cleanup.guard`); else Ctrl-C, which reaches
    the whole process group, is ignored and the main process stops the workers
    between files."""
    global _worker
    if not guard.enlist_worker():
        signal.signal(signal.SIGINT, signal.SIG_IGN)
        signal.signal(signal.SIGTERM, raise_interrupted)
    _worker = (settings, settings.build_cleaner())


def run_task(task: Task) -> Outcome:
    assert _worker is not None, "init_worker did not run"
    settings, cleaner = _worker
    return process(task, settings, cleaner, None)
