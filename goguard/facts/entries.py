"""Concurrent entry points of a package: code that runs on goroutines of its own.

- `go` statements (a literal, a function or method of the package, with its
  parameters and receiver bound to the call's arguments), `.Go(func ...)` (errgroup,
  `sync.WaitGroup.Go`) and `time.AfterFunc`;
- request handlers, which a server runs once per request, each on its own goroutine:
  literals, functions and method values handed to `HandleFunc`/`Handle` or to the
  calls of goguard/models/concurrency.py (net/http's `ListenAndServe` and `Serve`,
  routers by import path), a value of a type of the package handed to one (its
  `ServeHTTP` serves every request on that one value) or to a server's handler field
  (`http.Server{Handler: ...}`), literals and method values with a handler's
  parameters handed to any call (gin, echo, fiber, fasthttp), every exported method
  of a gRPC service passed to `Register...Server` or a net/rpc service passed to
  `Register`/`RegisterName`, and a Prometheus collector's `Collect`.

Each is a Context: what runs, where it was started, the loop around the launch, and
how the callee's parameters map to the launcher's expressions. Computed once per
package, from all its files (declarations with syntax errors left out).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from tree_sitter import Node

from goguard.analyses.aliases import is_assignment_target
from goguard.facts.keeps import params_of
from goguard.facts.map_writes import callee
from goguard.frontend.source import captures
from goguard.frontend.syntax import strip_parens, word_byte, word_start
from goguard.models.concurrency import (COLLECTOR_METHOD, COLLECTOR_PATH, GRPC_REGISTER_PREFIX, GRPC_REGISTER_SUFFIX,
                                        HANDLER_CALLS, HANDLER_FIELDS, HANDLER_SIGNATURES)

_NAMES = sorted({"Go", "HandleFunc", "Handle", "AfterFunc"} | {r.name for r in HANDLER_CALLS})
_ARGS = """
(argument_list (func_literal) @f)
(argument_list (selector_expression) @f)
"""
_FUNCTION_CALLS = {(r.path, r.name): r for r in HANDLER_CALLS if not r.method}
_METHOD_CALLS = {r.name: r for r in HANDLER_CALLS if r.method}
_FIELDS = {(r.path, r.type, r.field) for r in HANDLER_FIELDS}
_SIGNATURE_PATHS = {p for s in HANDLER_SIGNATURES for p, _ in s.params}
_SIGNATURE_TYPES = {s.params[0][1].lstrip("*").encode() for s in HANDLER_SIGNATURES}


# What can start something concurrent, found in the text rather than by walking the
# tree: a `go` keyword, a call of one of these names (`.Go(`, registrations and server
# calls of the models, `Register...Server(`), a server struct's handler field.
_GO = re.compile(rb"go[ \t]+[\w(]")  # a literal first: found at memchr speed
# Literal pieces that every name of _NAMES contains (found at memchr speed); each hit
# is widened to its whole identifier and kept when that is one of the names.
_PIECES = (b"Handle", b"Serve", b"Go", b"AfterFunc", b"Mount", b"Method", b"Register")
_NAME_SET = frozenset(n.encode() for n in _NAMES)
_OPEN = re.compile(rb"\s*\(")
_REGISTER = re.compile(GRPC_REGISTER_PREFIX.encode() + rb"\w+" + GRPC_REGISTER_SUFFIX.encode() + rb"\s*\(")
_KEYED = [re.compile(re.escape(f.encode()) + rb"\s*:") for f in sorted({r.field for r in HANDLER_FIELDS})]


@dataclass
class Context:
    kind: str  # "goroutine" | "errgroup" | "handler" | "timer"
    launch: Node  # the statement or call that starts it (or registers it)
    launcher: Node  # the function containing the launch
    body: Node  # the function whose body runs concurrently
    fp: object  # the FilePass of body's file
    loop: Node | None  # the innermost loop around the launch, within the launcher
    params: dict[str, Node] = field(default_factory=dict)  # callee parameter -> argument
    launch_pass: object = None  # the FilePass of the launcher's file
    registered: bool = False  # a handler value registered once: its receiver is shared by every request
    started: str = ""  # the flow note at the launch
    outer: "Context | None" = None  # the handler whose body holds the launch: it runs in many copies




def entry_points(pass_) -> list["Context"]:
    """The concurrent entry points of pass_'s package, computed once."""
    key = ("concurrent-entries",)
    got = pass_.package.facts.get(key)
    if got is None:
        got = []
        for f in pass_.package.files:
            found = _scan(f)
            if found or any(t in f.data for t in _SIGNATURE_TYPES):
                got += _contexts(pass_.for_file(f), found)
        got += _collectors(pass_)
        pass_.package.facts[key] = got
    return got


