"""GitHub Actions workflow commands: one `::error`/`::warning`/`::notice` per finding,
so findings annotate a pull request's diff without a SARIF upload.

    ::error file=pkg/a.go,line=7,col=2,endLine=7,endColumn=10,title=GG101 nil-map-write::message

`file` is relative to the repository root (where GitHub checks the code out), columns
are UTF-16 code units as GitHub's web views count them, and the message carries the
finding's flow (where the value became nil) on further lines. Suppressed findings are
left out. The run's warnings (a syntax error, a file that cannot be read) come first,
as `::warning` commands with the file and line they name, so they annotate the diff
too instead of hiding in the log.
"""

from __future__ import annotations

import re

from goguard.findings import Finding, one_line, printable_path
from goguard.output import formatter
from goguard.output.sarif import Sources, finding_abspath, step_abspath

COMMANDS = {"error": "error", "warning": "warning", "note": "notice"}


def escape_data(s: str) -> str:
    """A command's message: `%`, CR and LF escaped (as @actions/core does)."""
    return s.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def escape_property(s: str) -> str:
    """A property value: also `:` and `,`, which would end the value."""
    return escape_data(s).replace(":", "%3A").replace(",", "%2C")


def command(f: Finding, sources: Sources) -> str:
    path = finding_abspath(f)
    file = printable_path(sources.relpath(path) or path)
    props = [("file", file), ("line", str(f.line))]
    if f.line == f.end_line:
        # GitHub accepts columns only on a one-line span.
        props.append(("col", str(sources.utf16_column(path, f.line, f.column))))
    props.append(("endLine", str(f.end_line)))
    if f.line == f.end_line:
        props.append(("endColumn", str(sources.utf16_column(path, f.end_line, f.end_column))))
    props.append(("title", f"{f.code} {f.name}"))
    message = f.message
    for step in f.flow:
        where = printable_path(sources.relpath(step_abspath(f, step)) or step.path)
        prefix = f"line {step.line}" if step.path == f.path else f"{where}:{step.line}"
        message += f"\n{prefix}: {step.note}"
    level = COMMANDS.get(f.severity, "warning")
    return f"::{level} " + ",".join(f"{k}={escape_property(v)}" for k, v in props) + "::" + escape_data(message)


_WARNING = re.compile(r"^(?P<file>[^:\n]+?)(?::(?P<line>[0-9]+)(?::(?P<col>[0-9]+))?)?: (?P<message>.*)$", re.S)


def warning_command(w: str) -> str:
    """`::warning file=F,line=L,title=goguard::message` for a run's warning."""
    w = one_line(w)  # a file name in it may hold control characters
    m = _WARNING.match(w)
    props = []
    message = w
    if m is not None:
        props.append(("file", m.group("file")))
        if m.group("line"):
            props.append(("line", m.group("line")))
        if m.group("col"):
            props.append(("col", m.group("col")))
        message = m.group("message")
    props.append(("title", "goguard"))
    return "::warning " + ",".join(f"{k}={escape_property(v)}" for k, v in props) + "::" + escape_data(message)


@formatter("github")
def render(findings: list[Finding], *, root: str | None = None, warnings=(), **_context) -> str:
    sources = Sources(root)
    return "".join(warning_command(w) + "\n" for w in warnings) + "".join(
        command(f, sources) + "\n"
        for f in sorted(findings, key=Finding.sort_key)
        if f.suppressed is None
    )
