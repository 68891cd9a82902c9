"""Print an HTML page to PDF with headless Chromium and read it back with four real tools.

Each reader's text is kept exactly as the tool writes it (form feeds
included): that raw text is what the development set measures the cleaner on.

* ``pymupdf``: ``page.get_text()`` of every page, one after the other;
* ``pdfminer``: ``pdfminer.high_level.extract_text``;
* ``pdftotext``: poppler's ``pdftotext FILE.pdf -`` (default mode);
* ``tesseract``: ``pdftoppm -r 300 -png``, then ``tesseract PAGE.png - -l chi_sim``.
"""

from __future__ import annotations

import importlib.util
import logging
import os
import shutil
import subprocess
import tempfile
from pathlib import Path

EXTRACTORS = ("pymupdf", "pdfminer", "pdftotext", "tesseract")
OCR_DPI = 300

# what must be on the machine: (Debian package, how to tell it is there)
DEBIAN = (
    ("chromium", "chromium"),
    ("fonts-noto-cjk", "/usr/share/fonts/opentype/noto/NotoSerifCJK-Regular.ttc"),
    ("poppler-utils", "pdftotext"),
    ("tesseract-ocr", "tesseract"),
    ("tesseract-ocr-chi-sim", "chi_sim"),
)
PYTHON = (("pymupdf", "pymupdf"), ("pdfminer.six", "pdfminer"))


class MissingTools(Exception):
    """Some of the tools the generator needs are not installed."""


def _tessdata_has(lang: str) -> bool:
    if shutil.which("tesseract") is None:
        return False
    out = subprocess.run(["tesseract", "--list-langs"], capture_output=True, text=True, check=False)
    return lang in out.stdout.split()


def missing() -> list[str]:
    """One line per missing tool, saying how to install it."""
    lines = []
    for package, probe in DEBIAN:
        if probe.startswith("/"):
            ok = Path(probe).exists()
        elif probe == "chi_sim":
            ok = _tessdata_has("chi_sim")
        else:
            ok = shutil.which(probe) is not None
        if not ok:
            lines.append(f"missing {package}: apt-get install {package}")
    for package, module in PYTHON:
        if importlib.util.find_spec(module) is None:
            lines.append(f"missing {package}: pip install {package}  (or pip install -e '.[devset]')")
    return lines


def check() -> None:
    lines = missing()
    if lines:
        raise MissingTools("\n".join(lines))


def _run(cmd: list[str], **kw: object) -> subprocess.CompletedProcess[bytes]:
    result = subprocess.run(cmd, capture_output=True, check=False, **kw)  # type: ignore[call-overload]
    if result.returncode != 0:
        err = result.stderr.decode("utf-8", "replace").strip().splitlines()[-1:] or [""]
        raise RuntimeError(f"{cmd[0]} failed ({result.returncode}): {err[0]}")
    return result


def print_pdf(html: Path, pdf: Path) -> None:
    """Chromium prints ``html`` to ``pdf`` (no header or footer of its own)."""
    with tempfile.TemporaryDirectory() as profile:
        _run(["chromium", "--headless", "--no-sandbox", "--disable-gpu", "--no-pdf-header-footer",
              f"--user-data-dir={profile}", f"--print-to-pdf={pdf}", html.resolve().as_uri()])
    if not pdf.exists():
        raise RuntimeError(f"chromium wrote no {pdf}")


def read_pymupdf(pdf: Path) -> str:
    import pymupdf

    with pymupdf.open(pdf) as doc:
        return "".join(page.get_text() for page in doc)


def read_pdfminer(pdf: Path) -> str:
    from pdfminer.high_level import extract_text

    logging.getLogger("pdfminer").setLevel(logging.ERROR)  # it warns on every glyph of Chromium's fonts
    return str(extract_text(pdf))


def read_pdftotext(pdf: Path) -> str:
    return _run(["pdftotext", "-enc", "UTF-8", str(pdf), "-"]).stdout.decode("utf-8")


def read_tesseract(pdf: Path) -> str:
    with tempfile.TemporaryDirectory() as tmp:
        _run(["pdftoppm", "-r", str(OCR_DPI), "-png", str(pdf), f"{tmp}/page"])
        pages = sorted(Path(tmp).glob("page*.png"))
        return "".join(
            _run(["tesseract", str(png), "-", "-l", "chi_sim"], env={**os.environ, "OMP_THREAD_LIMIT": "1"})
            .stdout.decode("utf-8")
            for png in pages
        )


READERS = {"pymupdf": read_pymupdf, "pdfminer": read_pdfminer, "pdftotext": read_pdftotext,
           "tesseract": read_tesseract}


def versions() -> dict[str, str]:
    """The version of every tool that made a page (extractor output may change with them)."""
    out: dict[str, str] = {}
    try:
        out["chromium"] = _run(["chromium", "--version"]).stdout.decode().strip()
    except (RuntimeError, OSError):
        out["chromium"] = "?"
    for name, cmd in (("pdftotext", ["pdftotext", "-v"]), ("tesseract", ["tesseract", "--version"])):
        r = subprocess.run(cmd, capture_output=True, text=True, check=False)
        out[name] = (r.stdout + r.stderr).strip().splitlines()[0] if (r.stdout + r.stderr).strip() else "?"
    try:
        import pymupdf

        out["pymupdf"] = str(pymupdf.__version__)
    except ImportError:
        out["pymupdf"] = "?"
    try:
        import pdfminer

        out["pdfminer.six"] = str(pdfminer.__version__)
    except ImportError:
        out["pdfminer.six"] = "?"
    return out