def _scan(f) -> dict[str, list[Node]]:
    """The go statements, calls by the names above, and keyed handler fields of a file,
    as a query's captures would give them: go, call, register, lit."""
    data, root = f.data, f.root
    lo, hi = f.span
    out: dict[str, list[Node]] = {}
    for m in _GO.finditer(data, lo, hi):
        if not word_start(data, m.start()):
            continue
        n = root.descendant_for_byte_range(m.start(), m.start() + 2)
        if n is not None and n.type == "go" and n.parent is not None and n.parent.type == "go_statement":
            out.setdefault("go", []).append(n.parent)
    spans = [(a, b, False) for a, b in _called(data, lo, hi)]
    spans += [(m.start(), m.start() + len(m.group().rstrip(b"( \t\r\n")), True) for m in _REGISTER.finditer(data, lo, hi)
              if word_start(data, m.start())]
    for a, b, registers in spans:
        n = root.descendant_for_byte_range(a, b)
        p = n.parent if n is not None else None
        if n is not None and n.type == "field_identifier" and p is not None and p.type == "selector_expression":
            call, kind = p.parent, "register" if registers else "call"
        elif n is not None and n.type == "identifier" and registers:
            call, kind, p = p, "register", n
        else:
            continue
        if call is not None and call.type == "call_expression" and call.child_by_field_name("function") == p:
            out.setdefault(kind, []).append(call)
    for m in (m for k in _KEYED for m in k.finditer(data, lo, hi)):
        n = root.descendant_for_byte_range(m.start(), m.start() + 1)
        kv = n.parent.parent if n is not None and n.parent is not None else None
        lit = kv.parent.parent if kv is not None and kv.type == "keyed_element" and kv.parent is not None else None
        t = lit.child_by_field_name("type") if lit is not None and lit.type == "composite_literal" else None
        if t is not None and t.type == "qualified_type" and all(x.id != lit.id for x in out.get("lit", ())):
            out.setdefault("lit", []).append(lit)
    return out


def _called(data: bytes, lo: int, hi: int):
    """(start, end) of each call of a name of _NAMES in data[lo:hi]: `name(`, `x.name (`."""
    seen = set()
    for piece in _PIECES:
        at = data.find(piece, lo, hi)
        while at >= 0:
            a, b = at, at + len(piece)
            while a > lo and word_byte(data[a - 1]):
                a -= 1
            while b < hi and word_byte(data[b]):
                b += 1
            if a not in seen and data[a:b] in _NAME_SET and _OPEN.match(data, b, hi):
                seen.add(a)
                yield a, b
            at = data.find(piece, b, hi)


_FUNCTIONS = frozenset(("function_declaration", "method_declaration", "func_literal"))


def _enclosing(n: Node) -> Node | None:
    """The innermost function around a node, by its parents: a launch lies a few
    statements deep, and this spares a file whose functions nothing else has indexed
    yet a walk of its whole tree."""
    p = n.parent
    while p is not None and p.type not in _FUNCTIONS:
        p = p.parent
    return p


