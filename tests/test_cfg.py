"""The control-flow graph: every Go statement form gets the edges Go gives it."""

from __future__ import annotations

import networkx as nx
import pytest

from goguard.analyses.cfg import build
from goguard.frontend.source import SourceFile


def cfg_of(body: str, imports: dict[str, str] | None = None, params: str = ""):
    src = f"package p\n\nfunc f({params}) {{\n{body}\n}}\n".encode()
    f = SourceFile.parse("p.go", "p.go", src)
    fn = next(c for c in f.root.named_children if c.type == "function_declaration")
    return build(fn, f.text, imports or {}), f


def node_of(cfg, f, text: str) -> int:
    """The CFG node whose statement / condition text starts with `text`."""
    for n in cfg.graph.nodes:
        a = cfg.ast(n)
        if a is not None and f.text(a).startswith(text) and cfg.kind(n) != "join":
            return n
    raise AssertionError(f"no CFG node for {text!r}")


def reaches(cfg, a: int, b: int) -> bool:
    return nx.has_path(cfg.graph, a, b)


def test_if_else_chain_with_init_branches_and_joins():
    cfg, f = cfg_of("""
	if v := g(); v > 0 {
		a()
	} else if v < 0 {
		b()
	} else {
		c()
	}
	d()""")
    init = node_of(cfg, f, "v := g()")
    cond = node_of(cfg, f, "v > 0")
    assert list(cfg.graph.predecessors(cond)) == [init]
    branches = {attrs["branch"]: dst for _, dst, attrs in cfg.graph.out_edges(cond, data=True)}
    assert set(branches) == {True, False}
    assert branches[True] == node_of(cfg, f, "a()")
    assert branches[False] == node_of(cfg, f, "v < 0")
    end = node_of(cfg, f, "d()")
    for call in ("a()", "b()", "c()"):
        assert reaches(cfg, node_of(cfg, f, call), end)
    assert not reaches(cfg, node_of(cfg, f, "a()"), node_of(cfg, f, "b()"))


@pytest.mark.parametrize("loop, body_first", [
    ("for i := 0; i < n; i++ {\n\t\tx()\n\t}", "i < n"),
    ("for n > 0 {\n\t\tx()\n\t}", "n > 0"),
])
def test_conditional_loops_have_back_edges_and_exits(loop, body_first):
    cfg, f = cfg_of(loop + "\n\tdone()", params="n int")
    head = node_of(cfg, f, body_first)
    body = node_of(cfg, f, "x()")
    assert reaches(cfg, body, head), "the body loops back to the condition"
    exits = [d for _, d, a in cfg.graph.out_edges(head, data=True) if a.get("branch") is False]
    assert exits and reaches(cfg, exits[0], node_of(cfg, f, "done()"))


def test_infinite_loop_exits_only_by_break():
    cfg, f = cfg_of("for {\n\t\tif stop() {\n\t\t\tbreak\n\t\t}\n\t}\n\tafter()")
    after = node_of(cfg, f, "after()")
    brk = node_of(cfg, f, "break")
    assert reaches(cfg, brk, after)
    head = next(n for n in cfg.graph.nodes if cfg.kind(n) == "cond" and cfg.ast(n) is None)
    assert all(a.get("branch") is not False for _, _, a in cfg.graph.out_edges(head, data=True))


@pytest.mark.parametrize("clause", ["k, v := range m", "range 10", "x := range ch", "_, r := range s"])
def test_range_loops_have_a_head_that_assigns_and_may_skip(clause):
    cfg, f = cfg_of(f"for {clause} {{\n\t\tuse()\n\t}}\n\tend()")
    head = next(n for n in cfg.graph.nodes if cfg.kind(n) == "range")
    assert f.text(cfg.ast(head)) == clause
    out = {a.get("branch") for _, _, a in cfg.graph.out_edges(head, data=True)}
    assert out == {True, False}
    assert reaches(cfg, node_of(cfg, f, "use()"), head)


def test_labeled_break_and_continue_target_the_outer_loop():
    cfg, f = cfg_of("""
outer:
	for i := 0; i < 3; i++ {
		for j := 0; j < 3; j++ {
			if j == 1 {
				continue outer
			}
			if j == 2 {
				break outer
			}
		}
	}
	end()""")
    cont = node_of(cfg, f, "continue outer")
    brk = node_of(cfg, f, "break outer")
    assert list(cfg.graph.successors(cont)) == [node_of(cfg, f, "i++")]
    (exit_join,) = cfg.graph.successors(brk)
    assert cfg.kind(exit_join) == "join" and f.text(cfg.ast(exit_join)).startswith("for i := 0")


