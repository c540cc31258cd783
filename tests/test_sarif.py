"""SARIF output: valid against the OASIS 2.1.0 schema, complete for GitHub code
scanning (rule descriptors, %SRCROOT%-relative URIs, UTF-16 columns, line hashes,
related locations, code flows, suppressions), deterministic; checked by Microsoft's
SARIF Multitool where it is installed; and the workflow in
docs/github-code-scanning.md runs as written."""

from __future__ import annotations

import json
import os
import random
import re
import shlex
import shutil
import subprocess
from pathlib import Path

import pytest

from cli_support import locate, run, script, write_tree
from goguard.findings import Finding, FlowStep
from goguard.output import render, sarif
from goguard.output.fingerprint import line_hashes
from goguard.rules import Rule, RuleMeta, all_rules, get_rule

REPO = Path(__file__).resolve().parents[1]
DOCS = REPO / "docs" / "github-code-scanning.md"


def shared_sarif() -> Path | None:
    """`shared/sarif` beside the clone (../shared), or in any folder above it."""
    for parent in Path(__file__).resolve().parents:
        candidate = parent / "shared" / "sarif"
        if (candidate / "sarif-schema-2.1.0.json").is_file():
            return candidate
    return None


SHARED = shared_sarif()
needs_schema = pytest.mark.skipif(SHARED is None, reason="shared/sarif/sarif-schema-2.1.0.json not found above the repository")


def assert_valid(log: dict) -> None:
    """No error from the official SARIF 2.1.0 schema (draft-04)."""
    import jsonschema

    schema = json.loads((SHARED / "sarif-schema-2.1.0.json").read_text())
    cls = jsonschema.validators.validator_for(schema)
    errors = sorted(cls(schema).iter_errors(log), key=lambda e: list(e.absolute_path))
    assert not errors, "\n".join(f"{'/'.join(map(str, e.absolute_path))}: {e.message}" for e in errors[:10])


def rule_doc(title: str, what: str) -> str:
    return (f"{title}.\n\n## What it does\n{what}\n\n## Why is this bad?\nIt crashes.\n\n"
            "## Example\n```go\npackage p\n```\n\n## Use instead\n```go\npackage p\n```\n\n"
            "## Runtime symptom\npanic\n\n## Related checks elsewhere\nnone\n")


def fake_rule(code: str, name: str, severity: str = "error", security: str | None = None,
              what: str = "Reports it.") -> Rule:
    meta = RuleMeta(code=code, name=name, severity=severity, tags=("nil", "crash"), precision="high",
                    security_severity=security)
    return Rule(meta, lambda pass_, matches: None, rule_doc(f"Title of {name}", what))


RULES = (
    fake_rule("GG101", "nil-map-write"),
    fake_rule("GG102", "nil-slice-pointer-deref", severity="warning"),
    fake_rule("GG301", "unsafe-slice-length", severity="note", security="7.5"),
)

# Line 8 has a two-byte and a four-byte character before the write.
SOURCE = """package p

func f(ok bool) {
	var m map[string]int
	if ok {
		m = make(map[string]int)
	}
	s := "ö😀"; m[s] = 1
}

func g() int {
	var q *[]byte
	return len(*q)
}
"""


def span(root: Path, rel: str, source: str, needle: str) -> dict:
    line, col = locate(source, needle)
    return dict(path=rel, line=line, column=col, end_line=line, end_column=col + len(needle.encode()),
                abspath=str(root / rel))


