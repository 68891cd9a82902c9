"""Accidental stutters written once (SPEC rule 16), driven by ``rules/stutter.toml``.

Extraction sometimes writes a word twice (``会议会议精神``) or a list item
twice (``胃癌、胃癌。``).  Chinese also doubles on purpose (``研究研究``,
``人人``, ``高高兴兴``, ``王莎莎``), and two words often meet on the same
character (``交通局|局长``, ``看到|到处``).  Changing an article's real
wording is worse than leaving a stutter, so the stage writes a repeat once
only on evidence, and keeps it otherwise.  For each immediate repeat of a
Han unit of 1-6 characters it decides, in this order:

1. keep it when a listed form or a keep pattern covers it (reduplication
   list, AABB, 一X一X, numerals) or a known word contains it (``人人``);
2. keep it when a word of the list crosses either edge of it (``足球队|队员``,
   ``政企|企``): two words may meet there.  Where both edges are crossed
   and writing it once leaves only whole words where a lone character
   stood (``对/外交/交流`` -> ``对外/交流``), it is written once;
3. with nothing crossing its edges, write it once when each copy reads as
   whole words of the list, one of them two characters or longer
   (``会议/会议``), or when it is a character that Chinese never doubles
   (``和和``);
4. keep the rest: a doubled verb (``商量商量``), a doubled character no word
   holds (a name: ``王莎莎``; a reduplication the list lacks: ``唯唯``), two
   phrases meeting on ``的`` (``组织的土地|的土地承包经营权``).

A word of two or more characters that steps 2-3 would write once is kept
instead when a word opening a predicate follows it (``会议强调``,
``本法所称``): Chinese often ends a clause on the word the next one opens
with, and OCR drops the mark between them, or a line break that lost its
``。`` is joined (``…常务会议。会议强调…`` -> ``常务会议会议强调``).

A list item repeated back to back is written once when the list has
another item beside it (``肺癌、胃癌、胃癌。``); a repeat ending a longer
item (``特别重大、重大、较大``) or a repetition alone (``打倒、打倒，``) is kept.

What is kept on doubt (steps 2 with one edge crossed, and 4, and a word
before a clause opener) is a *suspect*:
recorded with its evidence as a change whose text after is its text before
(:meth:`Document.apply` keeps it apart from the changes), so that
``cleanup explain`` and the review page show it.  With ``mode = "report"``
nothing changes: every finding is recorded as a suspect and counted in
``doc.stats`` under ``suspect:RULE``.
"""

from __future__ import annotations

import re
from itertools import chain
from operator import attrgetter
from typing import Callable, NamedTuple

import regex

from ..document import Document, Edit
from ..patterns import ParamPattern
from ..rules import Rule, StageConfig
from ..shape import HAN_RUN, lines
from ..stage import Stage, handles
from ..wordlists import NO_PREFIX, load_wordlist, prefixes, read_entries, shape_lexicon

Finder = Callable[[str], list[Edit]]  # the stutters a rule finds in a line
Judged = dict[str, tuple[Edit, ...]]  # lines judged by the last call, and their findings


def find_nothing(line: str) -> list[Edit]:
    """The finder of a rule turned off."""
    return []


HAN_RUN_BACK = regex.compile(r"(?r)\p{Han}+")  # matched backwards: the run ending at endpos
# Every Han character, and some neighbours, as a class stdlib ``re`` reads: the
# blocks the Han script is drawn from (a test checks that each character
# ``regex`` reads as \p{Han} is among them)
HAN_BLOCKS = (r"[\u2e80-\u2fdf\u3005-\u3007\u3021-\u3029\u3038-\u303b\u3400-\u4dbf\u4e00-\u9fff"
              r"\uf900-\ufaff\U00016fe0-\U00016fff\U00020000-\U0003ffff]")
MODES = ("repair", "report")
READS_ONCE = "once reads as words"  # the note of a repair that only reads_once argues for
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


def lookalike_table(entries: tuple[str, ...]) -> dict[int, str]:
    """``str.translate`` table of ``LOOKALIKE<TAB>IDEOGRAPH`` entries, each one character for one."""
    pairs = (e.split("\t") for e in entries)
    return {ord(a): b for a, b in pairs if len(a) == 1 and len(b) == 1}


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


