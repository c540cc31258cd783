"""`--fix`, `--diff` and `--unsafe-fixes` on the fixture programs: the fixed code
type-checks with the real go toolchain, the fixed program runs clean, goguard reports
nothing there any more, a second --fix changes nothing, and fixes that the program
could observe wait for --unsafe-fixes."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import fixtures as fx
import pytest
from cli_support import lines, run, write_tree

SAFE = fx.TESTDATA / "GG101" / "run_fixsafe"
UNSAFE = fx.TESTDATA / "GG101" / "fixunsafe"
GO_MOD = "module fixme\n\ngo 1.22\n"


@pytest.fixture
def copied(tmp_path: Path) -> Path:
    root = write_tree(tmp_path / "m", {"go.mod": GO_MOD})
    shutil.copytree(SAFE, root / "safe")
    shutil.copytree(UNSAFE, root / "unsafe")
    return root


def gg(*args: str, cwd: Path):
    return run("check", "--no-cache", *args, cwd=cwd)


def findings(root: Path) -> list[dict]:
    return json.loads(gg("--format", "json", "./...", cwd=root).stdout)


def go_or_skip():
    go, why = fx.find_go()
    if go is None:
        pytest.skip(why)
    return go


def test_fixes_are_marked_in_every_format(copied: Path):
    found = {(Path(f["path"]).parent.name, f["line"]): f.get("fix") for f in findings(copied)}
    assert found[("safe", 15)]["safe"] is True
    assert [found[("unsafe", n)]["safe"] for n in (10, 16, 22)] == [False, False, False]
    assert found[("unsafe", 32)] is None  # a grouped declaration: no fix
    text = lines(gg("./...", cwd=copied).stdout)
    assert [t.split(":")[0] for t in text if t.endswith("[*]")] == ["safe/main.go"]  # only the safe fix
    assert len(text) == 5
    sarif = json.loads(gg("--format", "sarif", "./...", cwd=copied).stdout)
    with_fix = [r for r in sarif["runs"][0]["results"] if r.get("fixes")]
    assert len(with_fix) == 4 and sum(r["properties"]["goguard/fixSafe"] for r in with_fix) == 1
    (safe,) = [r for r in with_fix if r["properties"]["goguard/fixSafe"]]
    from test_sarif import SHARED, assert_valid

    if SHARED is not None:  # the official schema, kept beside the project (tests/test_sarif.py)
        assert_valid(sarif)  # fixes with artifactChanges, against the SARIF 2.1.0 schema
    change = safe["fixes"][0]["artifactChanges"][0]
    assert change["replacements"][0]["insertedContent"]["text"] == "seen := make(map[string]int)"


def test_diff_changes_nothing(copied: Path):
    before = (copied / "safe" / "main.go").read_bytes()
    p = gg("--diff", "./...", cwd=copied)
    assert p.returncode == 1
    assert lines(p.stdout) == [
        "--- a/safe/main.go", "+++ b/safe/main.go", "@@ -10,7 +10,7 @@",
        " // makes it where it is declared (a safe fix: only the map's own operations use it),",
        " // and the fixed program runs clean.", " func count(words []string) int {",
        "-\tvar seen map[string]int", "+\tseen := make(map[string]int)",
        " \tfor _, w := range words {", " \t\tseen[w]++ // want `assignment to entry in (possibly )?nil map \"seen\"`",
        " \t}"]
    assert "1 fix would be applied to 1 file" in p.stderr.decode()
    assert (copied / "safe" / "main.go").read_bytes() == before
    unsafe = gg("--diff", "--unsafe-fixes", "./...", cwd=copied)
    assert unsafe.stdout.decode().count("+\tm := make(map[") == 3


def test_fix_applies_safe_fixes_and_the_program_runs_clean(copied: Path):
    go = go_or_skip()
    crashed = go.run("run", "./safe", cwd=copied)
    assert crashed.returncode != 0 and "assignment to entry in nil map" in crashed.stderr
    p = gg("--fix", "./...", cwd=copied)
    assert p.returncode == 1  # the unsafe ones are left, reported
    assert p.stderr.decode().splitlines()[-1] == "4 findings (4 errors) in 2 files; 1 fixed."
    assert all("safe/main.go" not in x for x in lines(p.stdout))
    assert "var m map[string]int" in (copied / "unsafe" / "fixunsafe.go").read_text()
    vet = go.run("vet", "./...", cwd=copied)
    assert vet.returncode == 0, vet.stderr
    fixed = go.run("run", "./safe", cwd=copied)
    assert fixed.returncode == 0 and fixed.stdout.strip() == "2", fixed.stderr
    again = (copied / "safe" / "main.go").read_bytes()
    assert gg("--fix", "./...", cwd=copied).returncode == 1
    assert (copied / "safe" / "main.go").read_bytes() == again  # idempotent
    gofmt = Path(go.exe).with_name("gofmt")
    if gofmt.exists():
        import subprocess

        listed = subprocess.run([str(gofmt), "-l", "safe"], cwd=copied, capture_output=True, text=True,
                                env=go.environ())
        assert listed.stdout == "", "the fixed file is not as gofmt leaves it"


def test_unsafe_fixes_apply_only_when_asked(copied: Path):
    go = go_or_skip()
    p = gg("--fix", "--unsafe-fixes", "./...", cwd=copied)
    assert p.returncode == 1 and lines(p.stdout) == [
        'unsafe/fixunsafe.go:32:2: assignment to entry in nil map "m" (GG101)']
    assert go.run("vet", "./...", cwd=copied).returncode == 0
    assert [f["line"] for f in findings(copied)] == [32]
    src = (copied / "unsafe" / "fixunsafe.go").read_text()
    assert src.count(":= make(map[") == 3


def test_fix_skips_suppressed_and_baselined_findings(copied: Path):
    main = copied / "safe" / "main.go"
    main.write_text(main.read_text().replace("seen[w]++ //", "seen[w]++ //goguard:ignore GG101 the test wants the panic //"))
    assert gg("--fix", "./safe", cwd=copied).returncode == 0
    assert "var seen map[string]int" in main.read_text()
    shutil.rmtree(copied / "safe")
    assert gg("--write-baseline", "base.json", "./...", cwd=copied).returncode == 0
    assert gg("--fix", "--unsafe-fixes", "--baseline", "base.json", "./...", cwd=copied).returncode == 0
    assert (copied / "unsafe" / "fixunsafe.go").read_text() == (UNSAFE / "fixunsafe.go").read_text()


@pytest.mark.parametrize("args, message", [
    (["--fix", "--diff"], "cannot be used together"),
    (["--unsafe-fixes"], "goes with --fix or --diff"),
    (["--fix", "--stdin-filename", "a.go", "-"], "cannot write standard input back"),
])
def test_fix_usage_errors(copied: Path, args, message):
    p = run("check", *args, cwd=copied, input=b"package main\n")
    assert p.returncode == 2 and message in p.stderr.decode()


# --- GG201: store a copy -----------------------------------------------------------

GG201_PROGRAMS = ("run_chunks", "run_scanner", "run_buffer", "run_pooldefer", "run_poolnamed", "run_poolafter",
                  "run_poolparam", "run_calleekept")


def _prints(folder: Path) -> str:
    head = (folder / "main.go").read_text().split("\npackage ", 1)[0]
    return next(line.split("// prints:", 1)[1].strip() for line in head.splitlines() if line.startswith("// prints:"))


@pytest.mark.parametrize("name", GG201_PROGRAMS)
def test_gg201_fix_stores_a_copy_and_the_corruption_is_gone(tmp_path: Path, name: str):
    import re

    go = go_or_skip()
    root = write_tree(tmp_path / "m", {"go.mod": GO_MOD})
    shutil.copytree(fx.TESTDATA / "GG201" / name, root / name)
    corrupted = re.compile(_prints(root / name))
    before = go.run("run", f"./{name}", cwd=root)
    assert before.returncode == 0 and corrupted.search(before.stdout)
    p = gg("--fix", "--select", "GG201", "./...", cwd=root)
    assert p.returncode == 0 and p.stderr.decode().endswith("; 1 fixed.\n"), p.stderr
    assert "bytes.Clone(" in (root / name / "main.go").read_text()
    assert go.run("vet", "./...", cwd=root).returncode == 0
    after = go.run("run", f"./{name}", cwd=root)
    assert after.returncode == 0 and not corrupted.search(after.stdout), after.stdout
    gofmt = Path(go.exe).with_name("gofmt")
    if gofmt.exists():
        import subprocess

        assert subprocess.run([str(gofmt), "-l", name], cwd=root, capture_output=True, text=True,
                              env=go.environ()).stdout == ""
    fixed = (root / name / "main.go").read_bytes()
    assert gg("--fix", "./...", cwd=root).returncode == 0 and (root / name / "main.go").read_bytes() == fixed


def test_gg201_fix_before_go_1_20_appends_to_nil(tmp_path: Path):
    go = go_or_skip()
    root = write_tree(tmp_path / "m", {"go.mod": "module old\n\ngo 1.19\n"})
    shutil.copytree(fx.TESTDATA / "GG201" / "run_chunks", root / "run_chunks")
    p = gg("--fix", "--select", "GG201", "./...", cwd=root)
    assert p.returncode == 0
    src = (root / "run_chunks" / "main.go").read_text()
    assert "append(chunks, append([]byte(nil), buf[:n]...))" in src and '"bytes"' not in src
    out = go.run("run", "./run_chunks", cwd=root)
    assert out.returncode == 0 and out.stdout.strip() == '["abc" "def" "ghi"]'


UNSAFE_STRINGS = """package main

