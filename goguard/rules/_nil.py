"""What GG101 and GG102 share: turning a sink's nil facts into a finding with its flow."""

from __future__ import annotations

import re
from functools import lru_cache

from tree_sitter import Node

from goguard.analyses.nilness import (
    API,
    CREATED,
    DECODED,
    Nil,
    UNTYPED,
    Sink,
    is_nil,
    may_be_nil,
    may_be_nil_root,
    nil_sources,
    only_nil,
)
from goguard.analyses.calls import callee, handed_roots, implementations, imported_callee, struct_name
from goguard.analyses.nilness.candidates import assigned_value
from goguard.analyses.nilness.sinks import assigned_targets
from goguard.facts.creation import writer_names, writes_by_name
from goguard.facts.fields import declared_fields
from goguard.facts.package_vars import candidates as zero_vars
from goguard.facts.results import summary
from goguard.frontend.gotypes import TypeResolver
from goguard.frontend.scopes import top_function
from goguard.frontend.syntax import call_of_name, strip_parens, word_start
from goguard.models import kubernetes

_KIND = {"write": "map", "deref": "pointer"}


def _never_set_field(pass_, target: Node) -> str | None:
    """The kind of the field `target` selects when the package never sets it (a package
    fact, goguard.facts.fields): such a field is nil in every value of its struct."""
    t = strip_parens(target)
    if t.type != "selector_expression":
        return None
    field = t.child_by_field_name("field")
    name = pass_.text(field) if field is not None else ""
    if name not in declared_fields(pass_.package):
        return None
    return pass_.fact("never-set-fields").kind(name)


def _never_stored_entry(pass_, target: Node) -> str | None:
    """"map" when `target` looks up an entry of a map-of-maps field whose entries the
    package never stores (`x.edges[k]`, goguard.facts.nested_entries): nil every time."""
    t = strip_parens(target)
    op = strip_parens(t.child_by_field_name("operand")) if t.type == "index_expression" else None
    field = op.child_by_field_name("field") if op is not None and op.type == "selector_expression" else None
    name = pass_.text(field) if field is not None else ""
    if name not in declared_fields(pass_.package):
        return None
    return pass_.fact("never-stored-entries").kind(name)


def _created_field(pass_, target: Node, fn: Node) -> str | None:
    """The kind of the field `target` selects when it is a field of an input (receiver,
    parameter, range element) of a struct type whose constructors or decoders may
    leave it nil (goguard.facts.constructors): the dataflow decides the rest."""
    t = strip_parens(target)
    if t.type != "selector_expression":
        return None
    op = strip_parens(t.child_by_field_name("operand"))
    field = t.child_by_field_name("field")
    if op is None or op.type != "identifier" or field is None:
        return None
    name = pass_.text(field)
    owners = pass_.fact("creation-field-owners").get(name, ())
    if not owners:
        return None
    # An input of the declaration, read from its parameter list (no scopes needed)...
    top = top_function(fn)
    root = pass_.text(op)
    tname = None
    for plist in (top.child_by_field_name("receiver"), top.child_by_field_name("parameters")):
        for p in (plist.named_children if plist is not None else ()):
            if any(pass_.text(n) == root for n in p.children_by_field_name("name")):
                tname = struct_name(pass_.package, TypeResolver.of(pass_.package).from_node(
                    p.child_by_field_name("type"), pass_.file))
    if tname is None:
        # ...or a range element of a decodable type (decoded values arrive in lists).
        decodable = pass_.fact("creation-makers").decodable
        if not any(t in decodable for t in owners):
            return None
        d = pass_.result("scopes", fn).decl_of(op)
        if d is None or d.kind != "var" or d.origin != "range":
            return None
        tname = struct_name(pass_.package, pass_.result("exprtypes", fn).of(d.ident))
    kind = pass_.fact("creation-fields").get(tname, {}).get(name) if tname else None
    if kind is None or pass_.fact("type-creations").field(pass_, tname, name) is None:
        return None
    return "map" if kind == "map" else "pointer"


def _calls_assigned(pass_, t: Node, fn: Node) -> list[Node]:
    """The calls whose results `t` holds: t itself when it is a call, else the calls a
    variable t is declared or assigned from, in fn."""
    if t.type == "call_expression":
        return [t]
    if t.type != "identifier":
        return []
    scopes = pass_.result("scopes", fn)
    d = scopes.decl_of(t)
    if d is None:
        return []
    return [v for v in [d.value, *(assigned_value(r) for r in scopes.refs.get(d.id, ()))]
            if v is not None and strip_parens(v).type == "call_expression"]


