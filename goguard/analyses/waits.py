"""The channel operations and waits of a function, by CFG node.

Each node of the function's CFG gets the operations its own code performs (not a nested
function literal's, not a `go` statement's):

- ("recv", ch): a receive `<-ch` (a statement, a condition, a `case <-ch:`), or a
  `range` over a channel;
- ("send", ch): a send `ch <- v`; ("close", ch): `close(ch)`;
- ("wait", x): `x.Wait()` (sync.WaitGroup, errgroup, sync.Cond);
- ("call", name): a call of a function or method of the package that waits
  (goguard/facts/waits.py: `waitTimeout(&wg, d)`, `l.await()`).

A `select` blocks only in the case it takes: its head holds no operation, each
communication is a node of its own, and the path through a `default` passes none.
Operations of a `defer` statement (and of the literal it defers) run at return: they
are listed apart, in `deferred`. Channels are named by their text (`ch`, `p.ready`).
"""

from __future__ import annotations

import re

from tree_sitter import Node

from goguard.analyses import analysis

_HITS = re.compile(rb"<-|\.Wait\(\)|\bclose\s*\(")
_LITERAL = "func_literal"


class Waits:
    def __init__(self, fp, fn: Node) -> None:
        self.ops: dict[int, list[tuple[str, str]]] = {}
        self.deferred: list[tuple[str, str]] = []
        body = fn.child_by_field_name("body")
        if body is None:
            return
        data, root, text = fp.file.data, fp.file.root, fp.text
        model = fp.result("aliases", fn)
        found: list[tuple[Node, str, str]] = []
        for m in _HITS.finditer(data, body.start_byte, body.end_byte):
            n = root.descendant_for_byte_range(m.start(), m.start() + 1)
            op = _operation(n, m.group(), text)
            if op is not None:
                found.append((op[0], op[1], op[2]))
        callees = fp.fact("waiting-callees")  # the package's functions that wait (goguard.facts.waits)
        finder = callees.finder()
        if finder:
            for start, end, name in finder.finditer(data, body.start_byte, body.end_byte):
                n = root.descendant_for_byte_range(start, end)
                call = _call_of(n) if callees.may_wait(name.decode()) else None
                got = callees.callee(fp, fn, call) if call is not None else None
                if got is not None and got[0].id != fn.id and callees.waits(fp, got[0], got[1]):
                    found.append((call, "call", name.decode()))
        for site, kind, ch in found:
            where = _where(site, fn)
            if where == "defer":
                self.deferred.append((kind, ch))
            elif where == "own":
                v = model.node_of(site)
                if v is not None:
                    self.ops.setdefault(v, []).append((kind, ch))
        g = fp.result("cfg", fn).graph
        types = None
        for v, a in g.nodes(data=True):
            if a["kind"] != "range" or a["ast"] is None:
                continue
            right = a["ast"].child_by_field_name("right")
            if right is None:
                continue
            types = types or fp.result("exprtypes", fn)
            if types.types.underlying(types.of(right)).kind == "chan":
                self.ops.setdefault(v, []).append(("recv", text(right)))

    def at(self, node: int) -> list[tuple[str, str]]:
        return self.ops.get(node, [])


def _operation(n: Node | None, hit: bytes, text) -> tuple[Node, str, str] | None:
    if n is None:
        return None
    if hit == b"<-":
        p = n.parent if n.type == "<-" else None
        if p is not None and p.type == "unary_expression":
            operand = p.child_by_field_name("operand")
            return (p, "recv", text(operand)) if operand is not None else None
        if p is not None and p.type == "send_statement":
            ch = p.child_by_field_name("channel")
            return (p, "send", text(ch)) if ch is not None else None
        return None
    if hit.startswith(b".Wait"):
        sel = n.parent  # the `.` token's selector, or the field's
        while sel is not None and sel.type != "selector_expression":
            sel = sel.parent if sel.type in (".", "field_identifier") else None
        call = sel.parent if sel is not None else None
        if call is not None and call.type == "call_expression" and call.child_by_field_name("function") == sel:
            return call, "wait", text(sel.child_by_field_name("operand"))
        return None
    call = n.parent if n.type == "identifier" else None
    args = call.child_by_field_name("arguments") if call is not None and call.type == "call_expression" else None
    if args is not None and args.named_children:
        return call, "close", text(args.named_children[0])
    return None


def _call_of(n: Node | None) -> Node | None:
    p = n.parent if n is not None else None
    if p is not None and p.type == "selector_expression" and n.type == "field_identifier":
        fnode, call = p, p.parent
    else:
        fnode, call = n, p
    if call is None or call.type != "call_expression" or call.child_by_field_name("function") != fnode:
        return None
    return call


def _where(site: Node, fn: Node) -> str:
    """"own" for code of fn's own body, "defer" for a deferred call's (or the literal
    it defers), "" for a nested literal's or a `go` statement's."""
    literal = deferred = False
    p = site
    while p is not None and p.id != fn.id:
        if p.type == "go_statement" or p.type == _LITERAL and deferred:
            return ""  # a go statement's, or a defer of a literal nested in fn
        if p.type == _LITERAL:
            literal = True
        elif p.type == "defer_statement":
            deferred, literal = True, False
        p = p.parent
    return "defer" if deferred else "" if literal else "own"


@analysis("waits")
def waits_analysis(pass_, fn: Node) -> Waits:
    return Waits(pass_, fn)
