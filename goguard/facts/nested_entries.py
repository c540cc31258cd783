"""Map-of-maps fields whose entries the package never stores.

An unexported field `edges map[K]map[K2]V` can only be named by its own package, and
decoders skip it. When no file of the package stores an entry of it (`x.edges[k] =
...`), fills it whole from elsewhere (`x.edges = other`, a literal with entries), or
hands it to anything that could (`m := x.edges`, `fill(x.edges)`), every lookup
`x.edges[k]` is nil, and `x.edges[k][k2] = v` panics wherever it runs. Mentions of
the field that keep the fact: lookups (`x.edges[k]`, `x.edges[k][k2] = v`, `for k :=
range x.edges[a]`), reads (`len`, `delete`, `clear`, `range`, a comparison), and
making it empty (`x.edges = make(...)`, `{edges: map[K]map[K2]V{}}`). A struct built
positionally or by conversion counts as storing every field, as for never-set fields
(goguard.facts.fields). A field name declared as anything else by another struct type
of the package is never a fact.
"""

from __future__ import annotations

from tree_sitter import Node

from goguard.facts import NilByName, fact
from goguard.facts.fields import _declared_at, _owners, built_whole
from goguard.frontend.gotypes import Type, TypeResolver
from goguard.frontend.syntax import NameFinder

# Builtins that read a map (or empty it) but never store an entry.
_READERS = frozenset((b"len", b"delete", b"clear"))


@fact("never-stored-entries")
def never_stored_entries(package) -> NilByName:
    out = NilByName()
    types = TypeResolver.of(package)
    kinds: dict[str, set[bool]] = {}
    for d in package.decls.values():
        if d.kind != "type":
            continue
        for name, t, embedded in types.struct_fields(Type("named", name=d.name)):
            if embedded or not name[:1].islower():
                continue
            u = types.underlying(t)
            nested = u.kind == "map" and u.elem is not None and types.underlying(u.elem).kind == "map"
            kinds.setdefault(name, set()).add(nested)
    names = {n for n, k in kinds.items() if k == {True}}
    if not names:
        return out
    whole = built_whole(package, types, _owners(package, types, names))
    if whole is None:
        return out
    for t in whole:
        names -= {n for n, _, _ in types.struct_fields(Type("named", name=t))}
    finder = NameFinder(names) if names else None
    stored: set[str] = set()
    for f in package.files:
        if finder is None or not finder.search(f.data, *f.span):
            continue
        for start, end, raw in finder.finditer(f.data, *f.span):
            name = raw.decode()
            if name not in stored and not _keeps_entries(f, start, end):
                stored.add(name)
    names -= stored
    where = _declared_at(package, types, names)
    for name in names:
        if name in where:
            out.entries[name] = ("map", *where[name])
    return out


def _up(n: Node) -> Node | None:
    p = n.parent
    while p is not None and p.type == "parenthesized_expression":
        p = p.parent
    return p


def _empty(v: Node | None) -> bool:
    """`make(map[K]V)` / `make(map[K]V, n)` or a map literal without entries."""
    while v is not None and v.type == "parenthesized_expression" and v.named_children:
        v = v.named_children[0]
    if v is None:
        return False
    if v.type == "call_expression":
        fn = v.child_by_field_name("function")
        return fn is not None and fn.type == "identifier" and fn.text == b"make"
    if v.type == "composite_literal":
        body = v.child_by_field_name("body")
        return body is not None and not [c for c in body.named_children if c.type != "comment"]
    return False


def _keeps_entries(f, start: int, end: int) -> bool:
    """Whether the mention of a field name at start..end leaves the field's entries
    unstored: see the module's docstring. Unsure: False (the fact is dropped)."""
    n = f.root.descendant_for_byte_range(start, end)
    if n is None:
        return False
    if n.type in ("comment", "interpreted_string_literal", "raw_string_literal", "string_content"):
        return True
    p = n.parent
    if p is None:
        return False
    if n.type == "field_identifier" and p.type == "field_declaration":
        return True
    if p.type == "literal_element" and p.parent is not None and p.parent.type == "keyed_element":
        kv = [c for c in p.parent.named_children if c.type == "literal_element"]
        if len(kv) == 2 and kv[0].id == p.id:  # `{edges: make(...)}`
            return _empty(kv[1].named_children[0] if kv[1].named_children else None)
        return False
    if n.type != "field_identifier":
        return n.type in ("identifier", "type_identifier")  # another name spelt the same
    if p.type != "selector_expression":
        return False
    up = _up(p)
    if up is None:
        return False
    if up.type == "index_expression" and _same(up.child_by_field_name("operand"), p):
        lst = _up(up)
        stmt = lst.parent if lst is not None and lst.type == "expression_list" else None
        # `x.f[k] = v`, `x.f[k], ok = ...` store an entry; anything else reads one.
        return not (stmt is not None and stmt.type == "assignment_statement"
                    and _same(stmt.child_by_field_name("left"), lst))
    if up.type == "binary_expression":
        return True
    if up.type == "range_clause" and _same(up.child_by_field_name("right"), p):
        return True
    if up.type == "argument_list":
        call = up.parent
        fn = call.child_by_field_name("function") if call is not None else None
        return fn is not None and fn.type == "identifier" and fn.text in _READERS
    if up.type == "expression_list" and up.parent is not None and up.parent.type == "assignment_statement":
        stmt = up.parent
        left, right = stmt.child_by_field_name("left"), stmt.child_by_field_name("right")
        if _same(left, up) and right is not None and len(up.named_children) == 1 and \
                len(right.named_children) == 1:
            return _empty(right.named_children[0])  # `x.f = make(...)`
    return False


def _same(a: Node | None, b: Node | None) -> bool:
    return a is not None and b is not None and a.id == b.id
