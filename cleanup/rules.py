"""Load, validate and compile rule files and profiles (TOML).

A *profile* names the stages to run, in order, and the rule files each
stage reads.  A *rule file* holds ``[[rule]]`` tables, each with its own
settings (``params``), ``examples`` (input -> expected output, which the
test suite runs) and ``keep`` texts; optionally a ``[params]`` table of
settings its stage's rules share, and a ``[classes]`` table naming the
character classes and pieces of pattern the file uses more than once
(``{name}`` in a pattern or setting stands for one).  A name the file does
not define is looked up in the page-shape vocabulary (``shape.toml``, see
:mod:`cleanup.shape`), which names what every stage shares: sentence
marks, bylines, datelines, credits.
"""

from __future__ import annotations

import math
import os
import re
from bisect import bisect_left
from collections import ChainMap
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any, Callable, Iterable, Iterator, Mapping, Sequence

import regex

from .diskcache import derived
from .document import Edit
from .errors import ArgumentError, RuleError
from .mark_context import MarkContext, mark_context
from .pattern_chars import (first_chars, line_spans_holding, line_starts_holding, match_starts, opens_lines, quick_chars,
                            required_chars, stays_on_one_line)
from .patterns import VETTED_LENGTH, ParamPattern, char_class, class_members, fuse_patterns, is_fusable

