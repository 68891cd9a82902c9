"""The index of a run's review: totals by rule, how much each page changed, and
every removal of Han text, each linked to its place in the page.

A page's *share changed* is the share of its raw characters that cleaning
removed or replaced (joined line breaks count: a hard-wrapped page has many).
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from html import escape

from .review_assets import BASE_CSS, INDEX_CSS
from .review_page import exact_text
from .review_replay import ReviewDoc, Run, raw_removed
from .shape import HAN

SHOWN_PAGES = 20  # most- and least-changed pages listed
REMOVED_SHOWN = 80  # characters of a removal shown in the list
# upper bounds of the histogram's bins, in percent; a share of exactly 0 has a bin of its own
BINS = (0.0, 1.0, 2.0, 5.0, 10.0, 20.0, 50.0, 100.0)


@dataclass(frozen=True)
class HanRemoval:
    """A change that removed Han characters (a fragment, a copy, a stutter, a marker)."""

    change: int
    rule: str
    text: str
    note: str


@dataclass
class PageSummary:
    """What the index needs of one page; ``error`` set for a page that failed."""

    name: str
    href: str = ""  # the page, relative to the index
    label: str = ""  # the name as the index shows it (relative to the input); default: name
    raw_chars: int = 0
    removed: int = 0
    counts: Counter[str] = field(default_factory=Counter)
    stages: dict[str, str] = field(default_factory=dict)  # rule -> stage
    chars_out: Counter[str] = field(default_factory=Counter)  # rule -> characters removed
    chars_in: Counter[str] = field(default_factory=Counter)  # rule -> characters written
    suspects: int = 0
    han_removals: list[HanRemoval] = field(default_factory=list)
    error: str = ""

    def __post_init__(self) -> None:
        self.label = self.label or self.name

    @property
    def share(self) -> float:
        """Percent of the raw characters removed or replaced."""
        return 100 * self.removed / self.raw_chars if self.raw_chars else 0.0

    @property
    def changes(self) -> int:
        return sum(self.counts.values())


def summarize(doc: ReviewDoc, runs: list[Run], href: str, label: str = "") -> PageSummary:
    s = PageSummary(doc.name, href, label, len(doc.raw), raw_removed(runs))
    for cid, c in enumerate(doc.changes):
        s.counts[c.rule] += 1
        s.stages.setdefault(c.rule, c.stage)
        if c.before == c.after:
            s.suspects += 1
            continue
        s.chars_out[c.rule] += len(c.before)
        s.chars_in[c.rule] += len(c.after)
        if len(HAN.findall(c.before)) > len(HAN.findall(c.after)):
            s.han_removals.append(HanRemoval(cid, c.rule, c.before, c.note))
    return s


def histogram(shares: list[float]) -> list[tuple[str, int]]:
    """``(label, pages)`` for each bin of :data:`BINS`.

    >>> histogram([0.0, 0.4, 1.0, 7.5])[:5]
    [('0 %', 1), ('0–1 %', 2), ('1–2 %', 0), ('2–5 %', 0), ('5–10 %', 1)]
    """
    counts = [0] * len(BINS)
    for x in shares:
        counts[next(i for i, top in enumerate(BINS) if x <= top or i == len(BINS) - 1)] += 1
    labels = ["0 %"] + [f"{lo:g}–{hi:g} %" for lo, hi in zip(BINS, BINS[1:])]
    return list(zip(labels, counts))


def _page_link(p: PageSummary, anchor: str = "") -> str:
    return f'<a href="{escape(p.href + anchor)}">{escape(exact_text(p.label))}</a>'


def _rule_table(pages: list[PageSummary]) -> str:
    counts: Counter[str] = Counter()
    page_counts: Counter[str] = Counter()
    out_chars: Counter[str] = Counter()
    in_chars: Counter[str] = Counter()
    stages: dict[str, str] = {}
    for p in pages:
        counts.update(p.counts)
        page_counts.update(p.counts.keys())
        out_chars.update(p.chars_out)
        in_chars.update(p.chars_in)
        for rule, stage in p.stages.items():
            stages.setdefault(rule, stage)
    rows = "\n".join(
        f'<tr><td><code>{escape(rule)}</code></td><td>{escape(stages.get(rule, ""))}</td>'
        f'<td class="n">{n:,}</td><td class="n">{page_counts[rule]:,}</td>'
        f'<td class="n">{out_chars[rule]:,}</td><td class="n">{in_chars[rule]:,}</td></tr>'
        for rule, n in sorted(counts.items(), key=lambda kv: (-kv[1], kv[0])))
    return f"""<table>
<caption class="summary">Changes by rule, over all pages</caption>
<thead><tr><th>rule</th><th>stage</th><th class="n">changes</th><th class="n">pages</th>
<th class="n">chars removed</th><th class="n">chars written</th></tr></thead>
<tbody>
{rows}
</tbody>
</table>"""


def _histogram_table(pages: list[PageSummary]) -> str:
    bins = histogram([p.share for p in pages])
    top = max((n for _, n in bins), default=0) or 1
    rows = "\n".join(
        f'<tr><th scope="row">{label}</th><td class="n">{n:,}</td>'
        f'<td><span class="bar" style="width:{20 * n / top:.2f}rem" aria-hidden="true"></span></td></tr>'
        for label, n in bins)
    return f"""<table>