def _api_map(pass_, target: Node, fn: Node) -> str | None:
    """"map" when target is (or its root variable was assigned) the labels or
    annotations of a Kubernetes object (goguard.models.kubernetes), in a file that
    deals with API objects: the dataflow decides whether the object is one."""
    if not kubernetes.deals_with_api(pass_.imports.values()) or pass_.file.path.endswith("_test.go"):
        return None
    t = strip_parens(target)
    if t.type == "selector_expression":
        field = t.child_by_field_name("field")
        return "map" if field is not None and pass_.text(field) in kubernetes.NIL_FIELDS else None
    calls = _calls_assigned(pass_, t, fn)
    for call in calls:
        f = strip_parens(call).child_by_field_name("function")
        name = f.child_by_field_name("field") if f is not None and f.type == "selector_expression" else None
        if name is not None and pass_.text(name) in kubernetes.NIL_GETTERS:
            return "map"
    return None


def _never_assigned_var(pass_, target: Node, fn: Node) -> str | None:
    """The kind of the package variable `target` names (or whose element it is, for an
    array of maps) when nothing in the package assigns it (goguard.facts.package_vars)."""
    t = strip_parens(target)
    index = t.type == "index_expression"
    ident = strip_parens(t.child_by_field_name("operand")) if index else t
    if ident is None or ident.type != "identifier":
        return None
    name = pass_.text(ident)
    kind = zero_vars(pass_.package).get(name)
    if kind is None or (kind == "array") != index or pass_.result("scopes", fn).decl_of(ident) is not None:
        return None
    if pass_.fact("never-assigned-vars").kind(name) is None:
        return None
    return "map" if kind == "array" else kind


def _nil_result(pass_, target: Node, fn: Node, kind: str) -> str | None:
    """`kind` when the variable at target's root is assigned, where it is declared or
    later, from a call of a package function whose result may be nil (its summary)."""
    package_calls = pass_.result("calls-summarised", fn)
    if not package_calls and not _assigned_from_module_call(pass_, target, fn):
        return None
    t = strip_parens(target)
    calls = _calls_assigned(pass_, t, fn)
    for call in calls:
        call = strip_parens(call)
        target_fn = callee(pass_, call, pass_.result("scopes", fn), pass_.result("exprtypes", fn))
        got = summary(pass_, *target_fn) if target_fn is not None else None
        if got is not None and (got.nil or got.on_args or got.on_error):
            return kind
        if target_fn is None and package_calls and any(summary(pass_, decl, file).nil for _, decl, file in
                                                       implementations(pass_, call, pass_.result("exprtypes", fn))):
            return kind
        other = imported_callee(pass_, call, pass_.result("scopes", fn)) if target_fn is None else None
        if other is not None and pass_.fact("foreign-result-summary")(other[2], other[0], other[1]).nil:
            return kind
    return None


_ASSIGNED_CALL = re.compile(rb"(?:\s*,\s*[A-Za-z_][A-Za-z0-9_]*)*\s*:?=\s*([A-Za-z_][A-Za-z0-9_]*)\s*\.\s*"
                            rb"[A-Za-z_][A-Za-z0-9_]*\s*\(")


def _assigned_from_module_call(pass_, target: Node, fn: Node) -> bool:
    """Whether the target (a call, or a variable the function assigns `v := pkg.F(`)
    may hold the result of a function of another package of the module: the cheap
    test, from the bytes, before that function's summary."""
    t = strip_parens(target)
    if t.type == "call_expression":
        return pass_.result("calls-module", fn)
    if t.type != "identifier":
        return False
    top = top_function(fn)
    data, name = pass_.file.data, pass_.text(t).encode()
    at, end = top.start_byte, top.end_byte
    while True:
        at = data.find(name, at, end)
        if at < 0:
            return False
        after = at + len(name)
        if word_start(data, at):
            m = _ASSIGNED_CALL.match(data, after, end)
            if m is not None and m.group(1).decode() in pass_.imports:
                return pass_.result("calls-module", fn)
        at = after