RULE_KINDS = ("regex", "map", "opencc", "nfc", "param")
VOCABULARY = "shape.toml"  # the page-shape vocabulary a profile reads unless it names another
GROUP_REF = regex.compile(r"\\(\d+)|\\g<(\w+)>")
ID_RE = re.compile(r"^[a-z][a-z0-9]*(?:-[a-z0-9]+)*$")
# a line_needs rule searches lines one by one while they add up to at most this
# share of the text (1/N); past it, a search per line costs more than one search
LINES_SEARCHED_SHARE = 4


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
    params: Mapping[str, Any] = field(default_factory=dict)  # its own settings, read by its stage's code
    vetted: Mapping[str, Any] = field(default_factory=dict)  # params as a packaged rule file gives them
    # a vetted pattern that stays on one line (stays_on_one_line) and needs a few characters:
    # those characters, and up to two other sets of which a match's line must hold one too
    # (disjoint); :meth:`find_edits` then searches only the lines holding one of the first
    # set the text holds few of (:func:`~cleanup.pattern_chars.line_spans_holding`)
    line_needs: tuple[str, ...] = ()
    # a pattern searched line by line whose matches start with one of a few characters
    # (:func:`~cleanup.pattern_chars.first_chars`, :func:`~cleanup.pattern_chars.quick_chars`):
    # those; where the text holds few of them, the pattern is tried only where they stand
    # (:meth:`_matches_at`)
    first_chars: str = ""
    # a pattern searched line by line whose matches start only where a line does
    # (:func:`~cleanup.pattern_chars.opens_lines`): where :attr:`first_chars` do not serve,
    # it is tried only at the start of each line holding the characters of :attr:`line_needs`
    line_start: bool = False
    # a vetted pattern of the shape (?<=C[S]*)M|M(?=[S]*C), with a replacement of its own:
    # :meth:`find_edits` then finds its matches by their runs (:mod:`cleanup.mark_context`)
    mark_context: MarkContext | None = None

    def needed_chars(self) -> str:
        """A few characters of which a text must hold one for this rule to change
        it (see :func:`~cleanup.pattern_chars.quick_chars`), or '' if not known."""
        if self.kind == "map":
            return quick_chars(self.table)
        if self.kind == "regex" and self.pattern is not None:
            return quick_chars(required_chars(self.pattern))
        return ""

    def trigger(self) -> str | None:
        """A pattern that matches wherever this rule can fire, if one can be fused with
        others (see :class:`~cleanup.patterns.Prescan`)."""
        if self.kind == "map":
            return char_class(self.table)
        if self.pattern is not None and is_fusable(self.pattern.pattern):
            return self.pattern.pattern
        return None

    def find_edits(self, text: str, timeout: float, lines: Sequence[tuple[int, int]] | None = None) -> list[Edit]:
        """A ``regex`` rule's edits: every match becomes the expanded ``replace``.

        A pattern that runs longer than ``timeout`` seconds is stopped with a
        :class:`RuleError`, never left to hang; a rule found by its runs of separators
        (:attr:`mark_context`, linear) is not timed.  A rule searched line by line
        (:attr:`line_needs`) searches only ``lines`` if given: spans of whole
        lines of ``text`` (:func:`~cleanup.pattern_chars.lines_reaching`) out of
        which it can find nothing.
        """
        assert self.pattern is not None, f"rule {self.id} is not a regex rule"
        rid, replace = self.id, self.replace
        new = tuple.__new__  # Edit(...) without the Python-level __new__ of a named tuple: a page has hundreds
        if self.mark_context is not None:
            mark = self.mark_context.mark
            return [new(Edit, (at, mark, replace, rid, "")) for at in self.mark_context.find(text)]
        try:
            matches = (self.pattern.finditer(text, timeout=timeout) if not self.line_needs
                       else self._line_matches(text, timeout, lines))
            if "\\" not in replace:  # no group or escape to expand: the same text every time
                return [new(Edit, (m.start(), m.group(), replace, rid, "")) for m in matches]
            return [new(Edit, (m.start(), m.group(), m.expand(replace), rid, "")) for m in matches]
        except TimeoutError:
            raise RuleError(
                f"pattern ran over {timeout:g}s and was stopped (catastrophic backtracking?)",
                self.source, rule=self.id,
            ) from None

    def _line_matches(self, text: str, timeout: float,
                      lines: Sequence[tuple[int, int]] | None = None) -> Iterator[regex.Match[str]]:
        """The matches of a :attr:`line_needs` rule: the same as in the whole text, found
        in the lines holding one of those characters (or in ``lines``), each searched
        in place.

        Where those lines are few, this searches a fraction of the text that
        a whole-text search tries the pattern at every character of; and a
        vetted pattern searches a line of up to
        :data:`~cleanup.patterns.VETTED_LENGTH` characters without the timeout
        (whose clock ``regex`` reads at every match).  Where they are most of
        the text, the whole text is searched.  A longer line is searched with
        the timeout, each such line with all of it.  A :attr:`first_chars` or
        :attr:`line_start` rule is tried only where a match can start (:meth:`_matches_at`).
        """
        assert self.pattern is not None
        starts: Sequence[int] | None = match_starts(text, self.first_chars) if self.first_chars else None
        if starts is None and self.line_start:
            starts = line_starts_holding(text, self.line_needs)
        if starts is not None:
            yield from self._matches_at(text, timeout, starts, lines)
            return
        finditer = self.pattern.finditer
        spans = lines if lines is not None else line_spans_holding(text, self.line_needs,
                                                                   len(text) // LINES_SEARCHED_SHARE)
        if spans is None:
            yield from finditer(text, timeout=timeout)
            return
        for start, end in spans:
            if end - start <= VETTED_LENGTH:
                yield from finditer(text, start, end)
            else:
                yield from finditer(text, start, end, timeout=timeout)

    def _matches_at(self, text: str, timeout: float, starts: Sequence[int],
                    lines: Sequence[tuple[int, int]] | None = None) -> Iterator[regex.Match[str]]:
        """The matches of a :attr:`first_chars` rule, found by trying its pattern at
        ``starts`` (where those characters stand, or for a :attr:`line_start` rule where
        each line holding its characters starts; in ``lines`` only, if given) up to
        the end of the line: the same as a search finds, which tries every place in
        turn, and where none of them stands finds nothing.

        A line of up to :data:`~cleanup.patterns.VETTED_LENGTH` characters is tried
        without the timeout, as :meth:`_line_matches` searches it.
        """
        assert self.pattern is not None
        if lines is not None:
            starts = [at for a, b in lines for at in starts[bisect_left(starts, a) : bisect_left(starts, b)]]
        match = self.pattern.match
        last = end = 0  # where the last match ended (matches do not overlap), and the line
        untimed = True
        for at in starts:
            if at < last:
                continue
            if at >= end:
                end = text.find("\n", at)
                end = len(text) if end < 0 else end
                untimed = end - text.rfind("\n", 0, at) - 1 <= VETTED_LENGTH
            found = match(text, at, end) if untimed else match(text, at, end, timeout=timeout)
            if found is not None:
                yield found
                last = found.end()


@dataclass(slots=True)
class StageConfig:
    """What one stage of a profile runs: its rules and parameters."""

    name: str
    rules: list[Rule] = field(default_factory=list)  # the enabled ones, in file order
    params: dict[str, Any] = field(default_factory=dict)
    source: str = ""  # the rule file its [params] came from
    vetted: dict[str, Any] = field(default_factory=dict)  # [params] as the packaged rule files give them
    disabled: list[Rule] = field(default_factory=list)  # loaded, then turned off by id
    files: list[str] = field(default_factory=list)  # the rule files read for it
    shape: str = ""  # the page-shape vocabulary file; "" for the packaged one

    def with_settings(self, **values: Any) -> "StageConfig":
        """A copy with some settings changed: each in the params of the rule that has
        it, else in the stage's ``[params]`` (to try other values, as the tests do)."""
        rules = [replace(r, params={**r.params, **{k: v for k, v in values.items() if k in r.params}})
                 for r in self.rules]
        owned = {k for r in self.rules for k in r.params}
        return replace(self, rules=rules, params={**self.params, **{k: v for k, v in values.items() if k not in owned}})


@dataclass(slots=True)
class Profile:
    name: str
    description: str
    stages: list[StageConfig]
    source: str
    settle_passes: int = 0  # extra passes over the output, until one changes nothing
    shape: str = ""  # the page-shape vocabulary file; "" for the packaged one

    def rules(self) -> list[Rule]:
        return [r for s in self.stages for r in s.rules]


# The cached layout of a parsed TOML file (see _read_toml); bump it if that changes.
TOML_FORMAT = "toml-v1"


def _read_toml(path: Path) -> dict[str, Any]:
    """The tables of a TOML file.  Parsing the profile's files (and importing
    the parser) takes longer than cleaning a page, so what a file parses to is
    kept on disk (:mod:`cleanup.diskcache`, keyed by the file's bytes); the
    names of its ``[classes]`` are filled in after, so the cached tables are
    the file's own."""
    try:
        source = path.read_bytes()
    except FileNotFoundError:
        raise RuleError("rule file not found", str(path)) from None
    except OSError as e:
        raise RuleError(f"cannot read rule file ({e.strerror})", str(path)) from None
    # a few KB each: room for several profiles' files and a user's edits
    return derived(TOML_FORMAT, source, lambda: _parse_toml(source, path), _is_table, keep=64)


def _parse_toml(source: bytes, path: Path) -> dict[str, Any]:
    import tomllib  # only when the file is not in the disk cache: slow to import

    try:
        return tomllib.loads(source.decode())
    except UnicodeDecodeError as e:
        raise RuleError(f"not UTF-8 text at byte {e.start} (save the file as UTF-8: TOML is "
                        "UTF-8)", str(path)) from None
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


# A reference to a name of the file's [classes] table, written {name}: a
# lowercase name in braces, which no regex syntax is ({2,4} and \p{Han} are not
# references; neither is an escaped \{name}).
CLASS_REF = re.compile(r"(?<!\\)(?<!\\[pPNxuUo])\{([a-z][a-z0-9_]*)\}")
CLASS_NAME = re.compile(r"[a-z][a-z0-9_]*")


def read_classes(raw: Any, where: str, base: Mapping[str, str] | None = None) -> Mapping[str, str]:
    """A rule file's ``[classes]``: each name's pattern, with the names it refers to filled in.

    A name the file does not define is one of ``base`` (the page-shape
    vocabulary's); the result holds those too, the file's own first.
    """
    if not isinstance(raw, dict) or not all(isinstance(v, str) for v in raw.values()):
        raise RuleError("'classes' must be a table of names and the patterns they stand for", where)
    for name in raw:
        if not CLASS_NAME.fullmatch(name):
            raise RuleError(f"[classes] {name!r}: a name is lowercase letters, digits and _, "
                            "led by a letter", where)
    resolved: dict[str, str] = {}
    known: Mapping[str, str] = raw if base is None else ChainMap(raw, dict(base))

    def resolve(name: str, chain: tuple[str, ...]) -> str:
        if name not in raw:
            return known[name]
        if name not in resolved:
            if name in chain:
                raise RuleError(f"[classes] {name} refers to itself ({' -> '.join((*chain, name))})", where)
            resolved[name] = fill(raw[name], known, f"[classes] {name}", where,
                                  lambda ref: resolve(ref, (*chain, name)))
        return resolved[name]

    for name in raw:
        resolve(name, ())
    return resolved if base is None else ChainMap(resolved, dict(base))


def fill(text: str, classes: Mapping[str, str], what: str, where: str,
         value_of: Callable[[str], str] | None = None) -> str:
    """``text`` with each ``{name}`` of ``classes`` replaced by its pattern."""
    if "{" not in text:
        return text

    def value(m: re.Match[str]) -> str:
        name = m.group(1)
        if name not in classes:
            own = classes.maps[0] if isinstance(classes, ChainMap) else classes
            known = ", ".join(own) or "none"
            which = "neither [classes] nor the page-shape vocabulary defines" if isinstance(classes, ChainMap) \
                else "[classes] does not define"
            raise RuleError(f"{what} refers to {{{name}}}, which {which} (defined: {known})", where)
        return value_of(name) if value_of else classes[name]

    return CLASS_REF.sub(value, text)


def fill_settings(values: dict[str, Any], classes: Mapping[str, str], what: str, where: str) -> dict[str, Any]:
    """A table of settings with the ``{name}`` references of its strings filled in."""

    def filled(value: Any, key: str) -> Any:
        if isinstance(value, str):
            return fill(value, classes, f"{what} {key}", where)
        if isinstance(value, list):
            return [filled(v, key) for v in value]
        if isinstance(value, dict):
            return {k: filled(v, key) for k, v in value.items()}
        return value

    return {k: filled(v, k) for k, v in values.items()}


def parse_rule(raw: Mapping[str, Any], where: str, classes: Mapping[str, str] | None = None) -> Rule:
    """Validate one ``[[rule]]`` table; errors name the file and rule id.

    ``{name}`` in its ``pattern`` and ``params`` stands for a pattern of ``classes``.
    """
    classes = classes or {}
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
             "config", "examples", "keep", "xfail", "params"}
    unknown = sorted(set(raw) - known)
    if unknown:
        raise RuleError(f"rule {rid}: unknown key(s) {', '.join(unknown)}", where)
    pattern = None
    replace = ""
    table: dict[str, str] = {}
    if kind == "regex":
        source = raw.get("pattern")
        if isinstance(source, str):
            source = fill(source, classes, f"rule {rid}: pattern", where)
        pattern = _compile(source, where, rid)
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
        if isinstance(table, str):
            table = read_table_file(table, where, rid)
        if not isinstance(table, dict) or not table or not all(
            isinstance(k, str) and len(k) == 1 and isinstance(v, str) for k, v in table.items()
        ):
            raise RuleError(f"rule {rid}: 'table' must map single characters to strings, or name a file of them", where)
    elif kind == "opencc":
        if not isinstance(raw.get("config"), str):
            raise RuleError(f"rule {rid}: 'config' must name an OpenCC config, like 't2s'", where)
    keep = raw.get("keep", [])
    if not isinstance(keep, list) or not all(isinstance(k, str) for k in keep):
        raise RuleError(f"rule {rid}: 'keep' must be a list of strings", where)
    params = raw.get("params", {})
    if not isinstance(params, dict):
        raise RuleError(f"rule {rid}: 'params' must be a table of settings", where)
    params = fill_settings(params, classes, f"rule {rid}: params", where)
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
        params=params,
    )


