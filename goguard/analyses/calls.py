"""Calls of the package's own functions, read from syntax and declared types: which
declaration a call calls, what it hands on, and the cheap per-function tests that
decide whether a function summary is worth asking for.

This is the per-function floor: it reads package facts by name only
(`pass_.fact(...)`), never the modules that compute them, so the facts may in turn
use the nil-ness analysis without an import circle.
"""

from __future__ import annotations

import os
import re

from tree_sitter import Node

from goguard.analyses import analysis
from goguard.frontend.gotypes import Type, TypeResolver
from goguard.frontend.syntax import operator, strip_parens


def callee(pass_, call: Node, scopes, exprtypes) -> tuple[Node, object] | None:
    """The package function or method a call expression calls, and its file."""
    fn = call.child_by_field_name("function")
    if fn is None:
        return None
    package = pass_.package
    if fn.type == "identifier":
        if scopes.decl_of(fn) is not None:
            return None
        d = package.decls.get(pass_.text(fn))
        return (d.node, d.file) if d is not None and d.kind == "func" else None
    if fn.type == "selector_expression":
        op, name = fn.child_by_field_name("operand"), fn.child_by_field_name("field")
        if op is None or name is None:
            return None
        t = exprtypes.of(op)
        while t.kind == "pointer" and t.elem is not None:
            t = t.elem
        if t.kind == "named" and "." not in t.name and "/" not in t.name:
            return package.method(t.name, pass_.text(name))
    return None


def implementations(pass_, call: Node, exprtypes) -> list[tuple[str, Node, object]]:
    """For `x.M(...)` where x's type is an interface declared in the package: the
    package's methods M of the types that have every method of the interface, as
    (type name, declaration, file). Empty for anything else."""
    fn = call.child_by_field_name("function")
    if fn is None or fn.type != "selector_expression":
        return []
    op, name = fn.child_by_field_name("operand"), fn.child_by_field_name("field")
    if op is None or name is None:
        return []
    t = exprtypes.of(op)
    package = pass_.package
    if t.kind != "named" or struct_name(package, t) is None:
        return []
    d = package.decls.get(struct_name(package, t))
    if d is None or d.kind != "type" or d.type_node is None or d.type_node.type != "interface_type":
        return []
    wanted = set()
    for m in d.type_node.named_children:
        if m.type == "method_elem":
            n = m.child_by_field_name("name")
            if n is not None:
                wanted.add(d.file.text(n))
        elif m.type != "comment":
            return []  # an embedded interface or a type set: its methods are not listed here
    method = pass_.text(name)
    if method not in wanted:
        return []
    by_type: dict[str, set] = {}
    for tname, mname in package.methods:
        by_type.setdefault(tname, set()).add(mname)
    out = []
    for tname, names in sorted(by_type.items()):
        if wanted <= names:
            got = package.method(tname, method)
            if got is not None:
                out.append((tname, *got))
    return out


def handed(call: Node) -> list[tuple[int, Node]]:
    """(input index, expression) of what a call hands on: its receiver operand (-1)
    and its arguments, `&x` read as x."""
    out = []
    fn = call.child_by_field_name("function")
    if fn is not None and fn.type == "selector_expression":
        op = fn.child_by_field_name("operand")
        if op is not None:
            out.append((-1, op))
    args = call.child_by_field_name("arguments")
    for i, a in enumerate(args.named_children if args is not None else ()):
        e = strip_parens(a)
        if e.type == "unary_expression" and operator(e) == "&":
            e = strip_parens(e.child_by_field_name("operand") or e)
        out.append((i, e))
    return out


def handed_roots(call: Node, text) -> frozenset:
    """The variables at the root of what a call hands on."""
    from goguard.analyses.nilness.sinks import _root

    return frozenset(r for _, e in handed(call) if (r := _root(e, text)) is not None)


def result_kind(types: TypeResolver, type_node: Node | None, file) -> str | None:
    """"map" or "pointer" (to a slice or map) for a result type whose zero is nil. Types
    of other packages are judged by the well-known table only: asked of every function
    of a package, this must not read the packages it imports."""
    if type_node is None:
        return None
    kind = types.nil_kind(types.from_node(type_node, file))
    return kind if kind in ("map", "pointer") else None


