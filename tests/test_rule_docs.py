"""Rule pages: docs/rules/ is generated from the registry and current; every rule is
listed; each page's Example is flagged by its rule and its "Use instead" is clean
(run through the console script), and both are real Go (built with a real `go`).

Convention (docs/writing-rules.md): a ```go block without a package clause is the body
of `package example`; the test adds the clause.
"""

from __future__ import annotations

import dataclasses

import json
import re
from pathlib import Path

import pytest

from cli_support import invoke, lines, run
from goguard.cli import docs
from goguard.rules import all_rules

REPO = Path(__file__).resolve().parents[1]
PAGES = REPO / "docs" / "rules"
RULES = all_rules()
CODES = [r.code for r in RULES]
SECTIONS = {"Example": "example", "Use instead": "use_instead"}


def test_generated_pages_are_current():
    assert docs.stale(str(PAGES)) == [], "run: goguard docs --output docs/rules"
    r = run("docs", "--check", "--output", "docs/rules", cwd=REPO)
    assert (r.returncode, r.stderr) == (0, b"")


def test_staleness_check_catches_every_kind_of_drift(tmp_path):
    d = tmp_path / "rules"
    assert {Path(p).name for p in docs.write(str(d))} == {f"{c}.md" for c in CODES} | {"README.md"}
    assert docs.stale(str(d)) == [] and docs.write(str(d)) == []
    (d / "GG101.md").write_text((d / "GG101.md").read_text().replace("nil", "nul"))
    (d / "GG000.md").unlink()
    (d / "GG999.md").write_text(docs.MARKER + "# a rule that no longer exists\n")
    (d / "notes.md").write_text("not generated, left alone\n")
    assert docs.stale(str(d)) == [f"{d}/GG000.md: missing", f"{d}/GG101.md: stale", f"{d}/GG999.md: no such rule"]
    r = invoke("docs", "--check", "--output", str(d))
    assert r.exit_code == 1 and len(lines(r.stderr)) == 3 and "GG101.md: stale" in r.stderr
    r = invoke("docs", "--output", str(d))
    assert r.exit_code == 0 and sorted(lines(r.stdout)) == sorted(
        f"wrote {d}/{n}" for n in ("GG000.md", "GG101.md", "GG999.md"))
    assert docs.stale(str(d)) == [] and (d / "notes.md").exists() and not (d / "GG999.md").exists()


def test_docs_never_overwrites_a_file_it_did_not_write(tmp_path):
    """`goguard docs` writes only into the folder --output names, and a file there that
    it did not generate (a user's own notes called GG101.md) stops it before it writes."""
    d = tmp_path / "rules"
    d.mkdir()
    (d / "GG101.md").write_text("my notes\n")
    (tmp_path / "GG102.md").write_text("also mine\n")
    r = run("docs", "--output", "rules", cwd=tmp_path)
    assert r.returncode == 2 and b"GG101.md exists and was not written by goguard docs" in r.stderr
    assert (d / "GG101.md").read_text() == "my notes\n" and sorted(p.name for p in d.iterdir()) == ["GG101.md"]
    r = run("docs", cwd=tmp_path)
    assert r.returncode == 2 and b"--output" in r.stderr
    r = run("docs", "GG101", cwd=tmp_path)
    assert r.returncode == 2 and b"run 'goguard rule GG101'" in r.stderr
    assert sorted(p.name for p in tmp_path.iterdir()) == ["GG102.md", "rules"]
    assert (tmp_path / "GG102.md").read_text() == "also mine\n"
    (d / "GG101.md").unlink()
    r = run("docs", "--output", "rules", cwd=tmp_path)
    assert r.returncode == 0 and (d / "GG101.md").read_text().startswith(docs.MARKER)


@pytest.mark.parametrize("code", CODES)
def test_page_matches_rule_command_and_is_listed(code):
    rule = next(r for r in RULES if r.code == code)
    assert (PAGES / f"{code}.md").read_text() == docs.MARKER + rule.page()
    r = invoke("rule", code)
    assert (r.exit_code, r.stdout) == (0, rule.page())
    assert f"[{code}]({code}.md)" in (PAGES / "README.md").read_text()


