"""Paragraph copies for the dedup tests: a body paragraph, another, and copies of it
with a few characters changed."""

from __future__ import annotations

# A body paragraph long enough (>60 characters) that a few changed characters keep it a copy.
BODY = ("举办基层业务骨干培训班3期，参训300余人次，投入714万元完成453家退役军人服务站基础和"
        "政治文化环境标准化规范化建设，实现了场所融合、资源共享。")
OTHER = "今年全市共举办招聘会43场，提供岗位4.3万个，1576人达成就业意向。"

NUMERALS = set("0123456789〇零一二三四五六七八九十百千万亿两")


def change_one(text: str, count: int) -> str:
    """``text`` with ``count`` characters replaced, spread over its length; never a
    numeral (the next character instead): a copy with a number changed is another paragraph."""
    chars = list(text)
    step = len(chars) // (count + 1)
    for n in range(1, count + 1):
        at = n * step
        while chars[at] in NUMERALS:
            at += 1
        chars[at] = "甲" if chars[at] != "甲" else "乙"
    return "".join(chars)
