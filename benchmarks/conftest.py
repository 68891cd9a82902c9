"""Print the throughput the benchmarks recorded (MB/s, pages/s) and the target ratios,
and the time of each shape of the same text against the pages' (bench_shapes.py)."""

from __future__ import annotations

from typing import Any

FULL = "test_profile_pages"
REGEX = "test_anchor_regex_whitespace"
JIONLP = "test_anchor_jionlp_clean_text"


def pytest_terminal_summary(terminalreporter: Any) -> None:
    rows: dict[str, dict[str, Any]] = {}
    for report in terminalreporter.stats.get("passed", []):
        props = dict(report.user_properties)
        if report.when == "call" and "mb_per_s" in props:
            rows[report.nodeid.split("::")[-1]] = props
    if not rows:
        return
    shapes_summary(terminalreporter, rows)
    rows = {name: p for name, p in rows.items() if p.get("kind") != "shape"}
    if not rows:
        return
    write = terminalreporter.write_line
    terminalreporter.section("throughput (median round)")
    write(f"{'benchmark':42} {'kind':8} {'MB':>7} {'MB/s':>9} {'pages/s':>9}")
    for name, p in rows.items():
        pages = f"{p['pages_per_s']:9.1f}" if "pages_per_s" in p else " " * 9
        write(f"{name:42} {p['kind']:8} {p['megabytes']:7.1f} {p['mb_per_s']:9.2f} {pages}")
    if FULL in rows:
        full = rows[FULL]["mb_per_s"]
        if REGEX in rows:
            write(f"regex \\s+ pass / full profile: {rows[REGEX]['mb_per_s'] / full:.1f}x (target <= 15x)")
        if JIONLP in rows:
            write(f"full profile / jionlp clean_text: {full / rows[JIONLP]['mb_per_s']:.2f}x (target >= 3x)")


def shapes_summary(terminalreporter: Any, rows: dict[str, dict[str, Any]]) -> None:
    """Each shape's time (benchmarks/bench_shapes.py) as a multiple of the pages'."""
    shapes = {p["shape"]: p for p in rows.values() if p.get("kind") == "shape"}
    if "pages" not in shapes:
        return
    base = shapes["pages"]["seconds"] / shapes["pages"]["megabytes"]
    terminalreporter.section("time by shape of the same text (target: at most 2x the pages')")
    for shape, p in shapes.items():
        ratio = p["seconds"] / p["megabytes"] / base
        terminalreporter.write_line(f"{shape:22} {p['megabytes']:7.1f} MB {p['seconds']:8.1f} s {ratio:6.2f}x")
