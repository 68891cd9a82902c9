"""Check a user's rule file as the test suite checks the packaged ones
(``tests/test_rule_examples.py``).

Each example runs through its rule's whole stage, as the profile configures
it: the output must be the example's, the rule must fire, undoing the
changes must give the input back, and cleaning the output again must change
nothing.  Each ``keep`` string must pass the stage with no change by the
rule.  A rule marked ``xfail`` must fail each of its examples.

``cleanup rules check FILE`` reports every failure, one line each; a run
with ``--rules FILE`` checks that file's rules before it cleans anything and
stops at a failure: an example is a rule's proof, and a rule whose proof
fails could rewrite text it was never meant to touch.  A rule file's
examples are few and short: checking one costs well under a millisecond
a rule.  (The rule files a profile of one's own names are checked with
``cleanup rules check FILE --profile PROFILE``.)
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

from .document import Document, undo
from .errors import CleanupError, RuleError
from .pipeline import Cleaner, Stage
from .report import show
from .rules import Rule

SHOWN = 40  # characters of a text shown in a failure line


class RuleCheckError(RuleError):
    """A user rule's example or keep fails."""


@dataclass(frozen=True)
class Failure:
    """One failing example or keep: where its rule is, and what went wrong."""

    source: str  # the rule file
    at: int  # the line of the rule's id in it (0: not found)
    rule: str
    what: str  # "example 1 '…' gives '…', not '…'"
    fix: str

    @property
    def where(self) -> str:
        return f"{self.source}:{self.at}" if self.at else self.source

    def line(self) -> str:
        return f"cleanup: error: {self.where}: rule {self.rule}: {self.what} ({self.fix})"


@dataclass(frozen=True)
class Report:
    rules: int
    examples: int
    keeps: int
    failures: list[Failure]


def quoted(text: str) -> str:
    """``text`` on one line, in quotes, cut to :data:`SHOWN` characters."""
    s = show(text)
    return repr(s if len(s) <= SHOWN else s[:SHOWN] + "…")


def rule_problems(rule: Rule, stage: Stage) -> Iterator[tuple[str, str]]:
    """``(what, fix)`` for each of the rule's examples and keeps that fails."""
    for n, (raw, expected) in enumerate(rule.examples, 1):
        problem = example_problem(rule, stage, raw, expected, n)
        if rule.xfail and problem is None:
            yield f"example {n} passes, but the rule is marked xfail", "drop xfail = true"
        elif problem is not None and not rule.xfail:
            yield problem
    for n, kept in enumerate(rule.keep, 1):
        try:
            doc = stage.run(Document(kept))
        except CleanupError as e:
            yield f"keep {n}: {own_message(rule, e)}", "fix the rule"
            continue
        if any(c.rule == rule.id for c in doc.changes):
            yield f"keep {n} {quoted(kept)} is changed to {quoted(doc.text)}", "fix the rule, or the keep"


def example_problem(rule: Rule, stage: Stage, raw: str, expected: str, n: int) -> tuple[str, str] | None:
    try:
        doc = stage.run(Document(raw))
        if doc.text != expected:
            return (f"example {n} {quoted(raw)} gives {quoted(doc.text)}, not {quoted(expected)}",
                    "fix the example or the rule")
        if not any(c.rule == rule.id for c in doc.changes):
            return (f"example {n}: the rule did not fire (other rules of stage {rule.stage} "
                    "gave the output)", "give an example this rule changes")
        back = undo(doc.text, doc.changes)
        if back != raw:
            return (f"example {n}: undoing its changes gives {quoted(back)}, not the input",
                    f"a bug in stage {rule.stage}: please report it")
        again = stage.run(Document(doc.text)).text
        if again != doc.text:
            return (f"example {n}: cleaning its output again changes it to {quoted(again)}",
                    "make the rule leave its own output alone")
    except CleanupError as e:  # a pattern that runs over --timeout, say
        return f"example {n}: {own_message(rule, e)}", "fix the rule"
    return None


def own_message(rule: Rule, e: CleanupError) -> str:
    """``e``'s message, less the rule's id if it names ``rule``: the failure's line gives it already."""
    return e.reason if isinstance(e, RuleError) and e.rule == rule.id else e.message


def rule_lines(source: str) -> dict[str, int]:
    """The line of each ``id = "…"`` in a rule file (0 if it cannot be read)."""
    try:
        text = Path(source).read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError):
        return {}
    found: dict[str, int] = {}
    for m in re.finditer(r"""^[ \t]*id[ \t]*=[ \t]*["']([^"'\n]+)["']""", text, re.M):
        found.setdefault(m.group(1), text.count("\n", 0, m.start()) + 1)
    return found


def check_rules(cleaner: Cleaner, rules: Iterable[Rule]) -> Report:
    """Run ``rules``' examples and keeps through ``cleaner``'s stages."""
    stages = dict(zip((s.name for s in cleaner.profile.stages), cleaner.stages))
    lines: dict[str, dict[str, int]] = {}
    failures: list[Failure] = []
    counted = examples = keeps = 0
    for rule in rules:
        counted += 1
        examples += len(rule.examples)
        keeps += len(rule.keep)
        if rule.source not in lines:
            lines[rule.source] = rule_lines(rule.source)
        at = lines[rule.source].get(rule.id, 0)
        for what, fix in rule_problems(rule, stages[rule.stage]):
            failures.append(Failure(rule.source, at, rule.id, what, fix))
    return Report(counted, examples, keeps, failures)


def rules_from(cleaner: Cleaner, files: Iterable[str]) -> list[Rule]:
    """The rules of ``cleaner`` that the rule files ``files`` added."""
    sources = {str(Path(f)) for f in files}
    return [r for r in cleaner.profile.rules() if r.source in sources]


def check_file(path: str, profile: str = "zh-news", disable: Iterable[str] = (),
               timeout: float = 2.0) -> Report:
    """Check every rule of the rule file ``path``, added to ``profile``."""
    cleaner = Cleaner(profile, [path], disable, timeout)
    return check_rules(cleaner, rules_from(cleaner, [path]))


def check_before_a_run(cleaner: Cleaner, files: Iterable[str]) -> None:
    """Stop a run whose added rule files (``--rules``) fail their examples:
    raise for the first failure, saying how to see them all."""
    rules = rules_from(cleaner, files)
    if not rules:
        return
    failures = check_rules(cleaner, rules).failures
    if failures:
        first = failures[0]
        more = f"; {len(failures) - 1} more fail" if len(failures) > 1 else ""
        raise RuleCheckError(f"{first.what} ({first.fix}{more}; cleanup rules check {first.source} "
                             "lists every failure)", first.where, rule=first.rule)
