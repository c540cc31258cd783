"""The GitHub workflow-command format, the 0/1/2 exit codes with and without
--exit-zero in every format, and text, JSON, SARIF and GitHub output carrying the
same findings for one tree."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from cli_support import run, write_tree
from goguard.findings import Finding, FlowStep
from goguard.output import names, render
from goguard.output.github import escape_data, escape_property
from goguard.rules import get_rule
from test_sarif import RULES, SOURCE, TREE, findings_for

FORMATS = ("text", "json", "sarif", "github")
COMMAND = re.compile(r"^::(error|warning|notice) (.*?)::(.*)$")


def parse_command(line: str) -> tuple[str, dict[str, str], str]:
    m = COMMAND.match(line)
    assert m, line
    props = dict(p.split("=", 1) for p in m.group(2).split(","))
    return m.group(1), props, m.group(3)


def unescape(s: str) -> str:
    for code, ch in (("%2C", ","), ("%3A", ":"), ("%0A", "\n"), ("%0D", "\r"), ("%25", "%")):
        s = s.replace(code, ch)
    return s


def test_all_formats_are_registered():
    assert set(FORMATS) <= set(names())


def test_escaping_follows_the_actions_toolkit():
    assert escape_data("100% sure\r\nnext: a, b") == "100%25 sure%0D%0Anext: a, b"
    assert escape_property("dir,x/a:b.go%\n") == "dir%2Cx/a%3Ab.go%25%0A"


def test_github_commands(tmp_path):
    findings = findings_for(tmp_path)
    out = render("github", findings, root=str(tmp_path)).splitlines()
    assert len(out) == 3
    parsed = [parse_command(o) for o in out]
    assert [p[0] for p in parsed] == ["error", "notice", "warning"]  # error, note, warning; by position
    level, props, message = parsed[0]
    assert list(props) == ["file", "line", "col", "endLine", "endColumn", "title"]
    # UTF-16 columns, as in SARIF: the write is at byte 17, unit 14.
    assert props == {"file": "pkg/a.go", "line": "8", "col": "14", "endLine": "8", "endColumn": "18",
                     "title": "GG101 nil-map-write"}
    assert unescape(message).splitlines() == [
        'assignment to entry in possibly nil map "m"',
        "line 4: declared nil here", "line 5: no make on this branch", "line 8: written here",
    ]
    assert "\n" not in "".join(out)


def test_github_multiline_span_has_no_columns_and_suppressed_is_left_out(tmp_path):
    write_tree(tmp_path, {"a.go": SOURCE})
    base = dict(path="a.go", line=3, column=1, end_line=9, end_column=2, abspath=str(tmp_path / "a.go"))
    spanning = Finding("GG101", "nil-map-write", "error", message="x, y: 100%", **base)
    hidden = Finding("GG102", "nil-slice-pointer-deref", "error", message="hidden", suppressed="reviewed", **base)
    (line,) = render("github", [spanning, hidden], root=str(tmp_path)).splitlines()
    _, props, message = parse_command(line)
    assert props == {"file": "a.go", "line": "3", "endLine": "9", "title": "GG101 nil-map-write"}
    assert message == "x, y: 100%25"


def test_github_flow_in_another_file_names_the_file(tmp_path):
    write_tree(tmp_path, {"a.go": SOURCE, "sub/b.go": SOURCE})
    f = Finding("GG101", "nil-map-write", "error", "a.go", 8, 17, 8, 21, "msg",
                flow=(FlowStep(str(Path("sub/b.go")), 4, 6, "declared nil here"),),
                abspath=str(tmp_path / "a.go"))
    (line,) = render("github", [f], root=str(tmp_path)).splitlines()
    assert unescape(parse_command(line)[2]).splitlines()[1].endswith(": declared nil here")


def findings_of(fmt: str, out: str) -> set[tuple]:
    """(path, line, column, code, message) of each finding an output shows."""
    if fmt == "text":
        return {(m[1], int(m[2]), int(m[3]), m[5], m[4])
                for m in (re.match(r"^(.*?):(\d+):(\d+): (.*) \((GG\d+)\)$", o) for o in out.splitlines())}
    if fmt == "json":
        return {(f["path"], f["line"], f["column"], f["code"], f["message"]) for f in json.loads(out)}
    if fmt == "sarif":
        got = set()
        for r in json.loads(out)["runs"][0]["results"]:
            loc = r["locations"][0]["physicalLocation"]
            got.add((loc["artifactLocation"]["uri"], loc["region"]["startLine"], loc["region"]["startColumn"],
                     r["ruleId"], r["message"]["text"]))
        return got
    got = set()
    for o in out.splitlines():
        _, props, message = parse_command(o)
        got.add((props["file"], int(props["line"]), int(props["col"]), props["title"].split()[0],
                 unescape(message).splitlines()[0]))
    return got


ASCII = SOURCE.replace('"ö😀"', '"o"')  # same columns in bytes and UTF-16 units


def test_formats_carry_the_same_findings(tmp_path):
    findings = findings_for(tmp_path, source=ASCII)
    seen = {fmt: findings_of(fmt, render(fmt, findings, rules=RULES, root=str(tmp_path))) for fmt in FORMATS}
    assert len(seen["text"]) == 3
    for fmt in FORMATS:
        assert seen[fmt] == seen["text"], fmt


needs_nil_rules = pytest.mark.skipif(
    get_rule("GG101") is None or get_rule("GG102") is None, reason="rules GG101/GG102 are not registered")


@needs_nil_rules
def test_console_script_formats_agree_on_a_tree(tmp_path):
    write_tree(tmp_path, {**TREE, "pkg/a.go": ASCII, "pkg/b.go": ASCII.replace("func f(", "func f2(").replace(
        "func g(", "func g2(")})
    seen = {}
    for fmt in FORMATS:
        p = run("check", "-j", "1", "./...", "--format", fmt, cwd=tmp_path)
        assert p.returncode == 1, (fmt, p.stderr)
        seen[fmt] = findings_of(fmt, p.stdout.decode())
    codes = {f[3] for f in seen["text"]}
    assert {"GG101", "GG102"} <= codes
    assert {f[0] for f in seen["text"]} == {"pkg/a.go", "pkg/b.go"}
    for fmt in FORMATS:
        assert seen[fmt] == seen["text"], fmt


@needs_nil_rules
def test_exit_zero_in_every_format(tmp_path):
    write_tree(tmp_path, {"go.mod": TREE["go.mod"], "pkg/a.go": SOURCE})
    for fmt in FORMATS:
        p = run("check", "-j", "1", "--format", fmt, "--exit-zero", "-o", f"out.{fmt}", cwd=tmp_path)
        assert p.returncode == 0, (fmt, p.stderr)
        assert (tmp_path / f"out.{fmt}").read_text().strip(), fmt


def test_clean_tree_exits_zero_in_every_format(tmp_path):
    write_tree(tmp_path, {"go.mod": TREE["go.mod"], "clean/c.go": TREE["clean/c.go"]})
    for fmt in FORMATS:
        p = run("check", "-j", "1", "--format", fmt, cwd=tmp_path)
        assert p.returncode == 0, (fmt, p.stderr)
        if fmt in ("text", "github"):
            assert p.stdout == b"", fmt


def test_exit_zero_never_hides_a_usage_error(tmp_path):
    write_tree(tmp_path, {"go.mod": TREE["go.mod"], "pkg/a.go": SOURCE})
    bad = [
        ("--format", "xml"),
        ("--format", "sarif", "./does-not-exist/..."),
        ("--format", "sarif", "-o", str(tmp_path / "no" / "such" / "dir" / "out.sarif")),
    ]
    for args in bad:
        p = run("check", "-j", "1", "--exit-zero", *args, cwd=tmp_path)
        assert p.returncode == 2, (args, p.stderr)
        assert p.stderr.strip(), args
