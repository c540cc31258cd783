"""GG101's fix for the plainest shape: a local `var m map[K]V`, nil on every path to
the write and never assigned, becomes `m := make(map[K]V)`.

The fix is *safe* when nothing but the map's own operations sees `m`: every use is an
index (`m[k]`, read or written), `len(m)`, `range m`, `delete(m, k)` or `clear(m)`.
Otherwise (returned, compared with nil, passed to a call that may marshal or store
it, assigned to something else) making the map changes what the program observes: a
returned `nil` becomes `{}`, JSON `null` becomes `{}`. The fix is then *unsafe*,
applied only with --unsafe-fixes, as ruff draws the line.

Declarations that cannot be rewritten as one statement are left without a fix: a
name of a grouped `var (...)` block or of `var a, b map[K]V`, a package-level
variable, a variable with an initializer.
"""

from __future__ import annotations

from tree_sitter import Node

from goguard.findings import Edit, Fix
from goguard.frontend.syntax import strip_parens

_MAP_OPS = ("len", "delete", "clear")


def make_map_fix(pass_, target: Node, fn: Node) -> Fix | None:
    t = strip_parens(target)
    if t.type != "identifier":
        return None
    scopes = pass_.result("scopes", fn)
    d = scopes.decl_of(t)
    if d is None or d.kind != "var" or d.origin != "var" or d.type_node is None or d.stmt is None:
        return None
    spec = d.stmt
    decl = spec.parent
    if spec.type != "var_spec" or spec.child_by_field_name("value") is not None or \
            len(spec.children_by_field_name("name")) != 1 or decl is None or decl.type != "var_declaration":
        return None
    if decl.parent is None or decl.parent.type not in ("block", "statement_list"):
        return None  # package level, or an init statement
    safe = True
    for ref in scopes.refs.get(d.id, ()):
        use = _use(ref)
        if use == "write":
            return None  # assigned somewhere: not nil on every path, or not this shape
        if use != "map":
            safe = False
    code = pass_.file.code
    name, type_text = code(d.ident), " ".join(code(d.type_node).split())
    return Fix(description=f"make the map where it is declared: {name} := make({type_text})", safe=safe,
               edits=(Edit(decl.start_byte, decl.end_byte, f"{name} := make({type_text})"),))


def _use(ref: Node) -> str:
    """How a reference uses the variable: "map" (an index, len, range, delete, clear),
    "write" (assigned, incremented, its address taken) or "other"."""
    n, p = ref, ref.parent
    while p is not None and p.type == "parenthesized_expression":
        n, p = p, p.parent
    if p is None:
        return "other"
    if p.type == "index_expression" and p.child_by_field_name("operand") == n:
        return "map"
    if p.type == "expression_list":
        gp = p.parent
        if gp is not None and gp.type in ("assignment_statement", "short_var_declaration") and \
                gp.child_by_field_name("left") == p:
            return "write"
        if gp is not None and gp.type == "range_clause" and gp.child_by_field_name("left") == p:
            return "write"
    if p.type == "range_clause" and p.child_by_field_name("right") == n:
        return "map"
    if p.type == "unary_expression" and (p.child_by_field_name("operator") or p).type == "&":
        return "write"
    if p.type in ("inc_statement", "dec_statement"):
        return "write"
    if p.type == "argument_list" and p.named_children and p.named_children[0] == n:
        call = p.parent
        fn = call.child_by_field_name("function") if call is not None else None
        if fn is not None and fn.type == "identifier" and fn.text.decode() in _MAP_OPS:
            return "map"
    return "other"
