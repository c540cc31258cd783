"""Where Go teams run goguard: the GitLab and checkstyle reports as their consumers read
them, several outputs in one run, stdin for editors, changed lines only, the go tool's
package semantics, the closing summary, one-line messages in every format, and every
command of the README and of docs/editors.md, run through the installed script."""

from __future__ import annotations

import json
import re
import shlex
import subprocess
import xml.etree.ElementTree as ET
from pathlib import Path

import fixtures as fx
import pytest
from cli_support import GOOD, lines, nil_map, run, write_tree

REPO = Path(__file__).resolve().parents[1]
GO_MOD = "module example.com/m\n\ngo 1.22\n"
BUG = 'package p\n\nfunc f() {\n\tvar m map[string]int\n\tm["a"] = 1\n}\n'
NOTE = 'package q\n\nimport "reflect"\n\nvar _ reflect.SliceHeader\n'
# A raw string quoted in a message, holding a newline, a workflow command and markup.
INJECTED = "a\n::error file=x.go,line=1::injected <b>x</b>"
INJECTION = f'package p\n\nfunc g() {{\n\tvar ms [2]map[string]int\n\tms[len(`{INJECTED}`)]["k"] = 1\n}}\n'


@pytest.fixture
def tree(tmp_path: Path) -> Path:
    return write_tree(tmp_path / "m", {"go.mod": GO_MOD, "p/p.go": BUG, "p/inj.go": INJECTION,
                                       "q/q.go": NOTE, "q/broken.go": "package q\n\nfunc broken( {\n"})


def gg(*args: str, cwd: Path, **kw) -> subprocess.CompletedProcess:
    return run("check", "--no-cache", *args, cwd=cwd, **kw)


# --- GitLab Code Quality ---------------------------------------------------------

def test_gitlab_report_has_the_fields_gitlab_reads(tree: Path):
    p = gg("--format", "gitlab", "./...", cwd=tree)
    assert p.returncode == 1
    report = json.loads(p.stdout)
    assert len(report) == 3
    for issue in report:
        # GitLab's documented Code Quality fields, with their types.
        assert isinstance(issue["description"], str) and isinstance(issue["check_name"], str)
        assert re.fullmatch(r"[0-9a-f]{64}", issue["fingerprint"])
        assert issue["severity"] in ("info", "minor", "major", "critical", "blocker")
        assert isinstance(issue["location"]["path"], str) and isinstance(issue["location"]["lines"]["begin"], int)
    by = {(i["location"]["path"], i["location"]["lines"]["begin"]): i for i in report}
    assert by[("p/p.go", 5)]["severity"] == "critical" and by[("p/p.go", 5)]["check_name"] == "GG101 nil-map-write"
    assert by[("q/q.go", 5)]["severity"] == "info"
    assert len({i["fingerprint"] for i in report}) == 3
    # A line added above keeps the fingerprint (GitLab would otherwise call it new).
    (tree / "p" / "p.go").write_text(BUG.replace("func f", "// moved down\nfunc f"))
    again = {i["location"]["path"] + i["check_name"]: i["fingerprint"]
             for i in json.loads(gg("--format", "gitlab", "./...", cwd=tree).stdout)}
    assert again["p/p.goGG101 nil-map-write"] == by[("p/p.go", 5)]["fingerprint"]


# --- checkstyle ------------------------------------------------------------------

