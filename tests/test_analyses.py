"""The shared analyses: the scope model, the dataflow solver, the nil-ness facts, and
that each is computed once per function whichever rules ask."""

from __future__ import annotations

from goguard import analyses
from goguard.analyses.cfg import CFG, build
from goguard.analyses.dataflow import Problem, solve
from goguard.analyses.nilness import Nil, is_nil, only_nil
from goguard.engine import FilePass, Options, analyse_file
from goguard.frontend.package import Package
from goguard.frontend.source import SourceFile
from goguard.rules import all_rules


def file_pass(src: str, extra: str = "") -> FilePass:
    f = SourceFile.parse("p.go", "/tmp/p.go", src.encode())
    files = [f]
    if extra:
        files.append(SourceFile.parse("q.go", "/tmp/q.go", extra.encode(), report=False))
    return FilePass(f, Package("/tmp", "p", files), Options())


def func(fp: FilePass, name: str):
    for c in fp.file.root.named_children:
        if c.type in ("function_declaration", "method_declaration"):
            n = c.child_by_field_name("name")
            if n is not None and fp.text(n) == name:
                return c
    raise AssertionError(name)


def idents(fp: FilePass, fn, name: str):
    out, stack = [], [fn]
    while stack:
        n = stack.pop()
        if n.type in ("identifier", "type_identifier") and fp.text(n) == name:
            out.append(n)
        stack.extend(n.named_children)
    return sorted(out, key=lambda n: n.start_byte)


# ---- scopes -----------------------------------------------------------------------

SCOPES_SRC = """package p

import str "strings"

var global = map[string]int{}

func f(a int) (r map[string]int) {
	x := 1
	if x := "inner"; x != "" {
		_ = x
	}
	{
		x := 2.5
		_ = x
	}
	for i, x := range []int{a} {
		_, _ = i, x
	}
	fn := func() { x++ }
	fn()
	_ = str.ToUpper("a")
	global["k"] = x
	return r
}
"""


def test_scopes_resolve_shadowing_closures_params_and_results():
    fp = file_pass(SCOPES_SRC)
    fn = func(fp, "f")
    scopes = fp.result("scopes", fn)
    xs = idents(fp, fn, "x")
    decls = [scopes.decl_of(x) for x in xs]
    outer = decls[0]
    assert outer.origin == "define" and outer.name == "x"
    by_line = {}
    for x, d in zip(xs, decls):
        by_line.setdefault(x.start_point[0] + 1, []).append(d)
    # if-init shadows: both uses inside the if name the inner x
    assert all(d is not outer for d in by_line[9]) and by_line[10][0] is by_line[9][0]
    # block shadowing, then range variables
    assert by_line[13][0] is not outer and by_line[14][0] is by_line[13][0]
    assert by_line[17][0].origin == "range"
    # the closure captures the outer x; the last use is the outer one again
    assert by_line[19][0] is outer
    assert by_line[22][0] is outer
    assert scopes.decl_of(idents(fp, fn, "a")[-1]).kind == "param"
    assert scopes.decl_of(idents(fp, fn, "r")[-1]).kind == "result"
    # package-level and import names are not local declarations
    assert scopes.decl_of(idents(fp, fn, "global")[0]) is None
    assert scopes.decl_of(idents(fp, fn, "str")[0]) is None
    assert fp.imports["str"] == "strings"


def test_closures_share_their_enclosing_functions_scopes():
    fp = file_pass(SCOPES_SRC)
    fn = func(fp, "f")
    lit = next(n for n in _walk(fn) if n.type == "func_literal")
    assert fp.result("scopes", lit) is fp.result("scopes", fn)


def test_types_come_from_other_files_of_the_package():
    fp = file_pass(
        "package p\nfunc f() { var s Set; s[\"a\"] = struct{}{} }\n",
        extra="package p\ntype Set map[string]struct{}\n",
    )
    assert [x.code for x in _findings(fp)] == ["GG101"]


# ---- the solver -------------------------------------------------------------------

