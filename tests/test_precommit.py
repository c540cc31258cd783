"""The pre-commit hook, run by the real `pre-commit try-repo` against this repository
on a temporary git repository: it blocks a staged nil-map write, passes once the line
carries a reasoned directive, passes on a clean file, and reports only the staged
files while reading their package's other files for declarations.

`try-repo` installs goguard into pre-commit's own environment, fetching the
dependencies from PyPI, so every scenario runs in one test, against one snapshot of
this repository: its committed HEAD plus its uncommitted changes, committed once in a
clone. Pointed at a repository with
uncommitted changes, try-repo would make a new shadow commit, and so a new install, on
every call. try-repo also installs into a fresh store on every call (PRE_COMMIT_HOME
does not carry over), so the dependencies are fetched once, into a local wheelhouse,
and each install reads only that.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]

NIL_WRITE = 'package main\n\nfunc main() {\n\tvar m map[string]int\n\tm["a"] = 1\n}\n'
IGNORED = NIL_WRITE.replace('m["a"] = 1', 'm["a"] = 1 //goguard:ignore GG101 this demo panics on purpose')
CLEAN = 'package main\n\nfunc main() {\n\tm := map[string]int{}\n\tm["a"] = 1\n}\n'
# Set is declared in types.go, which is committed and not staged again.
TYPES = 'package main\n\ntype Set map[string]struct{}\n\nfunc old() {\n\tvar m map[int]bool\n\tm[1] = true\n}\n'
USE = 'package main\n\nfunc add() {\n\tvar s Set\n\ts["x"] = struct{}{}\n}\n'


def test_hook_definition():
    yaml = pytest.importorskip("yaml")  # a dependency of pre-commit
    hooks = yaml.safe_load((REPO / ".pre-commit-hooks.yaml").read_text())
    assert len(hooks) == 1
    hook = hooks[0]
    assert (hook["id"], hook["entry"], hook["language"], hook["types"]) == ("goguard", "goguard check", "python", ["go"])
    assert hook.get("pass_filenames", True) is True
    # The README's snippet for .pre-commit-config.yaml names this hook.
    snippet = re.search(r"```yaml\n(.*?)```", (REPO / "README.md").read_text(), re.S).group(1)
    config = yaml.safe_load(snippet)
    assert [h["id"] for h in config["repos"][0]["hooks"]] == ["goguard"]


def _pre_commit() -> list[str]:
    beside = Path(sys.executable).with_name("pre-commit")
    if beside.exists():
        return [str(beside)]
    found = shutil.which("pre-commit")
    if not found:
        pytest.skip("pre-commit is not installed (it is a dev dependency: pip install -e '.[dev]')")
    return [found]


def _git(cwd: Path, *args: str) -> None:
    subprocess.run(["git", *args], cwd=cwd, check=True, capture_output=True)


def _snapshot(dest: Path) -> Path:
    """A clone of this repository at HEAD plus its uncommitted changes (to tracked files,
    and new files git does not ignore): the code the rest of the suite tests."""
    _git(REPO.parent, "clone", "-q", str(REPO), str(dest))
    diff = subprocess.run(["git", "diff", "HEAD", "--binary"], cwd=REPO, check=True, capture_output=True).stdout
    if diff:
        subprocess.run(["git", "apply", "--whitespace=nowarn"], cwd=dest, input=diff, check=True,
                       capture_output=True)
    new = subprocess.run(["git", "ls-files", "--others", "--exclude-standard", "-z"], cwd=REPO, check=True,
                         capture_output=True).stdout.decode().split("\0")
    for rel in filter(None, new):
        target = dest / rel
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copy2(REPO / rel, target)
    _git(dest, "add", "-A")
    _git(dest, "-c", "user.email=test@example.com", "-c", "user.name=test", "commit", "-q", "--no-verify",
         "--allow-empty", "-m", "uncommitted changes")
    return dest


def _wheelhouse(snapshot: Path, dest: Path) -> Path:
    """goguard's runtime and build dependencies as wheels, fetched once."""
    r = subprocess.run([sys.executable, "-m", "pip", "wheel", "--quiet", "--wheel-dir", str(dest),
                        str(snapshot), "setuptools>=68"], capture_output=True, text=True, timeout=600)
    if r.returncode != 0:
        pytest.skip(f"cannot fetch goguard's dependencies for pre-commit's environment: {r.stderr[-500:]}")
    return dest


def test_pre_commit_try_repo(tmp_path):
    if shutil.which("git") is None:
        pytest.skip("git is not installed")
    if not (REPO / ".git").exists():
        pytest.skip(f"{REPO} is not a git repository; try-repo needs one")
    pre_commit = _pre_commit()
    snapshot = _snapshot(tmp_path / "goguard")
    work = tmp_path / "work"
    work.mkdir()
    _git(work, "init", "-q")
    _git(work, "config", "user.email", "test@example.com")
    _git(work, "config", "user.name", "test")
    _git(work, "config", "commit.gpgsign", "false")
    wheels = _wheelhouse(snapshot, tmp_path / "wheels")
    env = {**os.environ, "PRE_COMMIT_HOME": str(tmp_path / "pre-commit-home"), "NO_COLOR": "1",
           "PIP_NO_INDEX": "1", "PIP_FIND_LINKS": str(wheels)}
    env.pop("PRE_COMMIT", None)

    def hook() -> tuple[int, str]:
        """The hook on the staged files, as `git commit` would run it."""
        r = subprocess.run([*pre_commit, "try-repo", str(snapshot), "goguard", "--color", "never"], cwd=work,
                           env=env, capture_output=True, text=True, timeout=600)
        return r.returncode, r.stdout + r.stderr

    def stage(name: str, text: str) -> None:
        (work / name).write_text(text)
        _git(work, "add", name)

    # Set is a map type declared in types.go, committed and not staged: the hook reads it
    # for declarations but reports only the staged files (types.go's own write is not).
    (work / "types.go").write_text(TYPES)
    _git(work, "add", "types.go")
    _git(work, "commit", "-q", "--no-verify", "-m", "types")

    # A staged nil-map write blocks the commit, with the finding shown.
    stage("main.go", NIL_WRITE)
    stage("use.go", USE)
    rc, out = hook()
    assert rc != 0, out
    assert 'main.go:5:2: assignment to entry in nil map "m" (GG101)' in out, out
    assert 'use.go:5:2: assignment to entry in nil map "s" (GG101)' in out, out
    assert "types.go" not in out, out
    # A reasoned directive on the line lets it through.
    stage("main.go", IGNORED)
    _git(work, "rm", "-q", "--cached", "use.go")
    rc, out = hook()
    assert rc == 0 and "goguard" in out and "Passed" in out, out
    # A clean file passes.
    stage("main.go", CLEAN)
    rc, out = hook()
    assert rc == 0 and "Passed" in out, out
    # Vendored code and fixtures with bugs on purpose do not block a commit: the hook
    # leaves out vendor/ and testdata/, as ./... does.
    for folder in ("vendor/example.com/lib", "testdata/bad", "pkg/testdata"):
        (work / folder).mkdir(parents=True)
        stage(f"{folder}/bug.go", NIL_WRITE.replace("package main", "package lib"))
    rc, out = hook()
    assert rc == 0 and "bug.go" not in out, out
    # goguard's own exclude setting applies to the files the hook names.
    (work / "legacy").mkdir()
    stage("legacy/old.go", NIL_WRITE)
    rc, out = hook()
    assert rc != 0 and "legacy/old.go" in out, out
    stage("goguard.toml", 'exclude = ["legacy"]\n')
    rc, out = hook()
    assert rc == 0 and "Passed" in out, out
