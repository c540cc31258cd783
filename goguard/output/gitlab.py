"""GitLab Code Quality: the JSON array a job publishes as `artifacts:reports:codequality`
(https://docs.gitlab.com/ci/testing/code_quality/#code-quality-report-format).

Each finding is an object with `description`, `check_name`, `fingerprint`, `severity`
and `location.path` / `location.lines.begin`, the fields GitLab reads. Paths are
relative to the repository root (GitLab matches them against the merge request's
files). Severities: error -> critical, warning -> major, note -> info. The
fingerprint, which GitLab uses to tell a new finding from one already on the target
branch, hashes the rule, the path, the line's text (not its number, so an edit above
does not make every finding new) and the occurrence of that line's finding; suppressed
findings are left out.
"""

from __future__ import annotations

import hashlib
import json
from collections import Counter

from goguard.findings import Finding, printable_path
from goguard.output import formatter
from goguard.output.sarif import Sources, finding_abspath

SEVERITY = {"error": "critical", "warning": "major", "note": "info"}


@formatter("gitlab")
def render(findings: list[Finding], *, root: str | None = None, **_context) -> str:
    sources = Sources(root)
    seen: Counter = Counter()
    out = []
    for f in sorted(findings, key=Finding.sort_key):
        if f.suppressed is not None:
            continue
        abspath = finding_abspath(f)
        path = printable_path(sources.relpath(abspath) or f.path)  # valid JSON text, whatever the name
        key = (f.code, path, sources.line_text(abspath, f.line).strip(), f.message)
        seen[key] += 1
        h = hashlib.sha256()
        for part in (f.code, path, key[2].decode("utf-8", "replace"), f.message, str(seen[key])):
            h.update(part.encode("utf-8", "surrogateescape") + b"\0")
        out.append({
            "description": f.message,
            "check_name": f"{f.code} {f.name}",
            "fingerprint": h.hexdigest(),
            "severity": SEVERITY.get(f.severity, "major"),
            "location": {"path": path, "lines": {"begin": f.line, "end": f.end_line}},
        })
    return json.dumps(out, indent=2, ensure_ascii=False) + "\n"
