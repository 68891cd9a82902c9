"""How far word and character evidence can go on paste pages whose two articles are cut from one work.

    python tools/dedup_evidence.py              # devset pool, 2,000 pages a half (needs numpy)

On a development page with two articles of 祝福 (or of 阿司匹林), the
dedup stage keeps the right copy about 4 times in 5 (``tools/dedup_check.py``).
This asks whether more of the same kind of evidence would do better.  For
each such page where the two copies stand in places the stage cannot tell
apart (:class:`~cleanup.stages.copy_fit.Place`), it measures each copy's
overlap with its article: shares of its mates' character 1-, 2- and
3-grams (by rarity, nearest 1, 2, 4 and 8 mates on each side), of its
headline block's, its cosine with its two neighbours and theirs with each
other (continuity: a paste sits between two paragraphs written to follow
each other), its mean cosine with the article's body, the stage's own
fit, the article's size and whether the copy stands at its edge.  A
logistic regression on the differences between the two copies, fitted on
the ``tune`` half, is scored on the ``held`` half, next to the stage's fit
alone on the same pages.  If the regression does no better, these kinds of
evidence are spent on such pages.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests"))
sys.path.insert(0, str(ROOT / "tools"))

from dedup_check import dedup_stage  # noqa: E402
from pastegen import HALVES, paste_pages  # noqa: E402

from cleanup.document import Document  # noqa: E402
from cleanup.shape import lines  # noqa: E402
from cleanup.stages.copy_fit import Fit, Page  # noqa: E402
from cleanup.stages.dedup import Dedup  # noqa: E402

SCORE = 24  # the stage's fit among the measures


def measures(fit: Fit, i: int, page: Page, skip: set[int]) -> list[float]:
    """What paragraph ``i`` shares with its article (the module's docstring), in a fixed order."""
    art = page.article(i)
    body = [j for j in art.body if j not in skip]
    at = sum(1 for j in body if j < i)
    before, after = body[at - 1] if at else None, body[at] if at < len(body) else None
    found: list[float] = []
    for n in (1, 2, 3):
        read = page.read_by(n)
        for context in (1, 2, 4, 8):
            mates = [(j, k) for side in (body[:at][::-1], body[at:]) for k, j in enumerate(side[:context], 1)]
            found.append(fit.shared(i, mates, read))
        head = set().union(*(read.grams[j] for j in art.head))
        found.append(read.mass(read.grams[i] & head) / (read.mass(head) or 1) if head else 0.0)
        found.append(sum(read.cosine(i, j) for j in (before, after) if j is not None))
        found.append(read.cosine(before, after) if before is not None and after is not None else 0.0)
        found.append(sum(read.cosine(i, j) for j in body) / max(1, len(body)))
    return found + [fit.score(i, page, skip), len(body), float(before is None), float(after is None)]


def page_of(stage: Dedup, text: str) -> Page:
    """The page the stage reads in ``text``, its paragraphs and articles."""
    doc = Document(text)
    paras = lines(doc.text)
    return stage.page(doc, paras, stage.keys_of(paras, stage.memo_for(doc)))


def pairs(stage: Dedup, half: str, count: int, seed: int) -> list[tuple[list[float], list[float]]]:
    """``(original's measures, paste's)`` on the one-work pages of ``half`` whose copies' places are equal."""
    fit = stage.fit
    assert fit is not None
    found = []
    for pasted in paste_pages("devset", count, seed, half):
        if not pasted.one_work:
            continue
        page = page_of(stage, pasted.text)
        skip = {pasted.original, pasted.paste}
        if fit.place(pasted.original, page, skip) == fit.place(pasted.paste, page, skip):
            found.append((measures(fit, pasted.original, page, skip), measures(fit, pasted.paste, page, skip)))
    return found


def main() -> None:
    import numpy as np

    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--pages", type=int, default=2000, help="pages a half (default 2000)")
    ap.add_argument("--seed", type=int, default=18)
    args = ap.parse_args()
    stage = dedup_stage()
    data = {}
    for half in HALVES:
        got = pairs(stage, half, args.pages, args.seed)
        diff = np.array([o for o, _ in got]) - np.array([p for _, p in got])
        data[half] = (np.vstack([diff, -diff]), np.r_[np.ones(len(diff)), np.zeros(len(diff))])
    scale = data["tune"][0].std(0) + 1e-9
    x, y = data["tune"][0] / scale, data["tune"][1]
    w = np.zeros(x.shape[1])
    for _ in range(3000):  # logistic regression, strongly regularised: 28 measures, some 550 pages
        p = 1 / (1 + np.exp(-x @ w))
        w -= 0.1 * (x.T @ (p - y) + 100 * w) / len(y)
    for half in HALVES:
        x, y = data[half][0] / scale, data[half][1]
        pages = len(y) // 2
        right = ((x @ w > 0) == (y == 1))[:pages].mean()
        alone = ((x[:pages, SCORE] > 0) + 0.5 * (x[:pages, SCORE] == 0)).mean()  # a tie: the first copy stays
        print(f"devset/{half}: one-work pages whose copies' places are equal: {pages}; right copy by "
              f"the stage's fit {alone:.2%}, by a regression on {x.shape[1]} measures (fitted on tune) {right:.2%}")


if __name__ == "__main__":
    main()