def read_table_file(name: str, where: str, rid: str) -> dict[str, str]:
    """A map rule's ``table = "FILE"``: ``CHAR<TAB>VALUE`` lines, ``#`` comments, beside the rule file
    (else among the packaged rules); generated tables are kept out of the TOML this way."""
    path = Path(where).parent / name
    if not path.is_file():
        path = packaged_rules_dir() / name
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except OSError as e:
        raise RuleError(f"rule {rid}: cannot read table file {name!r} ({e.strerror})", where) from None
    except UnicodeDecodeError as e:
        raise RuleError(f"rule {rid}: table file {name!r} is not UTF-8 text at byte {e.start} "
                        "(save it as UTF-8)", where) from None
    table: dict[str, str] = {}
    for number, line in enumerate(lines, 1):
        if not line or line.startswith("#"):
            continue
        key, tab, value = line.partition("\t")
        if not tab or len(key) != 1:
            raise RuleError(f"rule {rid}: table file {name}:{number}: expected CHAR<TAB>VALUE", where)
        table[key] = value
    return table


def load_rule_file(path: Path, vocabulary: Vocabulary | None = None) -> tuple[list[Rule], dict[str, Any]]:
    """Rules and ``[params]`` of one rule file, the names of its ``[classes]`` filled in,
    and those of ``vocabulary`` (default: the packaged one)."""
    data = _read_toml(path)
    where = str(path)
    rules_raw = data.get("rule", [])
    if not isinstance(rules_raw, list):
        raise RuleError("'rule' must be an array of tables ([[rule]])", where)
    params = data.get("params", {})
    if not isinstance(params, dict):
        raise RuleError("'params' must be a table", where)
    unknown = sorted(set(data) - {"rule", "params", "classes"})
    if unknown:
        raise RuleError(f"unknown top-level key(s) {', '.join(unknown)}", where)
    vocabulary = vocabulary or read_vocabulary(packaged_rules_dir() / VOCABULARY)
    classes = read_classes(data.get("classes", {}), where, vocabulary.names)
    params = fill_settings(params, classes, "[params]", where)
    rules = [parse_rule(r, where, classes) for r in rules_raw]
    seen: set[str] = set()
    for r in rules:
        if r.id in seen:
            raise RuleError(f"rule {r.id}: id used twice", where)
        seen.add(r.id)
    return rules, params


