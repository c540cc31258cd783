"""Goroutines that write one map with no lock held.

## What it does
Finds map writes (an index assignment, `m[k]++`, `m[k] op= v`, `delete(m, k)`,
`clear(m)`) in code that runs concurrently with another write of the same map, with no
`sync.Mutex` (or `sync.RWMutex` write lock) held at the write:

- a `go` statement inside a loop (a function literal, or a function or method of the
  package), `errgroup.Group.Go` or `sync.WaitGroup.Go` in a loop, and handlers
  registered with `HandleFunc` or `Handle` (a literal, a function, a method value, or
  the `ServeHTTP` of a value of the package: the server runs them in several copies
  at once): every copy writes the map, when the map is shared by them (captured from
  outside the loop and not assigned in it, a package variable, a field reached
  through a shared pointer, or an argument that is one of those), directly or in a
  function or method of the package that the goroutine calls;
- a single `go` statement (or `time.AfterFunc`) whose goroutine writes a map that the
  launching function also writes, or reads, after starting it, before anything waits
  for it (a `.Wait()`, a channel operation), or that reads a map the launcher writes:
  then the message is the runtime's `concurrent map read and map write` (or
  `concurrent map iteration and map write` for a `range`).

A lock counts when it is held at the write on every path: `mu.Lock()` before it and no
`mu.Unlock()` between, or `mu.Lock(); defer mu.Unlock()`. `RLock` does not count. A
function whose name ends in `Locked` is taken to be called with the lock held.

It is silent on a map made inside the goroutine, on writes in a `sync.Once`'s function
or any other nested function literal, on `sync.Map` (no index writes), on an errgroup
limited to one goroutine (`SetLimit(1)`), on goroutines that take a slot of a channel
of capacity 1 around their work, and on any map whose sharing it cannot show (a map
reached through a call, a type it cannot see); docs/analysis-model.md ("Concurrency")
lists what it does not see.

## Why is this bad?
Go's maps are not safe for concurrent writes. The runtime detects a write while
another is in progress and stops the whole process with `fatal error: concurrent map
writes`. It is not a panic: `recover` cannot catch it, and deferred functions do not
run. When the runtime's check does not catch the race, the map's internal state can
be corrupted instead.

## Example
```go
package example

import "sync"

func count(words []string) map[string]int {
	counts := map[string]int{}
	var wg sync.WaitGroup
	for _, w := range words {
		wg.Add(1)
		go func() {
			defer wg.Done()
			counts[w]++
		}()
	}
	wg.Wait()
	return counts
}
```

## Use instead
Hold a mutex around the write, or have the goroutines send their results to one
goroutine that owns the map.
```go
package example

import "sync"

func count(words []string) map[string]int {
	counts := map[string]int{}
	var (
		wg sync.WaitGroup
		mu sync.Mutex
	)
	for _, w := range words {
		wg.Add(1)
		go func() {
			defer wg.Done()
			mu.Lock()
			defer mu.Unlock()
			counts[w]++
		}()
	}
	wg.Wait()
	return counts
}
```

## Runtime symptom
`fatal error: concurrent map writes` (or `concurrent map read and map write`), with the
stacks of every goroutine, exit status 2, not recoverable. It depends on timing: tests
may pass for months and the process die under production load. The race detector
(`go test -race`) reports it only when a test happens to run the two writes at once.

## Related checks elsewhere
The race detector finds it at run time when the race happens, at 2-20x CPU. No
mainstream static checker reports it: go vet, staticcheck and golangci-lint's linters
have no check for unsynchronised map writes.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from tree_sitter import Node

from goguard.analyses.aliases import is_assignment_target
from goguard.facts.keeps import params_of
from goguard.frontend.source import captures
from goguard.frontend.syntax import strip_parens
from goguard.rules.base import CORPUS, RuleMeta

META = RuleMeta(
    code="GG401",
    name="concurrent-map-write",
    severity="error",
    tags=("concurrency", "crash"),
    precision="high",
    measured=(f"on {CORPUS}, 10 findings, all true (five in minio's site replication, "
              f"telegraf's solr cache, an etcd contrib server, two test fakes); 0 false positives."),
    requires=(b"go ", b"go\t", b".Go(", b"Handle", b"AfterFunc"),
    query="""
