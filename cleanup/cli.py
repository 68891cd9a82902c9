"""The ``cleanup`` command: flags become settings and a mode, and the first word
picks what runs.  No cleaning here: :mod:`cleanup.runner` runs files and
trees, :mod:`cleanup.corpus` JSONL corpora, :mod:`cleanup.engine` shards on a
cluster, and :mod:`cleanup.report` says how it went (error lines, exit codes).
"""

from __future__ import annotations

import argparse
import gc
import os
import signal
import sys
import threading
from collections.abc import Callable, Sequence
from contextlib import ExitStack
from pathlib import Path
from typing import Any

from . import __version__, guard
from .changes import restore
from .errors import InputError, UsageError
from .extras import ARCHIVE, ENGINE, require
from .io import ClosedStdout, atomic_output, stdout_error
from .outputs import Role, check_collisions, output_role, single_file_roles
from .options import (Parser, add_rule_options, check_encoding, positive_float, positive_int, stdout_or_path,
                      text_field)
from .report import EXIT_CHANGED, EXIT_ERROR, EXIT_OK, EXIT_SIGNAL, INTERRUPTED, error_line, report
from .rulecheck import check_before_a_run
from .runner import Interrupted, Mode, Settings, raise_interrupted, run_directory, run_single, stdout_bytes

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
  cleanup rules check my-rules.toml     run a rule file's examples and keeps
  cleanup articles issue_dir/ -o articles.jsonl   articles as JSON Lines, continued ones stitched
  cleanup engine clean shards/ -o out/  JSONL/Parquet shards on a Dask cluster ([dask] extra)

