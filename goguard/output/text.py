"""go vet style: `path:line:col: message (CODE)`, one finding per line.

A suppressed finding (shown with --show-suppressed) ends with `[suppressed: reason]`.
With `color=True` the position is bold, the code takes its severity's colour and a
suppressed finding is dimmed.
"""

from __future__ import annotations

from goguard.findings import Finding, one_line, printable_path
from goguard.output import formatter

RESET = "\x1b[0m"
BOLD = "\x1b[1m"
DIM = "\x1b[2m"
SEVERITY_COLORS = {"error": "\x1b[31m", "warning": "\x1b[33m", "note": "\x1b[36m"}


def paint(text: str, *styles: str) -> str:
    return "".join(styles) + text + RESET


@formatter("text")
def render(findings: list[Finding], color: bool = False, **_context) -> str:
    return "".join(line(f, color) + "\n" for f in findings)


def line(f: Finding, color: bool = False) -> str:
    # Every piece of text that comes from the code or its files is escaped (Finding.text,
    # one_line): colour or not, nothing in a file can write to the terminal.
    mark = f" [suppressed: {one_line(f.suppressed)}]" if f.suppressed is not None else ""
    if not color:
        return f.text() + mark
    if f.suppressed is not None:
        return paint(f.text() + mark, DIM)
    where = paint(f"{printable_path(f.path)}:{f.line}:{f.column}:", BOLD)
    code = paint(f"({f.code})", SEVERITY_COLORS.get(f.severity, ""))
    return f"{where} {f.message} {code}"
