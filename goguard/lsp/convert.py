"""Findings as the protocol's values: diagnostics, code actions and hover text.

goguard's positions are 1-based lines and 1-based byte columns of the file's bytes; the
protocol's are 0-based lines and columns in the client's position encoding (UTF-16 code
units unless the client chose UTF-8 or UTF-32). A finding of the open document is
converted against the exact bytes it was computed on, so positions stay right for
unsaved text; a flow step in another file is converted against that file on disk.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from typing import Callable

from lsprotocol import types as lsp

from goguard.findings import Finding
from goguard.output.sarif import HELP_URI
from goguard.rules import get_rule

SEVERITY = {"error": lsp.DiagnosticSeverity.Error, "warning": lsp.DiagnosticSeverity.Warning,
            "note": lsp.DiagnosticSeverity.Information}
SOURCE = "goguard"
FIX_ALL = "source.fixAll.goguard"
# The reason a suppression action writes: a placeholder to replace, never a silent pass
# (GG000 cannot tell it from a real reason, so the title says to write one).
REASON = "<reason: why this cannot crash>"


class Text:
    """A file's bytes, with positions in the client's encoding."""

    def __init__(self, data: bytes, units: Callable[[str], int]) -> None:
        self.data = data
        self.units = units  # the client's code units in a string
        self.starts = [0]
        i = data.find(b"\n")
        while i >= 0:
            self.starts.append(i + 1)
            i = data.find(b"\n", i + 1)

    def position(self, line: int, column: int) -> lsp.Position:
        """goguard's 1-based line and byte column."""
        line = min(max(line, 1), len(self.starts))
        start = self.starts[line - 1]
        end = self.starts[line] - 1 if line < len(self.starts) else len(self.data)
        prefix = self.data[start:min(start + max(column - 1, 0), end)]
        return lsp.Position(line=line - 1, character=self.units(prefix.decode("utf-8", "replace")))

    def at(self, offset: int) -> lsp.Position:
        """A byte offset of the data."""
        import bisect

        line = bisect.bisect_right(self.starts, offset)
        return self.position(line, offset - self.starts[line - 1] + 1)


def _read(path: str) -> bytes | None:
    try:
        with open(path, "rb") as fh:
            return fh.read(32 << 20)
    except OSError:
        return None


def diagnostic(f: Finding, index: int, version: int | None, text: Text, uri_of: Callable[[str], str],
               units: Callable[[str], int], cwd: str) -> lsp.Diagnostic:
    """The finding as a diagnostic; `data` carries the finding's index in the document's
    last analysis and that analysis's document version, for the code actions."""
    related = []
    others: dict[str, Text | None] = {}
    for step in f.flow:
        if step.path == f.path:
            where, path = text, f.abspath
        else:
            path = os.path.join(cwd, step.path)
            if path not in others:
                data = _read(path)
                others[path] = Text(data, units) if data is not None else None
            where = others[path]
        pos = where.position(step.line, step.column) if where is not None else \
            lsp.Position(line=step.line - 1, character=step.column - 1)
        related.append(lsp.DiagnosticRelatedInformation(
            location=lsp.Location(uri=uri_of(path), range=lsp.Range(start=pos, end=pos)), message=step.note))
    return lsp.Diagnostic(
        range=lsp.Range(start=text.position(f.line, f.column), end=text.position(f.end_line, f.end_column)),
        severity=SEVERITY.get(f.severity, lsp.DiagnosticSeverity.Warning),
        code=f.code,
        code_description=lsp.CodeDescription(href=HELP_URI.format(code=f.code)),
        source=SOURCE,
        message=f.message,
        related_information=related or None,
        data={"index": index, "version": version},
    )


@dataclass
class Analysed:
    """A document's last analysis: the version and bytes it read, what it found."""

    version: int | None
    text: Text
    findings: list[Finding]
    diagnostics: list[lsp.Diagnostic]


def _edits(f: Finding, text: Text) -> list[lsp.TextEdit]:
    return [lsp.TextEdit(range=lsp.Range(start=text.at(e.start), end=text.at(e.end)), new_text=e.text)
            for e in f.fix.edits]


def fix_action(uri: str, f: Finding, diag: lsp.Diagnostic, text: Text) -> lsp.CodeAction:
    safe = f.fix.safe
    return lsp.CodeAction(
        title=(f"{f.fix.description} ({f.code})" if safe else
               f"{f.fix.description} ({f.code}; unsafe fix: it changes what the program can observe)"),
        kind=lsp.CodeActionKind.QuickFix, diagnostics=[diag], is_preferred=safe,
        edit=lsp.WorkspaceEdit(changes={uri: _edits(f, text)}))


def suppress_action(uri: str, f: Finding, diag: lsp.Diagnostic, text: Text) -> lsp.CodeAction:
    """`//goguard:ignore CODE <reason>` on its own line above the finding's, indented
    as that line is (a comment at the end of the line could join another comment)."""
    start = text.starts[f.line - 1]
    line = text.data[start:text.starts[f.line] if f.line < len(text.starts) else len(text.data)]
    indent = line[:len(line) - len(line.lstrip(b" \t"))].decode("utf-8", "replace")
    pos = text.at(start)
    return lsp.CodeAction(
        title=f"Suppress {f.code} on this line (write the reason)",
        kind=lsp.CodeActionKind.QuickFix, diagnostics=[diag],
        edit=lsp.WorkspaceEdit(changes={uri: [lsp.TextEdit(range=lsp.Range(start=pos, end=pos),
                                                           new_text=f"{indent}//goguard:ignore {f.code} {REASON}\n")]}))


def fix_all_action(uri: str, analysed: Analysed) -> lsp.CodeAction | None:
    """Every safe fix of the document whose edits do not overlap an earlier one's."""
    chosen, taken = [], []
    for f in sorted((f for f in analysed.findings if f.fix is not None and f.fix.safe), key=Finding.sort_key):
        spans = [(e.start, e.end) for e in f.fix.edits]
        if any(a < d and c < b or a == b == c for a, b in spans for c, d in taken):
            continue
        taken += spans
        chosen += _edits(f, analysed.text)
    if not chosen:
        return None
    return lsp.CodeAction(title="Apply every safe goguard fix", kind=FIX_ALL,
                          edit=lsp.WorkspaceEdit(changes={uri: chosen}))


def hover(f: Finding) -> str:
    """Markdown for a finding: what it says, then the rule page's explanation."""
    rule = get_rule(f.code)
    parts = [f"**{f.code} {f.name}**: {f.message}"]
    if rule is not None:
        for section in ("Why is this bad?", "Runtime symptom"):
            body = rule.section(section)
            if body:
                parts.append(f"**{section}**\n\n{body}")
    parts.append(f"[{f.code} page]({HELP_URI.format(code=f.code)}) · `goguard rule {f.code}`")
    return "\n\n".join(parts)


def contains(r: lsp.Range, p: lsp.Position) -> bool:
    return (r.start.line, r.start.character) <= (p.line, p.character) <= (r.end.line, r.end.character)
