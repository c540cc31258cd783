"""Where a function's own body reads and writes maps.

A write is an index assignment (`m[k] = v`, `m[k] op= v`, `m[k]++`), `delete(m, k)`,
`clear(m)`, or a map writer of goguard/models/concurrency.py: a decoder handed the
map's address (`json.Unmarshal(b, &m)`, `json.NewDecoder(r).Decode(&m)` write into m)
or a function handed the map (`maps.Copy(m, src)`); a read is any other index, `len(m)`, and
`range m`. Only accesses of the body itself count (not of a nested function literal,
which runs when and where the literal does), and only to something provably a map.
"""

from __future__ import annotations

from tree_sitter import Node

from goguard.analyses import analysis
from goguard.analyses.aliases import is_assignment_target
from goguard.frontend.source import captures
from goguard.frontend.syntax import strip_parens
from goguard.models.concurrency import DECODERS

_WRITES = """
(assignment_statement left: (expression_list (index_expression) @w))
(inc_statement (index_expression) @w)
(dec_statement (index_expression) @w)
(call_expression function: (identifier) @f (#match? @f "^(delete|clear)$")) @call
(call_expression function: (selector_expression field: (field_identifier) @d) (#match? @d "%s")) @decode
""" % ("^(" + "|".join(sorted({d.method or d.name for d in DECODERS})) + ")$")
_READS = """
(index_expression) @r
(call_expression function: (identifier) @f (#eq? @f "len") arguments: (argument_list . (_) @len))
(range_clause right: (_) @range)
"""
_DECODERS = {(d.path, d.name, d.method): d for d in DECODERS}


def sites(fp, body: Node, reads: bool, fn: Node | None = None) -> list[tuple[Node, Node, str]]:
    """(site, map expression, access) of a function body: writes, and reads when asked
    (an index that is not a write target, len(m), range over m). Not yet filtered to
    maps nor to the body's own function."""
    caps = captures(_WRITES, body)
    out = [(w, w.child_by_field_name("operand"), "write") for w in caps.get("w", ())]
    written = {w.id for w in caps.get("w", ())}
    for call in caps.get("call", ()):
        args = call.child_by_field_name("arguments")
        if args is not None and args.named_children:
            out.append((call, args.named_children[0], "write"))
    for call in caps.get("decode", ()):
        m = _decoded(fp, call, fn)
        if m is not None:
            out.append((call, m, "write"))
    if reads:
        rc = captures(_READS, body)
        out += [(r, r.child_by_field_name("operand"), "read") for r in rc.get("r", ()) if r.id not in written]
        out += [(r, r, "read") for r in rc.get("len", ())]
        out += [(r, r, "range") for r in rc.get("range", ())]
    return [(site, m, a) for site, m, a in out if m is not None]


def _decoded(fp, call: Node, fn: Node | None = None) -> Node | None:
    """m of `json.Unmarshal(b, &m)`, `json.NewDecoder(r).Decode(&m)` or `maps.Copy(m, src)`
    (a map writer of the models, by import path), or `dec.Decode(&m)` with `dec :=
    json.NewDecoder(r)` and dec never assigned again (within fn)."""
    f = call.child_by_field_name("function")
    op = strip_parens(f.child_by_field_name("operand"))
    if op.type == "identifier" and fn is not None and fp.text(op) not in fp.imports:
        op = _decoder_of(fp, fn, op) or op
    fn, method = f, ""
    if op.type == "call_expression":  # json.NewDecoder(r).Decode(&m)
        method, op = fp.text(fn.child_by_field_name("field")), op.child_by_field_name("function")
        if op.type != "selector_expression":
            return None
        fn, op = op, op.child_by_field_name("operand")
    if op is None or op.type != "identifier":
        return None
    row = _DECODERS.get((fp.imports.get(fp.text(op)), fp.text(fn.child_by_field_name("field")), method))
    args = call.child_by_field_name("arguments")
    if row is None or args is None or args.named_child_count <= row.arg:
        return None
    a = strip_parens(args.named_children[row.arg])
    if not row.address:
        return a
    if a.type != "unary_expression" or a.child_by_field_name("operator").type != "&":
        return None
    return a.child_by_field_name("operand")


def _decoder_of(fp, fn: Node, var: Node) -> Node | None:
    """The `json.NewDecoder(r)` call a local variable holds for its whole life."""
    scopes = fp.result("scopes", fn)
    d = scopes.decl_of(var)
    if d is None or d.kind != "var" or d.value is None or strip_parens(d.value).type != "call_expression":
        return None
    if any(is_assignment_target(u) for u in scopes.refs.get(d.id, ())):
        return None
    return strip_parens(d.value)


def root_path(e: Node, text, element=None) -> tuple[Node | None, tuple]:
    """m of m, s of s.a.m with the path ("a", "m"); None for anything but a variable
    and its fields (a call's result, an index). With `element`, an index expression it
    accepts (an element of a map) is a step of the path too: s of s.a[k].m, with the
    path ("a", "[]", "m")."""
    e = strip_parens(e)
    path: list[str] = []
    while e.type == "selector_expression" or e.type == "index_expression" and element is not None and element(e):
        if e.type == "index_expression":
            path.append("[]")
            e = strip_parens(e.child_by_field_name("operand"))
            continue
        path.append(text(e.child_by_field_name("field")))
        e = strip_parens(e.child_by_field_name("operand"))
    if e.type == "unary_expression" and e.child_by_field_name("operator").type == "*":
        e = strip_parens(e.child_by_field_name("operand"))
    return (e if e.type == "identifier" else None), tuple(reversed(path))


class MapSites:
    """The map accesses of one function's own body: (site, map expression, access);
    the writes first asked, the reads only when a rule asks for them too."""

    def __init__(self, fp, fn: Node) -> None:
        self.fp, self.fn = fp, fn
        self.writes = self._filter(False)
        self._all: list[tuple[Node, Node, str]] | None = None

    @property
    def all(self) -> list[tuple[Node, Node, str]]:
        if self._all is None:
            self._all = self._filter(True)
        return self._all

    def _filter(self, reads: bool) -> list[tuple[Node, Node, str]]:
        fp, fn = self.fp, self.fn
        body = fn.child_by_field_name("body")
        if body is None:
            return []
        found = sites(fp, body, reads, fn)
        if not found:
            return []
        types = fp.result("exprtypes", fn)
        out = []
        for site, m, access in found:
            inner = fp.enclosing_function(site)
            if inner is None or inner.id != fn.id:
                continue
            if site.type == "index_expression":
                if types.container_kind(site) != "map":
                    continue
            elif types.types.underlying(types.of(m)).kind != "map":
                continue
            out.append((site, m, access))
        return out


@analysis("map-sites")
def map_sites(pass_, fn: Node) -> MapSites:
    return MapSites(pass_, fn)
