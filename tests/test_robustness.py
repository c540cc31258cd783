"""Bad input never crashes goguard: each bad file gives one `goguard: warning: ...`
line, the run goes on, and the findings of the good file beside it are still printed.

Most cases run in-process (click's test runner, one worker); one test runs them all
together through the installed console script with two workers, and the unreadable
file needs a real process (as root, one without the capabilities that bypass
file permissions)."""

from __future__ import annotations

import ctypes
import errno
import os
import re
import random
import signal
import subprocess
import sys
import time

import pytest

from cli_support import GOOD, check_lines, lines, nil_map, project_dir, run, write_tree
from goguard import engine
from goguard.frontend import source
from goguard.frontend.loader import expand

N = 10_000  # nesting depth of the deep cases

FOUND = nil_map("good.go")
NOT_GO = "bad.go: cannot check: no package clause (not a Go source file)"


def deep_expressions() -> str:
    """One declaration per kind of expression or type nested N deep, and a function
    with a finding after them."""
    decls = [
        "var parens = " + "(" * N + "1" + ")" * N,
        "var sum = " + "1 + " * N + "1",
        "var neg = " + "-" * N + "1",
        "var not = " + "!" * N + "true",
        "var calls = f" + "(f" * N + ")" * N,
        "var index = xs" + "[xs" * N + "]" * N,
        "var chain = x" + ".y" * N,
        "var slices " + "[]" * N + "int",
        "var pointers " + "*" * N + "int",
        'func g() {\n\tvar m map[string]int\n\tm["deep"] = ' + "(" * N + "1" + ")" * N + "\n}",
    ]
    return "package p\n\n" + "\n\n".join(decls) + "\n"


def deep_statements() -> str:
    """Statements and literals nested N deep (skipped, one warning), then a function
    that is still analysed."""
    decls = [
        "func blocks() { " + "{" * N + "}" * N + " }",
        "func ifs(x bool) { var m map[string]int; " + "if x { " * N + 'm["a"] = 1' + " }" * N + " }",
        "func closures() { var m map[string]int; " + "func() { " * N + 'm["a"] = 1' + " }()" * N + " }",
        "var lits = " + "[]any{" * N + "}" * N,
        'func g() {\n\tvar m map[string]int\n\tm["deep"] = 1\n}',
    ]
    return "package p\n\n" + "\n\n".join(decls) + "\n"


SYNTAX = 'package p\n\nfunc g() {\n\tvar m map[string]int\n\tm["ok"] = 1\n}\n\nfunc h( {\n}\n\nfunc k() { x := := 1 }\n'
LATIN1 = b'package p\n\n// caf\xe9\nfunc g() {\n\tvar m map[string]int\n\tm["\xff"] = 1\n}\n'
BOM_CRLF = b'\xef\xbb\xbfpackage p\r\n\r\nfunc g() {\r\n\tvar m map[string]int\r\n\tm["a"] = 1\r\n}\r\n'

# name: (files beside good.go, extra findings, the exact warnings)
CASES = {
    "syntax errors": (
        {"bad.go": SYNTAX},
        [nil_map("bad.go", SYNTAX, 'm["ok"]')],
        ['bad.go:8:8: syntax error: missing ")"; function h not analysed, nor 1 more declaration with syntax '
         'errors (function k, line 11)'],
    ),
    "not UTF-8": (
        {"bad.go": LATIN1},
        [nil_map("bad.go", LATIN1, b'm["\xff"]')],
        ["bad.go: file is not valid UTF-8 (byte offset 17); analysed as bytes"],
    ),
    "empty file": ({"bad.go": ""}, [], [NOT_GO]),
    "only a comment": ({"bad.go": "// Package p does things.\n"}, [], [NOT_GO]),
    "binary with NUL bytes": (
        {"bad.go": bytes(range(256)) * 16}, [], ["bad.go: cannot check: binary file (contains NUL bytes)"],
    ),
    "binary without NUL bytes": (
        {"bad.go": bytes(random.Random(7).randrange(1, 256) for _ in range(4096))},
        [], [NOT_GO],
    ),
    "expressions nested 10,000 deep": (
        {"bad.go": deep_expressions()},
        [nil_map("bad.go", deep_expressions(), 'm["deep"]')],
        [],
    ),
    "statements nested 10,000 deep": (
        {"bad.go": deep_statements()},
        [nil_map("bad.go", deep_statements(), 'm["deep"]')],
        ["bad.go: nested more than 256 levels deep; 4 declaration(s) not analysed"],
    ),
    # Not bad at all: a byte order mark and CRLF line ends are analysed as usual.
    "BOM and CRLF": ({"bad.go": BOM_CRLF}, [nil_map("bad.go", BOM_CRLF)], []),
    # A folder named like a Go file is not a file.
    "folder named .go": ({"bad.go/x.txt": "not Go"}, [], []),
}