def findings_for(root: Path, rel: str = "pkg/a.go", source: str = SOURCE) -> list[Finding]:
    """Findings of three rules in `source`, written at root/rel, with flows."""
    write_tree(root, {rel: source})
    decl_line, decl_col = locate(source, "m map")
    if_line, if_col = locate(source, "if ok")
    q_line, q_col = locate(source, "q *[]byte")
    w = span(root, rel, source, "m[s]")
    return [
        Finding("GG101", "nil-map-write", "error", message='assignment to entry in possibly nil map "m"',
                flow=(FlowStep(rel, decl_line, decl_col, "declared nil here"),
                      FlowStep(rel, if_line, if_col, "no make on this branch"),
                      FlowStep(rel, w["line"], w["column"], "written here")), **w),
        Finding("GG102", "nil-slice-pointer-deref", "warning", message='dereference of nil pointer "q"',
                flow=(FlowStep(rel, q_line, q_col, "declared nil here"),), **span(root, rel, source, "*q")),
        Finding("GG301", "unsafe-slice-length", "note", message="unsafe slice", **span(root, rel, source, "len(")),
    ]


def log_for(findings, root: Path, **kw) -> dict:
    return json.loads(render("sarif", findings, rules=kw.pop("rules", RULES), root=str(root), **kw))


@needs_schema
def test_log_is_valid_and_describes_every_rule(tmp_path):
    log = log_for(findings_for(tmp_path), tmp_path)
    assert_valid(log)
    assert log["version"] == "2.1.0"
    assert len(log["runs"]) == 1
    run_ = log["runs"][0]
    driver = run_["tool"]["driver"]
    from goguard import __version__

    assert (driver["name"], driver["version"], driver["semanticVersion"]) == ("goguard", __version__, __version__)
    assert driver["informationUri"].startswith("https://")
    ids = [r["id"] for r in driver["rules"]]
    assert ids == ["GG101", "GG102", "GG301"]
    for rule, descriptor in zip(RULES, driver["rules"]):
        assert descriptor["name"] == rule.name
        assert descriptor["shortDescription"]["text"] == rule.title
        assert descriptor["fullDescription"]["text"] == "Reports it."
        assert descriptor["help"] == {"text": rule.page(), "markdown": rule.page()}
        assert descriptor["defaultConfiguration"]["level"] == rule.severity
        props = descriptor["properties"]
        assert props["tags"] == ["nil", "crash"]
        assert props["precision"] == "high"
    severities = [d["properties"]["problem.severity"] for d in driver["rules"]]
    assert severities == ["error", "warning", "recommendation"]
    assert ["security-severity" in d["properties"] for d in driver["rules"]] == [False, False, True]
    assert driver["rules"][2]["properties"]["security-severity"] == "7.5"
    assert run_["columnKind"] == "utf16CodeUnits"


@needs_schema
def test_results_locations_fingerprints_and_flows(tmp_path):
    findings = findings_for(tmp_path)
    log = log_for(findings, tmp_path)
    run_ = log["runs"][0]
    base = run_["originalUriBaseIds"]["%SRCROOT%"]
    assert base["uri"] == tmp_path.resolve().as_uri() + "/"
    hashes = line_hashes((tmp_path / "pkg/a.go").read_bytes())
    results = run_["results"]
    assert [r["ruleId"] for r in results] == ["GG101", "GG301", "GG102"]  # sorted by position
    for r in results:
        f = next(f for f in findings if f.code == r["ruleId"])
        assert run_["tool"]["driver"]["rules"][r["ruleIndex"]]["id"] == r["ruleId"]
        assert r["level"] == {"note": "note"}.get(f.severity, f.severity)
        assert r["message"]["text"] == f.message
        (loc,) = r["locations"]
        art = loc["physicalLocation"]["artifactLocation"]
        assert art == {"uri": "pkg/a.go", "uriBaseId": "%SRCROOT%"}
        region = loc["physicalLocation"]["region"]
        assert set(region) == {"startLine", "startColumn", "endLine", "endColumn"}
        assert min(region.values()) >= 1
        assert region["startLine"] == f.line
        assert r["partialFingerprints"] == {"primaryLocationLineHash": hashes[f.line - 1]}

    gg101 = results[0]
    # `\ts := "ö😀"; ` is 16 bytes but 13 UTF-16 units: ö is 2 bytes and 1 unit, the
    # emoji 4 bytes and 2 units.
    region = gg101["locations"][0]["physicalLocation"]["region"]
    assert (findings[0].column, findings[0].end_column) == (17, 21)
    assert (region["startColumn"], region["endColumn"]) == (14, 18)

    (related,) = gg101["relatedLocations"]
    assert related["id"] == 1
    assert related["message"]["text"] == "declared nil here"
    assert related["physicalLocation"]["region"] == {"startLine": 4, "startColumn": 6}
    (flow,) = gg101["codeFlows"]
    (thread,) = flow["threadFlows"]
    steps = [(s["location"]["physicalLocation"]["region"]["startLine"], s["location"]["message"]["text"])
             for s in thread["locations"]]
    assert steps == [(4, "declared nil here"), (5, "no make on this branch"), (8, "written here")]
    assert thread["locations"][-1]["location"]["physicalLocation"]["region"]["startColumn"] == 14
    # A finding without a flow has neither; one whose flow stops short ends at the fault.
    assert "codeFlows" not in results[1] and "relatedLocations" not in results[1]
    gg102_steps = results[2]["codeFlows"][0]["threadFlows"][0]["locations"]
    assert [s["location"]["message"]["text"] for s in gg102_steps] == ["declared nil here", 'dereference of nil pointer "q"']


