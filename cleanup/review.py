"""``cleanup review``: see every change in the browser, for one page or a whole run.

::

  cleanup review PAGE.txt -o review.html [--changes PAGE.changes.jsonl]
  cleanup review RAW_DIR/ -o report/ [--changes LOG_DIR/]
  cleanup review CORPUS.jsonl --jsonl -o report/ [--changes CORPUS.changes.jsonl]

With ``--changes`` the changes come from the logs a cleaning run wrote
(nothing is cleaned again); without, the input is cleaned here.  A page is
one HTML file with its style and script inline: no server, no network.  A
directory or corpus gives ``report/index.html`` and one page per document
under ``report/pages/``.
"""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Callable, Iterator, Sequence
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING
from urllib.parse import quote

from .errors import CleanupError, InputError, UsageError
from .io import atomic_output, sweep_temp_files, temp_path, walk
from .options import Parser, add_rule_options, check_encoding, stdout_or_path
from .outputs import Role, check_collisions, output_role
from .review_index import PageSummary, render_index, summarize
from .review_page import render_page, summary_line
from .review_replay import ReviewDoc, clean_text, replay
from .review_sources import (
    doc_by_cleaning,
    doc_from_log,
    jsonl_by_cleaning,
    jsonl_from_log,
)

if TYPE_CHECKING:
    from .pipeline import Cleaner

PAGES = "pages"  # folder of the per-document pages in a report
LOG_SUFFIX = ".changes.jsonl"  # a directory run's log of RAW_DIR/a/b.txt is LOG_DIR/a/b.changes.jsonl


def review_parser() -> Parser:
    p = Parser(prog="cleanup review", formatter_class=argparse.RawDescriptionHelpFormatter,
               description="Show every change of a page, or of a whole run, as static HTML "
               "(one self-contained file per page; no server, no network).",
               epilog="examples:\n"
               "  cleanup review page.txt -o review.html\n"
               "  cleanup review page.txt --changes page.changes.jsonl -o review.html\n"
               "  cleanup review raw/ --changes logs/ -o report/     (then open report/index.html)\n"
               "  cleanup review corpus.jsonl --jsonl --changes corpus.changes.jsonl -o report/")
    p.add_argument("input", metavar="INPUT", help="a text file, a directory, or with --jsonl a corpus")
    p.add_argument("-o", "--output", metavar="PATH",
                   help="the HTML file (default, or -: stdout); a directory for a directory or corpus")
    p.add_argument("--changes", metavar="PATH",
                   help="the change log(s) a cleaning run wrote (for a directory, its --changes "
                        "directory): review them instead of cleaning again")
    p.add_argument("--jsonl", action="store_true", help="INPUT is JSON Lines: one page per record")
    p.add_argument("--text-field", default="text", metavar="NAME",
                   help="with --jsonl and no log: the field to clean (default: text)")
    p.add_argument("--glob", default="*.txt", metavar="PATTERN",
                   help="files to review in a directory, recursively (default: *.txt)")
    g = add_rule_options(p, "cleaning (without --changes)")
    g.add_argument("--encoding", default="utf-8", metavar="NAME|auto", help="input encoding (default: utf-8)")
    g.add_argument("--errors", choices=("strict", "replace"), default="strict",
                   help="undecodable bytes: an error (default), or U+FFFD, recorded")
    return p


def run_review(argv: Sequence[str]) -> int:
    """Run ``cleanup review ARGV``; returns the exit code (2 if a page failed)."""
    args = review_parser().parse_args(argv)
    src = Path(args.input)
    output = stdout_or_path(args.output)
    check_encoding(args.encoding)
    if not src.exists():
        raise InputError("no such file or directory (check the path)", args.input)
    if output and not args.jsonl and not src.is_dir():
        inputs = [Role(src, f"the input {args.input}")]
        if args.changes:
            inputs.append(Role(Path(args.changes), f"the change log {args.changes}"))
        check_collisions(inputs, [output_role(output)])
    if args.jsonl or src.is_dir():
        if not output:
            raise UsageError("a directory or --jsonl corpus needs -o DIR for its report", args.input)
        out = Path(output)
        if out.is_file():
            raise UsageError("the report is a directory, and this is a file", output)
        if args.changes and not args.jsonl and not Path(args.changes).is_dir():
            raise UsageError("for a directory, --changes names the directory of its logs", args.changes)
        docs = jsonl_docs(args, src) if args.jsonl else directory_docs(args, src, out)
        return write_report(docs, out, str(src))
    doc = doc_from_log(src, Path(args.changes)) if args.changes else \
        doc_by_cleaning(src, build_cleaner(args), args.encoding, args.errors)
    html = review_html(doc)[0]
    if output:
        with atomic_output(Path(output)) as f:
            f.write(html.encode("utf-8", "backslashreplace"))
    else:
        sys.stdout.flush()
        sys.stdout.buffer.write(html.encode("utf-8", "backslashreplace"))
    return 0


def build_cleaner(args: argparse.Namespace) -> Cleaner:
    from .pipeline import Cleaner  # imported only when cleaning: reviewing logs needs no rules

    return Cleaner(args.profile, args.rules, args.disable, args.timeout)