@dataclass(frozen=True, slots=True)
class Vocabulary:
    """A page-shape vocabulary file as rule files see it (:mod:`cleanup.shape` reads its
    settings): ``names`` are those a rule file may refer to, its ``[classes]`` and
    each character set of its ``[params]``, written as the members of a class."""

    path: str
    params: dict[str, Any]
    names: Mapping[str, str]
    packaged: bool  # the packaged file: its patterns are vetted


def read_vocabulary(path: Path) -> Vocabulary:
    """The page-shape vocabulary in ``path``: ``[params]`` (character sets as strings,
    lengths as integers) and ``[classes]``, which may refer to the character sets."""
    data = _read_toml(path)
    where = str(path)
    unknown = sorted(set(data) - {"params", "classes"})
    if unknown:
        raise RuleError(f"unknown top-level key(s) {', '.join(unknown)} (a vocabulary holds [params] "
                        "and [classes])", where)
    params = data.get("params", {})
    if not isinstance(params, dict):
        raise RuleError("'params' must be a table", where)
    sets = {name: class_members(value) for name, value in params.items() if isinstance(value, str)}
    classes = read_classes(data.get("classes", {}), where, sets)
    both = sorted(set(sets) & set(data.get("classes", {})))
    if both:
        raise RuleError(f"{', '.join(both)}: named both in [params] and [classes]", where)
    packaged = path.resolve() == (packaged_rules_dir() / VOCABULARY).resolve()
    return Vocabulary(where, params, classes, packaged)


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