def _contexts(fp, found: dict[str, list[Node]]) -> list[Context]:
    errors = [(a, b) for a, b, _ in fp.file.syntax_errors()]
    text = fp.text
    imports = fp.imports
    caps = {k: [n for n in v if not any(a <= n.start_byte < b for a, b in errors)] for k, v in found.items()}
    out = []
    for go in caps.get("go", ()):
        call = next((c for c in go.named_children if c.type == "call_expression"), None)
        launcher = _enclosing(go)
        if call is not None and launcher is not None:
            ctx = _callee_context(fp, "goroutine", go, launcher, call)
            if ctx is not None:
                out.append(ctx)
    for call in caps.get("call", ()):
        fn = call.child_by_field_name("function")
        name = text(fn.child_by_field_name("field"))
        op = fn.child_by_field_name("operand")
        args = call.child_by_field_name("arguments")
        launcher = _enclosing(call)
        if args is None or launcher is None or op is None:
            continue
        argv = args.named_children
        path = imports.get(text(op)) if op.type == "identifier" else None
        row = _FUNCTION_CALLS.get((path, name)) if path is not None else None
        if row is None and path is None and name in _METHOD_CALLS and _METHOD_CALLS[name].path in imports.values():
            row = _METHOD_CALLS[name]
        if name == "Go" and len(argv) == 1:
            out += _literal(fp, "errgroup", call, launcher, argv[0])
        elif name == "AfterFunc" and path == "time" and len(argv) == 2:
            out += _literal(fp, "timer", call, launcher, argv[1])
        elif name == "HandleFunc" and len(argv) == 2:
            out += _handler(fp, call, launcher, argv[1], func=True)
        elif name == "Handle" and len(argv) == 2:
            out += _handler(fp, call, launcher, argv[1])
        elif row is not None and len(argv) == row.args and row.service:
            out += _service(fp, call, launcher, argv[row.arg], None)
        elif row is not None and len(argv) == row.args:
            out += _handler(fp, call, launcher, argv[row.arg])
    for lit in caps.get("lit", ()):
        t = lit.child_by_field_name("type")
        pkg, tname = t.child_by_field_name("package"), t.child_by_field_name("name")
        launcher = _enclosing(lit)
        if pkg is None or tname is None or launcher is None:
            continue
        for kv in lit.child_by_field_name("body").named_children:
            k, v = kv.child_by_field_name("key"), kv.child_by_field_name("value")
            if kv.type == "keyed_element" and k is not None and v is not None and v.named_children and \
                    (imports.get(text(pkg)), text(tname), text(k)) in _FIELDS:
                out += _handler(fp, lit, launcher, v.named_children[0])
    for call in caps.get("register", ()):
        args = call.child_by_field_name("arguments")
        launcher = _enclosing(call)
        if args is not None and args.named_child_count == 2 and launcher is not None:
            out += _service(fp, call, launcher, args.named_children[1], None)
    if _SIGNATURE_PATHS & set(imports.values()):
        out += _signature_handlers(fp, errors)
    return out


def local_literal(fp, launcher: Node, e: Node) -> Node | None:
    """The function literal a local variable holds for its whole life (`f := func()
    {...}`, never assigned again), for `go f()`, `g.Go(f)`."""
    e = strip_parens(e)
    if e.type != "identifier":
        return None
    scopes = fp.result("scopes", launcher)
    d = scopes.decl_of(e)
    if d is None or d.kind != "var" or d.origin not in ("define", "var") or d.value is None:
        return None
    v = strip_parens(d.value)
    if v.type != "func_literal":
        return None
    return None if any(is_assignment_target(u) for u in scopes.refs.get(d.id, ())) else v


def _literal(fp, kind: str, call: Node, launcher: Node, fnarg: Node) -> list[Context]:
    fnarg = strip_parens(fnarg)
    fnarg = local_literal(fp, launcher, fnarg) or fnarg
    if fnarg.type != "func_literal":
        return []
    return [Context(kind, call, launcher, fnarg, fp, innermost_loop(call, launcher), launch_pass=fp)]


