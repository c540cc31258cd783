"""SARIF 2.1.0, as GitHub code scanning ingests it.

One run: the tool with a descriptor for every registered rule (fired or not, built
from the same pages as `goguard rule CODE`), then one result per finding with its
location relative to the repository root (`%SRCROOT%`), UTF-16 columns, GitHub's line
hash, the nil source as a related location and the finding's flow as a code flow.

The log is built with sarif-om's object model and serialised through each attribute's
`schema_property_name`; see `to_json` for what is left out.
"""

from __future__ import annotations

import gzip
import json
import os
import subprocess
from pathlib import Path
from typing import Any, Callable, Iterable
from urllib.parse import quote

from goguard import __version__
from goguard.findings import Finding, FlowStep
from goguard.output import fingerprint, formatter

SCHEMA_URI = "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json"
INFORMATION_URI = "https://github.com/goguard/goguard"
# Each rule's page, as `goguard docs` writes it into docs/rules.
HELP_URI = INFORMATION_URI + "/blob/main/docs/rules/{code}.md"
SRCROOT = "%SRCROOT%"

# GitHub code scanning's limits for one uploaded file.
MAX_RESULTS_PER_RUN = 25_000
MAX_GZIPPED_BYTES = 10 * 1024 * 1024
# GitHub shows at most this much of a rule's fullDescription.
MAX_FULL_DESCRIPTION = 1024

# goguard severity -> SARIF level, and -> the `problem.severity` property GitHub reads.
LEVELS = {"error": "error", "warning": "warning", "note": "note"}
PROBLEM_SEVERITY = {"error": "error", "warning": "warning", "note": "recommendation"}

# Written even when equal to the schema default: GitHub and readers should not have to
# know that an absent level means "warning".
EXPLICIT = frozenset({"level"})


def to_json(obj: Any) -> Any:
    """A sarif-om object (or a list/dict of them) as JSON-ready data.

    Property names come from each attribute's `schema_property_name`. An attribute is
    left out when it is None, or when it equals its declared default (-1 indexes,
    "en-US", kind "fail": the schema's own defaults) unless its name is in EXPLICIT.
    Attributes without a default (the schema's required ones) are always written.
    """
    import attr

    if attr.has(type(obj)):
        out: dict[str, Any] = {}
        for a in attr.fields(type(obj)):
            value = getattr(obj, a.name)
            if value is None:
                continue
            name = a.metadata.get("schema_property_name", a.name)
            if a.default is not attr.NOTHING and name not in EXPLICIT:
                default = a.default.factory() if isinstance(a.default, attr.Factory) else a.default
                if value == default:
                    continue
            out[name] = to_json(value)
        return out
    if isinstance(obj, dict):
        return {k: to_json(v) for k, v in obj.items()}
    if isinstance(obj, (list, tuple)):
        return [to_json(v) for v in obj]
    return obj


def git_root(cwd: str | None = None) -> str:
    """The git top level of `cwd` (default: the current folder), else `cwd` itself."""
    cwd = os.path.abspath(cwd or os.getcwd())
    try:
        proc = subprocess.run(
            ["git", "rev-parse", "--show-toplevel"],
            cwd=cwd, capture_output=True, text=True, timeout=30,
        )
    except (OSError, subprocess.SubprocessError):
        return cwd
    top = proc.stdout.strip()
    return os.path.abspath(top) if proc.returncode == 0 and top else cwd


