"""What `goguard check` prints around the findings: warnings and usage errors, whether
to colour, the summary line, the per-rule statistics."""

from __future__ import annotations

import os
import sys
from collections import Counter
from typing import Callable, Mapping, NoReturn

import click

from goguard.findings import Finding, one_line
from goguard.output.text import BOLD, SEVERITY_COLORS, paint


def messages(quiet: bool) -> tuple[Callable[[str], None], Callable[[str], NoReturn]]:
    """(warn, fail) of a command: a `goguard: warning:` line on stderr unless quiet,
    and a `goguard: error:` line followed by exit status 2 (a usage error)."""
    def warn(msg: str) -> None:
        if not quiet:
            click.echo(f"goguard: warning: {one_line(msg)}", err=True)

    def fail(msg: str) -> NoReturn:
        click.echo(f"goguard: error: {one_line(msg)}", err=True)
        sys.exit(2)

    return warn, fail


def use_color(mode: str, isatty: bool, env: Mapping[str, str] = os.environ) -> bool:
    """`always` and `never` mean what they say; `auto` colours a terminal unless
    NO_COLOR is set to a non-empty value (https://no-color.org)."""
    if mode == "always":
        return True
    if mode == "never":
        return False
    return isatty and not env.get("NO_COLOR")


def _count(n: int, word: str) -> str:
    return f"{n:,} {word}{'' if n == 1 else 's'}"


def skip_note(skipped: Mapping[str, int], files: int) -> str:
    """What a run left out on purpose, for the summary: excluded and generated files
    and, when nothing else was checked, test files and vendor/testdata folders (which
    every `./...` skips, so naming them on each run would be noise)."""
    parts = []
    if skipped.get("excluded"):
        parts.append(f"{_count(skipped['excluded'], 'excluded file')}")
    if skipped.get("excluded folder"):
        parts.append(f"{_count(skipped['excluded folder'], 'excluded folder')}")
    if skipped.get("generated"):
        parts.append(f"{_count(skipped['generated'], 'generated file')} (--include-generated)")
    if not files:
        if skipped.get("test"):
            parts.append(f"{_count(skipped['test'], 'test file')} (--no-tests)")
        if skipped.get("vendor/testdata"):
            parts.append(f"{_count(skipped['vendor/testdata'], 'vendor/ or testdata/ folder')}")
    return "skipped " + ", ".join(parts) if parts else ""


def summary(reported: list[Finding], suppressed: int, baselined: int, files: int, fixed: int = 0,
            note: str = "") -> str:
    """`No findings in 1,204 files.`, `3 findings (2 errors, 1 warning) in 12 files; 1
    suppressed, 4 in the baseline.`: the last line of a text run, so a CI log tells a
    pass from a run that checked nothing; `note` (skip_note) ends it."""
    by = Counter(f.severity for f in reported)
    parts = [_count(by[s], s) for s in ("error", "warning", "note") if by[s]]
    text = (_count(len(reported), "finding") if reported else "No findings") + \
        (f" ({', '.join(parts)})" if parts else "")
    text += f" in {_count(files, 'file')}"
    extra = []
    if fixed:
        extra.append(f"{fixed:,} fixed")
    if suppressed:
        extra.append(f"{suppressed:,} suppressed")
    if baselined:
        extra.append(f"{baselined:,} in the baseline")
    if note:
        extra.append(note)
    return text + ("; " + ", ".join(extra) if extra else "") + "."


def statistics(reported: list[Finding], suppressed: list[Finding] = (), color: bool = False) -> str:
    """One line per rule, most frequent first: `count  CODE  name`, with how many
    more are suppressed when `suppressed` (the suppressed findings shown) is given."""
    counts = Counter((f.code, f.name, f.severity) for f in reported)
    hidden = Counter((f.code, f.name, f.severity) for f in suppressed)
    keys = set(counts) | set(hidden)
    if not keys:
        return ""
    width = len(str(max(counts.values(), default=0)))
    out = []
    for key in sorted(keys, key=lambda k: (-counts[k], -hidden[k], k)):
        code, name, severity = key
        shown_code = paint(code, SEVERITY_COLORS.get(severity, "")) if color else code
        n = f"{counts[key]:>{width}}"
        more = f" (+{hidden[key]} suppressed)" if hidden[key] else ""
        out.append(f"{paint(n, BOLD) if color else n}  {shown_code}  {name}{more}\n")
    return "".join(out)