def could_not_check(warnings: list[str]) -> bool:
    """The warnings name a file that could not be checked at all: the run exits 2."""
    return any(": cannot check: " in w or ": cannot read file: " in w for w in warnings)


@pytest.mark.parametrize("case", list(CASES))
def test_bad_file_beside_a_good_one(case, tmp_path, monkeypatch):
    files, extra, warnings = CASES[case]
    project_dir(tmp_path, {"good.go": GOOD, **files}, monkeypatch)
    start = time.monotonic()
    code, out, err = check_lines(".")
    expected_err = [f"goguard: warning: {w}" for w in warnings]
    if could_not_check(warnings):  # the good file's findings, then the reason for exit 2
        expected_err.append("goguard: error: could not check 1 file (bad.go): the warnings say why")
    assert (code, out, err) == (2 if could_not_check(warnings) else 1, sorted([FOUND, *extra]), expected_err)
    assert time.monotonic() - start < 60, "a bad file must not stall the run"


def test_symlinks_dangling_looping_and_a_folder_loop(tmp_path, monkeypatch):
    project_dir(tmp_path, {"good.go": GOOD, "sub/b.go": GOOD}, monkeypatch)
    os.symlink("nowhere.go", tmp_path / "dangling.go")
    os.symlink("loop2.go", tmp_path / "loop1.go")
    os.symlink("loop1.go", tmp_path / "loop2.go")
    os.symlink("..", tmp_path / "sub" / "up")  # a folder loop: recursion must end
    code, out, err = check_lines("./...")
    assert (code, out) == (2, [FOUND, nil_map("sub/b.go")])  # 2: three files could not be read
    assert err == [
        f"goguard: warning: dangling.go: cannot read file: {os.strerror(errno.ENOENT)}",
        f"goguard: warning: loop1.go: cannot read file: {os.strerror(errno.ELOOP)}",
        f"goguard: warning: loop2.go: cannot read file: {os.strerror(errno.ELOOP)}",
        "goguard: error: could not check 3 files (dangling.go, ...): the warnings say why",
    ]
    # The loop named as a root is followed once, and not again below.
    assert check_lines("sub/up/...") == (
        2,
        [nil_map("sub/up/good.go"), nil_map("sub/up/sub/b.go")],
        [w.replace("warning: ", "warning: sub/up/").replace("(dangling", "(sub/up/dangling") for w in err],
    )


def test_ten_megabyte_generated_file(tmp_path, monkeypatch):
    """Skipped at once by default; analysed in reasonable time when asked."""
    gen = bindata(10 << 20)
    project_dir(tmp_path, {"good.go": GOOD, "gen.go": gen}, monkeypatch)
    start = time.monotonic()
    assert check_lines(".") == (1, [FOUND], [])
    assert time.monotonic() - start < 10
    start = time.monotonic()
    code, out, err = check_lines("--include-generated", ".")
    elapsed = time.monotonic() - start
    assert (code, err) == (1, [])
    assert out == [*(nil_map("gen.go", gen, f'm["k{i}"]') for i in (0, 100, 200)), FOUND]
    assert elapsed < 120, f"a 10 MB file took {elapsed:.0f}s"


def bindata(size: int) -> str:
    """A go-bindata style file: byte tables and small functions, three with a finding."""
    rnd = random.Random(0)
    parts = ["// Code generated by go-bindata. DO NOT EDIT.\n\npackage p\n\n"]
    total, i = len(parts[0]), 0
    while total < size:
        row = "\t" + ", ".join(f"0x{rnd.randrange(256):02x}" for _ in range(16)) + ",\n"
        chunk = f"var _file{i} = []byte{{\n" + row * 400 + "}\n\n"
        if i % 100 == 0 and i <= 200:
            chunk += f'func file{i}() []byte {{\n\tvar m map[string]int\n\tm["k{i}"] = 1\n\treturn _file{i}\n}}\n\n'
        else:
            chunk += f"func file{i}() []byte {{ return _file{i} }}\n\n"
        parts.append(chunk)
        total += len(chunk)
        i += 1
    return "".join(parts)


