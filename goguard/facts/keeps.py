"""Which parameters a function of the package keeps after it returns.

`keeps(pass_, decl, file)` is the set of parameter positions whose value the function
stores where it outlives the call: appended to or stored in a package variable
(`vectors = append(vectors, v)`), in something reached through a parameter or the
receiver (`r.items[k] = v`, `s.last = v`), or sent on a channel. GG201 reads it at a
call: `appendVector(&item)` in a loop that writes `item` stores `&item` as surely as
the append would in place. Only the parameter itself counts (not a field of it, not a
value computed from it), and only a plain function called by name; a method call or a
function value is not followed.
"""

from __future__ import annotations

from tree_sitter import Node

from goguard.facts import per_function
from goguard.frontend.source import captures
from goguard.frontend.syntax import operator, strip_parens

_STORES = """
(assignment_statement) @s
(send_statement) @s
"""
MAX_BYTES = 16_000  # a function longer than this is not summarised (nothing kept)


def keeps(pass_, decl: Node, file) -> frozenset:
    return per_function(pass_, "keeps-params", decl, file, _keeps, frozenset(), "keeps", 1)


def params_of(decl: Node, text) -> list[str]:
    """Parameter names in position order ("" for unnamed and variadic ones)."""
    out: list[str] = []
    params = decl.child_by_field_name("parameters")
    for p in params.named_children if params is not None else ():
        names = p.children_by_field_name("name")
        variadic = p.type == "variadic_parameter_declaration"
        if not names:
            out.append("")
        for n in names:
            out.append("" if variadic else text(n))
    return out


def _keeps(fp, decl: Node) -> frozenset:
    body = decl.child_by_field_name("body")
    if body is None or decl.end_byte - decl.start_byte > MAX_BYTES:
        return frozenset()
    text = fp.text
    params = params_of(decl, text)
    wanted = {n: i for i, n in enumerate(params) if n and n != "_"}
    if not wanted:
        return frozenset()
    scopes = fp.result("scopes", decl)
    kept: set[int] = set()
    for s in captures(_STORES, body).get("s", ()):
        inner = fp.enclosing_function(s)
        if inner is None or inner.id != decl.id:
            continue  # a closure's store runs when the closure does
        for target, value in _pairs(s, text):
            if target is not None and not _outlives(target, scopes, fp):
                continue
            v = strip_parens(value)
            if v.type == "identifier" and text(v) in wanted:
                d = scopes.decl_of(v)
                if d is not None and d.kind == "param" and d.func.id == decl.id:
                    kept.add(wanted[text(v)])
    return frozenset(kept)


def _pairs(s: Node, text):
    """(target or None for a send, stored value) of one statement."""
    if s.type == "send_statement":
        v = s.child_by_field_name("value")
        if v is not None:
            yield None, v
        return
    if operator(s) != "=":
        return
    left, right = s.child_by_field_name("left"), s.child_by_field_name("right")
    if left is None or right is None or len(left.named_children) != len(right.named_children):
        return
    for t, v in zip(left.named_children, right.named_children):
        v = strip_parens(v)
        fn = v.child_by_field_name("function") if v.type == "call_expression" else None
        if fn is not None and fn.type == "identifier" and text(fn) == "append":
            args = v.child_by_field_name("arguments")
            for a in args.named_children[1:] if args is not None else ():
                if a.type != "variadic_argument":
                    yield t, a
        elif t.type in ("index_expression", "selector_expression") or t.type == "identifier":
            yield t, v


def _outlives(target: Node, scopes, fp) -> bool:
    """A target rooted in a package variable, or reached through a parameter or the
    receiver (through a pointer, or a map or slice's shared storage)."""
    e = strip_parens(target)
    through = False
    while e.type in ("selector_expression", "index_expression", "parenthesized_expression",
                     "unary_expression") and e.named_children:
        through = True
        e = e.child_by_field_name("operand") or e.named_children[0]
    if e.type != "identifier":
        return False
    d = scopes.decl_of(e)
    if d is None:
        top = fp.package.decls.get(fp.text(e))
        return top is not None and top.kind == "var"
    return through and d.kind in ("param", "receiver")
