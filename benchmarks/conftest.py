"""Print the throughput the benchmarks recorded (MB/s, pages/s) and the target ratios."""

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
