"""Creation sites and the functions that write a field of what they are handed.

A map field that some code of the package sets can still be left nil by one creation
site: a constructor that forgets it, a test's `&T{}`. That value panics only where it
reaches a write of the field that nothing guards. Two summaries carry the value across
a call, each computed once per function and only when a caller asks:

- **Constructors.** For a function or method whose (first) result is a struct `T` or
  `*T` of the package with candidate fields (unexported map or `*[]T`/`*map` fields):
  the candidate fields that *every* non-nil return leaves nil, read off the nil-ness
  analysis at each return (a literal that omits them, with nothing in between that may
  set them: no assignment, no method call on the value, no handing it on). A caller's
  `c := NewT()` then holds a value with those fields nil.
- **Field writers.** For a function or method with an input (receiver or parameter) of
  such a type: the writes `in.f[k] = v` (and dereferences `*in.f`) that run with `in.f`
  still as it came in. The body is analysed once more with every candidate field of the
  input nil at entry, and a write counts when it sees only that nil and no condition on
  the way to it mentions an input (a write that only some state of the value reaches
  is left alone). Only the function's own writes count: one that hands the input on
  to another writer is not followed (a summary per call chain would cost a dataflow
  per level, and the value has usually been set on the way).

A call that hands a value whose field is nil (a literal leaving it unset, a
constructor's result) to a writer of that field, with nothing between the creation and
the call that may set it, panics in the callee: GG101 / GG102 report it at the call.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from tree_sitter import Node

from goguard.analyses.calls import constructed_type, inputs, struct_name
from goguard.analyses.nilness.context import seeded_analysis
from goguard.analyses.nilness.domain import unset_field_of
from goguard.facts import fact, per_function
from goguard.facts.fields import _sets, declared_fields
from goguard.frontend.gotypes import Type, TypeResolver
from goguard.frontend.syntax import NameFinder
from goguard.models import kubernetes
from goguard.models import sync as sync_model

# How many calls deep summaries are computed (a constructor asks its callees in turn).
MAX_DEPTH = 3
# A writer's summary costs a second dataflow over its body: bodies larger than this
# (a compiler's register allocator, say) are not summarised; calls of them stay silent.
MAX_WRITER_BYTES = 16_000


def candidate_fields(package) -> dict[str, frozenset]:
    """Struct type name (short) -> its candidate fields: its own unexported map or
    pointer fields (goguard.facts.fields.declared_fields)."""
    key = ("creation-candidates",)
    got = package.facts.get(key)
    if got is None:
        got = {}
        fields = declared_fields(package)
        if fields:
            from goguard.facts.constructors import _declared_twice

            # A type declared in several (build-constrained) files: what one version's
            # constructor makes says nothing of another version's methods.
            twice = _declared_twice(package)
            types = TypeResolver.of(package)
            for d in package.decls.values():
                if d.kind != "type" or d.name in twice:
                    continue
                own = frozenset(name for name, _, embedded in types.struct_fields(Type("named", name=d.name))
                                if not embedded and name in fields)
                if own:
                    got[d.name] = own
        package.facts[key] = got
    return got


def writer_names(package) -> NameFinder | None:
    """A finder of calls of package functions and methods that may write a candidate
    field of an input: those with a write shape `in.f[` or `*in.f` in their body (the
    cheap test before any summary)."""
    key = ("creation-writer-names",)
    if key not in package.facts:
        direct = set()
        cands = candidate_fields(package)
        if cands:
            types = TypeResolver.of(package)
            finder = NameFinder(frozenset().union(*cands.values()))
            for decl, file in package.functions():
                name, body = decl.child_by_field_name("name"), decl.child_by_field_name("body")
                if name is None or body is None:
                    continue
                names = {file.text(ident).encode() for _, ident, tn in inputs(decl)
                         if tn is not None and struct_name(package, types.from_node(tn, file)) in cands}
                names.discard(b"_")
                if not names:
                    continue
                if _writes_field(finder, file.data, body, names):
                    direct.add(file.text(name))
        package.facts[key] = NameFinder(direct, suffix=rb"\s*\(") if direct else None
    return package.facts[key]


_INDEXED = re.compile(rb"\s*\[")
_IDENT_BEFORE = re.compile(rb"([A-Za-z_][A-Za-z0-9_]*)\s*\.\s*$")


def _writes_field(finder: NameFinder, data: bytes, body: Node, names: set) -> bool:
    """Whether the body indexes or dereferences `x.f` for an input x and a field f."""
    for s, e, _ in finder.finditer(data, body.start_byte, body.end_byte):
        m = _IDENT_BEFORE.search(data[max(body.start_byte, s - 80):s])
        if m is None or m.group(1) not in names:
            continue
        if _INDEXED.match(data, e):
            return True
        before = data[max(body.start_byte, s - 90):s - len(m.group(0))].rstrip()
        if before.endswith((b"*", b"*(")):
            return True
    return False


def constructor_names(package) -> NameFinder | None:
    """A finder of calls of package functions and methods whose first result is a
    struct (or pointer to one) with candidate fields and whose body makes one (a
    function returning a value it looked up is no constructor)."""
    key = ("creation-constructor-names",)
    if key not in package.facts:
        names = set()
        cands = candidate_fields(package)
        if cands:
            types = TypeResolver.of(package)
            others = []
            for decl, file in package.functions():
                name = decl.child_by_field_name("name")
                if name is None or constructed_type(types, package, decl, file) not in cands:
                    continue
                if _makes(package, file.data, decl):
                    names.add(file.text(name))
                elif decl.child_by_field_name("body") is not None:
                    others.append((file.text(name), file.data, decl.child_by_field_name("body")))
            for _ in range(MAX_DEPTH - 1):  # those returning what a constructor made, a few deep
                called = NameFinder(names, suffix=rb"\s*\(") if names else None
                more = {n for n, data, body in others if n not in names and called is not None
                        and called.search(data, body.start_byte, body.end_byte)}
                if not more:
                    break
                names |= more
        package.facts[key] = NameFinder(names, suffix=rb"\s*\(") if names else None
    return package.facts[key]


_LITERAL_AFTER = re.compile(rb"\s*\{")
_CALL_AFTER = re.compile(rb"\s*\(")
# What stands before a type name or constructor call on the line that makes the value:
# `x := `, `x, err = `, `x := &`, `var x `, `x ` (in a var group), `x := new(`.
_MADE_INTO = re.compile(rb"^\s*(?:var\s+)?([A-Za-z_][A-Za-z0-9_]*)(?:\s*,\s*[A-Za-z_][A-Za-z0-9_]*)*"
                        rb"\s*(?:(?::=|=)\s*(?:&\s*|new\(\s*)?)?$")


def created_names(package, data: bytes, fn: Node) -> frozenset:
    """The variables the body of fn may set to a new value of a struct type with
    candidate fields: `x := T{`, `x := &T{`, `x := new(T)`, `var x T`, `x, err :=
    NewT(`. Read from the bytes: a cheap test before the dataflow, never too strict
    for these shapes (a value made another way is not followed)."""
    body = fn.child_by_field_name("body")
    if body is None:
        return frozenset()
    out = set()
    for finder, after in ((_type_finder(package), None), (constructor_names(package), _CALL_AFTER)):
        for s, e, _ in (finder.finditer(data, body.start_byte, body.end_byte) if finder is not None else ()):
            if after is not None and not after.match(data, e):
                continue
            line = data.rfind(b"\n", 0, s) + 1
            m = _MADE_INTO.match(data[max(line, s - 200):s])
            if m is not None and (after is not None or _LITERAL_AFTER.match(data, e) or m.group(0).rstrip()
                                  .endswith(b"(") or not m.group(0).rstrip().endswith(b"=")):
                out.add(m.group(1).decode())
    return frozenset(out)


def _makes(package, data: bytes, fn: Node) -> bool:
    """Whether the body of fn mentions a struct type with candidate fields as a literal
    (`T{`), in `new(T)` or as the type of a declaration."""
    body = fn.child_by_field_name("body")
    finder = _type_finder(package)
    for s, e, _ in (finder.finditer(data, body.start_byte, body.end_byte) if finder and body else ()):
        if _LITERAL_AFTER.match(data, e) or data[max(0, s - 8):s].rstrip().endswith(b"new(") or \
                _MADE_INTO.match(data[max(data.rfind(b"\n", 0, s) + 1, s - 200):s]):
            return True
    return False


def _type_finder(package) -> NameFinder | None:
    key = ("creation-type-names",)
    if key not in package.facts:
        cands = candidate_fields(package)
        package.facts[key] = NameFinder(cands) if cands else None
    return package.facts[key]


@dataclass(frozen=True)
class Constructed:
    """The candidate fields every non-nil return of a constructor leaves nil, and where
    (path, line) its first such return is."""

    fields: frozenset
    path: str
    line: int


def constructed(pass_, decl: Node, file) -> Constructed | None:
    """The constructor summary of a package function or method (None: nothing known)."""
    return per_function(pass_, "constructed", decl, file, _constructed, None, "creation-stack", MAX_DEPTH)


def _constructed(fp, decl: Node) -> Constructed | None:
    nilness = fp.result("nilness", decl)
    if nilness is None or not nilness.constructed:
        return None
    common = None
    first = None
    for ret, fields in nilness.constructed:
        if fields is None:
            continue  # a nil result: the caller's check of the error or the value
        common = fields if common is None else common & fields
        if first is None:
            first = ret
    if not common or first is None:
        return None
    return Constructed(common, fp.file.path, first.start_point[0] + 1)


@dataclass(frozen=True)
class Write:
    """A write of field `field` of input `index` (-1: the receiver) of a function that
    nothing in it can precede with a set."""

    index: int
    field: str
    kind: str  # "write" | "deref"
    where: tuple  # (path, line, column, text) of the write


def field_writes(pass_, decl: Node, file) -> tuple[Write, ...]:
    """The field-writer summary of a package function or method."""
    return per_function(pass_, "field-writes", decl, file, _field_writes, (), "creation-stack", MAX_DEPTH)


def _field_writes(fp, decl: Node) -> tuple[Write, ...]:
    from goguard.facts.results import _enclosing_conditions, _input_derived, _input_names, _mentions

    package = fp.package
    cands = candidate_fields(package)
    types = TypeResolver.of(package)
    seeds = {}
    for index, ident, tn in inputs(decl):
        name = struct_name(package, types.from_node(tn, fp.file)) if tn is not None else None
        if name in cands and fp.text(ident) != "_":
            seeds[ident.start_byte] = (index, ident, cands[name])
    body = decl.child_by_field_name("body")
    if not seeds or body is None or body.end_byte - body.start_byte > MAX_WRITER_BYTES:
        return ()
    result = seeded_analysis(fp, decl, {ident: fields for _, ident, fields in seeds.values()})
    if result is None:
        return ()
    names = [fp.text(ident) for _, ident, _ in seeds.values()]
    out: list[Write] = []

    def seeded(facts) -> tuple[int, str] | None:
        """(input index, field) when facts are only the nil of one seeded field."""
        srcs = {(f.src, f.note) for f in facts if hasattr(f, "note")}
        if not facts or len(srcs) != 1 or len(srcs) != len(facts):
            return None
        src, note = next(iter(srcs))
        seed, field = seeds.get(src), unset_field_of(note)
        return (seed[0], field) if seed is not None and field is not None else None

    # What the caller hands decides too: a condition on the contents of any input
    # (`info.X`, or a local read from them: `service := info.LoadBalancer`).
    every = _input_names(decl, fp.text)
    derived = sorted(_input_derived(decl, set(every), fp.text))
    selected = [re.compile(rf"\b{re.escape(n)}\s*\.") for n in every]

    def guarded(node: Node) -> bool:
        conds = _enclosing_conditions(fp, node, decl)
        return conds is None or any(_mentions(c, n) for c, _ in conds for n in names + derived) or \
            any(r.search(c) for c, _ in conds for r in selected)

    for sink in result.sinks.values():
        got = seeded(sink.facts)
        if got is None or guarded(sink.node):
            continue
        line, col = sink.node.start_point
        out.append(Write(got[0], got[1], sink.kind, (fp.file.path, line + 1, col + 1, fp.text(sink.node))))
    seen, unique = set(), []
    for w in sorted(out, key=lambda w: (w.where[1], w.where[2])):
        if (w.index, w.field, w.kind) not in seen:
            seen.add((w.index, w.field, w.kind))
            unique.append(w)
    return tuple(unique)


def may_set(pass_, decl: Node, file, index: int = -1) -> frozenset | None:
    """The fields of the value handed to input `index` (-1: the receiver) that a
    function or method may set (re-point); None when it may set any (it hands the
    input on, assigns `*p`, calls a method it cannot follow). An input passed by value
    (a struct, a value receiver) is a copy: the caller's fields stay as they were."""
    return per_function(pass_, f"may-set{index}", decl, file, lambda fp, d: _may_set(fp, d, index), None,
                        "creation-stack", MAX_DEPTH)


