"""Baselines: --write-baseline records today's findings, --baseline reports only new
ones; unrelated edits (moved lines, another folder) do not break the baseline."""

from __future__ import annotations

import json

import pytest

from cli_support import check_lines as check
from cli_support import lines, locate, project_dir, run

A = ('package p\n\nfunc f() {\n\tvar m map[string]int\n\tm["a"] = 1\n}\n\n'
     'func g() {\n\tvar m map[string]int\n\tm["a"] = 1\n}\n')
B = "package q\n\nfunc h(p *[]byte) {\n\tp = nil\n\t_ = len(*p)\n}\n"


@pytest.fixture
def project(tmp_path, monkeypatch):
    return project_dir(tmp_path, {"a.go": A, "q/b.go": B}, monkeypatch)


def test_write_then_read(project):
    assert check()[0] == 1
    assert check("--write-baseline", "base.json") == (0, [], ["goguard: wrote 3 findings to base.json"])
    doc = json.loads((project / "base.json").read_text())
    assert doc["tool"] == "goguard" and doc["version"] == 1
    assert [(e["code"], e["path"], e["line"]) for e in doc["findings"]] == [
        ("GG101", "a.go", 5), ("GG101", "a.go", 10), ("GG102", "q/b.go", 5)]
    # Identical lines share a fingerprint; counts keep them apart.
    assert doc["findings"][0]["fingerprint"] == doc["findings"][1]["fingerprint"]
    assert check("--baseline", "base.json") == (0, [], [])


def test_unrelated_edits_keep_the_baseline_and_new_findings_are_reported(project):
    check("--write-baseline", "base.json")
    # Lines move and indentation changes: still known.
    moved = "package p\n\n// a new comment\n// pushes everything down\n\n" + A.split("\n", 2)[2].replace("\t", "    ")
    new = moved + '\nfunc k() {\n\tvar n map[int]int\n\tn[1] = 2\n}\n'
    (project / "a.go").write_text(new)
    code, out, _ = check("--baseline", "base.json")
    assert (code, out) == (1, [f'a.go:{locate(new, "n[1]")[0]}:2: assignment to entry in nil map "n" (GG101) [*]'])
    # A third copy of a known line: two are known, the third is new.
    (project / "a.go").write_text(A + '\nfunc k() {\n\tvar m map[string]int\n\tm["a"] = 1\n}\n')
    assert check("--baseline", "base.json")[1] == ['a.go:15:2: assignment to entry in nil map "m" (GG101) [*]']
    # Editing a flagged line makes its finding new again.
    (project / "a.go").write_text(A.replace('m["a"] = 1\n}\n\nfunc g', 'm["b"] = 1\n}\n\nfunc g'))
    assert check("--baseline", "base.json")[1] == ['a.go:5:2: assignment to entry in nil map "m" (GG101) [*]']


def test_paths_are_relative_to_the_baseline_file(project, monkeypatch):
    (project / "ci").mkdir()
    check("--write-baseline", "ci/base.json")
    doc = json.loads((project / "ci" / "base.json").read_text())
    assert {e["path"] for e in doc["findings"]} == {"../a.go", "../q/b.go"}
    monkeypatch.chdir(project / "q")
    assert check("--baseline", "../ci/base.json") == (0, [], [])
    assert check("--baseline", "../ci/base.json", "..") == (0, [], [])


def test_baseline_respects_selection_and_suppression(project):
    check("--write-baseline", "base.json", "--select", "GG101")
    assert check("--baseline", "base.json")[1] == ['q/b.go:5:10: dereference of nil pointer "p" (GG102)']
    # Suppressed findings are not written.
    (project / "q" / "b.go").write_text(B.replace("len(*p)", "len(*p) //goguard:ignore GG102 demo"))
    check("--write-baseline", "all.json")
    assert [e["code"] for e in json.loads((project / "all.json").read_text())["findings"]] == ["GG101", "GG101"]


@pytest.mark.parametrize("content, message", [
    (None, "missing.json: cannot read baseline: No such file or directory"),
    ("{not json", "missing.json: not a goguard baseline (invalid JSON: "),
    ('{"version": 1}', 'missing.json: not a goguard baseline (no "findings" list)'),
    ('{"version": 9, "findings": []}', "missing.json: unsupported baseline version 9 (expected 1)"),
    ('{"version": 1, "findings": [{"code": "GG101"}]}',
     'missing.json: entry 1 needs string "code", "path" and "fingerprint"'),
])
def test_bad_baseline_is_a_usage_error(project, content, message):
    if content is not None:
        (project / "missing.json").write_text(content)
    code, out, err = check("--baseline", "missing.json")
    assert (code, out) == (2, []) and len(err) == 1 and err[0].startswith("goguard: error: " + message)


def test_unwritable_baseline_is_a_usage_error(project):
    code, out, err = check("--write-baseline", "no/such/dir/base.json")
    assert (code, out) == (2, [])
    assert err == ["goguard: error: no/such/dir/base.json: cannot write baseline: No such file or directory"]


def test_console_script(project):
    r = run("check", "--write-baseline", "base.json", cwd=project)
    assert (r.returncode, r.stdout, lines(r.stderr)) == (0, b"", ["goguard: wrote 3 findings to base.json"])
    r = run("check", "--baseline", "base.json", "--format", "json", cwd=project)
    assert (r.returncode, json.loads(r.stdout), r.stderr) == (0, [], b"")
