"""In-source suppression directives, through `goguard check` as users run it: each
directive form, malformed and stale directives (GG000), and --show-suppressed in
text, JSON and SARIF."""

from __future__ import annotations

import json

import pytest

from cli_support import check_lines, invoke, lines, locate, project_dir, run, write_tree

# Each function writes to a nil map on the line marked HERE.
HEAD = "package p\n\n"


def fn(name: str, write_line: str, above: str = "") -> str:
    """A function whose nil-map write is `write_line` (with `m` the nil map)."""
    pre = f"\t{above}\n" if above else ""
    return f"func {name}() {{\n\tvar m map[string]int\n{pre}\t{write_line}\n}}\n\n"


@pytest.fixture
def project(tmp_path, monkeypatch):
    return project_dir(tmp_path, {}, monkeypatch)


def check(project, source: str, *args: str, name: str = "a.go"):
    write_tree(project, {name: source})
    return check_lines(*args, name)


def test_unsuppressed_write_is_reported(project):
    src = HEAD + fn("f", 'm["a"] = 1')
    assert check(project, src) == (1, ['a.go:5:2: assignment to entry in nil map "m" (GG101) [*]'], [])


@pytest.mark.parametrize("write, above", [
    ('m["a"] = 1 //goguard:ignore GG101 only called from tests', ""),
    ('m["a"] = 1 //goguard:ignore nil-map-write by name', ""),
    ('m["a"] = 1 //goguard:ignore GG1 by prefix', ""),
    ('m["a"] = 1 //goguard:ignore GG102,GG101 a list of codes', ""),
    ('m["a"] = 1 //goguard:ignore GG102, GG101 a list with a space', ""),
    ('m["a"] = 1 //goguard:ignore GG101 // a reason after slashes', ""),
    ('m["a"] = 1', "//goguard:ignore GG101 alone on the line above"),
    ('m["a"] = 1', "//goguard:ignore GG101 stacked\n\t//goguard:ignore nil-map-write above one line"),
    ('m["a"] = 1 //nolint:goguard', ""),
    ('m["a"] = 1 //nolint:goguard // golangci-lint style reason', ""),
    ('m["a"] = 1 //nolint:errcheck,goguard', ""),
    ('m["a"] = 1', "//nolint:goguard"),
])
def test_each_directive_form_suppresses(project, write, above):
    src = HEAD + fn("f", write, above)
    assert check(project, src) == (0, [], [])
    # The finding is still there, marked, for --show-suppressed.
    code, out, _ = check(project, src, "--show-suppressed")
    assert code == 0 and len(out) == 1 and out[0].endswith("]") and "(GG101) [suppressed: " in out[0]


def test_file_level_directive_suppresses_the_whole_file_for_its_codes_only(project):
    src = (HEAD + "//goguard:file-ignore GG101 legacy code, tracked in #12\n\n"
           + fn("f", 'm["a"] = 1') + fn("g", 'm["b"] = 2')
           + "func h(p *[]byte) {\n\tp = nil\n\t_ = len(*p)\n}\n")
    code, out, _ = check(project, src)
    assert code == 1 and [x.split(": ", 1)[1] for x in out] == ['dereference of nil pointer "p" (GG102)']
    code, out, _ = check(project, src, "--show-suppressed")
    assert [x for x in out if "[suppressed: legacy code, tracked in #12]" in x] == [
        'a.go:7:2: assignment to entry in nil map "m" (GG101) [suppressed: legacy code, tracked in #12]',
        'a.go:12:2: assignment to entry in nil map "m" (GG101) [suppressed: legacy code, tracked in #12]',
    ]


def test_directive_only_covers_its_own_line(project):
    # A directive on the first write says nothing about the second one.
    src = HEAD + ("func f(c bool) {\n\tvar m map[string]int\n\tif c {\n"
                  "\t\tm[\"a\"] = 1 //goguard:ignore GG101 first only\n\t} else {\n\t\tm[\"b\"] = 2\n\t}\n}\n")
    assert check(project, src) == (1, ['a.go:8:3: assignment to entry in nil map "m" (GG101) [*]'], [])
    # A blank line between a directive and the code breaks the link.
    src = HEAD + fn("f", 'm["a"] = 1', "//goguard:ignore GG101 too far\n")
    code, out, _ = check(project, src)
    assert code == 1 and out == [
        "a.go:5:2: stale goguard directive: no GG101 finding on this line (GG000)",
        'a.go:7:2: assignment to entry in nil map "m" (GG101) [*]',
    ]