def test_switch_fallthrough_default_and_nomatch():
    cfg, f = cfg_of("""
	switch x {
	case 1:
		a()
		fallthrough
	case 2:
		b()
	}
	end()""", params="x int")
    head = next(n for n in cfg.graph.nodes if cfg.kind(n) == "stmt" and cfg.ast(n).type == "expression_switch_statement")
    cases = [d for _, d, a in cfg.graph.out_edges(head, data=True) if "case" in a]
    assert len(cases) == 2
    assert any("nomatch" in a for _, _, a in cfg.graph.out_edges(head, data=True)), "no default: the switch may match nothing"
    assert reaches(cfg, node_of(cfg, f, "fallthrough"), node_of(cfg, f, "b()"))
    cfg2, f2 = cfg_of("switch {\n\tcase c():\n\t\ta()\n\tdefault:\n\t\tb()\n\t}")
    head2 = next(n for n in cfg2.graph.nodes if cfg2.kind(n) == "stmt" and cfg2.ast(n).type == "expression_switch_statement")
    assert not any("nomatch" in a for _, _, a in cfg2.graph.out_edges(head2, data=True))


def test_type_switch_and_select_clauses():
    cfg, f = cfg_of("""
	switch v := x.(type) {
	case int:
		a(v)
	case string:
		b(v)
	}
	select {
	case m := <-ch:
		c(m)
	case ch <- 1:
		d()
	default:
		e()
	}
	end()""", params="x any, ch chan int")
    end = node_of(cfg, f, "end()")
    for call in ("a(v)", "b(v)", "c(m)", "d()", "e()"):
        assert reaches(cfg, node_of(cfg, f, call), end)
    recv = node_of(cfg, f, "m := <-ch")
    assert reaches(cfg, recv, node_of(cfg, f, "c(m)"))


def test_goto_return_defer_and_go():
    cfg, f = cfg_of("""
	defer cleanup()
	go worker()
	if bad() {
		goto fail
	}
	return
fail:
	report()""")
    assert reaches(cfg, node_of(cfg, f, "goto fail"), node_of(cfg, f, "report()"))
    ret = node_of(cfg, f, "return")
    assert list(cfg.graph.successors(ret)) == [cfg.exit]
    assert reaches(cfg, cfg.entry, node_of(cfg, f, "defer cleanup()"))
    assert reaches(cfg, node_of(cfg, f, "defer cleanup()"), node_of(cfg, f, "go worker()"))


@pytest.mark.parametrize("call, imports", [
    ('panic("x")', {}),
    ("os.Exit(1)", {"os": "os"}),
    ('log.Fatalf("x")', {"log": "log"}),
    ('t.Fatal("x")', {}),
    ("t.FailNow()", {}),
    ("runtime.Goexit()", {"runtime": "runtime"}),
])
def test_calls_that_never_return_end_the_path(call, imports):
    cfg, f = cfg_of(f"if c {{\n\t\t{call}\n\t}}\n\tafter()", imports, params="c bool")
    n = node_of(cfg, f, call)
    assert [(d, a) for _, d, a in cfg.graph.out_edges(n, data=True)] == [(cfg.exit, {"noreturn": True})]
    assert not reaches(cfg, n, node_of(cfg, f, "after()"))


def test_exit_of_a_plain_package_is_not_mistaken_for_os_exit():
    cfg, f = cfg_of("if c {\n\t\tproc.Exit(1)\n\t}\n\tafter()", {"proc": "example.com/proc"}, params="c bool")
    assert reaches(cfg, node_of(cfg, f, "proc.Exit(1)"), node_of(cfg, f, "after()"))


def test_function_literal_bodies_are_not_part_of_the_enclosing_graph():
    cfg, f = cfg_of("fn := func() {\n\t\tinner()\n\t}\n\tfn()")
    texts = [f.text(cfg.ast(n)) for n in cfg.graph.nodes if cfg.ast(n) is not None]
    assert not any(t.startswith("inner()") for t in texts)


def test_order_puts_loop_bodies_before_what_follows_the_loop():
    cfg, f = cfg_of("for _, x := range xs {\n\t\tuse(x)\n\t}\n\tafter()", params="xs []int")
    order = cfg.order()
    assert order.index(node_of(cfg, f, "use(x)")) < order.index(node_of(cfg, f, "after()"))
