"""action.yml, run as a GitHub runner runs a composite action: each step's `run` in
bash, with `${{ inputs.* }}` and `${{ steps.run.outputs.* }}` filled in, the
environment a runner sets (GITHUB_ACTION_PATH, GITHUB_OUTPUT, GITHUB_STEP_SUMMARY),
and the step's own `env` and `working-directory`."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
from cli_support import write_tree

yaml = pytest.importorskip("yaml")

REPO = Path(__file__).resolve().parents[1]
ACTION = yaml.safe_load((REPO / "action.yml").read_text())
STEPS = {s["name"]: s for s in ACTION["runs"]["steps"]}
EXPR = re.compile(r"\$\{\{\s*(inputs|steps\.run\.outputs)\.([A-Za-z0-9_-]+)\s*\}\}")

# A raw string in the map expression quoted by the message: it holds a newline and a
# workflow command, HTML and a table's pipe.
INJECTED = "a\n::error file=x.go,line=1::injected <b>x</b>|"
SOURCE = f'package app\n\nfunc Set() {{\n\tvar ms [2]map[string]int\n\tms[len(`{INJECTED}`)]["k"] = 1\n}}\n'


def fill(text: str, inputs: dict, outputs: dict) -> str:
    return EXPR.sub(lambda m: (inputs if m.group(1) == "inputs" else outputs).get(m.group(2), ""), str(text))


def read_outputs(path: Path) -> dict:
    out = {}
    for line in path.read_text().splitlines() if path.exists() else []:
        k, _, v = line.partition("=")
        out[k] = v
    return out


def run_action(tmp_path: Path, workspace: Path, **given: str):
    """The action's steps after setup and install (the test's interpreter has goguard
    installed): Run goguard, then Fail on findings."""
    inputs = {k: str(v.get("default", "")) for k, v in ACTION["inputs"].items()}
    inputs.update({k.replace("_", "-"): v for k, v in given.items()})
    output, summary = tmp_path / "github_output", tmp_path / "step_summary"
    runner = {**os.environ, "GITHUB_ACTION_PATH": str(REPO), "GITHUB_OUTPUT": str(output),
              "GITHUB_STEP_SUMMARY": str(summary), "GITHUB_WORKSPACE": str(workspace),
              "GITHUB_ACTIONS": "true", "CI": "true", "RUNNER_TEMP": str(tmp_path),
              "PATH": str(Path(sys.executable).parent) + os.pathsep + os.environ["PATH"]}
    results = {}
    for name in ("Run goguard", "Fail on findings"):
        step = STEPS[name]
        outputs = read_outputs(output)
        env = {**runner, **{k: fill(v, inputs, outputs) for k, v in step.get("env", {}).items()}}
        cwd = workspace / fill(step.get("working-directory", "."), inputs, outputs)
        results[name] = subprocess.run(["bash", "-e", "-c", fill(step["run"], inputs, outputs)], cwd=cwd, env=env,
                                       capture_output=True, text=True, timeout=300, stdin=subprocess.DEVNULL)
    return results, read_outputs(output), summary.read_text() if summary.exists() else "", inputs


@pytest.fixture
def workspace(tmp_path: Path) -> Path:
    return write_tree(tmp_path / "ws", {"go.mod": "module example.com/app\n\ngo 1.22\n", "app/app.go": SOURCE,
                                        "clean/clean.go": "package clean\n\nfunc F() int { return 1 }\n"})


def test_action_is_composite_and_installs_from_its_own_checkout():
    assert ACTION["runs"]["using"] == "composite"
    install = STEPS["Install goguard from the action's own checkout"]["run"]
    assert '"$GITHUB_ACTION_PATH"' in install and "pip install goguard" not in install
    setup = STEPS["Set up Python"]
    assert setup["uses"].startswith("actions/setup-python@")
    assert tuple(int(x) for x in ACTION["inputs"]["python-version"]["default"].split(".")) >= (3, 10)
    upload = STEPS["Upload the SARIF log to code scanning"]
    assert upload["uses"].startswith("github/codeql-action/upload-sarif@")
    assert "inputs.upload-sarif == 'true'" in upload["if"] and "always()" in upload["if"]
    assert set(ACTION["inputs"]) >= {"patterns", "args", "format", "sarif-file", "working-directory",
                                     "fail-on-findings"}


def test_the_install_step_installs_a_working_goguard(tmp_path):
    venv = tmp_path / "venv"
    subprocess.run([sys.executable, "-m", "venv", str(venv)], check=True)
    run = STEPS["Install goguard from the action's own checkout"]["run"]
    env = {**os.environ, "GITHUB_ACTION_PATH": str(REPO), "PATH": f"{venv}/bin" + os.pathsep + os.environ["PATH"]}
    env.pop("PYTHONPATH", None)
    p = subprocess.run(["bash", "-e", "-c", run], cwd=tmp_path, env=env, capture_output=True, text=True, timeout=600)
    assert p.returncode == 0, p.stderr[-2000:]
    v = subprocess.run([str(venv / "bin" / "goguard"), "--version"], capture_output=True, text=True)
    assert v.returncode == 0 and v.stdout.startswith("goguard")


def test_findings_annotate_summarise_and_fail(tmp_path, workspace):
    results, outputs, summary, _ = run_action(tmp_path, workspace)
    step = results["Run goguard"]
    assert step.returncode == 0, step.stderr
    commands = [line for line in step.stdout.splitlines() if line.startswith("::")]
    assert len(commands) == 1 and commands[0].startswith("::error file=app/app.go,line=5,")
    assert "\\n::error file=x.go" in commands[0]  # the newline in the quoted source, escaped: one line
    assert outputs["findings"] == "1" and outputs["exit-code"] == "1" and "sarif-file" not in outputs
    assert "| app/app\\.go | 5 | GG101 nil\\-map\\-write | error |" in summary
    assert "<b>" not in summary and "&#60;b&#62;" in summary and "x&#60;/b&#62;\\|" in summary
    assert results["Fail on findings"].returncode == 1


def test_no_fail_on_findings_and_a_sarif_log(tmp_path, workspace):
    results, outputs, summary, _ = run_action(tmp_path, workspace, format="sarif", fail_on_findings="false",
                                              sarif_file="out/goguard.sarif")
    assert results["Run goguard"].returncode == 0
    log = json.loads(Path(outputs["sarif-file"]).read_text())
    assert Path(outputs["sarif-file"]) == workspace / "out" / "goguard.sarif"
    assert log["runs"][0]["results"][0]["ruleId"] == "GG101"
    assert results["Fail on findings"].returncode == 0


def test_patterns_args_and_working_directory(tmp_path, workspace):
    results, outputs, summary, _ = run_action(tmp_path, workspace, patterns="./clean/...", args="--select GG1")
    assert outputs["findings"] == "0" and outputs["exit-code"] == "0" and "No findings." in summary
    assert results["Fail on findings"].returncode == 0
    results, outputs, _, _ = run_action(tmp_path, workspace, working_directory="app", patterns=".")
    assert outputs["findings"] == "1"


def test_a_usage_error_fails_whatever_fail_on_findings_says(tmp_path, workspace):
    results, outputs, summary, _ = run_action(tmp_path, workspace, args="--select no-such-rule",
                                              fail_on_findings="false")
    assert outputs["exit-code"] == "2" and "could not check everything" in summary
    assert "No findings" not in summary
    assert results["Fail on findings"].returncode == 2
    results, outputs, _, _ = run_action(tmp_path, workspace, args="'unbalanced")
    assert outputs["exit-code"] == "2" and results["Fail on findings"].returncode == 2


@pytest.mark.parametrize("where", ["analysis:clean/", "report"])
def test_goguard_failing_fails_the_step_and_never_reads_as_no_findings(tmp_path, workspace, monkeypatch, where):
    """An internal error, inside a package's analysis or after it, is exit status 3:
    the step fails whatever fail-on-findings says, and the summary says goguard failed."""
    monkeypatch.setenv("GOGUARD_FAULT", where)
    results, outputs, summary, _ = run_action(tmp_path, workspace, patterns="./clean/...", fail_on_findings="false",
                                              format="sarif")
    assert outputs["exit-code"] == "3" and "sarif-file" not in outputs
    assert "goguard failed" in summary and "No findings" not in summary
    fail = results["Fail on findings"]
    assert fail.returncode == 3 and "::error title=goguard::goguard failed" in fail.stdout
    assert "internal error" in results["Run goguard"].stderr and "Traceback" not in results["Run goguard"].stderr