@needs_schema
def test_clean_run_has_empty_results_and_all_rules(tmp_path):
    log = log_for([], tmp_path)
    assert_valid(log)
    assert log["runs"][0]["results"] == []
    assert len(log["runs"][0]["tool"]["driver"]["rules"]) == len(RULES)
    # the registry is the default
    real = json.loads(render("sarif", [], root=str(tmp_path)))
    descriptors = real["runs"][0]["tool"]["driver"]["rules"]
    assert [r["id"] for r in descriptors] == [r.code for r in all_rules()]
    assert_valid(real)
    # helpUri points at the rule's generated page in this repository
    for d in descriptors:
        assert d["helpUri"].endswith(f"/blob/main/docs/rules/{d['id']}.md")
        assert (REPO / "docs" / "rules" / f"{d['id']}.md").is_file()


@needs_schema
def test_suppressed_findings_carry_in_source_suppressions(tmp_path):
    f = findings_for(tmp_path)[0]
    log = log_for([f, Finding(**{**f.__dict__, "suppressed": "made by the caller"})], tmp_path)
    assert_valid(log)
    kinds = [r.get("suppressions") for r in log["runs"][0]["results"]]
    assert [{"kind": "inSource", "justification": "made by the caller"}] in kinds
    assert None in kinds


def test_output_is_deterministic(tmp_path):
    findings = findings_for(tmp_path)
    first = render("sarif", findings, rules=RULES, root=str(tmp_path))
    shuffled = findings[:]
    random.Random(3).shuffle(shuffled)
    assert render("sarif", shuffled, rules=RULES, root=str(tmp_path)) == first


def test_no_root_uri_makes_logs_identical_across_folders(tmp_path):
    one, two = tmp_path / "one", tmp_path / "two"
    a = render("sarif", findings_for(one), rules=RULES, root=str(one), sarif_root_uri=False)
    b = render("sarif", findings_for(two), rules=RULES, root=str(two), sarif_root_uri=False)
    assert a == b
    assert str(tmp_path) not in a
    base = json.loads(a)["runs"][0]["originalUriBaseIds"]["%SRCROOT%"]
    assert "uri" not in base and base["description"]["text"]
    with_uri = render("sarif", findings_for(one), rules=RULES, root=str(one))
    assert one.resolve().as_uri() + "/" in with_uri


@needs_schema
def test_uris_are_percent_encoded_and_outside_files_absolute(tmp_path):
    root = tmp_path / "repo"
    inside = findings_for(root, "my dir/ä.go")[0]
    outside = findings_for(tmp_path, "elsewhere/b.go")[0]
    log = log_for([inside, outside], root)
    assert_valid(log)
    arts = [r["locations"][0]["physicalLocation"]["artifactLocation"] for r in log["runs"][0]["results"]]
    assert {"uri": "my%20dir/%C3%A4.go", "uriBaseId": "%SRCROOT%"} in arts
    assert {"uri": (tmp_path / "elsewhere/b.go").resolve().as_uri()} in arts


