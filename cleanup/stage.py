"""The base of every stage, and the registry tying a rule id to the code that runs it.

A rule of kind ``regex``, ``map``, ``nfc`` or ``opencc`` is run from its
data alone, by a stage that lists the kind in :attr:`Stage.kinds`.  A rule
of kind ``param`` is run by code of its stage: the one method marked
``@handles("rule-id")``.  That is the only place the code names the rule:

    class Debris(Stage):
        @handles("marker-page-jump")
        def page_jump(self, rule: Rule) -> Step:
            settings = self.settings(rule)      # the rule's own params
            ...
            return step                         # what the stage runs for the rule

A handler is called once, when the stage is built, and only if its rule
is enabled; what it returns is the rule's code, in whatever shape its
stage runs.  Building a stage refuses a rule without code and code
without a rule (a handler whose rule no rule file of the stage defines);
a rule that is only disabled is fine.
"""

from __future__ import annotations

import threading
from bisect import bisect_left, bisect_right
from operator import itemgetter
from typing import Any, Callable, ClassVar, Protocol, Sequence, TypeVar

from .document import Document
from .errors import RuleError
from .rules import Params, Rule, StageConfig
from .shape import load_shape

T = TypeVar("T")
_AFTER = itemgetter(2)  # an Edit's after, read in C: a settle pass joins those of hundreds
Memo = TypeVar("Memo")
Handler = TypeVar("Handler", bound=Callable[..., Any])


def handles(rule_id: str) -> Callable[[Handler], Handler]:
    """Mark a stage method ``(self, rule) -> code`` as the code of rule ``rule_id``."""

    def mark(method: Handler) -> Handler:
        method.rule_id = rule_id  # type: ignore[attr-defined]
        return method

    return mark


class _LastDocument(threading.local):
    """The document a stage last ran on in one thread, what it kept about it, and
    when it last found nothing in a document to change."""

    doc: Document | None = None
    memo: Any = None
    clean_doc: Document | None = None
    clean_at: int = -1  # steps of clean_doc then


class Spanned(Protocol):
    """A line of a text: where it starts and ends (:class:`~cleanup.shape.Line`)."""

    @property
    def start(self) -> int: ...

    @property
    def end(self) -> int: ...


class Touched:
    """Where a document changed since a stage last looked at it, as a settle pass
    tells :meth:`Stage.recheck`.

    ``spans`` are the spans of the current text written since then (an empty
    one where text was deleted), worked out when first asked for.  If
    ``was_clean``, the stage then found nothing to change: outside the spans
    it would find nothing now.  Otherwise it ran from there and its own edits
    are among the spans: a decision that reads one line at a time is still
    the same outside them, one that reads the page may not be.
    """

    def __init__(self, doc: Document, since: int, was_clean: bool) -> None:
        self.doc = doc
        self.since = since
        self.was_clean = was_clean
        self._spans: list[tuple[int, int]] | None = None

    @property
    def spans(self) -> list[tuple[int, int]]:
        if self._spans is None:
            self._spans = self.doc.changed_since(self.since)
        return self._spans

    @property
    def written(self) -> str:
        """Every text the steps since wrote, some of it perhaps gone again: whatever
        the text now holds that was written since is in it."""
        return "".join(["".join(map(_AFTER, step.edits)) for step in self.doc.steps[self.since:]])

    def lines(self, lines: Sequence[Spanned]) -> set[int]:
        """Indices of ``lines`` (in order, of the current text) that a span reaches,
        or the line breaks around them: a line whose text, and whose neighbours,
        may have changed."""
        found: set[int] = set()
        if not lines:
            return found
        starts = [line.start for line in lines]
        ends = [line.end for line in lines]
        last = len(lines) - 1
        for a, b in self.spans:
            # line i reaches from the end of line i-1 to the start of line i+1
            first = max(0, bisect_left(starts, a) - 1)
            found.update(range(first, min(last, bisect_right(ends, b)) + 1))
        return found