def _may_set(pass_, decl: Node, index: int) -> frozenset | None:
    return _may_set_in(pass_.package, pass_.file, decl, index, lambda m: may_set(pass_, *m))


def foreign_may_set(package, decl: Node, file, index: int) -> frozenset | None:
    """may_set for a function of another package of the module (read for its
    declarations only), cached with that package; what it hands on is not followed
    beyond that package's methods goguard has parsed."""
    key = ("foreign-may-set", file.abspath, decl.start_byte, index)
    if key in package.facts:
        return package.facts[key]
    package.facts[key] = None  # recursion guard
    got = _may_set_in(package, file, decl, index,
                      lambda m: foreign_may_set(package, m[0], m[1], -1))
    package.facts[key] = got
    return got


def _may_set_in(package, file, decl: Node, index: int, inner_sets) -> frozenset | None:
    """The may-set scan of one declaration of `package` (in `file`); `inner_sets` gives
    it for a method of the package the body calls on the input."""
    body = decl.child_by_field_name("body")
    if body is None:
        return None
    if index == -1:
        recv = decl.child_by_field_name("receiver")
        params = recv.named_children if recv is not None else []
        tn = params[0].child_by_field_name("type") if len(params) == 1 else None
        if tn is None:
            return None
        if tn.type != "pointer_type":
            return frozenset()  # a value receiver: a copy
    found = [(n, tn) for i, n, tn in inputs(decl) if i == index]
    if not found:
        return frozenset() if index == -1 else None  # an unnamed receiver is never used
    ident, tn = found[0]
    if tn is None:
        return None
    name = file.text(ident)
    if name == "_":
        return frozenset()
    types = TypeResolver.of(package)
    t = types.from_node(tn, file)
    if t.kind != "pointer" and types.underlying(t).kind == "struct":
        return frozenset()  # a copy
    tname = struct_name(package, t)
    fields = {f for f, _, _ in types.struct_fields(Type("named", name=tname))} if tname else set()
    api = tname is None and _api_type(t)
    data, text = file.data, file.text
    out: set[str] = set()
    for s, e, _ in NameFinder([name]).finditer(data, body.start_byte, body.end_byte):
        node = file.root.named_descendant_for_byte_range(s, e)
        if node is None or node.type != "identifier" or data[s - 1:s] == b".":
            continue  # a field or a key of the same name
        sel = node.parent
        if sel is None or sel.type != "selector_expression" or sel.child_by_field_name("operand") != node:
            if _compared_with_nil(node):
                continue
            return None  # the input itself is handed on, assigned or dereferenced
        field = sel.child_by_field_name("field")
        x = text(field)
        parent = sel.parent
        if parent is not None and parent.type == "call_expression" and parent.child_by_field_name("function") == sel:
            method = package.method(tname, x) if tname else None
            if method is not None:
                inner = inner_sets(method)
            elif api:
                inner = kubernetes.method_sets(x)
            else:
                inner = None
            if inner is None:
                return None  # a promoted method, or a method of a type goguard cannot read
            out |= inner
            continue
        if tname and x not in fields and package.method(tname, x) is not None:
            return None  # a method value, which may run at any later time
        if _sets(data, field.start_byte, field.end_byte, file.root) or _set_below(sel, text):
            out.add(x)
    return frozenset(out)