An empty input gives empty output (exit 0); whitespace only gives empty output.
Exit codes: 0 done, 1 --check found changes, 2 usage or input error.
Ctrl-C or SIGTERM end a run at once (a shell sees 130 or 143); every output
is then complete or absent, and no temp file is left.
"""


def mode_from_flags(check: bool, diff: bool, explain: bool = False) -> Mode:
    """``--check``: write nothing, exit 1 on changes; ``--diff``: print a diff
    instead of the text; both: print the diff and exit 1 on changes."""
    return Mode(write=not (check or diff or explain), diff=diff, check=check, explain=explain)


# --- parsers -----------------------------------------------------------------------


def add_input_options(p: argparse.ArgumentParser) -> None:
    """The flags that say how to read text files and trees of them."""
    g = p.add_argument_group("input")
    g.add_argument("--encoding", default="utf-8", metavar="NAME|auto",
                   help="input encoding (default: utf-8; auto detects GB18030/GBK/Big5/UTF-16)")
    g.add_argument("--errors", choices=("strict", "replace"), default="strict",
                   help="undecodable bytes: stop with an error (strict, default) or replace "
                        "them with U+FFFD and record each as a change (replace)")
    g.add_argument("--glob", default="*.txt", metavar="PATTERN",
                   help="files to clean in a directory, recursively: names, or paths inside "
                        "it (default: *.txt)")
    g.add_argument("-j", "--jobs", type=positive_int, default=1, metavar="N",
                   help="clean a directory with N processes")


def clean_parser() -> Parser:
    p = Parser(prog="cleanup", description=DESCRIPTION,
               formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("input", metavar="INPUT", help="a text file, a directory, or - for stdin")
    p.add_argument("-o", "--output", metavar="PATH", help="write here (a directory for a directory; - for stdout)")
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
    p.add_argument("--text-field", metavar="NAME",
                   help="with --jsonl: the field to clean (default: text)")
    p.add_argument("--dedup-across", action="store_true",
                   help="directory runs: then drop paragraphs that repeat an earlier file's "
                        "(files in sorted order; each removal reported on stderr and "
                        "added to the file's --changes log)")
    p.add_argument("--version", action="version", version=f"cleanup {__version__}")
    add_rule_options(p)
    add_input_options(p)
    return p


def explain_parser() -> Parser:
    p = Parser(prog="cleanup explain", description="List every change cleaning would make, "
               "grouped by rule: PATH:LINE:COL RULE, then -before and +after.")
    p.add_argument("input", metavar="INPUT", help="a text file, a directory, or - for stdin")
    add_rule_options(p)
    add_input_options(p)
    return p


def restore_parser() -> Parser:
    p = Parser(prog="cleanup restore", description="Rebuild the raw input, byte for byte, "
               "from clean text and its change log.")
    p.add_argument("input", metavar="CLEAN", help="the clean text (- for stdin)")
    p.add_argument("--changes", required=True, metavar="PATH", help="its change log")
    p.add_argument("-o", "--output", metavar="PATH", help="write here (default, or -: stdout)")
    return p


def rules_parser() -> Parser:
    p = Parser(prog="cleanup rules", description="Check rule files of your own as the test suite "
               "checks the packaged ones: each example runs through its rule's stage and must give "
               "its output, undo back to its input and stay put when cleaned again; each keep "
               "must pass untouched.  One line per failure; exit 1 if any fails.")
    p.add_argument("action", choices=["check"], help="what to do (check)")
    p.add_argument("files", nargs="+", metavar="FILE", help="a rule file (TOML)")
    p.add_argument("--profile", default="zh-news", metavar="NAME|PATH",
                   help="the profile whose stages run the examples (default: zh-news)")
    p.add_argument("--disable", action="append", default=[], metavar="ID",
                   help="turn a rule off by id, as a run would (repeatable)")
    p.add_argument("--timeout", type=positive_float, default=2.0, metavar="SECONDS",
                   help="stop a rule's regex after this long on one example (default: 2)")
    return p


def engine_parser() -> Parser:
    p = Parser(prog="cleanup engine",
               description="Clean a directory of JSONL/Parquet shards on a Dask cluster: "
                           "OUT_DIR gets each shard (all fields kept) and NAME.changes.jsonl.")
    p.add_argument("action", choices=["clean"], help="what to do (clean)")
    p.add_argument("input", metavar="IN_DIR", help="directory of *.jsonl / *.parquet shards")
    p.add_argument("-o", "--output", required=True, metavar="OUT_DIR", help="write shards here")
    p.add_argument("--scheduler", metavar="ADDRESS",
                   help="an existing cluster's scheduler (tcp://host:8786); default: a local cluster")
    p.add_argument("--workers", type=positive_int, default=2, metavar="N",
                   help="processes of the local cluster (default: 2)")
    p.add_argument("--dedup-across", action="store_true",
                   help="also drop paragraphs that repeat an earlier document's")
    p.add_argument("--text-field", default="text", metavar="NAME",
                   help="the field to clean (default: text)")
    add_rule_options(p)
    return p


# --- flags to settings -----------------------------------------------------------------


def rule_settings(args: argparse.Namespace) -> dict[str, Any]:
    """The :class:`~cleanup.runner.CleanerSettings` fields the rule options give."""
    return {"profile": args.profile, "rules": tuple(args.rules), "disable": tuple(args.disable),
            "timeout": args.timeout}


def settings_from(args: argparse.Namespace, mode: Mode) -> Settings:
    return Settings(**rule_settings(args), mode=mode, encoding=args.encoding, errors=args.errors,
                    in_place=getattr(args, "in_place", False),
                    backup=not getattr(args, "no_backup", False),
                    dedup_across=getattr(args, "dedup_across", False))


JSONL_SUFFIXES = (".jsonl", ".ndjson")


def check_not_jsonl(args: argparse.Namespace, command: str) -> None:
    """A JSON Lines file cleaned as text would come out as one long line of
    broken JSON: without ``--jsonl``, a ``.jsonl`` input (or ``--glob``) is refused."""
    if args.input == "-":
        return
    if not Path(args.input).is_dir():
        if args.input.lower().endswith(JSONL_SUFFIXES):
            raise UsageError(f"a JSON Lines file, which {command} would clean as plain text "
                             "(add --jsonl to clean one field of each record)", args.input)
    elif args.glob.lower().endswith(JSONL_SUFFIXES):
        raise UsageError(f"--glob {args.glob!r} picks JSON Lines files, which a directory run "
                         "cleans as plain text (clean each with --jsonl, or the shards with "
                         "cleanup engine clean)", args.input)


def check_flags(args: argparse.Namespace, mode: Mode) -> None:
    args.text_field = text_field(args)
    if not args.jsonl:
        check_not_jsonl(args, "cleanup")
    if args.in_place and args.output:
        raise UsageError("--in-place and -o both name the output (use one)")
    if args.in_place and not mode.write:
        raise UsageError("--in-place writes; --check and --diff do not (drop one)")
    if args.no_backup and not args.in_place:
        raise UsageError("--no-backup only means something with --in-place")
    if args.in_place and args.input == "-":
        raise UsageError("stdin cannot be rewritten in place (use -o)")
    if args.output and not mode.write:
        raise UsageError("-o writes clean text; --check and --diff write none (drop one)")
    if args.jsonl and args.in_place:
        raise UsageError("--in-place is for text files, not --jsonl (use -o)")
    if args.dedup_across and not (args.output and Path(args.input).is_dir()):
        raise UsageError("--dedup-across needs a directory INPUT and -o DIR")
    if args.changes == "-":
        raise UsageError("--changes needs a file, not stdout: a change log's header is completed "
                         "at the end of the run (give a path)")


def check_directory_flags(args: argparse.Namespace, settings: Settings) -> None:
    """A directory INPUT: its outputs must be directories, and it needs one unless
    nothing is written or the files are rewritten in place."""
    if settings.mode.write and not (args.output or settings.in_place):
        raise UsageError("a directory needs -o DIR (or --in-place, --check, --diff)", args.input)
    for other in (args.output, args.changes):
        if other and Path(other).is_file():
            raise UsageError("for a directory input this must be a directory", str(Path(other)))


# --- commands --------------------------------------------------------------------------


def run_clean(argv: Sequence[str], explain: bool = False) -> int:
    args = (explain_parser() if explain else clean_parser()).parse_args(argv)
    if explain:
        args.output = args.changes = None
        args.in_place = args.no_backup = args.jsonl = args.force = False
        check_not_jsonl(args, "explain")
        mode = mode_from_flags(False, False, explain=True)
    else:
        mode = mode_from_flags(args.check, args.diff)
        check_flags(args, mode)
        args.output = stdout_or_path(args.output)
        if args.dedup_across:
            require("archive", "--dedup-across", ARCHIVE)
    check_encoding(args.encoding)
    settings = settings_from(args, mode)
    cleaner = settings.build_cleaner()
    check_before_a_run(cleaner, settings.rules)
    if args.jsonl:
        from .corpus import run_corpus  # only --jsonl needs it: not imported at every start-up

        check_collisions(*single_file_roles(args.input, args.output, args.changes, False, False))
        return run_corpus(args.input, args.output, args.changes, args.text_field, settings, cleaner)
    if args.input != "-" and Path(args.input).is_dir():
        check_directory_flags(args, settings)
        return run_directory(Path(args.input), Path(args.output) if args.output else None,
                             Path(args.changes) if args.changes else None, settings, cleaner,
                             args.glob, args.jobs, args.force)
    if args.input != "-" and not os.path.lexists(args.input):
        raise InputError("no such file or directory (check the path)", args.input)
    check_collisions(*single_file_roles(args.input, args.output, args.changes, settings.in_place,
                                        settings.backup))
    return run_single(args.input, args.output, args.changes, settings, cleaner)


def run_restore(argv: Sequence[str]) -> int:
    args = restore_parser().parse_args(argv)
    args.output = stdout_or_path(args.output)
    if args.output:
        inputs = [Role(Path(args.changes), f"the change log {args.changes}")]
        if args.input != "-":
            inputs.append(Role(Path(args.input), f"the clean text {args.input}"))
        check_collisions(inputs, [output_role(args.output)])
    with ExitStack() as stack:
        clean = sys.stdin.buffer if args.input == "-" else stack.enter_context(open(args.input, "rb"))
        log = stack.enter_context(open(args.changes, "rb"))
        out = stack.enter_context(atomic_output(Path(args.output))).file if args.output else stdout_bytes()
        restore(clean, log, out, "<stdin>" if args.input == "-" else args.input, args.changes)
    return EXIT_OK


def run_rules(argv: Sequence[str]) -> int:
    """``cleanup rules check FILE...``: every failing example or keep on a line
    of its own; exit 1 if any fails."""
    from .rulecheck import check_file

    args = rules_parser().parse_args(argv)
    failed = False
    for path in args.files:
        result = check_file(path, args.profile, args.disable, args.timeout)
        for f in result.failures:
            report(f.line())
        failed = failed or bool(result.failures)
        verdict = f"{len(result.failures)} failed" if result.failures else "all pass"
        report(f"{path}: {result.rules} rules, {result.examples} examples, {result.keeps} keeps "
               f"checked: {verdict}")
    return EXIT_CHANGED if failed else EXIT_OK


def run_engine(argv: Sequence[str]) -> int:
    """``cleanup engine clean IN_DIR -o OUT_DIR``: the engine is imported only here,
    so dask costs nothing to other commands."""
    args = engine_parser().parse_args(argv)
    require("dask", "cleanup engine", ENGINE)
    from .engine import Settings as EngineSettings, clean_command

    settings = EngineSettings(**rule_settings(args), text_field=args.text_field)
    if settings.rules:
        check_before_a_run(settings.build_cleaner(), settings.rules)
    return clean_command(Path(args.input), Path(args.output), settings, args.scheduler,
                         args.workers, args.dedup_across)


def run_review(argv: Sequence[str]) -> int:
    """``cleanup review``: imported only here (see ``cleanup.review``)."""
    from .review import run_review as review

    return review(argv)


ARTICLES = """\
Print the articles of newspaper pages, one record per article in reading order.

  cleanup articles page.txt                     JSON Lines on stdout
  cleanup articles issue_dir/ -o articles.jsonl an issue: continued articles stitched
  cleanup articles page.txt --format md         Markdown for people
  cleanup articles corpus.jsonl --jsonl --text-field text -o articles.jsonl

