"""Lay a :class:`~devset.page.Page` out as one HTML newspaper page for Chromium to print.

Body text is set in justified CSS columns (``Noto Serif CJK SC``), headlines
and furniture in ``Noto Sans CJK SC``.  The lead article's kicker, headline and
sub-headline run across all columns; the other articles have in-column
headlines, either flowing on in the same columns (``flow``) or in boxes side
by side below the lead (``boxes``).  The page is as tall as its content is
estimated to need, with room to spare: columns are balanced, so the spare
room stays blank at the bottom.
"""

from __future__ import annotations

from html import escape

from .fit import COLUMN_HEAD_SCALE, HEAD_SCALE, MARGIN, SMALL_HEAD_SCALE, page_width
from .page import Article, Block, Page, lead_heights

SERIF = '"Noto Serif CJK SC", serif'
SANS = '"Noto Sans CJK SC", sans-serif'


def content_height(page: Page) -> float:
    """Estimated height in px of everything typeset on ``page``."""
    m = page.metrics
    span, lead_body = lead_heights(m, page.articles[0], page.columns)
    h = 2 * MARGIN + 4 * m.font_px + span  # margins, folio, editor line
    if page.layout == "flow":
        return h + m.columns(lead_body + [b for a in page.articles[1:] for b in a.blocks], page.columns)
    boxes = max(m.columns([b for i in arts for b in page.articles[i].blocks], cols) for cols, arts in page.boxes)
    return h + m.columns(lead_body, page.columns) + m.font_px * 2 + boxes


def _css(page: Page) -> str:
    m = page.metrics
    fs = m.font_px
    height = int(content_height(page) + 2 * fs)
    return f"""
@page {{ size: {page_width(page.columns, m)}px {height}px; margin: 0; }}
body {{ margin: 0; padding: {MARGIN}px; font-family: {SERIF}; font-size: {fs}px;
       line-height: {m.line_height}; color: #111; }}
.folio {{ font-family: {SANS}; font-size: {fs * 0.9:.1f}px; border-bottom: 2px solid #222;
         padding-bottom: 3px; margin-bottom: {fs:.1f}px; }}
.folio.bottom {{ border-bottom: 0; border-top: 1px solid #222; margin-top: {fs:.1f}px; padding-top: 3px; }}
.spread {{ display: flex; justify-content: space-between; }}
.cols {{ column-gap: {fs * m.gap:.1f}px; column-rule: 1px solid #aaa; column-fill: balance; }}
.span {{ column-span: all; text-align: center; }}
p {{ margin: 0; text-align: justify; text-indent: {"2em" if m.indent else "0"}; }}
.kicker {{ font-family: {SANS}; font-size: {SMALL_HEAD_SCALE}em; text-indent: 0; text-align: center; }}
.sub {{ font-family: {SANS}; font-size: {SMALL_HEAD_SCALE}em; text-indent: 0; text-align: center; margin-bottom: .4em; }}
h1 {{ font-family: {SANS}; font-weight: 700; font-size: {HEAD_SCALE}em; line-height: 1.3;
      text-align: center; margin: .15em 0 .2em; }}
h2 {{ font-family: {SANS}; font-weight: 700; font-size: {COLUMN_HEAD_SCALE}em; line-height: 1.3;
      margin: .5em 0 .3em; text-align: center; break-after: avoid; }}
.byline {{ font-family: {SANS}; text-indent: 0; margin: .15em 0 .3em; }}
.subhead {{ font-family: {SANS}; font-weight: 700; text-indent: 0; margin: .3em 0 .1em; }}
.photo {{ background: linear-gradient(135deg, #9a9a9a, #e4e4e4); margin: .5em 0 .3em; break-inside: avoid; }}
.cap {{ font-family: {SANS}; font-size: .85em; text-indent: 0; }}
.credit {{ font-family: {SANS}; font-size: .85em; text-indent: 0; text-align: right; }}
.jump {{ font-family: {SANS}; font-size: .9em; text-indent: 0; text-align: right; }}
.editor {{ font-family: {SANS}; font-size: .85em; text-indent: 0; text-align: right; }}
.boxes {{ display: flex; gap: {fs * m.gap:.1f}px; border-top: 2px solid #222; margin-top: {fs:.1f}px;
          padding-top: {fs * 0.5:.1f}px; }}
.box + .box {{ border-left: 1px solid #aaa; padding-left: {fs * 0.6:.1f}px; }}
"""


