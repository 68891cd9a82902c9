"""Articles written out: JSON Lines for programs, Markdown for people."""

from __future__ import annotations

import regex

from .articles import Article
from .changes import dump

# a paragraph opening that Markdown would read as markup (a heading, a quote, a list, a rule)
_MARKUP_START = regex.compile(r"^(?:[#>*+\-=_`|]|\d+[.)]\s)")


def to_jsonl(article: Article) -> bytes:
    """One JSON Lines record, UTF-8, with its line break."""
    return dump(article.record())


_MARKDOWN_CHARS = regex.compile(r"([\\*_`\[\]<])")  # escaped wherever they stand


def escape_markdown(text: str) -> str:
    """``text`` as a Markdown paragraph that reads as the text itself.

    >>> escape_markdown("#1 新闻"), escape_markdown("1. 第一"), escape_markdown("会议*重要*")
    ('\\\\#1 新闻', '1\\\\. 第一', '会议\\\\*重要\\\\*')
    """
    text = _MARKDOWN_CHARS.sub(r"\\\1", text)
    m = _MARKUP_START.match(text)
    if m is None:
        return text
    if m.group()[0].isdigit():
        digits = len(m.group()) - 2
        return text[:digits] + "\\" + text[digits:]
    return "\\" + text


def to_markdown(article: Article) -> str:
    """``#`` headline (kicker above it, sub-headlines under it), the byline in
    italics, then the paragraphs (in-body subheads as ``###``), captions as
    quotes and credits last; a comment names the page and the source.

    >>> print(to_markdown(Article(headline="标题", byline="本报记者 王磊", paragraphs=["正文。"])), end="")
    # 标题
    <BLANKLINE>
    *本报记者 王磊*
    <BLANKLINE>
    正文。
    """
    out: list[str] = []
    where = [x for x in (article.paper, article.date,
                         "、".join(f"第{p}版" for p in article.pages) or None,
                         article.section, article.source or None) if x]
    if where:
        out.append(f"<!-- {' · '.join(where).replace('--', '-')} -->")
    if article.kicker:
        out.append(escape_markdown(article.kicker))
    if article.headline:
        out.append("# " + escape_markdown(article.headline))
    out += ["## " + escape_markdown(s) for s in article.subheadlines]
    if article.byline:
        out.append(f"*{escape_markdown(article.byline)}*")
    subheads = set(article.subheads)
    for p in article.paragraphs:
        out.append(("### " if p in subheads else "") + escape_markdown(p))
    out += ["> " + escape_markdown(c) for c in article.captions]
    out += [escape_markdown(c) for c in article.credits]
    return "\n\n".join(out) + "\n"