class Stage:
    """A stage reads ``doc.text``, decides, and applies one or more steps.

    It never reads files or flags: everything it needs is in its
    :class:`StageConfig` (rules and ``[params]`` from its rule files) and
    in the page-shape vocabulary its profile names (``self.shape``, see
    :mod:`cleanup.shape`).
    One stage may clean documents in several threads at once: what it
    keeps about a document lives in :meth:`per_document`, one per thread.

    :meth:`run` cleans a document; a profile's settle pass then calls
    :meth:`recheck` with where the text changed since, which a stage may
    narrow its work to.  A stage that ends its run with a look that finds
    nothing more to change says so (:meth:`note_clean`): the settle pass
    then passes it by unless another stage changes the text.
    """

    name: ClassVar[str] = ""
    kinds: ClassVar[tuple[str, ...]] = ()  # rule kinds run from their data (see compile_rule)
    handlers: ClassVar[dict[str, str]] = {}  # rule id -> the name of the method that handles it

    def __init_subclass__(cls, **kwargs: Any) -> None:
        super().__init_subclass__(**kwargs)
        handlers: dict[str, str] = {}
        for klass in reversed(cls.__mro__):
            for attr, value in vars(klass).items():
                rule_id = getattr(value, "rule_id", None)
                if isinstance(rule_id, str):
                    if handlers.get(rule_id, attr) != attr:
                        raise TypeError(f"{cls.__name__}: {handlers[rule_id]} and {attr} both handle {rule_id}")
                    handlers[rule_id] = attr
        cls.handlers = handlers

    def __init__(self, config: StageConfig, timeout: float) -> None:
        self.config = config
        self.timeout = timeout
        self.enabled = {r.id: r for r in config.rules}
        self.shape = load_shape(config.shape)
        self.last_document = _LastDocument()
        self.check_rules()

    def per_document(self, doc: Document, make: Callable[[], Memo]) -> Memo:
        """What the stage keeps about ``doc`` (its memo): made by ``make()`` when
        ``doc`` is not the document the stage last ran on in this thread.

        A memo serves one document's rounds and its profile's settle passes,
        which ask again about the same text; one per thread, so that threads
        sharing a stage never drop each other's.
        """
        last = self.last_document
        if last.doc is not doc:
            last.memo = make()
            last.doc = doc
        return last.memo

    def note_clean(self, doc: Document) -> None:
        """Note that the stage, looking at ``doc`` as it is now, found nothing to change."""
        last = self.last_document
        last.clean_doc, last.clean_at = doc, len(doc.steps)

    def clean_at(self, doc: Document) -> int:
        """How many steps ``doc`` had when the stage, in this thread, last found
        nothing in it to change (:meth:`note_clean`); -1 if it never did."""
        last = self.last_document
        return last.clean_at if last.clean_doc is doc else -1

    def check_rules(self) -> None:
        """Refuse a rule the stage has no code for, and code for a rule no rule file defines."""
        for rule in self.config.rules:
            if rule.kind == "param":
                if rule.id not in self.handlers:
                    raise RuleError(f"rule {rule.id}: stage {self.name} has no code for it", rule.source)
            elif rule.kind not in self.kinds:
                runs = f"it runs {', '.join(self.kinds)} and its own" if self.kinds else "it runs only its own"
                raise RuleError(f"rule {rule.id}: stage {self.name} has no code for kind {rule.kind!r} ({runs})",
                                rule.source)
        defined = {r.id for r in [*self.config.rules, *self.config.disabled] if r.kind == "param"}
        for rule_id, method in self.handlers.items():
            if rule_id not in defined:
                files = ", ".join(self.config.files) or "none"
                raise RuleError(f"stage {self.name}: {type(self).__name__}.{method} is the code of rule {rule_id}, "
                                f"which no rule file of the stage defines as kind 'param' (rule files: {files})")

    def compile_rule(self, rule: Rule) -> Any:
        """The code of a rule of one of :attr:`kinds`, made from its data alone."""
        raise NotImplementedError(f"stage {self.name} runs no rule kinds")

    def rule_code(self) -> dict[str, Any]:
        """The code of every enabled rule, by id, in rule-file order: a ``param``
        rule's as its handler makes it, any other's as :meth:`compile_rule` does."""
        return {
            r.id: getattr(self, self.handlers[r.id])(r) if r.kind == "param" else self.compile_rule(r)
            for r in self.config.rules
        }

    def code_of(self, handler: Callable[[Rule], T]) -> T | None:
        """What ``handler`` (a method marked with :func:`handles`) makes for its rule,
        or None when the rule is disabled."""
        rule = self.enabled.get(handler.rule_id)  # type: ignore[attr-defined]
        return None if rule is None else handler(rule)

    def settings(self, rule: Rule | None = None) -> Params:
        """The stage's ``[params]``, or ``rule``'s own ``params``."""
        if rule is None:
            return Params.of_stage(self.config, self.timeout)
        return Params.of_rule(rule, self.timeout)

    def run(self, doc: Document) -> Document:  # pragma: no cover - abstract
        raise NotImplementedError

    def recheck(self, doc: Document, touched: Touched) -> Document:
        """Run again over a text that changed where ``touched`` says since the stage
        last looked at it: the same edits as :meth:`run`, which this default is.
        A stage narrows the work where that cannot change a decision."""
        return self.run(doc)
