"""Turning command-line patterns into packages, with the go tool's pattern meaning.

`./...` and `dir/...` recurse; a plain folder is that one package; `.go` files may be
named directly, and then only they are reported on, while the other files of their
folder still supply declarations. Recursion skips vendor/, testdata/ and folders whose
names start with `.` or `_`, and does not follow symlinked folders (as the go tool), so
a symlink loop cannot trap it. As the go tool, it stops at a nested module (a folder
below the pattern's root with its own go.mod) unless a go.work in scope uses it
(`GOWORK=off` turns the workspace off, `GOWORK=path` names it); a recursive pattern
whose root lies in no module and no workspace (a monorepo's root, a folder of examples)
checks every module below it instead, and says so once. It leaves out files
constrained by `//go:build ignore` (or `// +build ignore`), which no build compiles.
Files for other operating systems and architectures stay in: a linter covers every
platform's code.
"""

from __future__ import annotations

import os
import re
import stat
from collections import Counter
from dataclasses import dataclass, field
from typing import Callable


class PatternError(Exception):
    """A named path that does not exist or cannot be used: a usage error (exit 2)."""


@dataclass
class Unit:
    """One folder's Go files, analysed together in one worker."""

    dir: str  # absolute
    files: list[tuple[str, str]] = field(default_factory=list)  # (display path, absolute path)
    report: set[str] | None = None  # absolute paths to report on; None: every file

    @property
    def size(self) -> int:
        total = 0
        for _, abspath in self.files:
            try:
                total += os.path.getsize(abspath)
            except OSError:
                pass
        return total


def display_path(abspath: str, cwd: str) -> str:
    """The path to print: relative to `cwd` unless that climbs two levels or more.
    Always valid text: bytes of a file name that are not UTF-8 print escaped (`\\xff`), so the
    file can still be found (never as U+FFFD, which names no file)."""
    # Most paths lie below cwd: slicing is much cheaper than relpath for thousands of files.
    if abspath.startswith(cwd) and abspath[len(cwd):len(cwd) + 1] == os.sep and ".." not in abspath:
        rel = abspath[len(cwd) + 1:]
    else:
        rel = os.path.relpath(abspath, cwd)
    shown = abspath if rel.startswith(".." + os.sep + "..") and os.path.isabs(abspath) else rel
    return os.fsencode(shown).decode("utf-8", "backslashreplace")


def _skip_dir(name: str) -> bool:
    return name in ("vendor", "testdata") or name.startswith((".", "_"))


def _go_file(name: str, include_tests: bool) -> bool:
    return (
        name.endswith(".go")
        and not name.startswith((".", "_"))
        and (include_tests or not name.endswith("_test.go"))
    )


_IGNORE_TAG = re.compile(rb"^//go:build\s+ignore\s*$|^//\s*\+build\s+ignore\s*$", re.M)


def build_ignored(path: str) -> bool:
    """The file's header (before the package clause) says `//go:build ignore`."""
    try:
        with open(path, "rb") as fh:
            head = fh.read(4096)
    except OSError:
        return False  # reading it later gives the warning
    if b"ignore" not in head:
        return False
    m = re.search(rb"^package\s", head, re.M)
    return _IGNORE_TAG.search(head[:m.start()] if m else head) is not None


def workspace_modules(start: str) -> set[str] | None:
    """The module folders of the go.work in scope of `start` (GOWORK as the go command
    reads it), or None when there is no workspace."""
    from goguard.frontend.module import _work_uses

    gowork = os.environ.get("GOWORK", "")
    if gowork == "off":
        return None
    if gowork:
        return set(_work_uses(os.path.dirname(os.path.abspath(gowork)))) or None
    return set(_work_uses(os.path.abspath(start))) or None


def _file_entry(e: os.DirEntry) -> bool:
    """A regular file, or a symbolic link that cannot be resolved (dangling, or a
    loop): those are kept so that reading them gives a warning, not silence."""
    try:
        if e.is_file():
            return True
        return e.is_symlink() and not os.path.exists(e.path)
    except OSError:
        return True