def list_of(values: Any, what: str, items: str, kinds: tuple[type, ...]) -> list[Any]:
    """``values`` as a list, if it is an iterable of ``kinds`` and not one string
    (``disable="t2s"`` would be the ids t, 2 and s)."""
    if isinstance(values, (str, bytes, os.PathLike)):
        raise ArgumentError(f"{what}: give a list of {items}, not one alone: {values!r}")
    if not isinstance(values, Iterable):
        raise ArgumentError(f"{what}: give a list of {items}, not {values!r}")
    values = list(values)
    for v in values:
        if not isinstance(v, kinds):
            raise ArgumentError(f"{what}: give a list of {items}, not one holding {v!r}")
    return values


PROFILE_KEYS = {"name", "description", "disable", "settle_passes", "shape", "stage"}


def load_profile(
    name_or_path: str | Path = "zh-news",
    extra_rules: Iterable[str | Path] = (),
    disable: Iterable[str] = (),
) -> Profile:
    """Load a profile, add the user's rule files, drop disabled rule ids."""
    if not isinstance(name_or_path, (str, os.PathLike)):
        raise ArgumentError(f"profile: give a name or a path, not {type(name_or_path).__name__}")
    extra_rules = list_of(extra_rules, "rules", "rule file paths", (str, os.PathLike))
    disable = list_of(disable, "disable", "rule ids", (str,))
    path = resolve_profile(name_or_path)
    data = _read_toml(path)
    where = str(path)
    unknown_keys = sorted(set(data) - PROFILE_KEYS)
    if unknown_keys:
        raise RuleError(f"unknown profile key(s) {', '.join(unknown_keys)}", where)
    stages_raw = data.get("stage")
    if not isinstance(stages_raw, list) or not stages_raw:
        raise RuleError("a profile needs [[stage]] tables naming its stages in order", where)
    shape = data.get("shape", VOCABULARY)
    if not isinstance(shape, str) or not shape:
        raise RuleError("'shape' must name a page-shape vocabulary file, like 'shape.toml'", where)
    shape_path = path.parent / shape
    if not shape_path.exists():
        shape_path = packaged_rules_dir() / shape
    if not shape_path.is_file():
        raise RuleError(f"page-shape vocabulary {shape!r} not found (beside the profile or among the packaged "
                        "rule files)", where)
    vocabulary = read_vocabulary(shape_path)
    stages: list[StageConfig] = []
    for s in stages_raw:
        name = s.get("name") if isinstance(s, dict) else None
        if not isinstance(name, str):
            raise RuleError("each [[stage]] needs a 'name'", where)
        cfg = StageConfig(name, shape=vocabulary.path)
        files = s.get("rules", [])
        if not isinstance(files, list):
            raise RuleError(f"stage {name}: 'rules' must be a list of rule files", where)
        own: list[tuple[dict[str, Any], Path]] = []  # a file of the user's, checked once all are read
        for fname in files:
            fpath = path.parent / fname
            if not fpath.exists():
                fpath = packaged_rules_dir() / fname
            if (params := _add_file(cfg, fpath, name, vocabulary)) is not None:
                own.append((params, fpath))
        for params, fpath in own:  # whether listed before the stage's packaged file or after it
            _known_settings_only(cfg, params, str(fpath), vocabulary)
        extra_params = s.get("params", {})
        if not isinstance(extra_params, dict):
            raise RuleError(f"stage {name}: 'params' must be a table", where)
        _known_settings_only(cfg, extra_params, where, vocabulary)
        _set_params(cfg, extra_params)
        stages.append(cfg)
    by_name = {s.name: s for s in stages}
    for extra in extra_rules:
        rules, params = load_rule_file(Path(extra), vocabulary)
        for r in rules:
            if r.stage not in by_name:
                raise RuleError(
                    f"rule {r.id}: stage {r.stage!r} is not in profile {data.get('name', path.stem)} "
                    f"(stages: {', '.join(by_name)})",
                    str(extra),
                )
            by_name[r.stage].rules.append(r)
        for name in {r.stage for r in rules}:
            by_name[name].files.append(str(extra))
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
        s.disabled = [r for r in s.rules if r.id in off]
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
                   settle, vocabulary.path)


