"""Accidental stutters written once (SPEC rule 16), driven by ``rules/stutter.toml``.

Extraction sometimes writes a word twice (``会议会议精神``, ``政企企对接``) or a
list item twice (``前列腺癌、前列腺癌、``).  Chinese also doubles on purpose
(``研究研究``, ``人人``, ``高高兴兴``), and two words often meet on the same
character (``法院|院长``, ``纪委|监委|监督``).  For each immediate repeat of a
Han unit of 1-6 characters the stage decides, in this order:

1. keep it when a listed form or a keep pattern covers it (reduplication
   list, AABB, 一X一X, numerals) or a known word contains it (``人人``);
2. write an unlisted AA word once when only one copy leans on a word
   beside it (``累累计``: ``累计``);
3. otherwise segment the text around it with a word list and write it once
   when the two copies stand as whole words (``会议/会议``), when a copy is
   left as a lone character (``政企/企/对接``), or when writing it once clears
   every lone character nearby (``对/外交/交流`` -> ``对外/交流``);
4. keep the rest: words meeting on a shared character (``法院/院长``).

With ``mode = "report"`` nothing changes: the suspects are counted in
``doc.stats`` under ``suspect:RULE`` and :meth:`Stutter.suspects` lists them.
"""

from __future__ import annotations

import re
from itertools import chain
from operator import attrgetter
from typing import Callable

import regex

from ..document import Document, Edit
from ..patterns import ParamPattern
from ..rules import Rule, StageConfig
from ..shape import lines
from ..stage import Stage, handles
from ..wordlists import load_lexicon, prefixes, read_entries

Finder = Callable[[str], list[Edit]]  # the stutters a rule finds in a line
Judged = dict[str, tuple[Edit, ...]]  # lines judged by the last call, and their stutters


def find_nothing(line: str) -> list[Edit]:
    """The finder of a rule turned off."""
    return []


HAN_RUN = regex.compile(r"\p{Han}+")
HAN_RUN_BACK = regex.compile(r"(?r)\p{Han}+")  # matched backwards: the run ending at endpos
MODES = ("repair", "report")
WINDOW = 10  # characters of context each side that the segmenter sees
# Longest unit max_unit may ask for: the packaged keep patterns are bounded to
# cover repeats of up to this many characters, and no longer (unbounded, the
# numerals pattern is cubic on a long run of numerals).
MAX_UNIT = 20


class KeptSpans:
    """The spans of a Han run matched by a keep pattern, found when first needed."""

    def __init__(self, patterns: list[ParamPattern], s: str) -> None:
        self.patterns, self.s = patterns, s
        self.spans: list[tuple[int, int]] | None = None

    def cover(self, i: int, end: int) -> bool:
        """Whether a keep pattern's match covers ``s[i:end]``."""
        if self.spans is None:
            self.spans = [
                m.span()
                for p in self.patterns
                for m in p.finditer(self.s, overlapped=True)
            ]
        return any(a <= i and end <= b for a, b in self.spans)


def spans(words: list[str]) -> list[tuple[int, int]]:
    """``(start, end)`` of each word of a segmentation."""
    out, at = [], 0
    for w in words:
        out.append((at, at + len(w)))
        at += len(w)
    return out


def show(words: list[str], spans_: list[tuple[int, int]], lo: int, hi: int) -> str:
    """The words overlapping ``lo:hi``, joined by ``/``: the evidence in a note."""
    return "/".join(w for w, (a, b) in zip(words, spans_) if b > lo and a < hi)