def _api_type(t: Type) -> bool:
    """Whether t is (a pointer to) a Kubernetes API type or the metav1.Object interface."""
    while t.kind == "pointer" and t.elem is not None:
        t = t.elem
    return t.kind == "named" and kubernetes.is_api_package(t.name.rpartition(".")[0])


def _compared_with_nil(ident: Node) -> bool:
    p = ident.parent
    while p is not None and p.type == "parenthesized_expression":
        p = p.parent
    if p is None or p.type != "binary_expression":
        return False
    return any(c.type == "nil" for c in (p.child_by_field_name("left"), p.child_by_field_name("right"))
               if c is not None)


# Methods of a field's value that cannot re-point anything of the value holding it:
# the sync types' (goguard.models.sync: `in.mu.Lock()`) and an API object's readers.
_FIELD_READERS = frozenset().union(*sync_model.TYPES.values())


def _set_below(sel: Node, text) -> bool:
    """Whether something below the field `in.f` (`in.f.g = v`, `&in.f.g`,
    `in.f.g.SetLabels(m)`) may be set: then the facts under the field no longer hold."""
    n = sel
    while n.parent is not None and (n.parent.type == "parenthesized_expression" or (
            n.parent.type == "selector_expression" and n.parent.child_by_field_name("operand") == n)):
        n = n.parent
    p = n.parent
    if n.id == sel.id or p is None:
        return False
    if p.type == "call_expression" and p.child_by_field_name("function") == n:
        m = n.child_by_field_name("field") if n.type == "selector_expression" else None
        if m is None:
            return True
        name = text(m)
        return name not in _FIELD_READERS and kubernetes.method_sets(name) != frozenset()
    if p.type == "unary_expression" and _operator_is(p, "&"):
        return True
    if p.type in ("inc_statement", "dec_statement"):
        return True
    if p.type == "expression_list":
        stmt = p.parent
        return stmt is not None and stmt.type in ("assignment_statement", "range_clause", "receive_statement") \
            and stmt.child_by_field_name("left") == p
    return False