def nil_sink(pass_, node: Node, target: Node | None, kind: str, typed) -> Sink | None:
    """The sink at `node` (a map write or a dereference of `target`) when it may be
    nil. Cheapest checks first: a root with no nil source in its function (nor a
    package fact about it), then the type (`typed(exprtypes)` gives the container's
    kind, "map" / "other" for a write, "slice" / "map" for a dereference), then the
    dataflow."""
    fn = pass_.enclosing_function(node)
    if fn is None or target is None:
        return None
    never_set = _never_set_field(pass_, target) or _never_stored_entry(pass_, target) or \
        _never_assigned_var(pass_, target, fn) or \
        _nil_result(pass_, target, fn, _KIND[kind]) or _created_field(pass_, target, fn) or \
        (_api_map(pass_, target, fn) if kind == "write" else None)
    if not never_set and not may_be_nil_root(pass_, target, fn):
        return None
    exprtypes = pass_.result("exprtypes", fn)
    proven = typed(exprtypes)
    applies = proven == "map" if kind == "write" else proven in ("slice", "map", "sync")
    # A package fact says what the value is by its declaration; the type model, when it
    # proves something else (a slice field of an anonymous struct), wins.
    # Only another module's struct can hold the unproven map (the standard library's
    # unseen structs hold arrays as often): a file that imports none has no such value.
    unproven = kind == "write" and proven == "" and not never_set and _imports_other_modules(pass_) and \
        _not_an_index(exprtypes, node)
    if not (applies or unproven or (never_set == _KIND[kind] and proven != "other")) or \
            not (never_set or may_be_nil(pass_, fn, target)):
        return None
    result = pass_.result("nilness", fn)
    sink = result.sinks.get(node.id) if result is not None else None
    if sink is None or sink.kind != kind or not is_nil(sink.facts):
        return None
    if unproven and not applies and not all(n.kind == UNTYPED for n in nil_sources(sink.facts)):
        return None
    if kind == "deref" and all(n.kind == DECODED for n in nil_sources(sink.facts)):
        return None  # an optional pointer the input may omit is checked where it matters: maps only
    if pass_.file.path.endswith("_test.go") and all(n.kind == DECODED for n in nil_sources(sink.facts)):
        return None  # a test decodes its own data: had it left the map nil, the test would panic
    if _tested_as_made(pass_, sink, fn) or _reached_through_its_keys(pass_, sink, fn):
        return None
    return sink


def _reached_through_its_keys(pass_, sink: Sink, fn: Node) -> bool:
    """Whether every nil of the sink is a field's that the function did not see made
    (a constructor's, a decoder's, an API object's) and the write runs in a loop over
    a collection the function fills only while ranging over that same field: a nil
    (empty) field gives an empty collection, and the write never runs."""
    srcs = nil_sources(sink.facts)
    if not srcs or not all(n.kind in (CREATED, DECODED, API) for n in srcs):
        return False
    field = pass_.text(strip_parens(sink.target))
    top = top_function(fn)
    n = sink.node.parent
    while n is not None and n.id != top.id:
        if n.type == "for_statement":
            rc = next((c for c in n.named_children if c.type == "range_clause"), None)
            over = strip_parens(rc.child_by_field_name("right")) if rc is not None else None
            if over is not None and over.type == "identifier" and \
                    _filled_ranging_over(pass_, top, pass_.text(over), field):
                return True
        n = n.parent
    return False


def _filled_ranging_over(pass_, top: Node, name: str, field: str) -> bool:
    """Whether every assignment of `name` in the function (after its declaration)
    lies in the body of a `for ... range field` loop."""
    found = False
    for target in assigned_targets(top.child_by_field_name("body")):
        if target.type != "identifier" or pass_.text(target) != name:
            continue
        n, inside = target.parent, False
        while n is not None and n.id != top.id:
            if n.type == "for_statement":
                rc = next((c for c in n.named_children if c.type == "range_clause"), None)
                right = rc.child_by_field_name("right") if rc is not None else None
                if right is not None and pass_.text(strip_parens(right)) == field:
                    inside = True
                    break
            n = n.parent
        if not inside:
            return False
        found = True
    return found


@lru_cache(maxsize=1024)
def _selection(name: str, field: str) -> re.Pattern:
    """`name.field` (field may be a selection `cfg.Cache`), spaces allowed around dots."""
    return re.compile(r"\b" + r"\s*\.\s*".join(re.escape(p) for p in (name, *field.split("."))) + r"\b")


