"""Aliases of reused variables, and what writes them: the model under GG201 and GG202.

An *alias* is an expression whose value shares storage with a variable of the
function: its address (`&x`, `&x.f`, `&x[i]` of an array), a view of its backing array
(`x[a:b]`, `&x[i]` of a slice, a slice variable itself, `unsafe.String(&x[0], n)`), or
a buffer that a scanner, reader or bytes.Buffer owns and hands out (`sc.Bytes()`,
`r.ReadSlice('\\n')`, `b.Bytes()`). Each has a *root* (the local declaration whose
storage is shared) and a *kind*, which decides what counts as writing that storage
again:

- "address": any assignment to the variable or into its fields and array elements,
  `x++`, a `for ... = range` assigning it, its address handed to a decoder
  (`rows.Scan(&x.a)`, `json.Unmarshal(b, &x)`), and, below Go 1.22, the loop head of
  a `range` or three-clause loop that declared it.
- "view": a write into the backing array (`x[i] = v`, `copy(x, ...)`, `r.Read(x)`,
  `io.ReadFull(r, x)`, `append(x[:0], ...)`, or `x = x[:0]` then `x = append(x, ...)`,
  the slice returned to a `sync.Pool`). Assigning `x` anything else gives it another
  array and ends the alias (`x = make(...)`): nothing then writes the stored one.
- "scanner": the next `sc.Scan()`; "reader": the next read from the bufio.Reader;
  "buffer": `b.Reset()` or `b.Truncate(n)` followed by a write, or `b` put in a pool.

`Events` are computed from the declaration's uses (the scope model's references), so
the cost is linear in the uses, not in the function.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

from tree_sitter import Node

from goguard.analyses import analysis
from goguard.frontend.scopes import Decl
from goguard.frontend.syntax import operator, strip_parens
from goguard.models.windows import WINDOWS
from goguard.models.writers import WRAPPERS

# Functions and methods that write through the pointers they are handed.
DECODERS = frozenset((
    "Scan", "Scanf", "Scanln", "Sscan", "Sscanf", "Sscanln", "Fscan", "Fscanf", "Fscanln",
    "Decode", "DecodeElement", "Unmarshal", "UnmarshalText", "UnmarshalJSON", "UnmarshalBinary",
))
# Calls that fill the byte slice they are handed.
READ_INTO = frozenset(("Read", "ReadAt", "ReadFull", "ReadAtLeast"))
READER_METHODS = frozenset((
    "Read", "ReadByte", "ReadBytes", "ReadLine", "ReadRune", "ReadSlice", "ReadString", "Peek",
    "Discard", "Reset", "WriteTo", "UnreadByte", "UnreadRune",
))
BUFFER_WRITES = frozenset(("Write", "WriteString", "WriteByte", "WriteRune", "ReadFrom"))
WRITERS_TO = frozenset((("fmt", "Fprint"), ("fmt", "Fprintf"), ("fmt", "Fprintln"), ("io", "Copy"),
                        ("io", "WriteString"), ("io", "CopyN"), ("io", "CopyBuffer")))

KINDS = ("address", "view", "scanner", "reader", "buffer")
OWNED_KINDS = ("scanner", "reader", "buffer")  # a buffer an owner refills from its start


@dataclass(frozen=True)
class Alias:
    root: Decl  # the variable whose storage the alias shares
    kind: str  # one of KINDS
    expr: Node  # the aliasing expression (as stored, or as handed to a call that returns it)
    source: Node | None = None  # the call a stored variable's value came from (line := sc.Bytes())
    via: str | None = None  # the function that returns it, when a call's result holds it


@dataclass(frozen=True)
class Event:
    kind: str  # write | truncate | grow | kill | release (put back in a pool)
    at: Node  # the use of the root where it happens
    what: str  # "r.Read(buf) reads into {it}": {it} is "it" in a message, the storage in a flow
    deferred: bool = False  # in a deferred call: it happens when the function returns


def _named(t, types) -> str:
    """`bufio.Scanner` for *bufio.Scanner and bufio.Scanner, else ""."""
    if t.kind == "pointer" and t.elem is not None:
        t = t.elem
    return t.name if t.kind == "named" else ""


def _is_func_literal_boundary(n: Node) -> bool:
    return n.type in ("func_literal", "function_declaration", "method_declaration")


class AliasModel:
    """Aliases and events of one function (a function literal has its own model)."""

    def __init__(self, pass_, fn: Node) -> None:
        self.pass_ = pass_
        self.fn = fn
        self.text = pass_.file.code  # quoted in messages: code, not its comments
        self.scopes = pass_.result("scopes", fn)
        self.exprtypes = pass_.result("exprtypes", fn)
        self.types = self.exprtypes.types
        self._node_of: dict[int, int] | None = None
        self._events: dict[tuple[int, str], list[Event]] = {}
        self._grouped: dict[tuple[int, str], dict[int, list[Event]]] = {}
        self._reassigned_ids: dict[int, bool] = {}
        self._pools: dict[int, str | None] = {}
        version = pass_.go_version
        # Unknown versions count as current: loop variables fresh, so silent.
        self.shared_loop_vars = version is not None and version < (1, 22)

    # ---- where things are in the CFG ------------------------------------------------

    @property
    def cfg(self):
        # Built only for a function with a store of an alias whose storage is written.
        return self.pass_.result("cfg", self.fn)

    def node_of(self, n: Node) -> int | None:
        """The CFG node whose statement or condition holds `n`."""
        if self._node_of is None:
            g = self.cfg.graph
            self._node_of = {a["ast"].id: v for v, a in g.nodes(data=True)
                             if a["ast"] is not None and a["kind"] not in ("join", "label")}
        m = self._node_of
        while n is not None and n.id != self.fn.id:
            v = m.get(n.id)
            if v is not None:
                return v
            if _is_func_literal_boundary(n):
                return None
            n = n.parent
        return None

    def type_of(self, e: Node):
        return self.types.underlying(self.exprtypes.of(e))

    def local(self, ident: Node) -> Decl | None:
        """The declaration of a variable of this function that `ident` names."""
        if ident.type != "identifier":
            return None
        d = self.scopes.decl_of(ident)
        if d is None or d.kind not in ("var", "param", "receiver", "result") or d.func.id != self.fn.id:
            return None
        return d

    # ---- aliases --------------------------------------------------------------------

    def storage_root(self, e: Node) -> Node | None:
        """The identifier whose own storage `e` (an operand of `&` or an assignment
        target) lies in: x of x, x.f, x[i] of an array; None through pointers and slices."""
        e = strip_parens(e)
        while e.type in ("selector_expression", "index_expression"):
            op = strip_parens(e.child_by_field_name("operand") or e)
            u = self.type_of(op)
            if e.type == "index_expression" and u.kind != "array":
                return None
            if e.type == "selector_expression" and u.kind in ("pointer", "unknown"):
                if u.kind == "unknown" and op.type == "identifier" and self.scopes.decl_of(op) is None:
                    return None  # pkg.Name
                if u.kind == "pointer":
                    return None  # p.f lives where p points
            e = op
        return e if e.type == "identifier" else None

    def _slice_root(self, e: Node) -> Node | None:
        """x of a slice variable x or of x[a:b]: the variable whose array `e` views."""
        e = strip_parens(e)
        if e.type == "slice_expression":
            e = strip_parens(e.child_by_field_name("operand") or e)
        if e.type == "identifier" and self.type_of(e).kind == "slice":
            return e
        return None

    def alias_of(self, e: Node, depth: int = 0) -> Alias | None:
        """The alias a stored expression is, or None (a copy, a fresh value, unknown)."""
        e = strip_parens(e)
        t = e.type
        if t == "unary_expression" and operator(e) == "&":
            operand = strip_parens(e.child_by_field_name("operand") or e)
            if operand.type == "index_expression":
                base = strip_parens(operand.child_by_field_name("operand") or operand)
                if base.type == "identifier" and self.type_of(base).kind == "slice":
                    # &x[0] shares the start that a refill writes; &x[i] is one element
                    # of many, which later writes at other indexes do not touch.
                    d = self.local(base) if _is_zero(operand.child_by_field_name("index")) else None
                    return Alias(d, "view", e) if d is not None else None
            root = self.storage_root(operand)
            d = self.local(root) if root is not None else None
            if d is None:
                return None
            if d.kind == "receiver" and d.type_node is not None and d.type_node.type == "pointer_type":
                return None
            return Alias(d, "address", e)
        if t == "slice_expression":
            base = strip_parens(e.child_by_field_name("operand") or e)
            d = self.local(base)
            if d is None and base.type != "call_expression":
                return None
            k = self.type_of(base).kind if d is not None else ""
            if k == "array":
                return Alias(d, "address", e)
            # a window of a reader's own buffer, wherever it starts: the owner refills
            # the buffer from its start (sc.Bytes()[i:], line[sp+1:] of line := sc.Bytes())
            owned = self.alias_of(base, depth + 1) if depth < 4 else None
            if owned is not None and owned.kind in OWNED_KINDS:
                return replace(owned, expr=e)
            if d is None or k != "slice" or not _is_zero(e.child_by_field_name("start")):
                return None  # x[a:b] is a window that moves on: later refills write elsewhere
            return Alias(d, "view", e)
        if t == "call_expression":
            return self._call_alias(e, e, depth)
        if t == "identifier":
            d = self.local(e)
            if d is None:
                return None
            src = self._source_call(d)
            if src is not None:
                a = self._call_alias(src, e, depth + 1, d.index or 0) if depth < 4 else None
                if a is not None:
                    return a
            if self.type_of(e).kind == "slice":
                return Alias(d, "view", e)
        return None

    def _source_call(self, d: Decl) -> Node | None:
        """The call a variable was declared from, when nothing assigns it again:
        `line := sc.Bytes()`, `line, err := r.ReadSlice('\\n')` (its first result)."""
        if d.origin not in ("define", "var") or self._reassigned(d):
            return None
        v = d.value
        if v is not None and d.index and d.stmt is not None and _names_outnumber_values(d.stmt):
            # line, err := r.ReadSlice('\n'): only the first result is the buffer; one of
            # several windows (before, after, ok := bytes.Cut(line, sep)) is a window
            v = strip_parens(v)
            return v if v.type == "call_expression" and d.index in self._window_of(v)[1] else None
        if v is None and d.index == 0 and d.stmt is not None:
            right = d.stmt.child_by_field_name("right") or d.stmt.child_by_field_name("value")
            vals = right.named_children if right is not None else []
            v = vals[0] if len(vals) == 1 else None
        v = strip_parens(v) if v is not None else None
        return v if v is not None and v.type == "call_expression" else None

    def _reassigned(self, d: Decl) -> bool:
        """Whether a declaration is assigned somewhere after being declared (a use that
        is an assignment target's root). Asked per declaration, from its own uses: a
        scan of every declaration of the top-level function per model would cost each
        of its function literals that much again."""
        if d.id not in self._reassigned_ids:
            self._reassigned_ids[d.id] = any(u.id in self.scopes.assigned and is_assignment_target(u)
                                             for u in self.scopes.refs.get(d.id, ()))
        return self._reassigned_ids[d.id]

    def _call_alias(self, call: Node, expr: Node, depth: int = 0, result: int = 0) -> Alias | None:
        at, results = self._window_of(call)
        if result in results:
            # bytes.TrimSpace(sc.Bytes()): a window of a reader's own buffer
            args = [a for a in call.child_by_field_name("arguments").named_children if a.type != "comment"]
            owned = self.alias_of(args[at], depth + 1) if at < len(args) and depth < 4 else None
            return replace(owned, expr=expr) if owned is not None and owned.kind in OWNED_KINDS else None
        a = self._owned_alias(call, expr)
        return a if a is not None or depth > 3 else self._returned_alias(call, depth)

    def _window_of(self, call: Node) -> tuple[int, tuple[int, ...]]:
        """(argument, results) of a call of goguard/models/windows.py, or (0, ())."""
        fn = call.child_by_field_name("function")
        if fn is None or fn.type != "selector_expression":
            return 0, ()
        op, f = fn.child_by_field_name("operand"), fn.child_by_field_name("field")
        if op is None or op.type != "identifier" or f is None or self.scopes.decl_of(op) is not None:
            return 0, ()
        return WINDOWS.get((self.pass_.imports.get(self.text(op)), self.text(f)), (0, ()))

    def _returned_alias(self, call: Node, depth: int) -> Alias | None:
        """f(&v) where f, a function or method of the package, returns its argument
        (or a value holding it): the call's result is that argument's alias."""
        callee_decl, keeps = self.pass_.fact("callee-decl"), self.pass_.fact("keeps-summary")
        args = call.child_by_field_name("arguments")
        argv = [a for a in args.named_children if a.type != "comment"] if args is not None else []
        if not argv:
            return None
        found = callee_decl(self.pass_, call, self.scopes)
        kept = keeps(self.pass_, found[0], found[1]).result if found is not None else ()
        for j in sorted(kept):
            if j < len(argv) and argv[j].type != "variadic_argument":
                a = self.alias_of(argv[j], depth + 1)
                if a is not None:
                    fn = call.child_by_field_name("function")
                    name = self.text(fn.child_by_field_name("field") or fn) if fn.type == "selector_expression" \
                        else self.text(fn)
                    return Alias(a.root, a.kind, a.expr, call, name)
        return None

    def _owned_alias(self, call: Node, expr: Node) -> Alias | None:
        """unsafe.String over a slice, or the buffer a scanner, reader or buffer owns."""
        fn = call.child_by_field_name("function")
        args = call.child_by_field_name("arguments")
        if fn is None or fn.type != "selector_expression":
            return None
        op = strip_parens(fn.child_by_field_name("operand") or fn)
        name = self.text(fn.child_by_field_name("field") or fn)
        if op.type == "identifier" and self.scopes.decl_of(op) is None and \
                self.pass_.imports.get(self.text(op)) == "unsafe":
            if name != "String" or args is None or not args.named_children:
                return None
            first = strip_parens(args.named_children[0])
            if first.type == "unary_expression" and operator(first) == "&":
                inner = strip_parens(first.child_by_field_name("operand") or first)
                root = self._slice_root(inner.child_by_field_name("operand") or inner) \
                    if inner.type == "index_expression" else None
            elif first.type == "call_expression":
                f2 = first.child_by_field_name("function")
                a2 = first.child_by_field_name("arguments")
                ok = f2 is not None and self.text(f2) in ("unsafe.SliceData",) and a2 is not None and a2.named_children
                root = self._slice_root(a2.named_children[0]) if ok else None
            else:
                root = None
            d = self.local(root) if root is not None else None
            return Alias(d, "view", expr, call) if d is not None else None
        d = self.local(op)
        if d is None:
            return None
        owner = _named(self.exprtypes.of(op), self.types)
        if owner == "bufio.Scanner" and name == "Bytes":
            return Alias(d, "scanner", expr, call)
        if name == "Bytes" and (owner == "bytes.Buffer" or self.pool_of(d) is not None):
            # a pooled buffer's Bytes() is its storage, whatever the pool's type
            return Alias(d, "buffer", expr, call)
        if owner == "bufio.Reader" and name in ("ReadSlice", "ReadLine"):
            return Alias(d, "reader", expr, call)
        return None

    # ---- events -----------------------------------------------------------------------

    def uses(self, root: Decl, kind: str) -> list[Event]:
        """What happens to the storage `kind` aliases of `root` share, in source order
        (no CFG needed: a store whose root has none of these is dropped before one is built)."""
        key = (root.id, kind)
        if key not in self._events:
            out: list[Event] = []
            for u in self.scopes.refs.get(root.id, ()):
                f = self.scopes.use_func.get(u.id)
                deferred = False
                if f is not None and f.id != self.fn.id:
                    # a closure's write is not on this function's paths, unless the
                    # closure is deferred: `defer func() { pool.Put(b) }()` runs at return
                    if not self._deferred_closure(f):
                        continue
                    deferred = True
                deferred = deferred or self._in_defer(u)
                ev = self._event(u, root, kind)
                if ev is not None and deferred:
                    # only a release matters there: nothing reads the storage after
                    # the function returns but the caller and the pool's next user
                    ev = Event(ev.kind, ev.at, ev.what, True) if ev.kind == "release" else None
                if ev is not None:
                    out.append(ev)
            if kind == "address" and self.shared_loop_vars and root.origin == "range":
                out.append(Event("write", root.ident, "the loop assigns {it} its next element"))
            if kind == "view":
                out.extend(self._holder_releases(root))
            if kind == "buffer":
                out.extend(self._wrapper_writes(root))
            out.sort(key=lambda ev: ev.at.start_byte)
            self._events[key] = out
        return self._events[key]

    def _wrapper_writes(self, root: Decl) -> list[Event]:
        """A writer made over `&b` (`enc := json.NewEncoder(&b)`, goguard/models/writers.py)
        writes b at every method call on it (`enc.Encode(v)`): each is a write of b, as
        `b.Write` is, once something has emptied b."""
        out: list[Event] = []
        text = self.text
        for u in self.scopes.refs.get(root.id, ()):
            p = u.parent
            arg = p if p is not None and p.type == "unary_expression" and operator(p) == "&" else u
            call = _call_with_argument(arg)
            if call is None or not self._wraps(call, arg):
                continue
            held = call.parent
            if held is not None and held.type == "selector_expression" and held.parent is not None and \
                    held.parent.type == "call_expression":  # json.NewEncoder(&b).Encode(v)
                out.append(Event("grow", u, f"{_short(text(held.parent))} writes over {{it}} once emptied"))
                continue
            w = next((d for d in self.scopes.decls if d.value is not None and d.value.id == call.id), None)
            if w is None or self._reassigned(w):
                continue
            for r in self.scopes.refs.get(w.id, ()):
                f = self.scopes.use_func.get(r.id)
                sel = r.parent
                if (f is None or f.id == self.fn.id) and sel is not None and sel.type == "selector_expression" and \
                        sel.child_by_field_name("operand") == r and sel.parent is not None and \
                        sel.parent.type == "call_expression":
                    out.append(Event("grow", r, f"{_short(text(sel.parent))} writes over {{it}} once emptied"))
        return out

    def _wraps(self, call: Node, arg: Node) -> bool:
        fn = call.child_by_field_name("function")
        if fn is None or fn.type != "selector_expression":
            return False
        op, f = fn.child_by_field_name("operand"), fn.child_by_field_name("field")
        path = self.pass_.imports.get(self.text(op)) if op is not None and op.type == "identifier" else None
        at = WRAPPERS.get((path, self.text(f))) if path and f is not None else None
        args = call.child_by_field_name("arguments").named_children
        return at is not None and at < len(args) and args[at].id == arg.id

    def events(self, root: Decl, kind: str) -> dict[int, list[Event]]:
        """CFG node -> the events of `uses` there, in source order (computed once)."""
        key = (root.id, kind)
        grouped = self._grouped.get(key)
        if grouped is None:
            grouped = self._grouped[key] = {}
            for ev in self.uses(root, kind):
                n = self.cfg.exit if ev.deferred else self.node_of(ev.at)
                if n is not None:
                    grouped.setdefault(n, []).append(ev)
        return grouped

    def variable_events(self, root: Decl) -> dict[int, list[Event]]:
        """CFG node -> what changes the bytes `*p` shows, for `p` the stored address of
        a slice variable: a new value (`buf = other`), emptying then appending
        (`buf = buf[:0]`, then `buf = append(buf, ...)`), a decoder handed `&buf`, and
        writes into its array (`r.Read(buf)`, `copy(buf, ...)`, `buf[0] = b`, a pool's
        Put). Growing it in place (`buf = append(buf, ...)` without emptying it first)
        keeps every byte `*p` showed: not counted."""
        key = (root.id, "variable")
        grouped = self._grouped.get(key)
        if grouped is not None:
            return grouped
        out: list[Event] = []
        for ev in self.uses(root, "address"):
            if ev.kind != "write" or not _is_whole_target(ev.at):
                out.append(ev)
                continue
            v = _value_for_target(ev.at)
            v = strip_parens(v) if v is not None else None
            if v is not None and v.type == "slice_expression":
                base = strip_parens(v.child_by_field_name("operand") or v)
                if base.type == "identifier" and self.scopes.decl_of(base) is root:
                    if _is_literal_zero(v.child_by_field_name("end")) and _is_zero(v.child_by_field_name("start")):
                        out.append(Event("truncate", ev.at, f"{self.text(v)} empties {{it}}"))
                    continue  # buf = buf[a:b]: a window of the same bytes
            if v is not None and v.type == "call_expression" and self.text(v.child_by_field_name("function") or v) \
                    == "append":
                args = v.child_by_field_name("arguments")
                first = strip_parens(args.named_children[0]) if args is not None and args.named_children else None
                if first is not None and first.type == "identifier" and self.scopes.decl_of(first) is root:
                    out.append(Event("grow", ev.at, f"{_short(self.text(v))} writes into {{it}} once emptied"))
                    continue
            out.append(ev)
        out.extend(ev for ev in self.uses(root, "view") if ev.kind in ("write", "release"))
        grouped = self._grouped[key] = {}
        for ev in out:
            n = self.cfg.exit if ev.deferred else self.node_of(ev.at)
            if n is not None:
                grouped.setdefault(n, []).append(ev)
        return grouped

    def _holder_releases(self, root: Decl) -> list[Event]:
        """`b := *bp` (or `(*bp)[:0]`) of a pooled `bp := pool.Get().(*[]byte)`: the
        Put of bp releases b's array too, and still when b is only ever grown from
        itself (`b = strconv.AppendInt(b, n, 10)`, `b = append(b, ...)`): a grown array
        is stored back in *bp before the Put, or the same one."""
        if root.origin not in ("define", "var") or not self._self_derived(root):
            return []
        v = strip_parens(root.value) if root.value is not None else None
        if v is not None and v.type == "slice_expression":
            v = strip_parens(v.child_by_field_name("operand") or v)
        if v is None or v.type != "unary_expression" or operator(v) != "*":
            return []
        holder = self.local(strip_parens(v.child_by_field_name("operand") or v))
        if holder is None or self.pool_of(holder) is None:
            return []
        out = []
        for u in self.scopes.refs.get(holder.id, ()):
            f = self.scopes.use_func.get(u.id)
            deferred = f is not None and f.id != self.fn.id
            if deferred and not self._deferred_closure(f):
                continue
            call = _call_with_argument(u)
            if call is not None and self._releases(call, u, holder):
                out.append(Event("release", u, f"{_short(self.text(call))} hands {{it}} to the next Get",
                                 deferred or self._in_defer(u)))
        return out

    def _self_derived(self, root: Decl) -> bool:
        """Every assignment of root gives it a value computed from itself: a call whose
        first argument is root (`append(b, x)`, `strconv.AppendInt(b, ...)`), or a
        window of it (`b[:n]`)."""
        for u in self.scopes.refs.get(root.id, ()):
            if not (u.id in self.scopes.assigned and is_assignment_target(u)):
                continue
            v = _value_for_target(u) if _is_whole_target(u) else None
            v = strip_parens(v) if v is not None else None
            if v is not None and v.type == "call_expression":
                args = v.child_by_field_name("arguments")
                v = strip_parens(args.named_children[0]) if args is not None and args.named_children else None
            if v is not None and v.type == "slice_expression":
                v = strip_parens(v.child_by_field_name("operand") or v)
            if v is None or v.type != "identifier" or self.scopes.decl_of(v) is not root:
                return False
        return True

    def _deferred_closure(self, f: Node) -> bool:
        """`defer func() { ... }()` directly in this function."""
        call = f.parent
        while call is not None and call.type == "parenthesized_expression":
            call = call.parent
        if call is None or call.type != "call_expression" or call.parent is None or \
                call.parent.type != "defer_statement":
            return False
        home = self.pass_.enclosing_function(call)
        return home is not None and home.id == self.fn.id

    def _in_defer(self, u: Node) -> bool:
        """u is an argument of a deferred call (`defer pool.Put(b)`)."""
        n = u.parent
        for _ in range(6):
            if n is None or _is_func_literal_boundary(n):
                return False
            if n.type == "defer_statement":
                return True
            n = n.parent
        return False

    def _event(self, u: Node, root: Decl, kind: str) -> Event | None:
        text = self.text
        parent = u.parent
        if parent is None:
            return None
        if kind == "address":
            target = _target_of(u, self)
            if target is not None:
                stmt, tnode = target
                if stmt.type in ("inc_statement", "dec_statement"):
                    return Event("write", u, f"{text(stmt)} writes {{it}} again")
                return Event("write", u, f"{text(tnode)} {_assign_op(stmt)} ... writes {{it}} again")
            # &x.f handed to a decoder: rows.Scan(&x.a), json.Unmarshal(b, &x)
            amp = _enclosing_address(u, self)
            if amp is not None:
                call = _call_with_argument(amp)
                if call is not None and _callee_name(call, text) in DECODERS:
                    return Event("write", u, f"{_short(text(call))} writes {{it}} again")
            return None
        if kind == "view":
            # x[0] = v writes the start every stored view shares; x[i] = v with a
            # varying index fills elements a view of another part does not hold.
            if parent.type == "index_expression" and parent.child_by_field_name("operand") == u and \
                    is_assignment_target(parent) and _is_literal_index(parent.child_by_field_name("index")):
                return Event("write", u, f"{_short(text(parent))} = ... writes into {{it}}")
            arg = u
            if parent.type == "slice_expression" and parent.child_by_field_name("operand") == u:
                if not _is_zero(parent.child_by_field_name("start")):
                    return None  # copy(x[n:], ...) writes past the start
                arg = parent
            call = _call_with_argument(arg)
            if call is not None:
                callee = _callee_name(call, text)
                args = call.child_by_field_name("arguments").named_children
                if callee == "copy" and args and args[0].id == arg.id:
                    return Event("write", u, f"{_short(text(call))} writes into {{it}}")
                if callee in READ_INTO:
                    return Event("write", u, f"{_short(text(call))} reads into {{it}}")
                if self._releases(call, arg, root):
                    return Event("release", u, f"{_short(text(call))} hands {{it}} to the next Get")
                if callee == "append" and args and args[0].id == arg.id and arg.type == "slice_expression" \
                        and len(args) > 1 and _is_literal_zero(arg.child_by_field_name("end")):
                    return Event("write", u, f"{_short(text(call))} writes into {{it}}")
            if _is_whole_target(u):
                value = _value_for_target(u)
                return self._reassign_event(u, root, value)
            if _redeclared(u, root):
                return Event("kill", u, "")
            return None
        # scanner, reader, buffer: method calls on the owner
        if _is_whole_target(u) or _redeclared(u, root):
            return Event("kill", u, "")
        if parent.type == "selector_expression" and parent.child_by_field_name("operand") == u and \
                parent.parent is not None and parent.parent.type == "call_expression":
            method = text(parent.child_by_field_name("field") or parent)
            call = parent.parent
            if kind == "scanner" and method == "Scan":
                return Event("write", u, f"{text(call)} overwrites {{it}}")
            if kind == "reader" and method in READER_METHODS:
                return Event("write", u, f"{_short(text(call))} overwrites {{it}}")
            if kind == "buffer":
                if method in ("Reset", "Truncate"):
                    return Event("truncate", u, f"{_short(text(call))} empties {{it}}")
                if method in BUFFER_WRITES:
                    return Event("grow", u, f"{_short(text(call))} writes over {{it}} once emptied")
            return None
        if kind == "buffer":
            arg = parent if parent.type == "unary_expression" and operator(parent) == "&" else u
            call = _call_with_argument(arg)
            if call is not None:
                fn = call.child_by_field_name("function")
                if fn is not None and fn.type == "selector_expression":
                    op = fn.child_by_field_name("operand")
                    f = fn.child_by_field_name("field")
                    path = self.pass_.imports.get(text(op)) if op is not None and op.type == "identifier" else None
                    if path and f is not None and (path, text(f)) in WRITERS_TO and \
                            call.child_by_field_name("arguments").named_children[0].id == arg.id:
                        return Event("grow", u, f"{_short(text(call))} writes over {{it}} once emptied")
                if self._releases(call, arg, root):
                    return Event("release", u, f"{_short(text(call))} hands {{it}} to the next Get")
        return None

    def _reassign_event(self, u: Node, root: Decl, value: Node | None) -> Event | None:
        v = strip_parens(value) if value is not None else None
        if v is not None and v.type == "slice_expression":
            base = strip_parens(v.child_by_field_name("operand") or v)
            if base.type == "identifier" and self.scopes.decl_of(base) is root and \
                    _is_zero(v.child_by_field_name("start")):
                if _is_literal_zero(v.child_by_field_name("end")):
                    return Event("truncate", u, f"{self.text(v)} empties {{it}}")
                return None  # x = x[:k]: the same start, and what append writes next is unknown
        if v is not None and v.type == "call_expression":
            fn = v.child_by_field_name("function")
            args = v.child_by_field_name("arguments")
            if fn is not None and self.text(fn) == "append" and args is not None and args.named_children:
                first = strip_parens(args.named_children[0])
                if first.type == "identifier" and self.scopes.decl_of(first) is root:
                    return Event("grow", u, f"{_short(self.text(v))} writes into {{it}}")
                if first.type == "slice_expression" and _is_zero(first.child_by_field_name("start")):
                    base = strip_parens(first.child_by_field_name("operand") or first)
                    if base.type == "identifier" and self.scopes.decl_of(base) is root:
                        return None  # x = append(x[:0], ...): the inner use is the write
        return Event("kill", u, "")

    def _releases(self, call: Node, arg: Node, root: Decl) -> bool:
        """The call puts `arg` (root's value) back in a pool: `p.Put(x)` of a sync.Pool,
        `p.Put(x)` where x came from `p.Get()` (a pool of any type, a package's Get and
        Put functions included), or a function of the package that does one of these
        with its parameter (`putBuffer(b)`)."""
        fn = call.child_by_field_name("function")
        if fn is None:
            return False
        if fn.type == "selector_expression" and self.text(fn.child_by_field_name("field") or fn) == "Put":
            op = fn.child_by_field_name("operand")
            if op is not None and (_named(self.exprtypes.of(op), self.types) == "sync.Pool" or
                                   self.pool_of(root) == self.text(op)):
                return True
        callee_decl, keeps = self.pass_.fact("callee-decl"), self.pass_.fact("keeps-summary")
        found = callee_decl(self.pass_, call, self.scopes)
        if found is None or b"Put(" not in found[1].data[found[0].start_byte:found[0].end_byte]:
            return False  # a function that puts nothing back (the test before its summary)
        args = [a for a in call.child_by_field_name("arguments").named_children if a.type != "comment"]
        pos = next((i for i, a in enumerate(args) if a.id == arg.id), None)
        return pos is not None and pos in keeps(self.pass_, found[0], found[1]).released

    def pool_of(self, d: Decl) -> str | None:
        """The text of P for a variable declared `x := P.Get()` (or `P.Get().(T)`) and
        handed back with `P.Put(x)` in the function: a pooled object, whatever P's type."""
        if d.id in self._pools:
            return self._pools[d.id]
        got = None
        v = strip_parens(d.value) if d.value is not None and d.origin in ("define", "var") else None
        if v is not None and v.type == "type_assertion_expression":
            v = strip_parens(v.child_by_field_name("operand") or v)
        fn = v.child_by_field_name("function") if v is not None and v.type == "call_expression" else None
        if fn is not None and fn.type == "selector_expression" and \
                self.text(fn.child_by_field_name("field") or fn) == "Get":
            pool = self.text(fn.child_by_field_name("operand") or fn)
            for u in self.scopes.refs.get(d.id, ()):
                call = _call_with_argument(u)
                f = call.child_by_field_name("function") if call is not None else None
                if f is not None and f.type == "selector_expression" and \
                        self.text(f.child_by_field_name("field") or f) == "Put" and \
                        self.text(f.child_by_field_name("operand") or f) == pool:
                    got = pool
                    break
        self._pools[d.id] = got
        return got


def _names_outnumber_values(stmt: Node) -> bool:
    """`a, b := f()`: several names declared from one call."""
    left = stmt.child_by_field_name("left")
    right = stmt.child_by_field_name("right") or stmt.child_by_field_name("value")
    if left is None:  # a var spec
        names = stmt.children_by_field_name("name")
        return right is not None and len(names) > len(right.named_children)
    return right is not None and len(left.named_children) > len(right.named_children)


def _is_zero(start: Node | None) -> bool:
    """A slice start that is the array's: omitted or the literal 0."""
    return start is None or _is_literal_zero(start)


def _is_literal_zero(n: Node | None) -> bool:
    if n is None:
        return False
    n = strip_parens(n)
    return n.type == "int_literal" and n.text.replace(b"_", b"").lstrip(b"0") in (b"", b"x", b"o", b"b")


def _is_literal_index(n: Node | None) -> bool:
    return n is not None and strip_parens(n).type == "int_literal"


def _short(s: str, limit: int = 60) -> str:
    s = " ".join(s.split())
    return s if len(s) <= limit else s[:limit - 3] + "..."


def _assign_op(stmt: Node) -> str:
    if stmt.type == "short_var_declaration":
        return ":="
    if stmt.type == "range_clause":
        return "= range"
    return operator(stmt) or "="


def is_assignment_target(n: Node) -> bool:
    """Whether `n` is a whole target of an assignment, `:=` redeclaration, inc/dec or
    `for ... = range`."""
    p = n.parent
    if p is None:
        return False
    if p.type in ("inc_statement", "dec_statement"):
        return True
    if p.type == "expression_list":
        s = p.parent
        if s is not None and s.type in ("assignment_statement", "short_var_declaration", "range_clause") and \
                s.child_by_field_name("left") == p:
            return True
    return False


def _is_whole_target(u: Node) -> bool:
    """`u` itself (not a field or element) is assigned with `=` or op= or = range."""
    p = u.parent
    if p is None or p.type != "expression_list":
        return False
    s = p.parent
    return s is not None and s.type in ("assignment_statement", "range_clause") and s.child_by_field_name("left") == p


def _redeclared(u: Node, root: Decl) -> bool:
    """`a, u := ...` where u is already declared: an assignment, not a declaration."""
    p = u.parent
    if p is None or p.type != "expression_list" or u.id == root.ident.id:
        return False
    s = p.parent
    return s is not None and s.type == "short_var_declaration" and s.child_by_field_name("left") == p


def _value_for_target(u: Node) -> Node | None:
    p = u.parent
    s = p.parent
    if s.type != "assignment_statement" or operator(s) != "=":
        return None
    right = s.child_by_field_name("right")
    if right is None:
        return None
    targets, values = p.named_children, right.named_children
    if len(targets) != len(values):
        return None
    for t, v in zip(targets, values):
        if t.id == u.id:
            return v
    return None


def _target_of(u: Node, model: AliasModel) -> tuple[Node, Node] | None:
    """(statement, target) when `u` is the storage root of an assignment target
    (`u = `, `u.f = `, `u[i] = ` of an array, `u++`, `a, u := `, `for _, u = range`)."""
    n = u
    while n.parent is not None and n.parent.type in ("selector_expression", "index_expression",
                                                     "parenthesized_expression") and \
            n.parent.child_by_field_name("operand") in (n, None):
        n = n.parent
    if not is_assignment_target(n):
        return None
    if n.id != u.id and model.storage_root(n) is None:
        return None  # u.p.f = ... through a pointer field
    s = n.parent if n.parent.type in ("inc_statement", "dec_statement") else n.parent.parent
    if s.type == "short_var_declaration" and (n.id != u.id or not _redeclared(u, model.scopes.decl_of(u))):
        return None
    return s, n


def _enclosing_address(u: Node, model: AliasModel) -> Node | None:
    """The `&u...` expression u is the storage root of, if any."""
    n = u
    while n.parent is not None and n.parent.type in ("selector_expression", "index_expression",
                                                     "parenthesized_expression"):
        n = n.parent
    p = n.parent
    if p is not None and p.type == "unary_expression" and operator(p) == "&" and model.storage_root(n) is not None:
        return p
    return None


def _call_with_argument(arg: Node) -> Node | None:
    p = arg.parent
    if p is not None and p.type == "argument_list" and p.parent is not None and p.parent.type == "call_expression":
        return p.parent
    return None


def _callee_name(call: Node, text) -> str:
    fn = call.child_by_field_name("function")
    if fn is None:
        return ""
    if fn.type == "selector_expression":
        f = fn.child_by_field_name("field")
        return text(f) if f is not None else ""
    return text(fn) if fn.type == "identifier" else ""


@analysis("aliases")
def aliases_analysis(pass_, fn: Node) -> AliasModel:
    return AliasModel(pass_, fn)