class Reaching(Problem):
    """A tiny problem: which statements' texts may have run before each node."""

    def __init__(self, cfg: CFG, text):
        self.cfg, self.text = cfg, text

    def entry(self):
        return frozenset()

    def transfer(self, node, state):
        ast = self.cfg.ast(node)
        return state | {self.text(ast)} if self.cfg.kind(node) == "stmt" and ast is not None else state

    def join(self, node, states):
        return frozenset().union(*states)

    def edge(self, src, dst, attrs, state):
        # prune the False branch of `if false`
        if attrs.get("branch") is False and self.text(self.cfg.ast(src)) == "false":
            return None
        return state


def test_solver_reaches_a_fixpoint_over_loops_and_prunes_infeasible_edges():
    src = "package p\nfunc f(n int) {\n\tfor i := 0; i < n; i++ {\n\t\ta()\n\t}\n\tif false {\n\t\tb()\n\t} else {\n\t\tc()\n\t}\n\td()\n}\n"
    f = SourceFile.parse("p.go", "p.go", src.encode())
    fn = f.root.named_children[1]
    cfg = build(fn, f.text, {})
    sol = solve(cfg, Reaching(cfg, f.text))
    head = next(n for n in cfg.graph.nodes if cfg.kind(n) == "cond" and f.text(cfg.ast(n)) == "i < n")
    assert {"a()", "i++"} <= sol.before[head], "the back edge carries the body's facts"
    c_node = next(n for n in cfg.graph.nodes if cfg.ast(n) is not None and f.text(cfg.ast(n)) == "c()")
    assert c_node not in sol.before, "the pruned edge makes c() unreachable"
    d_node = next(n for n in cfg.graph.nodes if cfg.ast(n) is not None and f.text(cfg.ast(n)) == "d()")
    assert "b()" in sol.before[d_node] and "c()" not in sol.before[d_node]


# ---- nil-ness facts ----------------------------------------------------------------

NIL_SRC = """package p

func f(c bool, get func() map[string]int) {
	var a map[string]int
	b := get()
	var d map[string]int
	if c {
		d = make(map[string]int)
	}
	a["x"] = 1
	b["x"] = 1
	d["x"] = 1
	d["y"] = 2
}
"""


def test_nilness_facts_at_each_write():
    fp = file_pass(NIL_SRC)
    fn = func(fp, "f")
    res = fp.result("nilness", fn)
    facts = {fp.text(s.node): s.facts for s in res.sinks.values()}
    assert only_nil(facts['a["x"]'])
    assert not is_nil(facts['b["x"]']), "a call result is unknown"
    assert is_nil(facts['d["x"]']) and not only_nil(facts['d["x"]'])
    (src,) = [v for v in facts['d["x"]'] if isinstance(v, Nil)]
    assert src.branch >= 0, "the nil path is explained by the if that skipped the make"
    assert not is_nil(facts['d["y"]']), "past a write that would have panicked, d is not nil"


def test_shared_analyses_are_computed_once_per_function(monkeypatch):
    calls: dict[str, int] = {}
    for name in ("cfg", "scopes", "nilness"):
        original = analyses.get(name)

        def counting(pass_, fn, _orig=original, _name=name):
            calls[_name] = calls.get(_name, 0) + 1
            return _orig(pass_, fn)

        monkeypatch.setitem(analyses._ANALYSES, name, counting)
    src = """package p

func f() {
	var m map[string]int
	var p *[]byte
	m["a"] = 1
	m["b"] = 2
	*p = append(*p, 1)
}
"""
    fp = file_pass(src)
    analyse_file(fp, [r for r in all_rules() if r.code in ("GG101", "GG102")])
    assert sorted(x.code for x in fp.findings) == ["GG101", "GG102"]
    # GG101 and GG102 both ask; each analysis runs once for the one function
    assert calls == {"cfg": 1, "scopes": 1, "nilness": 1}


def _findings(fp: FilePass):
    analyse_file(fp, list(all_rules()))
    return fp.findings


def _walk(n):
    stack = [n]
    while stack:
        x = stack.pop()
        yield x
        stack.extend(x.named_children)


