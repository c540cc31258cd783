"""GG201's stores: where one statement keeps an alias of a variable so that it
outlives the next write to that variable (an entry, an append, a send, a field, a
result, a return, a goroutine, a function or method of the package that keeps its
argument).

A store into one place of a local (`rec.data = buf[:n]`, `fpi.Write(sc.Bytes())`
where Write keeps a window of its argument in its receiver) is *held*: it matters
only once that local itself is stored where it outlives (`out = append(out, rec)`,
`return rec`, `keep(rec)`), which gives a *carried* store of the same alias there.
"""

from __future__ import annotations

from dataclasses import dataclass

from tree_sitter import Node

from goguard.analyses.aliases import Alias, AliasModel
from goguard.facts.keeps import NOTHING, callee_decl, calls_package, keeps, may_keep
from goguard.frontend.scopes import Decl
from goguard.frontend.syntax import element_values, operator, strip_parens

MAX_LITERAL_DEPTH = 6
MAX_CALLS = 16  # calls looked at in one statement


@dataclass(frozen=True)
class Store:
    alias: Alias
    stmt: Node
    node: int
    how: str  # "stored in" | "appended to" | "sent on" | "handed to" | "returned"
    where: str  # the target's text
    fixed: bool  # one place (a field, a result, a constant key): each store replaces the last
    send: bool
    container: Decl | None  # a local whose declaration starts a new container
    replaces: bool = False  # into one constant entry (m["k"], s[0]): storing there again replaces it
    goroutine: bool = False  # a goroutine reads it: a Wait() or a receive before the write ends it
    held: bool = False  # into one place of a local: it counts where that local is stored
    returned: bool = False  # handed to the caller: only a deferred release comes after
    through: "Store | None" = None  # the store into a local that this store carries on
    local_var: bool = False  # into a plain local: wrong where it is read after the next write


def _aliases_in(model: AliasModel, v: Node, held: dict | None = None, depth: int = 0):
    """(alias, the held store it comes through or None) for each alias a stored value
    holds: itself, within a composite literal, or in a local it names that holds one."""
    v = strip_parens(v)
    if depth > MAX_LITERAL_DEPTH:
        return
    if v.type == "unary_expression" and operator(v) == "&":
        inner = strip_parens(v.child_by_field_name("operand") or v)
        if inner.type == "composite_literal":
            yield from _aliases_in(model, inner, held, depth + 1)
            return
        if held and inner.type == "identifier":
            yield from _carried(model, inner, held)
    if v.type == "composite_literal":
        for el in element_values(v):
            yield from _aliases_in(model, el, held, depth + 1)
        return
    if held and v.type == "identifier":
        yield from _carried(model, v, held)
    a = model.alias_of(v)
    if a is not None:
        yield a, None


def _carried(model: AliasModel, ident: Node, held: dict):
    d = model.local(ident)
    for st in held.get(d.id, ()) if d is not None else ():
        if st.stmt.start_byte < ident.start_byte:
            yield st.alias, st


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


def _varying_entry(model: AliasModel, target: Node) -> bool:
    """`out[i].f`, `m[k].f`: a field of one entry of many (the index varies), which a
    store through another index does not replace."""
    e = strip_parens(target)
    while e.type in ("selector_expression", "index_expression", "parenthesized_expression") and e.named_children:
        if e.type == "index_expression" and not _constant_key(e):
            op = e.child_by_field_name("operand")
            if op is not None and model.type_of(op).kind in ("slice", "map"):
                return True
        e = e.child_by_field_name("operand") or e.named_children[0]
    return False


def _key_stores(model: AliasModel, target: Node, stmt: Node, node: int, container: Decl | None):
    """m[unsafe.String(&b[0], n)] = v: a map keeps its keys' bytes."""
    key = target.child_by_field_name("index")
    operand = target.child_by_field_name("operand")
    if key is None or operand is None or model.type_of(operand).kind not in ("map", "unknown"):
        return
    for a, _ in _aliases_in(model, key):
        if a.kind != "address":  # m[&x] keys by the pointer, which is what it means
            yield Store(a, stmt, node, "used as a key of", model.text(operand), False, False, container)


def _calls_in(stmt: Node):
    """The calls of a simple statement, outside function literals, outermost first."""
    out: list[Node] = []
    stack = [stmt]
    while stack and len(out) < MAX_CALLS:
        n = stack.pop()
        if n.type == "func_literal":
            continue
        if n.type == "call_expression":
            out.append(n)
        stack.extend(reversed(n.named_children))
    return out


