"""Estimate how tall typeset blocks are, so that a page gets as much text as it has room for.

Heights are in CSS px for a body font of ``font_px`` and columns
``column_chars`` characters wide; ``devset.layout`` uses the same scales.
The estimate is rough (digits and Latin letters are narrower than Han
characters); what matters is that a page is filled to about its height.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from .page import Block

MARGIN = 40  # px around the page
HEAD_SCALE = 2.1  # lead headline, in body font sizes
COLUMN_HEAD_SCALE = 1.45  # in-column headline
SMALL_HEAD_SCALE = 1.15  # kicker, sub-headline


@dataclass(frozen=True)
class Metrics:
    font_px: float
    column_chars: int
    line_height: float
    indent: bool
    gap: float  # between columns, in body font sizes (narrow gaps make PDF readers mix columns)

    def lines(self, text: str, chars: float) -> int:
        return max(1, math.ceil(width(text) / max(chars, 1.0)))

    def block(self, b: Block) -> float:
        """Height in px of ``b`` set in one column."""
        chars = self.column_chars
        fs, lh = self.font_px, self.line_height
        if b.role == "photo":
            return float(b.style["height"]) * fs * 1.5 + fs * 0.8
        if b.role == "headline":
            return self.lines(b.printed, chars / COLUMN_HEAD_SCALE) * fs * COLUMN_HEAD_SCALE * 1.3 + fs * 1.2
        if b.role in ("kicker", "subheadline"):
            return self.lines(b.printed, chars / SMALL_HEAD_SCALE) * fs * SMALL_HEAD_SCALE * lh + fs * 0.4
        indent = "\u3000\u3000" if self.indent and b.role == "paragraph" else ""
        return self.lines(indent + b.printed, chars) * fs * lh + (fs * 0.45 if b.role != "paragraph" else 0)

    def columns(self, blocks: list[Block], columns: int) -> float:
        """Height of ``blocks`` flowing through ``columns`` balanced columns."""
        heights = [self.block(b) for b in blocks]
        stiff = [h for b, h in zip(blocks, heights) if b.role in ("photo", "headline")]
        return sum(heights) / columns + max(stiff, default=0) / 2 + self.font_px * self.line_height

    def spanning(self, b: Block, chars: float) -> float:
        """Height of a lead kicker, headline or sub-headline set across ``chars`` characters."""
        scale = HEAD_SCALE if b.role == "headline" else SMALL_HEAD_SCALE
        return self.lines(b.printed, chars / scale) * self.font_px * scale * 1.3 + self.font_px * 0.6


def page_width(columns: int, m: Metrics) -> int:
    """Width in px of a page of ``columns`` columns."""
    gap = m.font_px * m.gap
    return int(columns * m.column_chars * m.font_px + (columns - 1) * gap + 2 * MARGIN + 2)


def width(text: str) -> float:
    """Display width in body characters (ASCII about half a character)."""
    return sum(0.55 if c < "\u0100" else 1.0 for c in text)
