"""The stages; importing this module registers them by name."""

from . import debris, dedup, normalize, paragraphs

__all__ = ["debris", "dedup", "normalize", "paragraphs"]
