"""The configuration file: `[tool.goguard]` in pyproject.toml, or goguard.toml /
.goguard.toml with the same keys at top level.

Found by walking up from the current folder to the repository root (the first folder
holding `.git`; the file system root outside a repository). In each folder the first
of goguard.toml, .goguard.toml and pyproject.toml (only if it has a `[tool.goguard]`
table) wins. Paths in `exclude` and `per-file-ignores` are relative to the folder of
the configuration file.

Every problem -- TOML that does not parse, an unknown key, a wrong type, an unknown
rule -- is a `ConfigError` whose message names the file, the line and the key.
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any

from goguard.findings import SEVERITIES

NAMES = ("goguard.toml", ".goguard.toml", "pyproject.toml")
KEYS = ("select", "ignore", "exclude", "per-file-ignores", "tests", "include-generated",
        "go-version", "severity")
_GO_VERSION = re.compile(r"^(?:go)?([0-9]+)\.([0-9]+)(?:\.[0-9]+)?$")


def parse_go_version(text: str) -> tuple[int, int] | None:
    """`1.22`, `1.22.3` or `go1.22` -> (1, 22); None when it is not a Go version
    (every Go release is 1.N; `0.1` or `2.0` is a typo, not a language version)."""
    m = _GO_VERSION.match(text.strip())
    if m is None or int(m.group(1)) != 1 or int(m.group(2)) > 999:
        return None
    return (1, int(m.group(2)))


def glob_problem(pattern: str) -> str:
    """Why a glob of `exclude` or `per-file-ignores` cannot be what was meant ("" when
    it is fine): empty, or a `[` class that is never closed."""
    if not pattern.strip() or pattern.strip() in ("./", "/"):
        return "it is empty"
    i = 0
    while i < len(pattern):
        if pattern[i] == "[":
            j = pattern.find("]", i + 2)
            if j < 0:
                return "a '[' is never closed by ']'"
            i = j
        i += 1
    return ""


class ConfigError(Exception):
    """A configuration problem, as `file:line: key: problem`."""


@dataclass
class Config:
    path: str | None = None  # the file it was read from; None: no file
    root: str = ""  # the folder that `exclude` and `per-file-ignores` paths are relative to
    select: list[str] | None = None  # codes
    ignore: list[str] | None = None  # codes
    exclude: list[str] = field(default_factory=list)
    per_file_ignores: dict[str, frozenset[str]] = field(default_factory=dict)
    tests: bool | None = None
    include_generated: bool | None = None
    go_version: tuple[int, int] | None = None
    severity: dict[str, str] = field(default_factory=dict)  # code -> level


def find(start: str) -> str | None:
    """The configuration file that applies in `start`, or None."""
    d = os.path.abspath(start)
    while True:
        for name in NAMES:
            path = os.path.join(d, name)
            if not os.path.isfile(path):
                continue
            if name != "pyproject.toml" or _has_goguard_table(path):
                return path
        if os.path.exists(os.path.join(d, ".git")):
            return None
        parent = os.path.dirname(d)
        if parent == d:
            return None
        d = parent


def _has_goguard_table(path: str) -> bool:
    try:
        with open(path, encoding="utf-8", errors="replace") as fh:
            text = fh.read()
    except OSError:
        return False
    if "goguard" not in text:
        return False
    try:
        data = _toml().loads(text)
    except Exception:
        return True  # it mentions goguard: load() reports the syntax error
    return isinstance(data.get("tool"), dict) and "goguard" in data["tool"]


def _toml():
    try:
        import tomllib
    except ImportError:  # Python 3.10
        import tomli as tomllib
    return tomllib


def discover(cwd: str | None = None) -> Config:
    path = find(cwd or os.getcwd())
    return load(path) if path else Config(root=os.path.abspath(cwd or os.getcwd()))


def load(path: str) -> Config:
    """Reads and validates one configuration file."""
    shown = os.path.relpath(path) if not os.path.relpath(path).startswith("..") else path
    try:
        with open(path, "rb") as fh:
            raw = fh.read()
    except OSError as e:
        raise ConfigError(f"{shown}: cannot read configuration file: {e.strerror or e}") from e
    text = raw.decode("utf-8", "replace")
    try:
        data = _toml().loads(text)
    except Exception as e:  # tomllib.TOMLDecodeError; its message ends with (at line N, column M)
        m = re.search(r"\(at line ([0-9]+), column [0-9]+\)", str(e))
        line = m.group(1) if m else max(1, len(text.splitlines()))  # "(at end of document)"
        msg = re.sub(r"\s*\(at (?:line [0-9]+, column [0-9]+|end of document)\)", "", str(e))
        where = f"{shown}:{line}"
        raise ConfigError(f"{where}: invalid TOML: {msg}") from e
    prefix: tuple[str, ...] = ()
    if os.path.basename(path) == "pyproject.toml":
        prefix = ("tool", "goguard")
        table = data.get("tool", {}).get("goguard", {}) if isinstance(data.get("tool"), dict) else {}
    else:
        table = data
    return _Reader(shown, text, prefix).read(table, os.path.dirname(os.path.abspath(path)), path)


class _Reader:
    """Validation with messages that point at the line of the offending key."""

    def __init__(self, shown: str, text: str, prefix: tuple[str, ...]) -> None:
        self.shown = shown
        self.lines = text.splitlines()
        self.prefix = prefix

    def fail(self, keys: tuple[str, ...], problem: str, value: str | None = None) -> None:
        line = self.line_of(self.prefix + keys, value)
        dotted = ".".join(_quote_key(k) for k in self.prefix + keys)
        raise ConfigError(f"{self.shown}:{line}: {dotted}: {problem}")

    def read(self, table: dict, root: str, path: str) -> Config:
        if not isinstance(table, dict):
            self.fail((), "must be a table")
        cfg = Config(path=path, root=root)
        for key, value in table.items():
            if key not in KEYS:
                self.fail((key,), f"unknown key (known keys: {', '.join(KEYS)})")
        if "select" in table:
            cfg.select = self.codes(("select",), table["select"])
        if "ignore" in table:
            cfg.ignore = self.codes(("ignore",), table["ignore"])
        if "exclude" in table:
            cfg.exclude = self.globs(("exclude",), table["exclude"])
        if "per-file-ignores" in table:
            pfi = table["per-file-ignores"]
            if not isinstance(pfi, dict):
                self.fail(("per-file-ignores",), 'must be a table of glob = ["codes"]')
            for glob, codes in pfi.items():
                problem = glob_problem(glob)
                if problem:
                    self.fail(("per-file-ignores", glob), f"{glob!r} is not a valid glob: {problem}")
                cfg.per_file_ignores[glob] = frozenset(self.codes(("per-file-ignores", glob), codes))
        for key in ("tests", "include-generated"):
            if key in table:
                if not isinstance(table[key], bool):
                    self.fail((key,), f"must be true or false, not {_type(table[key])}")
                setattr(cfg, key.replace("-", "_"), table[key])
        if "go-version" in table:
            v = table["go-version"]
            cfg.go_version = parse_go_version(v) if isinstance(v, str) else None
            if cfg.go_version is None:
                self.fail(("go-version",), f'must be a string such as "1.22", not {v!r}')
        if "severity" in table:
            sev = table["severity"]
            if not isinstance(sev, dict):
                self.fail(("severity",), 'must be a table of code = "error" | "warning" | "note"')
            for sel, level in sev.items():
                if level not in SEVERITIES:
                    self.fail(("severity", sel), f"must be one of {', '.join(SEVERITIES)}, not {level!r}")
                for code in self.codes(("severity", sel), [sel], key_is_rule=True):
                    cfg.severity[code] = level
        return cfg

    def strings(self, keys: tuple[str, ...], value: Any) -> list[str]:
        if not isinstance(value, list):
            self.fail(keys, f"must be a list of strings, not {_type(value)}")
        for i, v in enumerate(value):
            if not isinstance(v, str):
                self.fail(keys, f"must be a list of strings, but item {i + 1} is {_type(v)} ({v!r})")
        return list(value)

    def globs(self, keys: tuple[str, ...], value: Any) -> list[str]:
        out = self.strings(keys, value)
        for g in out:
            problem = glob_problem(g)
            if problem:
                self.fail(keys, f"{g!r} is not a valid glob: {problem}", g)
        return out

    def codes(self, keys: tuple[str, ...], value: Any, key_is_rule: bool = False) -> list[str]:
        from goguard.rules import resolve_selector, unknown_selector

        out: list[str] = []
        for sel in self.strings(keys, value):
            # Only `select` turns opt-in rules on, and only by naming them.
            rules = resolve_selector(sel, include_off=keys[0] != "select")
            if not rules:
                self.fail(keys, f"{unknown_selector(sel)} (see 'goguard rules')",
                          None if key_is_rule else sel)
            out.extend(r.code for r in rules if r.code not in out)
        return out

    def line_of(self, keys: tuple[str, ...], value: str | None) -> int:
        """The 1-based line where the key is set (or, inside its value, where `value`
        is written). tomllib does not give positions, so the text is scanned: table
        headers, dotted keys and inline tables are followed."""
        header_re, key_re = _line_patterns()
        best, best_len = 1, -1
        header: tuple[str, ...] = ()
        for i, line in enumerate(self.lines, 1):
            m = header_re.match(line)
            if m:
                header = _key_parts(m.group(1))
                full = header
            else:
                m = key_re.match(line)
                if not m:
                    continue
                full = header + _key_parts(m.group(1))
            n = _common(full, keys)
            if n == len(full) and n > best_len:
                best, best_len = i, n
        if best_len < len(keys):
            # An inline table or the entry of a multi-line value: look for the
            # remaining key (or the value) after the best line.
            needle = keys[best_len] if best_len >= 0 and best_len < len(keys) else None
            best = self._find_after(best, needle) or best
        if value is not None:
            best = self._find_after(best, value, quoted=True) or best
        return best

    def _find_after(self, start: int, needle: str | None, quoted: bool = False) -> int | None:
        if not needle:
            return None
        pats = [f'"{needle}"', f"'{needle}'"] if quoted else [f'"{needle}"', f"'{needle}'", needle]
        for i in range(start, len(self.lines) + 1):
            line = self.lines[i - 1]
            if i > start and _line_patterns()[0].match(line):
                return None
            if any(p in line for p in pats):
                return i
        return None


_BARE = r"[A-Za-z0-9_-]+"
_PART = rf'(?:"(?:[^"\\]|\\.)*"|\'[^\']*\'|{_BARE})'
_DOTTED = rf"{_PART}(?:\s*\.\s*{_PART})*"


@lru_cache(maxsize=None)
def _line_patterns() -> tuple[re.Pattern, re.Pattern]:
    """(table header, key assignment): compiled on the first error only."""
    return (re.compile(rf"^\s*\[\s*({_DOTTED})\s*\]\s*(?:#.*)?$"), re.compile(rf"^\s*({_DOTTED})\s*="))


def _key_parts(dotted: str) -> tuple[str, ...]:
    parts = re.findall(_PART, dotted)
    return tuple(p[1:-1] if p[:1] in "\"'" else p for p in parts)


def _common(a: tuple[str, ...], b: tuple[str, ...]) -> int:
    n = 0
    for x, y in zip(a, b):
        if x != y:
            break
        n += 1
    return n


def _quote_key(k: str) -> str:
    return k if re.fullmatch(_BARE, k) else f'"{k}"'


def _type(value: Any) -> str:
    return {bool: "a boolean", int: "an integer", float: "a number", str: "a string",
            list: "a list", dict: "a table"}.get(type(value), type(value).__name__)


def _glob_regex(pattern: str) -> str:
    """A glob as a regex over `/`-separated paths relative to the configuration's folder.
    `*` and `?` stay within one path element, `**` crosses folders, `[...]` is a class.
    A pattern without `/` (but for a trailing one) matches any single element (a file
    or folder name), as in .gitignore; one starting with `./` or `/` is anchored at the
    root. A pattern that matches a folder also matches everything below it."""
    p = pattern.strip()
    anchored = p.startswith(("./", "/")) or "/" in p.rstrip("/")
    if p.startswith("./"):
        p = p[2:]
    p = p.strip("/")
    out = []
    i = 0
    while i < len(p):
        c = p[i]
        if p.startswith("**/", i):
            out.append("(?:.*/)?")
            i += 3
        elif p.startswith("**", i):
            out.append(".*")
            i += 2
        elif c == "*":
            out.append("[^/]*")
            i += 1
        elif c == "?":
            out.append("[^/]")
            i += 1
        elif c == "[":
            j = p.find("]", i + 2)
            if j < 0:
                out.append(re.escape(c))
                i += 1
                continue
            body = p[i + 1:j]
            if body.startswith("!"):
                body = "^" + body[1:]
            out.append("[" + body.replace("\\", "\\\\") + "]")
            i = j + 1
        else:
            out.append(re.escape(c))
            i += 1
    body = "".join(out)
    return (f"^{body}(?:/.*)?$" if anchored else f"^(?:.*/)?{body}(?:/.*)?$")


@dataclass(frozen=True)
class PathMatcher:
    """Glob patterns relative to a root folder, tested on absolute paths. Picklable,
    so that worker processes can use it."""

    root: str
    patterns: tuple[str, ...]
    _regex: re.Pattern | None = field(default=None, compare=False, repr=False)

    @classmethod
    def of(cls, root: str, patterns: list[str] | tuple[str, ...]) -> "PathMatcher":
        rx = re.compile("|".join(f"(?:{_glob_regex(p)})" for p in patterns)) if patterns else None
        return cls(root, tuple(patterns), rx)

    def __call__(self, abspath: str) -> bool:
        if self._regex is None:
            return False
        rel = os.path.relpath(abspath, self.root).replace(os.sep, "/")
        return self._regex.match(rel) is not None