def _handler(fp, call: Node, launcher: Node, h: Node, func: bool = False, depth: int = 0) -> list[Context]:
    """A handler handed to a server or mux: a function literal, a function or method
    value, http.HandlerFunc(f), or a value whose ServeHTTP serves every request; and,
    followed to them, a local variable's values (`var h http.Handler = &api{}`), the
    elements of a route table a loop ranges over, what a handler factory of the
    package returns (`s.counter("x")` returning a literal) and what a middleware of
    the package serves (`withLog(h)` calling `h.ServeHTTP`)."""
    h = strip_parens(h)
    if depth > 4:
        return []
    conv = h.child_by_field_name("function") if h.type == "call_expression" else None
    cargs = h.child_by_field_name("arguments") if conv is not None else None
    if conv is not None and fp.text(conv).endswith("HandlerFunc") and cargs is not None and \
            cargs.named_child_count == 1:
        h, func = strip_parens(cargs.named_children[0]), True
    if h.type == "func_literal":
        return [Context("handler", call, launcher, h, fp, None, launch_pass=fp)]
    if h.type == "identifier":
        d = fp.result("scopes", launcher).decl_of(h)
        values = _values(fp, launcher, d, depth) if d is not None else []
        if values:
            return [c for v in values for c in _handler(fp, call, launcher, v, func, depth + 1)]
    if h.type == "identifier" and func:
        td = fp.package.decls.get(fp.text(h))
        if td is not None and td.kind == "func" and fp.result("scopes", launcher).decl_of(h) is None:
            return [Context("handler", call, launcher, td.node, fp.for_file(td.file), None, launch_pass=fp)]
        return []
    if h.type == "selector_expression":
        fields = _field_values(fp, launcher, h, depth)
        if fields:
            return [c for v in fields for c in _handler(fp, call, launcher, v, True, depth + 1)]
    if h.type == "selector_expression" and (func or _is_method_value(fp, launcher, h)):
        ctx = _callee_context(fp, "handler", call, launcher, h, value=True)
        if ctx is not None:
            ctx.loop = None
            return [ctx]
        return []
    if h.type == "call_expression":
        made = _made(fp, call, launcher, h, depth)
        if made:
            return made
    return _service(fp, call, launcher, h, "ServeHTTP")


def _values(fp, launcher: Node, d, depth: int) -> list[Node]:
    """What a local variable of the launcher may hold: its initialiser and the values
    assigned to it; for the value of a `range` over a literal (or a variable holding
    one), the literal's elements."""
    if d.kind != "var":
        return []
    if d.origin == "range":
        if d.index != 1 or d.value is None:
            return []
        return [e for lit in _literals(fp, launcher, d.value, depth) for e in _elements(lit)]
    out = [d.value] if d.value is not None else []
    for u in fp.result("scopes", launcher).refs.get(d.id, ()):
        if not is_assignment_target(u):
            continue
        st = u.parent.parent if u.parent is not None else None
        if st is None or st.type != "assignment_statement" or fp.text(st.child_by_field_name("operator") or st)[:1] \
                not in ("=",):
            continue
        left, right = st.child_by_field_name("left"), st.child_by_field_name("right")
        ls, rs = left.named_children, right.named_children if right is not None else []
        i = next((i for i, x in enumerate(ls) if x.id == u.id), None)
        if i is not None and len(ls) == len(rs):
            out.append(rs[i])
    return out


def _literals(fp, launcher: Node, e: Node, depth: int) -> list[Node]:
    """The composite literals an expression is, or a local variable holds."""
    e = strip_parens(e)
    if e.type == "composite_literal":
        return [e]
    if e.type == "identifier" and depth < 4:
        d = fp.result("scopes", launcher).decl_of(e)
        if d is not None and d.origin != "range":
            return [lit for v in _values(fp, launcher, d, depth + 1) for lit in _literals(fp, launcher, v, depth + 1)]
    return []


def _elements(lit: Node) -> list[Node]:
    """The element values of a composite literal (a map's values, a slice's elements)."""
    body = lit.child_by_field_name("body") if lit.type == "composite_literal" else lit
    out = []
    for el in body.named_children if body is not None else ():
        if el.type == "keyed_element":
            el = el.child_by_field_name("value")
        if el is not None and el.type == "literal_element" and el.named_children:
            out.append(el.named_children[0])
    return out


def _field_values(fp, launcher: Node, h: Node, depth: int) -> list[Node]:
    """`r.h` of a `range` variable r over a literal of structs: each element's field h."""
    op = strip_parens(h.child_by_field_name("operand"))
    if op.type != "identifier":
        return []
    d = fp.result("scopes", launcher).decl_of(op)
    if d is None or d.kind != "var" or d.origin != "range" or d.index != 1 or d.value is None:
        return []
    field = fp.text(h.child_by_field_name("field"))
    names = [n for n, _, _ in _struct_fields(fp, launcher, op)]
    out = []
    for lit in _literals(fp, launcher, d.value, depth):
        for el in _elements(lit):
            if el.type not in ("literal_value", "composite_literal"):
                continue
            items = (el.child_by_field_name("body") if el.type == "composite_literal" else el).named_children
            for i, item in enumerate(items):
                if item.type == "keyed_element":
                    k, v = item.child_by_field_name("key"), item.child_by_field_name("value")
                    if k is not None and fp.text(k) == field and v is not None and v.named_children:
                        out.append(v.named_children[0])
                elif item.type == "literal_element" and i < len(names) and names[i] == field and item.named_children:
                    out.append(item.named_children[0])
    return out


