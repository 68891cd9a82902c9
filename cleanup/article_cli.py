"""``cleanup articles``: the articles of a page, of an issue or of a corpus.

A file gives its page's articles; a directory is read as the pages of one
issue (or of several: pages group by paper and date) and continued articles
are stitched across them; a ``--jsonl`` corpus gives the articles of each
record's text field.  Records go out as JSON Lines (``--format jsonl``) or
Markdown (``--format md``), to stdout or, written whole or not at all, to
``-o FILE``.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Iterator, Sequence
from contextlib import ExitStack
from pathlib import Path
from typing import BinaryIO

from .article_format import to_jsonl, to_markdown
from .articles import Article, CleanPage, page_articles
from .errors import InputError
from .io import RawReader, atomic_output, clean_chunks, clean_record_text, walk
from .pipeline import Cleaner
from .report import EXIT_ERROR, EXIT_OK, error_line, report
from .runner import CleanerSettings, stdout_bytes

DESCRIPTION = """\
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


def articles_parser() -> argparse.ArgumentParser:
    from .cli import Parser, add_rule_options

    p = Parser(prog="cleanup articles", description=DESCRIPTION,
               formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("input", metavar="INPUT", help="a page (text file), a directory of pages, or - for stdin")
    p.add_argument("-o", "--output", metavar="FILE", help="write here (default: stdout)")
    p.add_argument("--format", choices=("jsonl", "md"), default="jsonl",
                   help="JSON Lines (default) or Markdown")
    p.add_argument("--jsonl", action="store_true", help="INPUT is JSON Lines: one page a record")
    p.add_argument("--text-field", default="text", metavar="NAME",
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


# --- reading pages -------------------------------------------------------------------


def read_page(path: Path | None, name: str, cleaner: Cleaner, encoding: str, errors: str) -> CleanPage:
    """Clean one page file (``None``: stdin), chunk by chunk as cleaning does."""
    with ExitStack() as stack:
        stream = sys.stdin.buffer if path is None else stack.enter_context(open(path, "rb"))
        reader = RawReader(stream, encoding, name)
        return CleanPage.from_chunks(clean_chunks(reader, cleaner, errors))


def file_pages(paths: Sequence[tuple[Path | None, str]], cleaner: Cleaner, encoding: str,
               errors: str) -> Iterator[tuple[str, CleanPage | None]]:
    """Each file's clean page, or None after reporting why it failed."""
    for path, name in paths:
        try:
            yield name, read_page(path, name, cleaner, encoding, errors)
        except Exception as e:  # one broken page never stops the others
            report(error_line(e, name))
            yield name, None


def corpus_pages(path: Path | None, name: str, field: str,
                 cleaner: Cleaner) -> Iterator[tuple[str, CleanPage | None]]:
    """Each record's page (``NAME:LINE``), or None after reporting a bad record."""
    from .corpus import parse_record

    with ExitStack() as stack:
        stream = sys.stdin.buffer if path is None else stack.enter_context(open(path, "rb"))
        for number, line in enumerate(stream, 1):
            where = f"{name}:{number}"
            record, error = parse_record(line, where, field)
            if record is None:
                if error:
                    report(error)
                    yield where, None
                continue
            try:
                doc = clean_record_text(record[field], cleaner, where)
            except Exception as e:
                report(error_line(e, where))
                yield where, None
                continue
            yield where, CleanPage.from_changes(doc.raw, doc.text, doc.changes)


# --- archive-wide steps --------------------------------------------------------------


def dedup_articles(articles: list[Article]) -> list[Article]:
    """Drop paragraphs that repeat an earlier article's (the earliest copy stays),
    and an article left without paragraphs; report each on stderr."""
    from .archive import ArchiveDeduper

    deduper = ArchiveDeduper()
    kept: list[Article] = []
    for n, a in enumerate(articles):
        name = f"{a.source} “{a.headline}”" if a.headline else f"{a.source} article {n + 1}"
        removals = deduper.add(name, a.paragraphs)
        for r in removals:
            report(f"cleanup: dedup-across: {name}: paragraph {r.index + 1} dropped, {r.note}")
        drop = {r.index for r in removals}
        if drop:
            a.paragraphs = [p for i, p in enumerate(a.paragraphs) if i not in drop]
            a.subheads = [s for s in a.subheads if s in a.paragraphs]
            if not a.paragraphs:
                report(f"cleanup: dedup-across: {name}: every paragraph repeats; article dropped")
                continue
        kept.append(a)
    return kept


def write_articles(out: BinaryIO, articles: Sequence[Article], fmt: str) -> None:
    for n, a in enumerate(articles):
        if fmt == "md":
            out.write((("\n---\n\n" if n else "") + to_markdown(a)).encode("utf-8"))
        else:
            out.write(to_jsonl(a))


# --- the command ---------------------------------------------------------------------


def run_articles(argv: Sequence[str]) -> int:
    from .cli import UsageError

    args = articles_parser().parse_args(argv)
    src = None if args.input == "-" else Path(args.input)
    is_dir = src is not None and src.is_dir()
    if src is not None and not src.exists() and not src.is_symlink():
        raise InputError("no such file or directory (check the path)", args.input)
    if args.output and Path(args.output).is_dir():
        raise UsageError("-o names the file to write the articles to, not a directory", args.output)
    if args.jsonl and is_dir:
        raise UsageError("--jsonl reads one corpus file, not a directory", args.input)
    if args.dedup_across and not (is_dir or args.jsonl):
        raise UsageError("--dedup-across needs a directory of pages or a --jsonl corpus", args.input)
    settings = CleanerSettings(args.profile, tuple(args.rules), tuple(args.disable), args.timeout)
    cleaner = settings.build_cleaner()
    name = "<stdin>" if src is None else args.input
    if args.jsonl:
        pages = corpus_pages(src, name, args.text_field, cleaner)
    elif is_dir:
        assert src is not None
        files = [(src / rel, str(src / rel)) for rel in walk(src, args.glob)]
        pages = file_pages(files, cleaner, args.encoding, args.errors)
    else:
        pages = file_pages([(src, name)], cleaner, args.encoding, args.errors)
    failed = False
    articles: list[Article] = []
    for source, page in pages:
        if page is None:
            failed = True
        else:
            articles += page_articles(page, source)
    if is_dir or args.jsonl:
        from .stitch import stitch

        articles, loose = stitch(articles)
        for jump in loose:
            report(f"cleanup: articles: {jump.message()}")
    if args.dedup_across:
        articles = dedup_articles(articles)
    with ExitStack() as stack:
        out = stack.enter_context(atomic_output(Path(args.output))).file if args.output else stdout_bytes()
        write_articles(out, articles, args.format)
    return EXIT_ERROR if failed else EXIT_OK
