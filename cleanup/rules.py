"""Load, validate and compile rule files and profiles (TOML).

A *profile* names the stages to run, in order, and the rule files each
stage reads.  A *rule file* holds ``[[rule]]`` tables, and optionally a
``[params]`` table of thresholds and word lists for its stage.  Every rule
carries ``examples`` (input -> expected output) that the test suite runs.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Callable, Iterable, Iterator, Mapping, Sequence

import regex

from .diskcache import derived
from .document import Edit
from .errors import RuleError
from .pattern_chars import quick_chars, required_chars

RULE_KINDS = ("regex", "map", "opencc", "nfc", "param")
GROUP_REF = regex.compile(r"\\(\d+)|\\g<(\w+)>")
ID_RE = re.compile(r"^[a-z][a-z0-9]*(?:-[a-z0-9]+)*$")


def packaged_rules_dir() -> Path:
    """The ``rules/`` folder: ``cleanup/rulefiles`` when installed, ``rules/`` in a checkout."""
    here = Path(__file__).resolve().parent
    for candidate in (here / "rulefiles", here.parent / "rules"):
        if (candidate / "zh-news.toml").is_file():
            return candidate
    raise RuleError("the packaged rules/ folder is missing: reinstall cleanup", str(here))


@dataclass(frozen=True, slots=True)
class Rule:
    """One rule: what it matches, what it writes, and proof by example."""

    id: str
    stage: str
    description: str
    kind: str
    source: str
    pattern: regex.Pattern[str] | None = None
    replace: str = ""
    table: Mapping[str, str] = field(default_factory=dict)
    config: str = ""
    examples: tuple[tuple[str, str], ...] = ()
    keep: tuple[str, ...] = ()
    xfail: bool = False

    def needed_chars(self) -> str:
        """A few characters of which a text must hold one for this rule to change
        it (see :func:`~cleanup.pattern_chars.quick_chars`), or '' if not known."""
        if self.kind == "map":
            return quick_chars(self.table)
        if self.kind == "regex" and self.pattern is not None:
            return quick_chars(required_chars(self.pattern))
        return ""

    def find_edits(self, text: str, timeout: float) -> list[Edit]:
        """A ``regex`` rule's edits: every match becomes the expanded ``replace``.

        A pattern that runs longer than ``timeout`` seconds is stopped with a
        :class:`RuleError`, never left to hang.
        """
        assert self.pattern is not None, f"rule {self.id} is not a regex rule"
        rid, replace = self.id, self.replace
        try:
            matches = self.pattern.finditer(text, timeout=timeout)
            if "\\" not in replace:  # no group or escape to expand: the same text every time
                return [Edit(m.start(), m.group(), replace, rid) for m in matches]
            return [Edit(m.start(), m.group(), m.expand(replace), rid) for m in matches]
        except TimeoutError:
            raise RuleError(
                f"rule {self.id}: pattern ran over {timeout:g}s and was stopped "
                "(catastrophic backtracking?)",
                self.source,
            ) from None


# Pattern syntax that reads differently inside a larger pattern, so a pattern
# using it is never fused: references to a group by number or name (the
# numbers shift) and backtracking verbs ((*PRUNE) and (*SKIP) would also cut
# off the other alternatives).
_NOT_FUSABLE = regex.compile(r"\\[1-9g]|\(\?(?:P[=>]|[&(R]|[-+]?\d)|\(\*")
# Inline flags: i, m, s and f stay inside their group (VERSION1); others
# (x, a, u, r, V0, ...) could change how the rest of a larger pattern reads.
_INLINE_FLAGS = re.compile(r"\(\?([a-zA-Z0-9-]+)[:)]")
_SCOPED_FLAGS = frozenset("imsf-")


def is_fusable(pattern: str) -> bool:
    """Whether ``pattern`` matches the same inside ``(?:pattern)|(?:other)``."""
    return not _NOT_FUSABLE.search(pattern) and all(
        _SCOPED_FLAGS.issuperset(flags) for flags in _INLINE_FLAGS.findall(pattern)
    )


def fuse_patterns(patterns: Sequence[regex.Pattern[str]]) -> tuple[regex.Pattern[str], ...]:
    """Patterns that search like ``patterns`` (one of them matches somewhere) in fewer scans:
    those compiled plainly that can be fused (:func:`is_fusable`) become one pattern of alternatives."""
    plain = regex.compile("", regex.VERSION1).flags
    fusable = [p for p in patterns if p.flags == plain and is_fusable(p.pattern)]
    alone = [p for p in patterns if p not in fusable]
    if len(fusable) < 2:
        return tuple(fusable + alone)
    try:
        fused = regex.compile("|".join(f"(?:{p.pattern})" for p in fusable), regex.VERSION1)
    except regex.error:
        return tuple(fusable + alone)
    return (fused, *alone)


def char_class(chars: Iterable[str]) -> str:
    """A regex class of ``chars``, runs of consecutive code points written as
    ranges: ``[０-９]`` scans several times faster than ten separate members."""
    points = sorted({ord(c) for c in chars})
    parts: list[str] = []
    start = 0
    for n, point in enumerate(points):
        if n + 1 < len(points) and points[n + 1] == point + 1:
            continue
        first, last = regex.escape(chr(points[start])), regex.escape(chr(point))
        parts.append(first if start == n else f"{first}-{last}")
        start = n + 1
    return "[" + "".join(parts) + "]"


def trigger(rule: Rule) -> str | None:
    """A pattern that matches wherever ``rule`` can fire, if one can be fused with others."""
    if rule.kind == "map":
        return char_class(rule.table)
    if rule.pattern is not None and is_fusable(rule.pattern.pattern):
        return rule.pattern.pattern
    return None


# Characters a Prescan is asked about before it compiles its pattern.  The
# zh-news normalize pattern takes ~8.5 ms to compile (more than cleaning a
# page) and then saves ~100 ns per character of clean text (the settle pass)
# and little on raw text, where it finds something at once: ~60 ns a
# character over both passes.  Compiling once the scans it would have saved
# add up to its cost (~140,000 characters) costs at most twice the best
# choice, however many pages follow; a run over one page never compiles it.
PRESCAN_PAYS_AFTER = 150_000


class Prescan:
    """One search for a stage's regex and map rules all at once: their patterns as alternatives.

    Where it finds nothing, none of the rules can fire, so clean text costs
    one scan instead of one per rule.  Built from whatever rules a user
    loads; a pattern that cannot be fused (:func:`is_fusable`) is simply
    left out of ``ids`` and always runs on its own.  The pattern is compiled
    only once ``pays_after`` characters have been asked about (see
    :data:`PRESCAN_PAYS_AFTER`); until then every rule runs.
    """

    __slots__ = ("source", "ids", "pays_after", "seen", "pattern")

    def __init__(self, source: str | None, ids: frozenset[str], pays_after: int = PRESCAN_PAYS_AFTER) -> None:
        self.source = source  # None: nothing to prescan, or the fused pattern did not compile
        self.ids = ids
        self.pays_after = pays_after
        self.seen = 0
        self.pattern: regex.Pattern[str] | None = None

    @classmethod
    def of(cls, rules: Iterable[Rule], pays_after: int = PRESCAN_PAYS_AFTER) -> "Prescan":
        triggers = {r.id: t for r in rules if (t := trigger(r)) is not None}
        if not triggers:
            return cls(None, frozenset(), pays_after)
        return cls("|".join(f"(?:{t})" for t in triggers.values()), frozenset(triggers), pays_after)

    def finds_nothing(self, text: str, timeout: float) -> bool:
        """True if no rule in ``ids`` can match ``text``; False if one can, if a scan
        runs over time, and while the pattern is not worth compiling yet."""
        pattern = self.compiled(len(text))
        if pattern is None:
            return False
        try:
            return pattern.search(text, timeout=timeout) is None
        except TimeoutError:
            return False

    def compiled(self, size: int) -> regex.Pattern[str] | None:
        """The fused pattern, once a scan of ``size`` more characters brings
        those seen to ``pays_after``; None before, or if it cannot be compiled."""
        if self.pattern is None and self.source is not None:
            self.seen += size
            if self.seen >= self.pays_after:
                try:
                    self.pattern = regex.compile(self.source, regex.VERSION1)
                except regex.error:
                    self.source = None
        return self.pattern


@dataclass(slots=True)
class StageConfig:
    """What one stage of a profile runs: its rules and parameters."""

    name: str
    rules: list[Rule] = field(default_factory=list)
    params: dict[str, Any] = field(default_factory=dict)
    source: str = ""  # the rule file its [params] came from
    vetted: dict[str, Any] = field(default_factory=dict)  # [params] as the packaged rule files give them


@dataclass(slots=True)
class Profile:
    name: str
    description: str
    stages: list[StageConfig]
    source: str
    settle_passes: int = 0  # extra passes over the output, until one changes nothing

    def rules(self) -> list[Rule]:
        return [r for s in self.stages for r in s.rules]


# The cached layout of a parsed TOML file (see _read_toml); bump it if that changes.
TOML_FORMAT = "toml-v1"


def _read_toml(path: Path) -> dict[str, Any]:
    """The tables of a TOML file.  Parsing the profile's files (and importing
    the parser) takes ~20 ms, more than cleaning a page, so what a file parses
    to is kept on disk (:mod:`cleanup.diskcache`, keyed by the file's bytes)."""
    try:
        source = path.read_bytes()
    except FileNotFoundError:
        raise RuleError("rule file not found", str(path)) from None
    except OSError as e:
        raise RuleError(f"cannot read rule file ({e.strerror})", str(path)) from None
    # a few KB each: room for several profiles' files and a user's edits
    return derived(TOML_FORMAT, source, lambda: _parse_toml(source, path), _is_table, keep=64)


def _parse_toml(source: bytes, path: Path) -> dict[str, Any]:
    import tomllib  # only when the file is not in the disk cache: ~12 ms to import

    try:
        return tomllib.loads(source.decode())
    except tomllib.TOMLDecodeError as e:
        raise RuleError(f"not valid TOML: {e}", str(path)) from None


def _is_table(value: object) -> bool:
    return isinstance(value, dict)


def _examples(raw: Any, where: str, rid: str) -> tuple[tuple[str, str], ...]:
    if not isinstance(raw, list) or not raw:
        raise RuleError(f"rule {rid}: 'examples' must be a non-empty list of [input, output] pairs", where)
    out = []
    for ex in raw:
        if not (isinstance(ex, list) and len(ex) == 2 and all(isinstance(x, str) for x in ex)):
            raise RuleError(f"rule {rid}: each example must be a pair of strings [input, output]", where)
        out.append((ex[0], ex[1]))
    return tuple(out)


def _compile(pattern: Any, where: str, rid: str) -> regex.Pattern[str]:
    if not isinstance(pattern, str) or not pattern:
        raise RuleError(f"rule {rid}: 'pattern' must be a non-empty string", where)
    try:
        return regex.compile(pattern, regex.VERSION1)
    except regex.error as e:
        raise RuleError(f"rule {rid}: bad pattern: {e}", where) from None


def parse_rule(raw: Mapping[str, Any], where: str) -> Rule:
    """Validate one ``[[rule]]`` table; errors name the file and rule id."""
    rid = raw.get("id")
    if not isinstance(rid, str) or not ID_RE.match(rid):
        raise RuleError(f"rule {rid!r}: 'id' must be kebab-case, like 'space-han-digit'", where)
    for key in ("stage", "description"):
        if not isinstance(raw.get(key), str) or not raw[key].strip():
            raise RuleError(f"rule {rid}: '{key}' is missing or empty", where)
    kind = raw.get("kind", "regex" if "pattern" in raw else "param")
    if kind not in RULE_KINDS:
        raise RuleError(f"rule {rid}: unknown kind {kind!r} (one of {', '.join(RULE_KINDS)})", where)
    known = {"id", "stage", "description", "kind", "pattern", "replace", "table",
             "config", "examples", "keep", "xfail"}
    unknown = sorted(set(raw) - known)
    if unknown:
        raise RuleError(f"rule {rid}: unknown key(s) {', '.join(unknown)}", where)
    pattern = None
    replace = ""
    table: dict[str, str] = {}
    if kind == "regex":
        pattern = _compile(raw.get("pattern"), where, rid)
        replace = raw.get("replace", "")
        if not isinstance(replace, str):
            raise RuleError(f"rule {rid}: 'replace' must be a string", where)
        for num, name in GROUP_REF.findall(replace):
            if (num and int(num) > pattern.groups) or (name and name not in pattern.groupindex
                                                        and not (name.isdigit() and int(name) <= pattern.groups)):
                raise RuleError(f"rule {rid}: replacement refers to group {num or name}, "
                                f"which the pattern does not have", where)
    elif kind == "map":
        table = raw.get("table", {})
        if not isinstance(table, dict) or not table or not all(
            isinstance(k, str) and len(k) == 1 and isinstance(v, str) for k, v in table.items()
        ):
            raise RuleError(f"rule {rid}: 'table' must map single characters to strings", where)
    elif kind == "opencc":
        if not isinstance(raw.get("config"), str):
            raise RuleError(f"rule {rid}: 'config' must name an OpenCC config, like 't2s'", where)
    keep = raw.get("keep", [])
    if not isinstance(keep, list) or not all(isinstance(k, str) for k in keep):
        raise RuleError(f"rule {rid}: 'keep' must be a list of strings", where)
    return Rule(
        id=rid,
        stage=raw["stage"],
        description=raw["description"].strip(),
        kind=kind,
        source=where,
        pattern=pattern,
        replace=replace,
        table=table,
        config=raw.get("config", ""),
        examples=_examples(raw.get("examples"), where, rid),
        keep=tuple(keep),
        xfail=bool(raw.get("xfail", False)),
    )


def load_rule_file(path: Path) -> tuple[list[Rule], dict[str, Any]]:
    """Rules and ``[params]`` of one rule file."""
    data = _read_toml(path)
    where = str(path)
    rules_raw = data.get("rule", [])
    if not isinstance(rules_raw, list):
        raise RuleError("'rule' must be an array of tables ([[rule]])", where)
    params = data.get("params", {})
    if not isinstance(params, dict):
        raise RuleError("'params' must be a table", where)
    unknown = sorted(set(data) - {"rule", "params"})
    if unknown:
        raise RuleError(f"unknown top-level key(s) {', '.join(unknown)}", where)
    rules = [parse_rule(r, where) for r in rules_raw]
    seen: set[str] = set()
    for r in rules:
        if r.id in seen:
            raise RuleError(f"rule {r.id}: id used twice", where)
        seen.add(r.id)
    return rules, params


def resolve_profile(name_or_path: str | Path) -> Path:
    """A profile name (``zh-news``) or a path to a profile file."""
    p = Path(name_or_path)
    if p.suffix == ".toml" or p.exists():
        return p
    packaged = packaged_rules_dir() / f"{name_or_path}.toml"
    if not packaged.exists():
        known = sorted(
            f.stem for f in packaged_rules_dir().glob("*.toml") if "stage" in _read_toml(f)
        )
        raise RuleError(f"unknown profile (known: {', '.join(known)})", str(name_or_path))
    return packaged


PROFILE_KEYS = {"name", "description", "disable", "settle_passes", "stage"}


def load_profile(
    name_or_path: str | Path = "zh-news",
    extra_rules: Iterable[str | Path] = (),
    disable: Iterable[str] = (),
) -> Profile:
    """Load a profile, add the user's rule files, drop disabled rule ids."""
    path = resolve_profile(name_or_path)
    data = _read_toml(path)
    where = str(path)
    unknown_keys = sorted(set(data) - PROFILE_KEYS)
    if unknown_keys:
        raise RuleError(f"unknown profile key(s) {', '.join(unknown_keys)}", where)
    stages_raw = data.get("stage")
    if not isinstance(stages_raw, list) or not stages_raw:
        raise RuleError("a profile needs [[stage]] tables naming its stages in order", where)
    stages: list[StageConfig] = []
    for s in stages_raw:
        name = s.get("name") if isinstance(s, dict) else None
        if not isinstance(name, str):
            raise RuleError("each [[stage]] needs a 'name'", where)
        cfg = StageConfig(name)
        files = s.get("rules", [])
        if not isinstance(files, list):
            raise RuleError(f"stage {name}: 'rules' must be a list of rule files", where)
        for fname in files:
            fpath = path.parent / fname
            if not fpath.exists():
                fpath = packaged_rules_dir() / fname
            _add_file(cfg, fpath, expect_stage=name)
        extra_params = s.get("params", {})
        if not isinstance(extra_params, dict):
            raise RuleError(f"stage {name}: 'params' must be a table", where)
        cfg.params.update(extra_params)
        stages.append(cfg)
    by_name = {s.name: s for s in stages}
    for extra in extra_rules:
        rules, params = load_rule_file(Path(extra))
        for r in rules:
            if r.stage not in by_name:
                raise RuleError(
                    f"rule {r.id}: stage {r.stage!r} is not in profile {data.get('name', path.stem)} "
                    f"(stages: {', '.join(by_name)})",
                    str(extra),
                )
            by_name[r.stage].rules.append(r)
        if params:
            raise RuleError("[params] belong in a profile's stage, not in an added rule file", str(extra))
    listed = data.get("disable", [])
    if not isinstance(listed, list) or not all(isinstance(i, str) for i in listed):
        raise RuleError("'disable' must be a list of rule ids", where)
    off = set(listed) | set(disable)
    known_ids = {r.id for s in stages for r in s.rules}
    unknown = sorted(off - known_ids)
    if unknown:
        raise RuleError(f"cannot disable unknown rule id(s): {', '.join(unknown)}", where)
    for s in stages:
        s.rules = [r for r in s.rules if r.id not in off]
    ids: dict[str, str] = {}
    for r in (r for s in stages for r in s.rules):
        if r.id in ids:
            raise RuleError(f"rule {r.id}: id also used in {ids[r.id]}", r.source)
        ids[r.id] = r.source
    settle = data.get("settle_passes", 0)
    if not isinstance(settle, int) or isinstance(settle, bool) or settle < 0:
        raise RuleError("'settle_passes' must be a whole number, 0 or more", where)
    return Profile(str(data.get("name", path.stem)), str(data.get("description", "")), stages, where,
                   settle)


def _add_file(cfg: StageConfig, fpath: Path, expect_stage: str) -> None:
    rules, params = load_rule_file(fpath)
    for r in rules:
        if r.stage != expect_stage:
            raise RuleError(f"rule {r.id}: stage {r.stage!r} but the file is loaded for {expect_stage!r}", str(fpath))
    cfg.rules.extend(rules)
    cfg.params.update(params)
    if params:
        cfg.source = str(fpath)
    if fpath.resolve().parent == packaged_rules_dir():
        cfg.vetted.update(params)


# The longest text a vetted pattern searches without the timeout: the tests run
# every vetted pattern on hostile lines this long (tests/test_hostile.py).
VETTED_LENGTH = 2_000


def untimed_when_short(untimed: Callable[..., Any], timed: Callable[..., Any]) -> Callable[..., Any]:
    """``untimed`` on a text of up to :data:`VETTED_LENGTH` characters, ``timed`` on a longer one."""
    def untimed_if_short(string: str, *args: Any, **kwargs: Any) -> Any:
        return (untimed if len(string) <= VETTED_LENGTH else timed)(string, *args, **kwargs)
    return untimed_if_short


class ParamPattern:
    """A regex from a stage's ``[params]``, with the ``regex.Pattern`` methods stages
    use (``search``, ``match``, ``fullmatch``, ``finditer``), same arguments.

    A pattern of the user's is searched with the stage's timeout: a search
    that runs over it (a user regex that backtracks forever) is a
    :class:`RuleError` naming the stage and the key.  The timeout goes by
    position: keywords cost ``regex`` more to read than searching a short
    line does.  A *vetted* pattern, as the packaged rule files give it,
    searches texts of up to :data:`VETTED_LENGTH` characters without: for
    every timed search ``regex`` reads the process's CPU clock twice, a
    system call each, about 2.5 µs against 0.35 µs for searching a line,
    which made a seventh of the time of cleaning a page.  The tests run the
    vetted patterns on hostile lines of that length instead.
    """

    __slots__ = ("compiled", "name", "timeout", "where", "search", "match", "fullmatch", "finditer")
    search: Callable[..., regex.Match[str] | None]
    match: Callable[..., regex.Match[str] | None]
    fullmatch: Callable[..., regex.Match[str] | None]
    finditer: Callable[..., Iterator[regex.Match[str]]]

    def __init__(self, compiled: regex.Pattern[str], timeout: float, name: str, where: str,
                 vetted: bool = False) -> None:
        self.compiled = compiled
        self.timeout = timeout
        self.name = name  # "stage S: [params] KEY"
        self.where = where
        if vetted:
            self.search = untimed_when_short(compiled.search, self._timed_search)
            self.match = untimed_when_short(compiled.match, self._timed_match)
            self.fullmatch = untimed_when_short(compiled.fullmatch, self._timed_fullmatch)
            self.finditer = untimed_when_short(compiled.finditer, self._timed_finditer)
        else:
            self.search, self.match, self.fullmatch = self._timed_search, self._timed_match, self._timed_fullmatch
            self.finditer = self._timed_finditer

    def _runaway(self) -> RuleError:
        return RuleError(f"{self.name}: pattern ran over {self.timeout:g}s and was stopped "
                         "(catastrophic backtracking?)", self.where)

    def _timed_search(self, string: str, pos: int | None = None, endpos: int | None = None) -> regex.Match[str] | None:
        try:
            return self.compiled.search(string, pos, endpos, None, False, self.timeout)
        except TimeoutError:
            raise self._runaway() from None

    def _timed_match(self, string: str, pos: int | None = None, endpos: int | None = None) -> regex.Match[str] | None:
        try:
            return self.compiled.match(string, pos, endpos, None, False, self.timeout)
        except TimeoutError:
            raise self._runaway() from None

    def _timed_fullmatch(self, string: str, pos: int | None = None,
                         endpos: int | None = None) -> regex.Match[str] | None:
        try:
            return self.compiled.fullmatch(string, pos, endpos, None, False, self.timeout)
        except TimeoutError:
            raise self._runaway() from None

    def _timed_finditer(self, string: str, pos: int | None = None, endpos: int | None = None,
                        overlapped: bool = False) -> Iterator[regex.Match[str]]:
        """The matches; the timeout bounds the whole scan, as ``regex``'s does."""
        try:
            yield from self.compiled.finditer(string, pos, endpos, overlapped, None, False, self.timeout)
        except TimeoutError:
            raise self._runaway() from None


class Params:
    """Typed access to a stage's ``[params]``: a missing or ill-typed value, or a
    bad pattern, is a :class:`RuleError` naming the stage, the key and the file.

    Patterns come as :class:`ParamPattern`, searched with ``timeout`` unless vetted.
    """

    def __init__(self, config: StageConfig, timeout: float) -> None:
        self.values = config.params
        self.vetted = config.vetted
        self.stage = config.name
        self.where = config.source or config.name
        self.timeout = timeout

    def _error(self, key: str, what: str) -> RuleError:
        return RuleError(f"stage {self.stage}: [params] {key} {what}", self.where)

    def get(self, key: str, kind: type | tuple[type, ...]) -> Any:
        value = self.values.get(key)
        if not isinstance(value, kind) or isinstance(value, bool) and kind is not bool:
            raise self._error(key, "is missing or of the wrong type")
        return value

    def text(self, key: str) -> str:
        return self.get(key, str)

    def chars(self, key: str) -> str:
        """``[params] key``: a set of characters, written as a string; never empty,
        since what is built on it could then never fire (a weight turns evidence off)."""
        value = self.text(key)
        if not value:
            raise self._error(key, "must hold at least one character")
        return value

    def integer(self, key: str) -> int:
        return self.get(key, int)

    def number(self, key: str) -> float:
        return float(self.get(key, (int, float)))

    def strings(self, key: str) -> list[str]:
        value = self.get(key, list)
        if not all(isinstance(v, str) for v in value):
            raise self._error(key, "must be a list of strings")
        return value

    def weights(self, key: str) -> dict[str, float]:
        value = self.get(key, dict)
        if not all(isinstance(v, (int, float)) and not isinstance(v, bool) and math.isfinite(v)
                   for v in value.values()):
            raise self._error(key, "must map names to finite numbers")
        return {k: float(v) for k, v in value.items()}

    def _guard(self, key: str, compiled: regex.Pattern[str]) -> ParamPattern:
        """``[params] key`` compiled, searched with the timeout unless the packaged file gives it."""
        name = key.partition("[")[0]  # key[n]: the n-th of a list
        vetted = name in self.vetted and self.values.get(name) == self.vetted[name]
        return ParamPattern(compiled, self.timeout, f"stage {self.stage}: [params] {key}", self.where, vetted)

    def _compile(self, key: str, value: str) -> regex.Pattern[str]:
        try:
            return regex.compile(value, regex.VERSION1)
        except regex.error as e:
            raise self._error(key, f"is a bad pattern: {e}") from None

    def pattern(self, key: str) -> ParamPattern:
        """``[params] key``: one regex, or a list of them matched as alternatives."""
        value = self.values.get(key)
        if isinstance(value, list):
            value = "|".join(f"(?:{v})" for v in self.strings(key))
        elif not isinstance(value, str) or not value:
            raise self._error(key, "must be a regex or a list of them")
        return self._guard(key, self._compile(key, value))

    def _compile_each(self, key: str) -> list[regex.Pattern[str]]:
        return [self._compile(f"{key}[{n}]", value) for n, value in enumerate(self.strings(key))]

    def patterns(self, key: str) -> list[ParamPattern]:
        """``[params] key``: a list of regexes, each compiled on its own (for backreferences)."""
        return [self._guard(f"{key}[{n}]", p) for n, p in enumerate(self._compile_each(key))]

    def fused_patterns(self, key: str) -> list[ParamPattern]:
        """``[params] key``: a list of regexes, to ask whether any of them matches,
        in as few patterns as :func:`fuse_patterns` makes of them."""
        return [self._guard(key, p) for p in fuse_patterns(self._compile_each(key))]