def _struct_fields(fp, launcher: Node, e: Node) -> tuple:
    types = fp.result("exprtypes", launcher)
    return types.types.struct_fields(types.of(e))


def _made(fp, call: Node, launcher: Node, h: Node, depth: int) -> list[Context]:
    """The handlers a call of a function of the package gives: the function literals it
    returns (a handler factory, its captured variables shared by every request), and
    the arguments it serves (a middleware calling `next.ServeHTTP(w, r)` or `next(w,
    r)` on its parameter)."""
    got = callee(fp, launcher, h)
    if got is None:
        return []
    decl, file, _ = got
    mfp = fp.for_file(file)
    body = decl.child_by_field_name("body")
    if body is None:
        return []
    out = []
    where = fp.file.position(call.start_byte)[0]
    for ret in captures("(return_statement (expression_list (_) @v))", body).get("v", ()):
        v = strip_parens(ret)
        conv = v.child_by_field_name("function") if v.type == "call_expression" else None
        if conv is not None and mfp.text(conv).endswith("HandlerFunc"):
            args = v.child_by_field_name("arguments")
            v = strip_parens(args.named_children[0]) if args is not None and args.named_child_count == 1 else v
        if v.type == "func_literal" and _enclosing(v.parent) is not None and _enclosing(v.parent).id == decl.id \
                and _serves(mfp, v):
            out.append(Context("handler", ret.parent.parent, decl, v, mfp, None, launch_pass=mfp,
                               started=f"handler made here, registered at {fp.file.path}:{where}: the server "
                                       f"runs it for many requests at once"))
    args = h.child_by_field_name("arguments")
    argv = args.named_children if args is not None else []
    data = mfp.file.data
    for name, arg in zip(params_of(decl, mfp.text), argv):
        if not name:
            continue
        served = re.search(rb"(?<![\w.])" + re.escape(name.encode()) + rb"\s*(\.ServeHTTP)?\s*\(\s*\w+\s*,",
                           data[body.start_byte:body.end_byte])
        if served is not None:
            out += _handler(fp, call, launcher, arg, not served.group(1), depth + 1)
    return out


def _serves(fp, lit: Node) -> bool:
    """A literal with a request handler's parameters."""
    return _signature(fp, lit) in {s.params for s in HANDLER_SIGNATURES}
def _is_method_value(fp, launcher: Node, h: Node) -> bool:
    got = callee(fp, launcher, h)
    return got is not None and got[2] is not None


def _service(fp, call: Node, launcher: Node, value: Node, method: str | None) -> list[Context]:
    """A value of a type of the package handed to a server: its `method` (ServeHTTP),
    or every exported method (a gRPC service), serves requests on the one value."""
    t = fp.result("exprtypes", launcher).of(value)
    if t.kind == "pointer" and t.elem is not None:
        t = t.elem
    if t.kind != "named" or "." in t.name:
        return []
    out = []
    for (tname, mname), decl in fp.package.methods.items():
        if tname != t.name or (mname != method if method else not mname[:1].isupper()):
            continue
        mfp = fp.for_file(fp.package.method_file(decl))
        ctx = Context("handler", call, launcher, decl, mfp, None, launch_pass=fp, registered=True)
        _bind(ctx, decl, mfp.text, [], value, decl.child_by_field_name("receiver"))
        out.append(ctx)
    return out


def _signature_handlers(fp, errors) -> list[Context]:
    """Function literals and method values with a request handler's parameters
    (goguard/models/concurrency.py) handed to any call: registered with a router."""
    out = []
    wanted = {s.params for s in HANDLER_SIGNATURES}
    methods = _handler_methods(fp.package)
    for h in captures(_ARGS, fp.file.root).get("f", ()):
        if any(a <= h.start_byte < b for a, b in errors):
            continue
        if h.type == "func_literal":
            if _signature(fp, h) not in wanted:
                continue
        elif fp.text(h.child_by_field_name("field")) not in methods:
            continue
        call = h.parent.parent
        launcher = _enclosing(call)
        if launcher is None:
            continue
        if h.type == "func_literal":
            out.append(Context("handler", call, launcher, h, fp, None, launch_pass=fp))
            continue
        ctx = _callee_context(fp, "handler", call, launcher, h, value=True)
        if ctx is not None and _signature(ctx.fp, ctx.body) in wanted:
            ctx.loop = None
            out.append(ctx)
    return out