# the sets of characters a rule searched line by line may find its lines by (Rule.line_needs):
# each is counted in the text searched until one is rare enough; a set after the first is
# kept only if it has at most LINE_NEEDS_MORE_CHARS characters, as counting one costs a few
# microseconds a page, and a larger set (sentence marks) is rarely rare
LINE_NEEDS_SETS = 3
LINE_NEEDS_MORE_CHARS = 4


def _line_needs(rule: Rule) -> tuple[str, ...]:
    """:attr:`Rule.line_needs` of a vetted rule: its needed characters, then the few
    characters a match requires besides those, while the pattern tells such sets
    (``space-quote``: a quote mark, and a blank, which a page holds far fewer of)."""
    if rule.kind != "regex" or rule.pattern is None or not stays_on_one_line(rule.pattern):
        return ()
    first = rule.needed_chars()
    if not first:
        return ()
    sets, avoid = [first], first
    while len(sets) < LINE_NEEDS_SETS and (chars := quick_chars(required_chars(rule.pattern, avoid))):
        avoid += chars
        if len(chars) <= LINE_NEEDS_MORE_CHARS:
            sets.append(chars)
    return tuple(sets)


def _vetted(rule: Rule) -> Rule:
    """A rule of a packaged rule file, with what its vetted pattern lets a search skip."""
    line_needs = _line_needs(rule)
    starts = first_chars(rule.pattern) if line_needs and rule.pattern is not None else None
    return replace(rule, vetted=rule.params, line_needs=line_needs, first_chars=quick_chars(starts),
                   line_start=bool(line_needs) and rule.pattern is not None and opens_lines(rule.pattern),
                   mark_context=_mark_context(rule))