def test_rules_command_lists_every_rule_including_gg000():
    r = invoke("rules", "--format", "json")
    listed = json.loads(r.stdout)
    assert [x["code"] for x in listed] == CODES and "GG000" in CODES
    assert next(x for x in listed if x["code"] == "GG000") == {
        "code": "GG000", "name": "stale-directive", "severity": "warning",
        "title": "Suppression directive that is malformed or matches no finding", "default_enabled": True}
    assert [x["code"] for x in listed if not x["default_enabled"]] == ["GG202"]
    r = invoke("rules")
    assert [x.split()[0] for x in lines(r.stdout)] == CODES
    off = [x.split()[0] for x in lines(r.stdout) if "(off by default" in x]
    assert off == ["GG202"]


def example_source(block: str) -> str:
    """A page's go block as a file: `package example` added when it has no clause."""
    if re.search(r"^package\s+\w+", block, re.M):
        return block
    return "package example\n\n" + block


@pytest.fixture(scope="module")
def examples(tmp_path_factory) -> tuple[Path, dict[str, list[dict]]]:
    """Every page's two blocks, one package each, checked by one run of the console
    script: folder -> its findings."""
    root = tmp_path_factory.mktemp("examples")
    (root / "go.mod").write_text("module goguard.examples\n\ngo 1.22\n")
    for rule in RULES:
        for section, suffix in SECTIONS.items():
            folder = root / f"{rule.code.lower()}_{suffix}"
            folder.mkdir()
            (folder / "example.go").write_text(example_source(rule.example(section)))
    every = ",".join(r.code for r in RULES)  # the opt-in rules too
    r = run("check", "--format", "json", "--select", every, "./...", cwd=root)
    assert r.returncode in (0, 1) and r.stderr == b"", r.stderr
    found: dict[str, list[dict]] = {}
    for f in json.loads(r.stdout):
        found.setdefault(f["path"].split("/")[0], []).append(f)
    return root, found


@pytest.mark.parametrize("code", CODES)
def test_example_is_flagged_by_its_rule(examples, code):
    _, found = examples
    codes = {f["code"] for f in found.get(f"{code.lower()}_example", [])}
    assert code in codes, f"the Example of {code} is not flagged by {code} (found: {sorted(codes)})"


@pytest.mark.parametrize("code", CODES)
def test_use_instead_is_clean(examples, code):
    _, found = examples
    assert found.get(f"{code.lower()}_use_instead", []) == [], f"the 'Use instead' of {code} is not clean"


def test_examples_are_real_go(examples):
    from fixtures import find_go

    go, why = find_go()
    if go is None:
        pytest.skip(why)
    root, _ = examples
    r = go.run("build", "./...", cwd=root)
    assert r.returncode == 0, r.stderr


def test_example_source_adds_a_package_clause_only_when_missing():
    assert example_source("func f() {}\n") == "package example\n\nfunc f() {}\n"
    assert example_source("// doc\npackage p\n\nfunc f() {}\n").startswith("// doc\npackage p\n")


def test_readme_rule_table_lists_every_registered_rule():
    """The README's table agrees with the registry: code, name, severity and title."""
    import re
    from pathlib import Path

    from goguard.rules import all_rules

    readme = (Path(__file__).resolve().parent.parent / "README.md").read_text()
    rows = re.findall(r"^\| \[(GG\d{3})\]\(docs/rules/\1\.md\) \| ([a-z-]+) \| (\w+) \| (.+) \|$", readme, re.M)
    assert rows == [(r.code, r.name, r.severity, r.title) for r in all_rules()]


def test_every_page_states_measured_precision_and_a_rule_without_it_is_refused():
    from goguard.rules.base import CORPUS, Rule, RuleError, validate

    for rule in all_rules():
        first = rule.page().split("\n\n")[2]
        assert first.startswith("Precision, as measured: "), rule.code
        assert rule.code == "GG000" or "10.19 MLOC" in first, rule.code
    good = next(r for r in all_rules() if r.code == "GG101")
    unmeasured = Rule(dataclasses.replace(good.meta, measured=""), good.check, good.doc)
    with pytest.raises(RuleError, match="measured"):
        validate(unmeasured)
    assert "standard library" in CORPUS
