"""Run a document through a profile's stages, in the order the profile names."""

from __future__ import annotations

import math
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Iterable

from .document import Change, Document, Edit
from .errors import ArgumentError, RuleError
from .roles import vocabulary
from .rules import Profile, StageConfig, load_profile
from .shape import load_shape
from .stage import Stage, Touched

if TYPE_CHECKING:
    from .articles import Article


DECODE_RULE = "decode-replace"  # the rule of a change that puts U+FFFD for what no encoder writes
_LONE_SURROGATE = re.compile(r"[\ud800-\udfff]+")


def replace_escapes(doc: Document, pattern: re.Pattern[str], note: str) -> None:
    """Replace undecodable bytes (or lone surrogates) with U+FFFD, one change each run."""
    edits = [
        Edit(m.start(), m.group(), "\ufffd" * len(m.group()), DECODE_RULE, note)
        for m in pattern.finditer(doc.text)
    ]
    doc.apply("decode", edits)


def text_document(text: str, name: str = "", note: str = "lone surrogate in the text") -> Document:
    """``text`` as a document to clean, its lone surrogates (what decoding with
    ``surrogateescape`` leaves for a byte it cannot read, and no encoder writes) put
    as U+FFFD, each run a recorded change; text that is not a str is an
    :class:`~cleanup.errors.ArgumentError`."""
    doc = Document(text, name)
    if _LONE_SURROGATE.search(text):
        replace_escapes(doc, _LONE_SURROGATE, note)
    return doc


def build_stage(config: StageConfig, timeout: float) -> Stage:
    """The stage ``config`` names, built; its rules are checked against its code."""
    from .stages import STAGES  # imported once a cleaner is built: ``cleanup --version`` needs none

    cls = STAGES.get(config.name)
    if cls is None:
        raise RuleError(f"unknown stage {config.name!r} (known: {', '.join(sorted(STAGES))})")
    return cls(config, timeout)


@dataclass(frozen=True, slots=True)
class Result:
    """Clean text and every change that made it, in the order they were made;
    and the suspects kept (changes whose ``after`` is their ``before``: a
    doubt left as it was, with its evidence).

    >>> result = Cleaner().clean("2月 11日")
    >>> result.text, [change.rule for change in result.changes]
    ('2月11日\\n', ['space-han-alnum', 'para-trim'])
    >>> [(s.rule, s.before, s.note) for s in Cleaner().clean("交通局局长").suspects]
    [('stutter-word', '局局', 'kept: words may meet: 局|局长')]
    """

    text: str
    changes: list[Change] = field(default_factory=list)
    suspects: list[Change] = field(default_factory=list)


class Cleaner:
    """Compile a profile once; clean many texts with it.

    ``rules`` adds rule files to the profile's, ``disable`` turns rules off by
    id; a broken rule file, or a rule without code, is a
    :class:`~cleanup.errors.RuleError` here, before any text is cleaned.

    >>> Cleaner().clean("2月 11日,会议召开。").text
    '2月11日，会议召开。\\n'
    >>> Cleaner(disable=["punct-comma-fullwidth"]).clean("2月 11日,会议召开。").text
    '2月11日,会议召开。\\n'
    """

    def __init__(
        self,
        profile: str | Path | Profile = "zh-news",
        rules: Iterable[str | Path] = (),
        disable: Iterable[str] = (),
        timeout: float = 2.0,
    ) -> None:
        if isinstance(timeout, bool) or not isinstance(timeout, (int, float)) or not 0 < timeout < math.inf:
            raise ArgumentError(f"timeout: give a positive number of seconds, not {timeout!r}")
        self.profile = profile if isinstance(profile, Profile) else load_profile(profile, rules, disable)
        self.shape = load_shape(self.profile.shape)  # the page-shape vocabulary (cleanup.shape)
        vocabulary(self.shape)  # its patterns of line roles, compiled now: a broken one fails here
        self.stages = [build_stage(s, timeout) for s in self.profile.stages]

    def run(self, doc: Document) -> Document:
        """Every stage in order; then, if the profile says so, settle passes over
        the output until one changes nothing.

        Stages can hand each other work (a stutter repaired makes a line a
        piece of a headline; a join puts a comma next to Han): settling makes
        clean text a fixed point, so cleaning it again changes nothing.  A
        settle pass rechecks a stage only where the text changed since the
        stage last looked at it (:meth:`~cleanup.stage.Stage.recheck`), and
        passes a stage by when nothing changed since: since it found nothing
        to change (:meth:`~cleanup.stage.Stage.note_clean`), or since its own
        edits for a stage that did not say so.
        """
        seen = [0] * len(self.stages)  # steps of doc each stage has looked at
        clean = [False] * len(self.stages)  # whether it then found nothing to change
        for n, stage in enumerate(self.stages):
            before = len(doc.steps)
            stage.run(doc)
            seen[n], clean[n] = self._looked(stage, doc, before)
        for _ in range(self.profile.settle_passes):
            made = len(doc.steps)
            for n, stage in enumerate(self.stages):
                if seen[n] < len(doc.steps):
                    before = len(doc.steps)
                    stage.recheck(doc, Touched(doc, seen[n], clean[n]))
                    seen[n], clean[n] = self._looked(stage, doc, before)
            if len(doc.steps) == made:
                break
        return doc

    @staticmethod
    def _looked(stage: Stage, doc: Document, before: int) -> tuple[int, bool]:
        """What ``stage`` has seen of ``doc`` after a run that found it at ``before``
        steps: up to now if it found nothing to change (none of its own edits
        left to look at), else up to ``before``."""
        if len(doc.steps) == before or stage.clean_at(doc) == len(doc.steps):
            return len(doc.steps), True
        return before, False

    def clean(self, text: str, name: str = "") -> Result:
        """Clean ``text``; ``name`` (a file name, say) is kept on the document for stages' notes."""
        doc = self.run(text_document(text, name))
        return Result(doc.text, doc.changes, doc.suspects)

    def articles(self, text: str, source: str = "") -> list[Article]:
        """Clean ``text``, a page, and return its articles in reading order (SPEC rule 20).

        ``source`` (a file name, say) is kept in each article with the span
        of ``text`` it came from.

        >>> [a.headline for a in Cleaner().articles("新春走基层\\n\\n本报记者 王磊\\n\\n会议召开。\\n")]
        ['新春走基层']
        """
        from .articles import CleanPage, page_articles
        from .shape import load_shape

        doc = self.run(text_document(text, source))
        page = CleanPage.from_changes(doc.raw, doc.text, doc.changes)
        return page_articles(page, source, shape=load_shape(self.profile.shape))
