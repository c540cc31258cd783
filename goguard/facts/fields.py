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

import re

from tree_sitter import Node

from goguard.facts import NilByName, fact
from goguard.frontend.gotypes import UNKNOWN, Type, TypeResolver
from goguard.frontend.syntax import NameFinder
from goguard.models import sync as sync_model


def declared_kind(types: TypeResolver, t: Type) -> str:
    """"map" for a map field, "pointer" for a pointer to a slice or map or to a sync
    type (`mu *sync.Mutex`: its Lock dereferences it), else "other" (an array of maps
    is a value, never nil itself)."""
    kind = types.nil_kind(t)
    if kind not in ("map", "pointer") and sync_model.pointer_to_sync(t):
        return "pointer"
    return kind if kind in ("map", "pointer") else "other"


def declared_fields(package) -> dict[str, str]:
    """Unexported field names that the package's named struct types declare as maps or
    pointers to slices or maps, and as nothing else: name -> kind (a cheap pre-check
    before the fact, which reads the files)."""
    key = ("declared-fields",)
    got = package.facts.get(key)
    if got is None:
        types = TypeResolver.of(package)
        kinds: dict[str, set[str]] = {}
        for d in package.decls.values():
            if d.kind != "type":
                continue
            for name, t, embedded in types.struct_fields(Type("named", name=d.name)):
                if not embedded and name[:1].islower():
                    kinds.setdefault(name, set()).add(declared_kind(types, t))
        got = {n: next(iter(k)) for n, k in kinds.items() if len(k) == 1 and k != {"other"}}
        package.facts[key] = got
    return got


fact("declared-fields")(declared_fields)


def _owners(package, types: TypeResolver, fields) -> set[str]:
    """The struct types declaring the candidate fields, and the types declared in terms
    of those (`type A = T`, `type U T`), which positional literals and conversions name."""
    owners = set()
    for d in package.decls.values():
        if d.kind == "type" and any(name in fields for name, _, _ in types.struct_fields(Type("named", name=d.name))):
            owners.add(d.name)
    words = _word_regex(owners)
    related = {d.name for d in package.decls.values() if words is not None and d.kind == "type"
               and d.type_node is not None and words.search(d.file.data, d.type_node.start_byte, d.type_node.end_byte)}
    return owners | related


def _word_regex(names) -> NameFinder | None:
    """A finder of whole-word mentions of any of the names, or None for no names."""
    return NameFinder(names) if names else None


_BRACE = re.compile(rb"\s*\{")
_ARGS_BRACE = re.compile(rb"\s*(?:\[[^\]\n]{0,200}\]\s*)?\{")
_ASSIGNED_AFTER = re.compile(rb"\s*\)?\s*(?:,|(?:[-+*/%&|^]|<<|>>|&\^)?=(?!=))")
_KEYED_AFTER = re.compile(rb"\s*:(?!=)")
_CHAIN = b"abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_.()[]* \t\x80"


def _sets(data: bytes, start: int, end: int, root: Node | None = None) -> bool:
    """Whether the mention of a field name at data[start:end] may set the field, read
    from the bytes around it: assigned (`.f =`, `.f += `, `.f, x =`, `(x.f) =`), keyed
    in a literal (`f:`), or its address taken (`&x.f`). Text that only looks like one
    (a comment, `f:` in a string) counts too: the fact only grows more cautious. A
    comma after the mention counts only when the tree puts it on the left of an
    assignment: `delete(x.f, k)` and `g(x.f, y)` read the field."""
    if start > 0 and data[start - 1:start] == b".":
        after = _ASSIGNED_AFTER.match(data, end)
        # A comma after it is an assignment only in an assignment's left-hand list:
        # `delete(x.f, k)` and `g(x.f, y)` read the field (`g(&x.f, y)` is seen below).
        if after and (root is None or not after.group(0).rstrip().endswith(b",")
                      or _in_assigned_list(root, start, end)):
            return root is None or not _assigned_through(root, start, end)
        i = start - 1
        while i > 0 and start - i < 200 and data[i - 1:i] in _CHAIN_SET:
            i -= 1
        return i > 0 and data[i - 1:i] == b"&"
    return _KEYED_AFTER.match(data, end) is not None


_CHAIN_SET = frozenset(bytes([c]) for c in _CHAIN)


def _in_assigned_list(root: Node, start: int, end: int) -> bool:
    """Whether the field mention at start..end stands in the left-hand list of an
    assignment (`x.f, err = ...`, `x.f, ok = <-ch`, `for x.f, v = range`); True when
    the tree cannot tell (the fact stays cautious)."""
    n = root.descendant_for_byte_range(start, end)
    if n is None or n.type != "field_identifier" or n.parent is None:
        return True
    e = n.parent
    while e.parent is not None and e.parent.type == "parenthesized_expression":
        e = e.parent
    lst = e.parent
    if lst is None or lst.type != "expression_list":
        return lst is None or lst.type in ("ERROR", "range_clause")
    stmt = lst.parent
    return stmt is None or stmt.type in ("ERROR", "range_clause", "receive_statement") or (
        stmt.type == "assignment_statement" and stmt.child_by_field_name("left") == lst)


