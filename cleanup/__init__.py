"""cleanup: raw Chinese newspaper text in, clean and explained text out.

>>> from cleanup import clean
>>> clean("本报讯(记者 云静)2月 11日上午,会议召开。")
'本报讯（记者 云静）2月11日上午，会议召开。\\n'
"""

from __future__ import annotations

from pathlib import Path

from .document import Change
from .errors import CleanupError
from .pipeline import Cleaner, Result

__all__ = ["clean", "Cleaner", "Result", "Change", "CleanupError"]
__version__ = "0.1.0"

_default: dict[str, Cleaner] = {}


def clean(text: str, profile: str | Path = "zh-news") -> str:
    """Clean ``text`` with ``profile`` and return the clean text.

    The :class:`Cleaner` for a profile is built once and reused.
    """
    key = str(profile)
    if key not in _default:
        _default[key] = Cleaner(profile)
    return _default[key].clean(text).text
