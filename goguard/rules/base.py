"""What a rule is: metadata declared beside its check, and its docstring as its page."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Callable

from goguard.findings import SEVERITIES

# Every rule page has these sections, in this order (ruff's fixed sections, plus the
# runtime symptom an SRE greps the logs for and what peers do about the same bug).
# The corpus every rule's measured precision refers to.
CORPUS = ("the goguard corpus (benchmarks/README.md: 19 current Go projects, the Go 1.27.3 "
          "standard library and Debian's golang-*-dev sources of 14 more, 10.19 MLOC)")

SECTIONS = (
    "What it does",
    "Why is this bad?",
    "Example",
    "Use instead",
    "Runtime symptom",
    "Related checks elsewhere",
)

CODE_RE = re.compile(r"^GG[0-9]{3}$")
NAME_RE = re.compile(r"^[a-z][a-z0-9]*(-[a-z0-9]+)*$")
PRECISIONS = ("very-high", "high", "medium", "low")


@dataclass(frozen=True)
class RuleMeta:
    code: str
    name: str
    severity: str  # default severity: error | warning | note
    tags: tuple[str, ...] = ()
    precision: str = "high"  # SARIF's precision property (GitHub code scanning reads it)
    # Precision as measured on the real-world corpus (benchmarks/README.md), for the page.
    measured: str = ""
    # A tree-sitter query; the rule's check runs on a file only when it matches there.
    # None: the check runs on every file with an empty match list.
    query: str | None = None
    # The check also runs on files where the query matches nothing (with no matches):
    # for findings that a package fact locates without a query (GG101's calls of writers).
    every_file: bool = False
    # The check can only fire in a file containing one of these byte strings (e.g.
    # b"unsafe"): files without them skip the rule before any query runs.
    requires: tuple[bytes, ...] = ()
    # File queries of shared analyses the check uses (see goguard.analyses.FILE_QUERIES):
    # they run in the same single traversal as the rules' queries.
    uses: tuple[str, ...] = ()
    # Whether the rule runs when nothing selects it: an opt-in rule (False) runs only
    # when `--select` or the configuration's `select` names it by code or name.
    default_enabled: bool = True
    # CVSS-like score for memory-safety rules, shown by GitHub code scanning.
    security_severity: str | None = None
    since: str = "0.1.0"


@dataclass(frozen=True)
class Rule:
    meta: RuleMeta
    check: Callable = field(compare=False)
    doc: str = ""

    code = property(lambda self: self.meta.code)
    name = property(lambda self: self.meta.name)
    severity = property(lambda self: self.meta.severity)

    @property
    def title(self) -> str:
        return self.doc.strip().splitlines()[0].strip().rstrip(".")

    def section(self, name: str) -> str:
        """The body of one `## name` section of the page."""
        m = re.search(rf"^## {re.escape(name)}\n(.*?)(?=^## |\Z)", self.doc, re.M | re.S)
        return m.group(1).strip() if m else ""

    def page(self) -> str:
        """The rule's page as Markdown: the docstring under a heading with its metadata."""
        body = self.doc.strip().split("\n", 1)[1].strip() if "\n" in self.doc.strip() else ""
        meta = self.meta
        lines = [
            f"# {meta.code} {meta.name}: {self.title}",
            "",
            f"Default severity: {meta.severity}. Tags: {', '.join(meta.tags) or 'none'}. Since: {meta.since}.",
            "",
            f"Precision, as measured: {meta.measured}",
            "",
            body,
            "",
        ]
        return "\n".join(lines)

    def example(self, section: str) -> str:
        """The first ```go block of a section (Example / Use instead)."""
        m = re.search(r"```go\n(.*?)```", self.section(section), re.S)
        return m.group(1) if m else ""


class RuleError(Exception):
    pass


def validate(rule: Rule) -> None:
    meta = rule.meta
    where = f"rule {meta.code or '?'}"
    if not CODE_RE.match(meta.code):
        raise RuleError(f"{where}: code must look like GG123")
    if not NAME_RE.match(meta.name):
        raise RuleError(f"{where}: name {meta.name!r} must be kebab-case")
    if meta.severity not in SEVERITIES:
        raise RuleError(f"{where}: severity {meta.severity!r} is not one of {SEVERITIES}")
    if meta.precision not in PRECISIONS:
        raise RuleError(f"{where}: precision {meta.precision!r} is not one of {PRECISIONS}")
    if not meta.measured.strip():
        raise RuleError(f"{where}: state its precision as measured on the corpus (measured=...)")
    if not rule.doc.strip():
        raise RuleError(f"{where}: the module has no docstring (its page)")
    positions = []
    for s in SECTIONS:
        m = re.search(rf"^## {re.escape(s)}$", rule.doc, re.M)
        if not m:
            raise RuleError(f"{where}: page lacks the section '## {s}'")
        positions.append(m.start())
    if positions != sorted(positions):
        raise RuleError(f"{where}: page sections must come in the order {SECTIONS}")
    for s in ("Example", "Use instead"):
        if not rule.example(s).strip():
            raise RuleError(f"{where}: section '{s}' needs a ```go block")