def _assigned_through(root: Node, start: int, end: int) -> bool:
    """Whether the field mention at start..end is dereferenced where it is assigned
    (`*x.buf = v` assigns the pointee, not the field)."""
    n = root.descendant_for_byte_range(start, end)
    if n is None or n.type != "field_identifier" or n.parent is None:
        return False
    p = n.parent.parent
    while p is not None and p.type == "parenthesized_expression":
        p = p.parent
    return p is not None and p.type == "unary_expression" and p.child_by_field_name("operator") is not None \
        and p.child_by_field_name("operator").type == "*"


@fact("never-set-fields")
def never_set_fields(package) -> NilByName:
    types = TypeResolver.of(package)
    fields = declared_fields(package)
    out = NilByName()
    if not fields:
        return out
    owners = _owners(package, types, fields)
    mentioned = _word_regex(set(fields) | owners)
    field_words = _word_regex(fields)
    set_names: set[str] = set()
    for f in package.files:
        # A file that names none of the fields nor their types can do nothing to them.
        if not mentioned.search(f.data, *f.span):
            continue
        data = f.data
        for start, end, name in field_words.finditer(data, *f.span):
            if _sets(data, start, end, f.root):
                set_names.add(name.decode())
    whole = built_whole(package, types, owners)
    if whole is None:
        return out  # a positional literal of a type that cannot be told
    for t in whole:
        set_names.update(n for n, _, _ in types.struct_fields(Type("named", name=t)))
    where = _declared_at(package, types, fields)
    for name, kind in fields.items():
        if name not in set_names and name in where:
            out.entries[name] = (kind, *where[name])
    return out


def built_whole(package, types: TypeResolver, owners: set) -> set[str] | None:
    """The owner types some file builds positionally (`T{a, b}`, `[]T{{a, b}}`) or by
    conversion (`T(v)`, `(*T)(p)`): every field of theirs may be set there. None when
    a positional literal's type cannot be told (any field may be set)."""
    if not owners:
        return set()
    # `T{`, `T[V]{` (a generic type instantiated), `T(v)`, `(*T)(p)`.
    built = NameFinder(owners, suffix=rb"\s*(?:\[[^\]\n]{0,200}\]\s*)?(?:\{|\)?\s*\()")
    whole: set[str] = set()
    for f in package.files:
        for _, end, raw in built.finditer(f.data, *f.span):
            name = raw.decode()
            brace = _ARGS_BRACE.match(f.data, end)
            if brace is None:
                whole.add(name)  # T(v), (*T)(p): a conversion sets every field
                continue
            lit = _composite_at(f.root, brace.end() - 1)
            if lit is None:
                continue  # not a literal: `func New() *T {`, `type T struct {`
            t = _literal_type(types, f, lit, 0)
            if t is None:
                return None
            if _positional(types, f, lit, t):
                whole.add(name)
    return whole


def _composite_at(root: Node, brace: int) -> Node | None:
    """The literal_value whose `{` is at byte offset `brace`."""
    n = root.descendant_for_byte_range(brace, brace + 1)
    for _ in range(3):
        if n is None:
            return None
        if n.type == "literal_value" and n.start_byte == brace:
            return n
        n = n.parent
    return None


def _positional(types: TypeResolver, f, lit: Node, t: Type) -> bool:
    """Whether a literal of type t sets struct fields by position: its own elements
    when t is a struct, the elided literals of its elements when t is a slice, array or
    map of structs (`[]T{{a, b}}`)."""
    u = types.underlying(t)
    elements = [c for c in lit.named_children if c.type in ("literal_element", "keyed_element")]
    if u.kind == "struct":
        return any(c.type == "literal_element" for c in elements)
    if u.kind in ("slice", "array", "map"):
        for c in elements:
            v = c.named_children[-1] if c.type == "keyed_element" and c.named_children else c
            inner = v.named_children[0] if v.named_children else None
            if inner is not None and inner.type == "literal_value" and \
                    any(x.type == "literal_element" for x in inner.named_children):
                return True
    return False


def _declared_at(package, types: TypeResolver, fields) -> dict[str, tuple[str, int]]:
    """Where each candidate field is declared (the first struct type that has it)."""
    out: dict[str, tuple[str, int]] = {}
    for d in package.decls.values():
        if d.kind != "type" or d.type_node is None or d.type_node.type != "struct_type":
            continue
        for lst in d.type_node.named_children:
            for fd in (lst.named_children if lst.type == "field_declaration_list" else ()):
                for n in (fd.children_by_field_name("name") if fd.type == "field_declaration" else ()):
                    name = d.file.text(n)
                    if name in fields and name not in out:
                        out[name] = (d.file.path, n.start_point[0] + 1)
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