def test_file_over_the_size_limit_is_skipped(tmp_path, monkeypatch):
    monkeypatch.setattr(source, "MAX_FILE_BYTES", 1 << 20)
    project_dir(tmp_path, {"good.go": GOOD, "big.go": GOOD + "//" + "x" * (1 << 20) + "\n"}, monkeypatch)
    assert check_lines(".") == (2, [FOUND], [
        "goguard: warning: big.go: cannot check: file is larger than 1 MB (leave it out with the exclude setting)",
        "goguard: error: could not check 1 file (big.go): the warnings say why"])


def test_warnings_only_for_files_reported_on(tmp_path, monkeypatch):
    """A named file's folder is read for declarations; its bad files are not the
    user's concern, so they give no warning."""
    project_dir(tmp_path, {"good.go": GOOD, "bad.go": SYNTAX, "empty.go": "", "latin.go": LATIN1}, monkeypatch)
    assert check_lines("good.go") == (1, [FOUND], [])


def test_internal_error_in_a_rule_fails_the_run_but_not_the_other_files(tmp_path, monkeypatch):
    project_dir(tmp_path, {"good.go": GOOD, "boom.go": GOOD}, monkeypatch)
    real = engine.analyse_file

    def analyse_file(fp, rules, **kw):
        if fp.file.path == "boom.go":
            raise ValueError("kaboom")
        return real(fp, rules, **kw)

    monkeypatch.setattr(engine, "analyse_file", analyse_file)
    code, out, err = check_lines(".")
    assert (code, out) == (3, [FOUND])  # 3: goguard failed, whatever it found
    assert len(err) == 1 and err[0].startswith("goguard: error: boom.go: internal error: ValueError: kaboom [")
    assert err[0].endswith("; please report it at https://github.com/goguard/goguard/issues")


def test_a_worker_that_dies_loses_only_its_folder(tmp_path, monkeypatch):
    """A worker killed mid-run (out of memory, a crash in native code) neither hangs
    the run nor loses the other folders' findings."""
    write_tree(tmp_path, {"a/good.go": GOOD, "b/good.go": GOOD, "crash/good.go": GOOD, "d/good.go": GOOD})
    monkeypatch.chdir(tmp_path)
    real = engine.analyse_unit

    def analyse_unit(unit, options):
        if os.path.basename(unit.dir) == "crash":
            os.kill(os.getpid(), signal.SIGKILL)
        return real(unit, options)

    monkeypatch.setattr(engine, "analyse_unit", analyse_unit)  # the forked workers inherit it
    result = engine.run(expand(["./..."]), engine.Options(jobs=2))
    assert [f.text() for f in result.findings] == [nil_map(f"{d}/good.go") for d in "abd"]
    assert result.warnings == [] and len(result.failures) == 1
    assert result.failures[0].startswith("crash/: the worker process analysing it died")


def _without_root_file_access() -> None:
    """In the child before exec: drop CAP_DAC_OVERRIDE and CAP_DAC_READ_SEARCH from
    the bounding set, so that root's goguard obeys file permissions like anyone."""
    libc = ctypes.CDLL(None, use_errno=True)
    for cap in (1, 2):  # CAP_DAC_OVERRIDE, CAP_DAC_READ_SEARCH
        if libc.prctl(24, cap, 0, 0, 0) != 0:  # PR_CAPBSET_DROP
            raise OSError(ctypes.get_errno(), "prctl(PR_CAPBSET_DROP)")


def test_unreadable_file_and_folder_through_the_console_script(tmp_path, monkeypatch):
    """chmod 000 blocks reads for a normal user, not for root: as root (common in CI
    containers), goguard runs without the capabilities that bypass permissions."""
    project_dir(tmp_path, {"good.go": GOOD, "secret.go": GOOD, "locked/c.go": GOOD}, monkeypatch)
    kw = {}
    if os.geteuid() == 0:
        if not sys.platform.startswith("linux"):
            pytest.skip("running as root, which reads chmod 000 files, on a system without prctl")
        kw["preexec_fn"] = _without_root_file_access
    (tmp_path / "secret.go").chmod(0)
    (tmp_path / "locked").chmod(0)
    try:
        try:
            r = run("check", "-j", "2", "./...", cwd=tmp_path, **kw)
        except (OSError, subprocess.SubprocessError) as e:
            pytest.skip(f"running as root, and its file-access capabilities cannot be dropped: {e}")
    finally:
        (tmp_path / "secret.go").chmod(0o644)
        (tmp_path / "locked").chmod(0o755)
    assert (r.returncode, lines(r.stdout)) == (2, [FOUND])
    denied = os.strerror(errno.EACCES)
    assert lines(r.stderr) == [
        f"goguard: warning: locked: cannot read folder: {denied}",
        f"goguard: warning: secret.go: cannot read file: {denied}",
        "goguard: error: could not check 1 file (secret.go) and 1 folder: the warnings say why",
    ]