def test_files_read_for_declarations_are_parsed_only_when_asked(tmp_path):
    """Pre-commit names single files: the rest of the folder supplies declarations,
    parsed on first use, and is never reported on."""
    from goguard.engine import run
    from goguard.frontend.loader import expand

    (tmp_path / "a.go").write_text('package p\n\nfunc f() {\n\tvar s Set\n\ts["a"] = struct{}{}\n}\n')
    (tmp_path / "set.go").write_text("package p\n\ntype Set map[string]struct{}\n\nfunc g() { var m map[string]int; m[\"x\"] = 1 }\n")
    units = expand([str(tmp_path / "a.go")])
    result = run(units, Options(jobs=1))
    assert [(x.path.rsplit("/", 1)[-1], x.line, x.code) for x in result.findings] == [("a.go", 5, "GG101")]

    pending = [("set.go", str(tmp_path / "set.go"), (tmp_path / "set.go").read_bytes())]
    f = SourceFile.parse("a.go", str(tmp_path / "a.go"), (tmp_path / "a.go").read_bytes())
    pkg = Package(str(tmp_path), "p", [f], pending=pending)
    assert len(pkg._files) == 1, "nothing parsed before the declarations are needed"
    assert pkg.decls["Set"].kind == "type"
    assert [x.path for x in pkg.files] == ["a.go", "set.go"]


def test_the_per_function_floor_does_not_import_the_package_floor():
    # Data flows frontend -> analyses -> facts -> rules: the analyses read package
    # facts by name (`pass_.fact(...)`), so the facts may use the nil-ness analysis.
    import ast
    from pathlib import Path

    import goguard.analyses as pkg

    bad = []
    for path in Path(pkg.__file__).parent.rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text())):
            names = [node.module or ""] if isinstance(node, ast.ImportFrom) else \
                [a.name for a in node.names] if isinstance(node, ast.Import) else []
            bad += [f"{path.name}: {n}" for n in names if n.startswith(("goguard.facts", "goguard.rules"))]
    assert not bad, bad


KEEPS = '''package p

import "sync"

var saved [][]byte
var pool sync.Pool

type item struct{ name []byte }
type list struct{ items [][]byte; index map[string]*item }
type result struct{ cfg *item }
type printer struct{ linePtr *int }

func global(b []byte)            { saved = append(saved, b[1:]) }
func (it *item) Write(p []byte)   { it.name = p[2:] }
func (l *list) Add(p []byte)      { l.items = append(l.items, p) }
func (l *list) Put(k string, v *item) { m := &item{name: v.name}; l.index[k] = v; _ = m }
func build(c *item) (*result, error) { r := &result{cfg: c}; return r, nil }
func goes(b []byte)              { go func() { _ = len(b) }() }
func relay(b []byte)             { goes(b) }
func release(x *item)            { pool.Put(x) }
func copies(c *item) *item       { d := *c; c = &d; return c }
func (p *printer) record(l *int) { p.linePtr = l }
func (p *printer) flush()        { *p.linePtr = 1 }
func reads(b []byte) int         { return len(b) }
'''


def test_keeps_summaries_say_where_an_argument_is_kept():
    from goguard.facts.keeps import keeps

    fp = file_pass(KEEPS)
    got = {}
    for decl, f in fp.package.functions():
        k = keeps(fp, decl, f)
        got[fp.text(decl.child_by_field_name("name"))] = (
            sorted(k.out), sorted(k.receiver), sorted(k.entries), sorted(k.result), sorted(k.released))
    assert got["global"] == ([0], [], [], [], [])  # a window, in a package variable
    assert got["Write"] == ([], [0], [], [], [])  # in a field of the receiver
    assert got["Add"] == ([], [0], [0], [], [])  # an entry of the receiver's slice
    assert got["Put"] == ([], [1], [1], [], [])  # an entry of the receiver's map
    assert got["build"] == ([], [], [], [0], [])  # returned inside a value it builds
    assert got["goes"] == ([0], [], [], [], []) and got["relay"] == ([0], [], [], [], [])  # a goroutine
    assert got["release"] == ([], [], [], [], [0])  # back in a sync.Pool
    assert got["copies"] == ([], [], [], [], [])  # the parameter is replaced by a copy first
    assert got["record"] == ([], [], [], [], [])  # an out-parameter: written through
    assert got["reads"] == ([], [], [], [], [])