def struct_name(package, t: Type) -> str | None:
    """The short name of the package's struct type t or *t names, else None."""
    if t.kind == "pointer" and t.elem is not None:
        t = t.elem
    if t.kind != "named":
        return None
    own = package.import_path
    name = t.name
    if own and name.startswith(own + "."):
        name = name[len(own) + 1:]
    return name if "." not in name and "/" not in name else None


def constructed_type(types: TypeResolver, package, decl: Node, file) -> str | None:
    """The short name of the package struct type that decl's first result is (or
    points to), else None."""
    res = decl.child_by_field_name("result")
    if res is None:
        return None
    if res.type == "parameter_list":
        first = res.named_children[0] if res.named_children else None
        if first is None or len(first.children_by_field_name("name")) > 1:
            return None
        res = first.child_by_field_name("type")
    return struct_name(package, types.from_node(res, file)) if res is not None else None


def inputs(decl: Node) -> list[tuple[int, Node, Node | None]]:
    """(index, name identifier, type node) of a declaration's receiver (-1) and
    parameters (0, 1, ...); a variadic parameter ends the list."""
    out = []
    recv = decl.child_by_field_name("receiver")
    for p in (recv.named_children if recv is not None else ()):
        for n in p.children_by_field_name("name"):
            out.append((-1, n, p.child_by_field_name("type")))
    params = decl.child_by_field_name("parameters")
    i = 0
    for p in (params.named_children if params is not None else ()):
        if p.type == "variadic_parameter_declaration":
            break
        names = p.children_by_field_name("name")
        for n in names:
            out.append((i, n, p.child_by_field_name("type")))
            i += 1
        if not names:
            i += 1
    return out


def imported_callee(pass_, call: Node, scopes) -> tuple[Node, object, object] | None:
    """For `pkg.F(...)` with pkg an import of another package of the module: F's
    declaration, its file and that package (read for its declarations)."""
    from goguard.frontend.package import BODIES, imported

    fn = call.child_by_field_name("function")
    if fn is None or fn.type != "selector_expression":
        return None
    op, name = fn.child_by_field_name("operand"), fn.child_by_field_name("field")
    if op is None or name is None or op.type != "identifier" or scopes.decl_of(op) is not None:
        return None
    path = pass_.imports.get(pass_.text(op))
    pkg = imported(pass_.package.dir, path) if path else None
    d = pkg.decls.get(pass_.text(name)) if pkg is not None else None
    if d is None or d.kind != "func":
        return None
    BODIES.add(os.path.dirname(d.file.abspath))  # its body is read: the cache keys on its bytes
    return d.node, d.file, pkg


_MODULE_CALL = re.compile(rb"\b([A-Za-z_][A-Za-z0-9_]*)\s*\.\s*[A-Za-z_][A-Za-z0-9_]*\s*\(")


@analysis("calls-module")
def calls_module(pass_, fn: Node) -> bool:
    """Whether fn calls a function of another package of the module (`pkg.F(`), by
    the import's path resolving to a folder on disk: the cheap test before the
    callee's summary."""
    from goguard.frontend.module import index_for

    aliases = {m.group(1).decode() for m in _MODULE_CALL.finditer(pass_.file.data, fn.start_byte, fn.end_byte)}
    aliases &= set(pass_.imports)
    if not aliases:
        return False
    index = index_for(pass_.package.dir)
    return index is not None and any(index.folder(pass_.imports[a]) is not None for a in aliases)


@analysis("calls-summarised")
def calls_summarised(pass_, fn: Node) -> bool:
    """Whether fn calls, by name, a package function or method whose result may be nil
    by its type: computed once per function, before any summary is asked for."""
    names = pass_.fact("summarised-names")
    return names is not None and names.search(pass_.file.data, fn.start_byte, fn.end_byte)


@analysis("created-names")
def created_names_analysis(pass_, fn: Node) -> frozenset:
    """The variables fn's body may set to a new value of a struct type with candidate
    fields (goguard.facts.creation.created_names; of the outermost function for a
    literal)."""
    return pass_.fact("created-names-finder")(pass_.file.data, fn)