def test_everything_bad_at_once_through_the_console_script(tmp_path):
    """All the bad inputs in one tree, two workers, the installed script: exit 2 (files
    that could not be checked), one warning per bad file in a stable order, every good
    finding printed, no traceback."""
    files = {"good.go": GOOD}
    expected_out = [FOUND]
    expected_err = []
    for i, (files_, extra, warnings) in enumerate(CASES.values()):
        folder = f"case{i:02d}"
        files[f"{folder}/good.go"] = GOOD
        expected_out.append(nil_map(f"{folder}/good.go"))
        for name, content in files_.items():
            files[f"{folder}/{name}"] = content
        expected_out += [x.replace("bad.go:", f"{folder}/bad.go:", 1) for x in extra]
        expected_err += [f"goguard: warning: {folder}/{w}" for w in warnings]
    files[b"\xffname.go".decode(errors="surrogateescape")] = GOOD
    write_tree(tmp_path, files)
    (tmp_path / ".git").mkdir()
    os.symlink("nowhere.go", tmp_path / "dangling.go")
    os.symlink(".", tmp_path / "self")
    r = run("check", "-j", "2", cwd=tmp_path, timeout=300)
    out, err = lines(r.stdout), lines(r.stderr)
    assert r.returncode == 2 and err[-1].startswith("goguard: error: could not check 5 files (case")
    err = err[:-1]
    assert sorted(set(out) - {nil_map("\\xffname.go")}) == sorted(expected_out)
    assert nil_map("\\xffname.go") in out and len(out) == len(expected_out) + 1
    # Warnings come by path, then by line as a number (bad.go:8 before bad.go:11).
    by_position = re.compile(r"^goguard: warning: ([^:]*)(?::([0-9]+))?")
    expected_err.append(f"goguard: warning: dangling.go: cannot read file: {os.strerror(errno.ENOENT)}")
    assert err == sorted(expected_err, key=lambda w: (by_position.match(w).group(1),
                                                      int(by_position.match(w).group(2) or 0), w))
    # The same run with one worker prints the same bytes.
    again = run("check", "-j", "1", cwd=tmp_path, timeout=300)
    assert (again.returncode, again.stdout, again.stderr) == (r.returncode, r.stdout, r.stderr)


def test_long_else_if_chain_is_analysed_not_skipped(tmp_path):
    """An else-if chain thousands long (generated dispatch code) is deep in the tree
    but not in braces: the CFG and the analyses walk it without recursion and without
    climbing parents, so the nil map written after it is still reported."""
    arms = "".join(f" else if x == {i} {{\n\t\t_ = x\n\t}}" for i in range(1, 3000))
    (tmp_path / "chain.go").write_text(
        "package p\n\nfunc f(x int) {\n\tvar m map[string]int\n\tif x == 0 {\n\t}"
        + arms + "\n\tm[\"a\"] = 1\n}\n")
    start = time.monotonic()
    result = run("check", "-j", "1", "chain.go", cwd=tmp_path)
    assert time.monotonic() - start < 60
    assert result.returncode == 1, result.stderr
    assert lines(result.stderr) == []
    (line,) = lines(result.stdout)
    assert line.startswith("chain.go:6005:2: assignment to entry in nil map \"m\"")


HANDLER = ('package p\n\nimport "net/http"\n\nvar hits = map[string]int{}\n\n'
           'func count(w http.ResponseWriter, r *http.Request) {\n\thits[r.URL.Path]++\n}\n\n'
           'func register(mux *http.ServeMux) {\n\tmux.HandleFunc("/", count)\n%s}\n')


def test_a_declaration_with_a_syntax_error_launches_nothing(tmp_path, monkeypatch):
    """A handler registered inside a declaration that is not analysed makes no finding
    in the (well-formed) handler it names, elsewhere in the file."""
    project_dir(tmp_path, {"ok/a.go": HANDLER % "", "bad/a.go": HANDLER % "\tx := := 1\n"}, monkeypatch)
    code, out, err = check_lines("--select", "GG401", "./...")
    assert code == 1
    assert [line.split(": ")[0] for line in out] == ["ok/a.go:8:2"]
    assert err == ['goguard: warning: bad/a.go:13:7: syntax error near ":="; function register not analysed']