def test_full_description_is_at_most_1024_characters(tmp_path):
    long = fake_rule("GG103", "long-one", what="word " * 400)
    (descriptor,) = log_for([], tmp_path, rules=(long,))["runs"][0]["tool"]["driver"]["rules"]
    text = descriptor["fullDescription"]["text"]
    assert 900 < len(text) <= 1024
    assert text.startswith("word word")


@needs_schema
def test_unregistered_rule_and_unreadable_file_still_give_a_valid_log(tmp_path):
    f = Finding("GG999", "from-a-plugin", "warning", "gone.go", 3, 5, 3, 9, "something",
                abspath=str(tmp_path / "gone.go"))
    log = log_for([f], tmp_path)
    assert_valid(log)
    run_ = log["runs"][0]
    (r,) = run_["results"]
    assert run_["tool"]["driver"]["rules"][r["ruleIndex"]]["id"] == "GG999"
    # the file cannot be read: byte columns stand, and GitHub computes the hash itself
    assert r["locations"][0]["physicalLocation"]["region"]["startColumn"] == 5
    assert "partialFingerprints" not in r


def test_warnings_become_tool_notifications(tmp_path):
    log = log_for([], tmp_path, warnings=["a.go: syntax errors"])
    (inv,) = log["runs"][0]["invocations"]
    assert inv["executionSuccessful"] is True
    assert inv["toolExecutionNotifications"] == [{"message": {"text": "a.go: syntax errors"}, "level": "warning"}]


def test_github_limits_are_warned_about(tmp_path, monkeypatch):
    findings = findings_for(tmp_path)
    said: list[str] = []
    render("sarif", findings, rules=RULES, root=str(tmp_path), warn=said.append)
    assert said == []
    monkeypatch.setattr(sarif, "MAX_RESULTS_PER_RUN", 2)
    monkeypatch.setattr(sarif, "MAX_GZIPPED_BYTES", 100)
    render("sarif", findings, rules=RULES, root=str(tmp_path), warn=said.append)
    assert len(said) == 2
    assert "3 results" in said[0] and "at most 2" in said[0]
    assert "gzipped" in said[1]


def test_serialiser_writes_required_and_explicit_values_only():
    import sarif_om as om

    assert sarif.to_json(om.Region(start_line=1)) == {"startLine": 1}  # byteOffset -1 left out
    assert sarif.to_json(om.ReportingConfiguration(level="warning")) == {"level": "warning"}
    assert sarif.to_json(om.MultiformatMessageString(text="")) == {"text": ""}
    assert sarif.to_json(om.Run(tool=om.Tool(driver=om.ToolComponent(name="x")), results=[])) == {
        "tool": {"driver": {"name": "x"}}, "results": []}


@pytest.mark.skipif(shutil.which("git") is None, reason="git is not installed")
def test_root_is_the_git_top_level(tmp_path, monkeypatch):
    repo = tmp_path / "repo"
    (repo / "sub").mkdir(parents=True)
    subprocess.run(["git", "init", "-q", str(repo)], check=True)
    monkeypatch.chdir(repo / "sub")
    assert sarif.Sources().root == str(repo.resolve())
    plain = tmp_path / "plain"
    plain.mkdir()
    monkeypatch.chdir(plain)
    monkeypatch.setenv("GIT_CEILING_DIRECTORIES", str(tmp_path))
    assert sarif.Sources().root == str(plain.resolve())


# --- the console script on a tree (needs the nil rules) ---------------------------

needs_nil_rules = pytest.mark.skipif(
    get_rule("GG101") is None or get_rule("GG102") is None, reason="rules GG101/GG102 are not registered")

