"""Which headline heads which body, where an extractor wrote a page out of order.

Most extractors write a page in reading order: a headline, then its body.
Some do not: they write the page's top headlines first, one after another,
then the bodies (a banner), or a headline after the text it heads.  Where
the layout order is broken that way, a headline goes to the body that
repeats its words (pairs of Han characters in a row), and a body with no
headline of its own to the headline left without one.

:func:`order_by_words` gives the page's paragraphs in the order
:func:`cleanup.articles.assemble` reads them, with the places where an
article must open (two headlines that meet there head two articles, not
one stack).  Each step takes and gives a :class:`Reading`.
"""

from __future__ import annotations

import operator
from dataclasses import dataclass
from functools import lru_cache
from typing import Callable, Collection, Iterable, NamedTuple, Sequence

from .roles import printed_dash_led
from .shape import HAN_RUN

HEADS = frozenset({"kicker", "headline", "subheadline"})
HEAD_IN_LEAD = 0.5  # share of a headline's pairs of characters the body it heads repeats, at least


@dataclass(frozen=True, slots=True)
class Paragraph:
    """A paragraph of the clean text, ``text == clean[start:end]``, with its role (a lead
    paragraph OCR set its headings inside is that less them: :func:`cleanup.articles.lead_heads_in_body`)."""

    text: str
    role: str
    start: int
    end: int


class Reading(NamedTuple):
    """A page's paragraphs in the order read so far, with the starts of the paragraphs
    where an article must open (``opens``) and of those after which a body ends
    (``breaks``: a jump marker closes an article there, or a heading run went away)."""

    paragraphs: list[Paragraph]
    opens: frozenset[int]
    breaks: frozenset[int]


def order_by_words(paragraphs: Iterable[Paragraph], breaks: Collection[int] = ()) -> Reading:
    """``paragraphs`` with each headline over the body it heads, where the page was
    written out of order (``breaks``: the starts of the paragraphs after which a jump
    marker closes an article)."""
    reading = Reading(list(paragraphs), frozenset(), frozenset(breaks))
    for step in (headlines_after_bodies, banner_heads, bodiless_heads):
        reading = step(reading)
    return reading


@lru_cache(maxsize=4096)
def bigrams(text: str) -> frozenset[str]:
    """The pairs of Han characters in a row in ``text`` (kept for the texts last asked
    about: a banner's headlines are each compared with every free body of the page)."""
    return frozenset(pair for run in HAN_RUN.findall(text) for pair in map(operator.add, run, run[1:]))


def overlap(head: frozenset[str], text: str) -> float:
    """The share of a headline's character pairs found in ``text``."""
    return len(head & bigrams(text)) / len(head) if head else 0.0


def headlines_after_bodies(reading: Reading) -> Reading:
    """``reading`` with each headline an extractor wrote after its body put back over it.

    Some extractors write a page out of order, a headline after the text it
    heads.  A run of heading paragraphs goes back over the dateline-led stories
    right before it (``本报讯……``, each a lead) to the one whose lead
    repeats its words the most (at least ``HEAD_IN_LEAD`` of its pairs of
    characters), if the story after the run repeats less than half as many
    and no byline stands under the run.  Where a heading stands right over
    that story, the run goes back only if that heading may not be the story's
    (:func:`_heading_not_its_own`), and the two runs would read as one stack:
    an article opens at the run (its first paragraph's start joins ``opens``).
    The start of the paragraph the run stood after joins ``breaks``: a body
    ended there.
    """
    out = list(reading.paragraphs)
    opens, breaks = set(reading.opens), set(reading.breaks)
    banner = any(len(_groups(out, run)) > 1 for run in heading_runs(out, opens))
    i = 0
    while i < len(out):
        if out[i].role not in HEADS:
            i += 1
            continue
        j = i
        while j < len(out) and out[j].role in HEADS:
            j += 1
        if j < len(out) and out[j].role == "byline":
            i = j  # a byline under them: they head what follows
            continue
        words = bigrams("".join(p.text for p in out[i:j]))
        after = overlap(words, out[j].text) if j < len(out) else 0.0
        best, at, k = 0.0, -1, i
        while k > 0 and out[k - 1].role not in HEADS:
            k -= 1
            if out[k].role == "dateline":
                score = overlap(words, out[k].text)
                if score > best:
                    best, at = score, k
        if at > 0 and best >= HEAD_IN_LEAD and after < best / 2:
            if out[at - 1].role in HEADS:
                if not _heading_not_its_own(out, at, best, j, breaks, banner):
                    i = j
                    continue
                opens.add(out[i].start)
            breaks.add(out[i - 1].start)
            out[at:j] = out[i:j] + out[at:i]
        i = j
    return Reading(out, frozenset(opens), frozenset(breaks))


