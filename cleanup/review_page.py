"""One document's review page: the clean text as paragraphs, every change marked in place.

Each change appears in the page as one or more *parts*, elements that carry
``data-c`` (its id: its index in the change log's order).  Its first part
also carries ``id="cN"``, ``data-rule`` and ``tabindex``: that is the change,
once, for a reader, a keyboard and a test.  Removed text is ``<del>``,
written text ``<ins>``, a kept suspect ``<mark>``; text written by one change
and removed by a later one is an ``<ins>`` inside a ``<del>``.  The details
(rule, note, raw context) are in one JSON block that the script shows on
hover or focus.

Paragraphs may carry a *role* (headline, byline, caption, credit...), shown
as a label: the line roles of :mod:`cleanup.roles` read from the clean text.
"""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Sequence
from html import escape
from typing import Union

import regex

from .document import Change
from .linecol import LineIndex
from .review_assets import BASE_CSS, PAGE_CSS, PAGE_JS
from .review_replay import NONE, ReviewDoc, Run, merged

CONTEXT = 30  # raw characters shown each side of a change
Item = Union[Run, int]  # a run of text, or the id of a change that wrote a paragraph break


# a line break, or a character str.isprintable() refuses (other, separator: the space too)
_INVISIBLE = regex.compile(r"\r\n?|[\p{C}\p{Z}]")
_MARK_SYMBOLS = {"\r\n": "↵", "\r": "↵", "\n": "↵", "\t": "⇥"}


def mark_text(s: str) -> str:
    """Removed text made visible in the flow: line breaks as ↵, spaces as ␣,
    invisible characters as ¤ (the details show them exactly).

    >>> mark_text("2月 11日\\u200b\\r\\n")
    '2月␣11日¤↵'
    """
    return _INVISIBLE.sub(_mark_symbol, s)


def _mark_symbol(m: regex.Match[str]) -> str:
    c = m.group()
    return _MARK_SYMBOLS.get(c) or ("␣" if c.isspace() else "¤")


def exact_text(s: str) -> str:
    """Text for the details: line breaks as ↵, spaces as ␣, every other
    invisible character by its code point, an undecodable byte by its value.

    >>> exact_text("\\u3000会议 \\udcff\\n")
    '⟨U+3000⟩会议␣⟨byte FF⟩↵'
    """
    return _INVISIBLE.sub(_exact_symbol, s)


def _exact_symbol(m: regex.Match[str]) -> str:
    c = m.group()
    if c[0] in "\r\n":
        return "↵"
    if c == " ":
        return "␣"
    n = ord(c)
    return f"⟨byte {n - 0xDC00:02X}⟩" if 0xDC80 <= n <= 0xDCFF else f"⟨U+{n:04X}⟩"


def is_break(s: str) -> bool:
    """Whether removed text is only a line break (and the blanks around it).

    >>> is_break(" \\n\\n"), is_break("\\n标题\\n")
    (True, False)
    """
    return ("\n" in s or "\r" in s) and not s.strip(" \t\r\n\u3000")


# --- paragraphs ------------------------------------------------------------------


def paragraphs(runs: list[Run]) -> list[tuple[str, list[Item]]]:
    """The runs cut into blocks at the clean text's line breaks: ``("p", items)``
    for a paragraph, ``("gone", items)`` for one that cleaning removed whole.

    A paragraph break that a change wrote is kept as that change's id, to be
    shown as ¶.  Removed text at the edge of a paragraph that holds a line
    break and more than blanks is a removed paragraph of its own.
    """
    lines: list[list[Item]] = [[]]
    for r in merged(runs):
        if r.removed_by != NONE or "\n" not in r.text:
            lines[-1].append(r)
            continue
        for k, piece in enumerate(r.text.split("\n")):
            if k:
                if k == 1 and r.made_by != NONE:
                    lines[-1].append(r.made_by)
                lines.append([])
            if piece:
                lines[-1].append(r._replace(text=piece))
    blocks: list[tuple[str, list[Item]]] = []
    for items in lines:
        blocks.extend(split_removed(items))
    return blocks