def _tested_as_made(pass_, sink: Sink, fn: Node) -> bool:
    """Whether every nil of the sink is a constructor's, left on a path that tested
    fields of the value, and the write runs under a condition on one of those fields
    of the same value (`if d.cmd == pkglistMode { d.pkgpaths[p] = ... }` where the
    constructor made pkgpaths when its cmd was pkglistMode): the two are correlated."""
    srcs = nil_sources(sink.facts)
    if not srcs or not all(n.kind == CREATED and n.tested for n in srcs):
        return False
    root = strip_parens(sink.target)
    while root.type == "selector_expression":
        root = strip_parens(root.child_by_field_name("operand"))
    if root.type != "identifier":
        return False
    name = pass_.text(root)
    tested = frozenset().union(*(n.tested for n in srcs))

    def about(c: Node | None) -> bool:
        return c is not None and any(_selection(name, f).search(pass_.text(c)) for f in tested)

    child, n = sink.node, sink.node.parent
    while n is not None and n.id != fn.id:
        if n.type in ("if_statement", "expression_switch_statement", "expression_case"):
            if about(n.child_by_field_name("condition")) or about(n.child_by_field_name("value")):
                return True
        if n.type in ("block", "statement_list"):
            # An early exit before the write (`if !t.opts.X { return }`) decides as well.
            for stmt in n.named_children:
                if stmt.start_byte >= child.start_byte:
                    break
                if stmt.type == "if_statement" and stmt.child_by_field_name("alternative") is None and \
                        _exits(stmt.child_by_field_name("consequence")) and about(stmt.child_by_field_name("condition")):
                    return True
        child, n = n, n.parent
    return False


def _exits(body: Node | None) -> bool:
    """Whether a block ends by leaving: return, continue, break, goto or panic."""
    stmts = [c for c in (body.named_children if body is not None else ()) if c.type != "comment"]
    if stmts and stmts[-1].type == "statement_list":
        stmts = [c for c in stmts[-1].named_children if c.type != "comment"]
    last = stmts[-1] if stmts else None
    if last is None:
        return False
    if last.type in ("return_statement", "continue_statement", "break_statement", "goto_statement"):
        return True
    call = last.named_children[0] if last.type == "expression_statement" and last.named_children else None
    fn = call.child_by_field_name("function") if call is not None and call.type == "call_expression" else None
    return fn is not None and fn.type == "identifier" and fn.text == b"panic"


def _imports_other_modules(pass_) -> bool:
    """Whether the file imports a package of another module (`github.com/...`)."""
    key = ("imports-other-modules", pass_.file.abspath)
    got = pass_.package.facts.get(key)
    if got is None:
        got = pass_.package.facts[key] = any("." in p.split("/", 1)[0] for p in pass_.imports.values())
    return got


def _not_an_index(exprtypes, write: Node) -> bool:
    """Whether the key of a write cannot be an integer index, as far as the source
    shows: not an integer literal, constant, arithmetic, `len`, or a value of a known
    type other than string. A field that a struct value of a type goguard cannot see
    leaves unset is then a map (or a slice: an index write into a zero slice panics
    as well); only an array field, indexed by an integer, would be safe."""
    idx = write.child_by_field_name("index") if write.type == "index_expression" else None
    if idx is None:
        return False
    e = strip_parens(idx)
    if e.type not in ("identifier", "selector_expression", "call_expression"):
        return False
    t = exprtypes.types.underlying(exprtypes.of(e))
    if t.kind != "unknown":
        return t.kind == "basic" and t.name == "string"
    if e.type == "call_expression":
        return False
    if e.type == "identifier":
        d = exprtypes.scopes.decl_of(e)
        return d is not None and d.kind not in ("const",) and d.origin not in ("range",)
    return True


