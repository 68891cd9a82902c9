"""The stages; importing this module registers them by name."""

from . import dedup, normalize

__all__ = ["dedup", "normalize"]