class Sources:
    """File contents read once per run, for what byte positions do not give: UTF-16
    columns, GitHub's line hashes and paths relative to the repository root."""

    def __init__(self, root: str | None = None) -> None:
        self.root = os.path.realpath(root or git_root())
        self._lines: dict[str, list[bytes] | None] = {}
        self._hashes: dict[str, list[str] | None] = {}
        self._data: dict[str, bytes | None] = {}

    def _read(self, abspath: str) -> bytes | None:
        if abspath not in self._data:
            try:
                with open(abspath, "rb") as fh:
                    self._data[abspath] = fh.read()
            except OSError:
                self._data[abspath] = None
        return self._data[abspath]

    def line_text(self, abspath: str, line: int) -> bytes:
        """The bytes of a 1-based line, without its newline (empty past the end)."""
        data = self._read(abspath)
        lines = data.split(b"\n") if data is not None else []
        return lines[line - 1].rstrip(b"\r") if 1 <= line <= len(lines) else b""

    def utf16_column(self, abspath: str, line: int, byte_column: int) -> int:
        """A 1-based byte column as a 1-based column in UTF-16 code units. A file that
        cannot be read (gone since the analysis) keeps its byte columns."""
        if abspath not in self._lines:
            data = self._read(abspath)
            self._lines[abspath] = None if data is None else data.split(b"\n")
        lines = self._lines[abspath]
        if lines is None or not 1 <= line <= len(lines):
            return max(byte_column, 1)
        text = lines[line - 1]
        prefix = text[:max(byte_column - 1, 0)]
        beyond = max(byte_column - 1 - len(text), 0)  # a span ending past the newline
        return len(prefix.decode("utf-8", "replace").encode("utf-16-le")) // 2 + beyond + 1

    def line_hash(self, abspath: str, line: int) -> str | None:
        if abspath not in self._hashes:
            data = self._read(abspath)
            self._hashes[abspath] = None if data is None else fingerprint.line_hashes(data)
        hashes = self._hashes[abspath]
        return hashes[line - 1] if hashes is not None and 1 <= line <= len(hashes) else None

    def relpath(self, abspath: str) -> str | None:
        """`abspath` relative to the root with `/` separators, or None outside it."""
        try:
            rel = os.path.relpath(os.path.realpath(abspath), self.root)
        except ValueError:  # another drive
            return None
        if rel == os.curdir or rel == os.pardir or rel.startswith(os.pardir + os.sep):
            return None
        return rel.replace(os.sep, "/")

    def artifact(self, abspath: str) -> tuple[str, str | None]:
        """(uri, uriBaseId): relative to %SRCROOT%, else an absolute file URI."""
        rel = self.relpath(abspath)
        if rel is None:
            real = os.path.realpath(abspath)
            try:
                return Path(real).as_uri(), None
            except ValueError:  # a name that is not valid text: keep its bytes
                return "file://" + quote(os.fsencode(real), safe="/"), None
        # fsencode: a file name that is not UTF-8 keeps its bytes, percent-encoded.
        return quote(os.fsencode(rel), safe="/"), SRCROOT

    def root_uri(self) -> str:
        uri = Path(self.root).as_uri()
        return uri if uri.endswith("/") else uri + "/"


def finding_abspath(finding: Finding) -> str:
    return finding.abspath or os.path.abspath(finding.path)


def step_abspath(finding: Finding, step: FlowStep) -> str:
    """A flow step's file: the finding's own, or its display path from the current folder."""
    return finding_abspath(finding) if step.path == finding.path else os.path.abspath(step.path)


class _Builder:
    def __init__(self, sources: Sources, rules: Iterable) -> None:
        import sarif_om as om

        self.om = om
        self.sources = sources
        self.descriptors = []
        self.index: dict[str, int] = {}
        for rule in rules:
            m = rule.meta
            self._describe(m.code, m.name, m.severity, rule.title, rule.section("What it does"),
                           rule.page(), m.tags, m.precision, m.security_severity,
                           HELP_URI.format(code=m.code))

    def _describe(self, code: str, name: str, severity: str, title: str, what: str, page: str,
                  tags: Iterable[str] = (), precision: str | None = None,
                  security_severity: str | None = None, help_uri: str | None = None) -> None:
        om = self.om
        properties: dict[str, Any] = {"tags": list(tags)}
        if precision:
            properties["precision"] = precision
        properties["problem.severity"] = PROBLEM_SEVERITY.get(severity, "warning")
        if security_severity:
            properties["security-severity"] = security_severity
        self.index[code] = len(self.descriptors)
        self.descriptors.append(om.ReportingDescriptor(
            id=code,
            name=name,
            short_description=om.MultiformatMessageString(text=title),
            full_description=om.MultiformatMessageString(text=_trim(what or title, MAX_FULL_DESCRIPTION)),
            help=om.MultiformatMessageString(text=page, markdown=page),
            help_uri=help_uri,
            default_configuration=om.ReportingConfiguration(level=LEVELS.get(severity, "warning")),
            properties=properties,
        ))

    def _location(self, abspath: str, line: int, column: int, end_line: int | None = None,
                  end_column: int | None = None, message: str | None = None, id: int | None = None):
        """A location in a file from 1-based byte columns; the region's end only when given."""
        om, s = self.om, self.sources
        region = om.Region(start_line=line, start_column=s.utf16_column(abspath, line, column))
        if end_line is not None and end_column is not None:
            region.end_line = end_line
            region.end_column = s.utf16_column(abspath, end_line, end_column)
        uri, base = s.artifact(abspath)
        return om.Location(
            id=id,
            physical_location=om.PhysicalLocation(
                artifact_location=om.ArtifactLocation(uri=uri, uri_base_id=base),
                region=region,
            ),
            message=om.Message(text=message) if message is not None else None,
        )

    def result(self, f: Finding):
        om = self.om
        if f.code not in self.index:  # not in the registry (a plugin, a test): still described
            self._describe(f.code, f.name, f.severity, f.name, "", f.name)
        path = finding_abspath(f)
        res = om.Result(
            rule_id=f.code,
            rule_index=self.index[f.code],
            level=LEVELS.get(f.severity, "warning"),
            message=om.Message(text=f.message),
            locations=[self._location(path, f.line, f.column, f.end_line, f.end_column)],
        )
        line_hash = self.sources.line_hash(path, f.line)
        if line_hash is not None:
            res.partial_fingerprints = {"primaryLocationLineHash": line_hash}
        if f.flow:
            def at(step: FlowStep, id: int | None = None):
                return self._location(step_abspath(f, step), step.line, step.column, message=step.note, id=id)

            res.related_locations = [at(f.flow[0], id=1)]  # the nil source
            steps = [om.ThreadFlowLocation(location=at(s)) for s in f.flow]
            last = f.flow[-1]
            if (last.path, last.line, last.column) != (f.path, f.line, f.column):
                # the flow ends where the fault is
                steps.append(om.ThreadFlowLocation(location=self._location(
                    path, f.line, f.column, f.end_line, f.end_column, message=f.message)))
            res.code_flows = [om.CodeFlow(thread_flows=[om.ThreadFlow(locations=steps)])]
        if f.suppressed is not None:
            res.suppressions = [om.Suppression(kind="inSource", justification=f.suppressed)]
        if f.fix is not None:
            uri, base = self.sources.artifact(path)
            res.fixes = [om.Fix(
                description=om.Message(text=f.fix.description + ("" if f.fix.safe else " (unsafe: --unsafe-fixes)")),
                artifact_changes=[om.ArtifactChange(
                    artifact_location=om.ArtifactLocation(uri=uri, uri_base_id=base),
                    replacements=[om.Replacement(
                        deleted_region=om.Region(byte_offset=e.start, byte_length=e.end - e.start),
                        inserted_content=om.ArtifactContent(text=e.text)) for e in f.fix.edits])])]
            res.properties = {"goguard/fixSafe": f.fix.safe}  # SARIF has no safe/unsafe of its own
        return res


