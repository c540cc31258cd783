"""Rules that are off by default (GG202): only naming them turns them on, on the
command line or in the configuration, and `goguard rules` says which are off."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from cli_support import lines, run, write_tree

from goguard import rules

# A stored address that GG202 notes and nothing else reports: each entry has its own line.
STORES = """package p

func index(lines []string) map[string]*string {
	out := map[string]*string{}
	for _, l := range lines {
		line := l
		out[l] = &line
	}
	return out
}
"""


@pytest.fixture
def project(tmp_path: Path) -> Path:
    return write_tree(tmp_path, {"go.mod": "module example.com/p\n\ngo 1.22\n", "p.go": STORES})


def codes(proc) -> list[str]:
    return [f["code"] for f in json.loads(proc.stdout)]


def test_off_unless_named(project: Path) -> None:
    assert codes(run("check", "--format", "json", "./...", cwd=project)) == []
    for sel in ("GG202", "address-escapes", "GG101,GG202"):
        proc = run("check", "--format", "json", "--select", sel, "./...", cwd=project)
        assert proc.returncode == 1 and codes(proc) == ["GG202"], sel


def test_a_prefix_does_not_turn_it_on(project: Path) -> None:
    for sel in ("ALL", "GG2", "GG20"):  # GG2 and GG20 select GG201, not the opt-in GG202
        proc = run("check", "--format", "json", "--select", sel, "./...", cwd=project)
        assert proc.returncode == 0 and codes(proc) == [], sel
    assert [r.code for r in rules.resolve_selector("GG20")] == ["GG201"]
    assert [r.code for r in rules.resolve_selector("GG20", include_off=True)] == ["GG201", "GG202"]


def test_a_prefix_of_only_opt_in_rules_is_an_error(monkeypatch) -> None:
    """With a prefix that matches opt-in rules only, the message names them (the
    registry here holds GG202 alone under GG2, as it did before GG201)."""
    only = tuple(r for r in rules.all_rules() if r.code != "GG201")
    monkeypatch.setattr(rules, "_load", lambda: only)
    assert rules.resolve_selector("GG2") == []
    assert rules.unknown_selector("GG2") == \
        "'GG2' matches only rules that are off by default; select them by code or name: GG202"
    assert rules.unknown_selector("GG9") == "unknown rule code, name or prefix 'GG9'"


def test_configuration_select_and_ignore(project: Path) -> None:
    (project / "goguard.toml").write_text('select = ["GG1", "address-escapes"]\n')
    assert codes(run("check", "--format", "json", "./...", cwd=project)) == ["GG202"]
    # ignore takes prefixes as they are: GG2 covers the opt-in GG202 too.
    proc = run("check", "--format", "json", "--ignore", "GG2", "./...", cwd=project)
    assert proc.returncode == 0 and codes(proc) == []
    (project / "goguard.toml").write_text('select = ["GG2"]\n')
    proc = run("check", "--format", "json", "./...", cwd=project)
    assert proc.returncode == 0 and codes(proc) == []


def test_rules_lists_which_are_off(project: Path) -> None:
    out = lines(run("rules", cwd=project).stdout)
    off = [x.split()[0] for x in out if x.endswith("(off by default: select it by code or name)")]
    assert off == ["GG202"]
    listed = json.loads(run("rules", "--format", "json", cwd=project).stdout)
    assert {x["code"]: x["default_enabled"] for x in listed}["GG202"] is False
    assert all(x["default_enabled"] for x in listed if x["code"] != "GG202")
