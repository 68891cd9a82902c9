"""One Cleaner shared by threads: the same results as one thread, and memos that
threads do not take from each other."""

from __future__ import annotations

import threading
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

from pagegen import make_pages

from cleanup import Cleaner
from cleanup.document import Document

DATA = Path(__file__).parent / "data"


def outcome(cleaner: Cleaner, raw: str) -> tuple[str, list[tuple[str, int, int, str]]]:
    result = cleaner.clean(raw)
    return result.text, [(c.rule, c.start, c.end, c.note) for c in result.changes]


def test_a_shared_cleaner_gives_each_thread_what_one_thread_gets():
    pages = [p.read_text(encoding="utf-8") for p in sorted((DATA / "samples").glob("*.txt"))]
    pages += [page.raw for _, page in make_pages(40)]
    alone = [outcome(Cleaner(), raw) for raw in pages]
    shared = Cleaner()
    with ThreadPoolExecutor(4) as pool:
        together = list(pool.map(lambda raw: outcome(shared, raw), pages * 2))
    assert together == alone * 2


def in_another_thread(work) -> None:
    worker = threading.Thread(target=work)
    worker.start()
    worker.join()


def test_each_thread_keeps_its_own_memo():
    stages = {s.name: s for s in Cleaner().stages}
    for name in ("paragraphs", "dedup"):
        stage = stages[name]
        mine, theirs = Document("会议符合法定\n\n人数。\n"), Document("会议圆满结束。\n")
        stage.run(mine)
        kept = stage.memo_for(mine)
        in_another_thread(lambda: stage.run(theirs))
        assert stage.memo_for(mine) is kept, name
    stutter = stages["stutter"]
    mine = Document("本次会议会议精神。\n")
    stutter.run(mine)
    kept = stutter.per_document(mine, dict)
    in_another_thread(lambda: stutter.run(Document("其他内容。\n")))
    assert stutter.per_document(mine, dict) is kept and kept


def test_a_new_document_in_the_same_thread_starts_a_new_memo():
    (stage,) = [s for s in Cleaner().stages if s.name == "paragraphs"]
    first, second = Document("会议召开。\n"), Document("会议召开。\n")
    stage.run(first)
    kept = stage.memo_for(first)
    stage.run(second)
    assert stage.memo_for(second) is not kept
