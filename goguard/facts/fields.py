"""Fields that the package never sets.

An unexported field can only be named by its own package: no other package can assign
it, key it in a literal, or take its address, and decoders (encoding/json, gob, xml)
skip it. So when nothing in the package sets a map (or `*[]T`, `*map`) field, every value
of its struct holds nil there, however and wherever it was made, and a write
`x.f[k] = v` panics whenever it runs. A field counts as set when any file of the
package (its tests included) does any of these to a field of that name, on any type:
assigns it (`x.f = ...`, `x.f, err = ...`, `for x.f = range`, a receive), keys it in a
composite literal (`{f: ...}`), takes its address (`&x.f`), or builds a struct declaring
it positionally (`T{a, b}`, elided `{a, b}` inside a literal of `[]T`) or by conversion
(`T(v)`); a positional literal whose struct type cannot be told counts as setting every
field. Exported fields, and fields of another kind, are never facts.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from tree_sitter import Node

from goguard.facts import fact
from goguard.frontend.gotypes import UNKNOWN, Type, TypeResolver
from goguard.frontend.source import matches

# Declared map / pointer fields, and everything that can set a field, in one query.
_QUERY = """
(field_declaration name: (field_identifier) @decl type: (_) @type)
(assignment_statement left: (expression_list (selector_expression field: (field_identifier) @set)))
(receive_statement left: (expression_list (selector_expression field: (field_identifier) @set)))
(range_clause left: (expression_list (selector_expression field: (field_identifier) @set)))
(keyed_element . (literal_element (identifier) @set))
(unary_expression operator: "&" operand: (selector_expression field: (field_identifier) @set))
(literal_value (literal_element) @positional)
(call_expression function: [(identifier) (type_identifier) (parenthesized_expression)] @conv
  arguments: (argument_list . (_) .))
"""


@dataclass
class NeverSet:
    """Unexported fields never set in the package: name -> (kind, file path, line)."""

    fields: dict[str, tuple[str, str, int]] = field(default_factory=dict)

    def kind(self, name: str) -> str | None:
        """"map" or "pointer" when the field is never set, else None."""
        got = self.fields.get(name)
        return got[0] if got is not None else None

    def where(self, name: str) -> str:
        _, path, line = self.fields[name]
        return f"{path}:{line}"


def declared_kind(types: TypeResolver, t: Type) -> str:
    """"map" for a map field, "pointer" for a pointer to a slice or map, else "other"."""
    u = types.underlying(t)
    if u.kind == "map":
        return "map"
    if u.kind == "pointer" and types.underlying(u.elem or UNKNOWN).kind in ("slice", "map"):
        return "pointer"
    return "other"


def declared_fields(package) -> dict[str, str]:
    """Unexported map / pointer field names declared by the package's named struct
    types (a cheap pre-check before the fact, which reads every file): name -> kind."""
    key = ("declared-fields",)
    got = package.facts.get(key)
    if got is None:
        types = TypeResolver.of(package)
        got = {}
        for d in package.decls.values():
            if d.kind != "type":
                continue
            for name, t, embedded in types.struct_fields(Type("named", name=d.name)):
                if not embedded and name[:1].islower():
                    kind = declared_kind(types, t)
                    if kind != "other":
                        got[name] = kind
        package.facts[key] = got
    return got


@fact("never-set-fields")
def never_set_fields(package) -> NeverSet:
    types = TypeResolver.of(package)
    kinds: dict[str, set[str]] = {}
    where: dict[str, tuple[str, int]] = {}
    set_names: set[str] = set()
    whole: list[Type] = []  # struct types built positionally or by conversion
    unknown_positional = False
    type_names = {n for n, d in package.decls.items() if d.kind == "type"}
    for f in package.files:
        seen_lits: set[int] = set()
        for _, caps in matches(_QUERY, f.root):
            for d in caps.get("decl", ()):
                name = f.text(d)
                t = caps["type"][0]
                kinds.setdefault(name, set()).add(declared_kind(types, types.from_node(t, f)))
                where.setdefault(name, (f.path, d.start_point[0] + 1))
            for s in caps.get("set", ()):
                set_names.add(f.text(s))
            for p in caps.get("positional", ()):
                lit = p.parent
                if lit is None or lit.id in seen_lits:
                    continue
                seen_lits.add(lit.id)
                t = _literal_type(types, f, lit, 0)
                if t is None:
                    unknown_positional = True
                elif types.underlying(t).kind == "struct":
                    whole.append(t)
            for c in caps.get("conv", ()):
                name = f.text(c).strip("()*")
                if name in type_names:
                    whole.append(Type("named", name=name))
    out = NeverSet()
    if unknown_positional:
        return out
    for t in whole:
        set_names.update(name for name, _, _ in types.struct_fields(t))
    for name, ks in kinds.items():
        if len(ks) == 1 and name[:1].islower() and name not in set_names:
            (kind,) = ks
            if kind in ("map", "pointer"):
                out.fields[name] = (kind, *where[name])
    return out


def _literal_type(types: TypeResolver, f, lit: Node, depth: int) -> Type | None:
    """The type of a literal_value: its composite literal's type, or for an elided
    inner literal (`{a, b}` in `[]T{{a, b}}`), the element type of the outer one.
    None when it cannot be told."""
    parent = lit.parent
    if parent is None or depth > 8:
        return None
    if parent.type == "composite_literal":
        tnode = parent.child_by_field_name("type")
        if tnode is not None and tnode.type == "qualified_type":
            return Type("other")  # another package's type: not this package's fields
        t = types.from_node(tnode, f)
        return None if t is UNKNOWN else t
    if parent.type == "literal_element" and parent.parent is not None:
        holder = parent.parent
        outer_lit = holder.parent if holder.type == "keyed_element" else holder
        if outer_lit is None or outer_lit.type != "literal_value":
            return None
        outer = _literal_type(types, f, outer_lit, depth + 1)
        if outer is None:
            return None
        u = types.underlying(outer)
        if u.kind in ("slice", "array", "map"):
            e = types.underlying(u.elem or UNKNOWN)
            inner = e.elem if e.kind == "pointer" else u.elem  # `[]*T{{...}}` elides `&T`
            if inner is None or inner is UNKNOWN:
                return None
            return inner
        if u.kind == "struct" and holder.type == "keyed_element":
            key = holder.named_children[0] if holder.named_children else None
            key = key.named_children[0] if key is not None and key.named_children else key
            ft = types.field(u, f.text(key)) if key is not None else None
            return ft if ft not in (None, UNKNOWN) else None
        return Type("other") if u.kind not in ("unknown",) else None
    return None