def expand(
    patterns: list[str],
    *,
    include_tests: bool = True,
    excluded: Callable[[str], bool] = lambda path: False,
    warn: Callable[[str], None] = lambda msg: None,
    cwd: str | None = None,
    skipped: Counter | None = None,
) -> list[Unit]:
    """Units for the patterns, in a stable order. `excluded` gets display paths.
    `skipped` counts what was left out: on purpose, "excluded" files, "test" files
    (without include_tests), "excluded folder"s and "vendor/testdata" folders; and
    "unreadable folder"s, which are not on purpose (the run could not check them)."""
    cwd = cwd or os.getcwd()
    units: dict[str, Unit] = {}
    found = [0]  # Go files matched by the current pattern
    if skipped is None:
        skipped = Counter()

    def unit_for(directory: str) -> Unit:
        if directory not in units:
            units[directory] = Unit(directory)
        return units[directory]

    def add_dir(directory: str, report_all: bool = True) -> None:
        try:
            entries = sorted(os.scandir(directory), key=lambda e: e.name)
        except OSError as e:
            warn(f"{display_path(directory, cwd)}: cannot read folder: {e.strerror or e}")
            skipped["unreadable folder"] += 1
            return
        files = []
        for e in entries:
            if not _go_file(e.name, True) or not _file_entry(e) or build_ignored(e.path):
                continue
            if not include_tests and e.name.endswith("_test.go"):
                skipped["test"] += 1
                continue
            disp = display_path(e.path, cwd)
            if excluded(disp):
                skipped["excluded"] += 1
                continue
            files.append((disp, os.path.abspath(e.path)))
        found[0] += len(files)
        if not files:
            return
        u = unit_for(directory)
        known = {a for _, a in u.files}
        u.files.extend(f for f in files if f[1] not in known)
        if report_all:
            u.report = None

    def walk(root: str, match=None) -> None:
        """Every folder below root (`match`: only those whose path relative to root it
        accepts, for patterns with `...` inside a name such as `cmd/go-...`)."""
        from goguard.frontend.module import module_root

        stack = [root]
        seen: set[tuple[int, int]] = set()
        uses = workspace_modules(root)
        # Outside any module and workspace (a monorepo's root, a folder of examples), the
        # modules below are each checked, as if a go.work used them all.
        every_module = uses is None and module_root(root) is None
        while stack:
            d = stack.pop()
            try:
                st = os.stat(d)
            except OSError as e:
                warn(f"{display_path(d, cwd)}: cannot read folder: {e.strerror or e}")
                skipped["unreadable folder"] += 1
                continue
            if (st.st_dev, st.st_ino) in seen:
                continue
            seen.add((st.st_dev, st.st_ino))
            if d != root and excluded(display_path(d, cwd)):
                skipped["excluded folder"] += 1
                continue
            if d != root and os.path.isfile(os.path.join(d, "go.mod")):
                if every_module:
                    modules.append(d)
                elif uses is None or os.path.normpath(d) not in uses:
                    continue  # a nested module outside the workspace: the go tool stops here
            if match is None or match(os.path.relpath(d, root).replace(os.sep, "/")):
                add_dir(d)
            try:
                subdirs = []
                for e in os.scandir(d):
                    if not e.is_dir(follow_symlinks=False):
                        continue
                    if not _skip_dir(e.name):
                        subdirs.append(e.path)
                    elif e.name in ("vendor", "testdata"):
                        skipped["vendor/testdata"] += 1
            except OSError:
                continue
            stack.extend(sorted(subdirs, reverse=True))

    for pattern in patterns or ["./..."]:
        recursive = pattern == "..." or pattern.endswith("/...")
        match = None
        if "..." in pattern and not recursive:
            # The go tool's wildcard: `...` matches any string, slashes included. Walk
            # from the folder before the first one and keep the folders that match.
            head = pattern.split("...", 1)[0]
            base = head.rsplit("/", 1)[0] if "/" in head else "."
            rest = pattern[len(base) + 1:] if "/" in head else pattern
            regex = re.compile(".*".join(re.escape(part) for part in rest.split("...")))
            match = regex.fullmatch
            recursive = True
        else:
            base = pattern[: -len("...")].rstrip("/") if recursive else pattern
        base = base or "."
        path = os.path.abspath(os.path.join(cwd, base))
        try:
            st = os.stat(path)
        except OSError as e:
            if os.path.islink(path):
                raise PatternError(f"{pattern}: cannot follow symbolic link: {e.strerror or e}") from e
            raise PatternError(f"{pattern}: no such file or directory") from e
        if stat.S_ISDIR(st.st_mode):
            found[0] = 0
            modules: list[str] = []
            if recursive:
                walk(path, match)
            else:
                add_dir(path)
            if modules:
                n = len(modules)
                warn(f"{pattern}: no go.mod at or above {display_path(path, cwd)}: checking the {n} "
                     f"module{'' if n == 1 else 's'} below it, as if a go.work used "
                     f"{'it' if n == 1 else 'them all'}")
            if not found[0]:
                warn(f"{pattern}: matched no Go files")
        elif recursive:
            raise PatternError(f"{pattern}: not a directory")
        elif path.endswith(".go"):
            directory = os.path.dirname(path)
            u = unit_for(directory)
            if not u.files or u.report is not None:
                # Named files report only themselves; their folder still gives declarations.
                before = u.report
                add_dir(directory, report_all=False)
                u = unit_for(directory)
                u.report = (before or set()) | {path}
                if path not in {a for _, a in u.files}:
                    u.files.append((display_path(path, cwd), path))
        else:
            raise PatternError(f"{pattern}: not a Go file or a directory")
    return [units[k] for k in sorted(units)]
