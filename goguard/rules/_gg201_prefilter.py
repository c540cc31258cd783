"""GG201's pre-filter: a cheap test, from the text of a function, of whether a
statement may store an alias of something the function writes. It only skips work:
what it lets through is analysed in full."""

from __future__ import annotations

import re
from typing import Any

from tree_sitter import Node

from goguard.frontend.source import captures
from goguard.facts.keeps import calls_package
from goguard.rules._gg201_stores import may_keep_call

_VIEW_WRITERS = (b"Read", b"copy(", b":0]", b"0] =", b"Put(", b"Bytes()", b"ReadSlice", b"ReadLine",
                 b"unsafe.")
# A statement with one of these may store an owned buffer or an unsafe.String view (the
# only unsafe call the alias model follows: unsafe.Pointer(&x) is judged as `&x`).
_OWNED = (b".Bytes()", b"ReadSlice", b"ReadLine", b"unsafe.String")
_OWNED_RE = re.compile(b"|".join(re.escape(o) for o in _OWNED))
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
    if stmt.type == "expression_statement":
        # keep(&item), q.Push(&v): only the package's own can be known to keep it, and
        # only one whose body may keep a parameter (asked last: it reads the callee)
        call = stmt.named_children[0]
        return calls_package(pass_, call) and _text_may_alias(pass_, stmt, body, written, writes_views, owned,
                                                              filled) and may_keep_call(pass_, call)
    return _text_may_alias(pass_, stmt, body, written, writes_views, owned, filled)


def _text_may_alias(pass_, stmt: Node, body: bytes, written: _Written, writes_views: bool, owned: bool,
                    filled: dict) -> bool:
    data = pass_.file.data
    text = data[stmt.start_byte:stmt.end_byte]
    if stmt.type == "return_statement" and b"Put(" not in body:
        return False  # what a function returns is the caller's: only a deferred Put undoes that
    if _OWNED_RE.search(text):
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
    if not writes_views and b"(&" not in body and b", &" not in body:
        return False
    stored = list(_stored_slice_names(stmt, data, body))
    if not stored:
        return False
    if filled.get(b"") is None:
        filled[b""] = _kept_names(body)
    if any(name in filled[b""] for name in stored):
        return True  # rd, err := collect(&jc): the result may hold the argument
    if not writes_views:
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
_LOADED = re.compile(rb"(?<![\w.])([A-Za-z_]\w*)\s*:?=\s*\(?\*([A-Za-z_]\w*)")


def _filled_names(body: bytes, owned: bool) -> frozenset:
    """The names in a function whose array something may write again (one scan each)."""
    out = set()
    for m in _REFILLED.finditer(body):
        out.add(m.group(1) or m.group(2))
    for m in _FILLERS.finditer(body):
        out.update(_IDENT.findall(m.group(1)))
    if owned:
        out.update(m.group(1) for m in _OWNED_DECL.finditer(body))
    if b"(*" in body or b"= *" in body:
        for m in _LOADED.finditer(body):  # b := (*bp)[:0] of a pooled bp: its array is bp's
            if m.group(2) in out:
                out.add(m.group(1))
    return frozenset(out)


# Names declared from a call that is handed an address (`rd, err := collect(&jc)`):
# a function of the package may return it inside its result.
_KEPT_DECL = re.compile(rb"(?m)^[ \t]*([A-Za-z_]\w*)\b[^\n=]*:=[^\n(]*\([^\n]*&")


def _kept_names(body: bytes) -> frozenset:
    return frozenset(m.group(1) for m in _KEPT_DECL.finditer(body)) if b"(&" in body or b", &" in body \
        else frozenset()


def _stored_slice_names(stmt: Node, data: bytes, body: bytes):
    """Names of the slices a statement may store, by syntax alone: the values of an
    index or field assignment, append's arguments, a send, a return, and what is
    assigned to a name that this function does not declare (a result, a captured or
    package variable)."""
    if stmt.type == "return_statement":
        for v in stmt.named_children[0].named_children if stmt.named_children else ():
            yield from _stored_names(v, data)
        return
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
        if v.type == "slice_expression" or (v.type == "unary_expression" and v.children and
                                            v.children[0].type == "&"):
            v = v.child_by_field_name("operand") or v  # buf[:n], &buf: buf's array
        if v.type == "identifier":
            yield data[v.start_byte:v.end_byte]
        elif depth < 4 and v.type == "call_expression":
            # parse(buf[:n]): a function of the package may return its argument
            args = v.child_by_field_name("arguments")
            for a in args.named_children if args is not None else ():
                yield from _stored_names(a, data, depth + 1)
        elif depth < 4 and v.type in ("composite_literal", "literal_value", "keyed_element", "literal_element"):
            body = v.child_by_field_name("body") if v.type == "composite_literal" else v
            if body is not None:
                yield from _stored_names(body, data, depth + 1)


