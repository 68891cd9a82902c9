"""``cleanup articles``: the articles of a page, of an issue or of a corpus.

A file gives its page's articles; a directory is read as the pages of one
issue (or of several: pages group by paper and date) and continued articles
are stitched across them; a ``--jsonl`` corpus gives the articles of each
record's text field.  Records go out as JSON Lines (``--format jsonl``) or
Markdown (``--format md``), to stdout or, written whole or not at all, to
``-o FILE``.  The flags are parsed and checked in :mod:`cleanup.cli`.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Iterable, Iterator, Sequence
from contextlib import ExitStack
from pathlib import Path
from typing import TYPE_CHECKING, BinaryIO

from .article_format import to_jsonl, to_markdown
from .articles import Article, CleanPage, page_articles
from .document import Change, Step, steps_from_changes
from .io import Chunk, RawReader, atomic_output, clean_chunks, clean_record_text, walk
from .pipeline import Cleaner
from .report import EXIT_ERROR, EXIT_OK, error_line, located, report
from .runner import CleanerSettings, stdout_bytes
from .shape import load_shape

if TYPE_CHECKING:
    from .corpus import Fate

# --- reading pages -------------------------------------------------------------------


def page_of_chunks(chunks: Iterable[Chunk]) -> CleanPage:
    """A page cleaned chunk by chunk (:func:`cleanup.io.clean_chunks`), whole: its
    changes placed in the whole raw input, each chunk a segment of the mapping."""
    raws: list[str] = []
    cleans: list[str] = []
    changes: list[Change] = []
    segments: list[tuple[int, int, list[Step]]] = []
    for ch in chunks:
        raws.append(ch.raw)
        cleans.append(ch.clean)
        changes += [c._replace(start=c.start + ch.start, end=c.end + ch.start) for c in ch.changes]
        segments.append((ch.clean_start, ch.start, steps_from_changes(ch.changes)))
    return CleanPage("".join(raws), "".join(cleans), changes, segments or [(0, 0, [])])


def read_page(path: Path | None, name: str, cleaner: Cleaner, encoding: str, errors: str) -> CleanPage:
    """Clean one page file (``None``: stdin), chunk by chunk as cleaning does."""
    with ExitStack() as stack:
        stream = sys.stdin.buffer if path is None else stack.enter_context(open(path, "rb"))
        reader = RawReader(stream, encoding, name)
        return page_of_chunks(clean_chunks(reader, cleaner, errors))


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
    """Each record's page (``NAME:LINE``), or None after reporting a bad record;
    a file whose first records all fail is one error (:func:`cleanup.corpus.on_probation`)."""
    from .corpus import on_probation

    for where, page, error in on_probation(record_pages(path, name, field, cleaner), name, field):
        if error:
            report(error)
        yield where, page


def record_pages(path: Path | None, name: str, field: str,
                 cleaner: Cleaner) -> Iterator[tuple[tuple[str, CleanPage | None, str], Fate]]:
    """Each record's ``(NAME:LINE, page, "")``, or ``(NAME:LINE, None, error line)``,
    with its fate (:attr:`cleanup.corpus.Parsed.fate`); blank lines are left out."""
    from .corpus import parse_record

    with ExitStack() as stack:
        stream = sys.stdin.buffer if path is None else stack.enter_context(open(path, "rb"))
        for number, line in enumerate(stream, 1):
            where = f"{name}:{number}"
            parsed = parse_record(line, field, fate="skipped: no article comes of it")
            if parsed.record is None:
                if parsed.reason:
                    yield (where, None, located(where, parsed.reason)), parsed.fate
                continue
            try:
                doc = clean_record_text(parsed.record[field], cleaner, where)
            except Exception as e:
                yield (where, None, error_line(e, where)), parsed.fate
                continue
            yield (where, CleanPage.from_changes(doc.raw, doc.text, doc.changes), ""), parsed.fate


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


def run_articles(args: argparse.Namespace) -> int:
    """Run ``cleanup articles`` with the flags :func:`cleanup.cli.articles_parser`
    parsed and checked; returns the exit code."""
    src = None if args.input == "-" else Path(args.input)
    settings = CleanerSettings(args.profile, tuple(args.rules), tuple(args.disable), args.timeout)
    cleaner = settings.build_cleaner()
    name = "<stdin>" if src is None else args.input
    many = args.jsonl or (src is not None and src.is_dir())
    failed = False
    if args.jsonl:
        pages = corpus_pages(src, name, args.text_field, cleaner)
    elif src is not None and src.is_dir():
        tree = walk(src, args.glob)
        files = [(src / rel, str(src / rel)) for rel in tree.files]
        for e in tree.unreadable:
            report(error_line(e))
            failed = True
        pages = file_pages(files, cleaner, args.encoding, args.errors)
    else:
        pages = file_pages([(src, name)], cleaner, args.encoding, args.errors)
    articles: list[Article] = []
    shape = load_shape(cleaner.profile.shape)
    for source, page in pages:
        if page is None:
            failed = True
        else:
            articles += page_articles(page, source, shape=shape)
    if many:
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