import (
	"fmt"
	"io"
	"strings"
	"unsafe"
)

func main() {
	r := strings.NewReader("abcdefgh")
	buf := make([]byte, 4)
	var words []string
	for {
		n, err := io.ReadFull(r, buf)
		if err != nil {
			break
		}
		words = append(words, unsafe.String(&buf[0], n))
	}
	fmt.Println(words)
}
"""


def test_gg201_fix_copies_a_string_made_with_unsafe_string(tmp_path: Path):
    go = go_or_skip()
    root = write_tree(tmp_path / "m", {"go.mod": GO_MOD, "words/main.go": UNSAFE_STRINGS})
    assert go.run("run", "./words", cwd=root).stdout.strip() == "[efgh efgh]"
    (f,) = [f for f in findings(root) if f["code"] == "GG201"]
    assert "strings.Clone" in f["message"] and f["fix"]["safe"] is True
    assert gg("--fix", "./...", cwd=root).returncode == 0
    assert "strings.Clone(unsafe.String(&buf[0], n))" in (root / "words" / "main.go").read_text()
    assert go.run("run", "./words", cwd=root).stdout.strip() == "[abcd efgh]"


def test_gg201_non_byte_views_have_no_fix(tmp_path: Path):
    root = write_tree(tmp_path / "m", {"go.mod": GO_MOD})
    shutil.copytree(fx.TESTDATA / "GG201" / "run_rows", root / "rows")
    found = findings(root)
    assert found and all("fix" not in f for f in found if f["code"] == "GG201")


ADDRESS_OF_BYTES = """package main