def _removed(item: Item) -> bool:
    return isinstance(item, Run) and item.removed_by != NONE


def split_removed(items: list[Item]) -> list[tuple[str, list[Item]]]:
    """One line of the clean text as blocks: removed paragraphs at its edges apart."""
    if not items:
        return []
    if all(_removed(i) for i in items):
        return [("gone", items)]
    head = 0
    while _removed(items[head]):
        head += 1
    tail = len(items)
    while _removed(items[tail - 1]):
        tail -= 1
    blocks: list[tuple[str, list[Item]]] = []
    if head and _is_paragraph(items[:head]):
        blocks.append(("gone", items[:head]))
    else:
        head = 0
    rest = items[head:]
    if tail < len(items) and _is_paragraph(items[tail:]):
        blocks += [("p", items[head:tail]), ("gone", items[tail:])]
    else:
        blocks.append(("p", rest))
    return blocks


def _is_paragraph(items: list[Item]) -> bool:
    text = "".join(i.text for i in items if isinstance(i, Run))
    return "\n" in text and bool(text.strip())


# --- HTML ------------------------------------------------------------------------


class Marker:
    """Writes the parts of changes; the first part of each is the change itself."""

    def __init__(self, changes: Sequence[Change]) -> None:
        self.changes = changes
        self.done: set[int] = set()

    def part(self, tag: str, cls: str, cid: int, inner: str) -> str:
        if cid in self.done:
            return f'<{tag} class="{cls}" data-c="{cid}">{inner}</{tag}>'
        self.done.add(cid)
        rule = escape(self.changes[cid].rule)
        return (f'<{tag} class="{cls}" data-c="{cid}" id="c{cid}" data-rule="{rule}" '
                f'tabindex="0">{inner}</{tag}>')

    def joins(self, run: Run) -> bool:
        """Whether removed text is a line break its change joined (wrote no break instead)."""
        return is_break(run.text) and "\n" not in self.changes[run.removed_by].after

    def items(self, items: list[Item]) -> str:
        out: list[str] = []
        for item in items:
            if isinstance(item, int):
                out.append(self.part("ins", "m b", item, "¶"))
                continue
            if item.removed_by == NONE and item.made_by == NONE and item.flagged_by == NONE:
                out.append(escape(item.text))
                continue
            removed = item.removed_by != NONE
            html = escape(mark_text(item.text) if removed else item.text)
            if item.flagged_by != NONE:
                html = self.part("mark", "m s", item.flagged_by, html)
            if item.made_by != NONE:
                html = self.part("ins", "m", item.made_by, html)
            if removed:
                html = self.part("del", "m j" if self.joins(item) else "m", item.removed_by, html)
            out.append(html)
        return "".join(out)


def render_body(runs: list[Run], marker: Marker, roles: Sequence[str] = ()) -> str:
    """The paragraphs; ``roles[n]`` (if given) names the role of the n-th kept paragraph."""
    out: list[str] = []
    n = 0
    for kind, items in paragraphs(runs):
        html = marker.items(items)
        if kind == "gone":
            out.append(f'<p class="gone">{html}</p>')
            continue
        role = roles[n] if n < len(roles) else ""
        n += 1
        attr = f' data-role="{escape(role)}"' if role else ""
        out.append(f"<p{attr}>{html}</p>")
    return "\n".join(out)