def _heading_not_its_own(seq: Sequence[Paragraph], lead: int, score: float, run_end: int,
                         breaks: Collection[int], banner: bool) -> bool:
    """Whether the headings right over the lead ``seq[lead]`` may head another story,
    so that a run of headings after it whose words the lead repeats (``score`` of
    them; the run ends before ``run_end``) may take it: the lead repeats less of
    their words, and the page shows it was written out of order.  A page in
    reading order prints a lead under its own headline, which may well name the
    next story (``……研究部署全区经济工作会议筹备事宜`` under ``自治区党委召开常委会会议``,
    over ``全区经济工作会议召开``).  The signs: a banner on the page (``banner``);
    the headings stand right after a credit or one of ``breaks`` (they may close
    the story before, written after it); the run ends the page (it heads nothing).
    """
    first = lead
    while first > 0 and seq[first - 1].role in HEADS:
        first -= 1
    if overlap(bigrams("".join(p.text for p in seq[first:lead])), seq[lead].text) >= score:
        return False
    after_close = first > 0 and (seq[first - 1].role == "credit" or seq[first - 1].start in breaks)
    return banner or after_close or run_end == len(seq)


def heading_runs(seq: Sequence[Paragraph], opens: Collection[int] = ()) -> list[range]:
    """The runs of heading paragraphs of ``seq``, a run cut before each of ``opens``."""
    out: list[range] = []
    i = 0
    while i < len(seq):
        if seq[i].role not in HEADS:
            i += 1
            continue
        j = i + 1
        while j < len(seq) and seq[j].role in HEADS and seq[j].start not in opens:
            j += 1
        out.append(range(i, j))
        i = j
    return out


def _groups(seq: Sequence[Paragraph], run: range) -> list[range]:
    """A run of headings cut after each sub-headline led by a dash that a kicker or
    headline follows: nothing but a byline or the body comes under such a sub-headline,
    so the run holds the headings of more than one article."""
    out: list[range] = []
    first = run.start
    for k in run[1:]:
        # the printed dash only, not OCR's 一一 (roles.dash_led): taken here too, it cut stacks
        # that are one (issues-tesseract: stitched 19 -> 18 of 25)
        if seq[k].role != "subheadline" and seq[k - 1].role == "subheadline" and printed_dash_led(seq[k - 1].text):
            out.append(range(first, k))
            first = k
    out.append(range(first, run.stop))
    return out


def _blocks(seq: Sequence[Paragraph], breaks: Collection[int]) -> list[range]:
    """The runs of body paragraphs of ``seq``, each cut before a dateline (a story's lead)
    and after a credit or one of ``breaks`` (where a body ends: a jump marker closes an article)."""
    out: list[range] = []
    first = -1
    for k, p in enumerate(seq):
        if p.role in HEADS or p.role == "byline":
            if first >= 0:
                out.append(range(first, k))
            first = -1
            continue
        if first >= 0 and p.role == "dateline":
            out.append(range(first, k))
            first = -1
        if first < 0:
            first = k
        if p.role == "credit" or p.start in breaks:
            out.append(range(first, k + 1))
            first = -1
    if first >= 0:
        out.append(range(first, len(seq)))
    return out


