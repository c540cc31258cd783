"""Helpers for the tests that run goguard the way users do: through click's test
runner in-process, and through the installed `goguard` console script."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

from click.testing import CliRunner

from goguard.cli.main import main

# The smallest GG101-positive file, and where its finding is.
GOOD = 'package p; func f() { var m map[string]int; m["a"] = 1 }\n'


def nil_map(path: str, source: str = GOOD, needle: str = 'm["a"]', name: str = "m",
            possibly: bool = False, fix: bool | None = None) -> str:
    """The text-output line for a GG101 finding at the first `needle` in `source`,
    ending `[*]` when it carries a safe fix (`fix`; by default: `var NAME T` is a
    statement of its own and every other use of NAME indexes it)."""
    line, col = locate(source, needle)
    kind = "possibly nil map" if possibly else "nil map"
    if fix is None:
        fix = safe_make_fix(_function_at(source, needle), name)
    return f'{path}:{line}:{col}: assignment to entry in {kind} "{name}" (GG101)' + (" [*]" if fix else "")


def _function_at(source: str | bytes, needle: str | bytes) -> str:
    """The text of the function declaration holding the first `needle`."""
    if isinstance(source, bytes):
        source = source.decode("utf-8", "replace")
    if isinstance(needle, bytes):
        needle = needle.decode("utf-8", "replace")
    at = source.index(needle)
    start = source.rfind("func ", 0, at)
    end = source.find("\nfunc ", at)
    return source[max(start, 0):end if end >= 0 else len(source)]


def safe_make_fix(source: str | bytes, name: str) -> bool:
    if isinstance(source, bytes):
        source = source.decode("utf-8", "replace")
    decl = re.search(rf"(?:^|[{{;]\s*|\n\s*)var {re.escape(name)} [^;\n=]+", source)
    if decl is None:
        return False
    rest = source[:decl.start()] + source[decl.end():]
    return all(rest[m.end():m.end() + 1] == "[" for m in re.finditer(rf"\b{re.escape(name)}\b", rest))


def locate(source: str | bytes, needle: str | bytes) -> tuple[int, int]:
    """1-based line and byte column of the first `needle` in `source`."""
    data = source.encode() if isinstance(source, str) else source
    target = needle.encode() if isinstance(needle, str) else needle
    offset = data.index(target)
    start = data.rfind(b"\n", 0, offset) + 1
    return data.count(b"\n", 0, offset) + 1, offset - start + 1


def write_tree(root: Path, files: dict[str, str | bytes]) -> Path:
    for rel, content in files.items():
        path = root / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(content, bytes):
            path.write_bytes(content)
        else:
            path.write_text(content)
    return root


def invoke(*args: str):
    """`goguard ARGS` in-process, in the current folder; stdout and stderr apart."""
    return CliRunner().invoke(main, list(args), catch_exceptions=False)


def script() -> str:
    """The installed console script: the one beside this interpreter, else on PATH."""
    beside = Path(sys.executable).with_name("goguard")
    if beside.exists():
        return str(beside)
    found = shutil.which("goguard")
    assert found, "the goguard console script is not installed (pip install -e '.[dev]')"
    return found


def run(*args: str, cwd: Path, timeout: float = 120, **kw) -> subprocess.CompletedProcess:
    """The console script as a user runs it: no stdin (unless `input=` gives its
    bytes), output as bytes."""
    env = {**os.environ, "PYTHONDONTWRITEBYTECODE": "1", **kw.pop("env", {})}
    if "input" not in kw:
        kw["stdin"] = subprocess.DEVNULL
    return subprocess.run([script(), *args], cwd=cwd, capture_output=True, timeout=timeout, env=env, **kw)


# The summary a text run ends its stderr with (tests/test_cli_output_options.py checks it).
SUMMARY = re.compile(r"^(No findings|[0-9,]+ findings?( \([^)]*\))?) in [0-9,]+ files?(; [^.]*)?\.$")


def lines(text: str | bytes) -> list[str]:
    """The lines of an output, without the summary line that ends a text run's stderr."""
    if isinstance(text, bytes):
        text = text.decode()
    out = text.splitlines()
    i = len(out)  # the summary comes last, or just before the lines of a run that did not complete
    while i and out[i - 1].startswith("goguard: error: "):
        i -= 1
    if i and SUMMARY.match(out[i - 1]):
        del out[i - 1]
    return out


def stderr_of(r) -> bytes:
    """A run's stderr without its closing summary line."""
    err = r.stderr if isinstance(r.stderr, bytes) else r.stderr.encode()
    kept = "\n".join(lines(err.decode(errors="surrogateescape"))).encode(errors="surrogateescape")
    return kept + b"\n" if kept else b""


def check_lines(*args: str) -> tuple[int, list[str], list[str]]:
    """`goguard check -j 1 ARGS` in-process: exit status, stdout lines, stderr lines."""
    r = invoke("check", "-j", "1", *args)
    return r.exit_code, lines(r.stdout), lines(r.stderr)


def project_dir(root: Path, files: dict[str, str | bytes], monkeypatch) -> Path:
    """`files` written below `root`, which becomes the current folder. A `.git` folder
    marks it as a repository root, so that the search for a configuration file stops
    there."""
    write_tree(root, files)
    (root / ".git").mkdir(exist_ok=True)
    monkeypatch.chdir(root)
    return root
