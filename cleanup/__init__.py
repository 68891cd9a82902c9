"""cleanup: raw Chinese newspaper text in, clean and explained text out.

:func:`clean` gives the clean text, with the default profile:

>>> from cleanup import Cleaner, clean
>>> clean("本报讯(记者 云静)2月 11日上午,会议召开。")
'本报讯（记者 云静）2月11日上午，会议召开。\\n'

A :class:`Cleaner` compiles a profile once, with rules added or turned off
by id, and cleans many texts; its :class:`Result` holds the clean text and
every :class:`Change` that made it, in order:

>>> result = Cleaner(disable=["t2s"]).clean("經濟發展,會議召開。")
>>> result.text
'經濟發展，會議召開。\\n'
>>> [(c.rule, c.start, c.end, c.before, c.after) for c in result.changes]
[('punct-comma-fullwidth', 4, 5, ',', '，'), ('para-trim', 10, 10, '', '\\n')]

A change's ``start:end`` is its span of the raw input; ``note`` gives the
evidence behind a decision.  The changes rebuild the input exactly:

>>> change = Cleaner().clean("会议召开。\\n\\n■下转第2版").changes[0]
>>> change.rule, change.before, change.note
('marker-page-jump', '\\n\\n■下转第2版', 'page 2')
>>> from cleanup.document import undo
>>> undo(result.text, result.changes)
'經濟發展,會議召開。'

:meth:`Cleaner.articles` reads a page as articles (SPEC rule 20), each a view
over the clean text with the span of the raw input it came from:

>>> page = "推进高质量发展\\n\\n会议召开。会议指出，要加强合作。\\n\\n■下转第2版"
>>> [(a.headline, a.jump_to, a.span) for a in Cleaner().articles(page)]
[('推进高质量发展', 2, (0, 33))]
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

    >>> clean("漢字簡體,2024年ＡＰＰ。")
    '汉字简体，2024年APP。\\n'
    """
    key = str(profile)
    if key not in _default:
        _default[key] = Cleaner(profile)
    return _default[key].clean(text).text