MAX_CANDIDATES = 4  # methods of one name whose bodies are read before a call is judged


def may_keep_call(pass_, call: Node) -> bool:
    """Whether a call may keep an argument beyond it or in its receiver: a function of
    the package by that name, or a method of it by that name (up to a few), whose body
    may keep a parameter (keeps.may_keep). The test before a statement is analysed for
    what its calls are handed."""
    fn = call.child_by_field_name("function") if call.type == "call_expression" else None
    if fn is None or not calls_package(pass_, call):
        return False
    package = pass_.package
    if fn.type == "identifier":
        top = package.decls.get(pass_.text(fn))
        return may_keep(pass_, top.node, top.file)
    name = pass_.text(fn.child_by_field_name("field"))
    found = [d for (_, m), d in package.methods.items() if m == name]
    return len(found) > MAX_CANDIDATES or any(may_keep(pass_, d, package.method_file(d)) for d in found)


def _handed(model: AliasModel, stmt: Node, held: dict | None):
    """keep(&item), w.Write(sc.Bytes()): a function or method of the package that keeps
    that argument beyond the call, or in its receiver (package facts)."""
    for call in _calls_in(stmt):
        fn = call.child_by_field_name("function")
        args = call.child_by_field_name("arguments")
        argv = [a for a in args.named_children if a.type != "comment"] if args is not None else []
        if fn is None or not argv or (fn.type == "identifier" and model.scopes.decl_of(fn) is not None) or \
                not calls_package(model.pass_, call):
            continue
        # the aliases the arguments hold first, of storage the function writes again:
        # most calls are handed none, and a summary is only worth it for those
        handed = [(i, a, through) for i, arg in enumerate(argv) if arg.type != "variadic_argument"
                  for a, through in _aliases_in(model, arg, held) if written(model, a)]
        if not handed:
            continue
        found = callee_decl(model.pass_, call, model.scopes)
        kept = keeps(model.pass_, found[0], found[1]) \
            if found is not None and may_keep(model.pass_, found[0], found[1]) else NOTHING
        if not (kept.out or kept.receiver):
            continue
        name = model.text(fn)
        recv = strip_parens(fn.child_by_field_name("operand")) if fn.type == "selector_expression" else None
        for i, a, through in handed:
            if i in kept.out:
                yield Store(a, stmt, -1, "handed to", f"{name}, which keeps it,", False, False, None,
                            through=through)
            elif i in kept.receiver and recv is not None:
                yield from _kept_in_receiver(model, stmt, a, through, name, recv, i in kept.entries)


def written(model: AliasModel, a: Alias) -> bool:
    """Whether anything in the function writes the storage an alias shares (a store
    of an alias nothing writes again cannot be overwritten). Growing writes only once
    something has emptied it: `buf = append(buf, v)` alone keeps every stored byte."""
    if _may_write(model.uses(a.root, a.kind)):
        return True
    return a.kind == "address" and _may_write(model.uses(a.root, "view"))


def _may_write(events) -> bool:
    kinds = {ev.kind for ev in events}
    return bool(kinds & {"write", "release"}) or {"truncate", "grow"} <= kinds


def _kept_in_receiver(model: AliasModel, stmt: Node, a: Alias, through, name: str, recv: Node, entry: bool):
    """x.M(a) where M keeps a in a field of x: a store into x (held when x is a local
    value of this function, which must itself be stored to outlive the call), or, kept
    as an entry of a map or slice of x, one entry of many."""
    root = _container(model, recv)
    d = model.scopes.decl_of(root) if root is not None else None
    if root is None:
        return
    if d is None:
        top = model.pass_.package.decls.get(model.text(root))
        if top is None or top.kind != "var":
            return
        container = None
    elif d.func.id != model.fn.id:
        container = None  # captured: lives as long as the enclosing function's frame
    else:
        container = d
    if container is not None and container.id == a.root.id:
        return
    local = container is not None and container.kind == "var" and not entry
    where = f"{name}, which keeps it in {model.text(recv)},"
    yield Store(a, stmt, -1, "handed to", where, not entry, False, container, held=local, through=through)


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
            for a, _ in _aliases_in(model, arg):
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


def _returns(model: AliasModel, stmt: Node, held: dict | None):
    """return b.Bytes(), return out: the caller holds it; a deferred Put releases it."""
    values = stmt.named_children[0].named_children if stmt.named_children else []
    for v in values:
        for a, through in _aliases_in(model, v, held):
            if a.kind != "address" or through is not None:
                yield Store(a, stmt, -1, "returned", "to the caller", True, False, None, returned=True,
                            through=through)


