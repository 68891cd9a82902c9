"""The base of every stage: what a stage is given, and what it must do."""

from __future__ import annotations

from typing import ClassVar

from .document import Document
from .rules import StageConfig


class Stage:
    """A stage reads ``doc.text``, decides, and applies one or more steps.

    It never reads files or flags: everything it needs is in its
    :class:`StageConfig` (rules and ``[params]`` from its rule file).
    """

    name: ClassVar[str] = ""

    def __init__(self, config: StageConfig, timeout: float) -> None:
        self.config = config
        self.timeout = timeout

    def run(self, doc: Document) -> Document:  # pragma: no cover - abstract
        raise NotImplementedError