import "fmt"

func main() {
	m := map[int]*[]byte{}
	var buf []byte
	for i := 0; i < 3; i++ {
		buf = append(buf[:0], byte('a'+i))
		m[i] = &buf
	}
	fmt.Println(string(*m[0]) + string(*m[1]) + string(*m[2]))
}
"""


@pytest.mark.parametrize("name, before, after", [
    ("run_names", "alice=carol bob=carol carol=carol", "alice=alice bob=bob carol=carol"),
    ("bytes", "ccc", "abc"),
])
def test_gg201_address_fix_stores_a_copy_only_with_unsafe_fixes(tmp_path: Path, name, before, after):
    go = go_or_skip()
    root = write_tree(tmp_path / "m", {"go.mod": GO_MOD})
    if name == "bytes":
        write_tree(root, {"bytes/main.go": ADDRESS_OF_BYTES})
    else:
        shutil.copytree(fx.TESTDATA / "GG201" / name, root / name)
    (f,) = [f for f in findings(root) if f["code"] == "GG201"]
    assert f["fix"]["safe"] is False  # the pointer stops aliasing the variable
    assert go.run("run", f"./{name}", cwd=root).stdout.strip() == before
    assert gg("--fix", "./...", cwd=root).returncode == 1  # unsafe: not applied
    assert gg("--fix", "--unsafe-fixes", "./...", cwd=root).returncode == 0
    assert go.run("vet", "./...", cwd=root).returncode == 0
    assert go.run("run", f"./{name}", cwd=root).stdout.strip() == after
    src = (root / name / "main.go").read_text()
    assert ("bufCopy := bytes.Clone(buf)" in src) == (name == "bytes")
    assert [f for f in findings(root) if f["code"] == "GG201"] == []


# --- GG301: unsafe.Slice instead of a huge array view -----------------------------

def test_gg301_fix_uses_unsafe_slice_and_checkptr_accepts_it(tmp_path: Path):
    go = go_or_skip()
    root = write_tree(tmp_path / "m", {"go.mod": GO_MOD})
    shutil.copytree(fx.TESTDATA / "GG301" / "run_hugeconv", root / "huge")
    checkptr = ("run", "-gcflags=all=-d=checkptr", "./huge")
    assert "checkptr: converted pointer straddles" in go.run(*checkptr, cwd=root).stderr
    (f,) = findings(root)
    assert f["code"] == "GG301" and f["fix"]["safe"] is False  # the capacity changes: unsafe
    assert gg("--fix", "./...", cwd=root).returncode == 1  # not applied without --unsafe-fixes
    p = gg("--fix", "--unsafe-fixes", "./...", cwd=root)
    assert p.returncode == 0
    assert "return unsafe.Slice((*uint16)(p), n)" in (root / "huge" / "main.go").read_text()
    run_ = go.run(*checkptr, cwd=root)
    assert run_.returncode == 0 and run_.stdout.strip() == "16", run_.stderr
    assert findings(root) == []


def test_gg101_field_fix_adds_the_map_to_the_literal(tmp_path: Path):
    go = go_or_skip()
    root = write_tree(tmp_path / "m", {"go.mod": GO_MOD})
    shutil.copytree(fx.TESTDATA / "GG101" / "run_fixfield", root / "field")
    (f,) = findings(root)
    assert f["fix"]["safe"] is True
    assert gg("--fix", "./...", cwd=root).returncode == 0
    src = (root / "field" / "main.go").read_text()
    assert "\t\tname:  name,\n\t\twords: make(map[string]int),\n\t}" in src  # aligned as gofmt aligns
    assert go.run("vet", "./...", cwd=root).returncode == 0
    out = go.run("run", "./field", cwd=root)
    assert out.returncode == 0 and out.stdout.strip() == "1", out.stderr
    import subprocess

    gofmt = Path(go.exe).with_name("gofmt")
    if gofmt.exists():
        assert subprocess.run([str(gofmt), "-l", "field"], cwd=root, capture_output=True, text=True,
                              env=go.environ()).stdout == ""
    assert findings(root) == []


def test_gg101_field_fix_is_unsafe_when_nil_is_observed_and_absent_for_positional_literals(tmp_path: Path):
    src = ("package p\n\ntype T struct {\n\tname string\n\tseen map[string]bool\n}\n\n"
           "func New() *T { return &T{name: \"x\"} }\n\nfunc (t *T) Mark(k string) { t.seen[k] = true }\n\n"
           "func (t *T) Fresh() bool { return t.seen == nil }\n")
    root = write_tree(tmp_path / "m", {"go.mod": GO_MOD, "p/p.go": src})
    (f,) = findings(root)
    assert f["fix"]["safe"] is False  # Fresh would answer differently once the map is made
    positional = src.replace('&T{name: "x"}', '&T{"x", nil}')
    (root / "p" / "p.go").write_text(positional)
    assert all("fix" not in f for f in findings(root))
