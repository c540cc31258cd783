"""Terminal output: --color auto|always|never and NO_COLOR, --quiet, --statistics and
the summary line. Colour and the summary depend on a terminal, so those tests run the
console script on a pseudo-terminal."""

from __future__ import annotations

import json
import os
import subprocess
import sys

import pytest

from cli_support import invoke, lines, project_dir, run, script, write_tree

ESC = "\x1b["
A = 'package p\n\nfunc f() {\n\tvar m map[string]int\n\tm["a"] = 1\n}\n'
B = ("package p\n\nfunc h(p *[]byte) {\n\tp = nil\n\t_ = len(*p)\n}\n\n"
     'func g() {\n\tvar m map[string]int\n\tm["b"] = 1 //goguard:ignore GG101 demo only\n}\n')
BROKEN = "package p\n\nfunc broken() {\n\tx := := 1\n}\n"
F_A = 'a.go:5:2: assignment to entry in nil map "m" (GG101) [*]'
F_B = 'b.go:5:10: dereference of nil pointer "p" (GG102)'
WARNING = 'goguard: warning: c.go:4:7: syntax error near ":="; function broken not analysed'


@pytest.fixture
def project(tmp_path, monkeypatch):
    return project_dir(tmp_path, {"a.go": A, "b.go": B, "c.go": BROKEN}, monkeypatch)


def check(*args: str, env: dict | None = None):
    r = invoke("check", "-j", "1", *args) if env is None else _invoke_env(args, env)
    return r.exit_code, r.stdout, r.stderr


def _invoke_env(args, env):
    from click.testing import CliRunner

    from goguard.cli.main import main

    return CliRunner(env=env).invoke(main, ["check", "-j", "1", *args], catch_exceptions=False)


def run_tty(*args: str, cwd, env: dict | None = None) -> tuple[int, str]:
    """The console script with stdout and stderr on a pseudo-terminal; what it showed."""
    pty = pytest.importorskip("pty")
    master, slave = pty.openpty()
    full_env = {k: v for k, v in os.environ.items() if k != "NO_COLOR"}
    full_env.update(env or {})
    p = subprocess.Popen([script(), *args], cwd=cwd, stdin=subprocess.DEVNULL, stdout=slave, stderr=slave,
                         env=full_env)
    os.close(slave)
    chunks = []
    while True:
        try:
            data = os.read(master, 65536)
        except OSError:  # EIO once the child has closed the terminal
            break
        if not data:
            break
        chunks.append(data)
    os.close(master)
    rc = p.wait(timeout=60)
    return rc, b"".join(chunks).decode().replace("\r\n", "\n")


def test_plain_output_without_a_terminal(project):
    code, out, err = check()
    assert code == 1 and lines(out) == [F_A, F_B] and ESC not in out + err
    assert lines(err) == [WARNING]  # no summary when stderr is not a terminal


def test_color_always_and_never(project):
    code, out, _ = check("--color", "always")
    assert code == 1
    assert lines(out) == [
        f"{ESC}1ma.go:5:2:{ESC}0m assignment to entry in nil map \"m\" {ESC}31m(GG101){ESC}0m",
        f"{ESC}1mb.go:5:10:{ESC}0m dereference of nil pointer \"p\" {ESC}31m(GG102){ESC}0m",
    ]
    # Suppressed findings are dimmed; severities have their own colours.
    (project / "goguard.toml").write_text('[severity]\nGG102 = "warning"\n')
    code, out, _ = check("--color", "always", "--show-suppressed", "b.go")
    assert lines(out) == [
        f"{ESC}1mb.go:5:10:{ESC}0m dereference of nil pointer \"p\" {ESC}33m(GG102){ESC}0m",
        f"{ESC}2mb.go:10:2: assignment to entry in nil map \"m\" (GG101) [suppressed: demo only]{ESC}0m",
    ]
    assert ESC not in check("--color", "never")[1]
    # Machine-readable formats are never coloured.
    assert json.loads(check("--color", "always", "--format", "json")[1])[0]["code"] == "GG101"
    code, out, err = check("--color", "sometimes")
    assert code == 2 and "sometimes" in err and out == ""


def test_no_color_environment_variable(project):
    # Without a terminal, auto is plain anyway; always wins over NO_COLOR.
    assert ESC in check("--color", "always", env={"NO_COLOR": "1"})[1]
    assert ESC not in check(env={"NO_COLOR": "1"})[1]


@pytest.mark.skipif(sys.platform == "win32", reason="needs a POSIX pseudo-terminal")
def test_on_a_terminal(project):
    rc, shown = run_tty("check", cwd=project)
    assert rc == 1
    assert f"{ESC}1ma.go:5:2:{ESC}0m" in shown and f"{ESC}31m(GG101){ESC}0m" in shown
    # The summary closes every text run on stderr.
    assert shown.endswith("2 findings (2 errors) in 3 files; 1 suppressed.\n")
    rc, shown = run_tty("check", cwd=project, env={"NO_COLOR": "1"})
    assert ESC not in shown and F_A in shown and F_B in shown
    rc, shown = run_tty("check", "--color", "never", cwd=project)
    assert ESC not in shown
    rc, shown = run_tty("check", "-q", "--color", "never", cwd=project)
    assert (rc, lines(shown)) == (1, [F_A, F_B])
    # NO_COLOR set but empty does not count.
    rc, shown = run_tty("check", cwd=project, env={"NO_COLOR": ""})
    assert ESC in shown


def test_quiet_prints_findings_only(project):
    code, out, err = check("--quiet")
    assert (code, lines(out), err) == (1, [F_A, F_B], "")
    code, out, err = check("-q", "--write-baseline", "base.json")
    assert (code, out, err) == (0, "", "")
    # Usage errors are still reported.
    code, out, err = check("-q", "missing.go")
    assert (code, lines(err)) == (2, ["goguard: error: missing.go: no such file or directory"])


def test_statistics(project):
    code, out, err = check("--statistics", "-q")
    assert (code, lines(out)) == (1, [F_A, F_B, "1  GG101  nil-map-write", "1  GG102  nil-slice-pointer-deref"])
    write_tree(project, {"d.go": A.replace("func f", "func f2"), "e.go": A.replace("func f", "func f3")})
    code, out, _ = check("--statistics", "-q", "--show-suppressed")
    assert lines(out)[-2:] == ["3  GG101  nil-map-write (+1 suppressed)", "1  GG102  nil-slice-pointer-deref"]
    # Beside a machine-readable format on stdout, the statistics go to stderr.
    code, out, err = check("--statistics", "-q", "--format", "json")
    assert len(json.loads(out)) == 4 and lines(err) == ["3  GG101  nil-map-write", "1  GG102  nil-slice-pointer-deref"]
    # With -o the findings go to the file and the statistics to stdout.
    code, out, err = check("--statistics", "-q", "--format", "json", "-o", "out.json")
    assert lines(out) == ["3  GG101  nil-map-write", "1  GG102  nil-slice-pointer-deref"] and err == ""
    # Nothing found: no statistics lines.
    assert check("--statistics", "c.go")[:2] == (0, "")


def test_console_script_quiet_and_statistics(project):
    r = run("check", "-q", "--statistics", cwd=project)
    assert (r.returncode, lines(r.stdout), r.stderr) == (
        1, [F_A, F_B, "1  GG101  nil-map-write", "1  GG102  nil-slice-pointer-deref"], b"")
    r = run("check", cwd=project, env={"NO_COLOR": "1"})
    assert lines(r.stderr) == [WARNING] and ESC.encode() not in r.stdout
