"""The unsafe rules as users run them (the `goguard` console script): GG301
unsafe-slice-bounds, GG302 slice-header-misuse, GG303 deprecated-slice-header. The
fixtures under testdata/GG30x/ are compared with their wants by tests/test_fixtures.py
and built and run by tests/test_go_fixtures.py; here: their shape counts, the Go
version rules of GG303, the GG302/GG303 hand-over, output details and robustness."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

import fixtures as fx
from cli_support import lines, locate, run, write_tree

# (positive, negative) shapes each rule's fixtures must hold, counted as the harness
# counts them: a want below testdata/GGxxx/ is a positive, a `// safe:` function in a
# neg* folder a negative.
MINIMUM_SHAPES = {"GG301": (15, 20), "GG302": (10, 12)}


@pytest.mark.parametrize("rule", sorted(MINIMUM_SHAPES))
def test_shape_counts(rule):
    counts = fx.shape_counts().get(rule, fx.ShapeCount())
    least_pos, least_neg = MINIMUM_SHAPES[rule]
    assert len(counts.positive) >= least_pos, f"{rule}: {len(counts.positive)} positive shapes"
    assert len(counts.negative) >= least_neg, f"{rule}: {len(counts.negative)} negative shapes"
    assert all(w.regex.pattern for w in counts.positive)


def test_gg303_fixtures_are_a_go_mod_version_pair():
    root = fx.TESTDATA / "GG303"
    versions = {d.name: (d / "go.mod").read_text() for d in root.iterdir() if (d / "go.mod").is_file()}
    assert "\ngo 1.19\n" in versions["go119"] and "\ngo 1.21\n" in versions["go121"]
    old = [w for f in fx.go_files(root / "go119") for w in fx.parse_wants(f)]
    new = [w for f in fx.go_files(root / "go121") for w in fx.parse_wants(f)]
    assert old == [] and sum("GG303" in w.pattern or "deprecated" in w.pattern for w in new) >= 5
    # The same code on both sides (but for the misuse GG302 reports, and the wants).
    strip = lambda p: [ln.split(" // want")[0] for ln in p.read_text().splitlines()[3:]]  # noqa: E731
    old_lines, new_lines = strip(root / "go119/headers.go"), strip(root / "go121/headers.go")
    assert new_lines[:len(old_lines)] == old_lines
    # GG302's fixtures sit in a Go 1.19 module, so that GG303 stays out of them.
    assert "\ngo 1.19\n" in (fx.TESTDATA / "GG302" / "go.mod").read_text()


# --- GG303 and the Go version ------------------------------------------------------------

HEADERS = '''package p

import (
	"reflect"
	"unsafe"
)

func data(b []byte) uintptr {
	return (*reflect.SliceHeader)(unsafe.Pointer(&b)).Data
}

func build(p *byte, n int) string {
	var h reflect.StringHeader
	h.Data = uintptr(unsafe.Pointer(p))
	h.Len = n
	return *(*string)(unsafe.Pointer(&h))
}
'''

DEPRECATED = "reflect.SliceHeader is deprecated: use unsafe.Slice or unsafe.SliceData (Go 1.20+) (GG303)"


def check(root: Path, *args: str) -> tuple[int, list[str], list[str]]:
    r = run("check", "-j", "1", *args, cwd=root)
    return r.returncode, lines(r.stdout), lines(r.stderr)


def findings(root: Path, *args: str) -> list[dict]:
    r = run("check", "-j", "1", "--format", "json", *args, cwd=root)
    assert r.returncode in (0, 1), r.stderr
    return json.loads(r.stdout)


@pytest.mark.parametrize("go_line,reported", [("go 1.19", False), ("go 1.20", True), ("go 1.22", True),
                                              (None, True)])
def test_gg303_follows_the_go_mod_version(tmp_path, go_line, reported):
    files = {"p/p.go": HEADERS}
    if go_line:
        files["go.mod"] = f"module example.com/m\n\n{go_line}\n"
    write_tree(tmp_path, files)
    code, out, err = check(tmp_path, "--select", "GG303", "./...")
    line, col = locate(HEADERS, "reflect.SliceHeader")
    expected = [f"p/p.go:{line}:{col}: {DEPRECATED}"] if reported else []
    assert [o for o in out if "SliceHeader" in o] == expected
    assert err == [] and code == (1 if reported else 0)


def test_gg303_go_version_flag_overrides_go_mod(tmp_path):
    write_tree(tmp_path, {"go.mod": "module m\n\ngo 1.19\n", "p.go": HEADERS})
    assert check(tmp_path, "--select", "GG303", ".")[:2] == (0, [])
    code, out, _ = check(tmp_path, "--select", "GG303", "--go-version", "1.21", ".")
    # GG302 is off: the mention in data() and the one on build()'s var line.
    assert code == 1 and [o.split(":")[1] for o in out] == ["9", "13"]


def test_gg302_takes_the_mentions_of_the_misuse_it_reports(tmp_path):
    write_tree(tmp_path, {"go.mod": "module m\n\ngo 1.22\n", "p.go": HEADERS})
    both = findings(tmp_path, "--select", "GG302,GG303", ".")
    assert [(f["code"], f["line"]) for f in both] == [("GG303", 9), ("GG302", 16)]
    assert both[1]["flow"] == [{"path": "p.go", "line": 13, "column": 6,
                                "note": "the header value is declared here"}]
    # Without GG302, nothing hides the deprecated mention on the var line.
    alone = findings(tmp_path, "--select", "GG303", ".")
    assert [(f["code"], f["line"]) for f in alone] == [("GG303", 9), ("GG303", 13)]


# --- GG301 through the console script -------------------------------------------------------

BOUNDS = '''package p

import "unsafe"

func words() []uint64 {
	var key [16]byte
	p := (*uint64)(unsafe.Pointer(&key))
	return unsafe.Slice(p, 4)
}

func fine(s string) []byte {
	return unsafe.Slice(unsafe.StringData(s), len(s))
}
'''


def test_gg301_text_json_and_sarif(tmp_path):
    write_tree(tmp_path, {"p.go": BOUNDS})
    code, out, err = check(tmp_path, "p.go")
    line, col = locate(BOUNDS, "unsafe.Slice(p, 4)")
    assert (code, err) == (1, [])
    assert out[0] == (f"p.go:{line}:{col}: unsafe.Slice length 4 exceeds the 2 elements behind &key "
                      f"(32 bytes requested, 16 available) (GG301)")
    [f] = findings(tmp_path, "p.go")
    assert (f["severity"], f["end_line"], f["end_column"]) == ("error", line, col + len("unsafe.Slice(p, 4)"))
    assert f["flow"] == [{"path": "p.go", "line": 7, "column": 2, "note": "p points to &key"}]
    r = run("check", "--format", "sarif", "p.go", cwd=tmp_path)
    sarif = json.loads(r.stdout)
    rules = {d["id"]: d for d in sarif["runs"][0]["tool"]["driver"]["rules"]}
    assert rules["GG301"]["properties"]["security-severity"] == "8.1"
    assert rules["GG302"]["properties"]["security-severity"] == "7.5"
    assert "security-severity" not in rules["GG303"].get("properties", {})


def test_rule_pages_state_64_bit_sizes_and_peers():
    for code in ("GG301", "GG302"):
        page = run("rule", code, cwd=fx.REPO).stdout.decode()
        assert "64-bit" in page
    page = run("rule", "GG303", cwd=fx.REPO).stdout.decode()
    assert "SA1019" in page and "1.20" in page
    doc = (fx.REPO / "docs" / "unsafe-rules.md").read_text()
    assert "unsafeptr" in doc and "SA1019" in doc and "GG302" in doc and "GG303" in doc


# --- robustness ----------------------------------------------------------------------------

ODD = {
    "shifts.go": '''package p

import "unsafe"

const huge = 1 << 100000
const neg = -1 << 5000

func f(p *byte) []byte {
	return unsafe.Slice(p, huge>>99990+neg+neg*-1)
}
''',
    "cycles.go": '''package p

import "unsafe"

const a = b + 1
const b = a + 1

type loop [unsafe.Sizeof(loop{})]byte

type self struct{ next [2]self }

func g() []byte {
	var x self
	var l loop
	_ = l
	return unsafe.Slice((*byte)(unsafe.Pointer(&x)), a)
}
''',
    "broken.go": '''package p

import "unsafe"

func h(b []byte) string {
	return unsafe.String(&b[0], len(b)+
}

func k() []int { var arr [2]int; return unsafe.Slice(&arr[0], 3) }
''',
    "strings.go": '''package p

import "unsafe"

func s() string {
	const bad = "\\xZZ\\q"
	return unsafe.String(unsafe.StringData(bad), 100)
}
''',
}


def test_odd_code_does_not_crash(tmp_path):
    write_tree(tmp_path, ODD)
    code, out, err = check(tmp_path, "--select", "GG301,GG302,GG303", ".")
    assert not [e for e in err if "internal error" in e or "Traceback" in e], err
    assert code == 1 and [o for o in out if "GG301" in o] == [
        "broken.go:9:41: unsafe.Slice length 3 exceeds the 2 elements behind &arr[0] "
        "(24 bytes requested, 16 available) (GG301)"]


# --- GG302: a header handed to C as its bytes ------------------------------------------------

CGO = '''package p

/*
#include <unistd.h>
*/
import "C"

import "unsafe"

func write(fd C.int, buf []byte) {
	C.write(fd, unsafe.Pointer((*C.uchar)(unsafe.Pointer(&buf))), C.size_t(len(buf)))
}

func writeChars(fd C.int, s string) {
	C.write(fd, unsafe.Pointer((*C.char)(unsafe.Pointer(&s))), C.size_t(len(s)))
}

func right(fd C.int, buf []byte) {
	C.write(fd, unsafe.Pointer((*C.uchar)(unsafe.Pointer(&buf[0]))), C.size_t(len(buf)))
}

func asInt(buf []byte) *C.int {
	return (*C.int)(unsafe.Pointer(&buf))
}
'''


def test_gg302_reports_a_header_handed_to_c_as_bytes(tmp_path):
    """cgo's character types are bytes: `(*C.uchar)(unsafe.Pointer(&buf))` hands C the
    slice header. A pointer to C.int is not judged (a header read as words)."""
    write_tree(tmp_path, {"go.mod": "module m\n\ngo 1.22\n", "p.go": CGO})
    got = findings(tmp_path, "--select", "GG302", ".")
    assert [(f["line"], f["message"].split(" points")[0]) for f in got] == [
        (11, "(*C.uchar)(unsafe.Pointer(&buf))"), (15, "(*C.char)(unsafe.Pointer(&s))")]
    assert "use unsafe.SliceData(buf)" in got[0]["message"] and "use unsafe.StringData(s)" in got[1]["message"]