class Stutter(Stage):
    name = "stutter"

    def __init__(self, config: StageConfig, timeout: float) -> None:
        super().__init__(config, timeout)
        p = self.settings()
        self.mode = p.text("mode")
        if self.mode not in MODES:
            raise p.error("mode", f"must be one of {', '.join(MODES)}, not {self.mode!r}")
        self.max_rounds = p.integer("max_rounds")
        # each rule's finder; a rule turned off finds nothing
        self.find_items: Finder = self.code_of(self.list_items) or find_nothing
        self.find_repeats: Finder = self.code_of(self.words) or find_nothing

    @handles("stutter-list-item")
    def list_items(self, rule: Rule) -> Finder:
        """``X、X、`` -> ``X、`` (:meth:`find_list_items`)."""
        p = self.settings(rule)
        self.item_rule = rule.id
        self.list_item = p.pattern("list_item")
        self.item_marks = re.compile(f"[{re.escape(p.chars('list_item_marks'))}]")
        return self.find_list_items

    @handles("stutter-word")
    def words(self, rule: Rule) -> Finder:
        """A Han unit written twice that Chinese does not double (:meth:`find_words`)."""
        p = self.settings(rule)
        self.word_rule = rule.id
        self.max_unit = p.integer("max_unit")
        if not 1 <= self.max_unit <= MAX_UNIT:
            raise p.error("max_unit", f"must be 1 to {MAX_UNIT}, not {self.max_unit}")
        # start of every immediate repeat of 1..max_unit characters; run on Han
        # runs only, so ``.`` is a Han character (``re`` does this faster than
        # ``regex``, and an empty lookahead match finds every start)
        self.repeat = re.compile(rf"(?=(.{{1,{self.max_unit}}})\1)", re.S)
        self.lexicon = load_lexicon(p.text("words"))
        # keys of dicts rather than sets, which the garbage collector would walk (see Lexicon)
        self.listed = dict.fromkeys(read_entries(p.text("reduplications"))).keys()
        self.covering_prefixes = dict.fromkeys(chain(self.lexicon.prefixes, prefixes(self.listed))).keys()
        self.keep_patterns = p.patterns("keep_patterns")
        self.name_suffixes = frozenset(p.text("name_suffixes"))
        return self.find_words

    def run(self, doc: Document) -> Document:
        """Repair until nothing is left to repair (``会议会议议`` takes two rounds),
        so that cleaning the output again changes nothing; or only count suspects.
        Lines judged in another document are not remembered."""
        judged: Judged = self.per_document(doc, dict)
        if self.mode == "report":
            for e in self.suspects(doc.text, judged):
                key = f"suspect:{e.rule}"
                doc.stats[key] = doc.stats.get(key, 0) + 1
            return doc
        for _ in range(self.max_rounds):
            found = self.suspects(doc.text, judged)
            if not found:
                self.note_clean(doc)
                break
            doc.apply(self.name, found)
        return doc

    def suspects(self, text: str, judged: Judged | None = None) -> list[Edit]:
        """Every stutter in ``text``, as the edits that write it once.

        Neither kind of stutter crosses a line break, so each line is judged
        on its own, and a line that ``judged`` holds from the call before is
        not judged again: a repair round, and the settle pass, rerun this
        over text that changed in a few lines, if any.  ``judged`` then holds
        this call's lines.
        """
        if judged is None:
            judged = {}
        before = judged.copy()
        judged.clear()
        edits: list[Edit] = []
        for at, _, s in lines(text):
            found = before.get(s)
            if found is None:
                found = self.line_suspects(s)
            judged[s] = found
            if found:
                edits.extend(Edit(at + e.at, e.before, e.after, e.rule, e.note) for e in found)
        return edits

    def line_suspects(self, line: str) -> tuple[Edit, ...]:
        """Every stutter in one line."""
        found = self.find_items(line) + self.find_repeats(line)  # items first: see below
        if len(found) < 2:
            return tuple(found)
        found.sort(key=attrgetter("at"))
        edits: list[Edit] = []
        last = 0
        for e in found:  # a repeated item may hold a repeated word: the item wins
            if e.at >= last:
                edits.append(e)
                last = e.end
        return tuple(edits)

    def find_list_items(self, line: str) -> list[Edit]:
        """``X、X、`` -> ``X、``: the same list item twice in a row.

        A line without any of the ``list_item_marks`` is not searched.
        """
        if not self.item_marks.search(line):
            return []
        return [
            Edit(m.start("again"), m.group("again"), "", self.item_rule,
                 f"list item {m.group('item')!r} twice in a row")
            for m in self.list_item.finditer(line)
        ]

    def find_words(self, text: str) -> list[Edit]:
        """Repeats of a Han unit inside each Han run that are not real reduplication.

        Only the Han runs holding a repeat start of ``text`` are looked at
        (a repeat inside a run is a repeat of the text), so a line costs one
        search plus the runs that have something to judge.
        """
        edits: list[Edit] = []
        for run_start, run_end, starts in self.runs_with_repeats(text):
            edits.extend(self.run_edits(text[run_start:run_end], run_start, starts))
        return edits

    def runs_with_repeats(self, text: str) -> list[tuple[int, int, list[int]]]:
        """``(start, end, repeat starts)`` of each Han run of ``text`` holding a repeat start.

        The starts are those of ``text`` inside the run, counted from its
        start: every start of the run itself, and maybe some whose repeat
        runs past the run's end, which :meth:`judge_at` finds nothing at.
        """
        runs: list[tuple[int, int, list[int]]] = []
        run_start = run_end = 0
        for candidate in self.repeat.finditer(text):
            at = candidate.start()
            if at >= run_end:
                run = HAN_RUN.match(text, at)
                if run is None:
                    continue
                run_start, run_end = HAN_RUN_BACK.match(text, 0, at + 1).start(), run.end()
                runs.append((run_start, run_end, []))
            runs[-1][2].append(at - run_start)
        return runs

    def run_edits(self, s: str, offset: int, starts: list[int]) -> list[Edit]:
        """The stutters of the Han run ``s``, which starts at ``offset``, judged at ``starts``."""
        edits: list[Edit] = []
        kept = KeptSpans(self.keep_patterns, s)
        done = 0
        for i in starts:
            found = None if i < done else self.judge_at(s, i, kept)
            if found is not None:
                k, note = found
                edits.append(Edit(offset + i + k, s[i + k : i + 2 * k], "", self.word_rule, note))
                done = i + 2 * k
        return edits

    def judge_at(self, s: str, i: int, kept: KeptSpans) -> tuple[int, str] | None:
        """The unit length and evidence of a stutter starting at ``i``, longest unit first."""
        for k in range(min(self.max_unit, (len(s) - i) // 2), 0, -1):
            unit = s[i : i + k]
            if s[i + k : i + 2 * k] != unit:
                continue
            if self.is_real(s, i, k, kept):
                return None
            note = self.leaning_evidence(s, i, k) or self.stutter_evidence(s, i, k)
            return None if note is None else (k, note)
        return None

    def is_real(self, s: str, i: int, k: int, kept: KeptSpans) -> bool:
        """A doubling that Chinese makes on purpose, or a run of three or more."""
        unit, end = s[i : i + k], i + 2 * k
        if s[end : end + k] == unit or s[max(0, i - k) : i] == unit:
            return True
        if i == 0 and end == len(s):  # 谢谢！哈哈，: nothing around it to be a stutter of
            return True
        if len(set(unit)) == 1 and k > 1:
            return True
        return self.inside_word(s, i, end) or kept.cover(i, end)

    def inside_word(self, s: str, i: int, end: int) -> bool:
        """A listed form or a known word of 2+ characters covers ``s[i:end]``.

        An unlisted AA word that is just the doubled pair does not count when
        one copy leans on a word beside it (see :meth:`leaning_evidence`).
        """
        longest = max(self.lexicon.max_len, end - i + 4)
        for a in range(max(0, end - longest), i + 1):
            for b in range(end, min(len(s), a + longest) + 1):
                w = s[a:b]
                if w not in self.covering_prefixes:
                    break
                if w in self.listed:
                    return True
                leaning = (a, b) == (i, end) and self.leaning_evidence(s, i, (end - i) // 2)
                if w in self.lexicon.costs and not leaning:
                    return True
        return False

    def leaning_evidence(self, s: str, i: int, k: int) -> str:
        """Evidence that an unlisted AA word is a stutter: one copy, and only one,
        ends or starts a word beside it (累累计: 累计; 打打造: 打造)."""
        pair = s[i : i + 2]
        if k != 1 or pair in self.listed or pair not in self.lexicon.costs:
            return ""
        costs, longest = self.lexicon.costs, self.lexicon.max_len
        left = [s[a : i + 1] for a in range(max(0, i + 1 - longest), i) if s[a : i + 1] in costs]
        right = [s[i + 1 : b] for b in range(i + 3, min(len(s), i + 1 + longest) + 1) if s[i + 1 : b] in costs]
        if bool(left) == bool(right):
            return ""
        return f"{pair!r} leans on {(left or right)[0]!r}"

    def ends_name(self, window: str, at: list[tuple[int, int]], alone: list[int], a: int) -> bool:
        """``包头市|市场``, ``建设局|局长``: a lone first copy ends a name the word list lacks.

        The copy is one suffix character after other text, and the second
        copy starts a word of two or more characters.
        """
        return (
            len(alone) == 1 and at[alone[0]] == (a, a + 1) and a > 0
            and window[a] in self.name_suffixes
            and any(x == a + 1 and y - x > 1 for x, y in at)
        )

    def stutter_evidence(self, s: str, i: int, k: int) -> str | None:
        """Why the repeat at ``i`` is a stutter, or None when words meet there."""
        lo = max(0, i - WINDOW)
        hi = min(len(s), i + 2 * k + WINDOW)
        window = s[lo:hi]
        a, mid, b = i - lo, i + k - lo, i + 2 * k - lo
        words = self.lexicon.segment(window)
        at = spans(words)
        shown = show(words, at, a, b)
        cuts = {x for x, _ in at} | {len(window)}
        if {a, mid, b} <= cuts:
            return f"written twice: {shown}"
        touching = [n for n, (x, y) in enumerate(at) if y > a and x < b]
        alone = [n for n in touching if len(words[n]) == 1]
        if alone:
            if self.ends_name(window, at, alone, a):
                return None
            return f"a copy stands alone: {shown}"
        near = range(max(0, touching[0] - 1), min(len(at), touching[-1] + 2))
        if not any(len(words[n]) == 1 for n in near):
            return None
        once = window[:mid] + window[b:]
        once_words = self.lexicon.segment(once)
        once_at = spans(once_words)
        lo_once, hi_once = at[near[0]][0], at[near[-1]][1] - k
        if any(len(w) == 1 for w, (x, y) in zip(once_words, once_at) if y > lo_once and x < hi_once):
            return None
        return f"once reads as words: {show(words, at, at[near[0]][0], at[near[-1]][1])} -> " \
               f"{show(once_words, once_at, lo_once, hi_once)}"
