"""Start-up (issue 8): one page imports only what cleaning needs; the program skips the teardown."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

# modules that only some runs need (--diff, a first run that parses the rule
# files and writes the disk cache, --jsonl, --dedup-across), each imported
# where it is used
NOT_FOR_ONE_PAGE = ("difflib", "tempfile", "secrets", "tomllib", "cleanup.corpus", "cleanup.archive")

# (what the interpreter imported before, site's own imports, does not count)
PROBE = """
import json, sys
before = set(sys.modules)
from cleanup import cli
code = cli.main(sys.argv[1:])
print(json.dumps([code, sorted(m for m in {modules!r} if m in sys.modules and m not in before)]),
      file=sys.stderr)
"""


def imported_by(args: list[str], cache_dir: Path) -> tuple[int, list[str]]:
    """The exit code of ``cleanup ARGS`` and which of NOT_FOR_ONE_PAGE it imported."""
    env = {**os.environ, "CLEANUP_CACHE_DIR": str(cache_dir)}
    probe = PROBE.format(modules=NOT_FOR_ONE_PAGE)
    done = subprocess.run([sys.executable, "-c", probe, *args], env=env, capture_output=True,
                          text=True, check=True)
    code, modules = json.loads(done.stderr.splitlines()[-1])
    return code, modules


def test_cleaning_a_page_imports_no_module_it_does_not_need(tmp_path):
    page = tmp_path / "page.txt"
    page.write_text("本报讯（记者 云静）2月 11日下午，会议召开。\n", encoding="utf-8")
    imported_by([str(page)], tmp_path)  # the first run writes the lexicon cache
    assert imported_by([str(page)], tmp_path) == (0, [])
    assert imported_by(["--diff", str(page)], tmp_path) == (0, ["difflib"])


def test_only_the_program_freezes_what_it_made_before_it_exits(tmp_path):
    """The program spares the exiting interpreter its teardown; main() called
    in a process that goes on (these tests) must not freeze that process."""
    page = tmp_path / "page.txt"
    page.write_text("会议召开。\n", encoding="utf-8")
    probe = ("import gc, sys\nfrom cleanup import cli\nhow = sys.argv.pop(1)\n"
             "code = cli.main() if how == 'program' else cli.main(sys.argv[1:])\n"
             "print(code, gc.get_freeze_count() > 0)")
    env = {**os.environ, "CLEANUP_CACHE_DIR": str(tmp_path)}
    for how, frozen in (("program", "True"), ("call", "False")):
        done = subprocess.run([sys.executable, "-c", probe, how, str(page)], env=env,
                              capture_output=True, text=True, check=True)
        assert done.stdout.splitlines()[-1] == f"0 {frozen}"