def _operator_is(n: Node, op: str) -> bool:
    o = n.child_by_field_name("operator")
    return o is not None and o.type == op


def writes_by_name(pass_, name: str) -> bool:
    """Whether some package function or method of that name writes a field of what it
    is handed (its summary, asked of each declaration of the name once)."""
    package = pass_.package
    key = ("creation-writes-by-name", name)
    got = package.facts.get(key)
    if got is None:
        decls = []
        d = package.decls.get(name)
        if d is not None and d.kind == "func":
            decls.append((d.node, d.file))
        decls += [(m, package.method_file(m)) for (_, n), m in package.methods.items() if n == name]
        got = any(field_writes(pass_, decl, file) for decl, file in decls)
        package.facts[key] = got
    return got


# The package's creation knowledge, by name, for the per-function floor
# (goguard.analyses.nilness reads these through `pass_.fact(...)`, never this module).
fact("creation-candidates")(candidate_fields)
fact("constructor-names")(constructor_names)
fact("writer-names")(writer_names)


@fact("created-names-finder")
def _created_names_finder(package):
    """created_names bound to the package: `(data, fn) -> names`."""
    return lambda data, fn: created_names(package, data, fn)
fact("constructed-summary")(lambda package: constructed)
fact("field-writes-summary")(lambda package: field_writes)
fact("may-set-summary")(lambda package: may_set)
fact("foreign-may-set-summary")(lambda package: foreign_may_set)
