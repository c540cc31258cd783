"""Applying the fixes findings carry (`--fix`), or printing them as a unified diff
(`--diff`). Only reported findings' fixes apply: never those of suppressed or
baselined findings. A fix whose edits overlap another's in the same file waits for
the next run; a file that would parse worse after its fixes is left as it is, with a
warning, so `--fix` never breaks a build it could not check."""

from __future__ import annotations

import difflib
import os

from goguard.findings import Finding


def chosen(findings: list[Finding], unsafe: bool) -> list[Finding]:
    return [f for f in findings if f.fix is not None and f.suppressed is None and (f.fix.safe or unsafe)]


def plan(findings: list[Finding], warn) -> dict[str, tuple[bytes, bytes, list[Finding]]]:
    """abspath -> (old bytes, new bytes, the findings fixed) for every file to change."""
    from goguard.frontend.source import SourceFile

    by_file: dict[str, list[Finding]] = {}
    for f in findings:
        by_file.setdefault(f.abspath or os.path.abspath(f.path), []).append(f)
    out = {}
    for path, group in sorted(by_file.items()):
        try:
            with open(path, "rb") as fh:
                old = fh.read()
        except OSError as e:
            warn(f"{group[0].path}: cannot read file to fix it: {e.strerror or e}")
            continue
        edits, fixed, taken = [], [], []
        for f in sorted(group, key=Finding.sort_key):
            spans = [(e.start, e.end) for e in f.fix.edits]
            if any(s < te and ts < e or (s == e == ts == te) for s, e in spans for ts, te in taken):
                continue  # overlaps a fix already chosen: the next run applies it
            if any(e.end > len(old) for e in f.fix.edits):
                continue  # the file changed since the analysis
            taken.extend(spans)
            edits.extend(f.fix.edits)
            fixed.append(f)
        new = old
        for e in sorted(edits, key=lambda e: (e.start, e.end), reverse=True):
            new = new[:e.start] + e.text.encode("utf-8", "surrogateescape") + new[e.end:]
        if new == old:
            continue
        before = len(SourceFile.parse(path, path, old).syntax_errors())
        after = len(SourceFile.parse(path, path, new).syntax_errors())
        if after > before:
            warn(f"{group[0].path}: fixes not applied: the file would not parse")
            continue
        out[path] = (old, new, fixed)
    return out


def diff(planned: dict[str, tuple[bytes, bytes, list[Finding]]]) -> str:
    chunks = []
    for path, (old, new, fixed) in planned.items():
        name = fixed[0].path
        a = old.decode("utf-8", "surrogateescape").splitlines(keepends=True)
        b = new.decode("utf-8", "surrogateescape").splitlines(keepends=True)
        chunks.extend(difflib.unified_diff(a, b, f"a/{name}", f"b/{name}"))
    return "".join(c if c.endswith("\n") else c + "\n\\ No newline at end of file\n" for c in chunks)


def write(planned: dict[str, tuple[bytes, bytes, list[Finding]]], warn) -> set[int]:
    """Write the new files (through a temporary file renamed into place); the ids of
    the findings fixed."""
    done: set[int] = set()
    for path, (_, new, fixed) in planned.items():
        tmp = path + ".goguard-fix"
        try:
            with open(tmp, "wb") as fh:
                fh.write(new)
            os.chmod(tmp, os.stat(path).st_mode & 0o7777)
            os.replace(tmp, path)
        except OSError as e:
            warn(f"{fixed[0].path}: cannot write the fixed file: {e.strerror or e}")
            try:
                os.unlink(tmp)
            except OSError:
                pass
            continue
        done.update(id(f) for f in fixed)
    return done