def review_html(doc: ReviewDoc, href: str = "", index_href: str | None = None,
                label: str = "") -> tuple[str, PageSummary]:
    """The page of ``doc`` and its summary for the index."""
    runs = replay(doc)
    summary = summarize(doc, runs, href, label)
    text = clean_text(runs)
    line = summary_line(len(doc.changes) - summary.suspects, summary.removed, len(doc.raw), len(text))
    return render_page(doc, runs, line, index_href, role_labels(text, doc.raw)), summary


def role_labels(text: str, raw: str) -> list[str]:
    """The role of each paragraph of the clean ``text`` of the page ``raw`` (headline,
    byline, caption...), as the articles view reads it; '' for body text, which
    needs no label."""
    from .articles import page_roles
    from .roles import Role

    return ["" if role == str(Role.BODY) else role for role in page_roles(text, raw)]


# --- sources of a report ---------------------------------------------------------

Source = Callable[[], ReviewDoc]  # makes one document (reads its log, or cleans it)
Entry = tuple[str, str, str, Source]  # name, label in the index, page path in the report, source


def directory_docs(args: argparse.Namespace, root: Path, out: Path) -> Iterator[Entry]:
    """An entry for each file of the tree, labelled by its path in the tree."""
    logs = Path(args.changes) if args.changes else None
    exclude = [p.resolve() for p in (out, logs) if p is not None]
    cleaner = None
    tree = walk(root, args.glob)
    for rel in tree.files:
        if any((root / rel).resolve().is_relative_to(x) for x in exclude):
            continue
        src = root / rel
        name = str(src)
        page = f"{PAGES}/{rel.as_posix()}.html"
        if logs is not None:
            log = logs / rel.with_suffix(LOG_SUFFIX)
            yield name, rel.as_posix(), page, partial(from_log_checked, src, log, name)
        else:
            cleaner = cleaner or build_cleaner(args)
            yield name, rel.as_posix(), page, partial(doc_by_cleaning, src, cleaner, args.encoding,
                                                      args.errors, name)
    for e in tree.unreadable:  # its files are not read: listed as failed, not skipped unseen
        yield e.where, Path(e.where).relative_to(root).as_posix(), "", partial(fail, e.where, e.message)


def from_log_checked(src: Path, log: Path, name: str) -> ReviewDoc:
    if not log.is_file():
        raise InputError(f"no change log {log} (clean with --changes into that directory, "
                         "or review without --changes)", name)
    return doc_from_log(src, log, name)


def jsonl_docs(args: argparse.Namespace, corpus: Path) -> Iterator[Entry]:
    """An entry for each record of a corpus, labelled ``line N``."""
    docs = jsonl_from_log(corpus, Path(args.changes)) if args.changes else \
        jsonl_by_cleaning(corpus, args.text_field, build_cleaner(args))
    for item in docs:
        name = item.name if isinstance(item, ReviewDoc) else item[0]
        number = int(name.rsplit(":", 1)[1])
        if isinstance(item, ReviewDoc):
            yield name, f"line {number}", f"{PAGES}/record-{number:07d}.html", partial(given, item)
        else:
            yield name, f"line {number}", "", partial(fail, name, item[1])


def given(doc: ReviewDoc) -> ReviewDoc:
    return doc


def fail(name: str, error: str) -> ReviewDoc:
    raise InputError(error, name)


# --- writing ---------------------------------------------------------------------


def write_report(docs: Iterator[Entry], out: Path, title: str) -> int:
    """A page per document, then the index; a document that fails is listed, not fatal."""
    sweep_temp_files(out)
    summaries: list[PageSummary] = []
    for name, label, page, make in docs:
        try:
            doc = make()
            depth = page.count("/")
            html, summary = review_html(doc, quote(page), "../" * depth + "index.html", label)
            write_file(out / page, html)
        except Exception as e:  # a bad log or a bug must not stop the report: list it, go on
            summaries.append(PageSummary(name, label=label, error=describe(e, name)))
            report(f"cleanup: error: {name}: {summaries[-1].error}")
            continue
        summaries.append(summary)
    write_file(out / "index.html", render_index(title, summaries))
    failed = sum(1 for s in summaries if s.error)
    report(f"{len(summaries) - failed} pages reviewed, {failed} failed: {out / 'index.html'}")
    return 2 if failed else 0


def describe(e: Exception, name: str) -> str:
    """What went wrong with one document, in a line (its name given apart)."""
    if isinstance(e, CleanupError):
        if e.where.startswith(f"{name}:"):  # a place in the document: its line and column
            return f"{e.where[len(name) + 1:]}: {e.message}"
        return e.message if e.where in ("", name) else str(e)
    if isinstance(e, OSError):
        return f"{(e.strerror or str(e)).lower()}: {e.filename}" if e.filename else str(e)
    if isinstance(e, UnicodeError):
        return f"{e} (check --encoding)"
    return f"internal error {type(e).__name__}: {e} (a bug: please report it with this input)"


def write_file(path: Path, html: str) -> None:
    """Write ``path`` through a temp file renamed into place: never half a page.

    Unlike the clean text's outputs, not synced to disk one by one: a report
    is hundreds of pages, rebuilt in seconds from the logs.
    """
    path.parent.mkdir(parents=True, exist_ok=True)
    if path.is_dir():
        raise InputError("is a directory, not a file to write (give a file path)", str(path))
    tmp = temp_path(path)
    try:
        tmp.write_bytes(html.encode("utf-8", "backslashreplace"))
        os.replace(tmp, path)
    finally:
        tmp.unlink(missing_ok=True)


def report(line: str) -> None:
    print(line, file=sys.stderr)
