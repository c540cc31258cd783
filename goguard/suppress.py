"""In-source suppression directives, read from a file's comments.

Forms (Go's directive convention: no space after `//`):

- `//goguard:ignore GG101[,GG102] reason...` at the end of the flagged line, or alone
  on a line above it (comment-only lines in between are skipped). Codes, rule names
  (`nil-map-write`) and code prefixes (`GG1`) are accepted. The reason is required.
- `//goguard:file-ignore GG101 reason...` anywhere in a file: the whole file.
- `//nolint:goguard` and `//nolint:goguard // reason` (golangci-lint's form, also in a
  list such as `//nolint:errcheck,goguard`): every goguard rule, on that line (or the
  next one when alone on its line). A bare `//nolint` naming no linter does not apply:
  it is usually written for other linters and must not hide a crash.

The engine applies directives to a file's findings after every rule has run on it
(`apply`): a suppressed finding is kept, with `Finding.suppressed` set to the
directive's reason, so `--show-suppressed` and SARIF can show it. A malformed
directive suppresses nothing. Directive problems -- malformed ones, and stale ones
that matched no finding although every rule they name ran -- are reported by the
rule GG000 (`goguard.rules.gg000_stale_directive`), which reads `Directive` objects.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace

from goguard.findings import Finding
from goguard.frontend import source as src

# The rule that reports directive problems. It cannot itself be suppressed in source
# (turn it off with `ignore` or `per-file-ignores`), and it runs after the directives
# have been applied.
RULE_CODE = "GG000"

_QUERY = "(comment) @comment"
_DIRECTIVE = re.compile(r"//goguard:(\S*)\s*(.*)", re.S)
_SPACED = re.compile(r"//\s+goguard:(ignore|file-ignore)\b")
_NOLINT = re.compile(r"//nolint:([\w,-]+)(.*)", re.S)
_FORMS = ("ignore", "file-ignore")
_SELECTORS = re.compile(r"([\w-]+(?:[ \t]*,[ \t]*[\w-]+)*)(.*)", re.S)


@dataclass
class Directive:
    """One directive comment of a file."""

    kind: str  # "ignore" | "file-ignore" | "nolint"
    text: str  # the comment, as written
    start_byte: int
    end_byte: int
    line: int  # the comment's line
    target: int | None  # the line it applies to; None: the whole file
    selectors: tuple[str, ...] = ()
    codes: frozenset[str] = frozenset()  # resolved rule codes; every rule for nolint
    reason: str = ""
    problem: str | None = None  # why it is malformed; a malformed directive suppresses nothing
    used: bool = False  # it suppressed at least one finding

    @property
    def valid(self) -> bool:
        return self.problem is None

    @property
    def justification(self) -> str:
        """What a suppressed finding records as the reason."""
        return self.reason or "//nolint:goguard"

    def covers(self, finding: Finding) -> bool:
        if not self.valid or finding.code not in self.codes:
            return False
        return self.target is None or self.target == finding.line


def may_have_directives(file: src.SourceFile) -> bool:
    """A cheap test that spares the comment query on most files."""
    return b"goguard:" in file.data or b"nolint:" in file.data


def parse(file: src.SourceFile) -> list[Directive]:
    """Every goguard directive in the file's comments, in source order."""
    comments = src.captures(_QUERY, file.root).get("comment", [])
    out = []
    for node in sorted(comments, key=lambda n: n.start_byte):
        d = _directive(file, node)
        if d is not None:
            out.append(d)
    return out


def _registry_codes(selector: str) -> frozenset[str]:
    from goguard.rules import resolve_selector

    return frozenset(r.code for r in resolve_selector(selector))


def _all_codes() -> frozenset[str]:
    from goguard.rules import all_rules

    return frozenset(r.code for r in all_rules()) - {RULE_CODE}


def _default_codes() -> frozenset[str]:
    from goguard.rules import default_codes

    return default_codes() - {RULE_CODE}


