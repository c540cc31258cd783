"""Creation facts per type: which of a struct type's nil-able fields its constructors
(and decoders) leave nil, for the methods that write them.

A real nil map is most often a field that a constructor forgets, or makes only on
some paths (`if cfg.X { t.c = make(...) }`), written by an exported method that the
package itself never calls on that value: its users do. For each struct type `T` of
the package with map, `*[]T` / `*map` or sync-pointer fields:

- its **constructors** are the functions of the package's non-test files that return
  a `T` (or `*T`, or an interface holding one) they made: a literal, `new(T)`, `var t
  T`. Each return is read off the nil-ness analysis of the constructor, so an
  assignment, a method call that may set the field, or handing the value on before
  the return is seen. A field nil on every path of a return is left nil "always"; nil
  on some paths only (a condition, functional options run first) "sometimes";
- a type with decoding tags (`json:"..."`, `yaml`, `toml`, `xml`) has one more
  creation site: a decoder, which leaves unexported fields nil, and exported ones nil
  when the input omits them, unless the package makes them (an UnmarshalJSON method, a
  constructor that the decoded value came from, an assignment elsewhere);
- a field **assigned elsewhere** (`x.f = ...`, `&x.f`, `x.f, err = ...`) outside the
  type's constructors, anywhere in the package, and for an exported field anywhere in
  the module, may be set by the time a method runs (an `Init`, a lazy setter): no
  fact.

The nil-ness analysis then sees a field of a method's receiver (or of a parameter or
range element of the type) as possibly nil ("field c is left nil by NewT (t.go:14)")
where it knows nothing else: its own nil checks, makes and assignments still win.
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass, replace
from functools import lru_cache

from tree_sitter import Node

from goguard.analyses.calls import struct_name
from goguard.analyses.nilness.domain import CHECKED_NOTE, Nil
from goguard.facts import fact
from goguard.facts.fields import _BRACE, _composite_at, _sets
from goguard.frontend.gotypes import UNKNOWN, Type, TypeResolver
from goguard.frontend.module import assigned_in_module, index_for, module_root
from goguard.frontend.syntax import NameFinder
from goguard.models import sync as sync_model

# Bodies larger than this are not read for creation facts (generated code).
MAX_CONSTRUCTOR_BYTES = 40_000
_DECODE_TAG = re.compile(rb'(?:json|yaml|toml|xml|mapstructure|protobuf):"')


@dataclass(frozen=True)
class Created:
    """How a field of a type comes out of its creation sites: nil in every value they
    make (`always`), or only in some; by whom (a constructor's name, or the decoder),
    whether that one leaves it nil on all its paths (`every`), and where."""

    always: bool
    by: str
    path: str
    line: int
    when: str = ""
    every: bool = True
    # Fields of T the conditions of `when` read (`cmd`), or their selections (`cfg.Cache`
    # where the constructor tested its argument cfg and kept it in field cfg).
    tested: frozenset = frozenset()
    at: tuple = ()  # (path, line, column) of the constructor's name in its declaration

    def note(self, field: str) -> str:
        if self.by == "decoding":
            if field[:1].isupper():
                return f"field {field} is nil in a decoded value whose input omits it ({self.path}:{self.line})"
            return f"field {field} is nil in a decoded value: decoders never set unexported fields " \
                   f"({self.path}:{self.line})"
        how = "is left nil" if self.every else "may be left nil"
        when = f", when {self.when}" if self.when else ""
        return f"field {field} {how} by {self.by} ({self.path}:{self.line}{when})"


def creation_fields(package) -> dict[str, dict[str, str]]:
    """Struct type name -> {field: kind} of its own fields whose zero value is nil and
    that a write or a call dereferences: "map", "pointer" (to a slice or map), "sync" (a
    pointer to a sync type). Exported fields included."""
    key = ("creation-fields",)
    got = package.facts.get(key)
    if got is None:
        got = {}
        types = TypeResolver.of(package)
        twice = _declared_twice(package)
        for d in package.decls.values():
            if d.kind != "type" or d.type_node is None or d.type_node.type != "struct_type" or d.name in twice:
                continue
            own = {}
            for name, t, embedded in types.struct_fields(Type("named", name=d.name)):
                if embedded or name == "_":
                    continue
                kind = types.nil_kind(t)
                if kind in ("map", "pointer"):
                    own[name] = kind
                elif sync_model.pointer_to_sync(t):
                    own[name] = "sync"
            if own:
                got[d.name] = own
        package.facts[key] = got
    return got


fact("creation-fields")(creation_fields)


@fact("creation-field-owners")
def creation_field_owners(package) -> dict[str, tuple[str, ...]]:
    """Field name -> the struct types of creation-fields that own a field of that name,
    computed once so a rule asks per site in constant time, not per type."""
    owners: dict[str, list[str]] = {}
    for tname, fields in creation_fields(package).items():
        for f in fields:
            owners.setdefault(f, []).append(tname)
    return {f: tuple(ts) for f, ts in owners.items()}


@fact("sync-pointer-fields")
def sync_pointer_fields(package) -> frozenset:
    """Names of the package's struct fields that point to a sync type."""
    return frozenset(f for fields in creation_fields(package).values() for f, k in fields.items() if k == "sync")


def _declared_twice(package) -> frozenset:
    """Names of types and functions that several files declare: build-constrained
    alternatives (`sync_map.go` for go1.9, `sync_map_1_8.go` before), of which the
    package model keeps one, so what one version's constructor does says nothing of
    another version's methods."""
    key = ("declared-twice",)
    got = package.facts.get(key)
    if got is None:
        seen: set[str] = set()
        twice: set[str] = set()
        for f in package.files:
            for decl in f.root.named_children:
                names = []
                if decl.type == "function_declaration":
                    names = [decl.child_by_field_name("name")]
                elif decl.type == "type_declaration":
                    names = [spec.child_by_field_name("name") for spec in decl.named_children
                             if spec.type in ("type_spec", "type_alias")]
                for n in names:
                    if n is None:
                        continue
                    name = f.text(n)
                    (twice if name in seen else seen).add(name)
        got = package.facts[key] = frozenset(twice)
    return got


class Makers:
    """Which functions of the package make values of which creation types (read from
    the bytes of their bodies: `T{`, `new(T)`, `var x T`), and the decodable types."""

    _LITERAL_AFTER = re.compile(rb"\s*\{")

    def __init__(self, package) -> None:
        self.by_function: dict[tuple[str, int], frozenset] = {}
        self.by_type: dict[str, list] = {}
        fields = creation_fields(package)
        self.decodable: dict[str, tuple[str, int]] = {}
        self.decoded_inside: frozenset = frozenset()
        if not fields:
            return
        for name in fields:
            d = package.decls[name]
            node = d.type_node
            if node is not None and _DECODE_TAG.search(d.file.data, node.start_byte, node.end_byte):
                self.decodable[name] = (d.file.path, d.node.start_point[0] + 1)
        self.decoded_inside = self._decoded_inside(package, fields)
        finder = NameFinder(fields)
        twice = _declared_twice(package)
        types = TypeResolver.of(package)
        for decl, file in package.functions():
            name = decl.child_by_field_name("name")
            if decl.type == "function_declaration" and name is not None and file.text(name) in twice:
                continue
            result = _first_result(types, package, decl, file)
            if result is False:
                continue  # no result that could hold a made T
            body = decl.child_by_field_name("body")
            if body is None or file.path.endswith("_test.go") or body.end_byte - body.start_byte > MAX_CONSTRUCTOR_BYTES:
                continue
            data = file.data
            made = set()
            for s, e, raw in finder.finditer(data, body.start_byte, body.end_byte):
                before = data[max(body.start_byte, s - 12):s].rstrip()
                if self._LITERAL_AFTER.match(data, e) or before.endswith((b"new(", b"new(*")) or \
                        _declared_as(data, s, body.start_byte):
                    made.add(raw.decode())
            if result is not None:
                made &= {result}  # a function returning a *T makes a T for its callers
            if made:
                made_f = frozenset(made)
                self.by_function[(file.abspath, decl.start_byte)] = made_f
                for t in made_f:
                    self.by_type.setdefault(t, []).append((decl, file))

    def _decoded_inside(self, package, fields) -> frozenset:
        """The creation types a decoder allocates itself: element, value or pointee
        types of a tagged field of a decodable type (`Files []*FileCoverage` with a
        json tag). Such a value starts zero, so its unexported fields stay nil."""
        types = TypeResolver.of(package)
        out = set()
        for d in package.decls.values():
            if d.kind != "type" or d.type_node is None or d.type_node.type != "struct_type":
                continue
            for lst in d.type_node.named_children:
                for fd in (lst.named_children if lst.type == "field_declaration_list" else ()):
                    tag = fd.child_by_field_name("tag")
                    if tag is None or not _DECODE_TAG.search(d.file.data, tag.start_byte, tag.end_byte):
                        continue
                    t = types.from_node(fd.child_by_field_name("type"), d.file)
                    for _ in range(4):
                        u = types.underlying(t) if t.kind == "named" and struct_name(package, t) not in fields else t
                        if u.kind in ("slice", "array", "map", "pointer") and u.elem is not None:
                            t = u.elem
                        else:
                            break
                    inner = struct_name(package, t) if t.kind == "named" else None
                    if inner in fields:
                        out.add(inner)
        return frozenset(out)

    def made_by(self, file, decl: Node) -> frozenset:
        return self.by_function.get((file.abspath, decl.start_byte), frozenset())


def _first_result(types: TypeResolver, package, decl: Node, file):
    """What a function's first result says of the creation types it can hand back: the
    struct type's name for `T` / `*T` of the package; None for an interface or a type
    goguard cannot tell (`StateStore`, `any`: any T may be in it); False when it
    cannot hold one (no result, a basic type, a slice, another struct...)."""
    res = decl.child_by_field_name("result")
    if res is None:
        return False
    if res.type == "parameter_list":
        first = res.named_children[0] if res.named_children else None
        res = first.child_by_field_name("type") if first is not None else None
        if res is None:
            return False
    t = types.from_node(res, file)
    name = struct_name(package, t)
    if name is not None:
        u = types.underlying(Type("named", name=name) if t.kind != "pointer" else t.elem)
        if u.kind == "struct":
            return name
        return None if u.kind in ("interface", "unknown") else False
    u = types.underlying(t)
    return None if u.kind in ("interface", "unknown") else False


_VAR_DECL = re.compile(rb"\bvar\s+[A-Za-z_][A-Za-z0-9_]*(?:\s*,\s*[A-Za-z_][A-Za-z0-9_]*)*\s+\*?$")


def _declared_as(data: bytes, s: int, floor: int) -> bool:
    """`var x T` (or `var x *T`... not made: only the value form) just before offset s."""
    line = data.rfind(b"\n", floor, s) + 1
    m = _VAR_DECL.search(data[max(line, s - 200):s])
    return m is not None and not m.group(0).rstrip().endswith(b"*")


@fact("creation-makers")
def makers(package) -> Makers:
    key = ("creation-makers",)
    got = package.facts.get(key)
    if got is None:
        got = package.facts[key] = Makers(package)
    return got


class Creations:
    """The creation facts of a package's types, computed per type on first request."""

    def __init__(self, package) -> None:
        self.package = package
        self._facts: dict[str, dict[str, Created]] = {}
        self._assigned: dict[str, set] | None = None
        self._made: dict[str, frozenset] = {}
        self._keyed: dict[tuple, bool] = {}

    def of(self, pass_, tname: str) -> dict[str, Created]:
        got = self._facts.get(tname)
        if got is None:
            got = self._facts[tname] = {}  # recursion guard: a constructor of T writing T
            got.update(_creation_facts(pass_, self, tname))
        return got

    def field(self, pass_, tname: str, field: str) -> Created | None:
        if field not in creation_fields(self.package).get(tname, {}):
            return None
        if tname not in self._facts and self._keyed_by_every_maker(tname, field) and \
                tname not in makers(self.package).decodable:
            return None  # every constructor keys it in its literal: no dataflow needed
        return self.of(pass_, tname).get(field)

    def _keyed_by_every_maker(self, tname: str, field: str) -> bool:
        """Whether the body of every constructor of T keys the field (`f: ...`): then
        none leaves it nil (the cheap test before the constructors' dataflow)."""
        got = self._keyed.get((tname, field))
        if got is None:
            keyed = _keys(field)
            ctors = makers(self.package).by_type.get(tname, ())
            got = self._keyed[(tname, field)] = bool(ctors) and all(
                keyed.search(f.data, d.start_byte, d.end_byte) for d, f in ctors)
        return got

    def made_somewhere(self, tname: str) -> frozenset:
        """The fields of T that some literal `T{...}` of the package keys with a value
        other than a copy of the same field (`f: make(...)`, not `f: copyMap(x.f)`),
        or sets by position."""
        got = self._made.get(tname)
        if got is not None:
            return got
        names = creation_fields(self.package).get(tname, {})
        out: set[str] = set()
        finder = NameFinder([tname], suffix=rb"\s*\{")
        for f in self.package.files:
            data = f.data
            for _, end, _ in finder.finditer(data, *f.span):
                brace = _BRACE.match(data, end)
                lit = _composite_at(f.root, brace.end() - 1) if brace is not None else None
                if lit is None:
                    continue
                for el in lit.named_children:
                    if el.type == "literal_element":
                        out.update(names)  # positional: every field is set
                        break
                    if el.type != "keyed_element" or len(el.named_children) < 2:
                        continue
                    key = f.text(el.named_children[0]).strip()
                    if key in names and not _selects(key).search(data, el.named_children[-1].start_byte,
                                                                  el.end_byte):
                        out.add(key)
        got = self._made[tname] = frozenset(out)
        return got

    def assigned_elsewhere(self, tname: str, field: str) -> bool:
        """Whether some code outside T's constructors may re-point the field (assign it,
        take its address): in the package, and for an exported field in the module."""
        if self._assigned is None:
            self._assigned = _assignments(self.package)
        spans = self._assigned.get(field, ())
        ctors = [(f.abspath, d.start_byte, d.end_byte) for d, f in makers(self.package).by_type.get(tname, ())]
        for path, at in spans:
            if not any(path == p and a <= at < b for p, a, b in ctors):
                return True
        return field[:1].isupper() and _module_assigned(self.package, field)


@fact("type-creations")
def creations(package) -> Creations:
    return Creations(package)


def _creation_facts(pass_, creations: Creations, tname: str) -> dict[str, Created]:
    package = creations.package
    fields = creation_fields(package).get(tname, {})
    out: dict[str, Created] = {}
    made_any: set[str] = set()  # fields some constructor's return may hand back made
    types = TypeResolver.of(package)
    all_fields = {n for n, _, _ in types.struct_fields(Type("named", name=tname))}
    for decl, file in makers(package).by_type.get(tname, ()):
        fp = pass_.for_file(file)
        nilness = fp.result("nilness", decl)
        if nilness is None:
            continue
        name_node = decl.child_by_field_name("name")
        name = file.text(name_node) if name_node is not None else "a literal"
        at = (file.path, name_node.start_point[0] + 1, name_node.start_point[1] + 1) if name_node is not None else ()
        stored = None
        for ret, made in nilness.made:
            if made is None or made[0] != tname:
                continue
            for f, facts in made[1].items():
                nils = [n for n in facts if isinstance(n, Nil) and n.note != CHECKED_NOTE]
                every = bool(nils) and all(isinstance(n, Nil) for n in facts)
                if not every:
                    made_any.add(f)
                if not nils or f in out and out[f].every:
                    continue
                conds = sorted({(a[0], a[1], t) for n in nils for a, t in n.conds if a[0] in ("", "len>0")})
                when = " and ".join(_describe(*c) for c in conds)
                if len(when) > 100:
                    when = ""
                tested = frozenset(m.decode() for c in conds for m in _SELECTED.findall(c[1].encode())
                                   if m.decode() in all_fields)
                if conds:
                    # A condition on what the constructor keeps in a field (`if cfg.Cache`,
                    # cfg stored as t.cfg) is one on that field in the methods.
                    if stored is None:
                        stored = _stored_as(decl, file, all_fields)
                    tested |= frozenset(f + re.sub(r"\s+", "", m.group(2)) for c in conds
                                        for m in _ROOT.finditer(c[1]) for f in stored.get(m.group(1), ()))
                out[f] = Created(False, name, file.path, ret.start_point[0] + 1, when, every, tested, at)
    out = {f: replace(c, always=c.every and f not in made_any and f not in creations.made_somewhere(tname))
           for f, c in out.items()}
    decodable = makers(package).decodable.get(tname)
    if decodable is not None and not _decoded_made(package, tname):
        # A decoder never sets an unexported field; an exported one it sets when the
        # input holds it, so only a field that no creation site of the package makes
        # is nil for want of input (a constructor that makes it says the type is built,
        # not decoded, where it matters).
        made = creations.made_somewhere(tname)
        nested = tname in makers(package).decoded_inside
        for f in fields:
            if f in out:
                continue
            if f[:1].isupper() and f not in made or not f[:1].isupper() and nested:
                out[f] = Created(False, "decoding", *decodable)
    return {f: c for f, c in out.items() if f in fields and not creations.assigned_elsewhere(tname, f)}


_SELECTED = re.compile(rb"\.\s*([A-Za-z_][A-Za-z0-9_]*)")
# A variable a condition reads, and the fields it selects of it: `cfg.Cache` of `if cfg.Cache`.
_ROOT = re.compile(r"(?<![.\w])([A-Za-z_][A-Za-z0-9_]*)((?:\s*\.\s*[A-Za-z_][A-Za-z0-9_]*)*)")


def _stored_as(decl: Node, file, fields: set) -> dict[str, set]:
    """Variable name -> the fields of the constructed type that a constructor keeps it
    in: `T{cfg: cfg}`, `T{cfg: *cfg}`, `t.cfg = cfg`."""
    out: dict[str, set] = {}
    stack = [decl.child_by_field_name("body")]
    while stack:
        n = stack.pop()
        if n is None or n.type == "func_literal":
            continue
        pairs = []
        if n.type == "keyed_element" and len(n.named_children) == 2:
            key, val = n.named_children
            key = key.named_children[0] if key.type == "literal_element" and key.named_children else key
            val = val.named_children[0] if val.type == "literal_element" and val.named_children else val
            pairs.append((key, val))
        elif n.type == "assignment_statement":
            left, right = n.child_by_field_name("left"), n.child_by_field_name("right")
            if left is not None and right is not None and len(left.named_children) == len(right.named_children):
                pairs.extend((t.child_by_field_name("field"), v) for t, v in zip(left.named_children,
                                                                                 right.named_children)
                             if t.type == "selector_expression")
        for key, val in pairs:
            if key is None or file.text(key) not in fields:
                continue
            while val.type in ("unary_expression", "parenthesized_expression") and val.named_children:
                val = val.named_children[-1]
            if val.type == "identifier":
                out.setdefault(file.text(val), set()).add(file.text(key))
        stack.extend(n.named_children)
    return out


@lru_cache(maxsize=1024)
def _selects(field: str) -> re.Pattern:
    """`.f` of a field name, in bytes."""
    return re.compile(rb"\.\s*" + re.escape(field.encode()) + rb"\b")


@lru_cache(maxsize=1024)
def _keys(field: str) -> re.Pattern:
    """`f:` of a field name keyed in a literal, in bytes."""
    return re.compile(rb"\b" + re.escape(field.encode()) + rb"\s*:(?!=)")


def _describe(kind: str, text: str, truth: bool) -> str:
    if kind == "len>0":
        return f"len({text}) {'>' if truth else '=='} 0"
    return text if truth else f"!({text})"


def _decoded_made(package, tname: str) -> bool:
    """Whether the type decodes itself (an UnmarshalJSON / UnmarshalYAML ... method):
    then what it makes is its own business."""
    return any(tn == tname and m.startswith(("Unmarshal", "Decode")) for tn, m in package.methods)




def _assignments(package) -> dict[str, list]:
    """Field name -> (file, offset) of each mention that may re-point a field of that
    name: assigned, its address taken (a literal key `f:` is a creation, not this)."""
    names = {f for fs in creation_fields(package).values() for f in fs}
    out: dict[str, list] = {}
    if not names:
        return out
    finder = NameFinder(names)
    for f in package.files:
        data = f.data
        for s, e, raw in finder.finditer(data, *f.span):
            if s > 0 and data[s - 1:s] == b"." and _sets(data, s, e, f.root):
                out.setdefault(raw.decode(), []).append((f.abspath, s))
    return out


def _module_assigned(package, field: str) -> bool:
    """Whether a folder of the module other than the package's may assign the field."""
    root = module_root(package.dir)
    index = index_for(package.dir)
    if root is None or index is None or not index.path:
        return False
    own = os.path.normpath(os.path.abspath(package.dir))
    if package.name == "main":
        return False  # a command: nothing imports it
    rel = os.path.relpath(own, root).replace(os.sep, "/")
    if index.path == "std":  # the standard library's import paths have no module prefix
        path = rel
    else:
        path = index.path if rel == "." else f"{index.path}/{rel}"
    return any(field in names for d, names in assigned_in_module(root, path).items() if d != own)


def field_type_name(types: TypeResolver, package, t: Type) -> str | None:
    """The package struct type a value's type (T or *T) names, if it has creation fields."""
    name = struct_name(package, t) if t is not UNKNOWN else None
    return name if name is not None and name in creation_fields(package) else None