def _trim(text: str, limit: int) -> str:
    if len(text) <= limit:
        return text
    cut = text.rfind(" ", 0, limit - 1)
    return text[:cut if cut > 0 else limit - 1].rstrip() + "\u2026"


def sarif_log(
    findings: list[Finding],
    *,
    rules: Iterable | None = None,
    root: str | None = None,
    root_uri: bool = True,
    warnings: Iterable[str] = (),
) -> dict:
    """The SARIF log for a run, as JSON-ready data."""
    import sarif_om as om

    if rules is None:
        from goguard.rules import all_rules

        rules = all_rules()
    sources = Sources(root)
    b = _Builder(sources, rules)
    results = [b.result(f) for f in sorted(findings, key=Finding.sort_key)]
    base = om.ArtifactLocation(
        uri=sources.root_uri() if root_uri else None,
        description=om.Message(text="The repository root: the git top level of the folder goguard ran in."),
    )
    run = om.Run(
        tool=om.Tool(driver=om.ToolComponent(
            name="goguard",
            version=__version__,
            semantic_version=__version__,
            information_uri=INFORMATION_URI,
            rules=b.descriptors,
        )),
        invocations=[om.Invocation(
            execution_successful=True,
            tool_execution_notifications=[
                om.Notification(message=om.Message(text=w), level="warning") for w in warnings
            ] or None,
        )],
        original_uri_base_ids={SRCROOT: base},
        column_kind="utf16CodeUnits",
        results=results,
    )
    log = to_json(om.SarifLog(runs=[run], version="2.1.0", schema_uri=SCHEMA_URI))
    # `$schema` and `version` first, as people read a log.
    return {"$schema": log.pop("$schema"), "version": log.pop("version"), **log}


@formatter("sarif")
def render(
    findings: list[Finding],
    *,
    warn: Callable[[str], None] | None = None,
    sarif_root_uri: bool = True,
    root: str | None = None,
    rules: Iterable | None = None,
    warnings: Iterable[str] = (),
    **_context,
) -> str:
    log = sarif_log(findings, rules=rules, root=root, root_uri=sarif_root_uri, warnings=warnings)
    text = json.dumps(log, indent=2) + "\n"
    if warn is not None:
        for problem in limit_problems(len(log["runs"][0]["results"]), text):
            warn(problem)
    return text


def limit_problems(results: int, text: str) -> list[str]:
    """What GitHub code scanning would refuse or cut in this log."""
    problems = []
    if results > MAX_RESULTS_PER_RUN:
        problems.append(
            f"SARIF run has {results} results; GitHub code scanning accepts at most "
            f"{MAX_RESULTS_PER_RUN} per run and drops the rest")
    raw = text.encode("utf-8")
    if len(raw) > MAX_GZIPPED_BYTES:  # gzip never makes JSON larger than this much
        size = len(gzip.compress(raw, compresslevel=6))
        if size > MAX_GZIPPED_BYTES:
            problems.append(
                f"SARIF log is {size / 1048576:.1f} MB gzipped; GitHub code scanning rejects "
                f"uploads over {MAX_GZIPPED_BYTES >> 20} MB gzipped")
    return problems