def _literal_declaration(model: AliasModel, stmt: Node):
    """rec := record{data: &buf}, dest := []any{&raw}: a local made holding an alias."""
    left, right = stmt.child_by_field_name("left"), stmt.child_by_field_name("right")
    if left is None or right is None or len(left.named_children) != len(right.named_children):
        return
    for t, v in zip(left.named_children, right.named_children):
        v = strip_parens(v)
        if v.type == "unary_expression" and operator(v) == "&":
            v = strip_parens(v.child_by_field_name("operand") or v)
        d = model.local(t)
        if v.type != "composite_literal" or d is None:
            continue
        for a, _ in _aliases_in(model, v):
            if a.root.id != d.id:
                yield Store(a, stmt, -1, "stored in", model.text(t), True, False, d, held=True)


def stores_of(model: AliasModel, stmt: Node, held: dict | None = None):
    """The stores of aliases that one statement makes (their CFG node left at -1: the
    graph is built only for stores whose storage something writes). `held` maps a
    local's declaration to the held stores into it, for the stores that carry them on."""
    node = -1
    text = model.text
    if stmt.type == "go_statement":
        yield from _goroutine(model, stmt)
        return
    yield from _handed(model, stmt, held)
    if stmt.type == "expression_statement":
        return
    if stmt.type == "return_statement":
        yield from _returns(model, stmt, held)
        return
    if stmt.type == "short_var_declaration":
        yield from _literal_declaration(model, stmt)
        return
    if stmt.type == "send_statement":
        v = stmt.child_by_field_name("value")
        ch = stmt.child_by_field_name("channel")
        for a, through in _aliases_in(model, v, held) if v is not None else ():
            yield Store(a, stmt, node, "sent on", text(ch) if ch is not None else "a channel", False, True, None,
                        through=through)
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
                for a, through in _aliases_in(model, arg, held):
                    if container is None or a.root.id != container.id:
                        yield Store(a, stmt, node, "appended to", text(t), False, False, container, through=through)
            continue
        if t.type == "index_expression":
            fixed = False
            yield from _key_stores(model, t, stmt, node, container)
        elif t.type == "selector_expression":
            fixed = not _varying_entry(model, t)
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
            elif d.kind in ("var", "param"):
                # A plain local (`best = &v`, `prev = line`): its uses are in this function,
                # and it matters where it is read after the next write of what it aliases.
                for a, _ in _aliases_in(model, v):
                    if a.root.id != d.id:
                        yield Store(a, stmt, node, "stored in", text(t), True, False, d, local_var=True)
                continue
            else:
                continue
            fixed = True
        else:
            continue
        # One place of a local (bufs[0], o.f): read within this function, unless the
        # local itself is stored where it outlives (then the store is carried there).
        local = fixed and container is not None and container.kind == "var"
        for a, through in _aliases_in(model, v, held):
            if container is None or a.root.id != container.id:  # x = x[:0] stores nothing
                yield Store(a, stmt, node, "stored in", text(t), fixed, False, container, _constant_key(t),
                            held=local, through=through)


SIMPLE_STATEMENTS = frozenset(("expression_statement", "assignment_statement", "short_var_declaration",
                               "send_statement", "return_statement", "go_statement", "inc_statement",
                               "dec_statement"))
_STOP = frozenset(("func_literal", "block", "function_declaration", "method_declaration", "if_statement",
                   "for_statement", "expression_switch_statement", "type_switch_statement", "select_statement"))


def simple_statement(n: Node) -> Node | None:
    """The simple statement an expression is part of (None in a condition, a case or
    a function literal's body seen from outside it)."""
    while n is not None and n.type not in SIMPLE_STATEMENTS:
        if n.type in _STOP:
            return None
        n = n.parent
    return n


def carried_stores(model: AliasModel, held: dict) -> list[Store]:
    """The stores that carry a held alias on: the statements that store a local with
    a held store into it (`out = append(out, rec)`, `return rec`, `keep(rec)`)."""
    done: set[int] = set()
    out: list[Store] = []
    for decl_id, sts in held.items():
        for ref in model.scopes.refs.get(decl_id, ()):
            f = model.scopes.use_func.get(ref.id)
            if f is not None and f.id != model.fn.id:
                continue
            stmt = simple_statement(ref)
            if stmt is None or stmt.id in done or any(st.stmt.id == stmt.id for st in sts):
                continue
            done.add(stmt.id)
            out.extend(st for st in stores_of(model, stmt, held) if st.through is not None)
    return out