def _directive(file: src.SourceFile, node) -> Directive | None:
    raw = file.data[node.start_byte:node.end_byte]
    if not raw.startswith(b"//"):
        return None  # a /* block */ comment is never a directive
    text = raw.decode("utf-8", "replace").rstrip()
    line, col = file.position(node.start_byte)
    alone = not file.line_bytes(line)[: col - 1].strip()
    target = _next_code_line(file, line) if alone else line

    def make(kind: str, **kw) -> Directive:
        return Directive(kind, text, node.start_byte, node.end_byte, line, target, **kw)

    m = _NOLINT.match(text)
    if m:
        linters = [x.strip().lower() for x in m.group(1).split(",")]
        if "goguard" not in linters:
            return None
        rest = m.group(2).strip()
        reason = rest[2:].strip() if rest.startswith("//") else rest
        return make("nolint", codes=_all_codes(), reason=reason)

    m = _SPACED.match(text)
    if m:
        return make(m.group(1), problem=f"write //goguard:{m.group(1)} without a space after //")

    m = _DIRECTIVE.match(text)
    if not m:
        return None
    form, rest = m.group(1), m.group(2).strip()
    if form not in _FORMS:
        return make(form or "ignore",
                    problem=f"unknown directive //goguard:{form}; use //goguard:ignore or //goguard:file-ignore")
    if form == "file-ignore":
        target = None
    selectors, reason = _split(rest)
    d = make(form, selectors=tuple(selectors), reason=reason)
    if not selectors:
        d.problem = f"//goguard:{form} needs rule codes and a reason, e.g. //goguard:{form} GG101 why it is safe"
        return d
    codes: set[str] = set()
    for s in selectors:
        found = _registry_codes(s)
        if not found:
            d.problem = f"unknown rule code, name or prefix {s!r}"
            return d
        codes |= found
    codes.discard(RULE_CODE)
    if not codes:
        d.problem = f"{RULE_CODE} cannot be suppressed in source; turn it off in the configuration"
        return d
    d.codes = frozenset(codes)
    if not reason:
        d.problem = f"//goguard:{form} needs a reason after the rule codes, e.g. {text} why it is safe"
    return d


def _split(rest: str) -> tuple[list[str], str]:
    """`GG101,GG102 the reason` -> (["GG101", "GG102"], "the reason"). Spaces may
    follow a comma (`GG101, GG102`); a reason may start with `//`."""
    m = _SELECTORS.match(rest)
    if not m:
        return [], rest
    selectors = [s.strip() for s in m.group(1).split(",")]
    reason = m.group(2).strip()
    if reason.startswith("//"):
        reason = reason[2:].strip()
    return selectors, reason


def _next_code_line(file: src.SourceFile, line: int) -> int:
    """The first line after `line` that is not a `//` comment-only line, so that
    directives may be stacked above one line."""
    n = len(file.line_starts)
    nxt = line + 1
    while nxt <= n and file.line_bytes(nxt).lstrip().startswith(b"//"):
        nxt += 1
    return nxt


def apply(
    file: src.SourceFile,
    findings: list[Finding],
    directives: list[Directive],
) -> list[Finding]:
    """The findings with those that a valid directive covers marked suppressed (with
    the directive's reason); the directives that matched are marked `used`. Line
    directives give their reason before file-level ones."""
    if not directives:
        return findings
    ordered = sorted(directives, key=lambda d: d.target is None)
    out = []
    for f in findings:
        if f.code == RULE_CODE or f.suppressed is not None:
            out.append(f)
            continue
        reason = None
        for d in ordered:
            if d.covers(f):
                d.used = True
                if reason is None:
                    reason = d.justification
        out.append(f if reason is None else replace(f, suppressed=reason))
    return out


@dataclass
class Problem:
    """A directive problem for GG000 to report."""

    directive: Directive
    message: str


def problems(
    directives: list[Directive],
    ran: frozenset[str] | set[str],
    unjudged: list[tuple[int, int]] = (),
) -> list[Problem]:
    """Malformed directives, and stale ones: valid, matched nothing, and every rule they
    name ran on the file (a directive for a rule that did not run cannot be judged).
    Directives inside `unjudged` byte ranges (declarations with syntax errors, which
    were not analysed) are not judged stale."""
    out = []
    for d in directives:
        if not d.valid:
            out.append(Problem(d, f"malformed goguard directive (suppresses nothing): {d.problem}"))
            continue
        # A //nolint:goguard is judged once every rule enabled by default ran (an
        # opt-in rule that did not run cannot make it stale or fresh).
        needed = d.codes & _default_codes() if d.kind == "nolint" else d.codes
        if d.used or not needed <= ran:
            continue
        if d.target is not None and any(s <= d.start_byte < e for s, e in unjudged):
            continue
        if d.kind == "nolint":
            msg = "stale //nolint:goguard directive: no goguard finding on this line"
        elif d.kind == "file-ignore":
            msg = f"stale goguard directive: no {_names(d)} finding in this file"
        else:
            msg = f"stale goguard directive: no {_names(d)} finding on this line"
        out.append(Problem(d, msg))
    return out


def _names(d: Directive) -> str:
    return ", ".join(d.selectors)


@dataclass
class FileDirectives:
    """What the engine keeps per file for GG000: the directives and the rules that ran."""

    directives: list[Directive] = field(default_factory=list)
    ran: frozenset[str] = frozenset()
    unjudged: list[tuple[int, int]] = field(default_factory=list)

    def problems(self) -> list[Problem]:
        return problems(self.directives, self.ran, self.unjudged)
