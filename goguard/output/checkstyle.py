"""Checkstyle XML, as Jenkins' warnings-ng and reviewdog (`-f=checkstyle`) read it:

    <?xml version="1.0" encoding="UTF-8"?>
    <checkstyle version="4.3">
      <file name="pkg/a.go">
        <error line="7" column="2" severity="error" message="..." source="goguard.GG101"/>
      </file>
    </checkstyle>

One `<file>` per file, in path order; severities are checkstyle's own (error,
warning, info: goguard's note is info). The message carries the finding's flow after
the first line, as `line N: note`. Suppressed findings are left out. Text that XML
cannot hold (control characters) is escaped as in the message (`\\x01`).
"""

from __future__ import annotations

from itertools import groupby

from goguard.findings import Finding, one_line
from goguard.output import formatter

SEVERITY = {"error": "error", "warning": "warning", "note": "info"}


def _attr(text: str) -> str:
    # Newlines in attributes would be normalised to spaces by a parser: keep them.
    from xml.sax.saxutils import quoteattr  # here: it imports urllib and ssl, ~20 ms a run

    return quoteattr(text.encode("utf-8", "surrogateescape").decode("utf-8", "backslashreplace"),
                     {"\n": "&#10;", "\r": "&#13;", "\t": "&#9;"})


@formatter("checkstyle")
def render(findings: list[Finding], **_context) -> str:
    shown = sorted((f for f in findings if f.suppressed is None), key=Finding.sort_key)
    out = ['<?xml version="1.0" encoding="UTF-8"?>\n', '<checkstyle version="4.3">\n']
    for path, group in groupby(shown, key=lambda f: f.path):
        out.append(f"  <file name={_attr(one_line(path))}>\n")
        for f in group:
            message = f.message + "".join(
                f"\n{'line ' + str(s.line) if s.path == f.path else f'{s.path}:{s.line}'}: {s.note}" for s in f.flow)
            out.append(f"    <error line=\"{f.line}\" column=\"{f.column}\" "
                       f"severity=\"{SEVERITY.get(f.severity, 'warning')}\" message={_attr(message)} "
                       f"source={_attr('goguard.' + f.code)}/>\n")
        out.append("  </file>\n")
    out.append("</checkstyle>\n")
    return "".join(out)