def _mark_context(rule: Rule) -> MarkContext | None:
    """:attr:`Rule.mark_context` of a vetted rule: a regex rule of that shape whose
    replacement is plain text (no group to expand)."""
    if rule.kind != "regex" or rule.pattern is None or "\\" in rule.replace:
        return None
    return mark_context(rule.pattern)


def _packaged(fpath: Path, vocabulary: Vocabulary) -> bool:
    """A packaged rule file read with the packaged vocabulary: its settings and patterns are vetted."""
    return fpath.resolve().parent == packaged_rules_dir() and vocabulary.packaged


def _known_settings_only(cfg: StageConfig, params: Mapping[str, Any], where: str, vocabulary: Vocabulary) -> None:
    """A setting the stage's packaged rule files do not give is an error: misspelt or
    retired, it would be ignored without a word.  (A stage of no packaged file, or
    read with a vocabulary of the user's: any.)"""
    packaged = any(_packaged(Path(f), vocabulary) for f in cfg.files)
    if not packaged:
        return
    unknown = sorted(set(params) - set(cfg.vetted))
    unknown += sorted(f"{key}.{name}" for key, table in params.items()
                      if isinstance(table, dict) and isinstance(cfg.vetted.get(key), dict)
                      for name in set(table) - set(cfg.vetted[key]))
    if unknown:
        raise RuleError(f"stage {cfg.name}: [params] {', '.join(unknown)}: no such setting of this stage", where)


def _set_params(cfg: StageConfig, params: Mapping[str, Any]) -> None:
    """Set ``params`` over the stage's settings; a table over a table sets its keys only
    (a profile's one weight leaves the stage's other weights as they were)."""
    for key, value in params.items():
        old = cfg.params.get(key)
        cfg.params[key] = {**old, **value} if isinstance(value, dict) and isinstance(old, dict) else value


def _add_file(cfg: StageConfig, fpath: Path, expect_stage: str, vocabulary: Vocabulary) -> dict[str, Any] | None:
    """Add the rules and settings of ``fpath`` to ``cfg``; the settings of a file that is
    not packaged are returned (for :func:`_known_settings_only`)."""
    rules, params = load_rule_file(fpath, vocabulary)
    for r in rules:
        if r.stage != expect_stage:
            raise RuleError(f"rule {r.id}: stage {r.stage!r} but the file is loaded for {expect_stage!r}", str(fpath))
    packaged = _packaged(fpath, vocabulary)
    if packaged:
        cfg.vetted.update(params)
        rules = [_vetted(r) for r in rules]
    cfg.rules.extend(rules)
    cfg.files.append(str(fpath))
    _set_params(cfg, params)
    if params:
        cfg.source = str(fpath)
    return None if packaged else params