@pytest.mark.parametrize("directive", [
    "//nolint", "//nolint:errcheck", "// nolint:goguard", "/* goguard:ignore GG101 a block comment */",
    "//goguard:ignore GG102 another rule",
])
def test_comments_that_do_not_suppress(project, directive):
    src = HEAD + fn("f", f'm["a"] = 1 {directive}')
    code, out, _ = check(project, src, "--select", "GG101")
    assert code == 1 and out == ['a.go:5:2: assignment to entry in nil map "m" (GG101) [*]']


@pytest.mark.parametrize("directive, problem", [
    ("//goguard:ignore GG101", "//goguard:ignore needs a reason after the rule codes, e.g. "
                                "//goguard:ignore GG101 why it is safe"),
    ("//goguard:ignore GG101 //", "//goguard:ignore needs a reason after the rule codes, e.g. "
                                   "//goguard:ignore GG101 // why it is safe"),
    ("//goguard:ignore", "//goguard:ignore needs rule codes and a reason, e.g. "
                         "//goguard:ignore GG101 why it is safe"),
    ("//goguard:ignore GG999 no such rule", "unknown rule code, name or prefix 'GG999'"),
    ("//goguard:ignore nil-map-writes misspelt", "unknown rule code, name or prefix 'nil-map-writes'"),
    ("// goguard:ignore GG101 spaced", "write //goguard:ignore without a space after //"),
    ("//goguard:ignores GG101 typo", "unknown directive //goguard:ignores; use //goguard:ignore or "
                                     "//goguard:file-ignore"),
    ("//goguard:ignore GG000 itself", "GG000 cannot be suppressed in source; turn it off in the configuration"),
])
def test_malformed_directive_is_reported_and_suppresses_nothing(project, directive, problem):
    src = HEAD + fn("f", f'm["a"] = 1 {directive}')
    col = src.splitlines()[4].index(directive) + 1
    code, out, err = check(project, src)
    assert (code, err) == (1, [])
    assert out == [
        'a.go:5:2: assignment to entry in nil map "m" (GG101) [*]',
        f"a.go:5:{col}: malformed goguard directive (suppresses nothing): {problem} (GG000)",
    ]


def test_malformed_file_level_directive(project):
    src = HEAD + "//goguard:file-ignore GG101\n\n" + fn("f", 'm["a"] = 1')
    code, out, _ = check(project, src)
    assert code == 1 and out == [
        "a.go:3:1: malformed goguard directive (suppresses nothing): //goguard:file-ignore needs a reason "
        "after the rule codes, e.g. //goguard:file-ignore GG101 why it is safe (GG000)",
        'a.go:7:2: assignment to entry in nil map "m" (GG101) [*]',
    ]


CLEAN = "func ok() {\n\tm := map[string]int{}\n\tm[\"a\"] = 1%s\n}\n"


@pytest.mark.parametrize("directive, message", [
    (" //goguard:ignore GG101 was needed once", "stale goguard directive: no GG101 finding on this line"),
    (" //goguard:ignore nil-map-write,GG102 was needed once",
     "stale goguard directive: no nil-map-write, GG102 finding on this line"),
    (" //nolint:goguard", "stale //nolint:goguard directive: no goguard finding on this line"),
])
def test_stale_directive_is_reported(project, directive, message):
    src = HEAD + CLEAN % directive
    col = src.splitlines()[4].index(directive.strip()) + 1
    assert check(project, src) == (1, [f"a.go:5:{col}: {message} (GG000)"], [])


def test_stale_file_level_directive(project):
    src = HEAD + "//goguard:file-ignore GG101 generated-like code\n\n" + CLEAN % ""
    assert check(project, src) == (
        1, ["a.go:3:1: stale goguard directive: no GG101 finding in this file (GG000)"], [])


def test_stale_is_judged_only_for_rules_that_ran(project):
    src = HEAD + CLEAN % " //goguard:ignore GG101 was needed once"
    stale = "a.go:5:13: stale goguard directive: no GG101 finding on this line (GG000)"
    assert check(project, src, "--select", "GG000,GG101")[1] == [stale]
    # GG101 did not run: the directive cannot be judged.
    assert check(project, src, "--select", "GG000,GG102") == (0, [], [])
    assert check(project, src, "--ignore", "GG101") == (0, [], [])
    # A prefix names GG101 and GG102: both must have run.
    prefix = HEAD + CLEAN % " //goguard:ignore GG1 was needed once"
    assert check(project, prefix, "--select", "GG000,GG101") == (0, [], [])
    assert check(project, prefix)[0] == 1
    # //nolint:goguard names every rule.
    nolint = HEAD + CLEAN % " //nolint:goguard"
    assert check(project, nolint, "--select", "GG000,GG101") == (0, [], [])
    # Per-file ignores take a rule off a file: not judged there either.
    (project / "goguard.toml").write_text('[per-file-ignores]\n"a.go" = ["GG101"]\n')
    assert check(project, src) == (0, [], [])