def _folio(page: Page, where: str) -> str:
    """The folio line at ``where`` ("top" or "bottom"), with the editor's credit at the right
    end of a top folio; an editor's credit elsewhere has a line of its own."""
    editor = escape(page.editor.printed) if page.editor_at == where else ""
    alone = f'<p class="editor">{editor}</p>\n' if editor else ""
    if page.folio_at != where:
        return alone
    parts = page.folio.parts
    if page.folio_spread:
        inner = "".join(f"<span>{escape(p)}</span>" for p in parts)
    else:
        inner = f"<span>{escape(chr(0x3000).join(parts))}</span>"
    if where == "top" and editor:
        return f'<div class="folio spread">{inner}<span class="editor">{editor}</span></div>\n'
    folio = f'<div class="folio{" spread" if page.folio_spread else ""} {where}">{inner}</div>\n'
    return folio if where == "top" else alone + folio


def _blocks(blocks: list[Block], lead_head: bool) -> str:
    """HTML of an article's blocks; jump markers go inline where their style says."""
    out: list[str] = []
    prefix = ""
    for n, b in enumerate(blocks):
        t = escape(b.printed)
        nxt = blocks[n + 1] if n + 1 < len(blocks) else None
        if b.role == "jump" and b.style.get("inline"):
            if "上接" in b.printed:
                prefix = t
                continue
            if out and out[-1].startswith("<p>"):
                out[-1] = out[-1][:-4] + t + "</p>"
                continue
        if b.role == "jump":
            out.append(f'<p class="jump">{t}</p>')
        elif b.role == "kicker":
            out.append(f'<p class="kicker{" span" if lead_head else ""}">{t}</p>')
        elif b.role == "headline":
            out.append(f'<h1 class="span">{t}</h1>' if lead_head else f"<h2>{t}</h2>")
        elif b.role == "subheadline":
            out.append(f'<p class="sub{" span" if lead_head else ""}">{t}</p>')
        elif b.role == "byline":
            out.append(f'<p class="byline">{t}</p>')
        elif b.role == "subhead":
            out.append(f'<p class="subhead">{t}</p>')
        elif b.role == "photo":
            out.append(f'<div class="photo" style="height: {b.style["height"] * 1.5}em"></div>')
        elif b.role == "caption":
            if nxt is not None and nxt.role == "credit" and nxt.style.get("same_line"):
                t += "\u3000" + escape(nxt.printed)
            out.append(f'<p class="cap">{t}</p>')
        elif b.role == "credit":
            if not b.style.get("same_line"):
                out.append(f'<p class="credit">{t}</p>')
        else:
            out.append(f"<p>{prefix}{t}</p>")
            prefix = ""
    return "\n".join(out)


def _article(a: Article, lead: bool) -> str:
    return f"<article>\n{_blocks(a.blocks, lead)}\n</article>\n"


def render(page: Page) -> str:
    """The page as a complete HTML document."""
    parts = [f'<!DOCTYPE html>\n<html lang="zh-CN">\n<head>\n<meta charset="utf-8">\n'
             f"<title>{escape(page.folio.text)}</title>\n<style>{_css(page)}</style>\n</head>\n<body>\n",
             _folio(page, "top")]
    lead, rest = page.articles[0], page.articles[1:]
    parts.append(f'<main class="cols" style="column-count: {page.columns}">\n{_article(lead, True)}')
    if page.layout == "flow":
        parts += [_article(a, False) for a in rest]
        parts.append("</main>\n")
    else:
        parts.append('</main>\n<div class="boxes">\n')
        for cols, arts in page.boxes:
            parts.append(f'<section class="box cols" style="flex: {cols} {cols} 0; column-count: {cols}">\n')
            parts += [_article(page.articles[i], False) for i in arts]
            parts.append("</section>\n")
        parts.append("</div>\n")
    parts.append(_folio(page, "bottom"))
    parts.append("</body>\n</html>\n")
    return "".join(parts)