def _handler_methods(package) -> frozenset[str]:
    """Names of the package's methods whose parameters name a type of another package
    (the cheap test before a method value's signature is read)."""
    key = ("handler-methods",)
    got = package.facts.get(key)
    if got is None:
        got = set()
        for (_, name), decl in package.methods.items():
            params = decl.child_by_field_name("parameters")
            file = package.method_file(decl)
            if params is not None and file is not None and b"." in file.data[params.start_byte:params.end_byte]:
                got.add(name)
        got = package.facts[key] = frozenset(got)
    return got


def _signature(fp, fn: Node) -> tuple:
    """((import path, type), ...) of fn's parameters, one per name."""
    out = []
    params = fn.child_by_field_name("parameters")
    for p in params.named_children if params is not None else ():
        t = p.child_by_field_name("type")
        star = ""
        while t is not None and t.type == "pointer_type":
            star += "*"
            t = t.named_children[-1] if t.named_children else None
        if t is None or t.type != "qualified_type":
            return ()
        path = fp.imports.get(fp.text(t.child_by_field_name("package")))
        out += [(path, star + fp.text(t.child_by_field_name("name")))] * max(1, len(p.children_by_field_name("name")))
    return tuple(out)


def _collectors(pass_) -> list[Context]:
    """Collect methods of Prometheus collectors: the registry calls them from
    concurrent scrapes, on the one registered value."""
    out = []
    for (_, mname), decl in pass_.package.methods.items():
        if mname != COLLECTOR_METHOD:
            continue
        fp = pass_.for_file(pass_.package.method_file(decl))
        if COLLECTOR_PATH not in fp.imports.values() or not _chan_of_metric(fp, decl):
            continue
        name = decl.child_by_field_name("name")
        ctx = Context("handler", name, decl, decl, fp, None, launch_pass=fp, registered=True,
                      started="the registry calls Collect for concurrent scrapes")
        out.append(ctx)
    return out


def _chan_of_metric(fp, decl: Node) -> bool:
    params = decl.child_by_field_name("parameters")
    ps = params.named_children if params is not None else []
    t = ps[0].child_by_field_name("type") if len(ps) == 1 else None
    return t is not None and t.type == "channel_type" and fp.text(t).endswith(".Metric")


def _callee_context(fp, kind: str, go: Node, launcher: Node, call: Node, value: bool = False) -> Context | None:
    """go func() {...}(), go worker(m), go s.run(): what runs, and how its parameters
    (and receiver) map to the launcher's expressions. With `value`, `call` is a method
    value (s.handle) rather than a call."""
    fn = strip_parens(call if value else (call.child_by_field_name("function") or call))
    args = None if value else call.child_by_field_name("arguments")
    argv = list(args.named_children) if args is not None else []
    loop = innermost_loop(go, launcher)
    fn = local_literal(fp, launcher, fn) or fn
    if fn.type == "func_literal":
        ctx = Context(kind, go, launcher, fn, fp, loop, launch_pass=fp)
        _bind(ctx, fn, fp.text, argv, None, None)
        return ctx
    got = callee(fp, launcher, fn)
    if got is None:
        return None
    decl, file, recv = got
    cfp = fp.for_file(file)
    ctx = Context(kind, go, launcher, decl, cfp, loop, launch_pass=fp)
    _bind(ctx, decl, cfp.text, argv, recv, decl.child_by_field_name("receiver"))
    return ctx


def _bind(ctx: Context, decl: Node, text, argv: list[Node], recv: Node | None, receiver: Node | None) -> None:
    for n, a in zip(params_of(decl, text), argv):
        if n:
            ctx.params[n] = a
    if recv is not None and receiver is not None:
        for p in receiver.named_children:
            for n in p.children_by_field_name("name"):
                ctx.params[text(n)] = recv


def innermost_loop(n: Node, stop: Node) -> Node | None:
    p = n.parent
    while p is not None and p.id != stop.id:
        if p.type == "for_statement":
            return p
        if p.type == "func_literal":
            return None
        p = p.parent
    return None
