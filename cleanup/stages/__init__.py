"""The stages; importing this module registers them by name."""

from . import debris, dedup, fragments, normalize, paragraphs, stutter

__all__ = ["debris", "dedup", "fragments", "normalize", "paragraphs", "stutter"]
