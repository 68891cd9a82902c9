"""Numbers as Chinese print them: a page's number (``十二``), a list item's (``（三）``, ``③``)."""

from __future__ import annotations

CN_DIGITS = {"〇": 0, "零": 0, "一": 1, "二": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9}


def page_number(printed: str) -> str:
    """The page a marker names, in ASCII digits where it can be read.

    >>> page_number("2"), page_number("十二"), page_number("二十"), page_number("A3")
    ('2', '12', '20', 'A3')
    """
    if printed.isascii():
        return printed
    if len(printed) == 1 and printed in CN_DIGITS:
        return str(CN_DIGITS[printed])
    tens, ten, ones = printed.partition("十")
    if ten and len(tens) <= 1 and len(ones) <= 1 and all(c in CN_DIGITS for c in tens + ones):
        return str((CN_DIGITS[tens] if tens else 1) * 10 + (CN_DIGITS[ones] if ones else 0))
    return printed


def item_number(printed: str) -> int | None:
    """The number of a list item's numeral (``3``, ``三``, ``十二``, ``③``), or None.

    >>> item_number("2"), item_number("十二"), item_number("③"), item_number("百")
    (2, 12, 3, None)
    """
    if len(printed) == 1 and "①" <= printed <= "⑳":
        return ord(printed) - ord("①") + 1
    value = page_number(printed)
    return int(value) if value.isascii() and value.isdigit() else None