# reviewdog's checkstyle parser (parser/checkstyle.go): the structs it decodes with
# encoding/xml. warnings-ng reads the same elements and attributes.
REVIEWDOG_PARSER = '''package main

import (
	"encoding/xml"
	"fmt"
	"os"
)

type CheckStyleResult struct {
	XMLName xml.Name          `xml:"checkstyle"`
	Version string            `xml:"version,attr"`
	Files   []*CheckStyleFile `xml:"file,omitempty"`
}

type CheckStyleFile struct {
	Name   string             `xml:"name,attr"`
	Errors []*CheckStyleError `xml:"error"`
}

type CheckStyleError struct {
	Column   int    `xml:"column,attr,omitempty"`
	Line     int    `xml:"line,attr"`
	Message  string `xml:"message,attr"`
	Severity string `xml:"severity,attr,omitempty"`
	Source   string `xml:"source,attr,omitempty"`
}

func main() {
	var cs CheckStyleResult
	if err := xml.NewDecoder(os.Stdin).Decode(&cs); err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
	for _, f := range cs.Files {
		for _, e := range f.Errors {
			fmt.Printf("%s:%d:%d:%s:%s:%q\\n", f.Name, e.Line, e.Column, e.Severity, e.Source, e.Message)
		}
	}
}
'''


def test_checkstyle_is_read_by_reviewdogs_parser(tree: Path, tmp_path: Path):
    p = gg("--format", "checkstyle", "./...", cwd=tree)
    assert p.returncode == 1
    root = ET.fromstring(p.stdout)
    assert root.tag == "checkstyle" and [f.get("name") for f in root] == ["p/inj.go", "p/p.go", "q/q.go"]
    assert {e.get("severity") for f in root for e in f} == {"error", "info"}
    go, why = fx.find_go()
    if go is None:
        pytest.skip(why)
    prog = write_tree(tmp_path / "parser", {"go.mod": "module parser\n\ngo 1.22\n", "main.go": REVIEWDOG_PARSER})
    build = go.run("build", "-o", str(tmp_path / "parse"), ".", cwd=prog)
    assert build.returncode == 0, build.stderr
    parsed = subprocess.run([str(tmp_path / "parse")], input=p.stdout, capture_output=True, timeout=60)
    assert parsed.returncode == 0, parsed.stderr
    out = parsed.stdout.decode().splitlines()
    assert len(out) == 3
    assert out[1].startswith('p/p.go:5:2:error:goguard.GG101:"assignment to entry in nil map \\"m\\"')
    assert "\\\\n::error file=x.go" in out[0]  # the quoted newline stays escaped text


# --- several outputs -------------------------------------------------------------

def test_several_formats_in_one_run(tree: Path):
    p = gg("--format", "sarif:out/g.sarif", "--format", "gitlab:cq.json", "--format", "text", "./...", cwd=tree)
    assert p.returncode == 2 and b"cannot write out/g.sarif" in p.stderr  # no such folder: a usage error
    (tree / "out").mkdir()
    p = gg("--format", "sarif:out/g.sarif", "--format", "gitlab:cq.json", "--format", "text", "./...", cwd=tree)
    assert p.returncode == 1
    assert nil_map("p/p.go", BUG) in lines(p.stdout)
    assert json.loads((tree / "out" / "g.sarif").read_text())["runs"][0]["results"]
    assert len(json.loads((tree / "cq.json").read_text())) == 3
    p = gg("--format", "json", "--output", "f.json", "--format", "checkstyle:f.xml", "./...", cwd=tree)
    assert p.returncode == 1 and p.stdout == b""
    assert len(json.loads((tree / "f.json").read_text())) == 3 and ET.parse(tree / "f.xml").getroot().tag == "checkstyle"


@pytest.mark.parametrize("args, message", [
    (["--format", "text", "--format", "json"], "only one --format can write to standard output"),
    (["--format", "nope"], "unknown format 'nope'"),
    (["--format", "sarif:"], "give a file after the colon"),
    (["--format", "json:a.json", "--output", "b.json"], "--output names the file of the --format given without one"),
    (["--format", "json:a.json", "--format", "sarif:a.json"], "name the same file"),
])
def test_bad_format_arguments_exit_2(tree: Path, args, message):
    p = gg(*args, "./...", cwd=tree)
    assert p.returncode == 2 and message in p.stderr.decode() and p.stdout == b""


# --- stdin -----------------------------------------------------------------------

