"""The GitHub Action's run step (action.yml at the repository root): runs `goguard
check` with the action's inputs, writes its outputs to $GITHUB_OUTPUT and a table of
findings to $GITHUB_STEP_SUMMARY, and leaves failing the job to the action's last step
(so that a SARIF upload between them still runs).

Inputs come as environment variables the action sets: GOGUARD_PATTERNS (split on
white space), GOGUARD_ARGS (split as a shell would, never run by one), GOGUARD_FORMAT
(`github`: annotations on the pull request; `sarif`: a log for code scanning, and the
annotations too), GOGUARD_SARIF_FILE. Outputs: `findings` (the number reported),
`exit-code` (goguard's), `sarif-file` (its absolute path, when written).
"""

from __future__ import annotations

import json
import os
import shlex
import subprocess
import sys
import tempfile

MAX_ROWS = 50  # the job summary's table; the rest are counted


def md_cell(text: str) -> str:
    """Text for a Markdown table cell that renders as text: HTML and Markdown
    characters escaped, newlines and pipes kept from breaking the table."""
    out = []
    for ch in text:
        if ch in "&<>\"'":
            out.append(f"&#{ord(ch)};")
        elif ch in "\\`*_{}[]()#+-.!|~":
            out.append("\\" + ch)
        elif ch in "\r\n":
            out.append(" ")
        else:
            out.append(ch)
    return "".join(out)


# What a run that did not complete says, by goguard's exit status; any other status
# (a signal, a Python that cannot start goguard) is a failure too.
INCOMPLETE = {
    2: "goguard could not check everything it was asked to (a usage or configuration error, or files "
       "it cannot read): see the Run goguard step's log.",
    3: "goguard failed (an internal error): see the Run goguard step's log.",
}


def summary(findings: list[dict], exit_code: int, sarif_file: str | None) -> str:
    lines = ["## goguard", ""]
    if exit_code not in (0, 1):
        lines.append(INCOMPLETE.get(exit_code, f"goguard failed (exit status {exit_code}): see the Run goguard "
                                               f"step's log."))
        if findings:
            lines += ["", f"It reported {len(findings)} finding{'' if len(findings) == 1 else 's'} before that; "
                          "they are not the whole result."]
    elif not findings:
        lines.append("No findings.")
    else:
        n = len(findings)
        lines += [f"{n} finding{'' if n == 1 else 's'}.", "",
                  "| File | Line | Rule | Severity | Message |", "|---|---|---|---|---|"]
        for f in findings[:MAX_ROWS]:
            lines.append(f"| {md_cell(f['path'])} | {f['line']} | {md_cell(f['code'] + ' ' + f['name'])} | "
                         f"{md_cell(f['severity'])} | {md_cell(f['message'])} |")
        if n > MAX_ROWS:
            lines += ["", f"{n - MAX_ROWS} more in the step's log" + (" and the SARIF file." if sarif_file else ".")]
    return "\n".join(lines) + "\n"


def _append(name: str, text: str) -> None:
    path = os.environ.get(name)
    if path:
        with open(path, "a", encoding="utf-8") as fh:
            fh.write(text)


def main() -> int:
    patterns = os.environ.get("GOGUARD_PATTERNS", "").split() or ["./..."]
    try:
        extra = shlex.split(os.environ.get("GOGUARD_ARGS", ""))
    except ValueError as e:
        print(f"::error title=goguard::the args input cannot be split: {e}")
        _append("GITHUB_OUTPUT", "findings=0\nexit-code=2\n")
        return 0
    fmt = os.environ.get("GOGUARD_FORMAT", "github").strip() or "github"
    if fmt not in ("github", "sarif"):
        print(f"::error title=goguard::the format input must be github or sarif, not {fmt!r}")
        _append("GITHUB_OUTPUT", "findings=0\nexit-code=2\n")
        return 0
    sarif_file = os.environ.get("GOGUARD_SARIF_FILE", "").strip() or "goguard.sarif" if fmt == "sarif" else None
    with tempfile.TemporaryDirectory(prefix="goguard-action-") as tmp:
        as_json = os.path.join(tmp, "findings.json")
        cmd = [sys.executable, "-m", "goguard", "check", "--format", "github", "--format", f"json:{as_json}"]
        if sarif_file:
            os.makedirs(os.path.dirname(os.path.abspath(sarif_file)), exist_ok=True)
            cmd += ["--format", f"sarif:{sarif_file}"]
        cmd += [*extra, "--", *patterns]
        print("goguard " + " ".join(shlex.quote(c) for c in cmd[3:]), flush=True)
        code = subprocess.call(cmd, stdin=subprocess.DEVNULL)
        try:
            with open(as_json, encoding="utf-8") as fh:
                findings = json.load(fh)
        except (OSError, ValueError):
            findings = []
    _append("GITHUB_OUTPUT", f"findings={len(findings)}\nexit-code={code}\n"
            + (f"sarif-file={os.path.abspath(sarif_file)}\n" if sarif_file and code in (0, 1) else ""))
    _append("GITHUB_STEP_SUMMARY", summary(findings, code, sarif_file))
    return 0


if __name__ == "__main__":
    sys.exit(main())