(go_statement) @go
(call_expression function: (selector_expression field: (field_identifier) @m
  (#match? @m "^(Go|HandleFunc|Handle|AfterFunc)$"))) @call
""",
)

_WRITES = """
(assignment_statement left: (expression_list (index_expression) @w))
(inc_statement (index_expression) @w)
(dec_statement (index_expression) @w)
(call_expression function: (identifier) @f (#match? @f "^(delete|clear)$")) @call
"""
_READS = """
(index_expression) @r
(call_expression function: (identifier) @f (#eq? @f "len") arguments: (argument_list . (_) @len))
(range_clause right: (_) @range)
"""


def _sites(body: Node, reads: bool) -> list[tuple[Node, Node, str]]:
    """(site, map expression, access) of a function body: writes, and reads when asked
    (an index that is not a write target, len(m), range over m)."""
    caps = captures(_WRITES, body)
    out = [(w, w.child_by_field_name("operand"), "write") for w in caps.get("w", ())]
    written = {w.id for w in caps.get("w", ())}
    for call in caps.get("call", ()):
        args = call.child_by_field_name("arguments")
        if args is not None and args.named_children:
            out.append((call, args.named_children[0], "write"))
    if reads:
        rc = captures(_READS, body)
        out += [(r, r.child_by_field_name("operand"), "read") for r in rc.get("r", ()) if r.id not in written]
        out += [(r, r, "read") for r in rc.get("len", ())]
        out += [(r, r, "range") for r in rc.get("range", ())]
    return [(site, m, a) for site, m, a in out if m is not None]


def _map_sites(fp, fn: Node, reads: bool):
    """The accesses of `fn`'s own body (not of a nested literal: sync.Once.Do, a
    callback) to something provably a map."""
    body = fn.child_by_field_name("body")
    if body is None:
        return
    types = fp.result("exprtypes", fn)
    for site, m, access in _sites(body, reads):
        inner = fp.enclosing_function(site)
        if inner is None or inner.id != fn.id:
            continue
        if site.type == "index_expression":
            if types.container_kind(site) != "map":
                continue
        elif types.types.underlying(types.of(m)).kind != "map":
            continue
        yield site, m, access


@dataclass
class Context:
    kind: str  # "goroutine" | "errgroup" | "handler" | "timer"
    launch: Node  # the statement or call that starts it
    launcher: Node  # the function containing the launch
    body: Node  # the function whose body runs concurrently
    fp: object  # the FilePass of body's file
    loop: Node | None  # the innermost loop around the launch, within the launcher
    params: dict[str, Node] = field(default_factory=dict)  # callee parameter -> argument
    launch_pass: object = None  # the FilePass of the launcher's file
    registered: bool = False  # a handler value registered once: its receiver is shared by every request


@dataclass(frozen=True)
class Write:
    node: Node  # the index expression, the delete/clear call, or the read
    map_expr: Node
    key: tuple  # what map: ("pkg", name, path) | ("local", decl id, path)
    outer: object  # the launcher's Decl of the map's root variable, when captured or passed (else None)
    access: str = "write"  # write | read | range


def _innermost_loop(n: Node, stop: Node) -> Node | None:
    p = n.parent
    while p is not None and p.id != stop.id:
        if p.type == "for_statement":
            return p
        if p.type == "func_literal":
            return None
        p = p.parent
    return None


def _contexts(pass_, matches) -> list[Context]:
    out = []
    text = pass_.text
    imports = pass_.imports
    for _, caps in matches:
        for go in caps.get("go", ()):
            call = next((c for c in go.named_children if c.type == "call_expression"), None)
            launcher = pass_.enclosing_function(go)
            if call is None or launcher is None:
                continue
            ctx = _callee_context(pass_, "goroutine", go, launcher, call)
            if ctx is not None:
                out.append(ctx)
        for call in caps.get("call", ()):
            fn = call.child_by_field_name("function")
            name = text(fn.child_by_field_name("field"))
            op = fn.child_by_field_name("operand")
            args = call.child_by_field_name("arguments")
            launcher = pass_.enclosing_function(call)
            if args is None or launcher is None or op is None:
                continue
            path = imports.get(text(op)) if op.type == "identifier" else None
            fnarg = None
            if name == "Go" and args.named_child_count == 1:
                kind, fnarg = "errgroup", args.named_children[0]
            elif name == "HandleFunc" and args.named_child_count == 2:
                kind, fnarg = "handler", args.named_children[1]
            elif name == "Handle" and args.named_child_count == 2:
                kind, fnarg = "handler", strip_parens(args.named_children[1])
                conv = fnarg.child_by_field_name("function") if fnarg.type == "call_expression" else None
                cargs = fnarg.child_by_field_name("arguments") if conv is not None else None
                if conv is not None and text(conv).endswith("HandlerFunc") and cargs is not None \
                        and cargs.named_child_count == 1:
                    fnarg = cargs.named_children[0]  # http.HandlerFunc(f)
                else:
                    ctx = _serve_http(pass_, call, launcher, fnarg)
                    if ctx is not None:
                        out.append(ctx)
                    continue
            elif name == "AfterFunc" and path == "time" and args.named_child_count == 2:
                kind, fnarg = "timer", args.named_children[1]
            else:
                continue
            fnarg = strip_parens(fnarg)
            if fnarg.type == "func_literal":
                out.append(Context(kind, call, launcher, fnarg, pass_, _innermost_loop(call, launcher)))
            elif fnarg.type == "identifier" and kind == "handler":
                td = pass_.package.decls.get(text(fnarg))
                if td is not None and td.kind == "func" and pass_.result("scopes", launcher).decl_of(fnarg) is None:
                    out.append(Context(kind, call, launcher, td.node, pass_.for_file(td.file), None))
            elif fnarg.type == "selector_expression" and kind == "handler":  # mux.HandleFunc(p, s.handle)
                ctx = _callee_context(pass_, kind, call, launcher, fnarg, value=True)
                if ctx is not None:
                    ctx.loop = None
                    out.append(ctx)
    return out


def _serve_http(pass_, call: Node, launcher: Node, handler: Node) -> Context | None:
    """mux.Handle(p, h) with h of a type of the package: its ServeHTTP method serves
    every request, on the one value registered."""
    t = pass_.result("exprtypes", launcher).of(handler)
    if t.kind == "pointer" and t.elem is not None:
        t = t.elem
    if t.kind != "named" or "." in t.name:
        return None
    found = pass_.package.method(t.name, "ServeHTTP")
    if found is None:
        return None
    decl, file = found
    fp = pass_.for_file(file)
    ctx = Context("handler", call, launcher, decl, fp, None)
    _bind(ctx, decl, fp.text, [], handler, decl.child_by_field_name("receiver"))
    ctx.registered = True
    return ctx


def _callee_context(pass_, kind: str, go: Node, launcher: Node, call: Node, value: bool = False) -> Context | None:
    """go func() {...}(), go worker(m), go s.run(): what runs, and how its parameters
    (and receiver) map to the launcher's expressions. With `value`, `call` is a method
    value (s.handle) rather than a call."""
    text = pass_.text
    fn = strip_parens(call if value else (call.child_by_field_name("function") or call))
    args = None if value else call.child_by_field_name("arguments")
    argv = list(args.named_children) if args is not None else []
    loop = _innermost_loop(go, launcher)
    if fn.type == "func_literal":
        ctx = Context(kind, go, launcher, fn, pass_, loop)
        _bind(ctx, fn, text, argv, None, None)
        return ctx
    scopes = pass_.result("scopes", launcher)
    decl, file, recv = None, None, None
    if fn.type == "identifier" and scopes.decl_of(fn) is None:
        td = pass_.package.decls.get(text(fn))
        if td is not None and td.kind == "func":
            decl, file = td.node, td.file
    elif fn.type == "selector_expression":
        op = fn.child_by_field_name("operand")
        t = pass_.result("exprtypes", launcher).of(op) if op is not None else None
        if t is not None and t.kind == "pointer" and t.elem is not None:
            t = t.elem
        if t is not None and t.kind == "named" and "." not in t.name:
            found = pass_.package.method(t.name, text(fn.child_by_field_name("field")))
            if found is not None:
                decl, file = found
                recv = op
    if decl is None:
        return None
    fp = pass_.for_file(file)
    ctx = Context(kind, go, launcher, decl, fp, loop)
    _bind(ctx, decl, fp.text, argv, recv, decl.child_by_field_name("receiver"))
    return ctx


def _bind(ctx: Context, decl: Node, text, argv: list[Node], recv: Node | None, receiver: Node | None) -> None:
    for n, a in zip(params_of(decl, text), argv):
        if n:
            ctx.params[n] = a
    if recv is not None and receiver is not None:
        for p in receiver.named_children:
            for n in p.children_by_field_name("name"):
                ctx.params[text(n)] = recv


def _root_path(e: Node, text) -> tuple[Node | None, tuple]:
    """m of m, s of s.a.m with the path ("a", "m")."""
    e = strip_parens(e)
    path: list[str] = []
    while e.type == "selector_expression":
        path.append(text(e.child_by_field_name("field")))
        e = strip_parens(e.child_by_field_name("operand"))
    if e.type == "unary_expression" and e.child_by_field_name("operator").type == "*":
        e = strip_parens(e.child_by_field_name("operand"))
    return (e if e.type == "identifier" else None), tuple(reversed(path))


def _launcher_key(pass_, launcher: Node, e: Node, loop: Node | None, copies: bool):
    """The key of a map expression as the launcher sees it, and the declaration when it
    is the launcher's; None when the map is not shown to be shared."""
    root, path = _root_path(e, pass_.text)
    if root is None:
        return None
    scopes = pass_.result("scopes", launcher)
    d = scopes.decl_of(root)
    if d is None:
        top = pass_.package.decls.get(pass_.text(root))
        return (("pkg", pass_.text(root), path), None) if top is not None and top.kind == "var" else None
    if d.kind not in ("var", "param", "receiver", "result"):
        return None
    if copies and loop is not None:
        if loop.start_byte <= d.ident.start_byte < loop.end_byte:
            return None  # declared in the loop: each copy has its own
        if any(loop.start_byte <= u.start_byte < loop.end_byte and is_assignment_target(u)
               for u in scopes.refs.get(d.id, ())):
            return None  # assigned in the loop: each launch may be handed a new map
    return ("local", d.id, path), d


def _writes(ctx: Context, copies: bool) -> list[Write]:
    """The map accesses of the concurrent body whose map the launcher shares: writes,
    and reads (for a race with the launcher's writes)."""
    fp = ctx.fp
    text = fp.text
    out = []
    literal = ctx.body.type == "func_literal"
    scopes = fp.result("scopes", ctx.body)
    for site, m, access in _map_sites(fp, ctx.body, reads=ctx.kind != "handler"):
        root, path = _root_path(m, text)
        if root is None:
            continue
        d = scopes.decl_of(root)
        if d is None:
            top = fp.package.decls.get(text(root))
            if top is not None and top.kind == "var":
                out.append(Write(site, m, ("pkg", text(root), path), None, access))
            continue
        if literal and d.func.id != ctx.launcher.id and not _encloses(d.func, ctx.launcher):
            continue  # declared in the goroutine (or deeper): its own map
        if literal:
            got = _launcher_key(ctx.launch_pass, ctx.launcher, m, ctx.loop, copies)
        elif ctx.registered and d.kind == "receiver":
            got = (("handler", ctx.launch.id, path), None)  # the one handler value every request shares
        else:  # a parameter or the receiver of the callee: what the launcher handed it
            arg = ctx.params.get(d.name) if d.kind in ("param", "receiver") else None
            got = _launcher_key(ctx.launch_pass, ctx.launcher, arg, ctx.loop, copies) if arg is not None else None
            if got is not None:
                kind, ident, p0 = got[0]
                got = ((kind, ident, p0 + path), got[1])
        if got is not None:
            out.append(Write(site, m, got[0], got[1], access))
    return out


_CALLS = "(call_expression) @c"
MAX_HELPER_BYTES = 16_000  # a longer helper is not looked into


@dataclass(frozen=True)
class HelperWrite:
    call: Node  # the call in the concurrent body
    callee: str  # its text, for the message
    fp: object  # the callee's FilePass
    site: Node  # the write in the callee
    map_text: str  # the map as the callee names it
    key: tuple


def _helper_writes(ctx: Context, copies: bool) -> list[HelperWrite]:
    """Writes that a goroutine's body makes through a function or method of the package
    it calls (one level): s.add(k) where add writes s.m with no lock of its own. The
    callee's parameters and receiver are bound to the call's arguments, and those to
    the launcher's variables."""
    if ctx.body.type != "func_literal" or not copies:
        return []
    pass_ = ctx.launch_pass
    body = ctx.body.child_by_field_name("body")
    if body is None:
        return []
    out = []
    for call in captures(_CALLS, body).get("c", ()):
        f = pass_.enclosing_function(call)
        if f is None or f.id != ctx.body.id:
            continue
        got = _callee_context(pass_, "goroutine", call, ctx.body, call)
        if got is None or got.body.type == "func_literal" or got.body.id == ctx.launcher.id:
            continue
        decl, fp = got.body, got.fp
        name = decl.child_by_field_name("name")
        if decl.end_byte - decl.start_byte > MAX_HELPER_BYTES or (name is not None and fp.text(name).endswith("Locked")):
            continue
        if _locked(pass_, ctx.body, call):
            continue  # the goroutine holds a lock around the call
        scopes = fp.result("scopes", decl)
        for site, m, _ in _map_sites(fp, decl, reads=False):
            root, path = _root_path(m, fp.text)
            d = scopes.decl_of(root) if root is not None else None
            if root is None:
                continue
            if d is None:
                top = fp.package.decls.get(fp.text(root))
                key = ("pkg", fp.text(root), path) if top is not None and top.kind == "var" else None
            else:
                arg = got.params.get(d.name) if d.kind in ("param", "receiver") else None
                k = _launcher_key(pass_, ctx.launcher, arg, ctx.loop, copies) if arg is not None else None
                key = (k[0][0], k[0][1], k[0][2] + path) if k is not None else None
            if key is None or _locked(fp, decl, site):
                continue
            out.append(HelperWrite(call, pass_.text(call.child_by_field_name("function")), fp, site,
                                   fp.text(m), key))
    return out


def _encloses(outer: Node, inner: Node) -> bool:
    return outer.start_byte <= inner.start_byte and inner.end_byte <= outer.end_byte


def _locked(fp, body: Node, site: Node, any_lock: bool = False) -> bool:
    """A write lock is held at the site (any lock, RLock included, for a read)."""
    name = body.child_by_field_name("name")
    if name is not None and fp.text(name).endswith("Locked"):
        return True
    locks = fp.result("locks", body)
    n = fp.result("aliases", body).node_of(site)
    if n is None:
        return False
    return bool(locks.held_at(n)) if any_lock else locks.write_locked(n)


def _repeats(pass_, ctx: Context) -> bool:
    """Whether the launch can run again: a path in the launcher's CFG from it back to
    itself (a loop whose body returns or breaks after the launch starts one goroutine)."""
    model = pass_.result("aliases", ctx.launcher)
    start = model.node_of(ctx.launch)
    if start is None:
        return True
    g = pass_.result("cfg", ctx.launcher).graph
    seen: set[int] = set()
    stack = list(g[start])
    while stack:
        n = stack.pop()
        if n == start:
            return True
        if n not in seen:
            seen.add(n)
            stack.extend(g[n])
    return False


def _waits_each_iteration(pass_, ctx: Context) -> bool:
    """The loop waits (a .Wait(), a channel operation) outside the launch itself: the
    goroutine of one iteration may be done before the next starts. Silent then."""
    if ctx.loop is None:
        return False
    body = ctx.loop.child_by_field_name("body")
    if body is None:
        return False
    data = pass_.file.data
    text = data[body.start_byte:ctx.launch.start_byte] + data[ctx.launch.end_byte:body.end_byte]
    return b".Wait()" in text or b"<-" in text


def _semaphore(pass_, ctx: Context) -> bool:
    """A channel of capacity 1 taken around the work, or an errgroup limited to one."""
    data = pass_.file.data
    launcher = data[ctx.launcher.start_byte:ctx.launcher.end_byte]
    if b"SetLimit(1)" in launcher:
        return True
    if b"make(chan" in launcher and b", 1)" in launcher:
        region = ctx.loop if ctx.loop is not None else ctx.body
        return b"<-" in data[region.start_byte:region.end_byte]
    return False


def check(pass_, matches) -> None:
    reported: set[tuple[str, int]] = set()
    for ctx in _contexts(pass_, matches):
        ctx.launch_pass = pass_
        if ctx.loop is not None and not _repeats(pass_, ctx):
            ctx.loop = None  # the loop returns or breaks after the launch: one goroutine
        copies = ctx.kind == "handler" or ctx.loop is not None
        if copies and (_semaphore(pass_, ctx) or _waits_each_iteration(pass_, ctx)):
            continue
        writes = _writes(ctx, copies)
        for h in _helper_writes(ctx, copies):
            where = (pass_.file.path, h.call.start_byte)  # one finding per call, at its first write
            if where in reported:
                continue
            reported.add(where)
            line, col = h.fp.file.position(h.site.start_byte)
            started = ("goroutine started here, in a loop" if ctx.kind != "handler"
                       else "handler registered here: the server runs it for many requests at once")
            pass_.report(h.call, f"concurrent map writes: {h.callee} writes {h.map_text} in every goroutine "
                                 f"{'this loop starts' if ctx.kind != 'handler' else 'that serves a request'}, "
                                 f"with no lock held (fatal error: concurrent map writes)",
                         flow=[(ctx.launch, started), (h.call, f"calls {h.callee} here, with no lock held"),
                               ((h.fp.file.path, line, col), f"which writes {h.map_text} with no lock held")])
        if not writes:
            continue
        fp = ctx.fp
        for w in writes:
            where = (fp.file.path, w.node.start_byte)
            if where in reported:
                continue
            if _locked(fp, ctx.body, w.node, any_lock=w.access != "write"):
                continue
            name = fp.text(w.map_expr)
            if copies and w.access == "write":
                started = ("goroutine started here, in a loop" if ctx.kind != "handler"
                           else "handler registered here: the server runs it for many requests at once")
                msg = (f"concurrent map writes: {name} is written by every goroutine "
                       f"{'this loop starts' if ctx.kind != 'handler' else 'that serves a request'}, "
                       f"with no lock held (fatal error: concurrent map writes)")
                other = None
            else:
                other, access = _launcher_access(pass_, ctx, w)
                if other is None:
                    continue
                started = "goroutine started here" + (", in a loop" if copies else "")
                msg = _pair_message(pass_, ctx, w, name, other, access)
            reported.add(where)
            _report(pass_, ctx, w, msg, started, other)


def _pair_message(pass_, ctx: Context, w: Write, name: str, other: Node, access: str) -> str:
    who = (pass_.text(ctx.launcher.child_by_field_name("name")) if ctx.launcher.type != "func_literal"
           else "the launching function")
    line = pass_.file.position(other.start_byte)[0]
    verbs = {"write": "written", "read": "read", "range": "iterated over"}
    accesses = {w.access, access}
    if accesses == {"write"}:
        fatal = "concurrent map writes"
    elif "range" in accesses:
        fatal = "concurrent map iteration and map write"
    else:
        fatal = "concurrent map read and map write"
    theirs = "" if access == w.access else verbs[access] + " "
    return (f"{fatal}: {name} is {verbs[w.access]} by the goroutine and {theirs}by {who} "
            f"after starting it (line {line}), with no lock held (fatal error: {fatal})")


def _report(pass_, ctx: Context, w: Write, msg: str, started: str, other: Node | None) -> None:
    fp = ctx.fp
    same_file = fp.file is pass_.file
    line, col = fp.file.position(w.node.start_byte)
    write_step = (w.node if same_file else (fp.file.path, line, col),
                  f"writes {fp.text(w.map_expr)} here with no lock held")
    flow = [(ctx.launch, started), write_step]
    if other is not None:
        flow.append((other, "and the launching function writes it here, not waiting for the goroutine"))
    pass_.report(w.node if same_file else ctx.launch, msg, flow=flow)


def _launcher_access(pass_, ctx: Context, w: Write) -> tuple[Node | None, str]:
    """An access of the same map by the launcher after the launch, before any wait,
    with no lock held there, that races with `w`: a write against any access, a read
    or iteration against a write."""
    if ctx.kind not in ("goroutine", "timer", "errgroup"):
        return None, ""
    launcher = ctx.launcher
    body = launcher.child_by_field_name("body")
    if body is None:
        return None, ""
    cfg = pass_.result("cfg", launcher)
    model = pass_.result("aliases", launcher)
    start = model.node_of(ctx.launch)
    if start is None:
        return None, ""
    targets: dict[int, tuple[Node, str]] = {}
    for site, m, access in _map_sites(pass_, launcher, reads=w.access == "write"):
        if w.access != "write" and access != "write":
            continue  # two reads do not race
        got = _launcher_key(pass_, launcher, m, None, False)
        if got is None or got[0] != w.key:
            continue
        n = model.node_of(site)
        if n is not None and (n not in targets or access == "write"):
            targets[n] = (site, access)
    if not targets:
        return None, ""
    # An assignment to the map's variable after the launch gives the launcher another map.
    reassigned = set()
    if w.outer is not None:
        for u in pass_.result("scopes", launcher).refs.get(w.outer.id, ()):
            if is_assignment_target(u):
                n = model.node_of(u)
                if n is not None:
                    reassigned.add(n)
    waits = pass_.result("wait-nodes", launcher)
    locks = pass_.result("locks", launcher)
    g = cfg.graph
    seen = {start}
    stack = list(g[start])
    while stack:
        n = stack.pop()
        if n in seen or n in reassigned:
            continue
        seen.add(n)
        if n in waits:
            continue  # waits (or may): past it the goroutine may be done
        if n in targets:
            site, access = targets[n]
            held = locks.held_at(n)
            if not (locks.write_locked(n) if access == "write" else held):
                return site, access
        stack.extend(g[n])
    return None, ""