def change_details(doc: ReviewDoc) -> list[list[str | None]]:
    """Per change: rule, stage, note, before, after, where, raw context (left,
    span, right; None when unknown), and ``suspect`` for a kept suspect."""
    raw = doc.raw
    places = LineIndex(raw)
    out: list[list[str | None]] = []
    for cid, c in enumerate(doc.changes):
        kind = "suspect kept" if c.before == c.after else ""
        if doc.is_placed(cid):
            line, col = places.line_col(c.start)
            where = f"line {line}, col {col}"
            left = exact_text(raw[max(0, c.start - CONTEXT) : c.start])
            span: str | None = exact_text(raw[c.start : c.end])
            right = exact_text(raw[c.end : c.end + CONTEXT])
        else:
            where, left, span, right = "after cleaning, across documents", "", None, ""
        out.append([c.rule, c.stage, c.note, exact_text(c.before), exact_text(c.after),
                    where, left, span, right, kind])
    return out


def rule_counts(changes: Sequence[Change]) -> Counter[str]:
    return Counter(c.rule for c in changes)


def render_panel(counts: Counter[str], total: int) -> str:
    buttons = "\n".join(
        f'<li><button type="button" data-rule="{escape(rule)}" aria-pressed="false">'
        f'<span class="rule">{escape(rule)}</span><span class="count">{n}</span></button></li>'
        for rule, n in sorted(counts.items(), key=lambda kv: (-kv[1], kv[0])))
    return f"""<aside id="panel" aria-labelledby="rules-title">
<h2 id="rules-title">Changes by rule</h2>
<p id="status" role="status" aria-live="polite">Showing all {total} changes.</p>
<ul id="rules">
{buttons}
</ul>
<button type="button" id="all">Show all rules</button>
<h2>Marks</h2>
<dl class="cjk">
<dt><del class="m">删</del></dt><dd>removed</dd>
<dt><ins class="m">增</ins></dt><dd>written (inserted or replaced)</dd>
<dt><del class="m j">↵</del></dt><dd>joined line break</dd>
<dt><ins class="m b">¶</ins></dt><dd>paragraph break written</dd>
<dt><mark class="m s">疑</mark></dt><dd>suspect, kept</dd>
<dt>␣ ¤</dt><dd>removed space, invisible character</dd>
</dl>
<h2>Keys</h2>
<p><kbd>Tab</kbd> next change, <kbd>n</kbd>/<kbd>p</kbd> next/previous shown change,
<kbd>Esc</kbd> hide details. Choose rules above to show only their changes.</p>
</aside>"""


def _json_block(value: object) -> str:
    # "<" escaped: the block can never close its script element
    return json.dumps(value, ensure_ascii=False, separators=(",", ":")).replace("<", "\\u003c")


def summary_line(changes: int, removed: int, raw_chars: int, clean_chars: int) -> str:
    share = f" ({100 * removed / raw_chars:.1f} %)" if raw_chars else ""
    return (f"{changes} change{'s' if changes != 1 else ''} · {removed:,} of {raw_chars:,} raw "
            f"characters removed or replaced{share} · {clean_chars:,} clean characters")


def render_page(doc: ReviewDoc, runs: list[Run], summary: str, index_href: str | None = None,
                roles: Sequence[str] = ()) -> str:
    """The whole page, one self-contained HTML document."""
    changes = doc.changes
    marker = Marker(changes)
    body = render_body(runs, marker, roles)
    nav = f'<nav><a href="{escape(index_href)}">← Run index</a></nav>\n' if index_href else ""
    title = escape(exact_text(doc.name))
    return f"""<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Review: {title}</title>
<style>{BASE_CSS}{PAGE_CSS}</style>
</head>
<body>
<a class="skip" href="#text">Skip to the text</a>
<header>
{nav}<h1>{title}</h1>
<p class="summary">{escape(summary)}</p>
</header>
<div class="layout">
{render_panel(rule_counts(changes), len(changes))}
<main id="text" lang="zh-Hans" aria-label="Clean text with every change marked">
{body}
</main>
</div>
<div id="tip" role="tooltip" hidden></div>
<script type="application/json" id="changes">{_json_block(change_details(doc))}</script>
<script>{PAGE_JS}</script>
</body>
</html>
"""
