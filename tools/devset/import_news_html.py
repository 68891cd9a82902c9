"""Write news web pages as a source folder for ``make_devset.py --sources``.

    python tools/devset/import_news_html.py OUT.txt PAGE.html...

Each page becomes one article of OUT.txt: its headline on a line of its own
after ``# ``, then its body paragraphs one a line, a blank line after it.  The
body is the ``<p>`` elements of the element whose ``<p>`` children hold the
most Han characters; a paragraph is kept when it ends like a sentence and
carries none of the web page's own furniture (editor, source, share or QR-code
lines), so that only the article's own wording is typeset.  Its characters
are put in their clean form (SPEC.md rules 5-10: no space beside Chinese
punctuation or between Han and Latin, Chinese punctuation in Chinese context,
ASCII Latin and digits), so that what is typeset is gold as it stands.
Stdlib only.
"""

from __future__ import annotations

import re
import sys
from collections import defaultdict
from html.parser import HTMLParser
from pathlib import Path

VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "param", "source",
        "track", "wbr"}
HIDDEN = {"script", "style", "noscript"}
SENTENCE_END = re.compile(r"[。！？…”’）」)]$")
HAN = re.compile(r"[\u4e00-\u9fff]")
FURNITURE = re.compile(r"责任编辑|编辑[:：]|来源[:：]|原标题|本文来源|点击|扫描|二维码|关注|版权|免责|转载|作者[:：]"
                       r"|图片来源|微信|微博|APP|app|©|http|www\.|\.com|举报|分享|返回|下载|▲")
GENERIC_TITLE = {"新闻中心"}


class _Page(HTMLParser):
    """The text of every ``<p>`` with the element it sits in, the ``<h1>``s and the ``<title>``."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.stack: list[tuple[str, int]] = []
        self.count = 0
        self.hidden = 0
        self.paragraphs: list[tuple[int, str]] = []
        self.para: list[str] | None = None
        self.para_parent = 0
        self.h1: list[str] = []
        self.in_h1 = False
        self.title = ""
        self.in_title = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in VOID:
            if tag == "br" and self.para is not None:
                self.para.append("\n")
            return
        self.count += 1
        self.hidden += tag in HIDDEN
        if tag == "p":
            self.para, self.para_parent = [], self.stack[-1][1] if self.stack else 0
        if tag == "h1":
            self.in_h1 = True
            self.h1.append("")
        self.in_title = self.in_title or tag == "title"
        self.stack.append((tag, self.count))

    def handle_endtag(self, tag: str) -> None:
        if tag in VOID:
            return
        for i in range(len(self.stack) - 1, -1, -1):
            if self.stack[i][0] != tag:
                continue
            for t, _ in self.stack[i:]:  # close what was left open inside it too
                self.hidden -= t in HIDDEN
                if t == "p" and self.para is not None:
                    self.paragraphs.append((self.para_parent, "".join(self.para)))
                    self.para = None
                self.in_h1 = self.in_h1 and t != "h1"
                self.in_title = self.in_title and t != "title"
            del self.stack[i:]
            return

    def handle_data(self, data: str) -> None:
        if self.hidden:
            return
        if self.para is not None:
            self.para.append(data)
        if self.in_h1:
            self.h1[-1] += data
        if self.in_title:
            self.title += data


CJK = "\u4e00-\u9fff"
CJK_PUNCT = "，。、；：？！“”‘’（）《》【】…—·"
FULL_TO_ASCII = {c: c - 0xFEE0 for c in range(0xFF10, 0xFF5B) if chr(c - 0xFEE0).isalnum()}
TO_FULL = str.maketrans(",;:?!", "，；：？！")


def _clean(s: str) -> str:
    """One line's clean form (SPEC.md rules 5-10)."""
    s = re.sub(r"\s+", " ", s.replace("\u3000", " ")).strip().translate(FULL_TO_ASCII)
    s = re.sub(rf"(?<=[{CJK}{CJK_PUNCT}]) (?=[0-9A-Za-z])|(?<=[0-9A-Za-z]) (?=[{CJK}{CJK_PUNCT}])", "", s)
    s = re.sub(rf"(?<=[{CJK}{CJK_PUNCT}])[,;:?!]|[,;:?!](?=[{CJK}{CJK_PUNCT}])",
               lambda m: m.group().translate(TO_FULL), s)
    s = re.sub(rf" (?=[{CJK_PUNCT}])|(?<=[{CJK_PUNCT}]) ", "", s)
    if re.search(f"[{CJK}]", s) and s.count('"') % 2 == 0:
        quotes = iter("“”" * s.count('"'))
        s = re.sub('"', lambda m: next(quotes), s)
    return re.sub(rf"\(([^()]*[{CJK}][^()]*)\)|(?<=[{CJK}])\(([^()]*)\)",
                  lambda m: "（" + (m.group(1) or m.group(2) or "") + "）", s)


def article(html: str) -> tuple[str, list[str]]:
    """(headline, body paragraphs) of one news page."""
    page = _Page()
    page.feed(html)
    by_parent: dict[int, list[str]] = defaultdict(list)
    for parent, text in page.paragraphs:
        by_parent[parent].append(text)
    body = max(by_parent.values(), key=lambda ts: sum(len(HAN.findall(t)) for t in ts), default=[])
    paragraphs = [s for t in body for s in map(_clean, t.split("\n"))
                  if len(s) >= 8 and SENTENCE_END.search(s) and HAN.search(s) and not FURNITURE.search(s)]
    heads = [h for h in map(_clean, page.h1) if h and h not in GENERIC_TITLE]
    title = heads[0] if heads else re.split(r"[_|]", _clean(page.title))[0].strip()
    title = re.sub(r"-[^-，。！？：]{2,14}$", "", title)  # the site's name after the headline
    return re.sub(r"^\[[^]]*\]", "", title), paragraphs


def main(argv: list[str]) -> int:
    if len(argv) < 2:
        print(__doc__, file=sys.stderr)
        return 2
    out = []
    for name in argv[1:]:
        raw = Path(name).read_bytes()
        try:
            html = raw.decode("utf-8")
        except UnicodeDecodeError:
            html = raw.decode("gb18030", errors="replace")
        title, paragraphs = article(html)
        if title and len(paragraphs) >= 2:
            out.append("\n".join([f"# {title}", *paragraphs]))
        else:
            print(f"import_news_html: {name}: no article found, left out", file=sys.stderr)
    Path(argv[0]).write_text("\n\n".join(out) + "\n", encoding="utf-8")
    print(f"{len(out)} articles, {sum(a.count(chr(10)) for a in out)} paragraphs in {argv[0]}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