def banner_heads(reading: Reading) -> Reading:
    """``reading`` with the headlines of a banner each put over the body it heads.

    A run of headings that holds more than one article's (:func:`_groups`) is a
    banner: the extractor wrote the page's top headlines first.  Each of its
    headlines goes over the body (a run of body paragraphs, :func:`_blocks`)
    that repeats the most of its words (at least ``HEAD_IN_LEAD`` of its pairs
    of characters; of two that want one body, the one it repeats more of),
    unless another heading stands over that body.  A headline no body repeats
    heads the first body left without a headline after one of ``breaks`` (its
    article ended there), if any, else stays where it stands.  Each headline
    moved or left in the banner opens an article (its start joins ``opens``).
    """
    seq, opens, breaks = reading
    runs = heading_runs(seq, opens)
    banners = [run for run in runs if len(_groups(seq, run)) > 1]
    if not banners:
        return reading
    blocks = _blocks(seq, breaks)
    in_runs = {k for run in runs for k in run}
    in_banners = {k for run in banners for k in run}
    free = [b for b in blocks if b.start - 1 not in in_runs or b.start - 1 in in_banners]
    texts = ["".join(seq[k].text for k in b) for b in free]

    def best(group: range) -> tuple[float, int]:
        """The share of the words of ``group`` (all its lines', or one line's) that the
        free body repeating the most of them repeats, and that body's start."""
        words = [bigrams("".join(seq[k].text for k in group))] + [bigrams(seq[k].text) for k in group]
        return max(((overlap(w, t), b.start) for w in words for b, t in zip(free, texts)), default=(0.0, -1))

    groups = [part for run in banners for g in _groups(seq, run) for part in _split_by_words(seq, g, best)]
    claims: dict[int, tuple[float, range]] = {}  # block start: score, group
    for g in groups:
        score, at = best(g)
        if score >= HEAD_IN_LEAD and score > claims.get(at, (0.0, None))[0]:
            claims[at] = (score, g)
    moved = {g.start for _, g in claims.values()}
    left = [g for g in groups if g.start not in moved]
    claimed = set(claims) | {b.start for b in blocks if b.start - 1 in in_runs}
    for b, prev in zip(blocks[1:], blocks):
        if left and b.start not in claimed and b.start == prev.stop and seq[prev.stop - 1].start in breaks:
            claims[b.start] = (0.0, left.pop(0))
    over = {at: g for at, (_, g) in claims.items()}
    placed = {k for g in over.values() for k in g}
    out: list[Paragraph] = []
    opened = set(opens)
    for k, p in enumerate(seq):
        if k in over:
            opened.add(seq[over[k].start].start)
            out += [seq[i] for i in over[k]]
        if k in placed:
            continue
        if k in in_banners and any(g.start == k for g in groups):
            opened.add(p.start)
        out.append(p)
    return Reading(out, frozenset(opened), breaks)


def _split_by_words(seq: Sequence[Paragraph], group: range,
                    best: Callable[[range], tuple[float, int]]) -> list[range]:
    """``group`` cut before each heading line (no sub-headline) whose words one body
    repeats (at least ``HEAD_IN_LEAD`` of them) and the lines over it, since the last
    cut, another: ``我市工业投资…`` and ``去年拉动全市投资增长…`` over ``市生态环境局：…``."""
    out: list[range] = []
    first = group.start
    for k in group[1:]:
        if seq[k].role == "subheadline":
            continue
        above, line = best(range(first, k)), best(range(k, k + 1))
        if min(above[0], line[0]) >= HEAD_IN_LEAD and above[1] != line[1]:
            out.append(range(first, k))
            first = k
    out.append(range(first, group.stop))
    return out


def bodiless_heads(reading: Reading) -> Reading:
    """``reading`` with each run of headings that heads nothing, right after the credit
    that closes a story (``（李海珍）``), put back over that story.

    A run right over another article's headings (an article opens there,
    ``opens``) or at the page's end has no body under it; right after a
    credit, it was written after the story the credit closes.  It goes back
    over that story's lead, the nearest dateline-led paragraph before it
    (none of ``breaks``, no heading nor byline between), if no heading
    stands over that lead and the story repeats at least ``HEAD_IN_LEAD`` of
    the run's pairs of characters.
    """
    out, opens, breaks = list(reading.paragraphs), reading.opens, reading.breaks
    for run in reversed(heading_runs(out, opens)):
        i, j = run.start, run.stop
        if i == 0 or out[i - 1].role != "credit" or (j < len(out) and out[j].start not in opens):
            continue
        k = i - 1
        while out[k].role != "dateline" and k > 0 and out[k - 1].role not in HEADS \
                and out[k - 1].role != "byline" and out[k - 1].start not in breaks:
            k -= 1
        if out[k].role != "dateline" or (k > 0 and out[k - 1].role in HEADS):
            continue
        words = bigrams("".join(p.text for p in out[i:j]))
        if overlap(words, "".join(p.text for p in out[k:i])) >= HEAD_IN_LEAD:
            out[k:j] = out[i:j] + out[k:i]
    return Reading(out, opens, breaks)