TREE = {
    "go.mod": "module example.com/t\n\ngo 1.22\n",
    "pkg/a.go": SOURCE,
    "clean/c.go": 'package clean\n\nfunc ok() { m := map[string]int{}; m["a"] = 1 }\n',
    # for the unsafe rules (GG301+), 32 bytes read over a 16-byte array
    "unsafe/u.go": 'package u\n\nimport "unsafe"\n\nfunc words(buf *[16]byte) []uint64 {\n'
                   '\treturn unsafe.Slice((*uint64)(unsafe.Pointer(&buf[0])), 4)\n}\n',
}


@needs_schema
@needs_nil_rules
def test_console_script_sarif_for_a_tree_with_findings(tmp_path):
    write_tree(tmp_path, TREE)
    p = run("check", "-j", "1", "./...", "--format", "sarif", "--output", "out.sarif", cwd=tmp_path)
    assert p.returncode == 1, p.stderr
    assert p.stdout == b""
    log = json.loads((tmp_path / "out.sarif").read_text())
    assert_valid(log)
    run_ = log["runs"][0]
    descriptors = run_["tool"]["driver"]["rules"]
    assert [r["id"] for r in descriptors] == [r.code for r in all_rules()]
    for d, rule in zip(descriptors, all_rules()):
        # security-severity only on the memory-safety rules that declare one
        assert d["properties"].get("security-severity") == rule.meta.security_severity
        assert d["properties"]["problem.severity"] in ("error", "warning", "recommendation")
    by_rule = {r["ruleId"]: r for r in run_["results"]}
    assert {"GG101", "GG102"} <= set(by_rule)
    gg101 = by_rule["GG101"]
    region = gg101["locations"][0]["physicalLocation"]["region"]
    line, col = locate(SOURCE, "m[s]")
    assert (region["startLine"], region["startColumn"]) == (line, col - 3)  # UTF-16, not bytes
    assert gg101["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] == "pkg/a.go"
    steps = gg101["codeFlows"][0]["threadFlows"][0]["locations"]
    lines = [s["location"]["physicalLocation"]["region"]["startLine"] for s in steps]
    # declaration, the branch that skips the make, the write
    assert lines[0] == locate(SOURCE, "var m")[0]
    assert locate(SOURCE, "if ok")[0] in lines
    assert lines[-1] == line
    assert gg101["relatedLocations"][0]["physicalLocation"]["region"]["startLine"] == lines[0]
    assert all(s["location"]["message"]["text"] for s in steps)


@needs_schema
@needs_nil_rules
def test_console_script_writes_suppressed_findings_only_when_shown(tmp_path):
    source = 'package p\n\nfunc f() {\n\tvar m map[string]int\n\tm["a"] = 1 //goguard:ignore GG101 the caller makes it\n}\n'
    write_tree(tmp_path, {"go.mod": TREE["go.mod"], "a.go": source})
    p = run("check", "-j", "1", "--format", "sarif", "--show-suppressed", cwd=tmp_path)
    assert p.returncode == 0, p.stderr  # a suppressed finding does not fail the run
    log = json.loads(p.stdout)
    assert_valid(log)
    (r,) = log["runs"][0]["results"]
    assert r["suppressions"] == [{"kind": "inSource", "justification": "the caller makes it"}]
    assert json.loads(run("check", "-j", "1", "--format", "sarif", cwd=tmp_path).stdout)["runs"][0]["results"] == []


@needs_schema
def test_console_script_sarif_for_a_clean_tree(tmp_path):
    write_tree(tmp_path, {"go.mod": TREE["go.mod"], "clean/c.go": TREE["clean/c.go"]})
    p = run("check", "-j", "1", "./...", "--format", "sarif", "--sarif-no-root-uri", cwd=tmp_path)
    assert p.returncode == 0, p.stderr
    log = json.loads(p.stdout)
    assert_valid(log)
    assert log["runs"][0]["results"] == []
    assert "file://" not in p.stdout.decode()


# --- Microsoft's SARIF Multitool, with GitHub's ingestion rules ---------------------

def multitool() -> tuple[str, str] | None:
    """(npx, folder to run it from) when `npx sarif-multitool` works without installing:
    in SARIF_MULTITOOL_DIR (a folder where `npm install @microsoft/sarif-multitool` ran),
    else wherever npx finds it from this folder."""
    npx = shutil.which("npx")
    if npx is None:
        return None
    where = os.environ.get("SARIF_MULTITOOL_DIR") or os.getcwd()
    try:
        probe = subprocess.run([npx, "--no-install", "sarif-multitool", "--version"], cwd=where,
                               capture_output=True, timeout=120, stdin=subprocess.DEVNULL)
    except (OSError, subprocess.SubprocessError):
        return None
    return (npx, where) if probe.returncode == 0 else None


@needs_schema
def test_sarif_multitool_finds_no_error(tmp_path):
    found = multitool()
    if found is None:
        pytest.skip("npx or @microsoft/sarif-multitool is not available "
                    "(npm install @microsoft/sarif-multitool; set SARIF_MULTITOOL_DIR to that folder)")
    npx, where = found

    def errors(log: str) -> list[str]:
        path = tmp_path / f"{len(list(tmp_path.glob('*.sarif')))}.sarif"
        path.write_text(log)
        report = path.with_suffix(".report")
        # --rule-kind Sarif Ghas: without it the GitHub rules (GH1001-GH1006) do not run.
        p = subprocess.run(
            [npx, "--no-install", "sarif-multitool", "validate", str(path),
             "--config", str(REPO / "docs" / "sarif-multitool.config.xml"), "--rule-kind", "Sarif", "Ghas",
             "-o", str(report)],
            cwd=where, capture_output=True, text=True, timeout=300, stdin=subprocess.DEVNULL)
        assert report.exists(), p.stdout + p.stderr
        out = json.loads(report.read_text(encoding="utf-8-sig"))
        return [f"{r['ruleId']}: {r['message']}" for r in out["runs"][0].get("results", [])
                if r.get("level", "warning") == "error"]

    tree = tmp_path / "tree"
    findings = render("sarif", findings_for(tree), rules=RULES, root=str(tree))
    assert errors(findings) == []
    assert errors(render("sarif", [], rules=RULES, root=str(tree), sarif_root_uri=False)) == []
    # The GitHub rules are really on: an absolute URI and a region without a start
    # line are errors.
    broken = json.loads(findings)
    location = broken["runs"][0]["results"][0]["locations"][0]["physicalLocation"]
    location["artifactLocation"] = {"uri": "file:///elsewhere/a.go"}
    del location["region"]["startLine"]
    found_ids = {e.split(":")[0] for e in errors(json.dumps(broken))}
    assert {"GH1003", "GH1006"} <= found_ids


# --- docs/github-code-scanning.md ----------------------------------------------------

def doc_workflows() -> list[dict]:
    yaml = pytest.importorskip("yaml")
    blocks = re.findall(r"^```yaml\n(.*?)^```", DOCS.read_text(), re.S | re.M)
    return [yaml.safe_load(b) for b in blocks]


def steps_of(workflow: dict) -> list[dict]:
    (job,) = workflow["jobs"].values()
    return job["steps"]


def goguard_command(workflow: dict) -> list[str]:
    (line,) = [s["run"] for s in steps_of(workflow) if str(s.get("run", "")).startswith("goguard ")]
    return shlex.split(line)


def option(argv: list[str], name: str) -> str:
    return argv[argv.index(name) + 1]


DOC_TREE = {"go.mod": TREE["go.mod"], "pkg/a.go": SOURCE}


def action_step(workflow: dict) -> dict:
    (step,) = [s for s in steps_of(workflow) if str(s.get("uses", "")).startswith("goguard/goguard@")]
    return step


@needs_schema
def test_docs_action_workflows_are_complete_and_run(tmp_path):
    """Each workflow of the guide that uses the action, run as a runner runs it."""
    from test_action import run_action

    upload, pip_install, annotate = doc_workflows()
    assert set(upload.get("on", upload.get(True))) >= {"push", "pull_request"}  # YAML 1.1 reads `on` as true
    (job,) = upload["jobs"].values()
    assert job["permissions"]["security-events"] == "write"
    assert any(str(s.get("uses", "")).startswith("actions/checkout@") for s in job["steps"])
    step = action_step(upload)
    assert step["with"]["format"] == "sarif" and step["with"]["upload-sarif"] == "true"
    ws = write_tree(tmp_path / "ws", DOC_TREE)
    results, outputs, summary, _ = run_action(tmp_path, ws, **{k.replace("-", "_"): v for k, v in step["with"].items()})
    log = json.loads(Path(outputs["sarif-file"]).read_text())
    assert_valid(log)
    assert results["Fail on findings"].returncode == 0  # fail-on-findings: "false"
    if get_rule("GG101") is not None:
        assert log["runs"][0]["results"] and outputs["findings"] != "0"

    step = action_step(annotate)
    results, outputs, _, _ = run_action(tmp_path, ws, **{k.replace("-", "_"): v for k, v in step.get("with", {}).items()})
    out = results["Run goguard"].stdout.splitlines()
    assert all(re.match(r"::(error|warning|notice) file=pkg/a\.go,line=\d+,", o) for o in out if o.startswith("::"))
    assert results["Fail on findings"].returncode == (1 if outputs["findings"] != "0" else 0)


@needs_schema
def test_docs_pip_workflow_installs_from_the_repository_and_its_command_runs(tmp_path):
    _, workflow, _ = doc_workflows()
    steps = steps_of(workflow)
    (install,) = [s["run"] for s in steps if "pip install" in str(s.get("run", ""))]
    assert "git+https://github.com/goguard/goguard@" in install and not re.search(r"pip install goguard\b", install)
    (upload_step,) = [s for s in steps if s.get("uses", "").startswith("github/codeql-action/upload-sarif@")]
    argv = goguard_command(workflow)
    assert argv[:2] == ["goguard", "check"]
    assert option(argv, "--format") == "sarif" and "--exit-zero" in argv
    assert option(argv, "--output") == upload_step["with"]["sarif_file"]
    write_tree(tmp_path, DOC_TREE)
    p = run(*argv[1:], cwd=tmp_path)
    assert p.returncode == 0, p.stderr  # --exit-zero, whatever is found
    assert_valid(json.loads((tmp_path / option(argv, "--output")).read_text()))


def test_console_script_is_what_the_docs_call():
    assert Path(script()).name.startswith("goguard")


@needs_schema
def test_file_names_that_are_not_utf8_keep_their_bytes(tmp_path):
    """A file name with a byte that is not UTF-8 still gives a valid log: the byte is
    percent-encoded as it is, inside and outside the repository root."""
    root = tmp_path / "repo"
    (root / "pkg").mkdir(parents=True)
    name = os.fsdecode(b"pkg/bad\xff.go")
    (root / name).write_text(SOURCE)
    elsewhere = tmp_path / os.fsdecode(b"out\xfe")
    elsewhere.mkdir()
    (elsewhere / "b.go").write_text(SOURCE)
    result = run("check", "--format", "sarif", "-j", "1", "./...", str(elsewhere), cwd=root)
    assert result.returncode == 1, result.stderr
    log = json.loads(result.stdout)
    assert_valid(log)
    uris = {r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] for r in log["runs"][0]["results"]}
    assert "pkg/bad%FF.go" in uris
    assert any(u.startswith("file://") and u.endswith("/out%FE/b.go") for u in uris)


def test_the_multitool_configuration_the_page_names_is_in_the_repository():
    import xml.etree.ElementTree as ET

    text = DOCS.read_text()
    (name,) = set(re.findall(r"--config (\S+)", text))
    config = REPO / "docs" / name
    assert config.is_file() and f"]({name})" in text
    rules = {p.get("Key").split(".")[0]: p.find("Property").get("Value") for p in ET.parse(config).getroot()}
    assert all(rules[f"GH100{i}"] == "Error" for i in range(1, 7))
    assert "--rule-kind Sarif Ghas" in text