def test_stdin_stands_for_the_named_file(tree: Path):
    clean = BUG.replace('m["a"] = 1', "_ = m")
    (tree / "p" / "p.go").write_text(clean)  # on disk: clean; in the editor: the bug
    p = run("check", "--stdin-filename", "p/p.go", "-", cwd=tree, input=BUG.encode())
    assert p.returncode == 1 and lines(p.stdout) == [nil_map("p/p.go", BUG)]
    # The cache keys on stdin's bytes: the file on disk is still clean.
    assert run("check", "p/p.go", cwd=tree).returncode == 0
    p = run("check", "--stdin-filename", "p/p.go", "-", cwd=tree, input=BUG.encode())
    assert lines(p.stdout) == [nil_map("p/p.go", BUG)]
    # A new buffer, never saved, in a folder of the package.
    p = run("check", "--stdin-filename", "p/new.go", "-", cwd=tree, input=BUG.replace("func f", "func h").encode())
    assert p.returncode == 1 and [x.split(":")[0] for x in lines(p.stdout)] == ["p/new.go"]
    # A new buffer of a new package, whose folder does not exist yet: analysed alone.
    p = run("check", "--stdin-filename", "newpkg/sub/x.go", "-", cwd=tree, input=BUG.encode())
    assert p.returncode == 1 and lines(p.stdout) == [nil_map("newpkg/sub/x.go", BUG)]
    assert not (tree / "newpkg").exists()


@pytest.mark.parametrize("args, message", [
    (["-"], "name the file it stands for with --stdin-filename"),
    (["--stdin-filename", "p/p.go"], "needs the single pattern '-'"),
    (["--stdin-filename", "p/p.go", "-", "./..."], "needs the single pattern '-'"),
    (["--stdin-filename", "notes.txt", "-"], "is not a .go file"),
])
def test_stdin_usage_errors(tree: Path, args, message):
    p = run("check", *args, cwd=tree, input=BUG.encode())
    assert p.returncode == 2 and message in p.stderr.decode()


# --- changed lines only ----------------------------------------------------------

def _git(cwd: Path, *args: str) -> str:
    p = subprocess.run(["git", "-c", "user.name=t", "-c", "user.email=t@example.com", *args], cwd=cwd,
                       capture_output=True, text=True, check=True)
    return p.stdout


def test_new_from_rev_and_new_from_patch(tmp_path: Path):
    repo = write_tree(tmp_path / "r", {"go.mod": GO_MOD, "old/old.go": BUG})
    _git(repo, "init", "-q")
    _git(repo, "add", ".")
    _git(repo, "commit", "-q", "-m", "old")
    two = BUG + '\nfunc g() {\n\tvar n map[int]bool\n\tn[1] = true\n}\n'
    (repo / "old" / "old.go").write_text(two)  # a new bug in an old file, not committed
    write_tree(repo, {"fresh/fresh.go": BUG})  # a file git does not track yet
    p = gg("--new-from-rev", "HEAD", "./...", cwd=repo)
    assert p.returncode == 1
    assert lines(p.stdout) == [nil_map("fresh/fresh.go", BUG), nil_map("old/old.go", two, 'n[1]', "n")]
    assert len(lines(gg("./...", cwd=repo).stdout)) == 3  # without the option, all three
    _git(repo, "add", ".")
    _git(repo, "commit", "-q", "-m", "new")
    assert gg("--new-from-rev", "HEAD", "./...", cwd=repo).returncode == 0
    assert len(lines(gg("--new-from-rev", "HEAD~1", "./...", cwd=repo).stdout)) == 2
    (repo / "change.patch").write_text(_git(repo, "diff", "HEAD~1", "--", "old"))
    p = gg("--new-from-patch", "change.patch", "./...", cwd=repo)
    assert lines(p.stdout) == [nil_map("old/old.go", two, 'n[1]', "n")]
    # From a subfolder, paths in the diff are still the repository's.
    assert lines(gg("--new-from-patch", "../change.patch", ".", cwd=repo / "old").stdout) == \
        [nil_map("old.go", two, 'n[1]', "n")]