class Verdict(NamedTuple):
    """What the stage makes of a unit written twice: write it once, or keep it (a suspect)."""

    repair: bool
    note: str


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
        self.item_marks_set = frozenset(p.chars("list_item_marks"))
        self.item_bounds = frozenset(p.chars("item_bounds"))
        self.item_verbs = load_wordlist(p.text("verbs"))
        return self.find_list_items

    @handles("stutter-word")
    def words(self, rule: Rule) -> Finder:
        """A Han unit written twice where the text shows it is no real doubling (:meth:`find_words`)."""
        p = self.settings(rule)
        self.word_rule = rule.id
        self.max_unit = p.integer("max_unit")
        if not 1 <= self.max_unit <= MAX_UNIT:
            raise p.error("max_unit", f"must be 1 to {MAX_UNIT}, not {self.max_unit}")
        # start of every immediate repeat of 1..max_unit characters of HAN_BLOCKS
        # (``re`` does this faster than ``regex``, and an empty lookahead match
        # finds every start): a repeat inside a Han run is one, and a search
        # for any unit would also stop at every repeat of digits or marks
        self.repeat = re.compile(rf"(?=({HAN_BLOCKS}{{1,{self.max_unit}}})\1)")
        self.lexicon = shape_lexicon(self.shape)
        # keys of dicts rather than sets, which the garbage collector would walk (see Lexicon)
        self.listed = dict.fromkeys(read_entries(p.text("reduplications"))).keys()
        self.covering_prefixes = dict.fromkeys(chain(self.lexicon.prefixes, prefixes(self.listed))).keys()
        self.keep_patterns = p.patterns("keep_patterns")
        self.verbs = load_wordlist(p.text("verbs"))
        self.never_doubled = frozenset(p.chars("never_doubled"))
        self.bound_cost = p.number("bound_cost")
        self.meeting_marks = frozenset(p.chars("meeting_marks"))
        self.titles = p.pattern("titles")
        self.clause_openers = frozenset(p.strings("clause_openers"))
        # extractors write look-alike code points for ideographs (⼀件⼀件): the
        # word list is asked about the ideographs
        self.lookalikes = lookalike_table(read_entries(p.text("lookalikes")))
        return self.find_words

    def run(self, doc: Document) -> Document:
        """Repair until nothing is left to repair (``会议会议议`` takes two rounds),
        so that cleaning the output again changes nothing; then record the
        suspects kept in the text as it is.  Or, in report mode, only record
        and count every finding.  Lines judged in another document are not remembered."""
        judged: Judged = self.per_document(doc, dict)
        if self.mode == "report":
            found = self.suspects(doc.text, judged)
            for e in found:
                key = f"suspect:{e.rule}"
                doc.stats[key] = doc.stats.get(key, 0) + 1
            doc.apply(self.name, [e._replace(after=e.before) for e in found])
            return doc
        found = self.recurring_meetings(doc.text, self.suspects(doc.text, judged))
        for _ in range(self.max_rounds):
            repairs = [e for e in found if e.before != e.after]
            if not repairs:
                self.note_clean(doc)
                break
            doc.apply(self.name, repairs)
            found = self.recurring_meetings(doc.text, self.suspects(doc.text, judged))
        doc.apply(self.name, [e for e in found if e.before == e.after])
        return doc

    def recurring_meetings(self, text: str, found: list[Edit]) -> list[Edit]:
        """``found``, with each repair that only :meth:`reads_once` argues for
        kept instead when the two words meeting there stand together elsewhere
        in ``text`` (``中医医疗`` in ``中医医疗机构……改变其中医医疗性质``): the
        document itself writes them so."""
        if self.find_repeats is find_nothing:
            return found
        out = []
        for e in found:
            if e.rule == self.word_rule and e.note.startswith(READS_ONCE):
                i = e.at - 1  # the first copy: a unit of one character
                lo, hi = max(0, i - self.lexicon.max_len), min(len(text), i + 2 + self.lexicon.max_len)
                left, right = self.crossing(text[lo:hi].translate(self.lookalikes), i - lo, 1)
                if not (left and right):  # one word crossing: a bound character was left alone
                    out.append(e)
                    continue
                meeting = text[i + 1 - len(min(left, key=len)) : i + 1 + len(min(right, key=len))]
                if text.count(meeting) > 1:
                    double = text[i : e.end]
                    e = Edit(i, double, double, e.rule, f"kept: {meeting} stands elsewhere in the text")
            out.append(e)
        return out

    def suspects(self, text: str, judged: Judged | None = None) -> list[Edit]:
        """Every finding in ``text``: the edits that write a stutter once, and
        the doubts kept (edits whose ``after`` is their ``before``).

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
        """Every finding in one line."""
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
        """``Y、X、X、`` -> ``Y、X、``: the same list item twice in a row, in a
        list with another item beside it.

        Kept as a suspect: a repeat whose first copy ends a longer item
        (``特别重大、重大、较大``: the list has 特别重大 and 重大), and a
        repetition with no other item beside it (``打倒、打倒，再打倒``).
        A line without any of the ``list_item_marks`` is not searched.
        """
        if not self.item_marks.search(line):
            return []
        edits = []
        for m in self.list_item.finditer(line):
            item, again = m.group("item"), m.group("again")
            first = m.start("again") - len(item)
            note = f"list item {item!r} twice in a row"
            if first > 0 and line[first - 1] not in self.item_bounds and not self.verb_ends_at(line, first):
                edits.append(Edit(first, line[first:m.end()], line[first:m.end()], self.item_rule,
                                  f"kept: {note}, the first may end a longer item: "
                                  f"{self.item_before(line, first)}{item}"))
            elif not (line[max(0, first - 1):first] in self.item_marks_set
                      or line[m.end():m.end() + 1] in self.item_marks_set):
                edits.append(Edit(first, line[first:m.end()], line[first:m.end()], self.item_rule,
                                  f"kept: {note}, no other item beside it: a repetition?"))
            else:
                edits.append(Edit(m.start("again"), again, "", self.item_rule, note))
        return edits

    def verb_ends_at(self, line: str, at: int) -> bool:
        """A verb of two or more characters ends right before ``at``: what follows
        is its object, a list's first item (``聚焦前列腺癌、``), not the end of one."""
        return any(line[at - n:at] in self.item_verbs for n in range(2, 5) if at - n >= 0)

    @staticmethod
    def item_before(line: str, first: int) -> str:
        """What stands right before position ``first``: the Han run ending there
        (its last few characters), or the one character."""
        run = HAN_RUN_BACK.match(line, 0, first)
        return line[max(run.start(), first - WINDOW) : first] if run else line[first - 1]

    def find_words(self, text: str) -> list[Edit]:
        """Repeats of a Han unit inside each Han run: written once, or kept as suspects.

        Only the Han runs holding a repeat start of ``text`` are looked at
        (a repeat inside a run is a repeat of the text), so a line costs one
        search plus the runs that have something to judge.
        """
        edits: list[Edit] = []
        runs = self.runs_with_repeats(text)
        titles = [m.span() for m in self.titles.finditer(text)] if runs else []
        for run_start, run_end, starts in runs:
            title = next((text[a:b] for a, b in titles if a <= run_start and run_end <= b), None)
            edits.extend(self.run_edits(text[run_start:run_end], run_start, starts, title))
        return edits

    def runs_with_repeats(self, text: str) -> list[tuple[int, int, list[int]]]:
        """``(start, end, repeat starts)`` of each Han run of ``text`` holding a repeat start.

        The starts are those of ``text`` inside the run, counted from its
        start: every start of the run itself, and maybe some whose repeat
        runs past the run's end, which :meth:`judge_at` finds nothing at.
        Exact though only repeats of :data:`HAN_BLOCKS` are searched for: a
        repeat of the run itself is all Han, so among them; a start any
        search leaves out has no repeat inside the run, nothing to judge.
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

    def run_edits(self, s: str, offset: int, starts: list[int], title: str | None = None) -> list[Edit]:
        """The findings of the Han run ``s``, which starts at ``offset``, judged at ``starts``.
        In a ``title`` (``《祖国祖国我们爱你》``) a repeat is the title's wording:
        what would be written once is kept, as a suspect."""
        edits: list[Edit] = []
        t = s.translate(self.lookalikes)  # what the word list is asked about
        kept = KeptSpans(self.keep_patterns, t)
        done = 0
        for i in starts:
            found = None if i < done else self.judge_at(s, t, i, kept)
            if found is None:
                continue
            k, verdict = found
            if verdict.repair and title is not None:
                verdict = Verdict(False, f"kept: in the title {title}")
            if verdict.repair:
                edits.append(Edit(offset + i + k, s[i + k : i + 2 * k], "", self.word_rule, verdict.note))
            else:
                edits.append(Edit(offset + i, s[i : i + 2 * k], s[i : i + 2 * k], self.word_rule, verdict.note))
            done = i + 2 * k
        return edits

    def judge_at(self, s: str, t: str, i: int, kept: KeptSpans) -> tuple[int, Verdict] | None:
        """The unit length and verdict of a repeat starting at ``i``, longest unit
        first; None for a real doubling (``t`` is ``s`` with look-alikes read as ideographs)."""
        for k in range(min(self.max_unit, (len(s) - i) // 2), 0, -1):
            if s[i + k : i + 2 * k] != s[i : i + k]:
                continue
            if self.is_real(t, i, k, kept):
                return None
            verdict = self.verdict(t, i, k)
            return None if verdict is None else (k, verdict)
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
        one copy starts or ends a word beside it (``区区旗``: 区旗): the
        crossing word makes it a suspect (:meth:`verdict`).
        """
        longest = max(self.lexicon.max_len, end - i + 4)
        for a in range(max(0, end - longest), i + 1):
            for b in range(end, min(len(s), a + longest) + 1):
                w = s[a:b]
                if w not in self.covering_prefixes:
                    break
                if w in self.listed:
                    return True
                if w in self.lexicon.costs and not ((a, b) == (i, end) and self.leans(s, i, end)):
                    return True
        return False

    def leans(self, s: str, i: int, end: int) -> bool:
        """Whether a copy of the unlisted AA word ``s[i:end]`` starts or ends a word beside it."""
        if end - i != 2 or s[i:end] in self.listed:
            return False
        left, right = self.crossing(s, i, 1)
        return bool(left or right)

    def crossing(self, s: str, i: int, k: int) -> tuple[list[str], list[str]]:
        """The words of the list that cross the left edge of the repeat ``s[i:i+2k]``
        (start before it, end inside it: 交通局|局长's 交通局) and those that
        cross its right edge (start inside it, end after it: 局长)."""
        entry, longest = self.lexicon.entries.get, self.lexicon.max_len  # one look-up: prefix, word
        end = i + 2 * k
        left = []
        for a in range(max(0, i - longest + 1), i):
            for b in range(i + 1, min(end, a + longest + 1)):
                w = s[a:b]
                cost = entry(w, NO_PREFIX)
                if cost is NO_PREFIX:
                    break
                if cost is not None:
                    left.append(w)
        right = []
        for a in range(i + 1, end):
            for b in range(a + 1, min(len(s), a + longest) + 1):
                w = s[a:b]
                cost = entry(w, NO_PREFIX)
                if cost is NO_PREFIX:
                    break
                if b > end and cost is not None:
                    right.append(w)
        return left, right

    def verdict(self, s: str, i: int, k: int) -> Verdict | None:
        """Write the repeat at ``i`` once, keep it as a suspect, or (None) keep it
        as two words meeting on both of its edges.  A repair of a word that may
        end one clause and open the next is kept instead (:meth:`seam`)."""
        verdict = self.words_verdict(s, i, k)
        if verdict is None or not verdict.repair:
            return verdict
        seam = self.seam(s, i, k)
        return verdict if seam is None else Verdict(False, f"kept: a mark may be lost between {seam}")

    def seam(self, s: str, i: int, k: int) -> str | None:
        """``…XW|W opener`` where the repeat ``WW`` of 2+ characters, after other
        Han text, is followed by a word that opens a predicate (``会议强调``,
        ``本法所称``, ``申请人应当``): two clauses whose mark was lost
        (``…常务会议。会议强调…``), the first ending on the word the second
        opens with, as Chinese often writes them.  Written once, the text
        would lose a word of the article."""
        end = i + 2 * k
        if k < 2 or i == 0 or end == len(s):
            return None
        after = self.lexicon.segment(s[end : end + WINDOW])[0]
        if after not in self.clause_openers:
            return None
        return f"{s[max(0, i - WINDOW // 2) : i + k]}|{s[i : i + k]}{after}"

    def words_verdict(self, s: str, i: int, k: int) -> Verdict | None:
        """:meth:`verdict` as the words around the repeat alone tell it."""
        unit, end = s[i : i + k], i + 2 * k
        left, right = self.crossing(s, i, k)
        if left and right:
            if k == 1 and self.copy_alone(s, i):
                return Verdict(False, f"kept: words may meet: {left[0]}|{right[0]}")
            once = self.reads_once(s, i, k)
            return None if once is None else Verdict(True, once)
        if left or right:
            # the first copy ends a word, the second stands alone (政企/企/对接); a lone
            # first copy may be a suffix (交通/局/局长: 交通局), so that one stays
            once = self.reads_once(s, i, k, self.bound_cost) if k == 1 and left else None
            if once is not None:
                return Verdict(True, once)
            meeting = f"{left[0]}|{unit}" if left else f"{unit}|{right[0]}"
            return Verdict(False, f"kept: words may meet: {meeting}")
        twice = f"{unit}/{unit}"
        if k == 1:
            inside = 0 < i and end < len(s)
            if unit in self.never_doubled and inside:
                return Verdict(True, f"written twice: {twice}, which is never doubled")
            if i == 0 and unit in self.verbs and self.starts_word(s, end):
                return Verdict(True, f"written twice: {twice}, a verb opening its clause, before a word")
            return Verdict(False, f"kept: {unit}{unit} may be a name or a reduplication")
        words = self.lexicon.segment(unit)
        if unit[0] in self.meeting_marks:
            return Verdict(False, f"kept: two phrases may meet on {unit}")
        if all(len(w) == 1 for w in words):
            return Verdict(False, f"kept: {unit} is no word of the list")
        if unit in self.verbs:
            return Verdict(False, f"kept: {unit} is a verb, {unit}{unit} may be its reduplication")
        return Verdict(True, f"written twice: {'/'.join(words)}/{'/'.join(words)}")

    def copy_alone(self, s: str, i: int) -> bool:
        """Whether the segmenter leaves a copy of the doubled character ``s[i]``
        alone though a word of the list holds each copy (``职业/学校/校/长江``:
        学校|校长).  Two words meet there as in ``交通局/局长``; the segmenter
        only preferred another word beside it, no evidence of a stutter."""
        lo = max(0, i - WINDOW)
        words = self.lexicon.segment(s[lo : i + 2 + WINDOW])
        return any(b - a == 1 and a + lo in (i, i + 1) for a, b in spans(words))

    def starts_word(self, s: str, at: int) -> bool:
        """A word of the list of two or more characters starts at ``s[at]``."""
        entry = self.lexicon.entries.get
        for b in range(at + 2, min(len(s), at + self.lexicon.max_len) + 1):
            cost = entry(s[at:b], NO_PREFIX)
            if cost is NO_PREFIX:
                break
            if cost is not None:
                return True
        return False

    def reads_once(self, s: str, i: int, k: int, min_lone_cost: float = 0.0) -> str | None:
        """Evidence that a repeat whose edges words cross is a stutter: written
        once, the words around it leave no character alone where the text as it
        is leaves one (``对/外交/交流`` -> ``对外/交流``).  With ``min_lone_cost``,
        each character left alone must be that rare as a word of its own, a
        bound morpheme (``政企/企/对接``), not a free word (``可以/以/个人``)."""
        lo = max(0, i - WINDOW)
        hi = min(len(s), i + 2 * k + WINDOW)
        window = s[lo:hi]
        a, mid, b = i - lo, i + k - lo, i + 2 * k - lo
        words = self.lexicon.segment(window)
        at = spans(words)
        touching = [n for n, (x, y) in enumerate(at) if y > a and x < b]
        near = range(max(0, touching[0] - 1), min(len(at), touching[-1] + 2))
        lone = [words[n] for n in near if len(words[n]) == 1]
        if not lone or any(self.lexicon.costs.get(w, 99) < min_lone_cost for w in lone):
            return None
        once = window[:mid] + window[b:]
        once_words = self.lexicon.segment(once)
        once_at = spans(once_words)
        lo_once, hi_once = at[near[0]][0], at[near[-1]][1] - k
        if any(len(w) == 1 for w, (x, y) in zip(once_words, once_at) if y > lo_once and x < hi_once):
            return None
        return f"{READS_ONCE}: {show(words, at, at[near[0]][0], at[near[-1]][1])} -> " \
               f"{show(once_words, once_at, lo_once, hi_once)}"
