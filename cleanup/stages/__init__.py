"""The stages, by the name a profile gives them."""

from __future__ import annotations

from ..stage import Stage
from .debris import Debris
from .dedup import Dedup
from .fragments import Fragments
from .normalize import Normalize
from .paragraphs import Paragraphs
from .stutter import Stutter

STAGES: dict[str, type[Stage]] = {
    cls.name: cls for cls in (Normalize, Debris, Paragraphs, Fragments, Dedup, Stutter)
}