def test_a_finding_whose_flow_starts_on_a_changed_line_counts(tmp_path: Path):
    src = 'package p\n\nfunc f(ok bool) {\n\tm := map[string]int{}\n\tif ok {\n\t\tm["a"] = 1\n\t}\n}\n'
    repo = write_tree(tmp_path / "r", {"go.mod": GO_MOD, "p/p.go": src})
    _git(repo, "init", "-q")
    _git(repo, "add", ".")
    _git(repo, "commit", "-q", "-m", "made")
    (repo / "p" / "p.go").write_text(src.replace("m := map[string]int{}", "var m map[string]int"))
    p = gg("--new-from-rev", "HEAD", "--format", "json", "./...", cwd=repo)
    (f,) = json.loads(p.stdout)
    assert f["line"] == 6 and f["flow"][0]["line"] == 4  # reported for the changed declaration


@pytest.mark.parametrize("args, message", [
    (["--new-from-rev", "no-such-rev"], "unknown revision 'no-such-rev'"),
    (["--new-from-patch", "missing.patch"], "cannot read missing.patch"),
    (["--new-from-rev", "HEAD", "--new-from-patch", "x.patch"], "cannot be used together"),
])
def test_changed_lines_usage_errors(tmp_path: Path, args, message):
    repo = write_tree(tmp_path / "r", {"go.mod": GO_MOD, "p/p.go": BUG})
    _git(repo, "init", "-q")
    _git(repo, "add", ".")
    _git(repo, "commit", "-q", "-m", "one")
    p = gg(*args, "./...", cwd=repo)
    assert p.returncode == 2 and message in p.stderr.decode()


def test_new_from_rev_outside_git_is_a_usage_error(tmp_path: Path):
    root = write_tree(tmp_path / "plain", {"go.mod": GO_MOD, "p/p.go": BUG})
    p = gg("--new-from-rev", "HEAD", "./...", cwd=root, env={"GIT_CEILING_DIRECTORIES": str(tmp_path)})
    assert p.returncode == 2 and "is not in a git repository" in p.stderr.decode()


# --- package semantics -----------------------------------------------------------

def test_nested_modules_and_workspaces_as_the_go_tool(tmp_path: Path):
    root = write_tree(tmp_path / "w", {"go.mod": GO_MOD, "p/p.go": BUG, "tools/go.mod": "module tools\n\ngo 1.22\n",
                                       "tools/t.go": BUG.replace("package p", "package tools")})
    assert lines(gg("./...", cwd=root).stdout) == [nil_map("p/p.go", BUG)]
    assert lines(gg("./...", "./tools/...", cwd=root).stdout) == [nil_map("p/p.go", BUG), nil_map("tools/t.go", BUG)]
    (root / "go.work").write_text("go 1.22\n\nuse (\n\t.\n\t./tools\n)\n")
    assert lines(gg("./...", cwd=root).stdout) == [nil_map("p/p.go", BUG), nil_map("tools/t.go", BUG)]
    assert lines(gg("./...", cwd=root, env={"GOWORK": "off"}).stdout) == [nil_map("p/p.go", BUG)]


@pytest.mark.parametrize("header, analysed", [
    ("//go:build ignore\n\n", False),
    ("// +build ignore\n\n", False),
    ("// Generator, run by go generate.\n\n//go:build ignore\n\n", False),
    ("//go:build windows && arm64\n\n", True),  # another platform's file: still a linter's business
    ("// This file is ignored by nothing.\n\n", True),
])
def test_build_ignore_files_are_left_out(tmp_path: Path, header, analysed):
    root = write_tree(tmp_path / "m", {"go.mod": GO_MOD, "gen.go": header + BUG.replace("package p", "package main")})
    p = gg("./...", cwd=root)
    assert p.returncode == (1 if analysed else 0)


# --- what a run prints -----------------------------------------------------------

