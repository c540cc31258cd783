"""GG201's stores: where one statement keeps an alias of a variable so that it
outlives the next write to that variable (an entry, an append, a send, a field, a
result, a goroutine, a function of the package that keeps its argument)."""

from __future__ import annotations

from dataclasses import dataclass

from tree_sitter import Node

from goguard.analyses.aliases import Alias, AliasModel
from goguard.facts.keeps import keeps
from goguard.frontend.scopes import Decl
from goguard.frontend.syntax import operator, strip_parens

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