def test_stale_and_malformed_reports_can_be_turned_off_like_any_rule(project):
    src = HEAD + CLEAN % " //goguard:ignore GG101 was needed once" + fn("f", 'm["a"] = 1 //goguard:ignore GG101')
    line, _ = locate(src, 'm["a"] = 1 //goguard:ignore GG101\n')
    write = f'a.go:{line}:2: assignment to entry in nil map "m" (GG101) [*]'
    assert len(check(project, src)[1]) == 3  # the write, a stale and a malformed directive
    assert check(project, src, "--ignore", "GG000") == (1, [write], [])
    assert check(project, src, "--ignore", "stale-directive")[1] == [write]
    (project / "goguard.toml").write_text('ignore = ["GG000"]\n')
    assert check(project, src)[1] == [write]
    (project / "goguard.toml").write_text('[severity]\nGG000 = "error"\n')
    r = invoke("check", "--format", "json", "a.go")
    assert {(d["code"], d["severity"]) for d in json.loads(r.stdout)} == {("GG000", "error"), ("GG101", "error")}


def test_a_suppressed_write_and_a_used_directive_leave_the_run_clean(project):
    # Every finding suppressed, no directive stale: exit 0 and no output.
    src = HEAD + fn("f", 'm["a"] = 1 //goguard:ignore GG101 fine') + fn("g", 'm["b"] = 1', "//nolint:goguard")
    assert check(project, src) == (0, [], [])


def test_directives_in_declarations_with_syntax_errors_are_not_judged(project):
    src = HEAD + "func broken() {\n\tx := := 1 //goguard:ignore GG101 not analysed\n}\n\n" + CLEAN % ""
    code, out, err = check(project, src)
    assert (code, out) == (0, [])
    assert err == ['goguard: warning: a.go:4:7: syntax error near ":="; function broken not analysed']


def test_show_suppressed_in_text_json_and_sarif(project):
    src = HEAD + fn("f", 'm["a"] = 1 //goguard:ignore GG101 only called after init') + fn("g", 'm["b"] = 2')
    write_tree(project, {"a.go": src})
    # Text: hidden by default, marked when shown; the exit status counts only the rest.
    r = invoke("check", "a.go")
    assert (r.exit_code, lines(r.stdout)) == (1, ['a.go:10:2: assignment to entry in nil map "m" (GG101) [*]'])
    r = invoke("check", "--show-suppressed", "a.go")
    assert (r.exit_code, lines(r.stdout)) == (1, [
        'a.go:5:2: assignment to entry in nil map "m" (GG101) [suppressed: only called after init]',
        'a.go:10:2: assignment to entry in nil map "m" (GG101) [*]',
    ])
    # JSON: a "suppressed" key with the reason, only on suppressed findings.
    r = invoke("check", "--format", "json", "a.go")
    assert [d["line"] for d in json.loads(r.stdout)] == [10]
    r = invoke("check", "--format", "json", "--show-suppressed", "a.go")
    data = json.loads(r.stdout)
    assert [(d["line"], d.get("suppressed")) for d in data] == [(5, "only called after init"), (10, None)]
    # SARIF: suppressions of kind inSource with the justification.
    r = invoke("check", "--format", "sarif", "a.go")
    assert [x["locations"][0]["physicalLocation"]["region"]["startLine"]
            for x in json.loads(r.stdout)["runs"][0]["results"]] == [10]
    r = invoke("check", "--format", "sarif", "--show-suppressed", "a.go")
    results = json.loads(r.stdout)["runs"][0]["results"]
    assert [(x["locations"][0]["physicalLocation"]["region"]["startLine"], x.get("suppressions"))
            for x in results] == [
        (5, [{"kind": "inSource", "justification": "only called after init"}]),
        (10, None),
    ]


def test_console_script_honours_directives(project):
    src = HEAD + fn("f", 'm["a"] = 1 //goguard:ignore GG101 reviewed') + CLEAN % " //nolint:goguard"
    write_tree(project, {"a.go": src})
    r = run("check", "a.go", cwd=project)
    assert (r.returncode, lines(r.stdout), r.stderr) == (
        1, ["a.go:10:13: stale //nolint:goguard directive: no goguard finding on this line (GG000)"],
        b"1 finding (1 warning) in 1 file; 1 suppressed.\n")
