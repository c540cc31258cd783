"""go vet style: `path:line:col: message (CODE)`, one finding per line."""

from __future__ import annotations

from goguard.findings import Finding
from goguard.output import formatter


@formatter("text")
def render(findings: list[Finding], **_context) -> str:
    return "".join(f.text() + "\n" for f in findings)
