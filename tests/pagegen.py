"""Generate broken newspaper pages from clean paragraphs, the way the samples break.

Clean paragraphs come from the gold pages. A page is a few articles, each
a headline (sometimes with a ``——`` sub-headline) and its body paragraphs,
laid out like one of the samples:

* ``wrapped`` (like sample 001): every body paragraph hard-wrapped at a
  column width of 12-20 cells, its first line indented by two cells (the
  indent itself lost in extraction); paragraphs separated by a blank line
  or not; column breaks that leave a blank line between two lines of a
  paragraph;
* ``unwrapped`` (like samples 000, 002-004): one paragraph per line, every
  line separated by a blank line, and column or page breaks that cut a
  paragraph in two at any character, mid-word included.

Each page comes with its clean paragraphs and the right decision for every
line break, so a test can measure join/break accuracy.
"""

from __future__ import annotations

import random
from dataclasses import dataclass, field
from pathlib import Path

import regex

GOLD = Path(__file__).parent / "data" / "gold"
SENTENCE_END = regex.compile(r"[。！？…][”’）]*$")


@dataclass
class Page:
    raw: str
    paragraphs: list[str]
    # for each line break in ``raw`` (offset of the line end before it): True = join
    joins: dict[int, bool] = field(default_factory=dict)
    headline_ends: set[int] = field(default_factory=set)  # breaks right after a headline


def load_corpus() -> tuple[list[str], list[str]]:
    """Headlines and body paragraphs of the gold pages."""
    heads: list[str] = []
    bodies: list[str] = []
    for f in sorted(GOLD.glob("*.txt")):
        for p in f.read_text(encoding="utf-8").split("\n"):
            p = p.strip()
            if not p:
                continue
            if SENTENCE_END.search(p) and len(p) >= 30:
                bodies.append(p)
            elif len(p) <= 30 and not regex.search(r"[，。；]", p) and not p.startswith(("本报记者", "（")):
                heads.append(p)
    return heads, bodies


def cell_width(c: str) -> float:
    return 0.5 if c < "\u0080" else 1.0


def wrap(text: str, width: int, indent: int = 2) -> list[str]:
    """Cut ``text`` into lines of ``width`` cells; the first is ``indent`` cells shorter."""
    lines: list[str] = []
    line = ""
    room = width - indent
    used = 0.0
    for c in text:
        w = cell_width(c)
        if used + w > room and line:
            lines.append(line)
            line, used, room = "", 0.0, width
        line += c
        used += w
    if line:
        lines.append(line)
    return lines


class _Writer:
    """Builds the raw text and records the right decision for each break."""

    def __init__(self) -> None:
        self.parts: list[str] = []
        self.length = 0
        self.joins: dict[int, bool] = {}
        self.headline_ends: set[int] = set()
        self.pending: tuple[bool, bool] | None = None  # (join, after headline) of the next break

    def line(self, text: str, join_before: bool | None, after_headline: bool = False, blank: bool = True) -> None:
        if self.parts:
            end = self.length
            self.joins[end] = bool(join_before)
            if after_headline:
                self.headline_ends.add(end)
            sep = "\n\n" if blank else "\n"
            self.parts.append(sep)
            self.length += len(sep)
        self.parts.append(text)
        self.length += len(text)

    def text(self) -> str:
        return "".join(self.parts) + "\n"


def make_page(rng: random.Random, heads: list[str], bodies: list[str], layout: str) -> Page:
    w = _Writer()
    paragraphs: list[str] = []
    width = rng.randint(12, 20)
    blank_between = rng.random() < 0.7
    after_headline = False
    for _ in range(rng.randint(1, 3)):
        head = rng.choice(heads)
        w.line(head, join_before=False, after_headline=after_headline)
        paragraphs.append(head)
        after_headline = True
        for para in rng.sample(bodies, rng.randint(1, 4)):
            paragraphs.append(para)
            if layout == "wrapped":
                lines = wrap(para, width)
                cut = rng.randrange(1, len(lines)) if len(lines) > 1 and rng.random() < 0.25 else -1
                for k, ln in enumerate(lines):
                    if k == 0:
                        w.line(ln, join_before=False, after_headline=after_headline,
                               blank=blank_between or after_headline)
                    else:
                        w.line(ln, join_before=True, blank=(k == cut))
                    after_headline = False
            else:
                pieces = [para]
                if rng.random() < 0.3:
                    at = rng.randrange(8, len(para) - 2)
                    pieces = [para[:at], para[at:]]
                for k, piece in enumerate(pieces):
                    w.line(piece, join_before=k > 0, after_headline=after_headline and k == 0)
                    after_headline = False
    return Page(w.text(), paragraphs, w.joins, w.headline_ends)


def make_pages(n: int, seed: int = 20261122) -> list[tuple[str, Page]]:
    rng = random.Random(seed)
    heads, bodies = load_corpus()
    return [
        (layout, make_page(rng, heads, bodies, layout))
        for layout in ("wrapped", "unwrapped")
        for _ in range(n // 2)
    ]