def test_summary_line_closes_every_text_run(tree: Path, tmp_path: Path):
    p = gg("./...", cwd=tree)
    assert p.stderr.decode().splitlines()[-1] == "3 findings (2 errors, 1 note) in 4 files."
    clean = write_tree(tmp_path / "c", {"go.mod": GO_MOD, **{f"p{i}/a.go": f"package p{i}\n" for i in range(3)}})
    assert gg("./...", cwd=clean).stderr == b"No findings in 3 files.\n"
    assert gg("--quiet", "./...", cwd=clean).stderr == b""
    assert gg("--format", "json", "./...", cwd=clean).stderr == b""


def test_github_format_sends_warnings_as_annotations(tree: Path):
    p = gg("--format", "github", "./...", cwd=tree)
    out = p.stdout.decode().splitlines()
    assert p.stderr == b""
    assert out[0].startswith("::warning file=q/broken.go,line=3,col=") and "title=goguard::syntax error" in out[0]
    assert [o.split(" ", 1)[0] for o in out[1:]] == ["::error", "::error", "::notice"]


def test_no_output_line_starts_a_workflow_command_unless_goguard_wrote_one(tree: Path):
    """The quoted raw string holds `\\n::error ...`: in no format may it start a line."""
    for fmt in ("text", "json", "sarif", "gitlab", "checkstyle", "github"):
        p = gg("--format", fmt, "--show-suppressed", "./...", cwd=tree)
        assert p.returncode == 1
        for stream in (p.stdout, p.stderr):
            for line in stream.decode().splitlines():
                if fmt == "github" and stream is p.stdout:
                    assert re.match(r"::(error|warning|notice) file=[^,]+,line=\d+,", line), line
                    assert "\n" not in line
                else:
                    assert not line.lstrip().startswith("::"), (fmt, line)
        assert "injected" in p.stdout.decode()


def test_unknown_rule_gets_a_suggestion(tree: Path):
    p = gg("--select", "nil-map-wirte", "./...", cwd=tree)
    assert p.returncode == 2 and "did you mean GG101 (nil-map-write)?" in p.stderr.decode()
    p = gg("--ignore", "GG1O1", "./...", cwd=tree)
    assert p.returncode == 2 and "did you mean GG101 (nil-map-write)?" in p.stderr.decode()


# --- every command of the README and of docs/editors.md --------------------------

def _readme_commands() -> list[str]:
    text = (REPO / "README.md").read_text()
    section = text.split("## Commands", 1)[1].split("\n## ", 1)[0]
    block = re.search(r"```sh\n(.*?)```", section, re.S).group(1)
    return [line.split("  #", 1)[0].strip() for line in block.splitlines() if line.startswith("goguard ")]


def test_every_readme_command_runs(tmp_path: Path):
    repo = write_tree(tmp_path / "r", {"go.mod": GO_MOD, "cmd/x/main.go": "package main\n\nfunc main() {}\n",
                                       "pkg/store/s.go": GOOD})
    _git(repo, "init", "-q")
    _git(repo, "add", ".")
    _git(repo, "commit", "-q", "-m", "one")
    (repo / "pkg" / "store" / "t.go").write_text(GOOD.replace("func f", "func g"))
    _git(repo, "add", ".")
    _git(repo, "commit", "-q", "-m", "two")
    commands = _readme_commands()
    assert len(commands) >= 8
    for command in commands:
        argv = shlex.split(command)
        p = run(*argv[1:], cwd=repo)
        assert p.returncode in (0, 1), (command, p.stderr)
        assert b"Traceback" not in p.stderr, command
    assert (repo / "goguard.sarif").exists()


