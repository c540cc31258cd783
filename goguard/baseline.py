"""Baselines: record today's findings so that only new ones are reported.

A finding is known by its rule, its file (relative to the baseline file's folder, so
the baseline works from any current folder and on any machine) and a fingerprint of
the content of its line (whitespace-insensitive), not its line number: edits
elsewhere in the file do not break the baseline, while a change to the flagged line
itself does (the finding is then reported again). Identical lines are counted: a
baseline with two entries for the same key absorbs two findings, not more.

The file is JSON, sorted, so that it diffs well under version control.
"""

from __future__ import annotations

import os
import re
from collections import Counter
from dataclasses import dataclass

from goguard.findings import Finding

VERSION = 1
_SPACE = re.compile(rb"\s+")


class BaselineError(Exception):
    """The baseline cannot be read or written (a usage error: exit 2)."""


def fingerprint(line: bytes) -> str:
    import hashlib  # here, not at the top: a run without a baseline does not pay for it

    return hashlib.sha256(_SPACE.sub(b" ", line.strip())).hexdigest()[:16]


class _Lines:
    """Line contents of the findings' files, each file read once."""

    def __init__(self) -> None:
        self._files: dict[str, list[bytes]] = {}

    def get(self, abspath: str, line: int) -> bytes:
        if abspath not in self._files:
            try:
                with open(abspath, "rb") as fh:
                    self._files[abspath] = fh.read().split(b"\n")
            except OSError:
                self._files[abspath] = []
        lines = self._files[abspath]
        return lines[line - 1] if 0 < line <= len(lines) else b""


def _key(f: Finding, base: str, lines: _Lines) -> tuple[str, str, str]:
    abspath = f.abspath or os.path.abspath(f.path)
    rel = os.path.relpath(abspath, base).replace(os.sep, "/")
    return (f.code, rel, fingerprint(lines.get(abspath, f.line)))


def write(path: str, findings: list[Finding]) -> int:
    """Writes the findings as the baseline `path`; returns how many were written."""
    base = os.path.dirname(os.path.abspath(path))
    lines = _Lines()
    entries = []
    for f in findings:
        code, rel, fp = _key(f, base, lines)
        entries.append({"code": code, "path": rel, "fingerprint": fp, "line": f.line, "message": f.message})
    entries.sort(key=lambda e: (e["path"], e["line"], e["code"], e["message"]))
    import json

    doc = {"tool": "goguard", "version": VERSION, "findings": entries}
    try:
        with open(path, "w", encoding="utf-8") as fh:
            fh.write(json.dumps(doc, indent=2) + "\n")
    except OSError as e:
        raise BaselineError(f"{path}: cannot write baseline: {e.strerror or e}") from e
    return len(entries)


@dataclass
class Baseline:
    path: str
    known: Counter  # (code, path, fingerprint) -> count

    def split(self, findings: list[Finding]) -> tuple[list[Finding], list[Finding]]:
        """(new findings, findings already in the baseline)."""
        base = os.path.dirname(os.path.abspath(self.path))
        left = Counter(self.known)
        lines = _Lines()
        new, old = [], []
        for f in findings:
            k = _key(f, base, lines)
            if left[k] > 0:
                left[k] -= 1
                old.append(f)
            else:
                new.append(f)
        return new, old


def load(path: str) -> Baseline:
    import json

    try:
        with open(path, encoding="utf-8") as fh:
            doc = json.load(fh)
    except OSError as e:
        raise BaselineError(f"{path}: cannot read baseline: {e.strerror or e}") from e
    except ValueError as e:
        raise BaselineError(f"{path}: not a goguard baseline (invalid JSON: {e})") from e
    if not isinstance(doc, dict) or not isinstance(doc.get("findings"), list):
        raise BaselineError(f"{path}: not a goguard baseline (no \"findings\" list)")
    if doc.get("version") != VERSION:
        raise BaselineError(f"{path}: unsupported baseline version {doc.get('version')!r} (expected {VERSION})")
    known: Counter = Counter()
    for i, e in enumerate(doc["findings"]):
        if not isinstance(e, dict) or not all(isinstance(e.get(k), str) for k in ("code", "path", "fingerprint")):
            raise BaselineError(f"{path}: entry {i + 1} needs string \"code\", \"path\" and \"fingerprint\"")
        known[(e["code"], e["path"], e["fingerprint"])] += 1
    return Baseline(path, known)
