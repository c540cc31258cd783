"""An alias of a reused variable or buffer stored where it outlives the next write to it.

## What it does
Reports a store of an alias of a variable into something that outlives the next
write to that variable, when that write comes while the stored alias can still be
read. An alias is the variable's address (`&buf`, `&v.f`, `&arr[i]`), a view of its
backing array (`buf[:n]`, `buf` itself, `&buf[i]`, `unsafe.String(&buf[0], n)`), or a
buffer a reader owns (`sc.Bytes()` of a `bufio.Scanner`, `r.ReadSlice` and
`r.ReadLine` of a `bufio.Reader`, `b.Bytes()` of a `bytes.Buffer`). A store that
outlives is an entry of a map or slice (`m[k] = &buf`), an `append` to a slice, a
channel send, a field of another value, a named result or a variable captured from
the enclosing function, directly or inside a composite literal (`T{data: buf[:n]}`).
The write is the next iteration's assignment (`buf = ...`, `v.f = ...`,
`rows.Scan(&v.a)`), a write into the shared array (`r.Read(buf)`, `copy(buf, ...)`,
`buf[i] = ...`, `buf = buf[:0]` then `append`), the next `sc.Scan()`, a read from the
`bufio.Reader`, `b.Reset()` and a write, or the buffer put back in a `sync.Pool`.

It reports when the write is followed by another store of the same alias (so two
entries share one variable: every loop that stores `&buf` and writes `buf`), when the
store was a channel send (the receiver reads while the sender writes), or, for a store
into one place (a field, a named result), when the loop can end with that place
holding the alias of a variable written since (`best = &v` in a loop before Go 1.22).

A goroutine handed an alias (`go process(buf[:n])`) or capturing a slice whose array the
loop refills reads it while the loop goes on: reported unless a `.Wait()` or a channel
operation comes between.
A call of a function of the package that keeps its parameter in one of those places
(`appendVector(&item)` where `appendVector` appends to a package-level slice) is a
store too. Views count from the start of their array only: a window at another
offset (`buf[i:j]`, `&buf[i]`) is not reported, since writes elsewhere in the array
do not touch it; the full list of what GG201 does not see is in
docs/analysis-model.md ("Aliasing").

Loop variables (`for _, v := range`, `for i := 0; ...; i++`) are fresh on every
iteration from Go 1.22 on and are then never reported; below 1.22 (the file's
language version: the nearest go.mod's `go` line or the `go-version` setting,
overridden by a `//go:build go1.N` line, which the type checker raises to at least
go1.21) the range and three-clause loop variables are one variable for the whole
loop, and `&v` stored in the loop is reported.

## Why is this bad?
Every stored alias refers to one variable or one array. After the loop, every entry
shows what was written last: each `m[k]` points at the same `buf`, each line kept from
`sc.Bytes()` holds the bytes of a later line (or a mix of two). Nothing crashes, and
the data is silently wrong.

Go never leaves a pointer to a dead stack frame: storing `&buf` makes the compiler
move `buf` to the heap (GG202 notes every such store), so the pointer stays valid. The
bug is not a dangling pointer; it is that there is only one `buf`.

## Example
```go
package example

import "bufio"

func lines(sc *bufio.Scanner) [][]byte {
	var out [][]byte
	for sc.Scan() {
		out = append(out, sc.Bytes())
	}
	return out
}

func index(names []string) map[string]*string {
	m := map[string]*string{}
	var name string
	for _, n := range names {
		name = n
		m[n] = &name
	}
	return m
}
```

## Use instead
Store a copy (`bytes.Clone`, `sc.Text()`, `string(b)`), point at storage that is not
reused (an element of the input), or declare the variable inside the loop so that each
iteration has its own (`name := n; m[n] = &name`).
```go
package example

import (
	"bufio"
	"bytes"
)

func lines(sc *bufio.Scanner) [][]byte {
	var out [][]byte
	for sc.Scan() {
		out = append(out, bytes.Clone(sc.Bytes()))
	}
	return out
}

func index(names []string) map[string]*string {
	m := map[string]*string{}
	for i := range names {
		m[names[i]] = &names[i] // each entry points at its own element
	}
	return m
}
```

## Runtime symptom
None: no panic, no error. Every entry shows the last value written (`c c c` where `a b
c` was stored), or bytes of a later line, or a mix of two lines. Under the race
detector a channel send of a reused buffer shows as a data race between the sender's
next read and the receiver.

## Fix
`goguard check --fix` stores a copy of the bytes: `bytes.Clone(buf[:n])` (in a file
whose language version is before Go 1.20, `append([]byte(nil), buf[:n]...)`), adding
the `"bytes"` import when it is missing. It applies to a stored `[]byte`: a view of a
byte slice, or the bytes of a scanner, reader or buffer. The fix is safe: what it
changes is what the finding says is wrong (a later write to the buffer showing
through the stored value). For a stored address, `m[k] = &buf`, the fix puts
`bufCopy := bytes.Clone(buf)` (or `bufCopy := v` for a value that is not a byte
slice) on a line of its own before the statement and stores `&bufCopy`; that fix is
*unsafe* (`--unsafe-fixes`): the stored pointer no longer aliases the variable, which
code writing through it could notice. A view of another element type has no fix:
`slices.Clone` it by hand.

## Related checks elsewhere
gosec G601, exportloopref and looppointer reported `&v` of a range variable only; they
are off, deprecated or unmaintained since Go 1.22 gave loops a fresh variable per
iteration, and none of them looked at a buffer declared outside the loop, at
`buf = buf[:0]` after a store, or at a kept `Scanner.Bytes()`. staticcheck has an open
request for this check (dominikh/go-tools#163). `go vet` has no such check.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from typing import Any

from tree_sitter import Node

from goguard.rules._fix_clone import clone_fix
from goguard.analyses.aliases import Alias, AliasModel, Event
from goguard.facts.keeps import keeps
from goguard.frontend.scopes import Decl
from goguard.frontend.source import captures
from goguard.frontend.syntax import operator, strip_parens
from goguard.rules.base import CORPUS, RuleMeta

META = RuleMeta(
    code="GG201",
    name="reused-buffer-alias",
    severity="warning",
    tags=("aliasing", "correctness"),
    precision="high",
    measured=(f"on {CORPUS}, 2 findings, both true (hugo: every PageMenus entry points at one "
              f"MenuEntry; an aws-sdk-go test refills a batch it sent); 0 false positives."),
    query="""