<caption class="summary">Pages by share of raw characters removed or replaced</caption>
<thead><tr><th>share changed</th><th class="n">pages</th><th><span class="vh">bar</span></th></tr></thead>
<tbody>
{rows}
</tbody>
</table>"""


def _page_table(pages: list[PageSummary], caption: str) -> str:
    rows = "\n".join(
        f'<tr><td>{_page_link(p)}</td><td class="n">{p.share:.1f} %</td>'
        f'<td class="n">{p.changes:,}</td></tr>' for p in pages)
    return f"""<table>
<caption class="summary">{caption}</caption>
<thead><tr><th>page</th><th class="n">changed</th><th class="n">changes</th></tr></thead>
<tbody>
{rows}
</tbody>
</table>"""


def _removals(pages: list[PageSummary]) -> str:
    by_rule: dict[str, list[tuple[PageSummary, HanRemoval]]] = {}
    for p in pages:
        for r in p.han_removals:
            by_rule.setdefault(r.rule, []).append((p, r))
    if not by_rule:
        return "<p>No change removed Han text.</p>"
    parts: list[str] = []
    for rule in sorted(by_rule, key=lambda r: (-len(by_rule[r]), r)):
        found = by_rule[rule]
        rows = "\n".join(
            f'<tr><td>{_page_link(p, f"#c{r.change}")}</td>'
            f'<td class="removed">{escape(_cut(exact_text(r.text)))}</td>'
            f'<td>{escape(r.note)}</td></tr>' for p, r in found)
        parts.append(f"""<h3><code>{escape(rule)}</code>: {len(found):,}</h3>
<table>
<thead><tr><th>page</th><th>removed</th><th>why</th></tr></thead>
<tbody>
{rows}
</tbody>
</table>""")
    return "\n".join(parts)


def _cut(s: str) -> str:
    return s if len(s) <= REMOVED_SHOWN else s[:REMOVED_SHOWN] + "…"


def _failures(failed: list[PageSummary]) -> str:
    if not failed:
        return ""
    rows = "\n".join(f"<li><code>{escape(exact_text(p.label))}</code>: "
                     f'<span class="err">{escape(p.error)}</span></li>' for p in failed)
    return f"""<section aria-labelledby="failed">
<h2 id="failed">Not reviewed: {len(failed)}</h2>
<ul>
{rows}
</ul>
</section>"""


def render_index(title: str, summaries: list[PageSummary]) -> str:
    pages = [p for p in summaries if not p.error]
    failed = [p for p in summaries if p.error]
    by_share = sorted(pages, key=lambda p: (-p.share, p.name))
    least = sorted(pages, key=lambda p: (p.share, p.name))[:SHOWN_PAGES]
    changes = sum(p.changes for p in pages)
    suspects = sum(p.suspects for p in pages)
    raw_chars = sum(p.raw_chars for p in pages)
    removed = sum(p.removed for p in pages)
    share = f" ({100 * removed / raw_chars:.1f} %)" if raw_chars else ""
    kept = f" · {suspects:,} suspects kept" if suspects else ""
    han = sum(len(p.han_removals) for p in pages)
    return f"""<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Review: {escape(title)}</title>
<style>{BASE_CSS}{INDEX_CSS}</style>
</head>
<body>
<a class="skip" href="#index">Skip to the report</a>
<header>
<h1>Review: {escape(title)}</h1>
<p class="summary">{len(pages):,} pages · {sum(1 for p in pages if p.changes):,} changed ·
{changes:,} changes · {removed:,} of {raw_chars:,} raw characters removed or replaced{share}{kept}</p>
</header>
<main id="index" class="index">
{_failures(failed)}
<section aria-labelledby="totals">
<h2 id="totals">Totals by rule</h2>
{_rule_table(pages)}
</section>
<section aria-labelledby="shares">
<h2 id="shares">How much each page changed</h2>
{_histogram_table(pages)}
</section>
<div class="cols">
<section aria-labelledby="most">
<h2 id="most">The {min(SHOWN_PAGES, len(pages))} most-changed pages</h2>
{_page_table(by_share[:SHOWN_PAGES], "Highest share changed first")}
</section>
<section aria-labelledby="least">
<h2 id="least">The {min(SHOWN_PAGES, len(pages))} least-changed pages</h2>
{_page_table(least, "Lowest share changed first")}
</section>
</div>
<section aria-labelledby="han">
<h2 id="han">Removals of Han text: {han:,}</h2>
<p>Every change that removed Han characters (fragments, copies, stutters, markers, furniture),
by rule: check these first. Each links to its place in the page.</p>
{_removals(pages)}
</section>
</main>
</body>
</html>
"""