class Params:
    """Typed access to settings: a stage's ``[params]`` or a rule's own ``params``.

    A missing or ill-typed value, or a bad pattern, is a :class:`RuleError`
    naming the stage or rule, the key and the file.  Patterns come as
    :class:`ParamPattern`, searched with ``timeout`` unless vetted.
    """

    def __init__(self, values: Mapping[str, Any], timeout: float, label: str, where: str,
                 vetted: Mapping[str, Any] | None = None, rule: str = "") -> None:
        self.values = values
        self.timeout = timeout
        self.label = label  # "stage S: [params]", or "params" of the rule ``rule``
        self.where = where
        self.vetted = vetted or {}
        self.rule = rule

    @classmethod
    def of_stage(cls, config: StageConfig, timeout: float) -> "Params":
        return cls(config.params, timeout, f"stage {config.name}: [params]", config.source or config.name,
                   config.vetted)

    @classmethod
    def of_rule(cls, rule: Rule, timeout: float) -> "Params":
        return cls(rule.params, timeout, "params", rule.source, rule.vetted, rule.id)

    def error(self, key: str, what: str) -> RuleError:
        """The error for a value of ``key`` that its code cannot use."""
        return RuleError(f"{self.label} {key} {what}", self.where, rule=self.rule)

    def get(self, key: str, kind: type | tuple[type, ...]) -> Any:
        value = self.values.get(key)
        if not isinstance(value, kind) or isinstance(value, bool) and kind is not bool:
            raise self.error(key, "is missing or of the wrong type")
        return value

    def text(self, key: str) -> str:
        return self.get(key, str)

    def flag(self, key: str) -> bool:
        """``key``: true or false; false when not given."""
        return key in self.values and self.get(key, bool)

    def chars(self, key: str) -> str:
        """``key``: a set of characters, written as a string; never empty,
        since what is built on it could then never fire (a weight turns evidence off)."""
        value = self.text(key)
        if not value:
            raise self.error(key, "must hold at least one character")
        return value

    def integer(self, key: str) -> int:
        return self.get(key, int)

    def number(self, key: str) -> float:
        return float(self.get(key, (int, float)))

    def strings(self, key: str) -> list[str]:
        value = self.get(key, list)
        if not all(isinstance(v, str) for v in value):
            raise self.error(key, "must be a list of strings")
        return value

    def weights(self, key: str) -> dict[str, float]:
        value = self.get(key, dict)
        if not all(isinstance(v, (int, float)) and not isinstance(v, bool) and math.isfinite(v)
                   for v in value.values()):
            raise self.error(key, "must map names to finite numbers")
        return {k: float(v) for k, v in value.items()}

    def _guard(self, key: str, compiled: regex.Pattern[str]) -> ParamPattern:
        """``[params] key`` compiled, searched with the timeout unless the packaged file gives it."""
        name = key.partition("[")[0]  # key[n]: the n-th of a list
        vetted = name in self.vetted and self.values.get(name) == self.vetted[name]
        return ParamPattern(compiled, self.timeout, f"{self.label} {key}", self.where, vetted, self.rule)

    def _compile(self, key: str, value: str) -> regex.Pattern[str]:
        try:
            return regex.compile(value, regex.VERSION1)
        except regex.error as e:
            raise self.error(key, f"is a bad pattern: {e}") from None

    def pattern(self, key: str) -> ParamPattern:
        """``key``: one regex, or a list of them matched as alternatives."""
        value = self.values.get(key)
        if isinstance(value, list):
            value = "|".join(f"(?:{v})" for v in self.strings(key))
        elif not isinstance(value, str) or not value:
            raise self.error(key, "must be a regex or a list of them")
        return self._guard(key, self._compile(key, value))

    def _compile_each(self, key: str) -> list[regex.Pattern[str]]:
        return [self._compile(f"{key}[{n}]", value) for n, value in enumerate(self.strings(key))]

    def patterns(self, key: str) -> list[ParamPattern]:
        """``key``: a list of regexes, each compiled on its own (for backreferences)."""
        return [self._guard(f"{key}[{n}]", p) for n, p in enumerate(self._compile_each(key))]

    def fused_patterns(self, key: str) -> list[ParamPattern]:
        """``key``: a list of regexes, to ask whether any of them matches,
        in as few patterns as :func:`fuse_patterns` makes of them."""
        return [self._guard(key, p) for p in fuse_patterns(self._compile_each(key))]