def _editor_commands() -> dict[str, str]:
    text = (REPO / "docs" / "editors.md").read_text()
    out = {"sh": re.search(r"```sh\n(goguard [^\n]*)", text).group(1)}
    out["ale"] = re.search(r"'command': '([^']*)'", text).group(1).replace("%s", "{file}")
    flycheck = re.search(r":command \(([^)]*)\)", text).group(1)
    out["flycheck"] = " ".join(x.strip('"') for x in shlex.split(flycheck)).replace("source-original", "{file}")
    out["efm"] = re.search(r'lint-command: "([^"]*)"', text).group(1).replace("${INPUT}", "{file}")
    out["vscode"] = re.search(r'"command": "(goguard[^"]*)"', text).group(1)
    return out


def test_every_editor_setup_runs_and_its_pattern_reads_the_output(tree: Path):
    text = (REPO / "docs" / "editors.md").read_text()
    efm = re.compile(r"^(?P<file>[^:]+):(?P<line>\d+):(?P<col>\d+): (?P<message>.+)$")  # "%f:%l:%c: %m"
    vscode = re.compile(json.loads('"' + re.search(r'"regexp": "([^"]*)"', text).group(1) + '"'))
    for name, command in _editor_commands().items():
        if name == "sh":
            argv = shlex.split(command.split(" < ")[0].replace("pkg/store/store.go", "p/p.go"))
            p = run(*argv[1:], cwd=tree, input=BUG.encode())
        elif name == "vscode":
            p = run(*shlex.split(command)[1:], cwd=tree)
        else:
            argv = shlex.split(command.format(file=str(tree / "p" / "p.go")))
            p = run(*argv[1:], cwd=tree, input=BUG.encode())
        assert p.returncode == 1 and p.stderr == b"", (name, p.stderr)
        out = lines(p.stdout)
        assert out, name
        for line in out:
            m = efm.match(line)
            assert m and vscode.match(line), (name, line)
            assert Path(tree / m.group("file")).exists() or Path(m.group("file")).exists()


def _readme_block(heading: str, lang: str) -> str:
    text = (REPO / "README.md").read_text()
    section = text.split(f"## {heading}", 1)[1].split("\n## ", 1)[0]
    return re.search(rf"```{lang}\n(.*?)```", section, re.S).group(1)


def test_readme_baseline_commands_run(tmp_path: Path):
    repo = write_tree(tmp_path / "r", {"go.mod": GO_MOD, "p/p.go": BUG})
    _git(repo, "init", "-q")
    codes = []
    for line in _readme_block("Adopting goguard in a large repository: baselines", "sh").splitlines():
        argv = shlex.split(line.split("  #", 1)[0])
        p = subprocess.run(argv, cwd=repo, capture_output=True) if argv[0] == "git" else run(*argv[1:], cwd=repo)
        codes.append(p.returncode)
    assert codes == [0, 0, 0]  # recorded, added, and nothing new
    (repo / "p" / "q.go").write_text(BUG.replace("func f", "func g"))
    assert run("check", "--baseline", ".goguard-baseline.json", "./...", cwd=repo).returncode == 1


def test_readme_suppression_directives_are_valid_and_suppress(tmp_path: Path):
    snippet = _readme_block("Suppressing a finding", "go")
    parts = [p for p in snippet.strip().split("\n\n")]
    assert len(parts) == 3
    funcs = "".join(f"func f{i}(v int) {{\n\tvar m map[string]int\n" + "".join(f"\t{x}\n" for x in part.splitlines())
                    + "}\n\n" for i, part in enumerate(parts))
    src = (f"package p\n\nvar k = \"a\"\n\n{funcs}"
           f"func g() {{\n\tvar b *[]byte\n\t*b = append(*b, 1)\n}}\n")
    root = write_tree(tmp_path / "m", {"go.mod": GO_MOD, "p/p.go": src})
    p = gg("--format", "json", "--show-suppressed", "./...", cwd=root)
    found = json.loads(p.stdout)
    assert p.returncode == 0, found  # every finding suppressed, and no directive malformed or stale
    assert sorted(f["code"] for f in found) == ["GG101", "GG101", "GG102"]
    assert all(f["suppressed"] for f in found)