def report_nil(pass_, sink: Sink, what: str, action: str, skipped: str, fixer=None) -> None:
    """Report a sink whose facts include a nil source: message, then the flow from the
    (first) nil source through the branch that skipped the initialisation."""
    srcs = nil_sources(sink.facts)
    if not srcs:
        return
    if pass_.file.path.endswith("_test.go") and not only_nil(sink.facts) and _made_by_the_loop(pass_, sink):
        return
    name = pass_.text(sink.target)
    if len(name) > 60:
        name = name[:57] + "..."
    definitely = only_nil(sink.facts)
    message = what.format(q="" if definitely else "possibly ", name=name)
    src = srcs[0]
    flow: list = [(src.at or src.src, src.note)]
    branches = sorted({s.branch for s in srcs if s.branch >= 0})
    for b in branches[:1]:
        flow.append((b, skipped))
    flow.append((sink.node, action))
    fix = None
    # A map a decoder, the API server or another module leaves nil is not made by
    # adding it to this package's literals.
    foreign = all(s.kind in (DECODED, API, UNTYPED) for s in srcs)
    if fixer is not None and not foreign:  # the fixer checks the variable is never assigned: nil at every write
        fn = pass_.enclosing_function(sink.node)
        fix = fixer(pass_, sink.target, fn) if fn is not None else None
    pass_.report(sink.node, message, flow=flow, fix=fix)


def _made_by_the_loop(pass_, sink: Sink) -> bool:
    """Whether a loop around the sink makes what it writes on some iteration: the
    write is then nil only when the loop's input comes in the wrong order (a key line
    before any header line). In a test, that input is the test's own script."""
    target = pass_.text(sink.target)
    n = sink.node.parent
    while n is not None and n.type not in ("function_declaration", "method_declaration", "func_literal"):
        if n.type == "for_statement" and any(pass_.text(t) == target
                                             for t in assigned_targets(n.child_by_field_name("body"))):
            return True
        n = n.parent
    return False


def report_calls(pass_, kind: str, what: str, fixer=None) -> None:
    """Report calls that hand a value whose field is nil (a literal or constructor that
    leaves it unset) to a package function that writes the field unguarded
    (goguard.facts.creation): the crash is in the callee, the cause at the creation."""
    package = pass_.package
    writers = writer_names(package)
    if writers is None:
        return
    file = pass_.file
    data, root = file.data, file.root
    done: set[int] = set()
    for start, end, name in writers.finditer(data, *file.span):
        call = call_of_name(root.named_descendant_for_byte_range(start, end))
        if call is None or call.id in done:
            continue
        done.add(call.id)
        fn = pass_.enclosing_function(call)
        top = top_function(fn) if fn is not None else None
        if top is None or not handed_roots(call, pass_.text) & pass_.result("created-names", top) \
                or not writes_by_name(pass_, name.decode()):
            continue
        result = pass_.result("nilness", fn)
        for cs in (result.calls.get(call.id, ()) if result is not None else ()):
            if cs.kind != kind or pass_.fact("never-set-fields").kind(cs.field) is not None or \
                    _reported_in_callee(pass_, call, fn, cs):
                continue  # a never-set field, or one its type's creation facts cover: the write itself is reported
            srcs = nil_sources(cs.facts)
            if not srcs:
                continue
            path, line, col, text = cs.write
            name = f"{pass_.text(cs.target)}.{cs.field}"
            message = what.format(q="" if only_nil(cs.facts) else "possibly ", name=name) + \
                f" in {cs.callee} ({path}:{line}): {_placed(pass_, srcs[0])}"
            flow: list = [(srcs[0].src, srcs[0].note), (call.child_by_field_name("function") or call,
                                                         f"handed to {cs.callee} here")]
            flow.append(((path, line, col), f"{text} runs with {cs.field} nil"))
            pass_.report(call, message, flow=flow, fix=fixer(pass_, cs.target, cs.field, fn) if fixer else None)
            break



def _reported_in_callee(pass_, call: Node, fn: Node, cs) -> bool:
    """Whether the callee's own write of the field is reported from its type's
    creation facts (goguard.facts.constructors): one bug, one finding."""
    target = callee(pass_, call, pass_.result("scopes", fn), pass_.result("exprtypes", fn))
    if target is None:
        return False
    decl, file = target
    result = pass_.for_file(file).result("nilness", decl)
    line = cs.write[1]
    return any(s.kind == cs.kind and s.node.start_point[0] + 1 == line and
               any(isinstance(n, Nil) and n.kind in (CREATED, DECODED) for n in s.facts)
               for s in (result.sinks.values() if result is not None else ()))


def _placed(pass_, nil) -> str:
    """A nil source's note for a message: "here" said as its line."""
    note = nil.note
    if note.endswith(" here") and nil.src >= 0:
        note = f"{note[:-5]} on line {pass_.file.position(nil.src)[0]}"
    return note
