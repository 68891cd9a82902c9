"""The stages; importing this module registers them by name."""

from . import normalize

__all__ = ["normalize"]
