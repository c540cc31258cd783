"""Changed lines, for `--new-from-rev REV` and `--new-from-patch FILE`: the files and
line numbers that a unified diff adds or changes, so that a large repository can fail
only on what a change introduces (as golangci-lint's options of the same names).

The analysis itself is unchanged (a package needs all its files); only the report is
filtered: a finding is kept when its primary line, or the line its flow starts at,
is an added or changed line of the diff. Paths are absolute, resolved from the folder
the diff's paths are relative to: the repository's top for git, else the current one.
"""

from __future__ import annotations

import os
import re
import subprocess

from goguard.findings import Finding

_HUNK = re.compile(rb"^@@ -[0-9]+(?:,[0-9]+)? \+([0-9]+)(?:,([0-9]+))? @@")


class ChangesError(Exception):
    """The diff cannot be had: an unknown revision, no git, an unreadable patch."""


def parse(diff: bytes, base: str) -> dict[str, set[int]]:
    """Absolute path -> added or changed line numbers of a unified diff."""
    out: dict[str, set[int]] = {}
    current: set[int] | None = None
    line = 0  # the new file's line number of the next line of the hunk
    left = 0  # lines of the new file the hunk still holds
    for raw in diff.split(b"\n"):
        if left > 0 and current is not None and raw[:1] in (b" ", b"+", b""):
            # Inside a hunk: context lines count, added lines are the changed ones.
            if raw.startswith(b"+"):
                current.add(line)
            line += 1
            left -= 1
            continue
        if left > 0 and raw[:1] in (b"-", b"\\"):
            continue  # a removed line, or "\ No newline at end of file"
        if raw.startswith(b"+++ "):
            name = raw[4:].split(b"\t", 1)[0].rstrip(b"\r")
            if name == b"/dev/null":
                current = None
                continue
            if name.startswith(b'"') and name.endswith(b'"'):  # git quotes unusual names
                name = name[1:-1].decode("unicode_escape").encode("latin-1")
            if name.startswith((b"b/", b"a/")):
                name = name[2:]
            path = os.path.realpath(os.path.join(base, os.fsdecode(name)))
            current = out.setdefault(path, set())
            continue
        m = _HUNK.match(raw)
        if m and current is not None:
            line = int(m.group(1))
            left = int(m.group(2)) if m.group(2) is not None else 1
    return out


def _git(args: list[str], cwd: str) -> subprocess.CompletedProcess:
    try:
        return subprocess.run(["git", *args], cwd=cwd, capture_output=True, stdin=subprocess.DEVNULL, timeout=120)
    except (OSError, subprocess.SubprocessError) as e:
        raise ChangesError(f"cannot run git: {e}") from e


def _top(cwd: str) -> str | None:
    """The repository's top folder (what git's diff paths are relative to), or None."""
    top = _git(["rev-parse", "--show-toplevel"], cwd)
    return os.fsdecode(top.stdout.strip()) if top.returncode == 0 and top.stdout.strip() else None


def from_rev(rev: str, cwd: str) -> dict[str, set[int]]:
    """Lines changed since `rev`, in commits and in the working tree, and every line of
    the files git does not track yet."""
    root = _top(cwd)
    if root is None:
        raise ChangesError(f"--new-from-rev: {cwd} is not in a git repository")
    if rev.startswith("-"):
        raise ChangesError(f"--new-from-rev: {rev!r} is not a revision")
    ok = _git(["rev-parse", "--verify", "--quiet", rev + "^{commit}"], root)
    if ok.returncode != 0:
        raise ChangesError(f"--new-from-rev: unknown revision {rev!r}")
    diff = _git(["diff", "--no-color", "--no-ext-diff", "--unified=0", "--relative=", rev, "--"], root)
    if diff.returncode != 0:
        raise ChangesError(f"--new-from-rev: git diff failed: {diff.stderr.decode(errors='replace').strip()}")
    changed = parse(diff.stdout, root)
    untracked = _git(["ls-files", "--others", "--exclude-standard", "-z"], root)
    for name in untracked.stdout.split(b"\0"):
        if name:
            path = os.path.realpath(os.path.join(root, os.fsdecode(name)))
            changed[path] = _all_lines(path)
    return changed


def from_patch(path: str, cwd: str) -> dict[str, set[int]]:
    try:
        with open(path, "rb") as fh:
            data = fh.read()
    except OSError as e:
        raise ChangesError(f"--new-from-patch: cannot read {path}: {e.strerror or e}") from e
    return parse(data, _top(cwd) or cwd)


def _all_lines(path: str) -> set[int]:
    try:
        with open(path, "rb") as fh:
            n = fh.read().count(b"\n") + 1
    except OSError:
        return set()
    return set(range(1, n + 1))


def is_new(f: Finding, changed: dict[str, set[int]]) -> bool:
    """The finding's line, or the line its flow starts at, was added or changed."""
    path = os.path.realpath(f.abspath or os.path.abspath(f.path))
    if f.line in changed.get(path, ()):
        return True
    if f.flow:
        first = f.flow[0]
        p = path if first.path == f.path else os.path.realpath(os.path.abspath(first.path))
        return first.line in changed.get(p, ())
    return False
