"""Package-level variables that nothing ever assigns.

`var cache map[K]V` at package level is nil until something assigns it. When no file
of the package assigns it (`cache = ...`, in any function, `init` or variable
initialiser; `for cache = range`, a receive), takes its address (`&cache`, which a
callee may store through), calls a method on it (a pointer-receiver method takes its
address implicitly), or names it in a `//go:linkname` directive, and no other package
can assign it (it is unexported, or the package is `main`), then every write into it
panics. An array of maps (`var shards [4]map[string]int`) is the same for its
elements, as long as nothing stores an element (`shards[i] = ...`, `&shards[i]`).
Any of those uses of the name anywhere, even of a local variable of the same name,
counts: the fact stays silent on doubt.
"""

from __future__ import annotations

import re

from goguard.facts import NilByName, fact
from goguard.frontend.gotypes import TypeResolver
from goguard.frontend.source import matches

_QUERY = """
(assignment_statement left: (expression_list (identifier) @set))
(assignment_statement left: (expression_list (parenthesized_expression (identifier) @set)))
(receive_statement left: (expression_list (identifier) @set))
(range_clause left: (expression_list (identifier) @set))
(unary_expression operator: "&" operand: (identifier) @set)
(call_expression function: (selector_expression operand: (identifier) @set))
(assignment_statement left: (expression_list (index_expression operand: (identifier) @store)))
(unary_expression operator: "&" operand: (index_expression operand: (identifier) @store))
"""
_LINKNAME = re.compile(rb"//go:linkname\s+([A-Za-z_][A-Za-z0-9_]*)")


def candidates(package) -> dict[str, str]:
    """Package variables declared without a value whose zero value holds nil, that no
    other package can assign: name -> kind (a cheap pre-check before the fact)."""
    key = ("zero-vars",)
    got = package.facts.get(key)
    if got is None:
        types = TypeResolver.of(package)
        got = {}
        for name, d in package.decls.items():
            if d.kind != "var" or d.value is not None or d.type_node is None or name == "_":
                continue
            if d.node.child_by_field_name("value") is not None:
                continue  # `var a, b = f()`: assigned by the call
            if not (name[:1].islower() or package.name == "main"):
                continue
            kind = types.nil_kind(types.from_node(d.type_node, d.file))
            if kind is not None:
                got[name] = kind
        package.facts[key] = got
    return got


fact("zero-var-candidates")(candidates)


@fact("never-assigned-vars")
def never_assigned_vars(package) -> NilByName:
    zero = candidates(package)
    out = NilByName()
    if not zero:
        return out
    assigned: set[str] = set()
    stored: set[str] = set()
    for f in package.files:
        assigned.update(m.group(1).decode() for m in _LINKNAME.finditer(f.data, *f.span))
        for _, caps in matches(_QUERY, f.root):
            assigned.update(f.text(n) for n in caps.get("set", ()))
            stored.update(f.text(n) for n in caps.get("store", ()))
    for name, kind in zero.items():
        if name in assigned or (kind == "array" and name in stored):
            continue
        d = package.decls[name]
        out.entries[name] = (kind, d.file.path, d.node.start_point[0] + 1)
    return out
