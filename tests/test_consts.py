"""The constant evaluator (goguard/analyses/consts.py): values, types and sizes of
expressions without a type-checker, checked against hand-computed values and, for
sizes, alignments and offsets, against what a real Go compiler says."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

import fixtures as fx
from goguard.engine import FilePass, Options
from goguard.frontend.package import Package
from goguard.frontend.source import SourceFile, captures

# `_ = EXPR // = VALUE` lines: VALUE is an int, a quoted string, or None (unknown).
_MARKED = re.compile(r"//\s*=\s*(.+?)\s*$")


def passes(files: dict[str, str]) -> list[FilePass]:
    parsed = [SourceFile.parse(name, name, text.encode()) for name, text in files.items()]
    pkg = Package("/nonexistent", parsed[0].package_name, parsed, (1, 22))
    return [FilePass(f, pkg, Options()) for f in parsed]


def marked_values(files: dict[str, str]) -> list[tuple[int, str, object, object]]:
    """(line, expression, goguard's value, expected value) for each marked line of the
    first file."""
    fp = passes(files)[0]
    f = fp.file
    out = []
    for expr in captures("(assignment_statement right: (expression_list (_) @e))", f.root).get("e", []):
        line = f.position(expr.start_byte)[0]
        m = _MARKED.search(f.line_bytes(line).decode())
        if m is None:
            continue
        want = eval(m.group(1), {"None": None})  # an int, a str or None
        consts = fp.result("consts", fp.enclosing_function(expr))
        got = consts.value(expr)
        out.append((line, f.text(expr), got.decode() if isinstance(got, bytes) else got, want))
    assert out, "no marked lines"
    return sorted(out)


VALUES = '''package p

import (
	"unsafe"
	u2 "unsafe"
)

const (
	A = iota * 10
	B
	C
	_
	E
)

const (
	KB = 1 << (10 * (iota + 1))
	MB
)

const Small uint8 = 200
const PtrSize = 4 << (^uintptr(0) >> 63)
const Greeting = "héllo\\n"
const Raw = `a\\nb`

type Size uint16

type T struct {
	a bool
	b int64
	c [3]int16
}

var table [7]byte

func len2(x []byte) int { return 0 }

func f(param int, xs []int) {
	const local = 3
	n := 16
	m := n * 2
	var zero int
	var u8 uint8 = 250
	b := make([]byte, 4, 32)
	lit := []int{1, 2, 9: 3}
	arr := [...]string{"a", "b", "c"}
	moved := 5
	moved++
	addr := 7
	_ = &addr
	reassigned := 1
	reassigned = 2
	var t T
	_ = A // = 0
	_ = C // = 20
	_ = E // = 40
	_ = MB // = 1 << 20
	_ = Small + 100 // = 44
	_ = PtrSize // = 8
	_ = len(Greeting) // = 7
	_ = len(Raw) // = 4
	_ = Greeting + "!" // = "héllo\\n!"
	_ = local * n // = 48
	_ = m // = 32
	_ = zero // = 0
	_ = u8 + 10 // = 4
	_ = len(b) // = 4
	_ = cap(b) - len(b) // = 28
	_ = len(lit) // = 10
	_ = len(arr) // = 3
	_ = len(table) // = 7
	_ = -7 / 2 // = -3
	_ = -7 % 2 // = -1
	_ = 7 &^ 5 // = 2
	_ = ^uint8(1) // = 254
	_ = ^0 // = -1
	_ = int8(200) // = -56
	_ = Size(70000) // = 4464
	_ = 'a' + '\\n' // = 107
	_ = 0x1_0 + 0o17 + 0b11 + 0777 // = 16 + 15 + 3 + 511
	_ = min(9, n, 12) // = 9
	_ = max(1, local) // = 3
	_ = unsafe.Sizeof(t) // = 24
	_ = u2.Alignof(t.b) // = 8
	_ = unsafe.Offsetof(t.c) // = 16
	_ = unsafe.Sizeof(arr) // = 48
	_ = moved // = None
	_ = addr // = None
	_ = reassigned // = None
	_ = param // = None
	_ = len(xs) // = None
	_ = len2(b) // = None
	_ = 1 / (n - 16) // = None
	_ = 1 << param // = None
}
'''


@pytest.mark.parametrize("line,expr,got,want", marked_values({"p.go": VALUES}),
                         ids=lambda v: str(v) if isinstance(v, int) else None)
def test_values(line, expr, got, want):
    assert got == want, f"line {line}: {expr}"


def test_a_value_a_method_may_change_is_not_a_constant():
    src = '''package p

type counter int

func (c *counter) inc() { *c++ }

func f() {
	n := counter(4)
	n.inc()
	_ = n // = None
	m := counter(4)
	_ = m // = 4
	var p *counter
	_ = p.inc
	k := 4
	_ = k // = 4
}
'''
    for line, expr, got, want in marked_values({"p.go": src}):
        assert got == want, f"line {line}: {expr}"


def test_a_shadowed_builtin_or_package_is_not_evaluated():
    src = '''package p

import "unsafe"

func f() {
	len := func(s string) int { return 99 }
	_ = len("abc") // = None
	var unsafe struct{ Sizeof func(int) uintptr }
	_ = unsafe.Sizeof(1) // = None
	int := 3
	_ = int // = 3
}

func g() {
	_ = unsafe.Sizeof(int32(0)) // = 4
}
'''
    for line, expr, got, want in marked_values({"p.go": src}):
        assert got == want, f"line {line}: {expr}"


def test_names_declared_per_platform_have_no_value_or_size():
    files = {
        "a_linux.go": '''package p

import "unsafe"

func f() {
	_ = bufSize // = None
	_ = unsafe.Sizeof(stat{}) // = None
	_ = fixed // = 8
}
''',
        "b_linux.go": "package p\n\nconst bufSize = 64\nconst fixed = 8\n\ntype stat struct{ a int64 }\n",
        "b_darwin.go": "package p\n\nconst bufSize = 128\n\ntype stat struct{ a, b int64 }\n",
    }
    for line, expr, got, want in marked_values(files):
        assert got == want, f"line {line}: {expr}"


@pytest.mark.parametrize("name,header,known", [
    ("x.go", "", True),
    ("x_linux_amd64.go", "", True),
    ("x_arm64.go", "", True),
    ("x_386.go", "", False),
    ("x_linux_arm.go", "", False),
    ("x_mipsle_test.go", "", False),
    ("y.go", "//go:build 386 || arm\n\n", False),
    ("y.go", "//go:build linux && !mips\n\n", False),
    ("y.go", "//go:build linux && arm64\n\n", True),
])
def test_word_dependent_sizes_are_unknown_in_32_bit_files(name, header, known):
    src = header + '''package p

import "unsafe"

func f() {
	_ = unsafe.Sizeof(uintptr(0)) // = 8
	_ = unsafe.Sizeof(struct{ a, b int32 }{}) // = 8
}
'''
    got = marked_values({name: src})
    assert got[0][2] == (8 if known else None)
    assert got[1][2] == 8  # fixed-size types keep their size everywhere


# --- sizes against the real compiler --------------------------------------------------

SIZES = '''package main

import (
	"fmt"
	"unsafe"
)

type small struct {
	a byte
	b int32
	c byte
}

type trailing struct {
	n int64
	z struct{}
}

type nested struct {
	s small
	p *int
	f [3]float32
	c complex128
	e struct{}
	x [0]int64
}

type named [5]uint16

type words [4]uintptr

type iface struct {
	e error
	a any
	m map[string]int
	ch chan int
	fn func()
	up unsafe.Pointer
	s string
	sl []byte
}

type alias = small

type padded struct {
	a bool
	b complex64
	c bool
	d [2]int16
	e bool
}

func main() {
	var (
		v1 small
		v2 trailing
		v3 nested
		v4 named
		v5 words
		v6 iface
		v7 alias
		v8 padded
		v9 [3]small
		v10 struct {
			a int8
			b named
			c int64
		}
	)
	fmt.Println(unsafe.Sizeof(v1), unsafe.Alignof(v1), unsafe.Offsetof(v1.c))
	fmt.Println(unsafe.Sizeof(v2), unsafe.Alignof(v2), unsafe.Offsetof(v2.z))
	fmt.Println(unsafe.Sizeof(v3), unsafe.Alignof(v3), unsafe.Offsetof(v3.c))
	fmt.Println(unsafe.Sizeof(v4), unsafe.Alignof(v4), unsafe.Offsetof(v3.x))
	fmt.Println(unsafe.Sizeof(v5), unsafe.Alignof(v5), unsafe.Offsetof(v3.e))
	fmt.Println(unsafe.Sizeof(v6), unsafe.Alignof(v6), unsafe.Offsetof(v6.sl))
	fmt.Println(unsafe.Sizeof(v7), unsafe.Alignof(v7), unsafe.Offsetof(v6.s))
	fmt.Println(unsafe.Sizeof(v8), unsafe.Alignof(v8), unsafe.Offsetof(v8.e))
	fmt.Println(unsafe.Sizeof(v9), unsafe.Alignof(v9), unsafe.Offsetof(v8.d))
	fmt.Println(unsafe.Sizeof(v10), unsafe.Alignof(v10), unsafe.Offsetof(v10.c))
}
'''


def goguard_sizes() -> list[list[int | None]]:
    fp = passes({"main.go": SIZES})[0]
    f = fp.file
    out = []
    calls = captures('(call_expression function: (selector_expression field: (field_identifier) @f '
                     '(#eq? @f "Println"))) @call', f.root).get("call", [])
    for call in sorted(calls, key=lambda n: n.start_byte):
        consts = fp.result("consts", fp.enclosing_function(call))
        out.append([consts.value(a) for a in call.child_by_field_name("arguments").named_children])
    return out


def test_sizes_alignments_and_offsets_are_gc_s(tmp_path: Path):
    ours = goguard_sizes()
    assert ours and all(v is not None for row in ours for v in row), ours
    go, why = fx.find_go()
    if go is None:
        pytest.skip(why)
    (tmp_path / "go.mod").write_text("module sizes\n\ngo 1.22\n")
    (tmp_path / "main.go").write_text(SIZES)
    r = go.run("run", ".", cwd=tmp_path, timeout=300)
    assert r.returncode == 0, r.stderr
    real = [[int(x) for x in line.split()] for line in r.stdout.splitlines()]
    assert ours == real
