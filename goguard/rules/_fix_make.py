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

_MAP_OPS = (b"len", b"delete", b"clear")  # builtins that only read or change the map's entries


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
        if fn is not None and fn.type == "identifier" and fn.text in _MAP_OPS:
            return "map"
    return "other"


def field_literal_fix(pass_, target: Node, fn: Node) -> Fix | None:
    """For `s.f[k] = v` where the package never sets the map field f: add
    `f: make(T)` (T as the field is declared) to the struct's keyed composite literals,
    when they all lie in this file (a fix edits its finding's file only). Safe when
    the field is unexported and every use of it in the package is a map operation;
    otherwise a caller, a comparison with nil or a JSON encoder could see the map
    appear (`null` becomes `{}`)."""
    t = strip_parens(target)
    if t.type != "selector_expression":
        return None
    operand, field = t.child_by_field_name("operand"), t.child_by_field_name("field")
    if operand is None or field is None:
        return None
    return field_fix(pass_, operand, pass_.text(field), fn)


def field_fix(pass_, operand: Node, fname: str, fn: Node) -> Fix | None:
    """The fix for a nil map field `fname` of the struct `operand` has (see above)."""
    from goguard.analyses.calls import struct_name

    owner = struct_name(pass_.package, pass_.result("exprtypes", fn).of(operand))
    decl = pass_.package.decls.get(owner) if owner else None
    if decl is None or decl.kind != "type" or decl.type_node is None or decl.type_node.type != "struct_type":
        return None
    ftype = _field_type(decl, fname)
    if ftype is None:
        return None
    literals, elsewhere = [], False
    for f in pass_.package.files:
        for lit in _literals_of(f, owner):
            if f.abspath != pass_.file.abspath:  # another file (a part of this one is this file)
                elsewhere = True
            else:
                literals.append((f, lit))
    if elsewhere or not literals:
        return None
    edits = []
    type_text = " ".join(decl.file.code(ftype).split())
    for f, lit in literals:
        e = _add_element(f, lit, f"{fname}: make({type_text})")
        if e is None:
            return None  # a positional literal: left alone
        edits.append(e)
    edits.sort(key=lambda e: -e.start)  # last first, in whatever order the parts were read
    safe = not fname[:1].isupper() and all(_use(s) == "map" for s in _field_uses(pass_.package, fname))
    return Fix(description=f"make the field in {owner}'s literals: {fname}: make({type_text})", safe=safe,
               edits=tuple(edits))


def _field_type(decl, fname: str) -> Node | None:
    body = next((c for c in decl.type_node.named_children if c.type == "field_declaration_list"), None)
    for fd in body.named_children if body is not None else ():
        if fd.type == "field_declaration" and any(decl.file.text(n) == fname
                                                   for n in fd.children_by_field_name("name")):
            return fd.child_by_field_name("type")
    return None


def _literals_of(file, owner: str):
    """Composite literals `owner{...}` of a file (also inside `&owner{...}`)."""
    stack = [file.root]
    while stack:
        n = stack.pop()
        if n.type == "composite_literal":
            tn = n.child_by_field_name("type")
            if tn is not None and tn.type == "type_identifier" and file.text(tn) == owner:
                yield n
        stack.extend(n.named_children)


def _add_element(file, lit: Node, element: str) -> Edit | None:
    body = lit.child_by_field_name("body")
    if body is None:
        return None
    elems = [c for c in body.named_children if c.type != "comment"]
    if any(c.type != "keyed_element" for c in elems):
        return None
    close = body.end_byte - 1  # the closing brace
    data = file.data
    if not elems:
        return Edit(close, close, element)
    last = elems[-1]
    if body.start_point[0] == body.end_point[0]:  # one line: `T{a: 1}`
        return Edit(last.end_byte, last.end_byte, f", {element}")
    # One element per line: the new one goes last, and, as gofmt does, the values of
    # the run of one-line elements it joins are aligned one space after the longest key.
    if any(c.type == "comment" for c in body.named_children) or \
            any(e.start_point[0] != e.end_point[0] for e in elems) or \
            len({e.start_point[0] for e in elems}) != len(elems):
        return None
    run = [elems[-1]]
    for e in reversed(elems[:-1]):
        if e.end_point[0] + 1 != run[0].start_point[0]:
            break
        run.insert(0, e)
    line_start = data.rfind(b"\n", 0, run[0].start_byte) + 1
    indent = data[line_start:run[0].start_byte].decode()
    name, _, value = element.partition(": ")
    pairs = []
    for e in run:
        k, v = e.named_children[0], e.named_children[-1]
        pairs.append((file.code(k), file.code(v)))
    pairs.append((name, value))
    if any(len(k) > 40 for k, _ in pairs):
        return None  # gofmt may break the alignment there: no guess
    width = max(len(k) for k, _ in pairs) + 1
    text = "".join(f"{indent}{k + ':':<{width}} {v},\n" for k, v in pairs)
    close_line = data.rfind(b"\n", 0, close) + 1
    return Edit(line_start, close_line, text)


def _field_uses(package, fname: str):
    """The identifiers of `x.fname` selections in the package's files, as references."""
    for f in package.files:
        stack = [f.root]
        while stack:
            n = stack.pop()
            if n.type == "selector_expression":
                fld = n.child_by_field_name("field")
                if fld is not None and f.text(fld) == fname:
                    yield n  # _use judges the selection as it would a variable
            stack.extend(n.named_children)