(assignment_statement left: (expression_list [(index_expression) (selector_expression)])) @stmt
(assignment_statement right: (expression_list (call_expression function: (identifier) @fn
  (#eq? @fn "append")))) @stmt
(assignment_statement left: (expression_list (identifier))
  right: (expression_list [(unary_expression) (slice_expression) (call_expression)])) @stmt
(send_statement) @stmt
(expression_statement (call_expression function: (identifier))) @stmt
(go_statement) @stmt
(inc_statement (index_expression)) @stmt
(dec_statement (index_expression)) @stmt
""",
)

# Steps of path search per CFG node of a function: the search stops there (silent on
# what it did not reach), so a huge function costs linear time.
STEPS_PER_NODE = 24
MAX_LITERAL_DEPTH = 6


@dataclass(frozen=True)
class Store:
    alias: Alias
    stmt: Node
    node: int
    how: str  # "stored in" | "appended to" | "sent on"
    where: str  # the target's text
    fixed: bool  # one place (a field, a result, a constant key): each store replaces the last
    send: bool
    container: Decl | None  # a local whose declaration starts a new container
    replaces: bool = False  # into one constant entry (m["k"], s[0]): storing there again replaces it
    goroutine: bool = False  # a goroutine reads it: a Wait() or a receive before the write ends it


def _aliases_in(model: AliasModel, v: Node, depth: int = 0):
    """The aliases a stored value holds: itself, or within a composite literal."""
    v = strip_parens(v)
    if depth > MAX_LITERAL_DEPTH:
        return
    if v.type == "unary_expression" and operator(v) == "&":
        inner = strip_parens(v.child_by_field_name("operand") or v)
        if inner.type == "composite_literal":
            yield from _aliases_in(model, inner, depth + 1)
            return
    if v.type == "composite_literal":
        body = v.child_by_field_name("body")
        for el in body.named_children if body is not None else ():
            if el.type == "keyed_element":
                vals = [c for c in el.named_children if c.type == "literal_element"]
                el = vals[-1] if vals else el
            if el.type == "literal_element" and el.named_children:
                el = el.named_children[0]
            if el.type in ("comment",):
                continue
            yield from _aliases_in(model, el, depth + 1)
        return
    a = model.alias_of(v)
    if a is not None:
        yield a


def _container(model: AliasModel, target: Node) -> Node | None:
    """The root identifier of an assignment target (m of m[k], o of o.f.g, *p of p)."""
    e = strip_parens(target)
    while e.type in ("selector_expression", "index_expression", "unary_expression", "parenthesized_expression"):
        nxt = e.child_by_field_name("operand")
        if nxt is None:
            nxt = e.named_children[0] if e.named_children else None
        if nxt is None:
            break
        e = nxt
    return e if e.type == "identifier" else None


def _constant_key(target: Node) -> bool:
    """m["k"], s[0]: one entry, which a store of the same text replaces."""
    key = target.child_by_field_name("index") if target.type == "index_expression" else None
    return key is not None and strip_parens(key).type in (
        "int_literal", "interpreted_string_literal", "raw_string_literal", "rune_literal", "true", "false")


def _key_stores(model: AliasModel, target: Node, stmt: Node, node: int, container: Decl | None):
    """m[unsafe.String(&b[0], n)] = v: a map keeps its keys' bytes."""
    key = target.child_by_field_name("index")
    operand = target.child_by_field_name("operand")
    if key is None or operand is None or model.type_of(operand).kind not in ("map", "unknown"):
        return
    for a in _aliases_in(model, key):
        if a.kind != "address":  # m[&x] keys by the pointer, which is what it means
            yield Store(a, stmt, node, "used as a key of", model.text(operand), False, False, container)


def _handed(model: AliasModel, stmt: Node):
    """keep(&item): a function of the package that keeps that parameter (a package fact)."""
    call = stmt.named_children[0] if stmt.named_children else None
    fn = call.child_by_field_name("function") if call is not None else None
    args = call.child_by_field_name("arguments") if call is not None else None
    if fn is None or args is None or model.scopes.decl_of(fn) is not None:
        return
    name = model.text(fn)
    top = model.pass_.package.decls.get(name)
    if top is None or top.kind != "func":
        return
    kept = keeps(model.pass_, top.node, top.file)
    for i, arg in enumerate(args.named_children):
        if i in kept and arg.type != "variadic_argument":
            for a in _aliases_in(model, arg):
                yield Store(a, stmt, -1, "handed to", f"{name}, which keeps it,", False, False, None)


MAX_GOROUTINE_BYTES = 20_000  # a longer function literal is not searched for captures


def _goroutine(model: AliasModel, stmt: Node):
    """go f(buf[:n]), go func() { use(x) }(): the goroutine reads the alias, or the
    captured variable itself, while this function goes on."""
    call = next((c for c in stmt.named_children if c.type == "call_expression"), None)
    if call is None:
        return
    fn = strip_parens(call.child_by_field_name("function") or call)
    args = call.child_by_field_name("arguments")
    for arg in args.named_children if args is not None else ():
        if arg.type != "variadic_argument":
            for a in _aliases_in(model, arg):
                yield Store(a, stmt, -1, "handed to", "a goroutine", False, False, None, goroutine=True)
    body = fn.child_by_field_name("body") if fn.type == "func_literal" else None
    if body is None or body.end_byte - body.start_byte > MAX_GOROUTINE_BYTES:
        return
    seen: set[int] = set()
    stack = [body]
    while stack:
        n = stack.pop()
        if n.type == "identifier":
            # A slice declared in this function, captured by reference: its array is
            # what a refill overwrites. (A captured variable assigned again is a data
            # race more than an alias; goroutines are often waited for in ways the
            # search cannot see, so that is left alone.)
            d = model.local(n)
            if d is not None and d.id not in seen:
                seen.add(d.id)
                if model.type_of(n).kind == "slice":
                    yield Store(Alias(d, "view", n), stmt, -1, "captured by", "a goroutine", False, False, None,
                                goroutine=True)
        else:
            stack.extend(n.named_children)


def stores_of(model: AliasModel, stmt: Node):
    """The stores of aliases that one statement makes (their CFG node left at -1: the
    graph is built only for stores whose storage something writes)."""
    node = -1
    text = model.text
    if stmt.type == "expression_statement":
        yield from _handed(model, stmt)
        return
    if stmt.type == "go_statement":
        yield from _goroutine(model, stmt)
        return
    if stmt.type == "send_statement":
        v = stmt.child_by_field_name("value")
        ch = stmt.child_by_field_name("channel")
        for a in _aliases_in(model, v) if v is not None else ():
            yield Store(a, stmt, node, "sent on", text(ch) if ch is not None else "a channel", False, True, None)
        return
    if stmt.type in ("inc_statement", "dec_statement") or operator(stmt) != "=":
        # m[k]++, m[k] += n: only the key is stored (when the entry is new)
        t = strip_parens(stmt.named_children[0]) if stmt.named_children else None
        if stmt.type == "assignment_statement":
            left = stmt.child_by_field_name("left")
            t = strip_parens(left.named_children[0]) if left is not None and len(left.named_children) == 1 else None
        if t is not None and t.type == "index_expression":
            root = _container(model, t)
            container = model.local(root) if root is not None else None
            yield from _key_stores(model, t, stmt, node, container)
        return
    left, right = stmt.child_by_field_name("left"), stmt.child_by_field_name("right")
    if left is None or right is None or len(left.named_children) != len(right.named_children):
        return
    for t, v in zip(left.named_children, right.named_children):
        t, v = strip_parens(t), strip_parens(v)
        root = _container(model, t)
        container = model.local(root) if root is not None else None
        fn = v.child_by_field_name("function") if v.type == "call_expression" else None
        if fn is not None and fn.type == "identifier" and text(fn) == "append" and \
                model.scopes.decl_of(fn) is None:
            args = v.child_by_field_name("arguments")
            for arg in args.named_children[1:] if args is not None else ():
                if arg.type == "variadic_argument":
                    continue  # append(s, buf...) copies the elements
                for a in _aliases_in(model, arg):
                    if container is None or a.root.id != container.id:
                        yield Store(a, stmt, node, "appended to", text(t), False, False, container)
            continue
        if t.type == "index_expression":
            fixed = False
            yield from _key_stores(model, t, stmt, node, container)
        elif t.type == "selector_expression":
            fixed = True
        elif t.type == "identifier":
            d = model.scopes.decl_of(t)
            if d is None:
                top = model.pass_.package.decls.get(text(t))
                if top is None or top.kind != "var":
                    continue
            elif d.kind == "result" and d.func.id == model.fn.id:
                pass
            elif d.func.id != model.fn.id and d.kind in ("var", "param", "result", "receiver"):
                container = None  # captured: lives as long as the enclosing function's frame
            else:
                continue  # a plain local pointer: its uses are in this function
            fixed = True
        else:
            continue
        if fixed and container is not None and container.kind == "var":
            continue  # one place of a local (bufs[0], o.f): read within this function, not kept
        for a in _aliases_in(model, v):
            if container is None or a.root.id != container.id:  # x = x[:0] stores nothing
                yield Store(a, stmt, node, "stored in", text(t), fixed, False, container, _constant_key(t))


class _Search:
    """Path search over one function's CFG, with a step budget shared by its stores."""

    def __init__(self, model: AliasModel) -> None:
        self.model = model
        self.cfg = model.cfg
        self.steps = STEPS_PER_NODE * (self.cfg.graph.number_of_nodes() + 8)
        # A three-clause loop's update statement runs at the start of the next
        # iteration (the back edge leaves it), so a write there is "on the next iteration".
        self.joins = {a["ast"].id: v for v, a in self.cfg.graph.nodes(data=True)
                      if a["kind"] == "join" and a["ast"] is not None}
        self.updates = {v for v, a in self.cfg.graph.nodes(data=True)
                        if a["ast"] is not None and a["ast"].parent is not None
                        and a["ast"].parent.type == "for_clause"
                        and a["ast"].parent.child_by_field_name("update") == a["ast"]}

    def _loop_of(self, store: Store) -> Node | None:
        """The innermost loop around the store that the root's declaration is outside of
        (or, below Go 1.22, that declares it as a loop variable)."""
        root = store.alias.root
        n = store.stmt.parent
        while n is not None and n.id != self.model.fn.id:
            if n.type == "for_statement":
                inside = n.start_byte <= root.ident.start_byte < n.end_byte
                if not inside or (self.model.shared_loop_vars and _declares(n, root)):
                    return n
            n = n.parent
        return None

    def _kills(self, store: Store) -> tuple[set[int], Node | None]:
        model = self.model
        root = store.alias.root
        kills: set[int] = set()
        fresh_loop = None
        decl_node = model.node_of(root.ident) if root.kind == "var" else None
        loop_var = _loop_clause_of(root)
        if decl_node is not None and not (model.shared_loop_vars and loop_var is not None):
            kills.add(decl_node)
        if loop_var is not None and not model.shared_loop_vars:
            # Go 1.22: each iteration has its own copy, made before the update statement.
            fresh_loop = loop_var
            clause = next((c for c in loop_var.named_children if c.type == "for_clause"), None)
            upd = clause.child_by_field_name("update") if clause is not None else None
            un = model.node_of(upd) if upd is not None else None
            if un is not None:
                kills.add(un)
        c = store.container
        if c is not None and c.kind == "var":
            cn = model.node_of(c.ident)
            if cn is not None:
                kills.add(cn)
        return kills, fresh_loop

    def find(self, store: Store, same: dict[int, list[Store]]):
        """(write event, its node, the later store or None, crossed a back edge) when a
        path shows the stored alias overwritten while it can still be read."""
        model = self.model
        alias = store.alias
        events = model.events(alias.root, alias.kind)
        if not events:
            return None
        loop = self._loop_of(store)
        if store.fixed and loop is None:
            return None
        kills, fresh_loop = self._kills(store)
        if store.goroutine:
            kills = kills | self.model.pass_.result("wait-nodes", self.model.fn)
        g = self.cfg.graph
        done = self.joins.get(loop.id) if store.fixed else None
        # state: (node, phase) with phase 0 stored, 1 array emptied (truncate), 2 written
        start = [(s, 0, None, a.get("back") is not None or s in self.updates) for s, a in g[store.node].items()
                 if not _killed_edge(a, fresh_loop)]
        seen: set[tuple[int, int]] = set()
        stack = list(reversed(start))
        while stack:
            self.steps -= 1
            if self.steps < 0:
                return None
            n, phase, w, back = stack.pop()
            if (n, phase) in seen or n in kills:
                continue
            seen.add((n, phase))
            if phase == 2 and store.fixed and (n == self.cfg.exit or n == done):
                return w[0], w[1], None, back
            if phase == 2 and store.fixed and n == store.node:
                continue  # stored again: the place holds the fresh alias
            stopped = False
            for ev in events.get(n, ()):
                if ev.kind == "kill":
                    stopped = True
                    break
                if ev.kind == "release":  # back in a pool: another goroutine may write it now
                    return ev, n, None, back
                if ev.kind == "write" or (ev.kind == "grow" and phase == 1):
                    if phase != 2:
                        phase, w = 2, (ev, n)
                elif ev.kind == "truncate" and phase == 0:
                    phase = 1
            if stopped:
                continue
            if phase == 2 and store.send:
                return w[0], w[1], None, back
            if phase == 2 and not store.fixed:
                later = [s for s in same.get(n, ()) if not s.fixed and not (s.replaces and s.where == store.where)
                         # in straight-line code, only a store into the same container
                         # makes two of its entries share the variable; one into another
                         # container is a new use of the variable, after the first is done
                         and (back or _same_container(s, store))]
                if later and (w[1] != n or later[0].stmt.start_byte > w[0].at.start_byte):
                    return w[0], w[1], later[0], back
            for s, a in g[n].items():
                if _killed_edge(a, fresh_loop):
                    continue
                crossed = back or (phase != 2 and (a.get("back") is not None or s in self.updates))
                stack.append((s, phase, w, crossed))
        return None


def _same_container(a: Store, b: Store) -> bool:
    if a.container is not None or b.container is not None:
        return a.container is b.container
    return _root_text(a.where) == _root_text(b.where)


def _root_text(where: str) -> str:
    """m of m[k], out of out, s.items of s.items[i]: the container a store fills."""
    return where.split("[", 1)[0].strip()


def _killed_edge(attrs: dict, fresh_loop: Node | None) -> bool:
    b = attrs.get("back")
    return fresh_loop is not None and b is not None and b.id == fresh_loop.id


def _loop_clause_of(root: Decl) -> Node | None:
    """The for statement whose header declares `root` (range or three-clause), if any."""
    s = root.stmt
    if root.origin == "range":
        n = root.ident.parent
        while n is not None and n.type != "for_statement":
            n = n.parent
        return n
    if s is not None and s.parent is not None and s.parent.type == "for_clause":
        return s.parent.parent
    return None


def _declares(loop: Node, root: Decl) -> bool:
    lc = _loop_clause_of(root)
    return lc is not None and lc.id == loop.id


_KIND_TEXT = {
    "address": "points to the one variable {name}",
    "view": "shares the array of {name}",
    "scanner": "is the buffer of the scanner {name}",
    "reader": "is the buffer of the reader {name}",
    "buffer": "is the buffer of {name}",
}
_STORAGE = {
    "address": "{name}",
    "view": "{name}'s array",
    "scanner": "{name}'s buffer",
    "reader": "{name}'s buffer",
    "buffer": "{name}'s buffer",
}
_ADVICE = {
    "address": "every stored {alias} shows the value written last",
    "view": "store a copy (bytes.Clone)",
    "scanner": "store a copy (bytes.Clone, or sc.Text())",
    "reader": "store a copy (bytes.Clone)",
    "buffer": "store a copy (bytes.Clone)",
}


def check(pass_, matches) -> None:
    by_fn: dict[int, tuple[Node, list[Node]]] = {}
    for _, caps in matches:
        for stmt in caps.get("stmt", ()):
            fn = pass_.enclosing_function(stmt)
            if fn is not None:
                by_fn.setdefault(fn.id, (fn, []))[1].append(stmt)
    data = pass_.file.data
    for fn, stmts in by_fn.values():
        body = data[fn.start_byte:fn.end_byte]
        writes_views = any(w in body for w in _VIEW_WRITERS)
        written = _Written(fn, data)
        owned = any(o in body for o in _OWNED)
        filled: dict[bytes, bool] = {}  # name -> handed to a Read, copy or Put
        stmts = [s for s in stmts if _maybe_alias(pass_, s, body, written, writes_views, owned, filled)]
        if not stmts:
            continue
        model: AliasModel = pass_.result("aliases", fn)
        stores = [st for s in stmts for st in stores_of(model, s)
                  if any(ev.kind != "kill" for ev in model.uses(st.alias.root, st.alias.kind))]
        stores = [replace(st, node=n) for st in stores if (n := model.node_of(st.stmt)) is not None]
        if not stores:
            continue
        same: dict[tuple[int, str], dict[int, list[Store]]] = {}
        for st in stores:
            same.setdefault((st.alias.root.id, st.alias.kind), {}).setdefault(st.node, []).append(st)
        search = _Search(model)
        reported: set[int] = set()
        for st in sorted(stores, key=lambda s: s.alias.expr.start_byte):
            if st.alias.expr.id in reported:
                continue
            found = search.find(st, same[(st.alias.root.id, st.alias.kind)])
            if found is None:
                continue
            reported.add(st.alias.expr.id)
            _report(pass_, model, st, search._loop_of(st), *found)


# Byte strings without one of which a function cannot write into a stored view of an
# array (a read into it, copy, append after emptying, an index write, a pool, a reader's
# or scanner's own buffer): a store of a plain slice there is not looked at.
_VIEW_WRITERS = (b"Read", b"copy(", b":0]", b"0] =", b"Put(", b"Bytes()", b"ReadSlice", b"ReadLine",
                 b"unsafe.")
# A statement with one of these may store an owned buffer or an unsafe.String view (the
# only unsafe call the alias model follows: unsafe.Pointer(&x) is judged as `&x`).
_OWNED = (b".Bytes()", b"ReadSlice", b"ReadLine", b"unsafe.String")
_ADDRESS = re.compile(rb"&\s*([A-Za-z_]\w*)[\w.\[\]]*\s*(.?)")


_WRITES_QUERY = """
(assignment_statement left: (_) @w)
(inc_statement) @w
(dec_statement) @w
(range_clause left: (_) @w "=")
"""


class _Written:
    """Root names of what a function assigns, found by one query over the function,
    only when a store asks (most functions have none worth asking about)."""

    def __init__(self, fn: Node, data: bytes) -> None:
        self.fn, self.data = fn, data
        self.names: set[bytes] | None = None
        self.declared: Any = None  # _declared_names, when first asked

    def may_declare(self, name: bytes) -> bool:
        """Whether the function may declare a variable `name` (a parameter, receiver or
        result in its signature, `name :=` or `a, name :=`, a `var`), read from its text:
        an alias's root is always one of the function's own variables (AliasModel.local).
        Text that only looks like one counts: it only lets more through."""
        if self.declared is None:
            self.declared = _declared_names(self.fn, self.data)
        return self.declared is _ANY or name in self.declared

    def __contains__(self, name: bytes) -> bool:
        if self.names is None:
            self.names = set()
            for n in captures(_WRITES_QUERY, self.fn).get("w", ()):
                _target_names(n, self.data, self.names)
        return name in self.names


def _target_names(stmt: Node, data: bytes, out: set) -> None:
    """The root names of what a statement assigns (x of x, x.f, x[i], *x)."""
    if stmt.type in ("inc_statement", "dec_statement"):
        targets = stmt.named_children[:1]
    else:  # the left side of an assignment or range clause
        targets = stmt.named_children if stmt.type == "expression_list" else [stmt]
    for t in targets:
        while t.type in ("selector_expression", "index_expression", "parenthesized_expression",
                         "unary_expression", "slice_expression") and t.named_children:
            t = t.child_by_field_name("operand") or t.named_children[0]
        if t.type == "identifier":
            out.add(data[t.start_byte:t.end_byte])


def _maybe_alias(pass_, stmt: Node, body: bytes, written: _Written, writes_views: bool, owned: bool,
                 filled: dict) -> bool:
    """A cheap test before any analysis: could this statement store an alias of
    something the function writes? `&x` only where the function assigns x (or hands
    `&x` to something else too, such as a decoder); a slice only where the function
    writes it or passes it to a call and has something that writes into a view. It
    only skips work: what it lets through is analysed in full."""
    if stmt.type in ("inc_statement", "dec_statement"):
        return b"unsafe.String" in pass_.file.data[stmt.start_byte:stmt.end_byte]  # m[unsafe.String(...)]++
    if stmt.type == "go_statement":
        return True  # rare, and what a goroutine captures is not in its text's shape
    data = pass_.file.data
    text = data[stmt.start_byte:stmt.end_byte]
    if stmt.type == "expression_statement":
        # keep(&item): only a function of the package can be known to keep it
        call = stmt.named_children[0] if stmt.named_children else None
        fn = call.child_by_field_name("function") if call is not None else None
        top = pass_.package.decls.get(pass_.text(fn)) if fn is not None else None
        if top is None or top.kind != "func":
            return False
    if any(o in text for o in _OWNED):
        return True
    if pass_.go_version is not None and pass_.go_version < (1, 22) and b"&" in text:
        return True  # loop variables are written by the loop head
    for m in _ADDRESS.finditer(text):
        name = m.group(1)
        if m.group(2) == b"{":
            continue  # &T{...} alone, nor &&
        if not written.may_declare(name):
            continue  # &pkgVar.f, &captured: aliases only of the function's own variables
        if name in written:
            return True  # &x, &x.f of a variable the function assigns
        key = b"&" + name
        if key not in filled:
            filled[key] = body.count(key) > 1  # &x handed elsewhere too (a decoder)
        if filled[key]:
            return True
    if not writes_views:
        return False
    stored = list(_stored_slice_names(stmt, data, body))
    if not stored:
        return False
    if filled.get(None) is None:
        filled[None] = _filled_names(body, owned)
    names = filled[None]
    return any(name in names for name in stored)


_ANY: Any = object()  # `var (` in the body: any name may be declared there
_SHORT_DECL = re.compile(rb"(?<![\w.])[A-Za-z_]\w*(?:\s*,\s*[A-Za-z_]\w*)*\s*:=")
_VAR_GROUP = re.compile(rb"\bvar\s*\(")
_VAR_DECL = re.compile(rb"\bvar\s*([\w\s,]*)")


def _declared_names(fn: Node, data: bytes) -> Any:
    """Every word of the function's signature, of the left of each `:=` and of each
    `var` line's names and type: what the function may declare (_ANY: anything)."""
    body = fn.child_by_field_name("body")
    start = body.start_byte if body is not None else fn.end_byte
    if _VAR_GROUP.search(data, start, fn.end_byte):
        return _ANY
    out = set(_IDENT.findall(data, fn.start_byte, start))
    for m in _SHORT_DECL.finditer(data, start, fn.end_byte):
        out.update(_IDENT.findall(m.group()))
    for m in _VAR_DECL.finditer(data, start, fn.end_byte):
        out.update(_IDENT.findall(m.group(1)))
    return frozenset(out)


# What can write into a stored view of a slice's array, by the slice's name: refilled in
# place (x = x[...], x = append(x...), x[0] = v), handed to something that fills it
# (Read, ReadFull, copy, a pool's Put), or declared from a reader's own buffer
# (line := sc.Bytes(), line, err := r.ReadSlice('\n')).
_REFILLED = re.compile(rb"(?<![\w.])([A-Za-z_]\w*)\s*=\s*(?:\1\s*\[|append\(\s*\1\b)"
                       rb"|(?<![\w.])([A-Za-z_]\w*)\[[0-9]+\]\s*\S?=(?!=)")
_FILLERS = re.compile(rb"(?:Read\w*|copy|Put)\(([^)\n]*)")
_OWNED_DECL = re.compile(rb"(?m)^[ \t]*([A-Za-z_]\w*)\b[^\n]*:?=[^\n]*(?:\.Bytes\(\)|ReadSlice|ReadLine)")
_IDENT = re.compile(rb"(?<![\w.])[A-Za-z_]\w*")


def _filled_names(body: bytes, owned: bool) -> frozenset:
    """The names in a function whose array something may write again (one scan each)."""
    out = set()
    for m in _REFILLED.finditer(body):
        out.add(m.group(1) or m.group(2))
    for m in _FILLERS.finditer(body):
        out.update(_IDENT.findall(m.group(1)))
    if owned:
        out.update(m.group(1) for m in _OWNED_DECL.finditer(body))
    return frozenset(out)


def _stored_slice_names(stmt: Node, data: bytes, body: bytes):
    """Names of the slices a statement may store, by syntax alone: the values of an
    index or field assignment, append's arguments, a send, and what is assigned to a
    name that this function does not declare (a result, a captured or package variable)."""
    if stmt.type == "send_statement":
        v = stmt.child_by_field_name("value")
        if v is not None:
            yield from _stored_names(v, data)
        return
    if stmt.type == "expression_statement":
        call = stmt.named_children[0] if stmt.named_children else None
        args = call.child_by_field_name("arguments") if call is not None else None
        for a in args.named_children if args is not None else ():
            yield from _stored_names(a, data)
        return
    left, right = stmt.child_by_field_name("left"), stmt.child_by_field_name("right")
    if left is None or right is None or len(left.named_children) != len(right.named_children):
        return
    for t, v in zip(left.named_children, right.named_children):
        fn = v.child_by_field_name("function") if v.type == "call_expression" else None
        if fn is not None and data[fn.start_byte:fn.end_byte] == b"append":
            args = v.child_by_field_name("arguments")
            for a in args.named_children[1:] if args is not None else ():
                if a.type != "variadic_argument":
                    yield from _stored_names(a, data)
        elif t.type == "index_expression" or (t.type == "selector_expression" and v.type == "slice_expression"):
            # (o.f = buf, a plain slice put in one field, is left to the full analysis
            # only when written as a view, o.f = buf[:n]: it is everywhere, and a bug
            # only at a loop's end)
            yield from _stored_names(v, data)
        elif t.type == "identifier":
            name = data[t.start_byte:t.end_byte]
            if name + b" :=" not in body and b"var " + name not in body:
                yield from _stored_names(v, data)


def _stored_names(right: Node, data: bytes, depth: int = 0):
    """Names of slices a value stores: x of x and x[a:b], also within composite literals."""
    values = right.named_children if right.type in ("literal_value", "keyed_element",
                                                    "literal_element") else [right]
    for v in values:
        while v.type == "parenthesized_expression" and v.named_children:
            v = v.named_children[0]
        if v.type == "slice_expression":
            v = v.child_by_field_name("operand") or v
        if v.type == "identifier":
            yield data[v.start_byte:v.end_byte]
        elif depth < 4 and v.type in ("composite_literal", "literal_value", "keyed_element", "literal_element"):
            body = v.child_by_field_name("body") if v.type == "composite_literal" else v
            if body is not None:
                yield from _stored_names(body, data, depth + 1)


def _report(pass_, model: AliasModel, st: Store, loop: Node | None, ev: Event, wnode: int,
            later: Store | None, back: bool) -> None:
    root = st.alias.root
    name = root.name
    text = pass_.file.code  # quoted: code, not its comments
    shown = text(st.alias.expr)
    if st.alias.source is not None and st.alias.source.id != st.alias.expr.id:
        shown = f"{shown} (from {text(st.alias.source)})"
    when = "on the next iteration" if back else "later"
    what = _KIND_TEXT[st.alias.kind].format(name=name)
    advice = _ADVICE[st.alias.kind].format(alias=shown)
    msg = f"{shown} {st.how} {st.where} {what}, and {ev.what.format(it='it')} {when}: {advice}"
    outside = loop is not None and not (loop.start_byte <= root.ident.start_byte < loop.end_byte)
    decl_note = f"{name} declared here" + (", outside the loop" if outside else
                                            (", one variable for the whole loop (before Go 1.22)"
                                             if loop is not None else ""))
    flow = [(root.ident, decl_note),
            (st.alias.expr, f"{st.how} {st.where} here"),
            (ev.at, f"{ev.what.format(it=_STORAGE[st.alias.kind].format(name=name))} here, {when}")]
    if later is not None and later.node != st.node:
        flow.append((later.alias.expr, f"and {later.how} {later.where} again here"))
    pass_.report(st.alias.expr, msg, flow=flow, fix=clone_fix(pass_, st.alias.kind, st.alias.expr))