A record holds headline ("" when none), kicker, subheadlines, byline,
dateline, paragraphs, subheads, captions, credits, jump_to and jump_from
(page numbers), the folio's paper, date, page_no and section, the pages it
is printed on, and its source and span (start and end in the raw input).
A jump that leads to no page of a directory is named on stderr (exit 0).
"""


def articles_parser() -> Parser:
    p = Parser(prog="cleanup articles", description=ARTICLES,
               formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("input", metavar="INPUT", help="a page (text file), a directory of pages, or - for stdin")
    p.add_argument("-o", "--output", metavar="FILE", help="write here (default, or -: stdout)")
    p.add_argument("--format", choices=("jsonl", "md"), default="jsonl",
                   help="JSON Lines (default) or Markdown")
    p.add_argument("--jsonl", action="store_true", help="INPUT is JSON Lines: one page a record")
    p.add_argument("--text-field", metavar="NAME",
                   help="with --jsonl: the field holding a page (default: text)")
    p.add_argument("--dedup-across", action="store_true",
                   help="drop paragraphs that repeat an earlier article's (reported on stderr)")
    add_rule_options(p)
    g = p.add_argument_group("input")
    g.add_argument("--encoding", default="utf-8", metavar="NAME|auto",
                   help="input encoding (default: utf-8; auto detects GB18030/GBK/Big5/UTF-16)")
    g.add_argument("--errors", choices=("strict", "replace"), default="strict",
                   help="undecodable bytes: stop (strict, default) or replace them with U+FFFD")
    g.add_argument("--glob", default="*.txt", metavar="PATTERN",
                   help="pages to read in a directory, recursively (default: *.txt)")
    return p


def run_articles(argv: Sequence[str]) -> int:
    """``cleanup articles``: the run is imported only here (see ``cleanup.article_cli``)."""
    args = articles_parser().parse_args(argv)
    args.output = stdout_or_path(args.output)
    src = None if args.input == "-" else Path(args.input)
    if src is not None and not os.path.lexists(src):
        raise InputError("no such file or directory (check the path)", args.input)
    is_dir = src is not None and src.is_dir()
    if args.output and Path(args.output).is_dir():
        raise UsageError("-o names the file to write the articles to, not a directory", args.output)
    if args.jsonl and is_dir:
        raise UsageError("--jsonl reads one corpus file, not a directory", args.input)
    if args.dedup_across and not (is_dir or args.jsonl):
        raise UsageError("--dedup-across needs a directory of pages or a --jsonl corpus", args.input)
    args.text_field = text_field(args)
    check_encoding(args.encoding)
    if args.output and src is not None and not is_dir:
        check_collisions([Role(src, f"the input {args.input}")],
                         [output_role(args.output)])
    from .article_cli import run_articles as articles

    return articles(args)


COMMANDS: dict[str, Callable[[Sequence[str]], int]] = {
    "articles": run_articles,
    "restore": run_restore,
    "rules": run_rules,
    "explain": lambda argv: run_clean(argv, explain=True),
    "engine": run_engine,
    "review": run_review,
}


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line ``argv`` (default: ``sys.argv[1:]``); return the exit code.

    A first word ``restore``, ``explain``, ``rules`` or ``engine`` is a subcommand (a file
    of that name is ``./restore``).  Run as the program (``argv`` None), it
    ends by sparing the exiting interpreter its teardown (:func:`freeze_for_exit`).
    """
    as_program = argv is None
    argv = list(sys.argv[1:] if argv is None else argv)
    if sys.stdout is None:  # closed by the shell (>&-): an error only for a run that writes to it
        sys.stdout = ClosedStdout()
    previous = None
    # the engine's cluster is stopped by unwinding (Interrupted), not by a guard
    if not (as_program and argv[:1] != ["engine"] and guard.start()) \
            and threading.current_thread() is threading.main_thread():
        previous = {s: signal.signal(s, raise_interrupted) for s in (signal.SIGINT, signal.SIGTERM)}
    try:
        code = COMMANDS[argv[0]](argv[1:]) if argv and argv[0] in COMMANDS else run_clean(argv)
        sys.stdout.flush()  # what stdout still holds: a full disk behind it is an error, not text lost
        return code
    except SystemExit as e:  # --help, --version
        return e.code if isinstance(e.code, int) else EXIT_OK
    except BrokenPipeError:  # the reader of stdout went away: nothing to report
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return EXIT_OK
    except (KeyboardInterrupt, Interrupted) as e:
        report(INTERRUPTED)
        return EXIT_SIGNAL + (e.args[0] if isinstance(e, Interrupted) else signal.SIGINT)
    except OSError as e:  # writing stdout, say
        report(error_line(stdout_error(e)))
        return EXIT_ERROR
    except Exception as e:  # an input or usage error; a bug: one line, not a traceback
        report(error_line(e))
        return EXIT_ERROR
    finally:
        guard.finish()
        for s, handler in (previous or {}).items():
            signal.signal(s, handler)
        try:
            sys.stdout.flush()
        except (OSError, ValueError):
            pass
        if as_program:
            freeze_for_exit()


def freeze_for_exit() -> None:
    """Freeze every object the run made (:func:`gc.freeze`): the process is about
    to exit, and a last garbage collection would walk and tear down the modules,
    patterns and word lists, which takes as long as cleaning several pages.
    Every output is written and closed by now; the operating system frees the rest."""
    gc.freeze()
