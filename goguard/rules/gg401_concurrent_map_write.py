"""Goroutines that write one map with no lock held.

## What it does
Finds map writes (an index assignment, `m[k]++`, `m[k] op= v`, `delete(m, k)`,
`clear(m)`, a decoder handed the map's address such as `json.Unmarshal(b, &m)` or
`json.NewDecoder(r).Decode(&m)`, also through a local `dec`, and a function of `maps`
handed the map, `maps.Copy(m, src)` or `maps.DeleteFunc`) that run concurrently with
another write of the same map with no `sync.Mutex` (or
`sync.RWMutex` write lock) held, and reports each racing write where it is, the line a
crash trace shows, with the flow naming what makes it concurrent:

- **Copies of one entry point**: a `go` statement in a loop (a literal, a function or
  method of the package, a function literal held in a variable), `errgroup.Group.Go` /
  `sync.WaitGroup.Go` in a loop, a goroutine a handler starts (once per request), and
  request handlers, which the server runs once per request: a literal, function or
  method value handed to `HandleFunc`/`Handle` or to a router (gin, echo, chi,
  gorilla/mux, fiber, httprouter, fasthttp, by import path), the `ServeHTTP` of a value
  handed to `http.Server{Handler: ...}`, `ListenAndServe`, `Serve` or a mux, every
  exported method of a gRPC service passed to `Register...Server` or of a net/rpc
  service passed to `Register`/`RegisterName`, and a Prometheus
  collector's `Collect`. Handlers are followed through a local variable's values
  (`var h http.Handler = &api{}`), a route table a loop ranges over (a map or slice
  literal, or its elements' fields), the literals a handler factory of the package
  returns (`s.counter("x")`) and what a middleware of the package serves (`logged(h)`
  calling `h.ServeHTTP`). Every copy writes the map when it is shared by them
  (captured from outside the loop and not assigned in it, a package variable, a field
  of the one registered handler value, an argument that is one of those, a local that
  names one for its whole life such as `counts := v.counts`, and in a handler an
  element of a shared map, `p.prefs[user]`), in the body or in the functions and
  methods of the package it calls, a few levels deep. A write of the launching
  function in the loop, which races with the goroutines started before it, is
  reported too.
- **One goroutine beside its launcher**: a single `go` statement (or `time.AfterFunc`)
  whose goroutine writes a map that the launching function also writes, or reads,
  after starting it, before anything waits for it; both writes are reported. A
  goroutine that first receives from a channel the launcher sends on or closes
  (`<-p.ready`) races only with what the launcher does after opening it.
- **Goroutines that outlive their launcher**: a goroutine or timer its launcher may
  return without waiting for, whatever the launcher is called, runs beside the later
  calls of the launcher and beside the exported methods of the value's type (for a
  field's map) or the package's exported functions and methods (for a package
  variable's map). A write of the goroutine and a write of one of those race when at
  least one of the two holds no lock; both are reported (the runtime stops the process
  in whichever write finds the other under way, the locked one too). A write of the
  goroutine with no lock held also races with an exported method that indexes or
  ranges over the map with no lock (`concurrent map read and map write`): both are
  reported (`len(m)` is not checked by the runtime, and is left alone). Set-up methods,
  methods documented as called before the value is shared, methods the goroutine
  calls itself, and writes made after a wait for the goroutine (a `Close` that waits
  first) do not pair.
- **Lock discipline**, after Infer's RacerD: a type that owns a mutex says its values
  are shared between goroutines. A map field written under the type's lock in one
  place and with no lock in a method of the type that takes the lock elsewhere (or
  where most writes hold it), or written holding only `RLock` in an exported method
  (itself, or in a helper of the package it calls with only the read lock held),
  races with the other holders. So does a write holding a lock that does not guard
  the field (another mutex of the type, a lock of another value), when the guard is
  clear: the lock held at the field's writes in the most functions, the mutex declared
  nearest above the field breaking a tie.

A lock counts when it is held at the write on every path: `mu.Lock()` before it and no
`mu.Unlock()` between, or `mu.Lock(); defer mu.Unlock()`, or a helper of the package
that returns holding a lock (`defer s.lockFor(k)()`). A function is taken to run with
its lock held when its name ends in `Locked`, its comment says so ("Lock must be
held"), it takes the lock only when a flag says the caller does not hold it, it
unlocks what it never locked, or every call of it in the package holds a lock.

A wait is a `.Wait()`, a call of a function of the package that waits (`waitTimeout(&wg,
d)`), or a receive or send on a channel the goroutine can reach (handed to it or named
in its code); a `select` with a `default` waits on no path through the default, and a
receive from a channel the goroutine never touches (the next job, a ticker) waits for
nothing. It is silent on a map made inside the goroutine or the request, on a map a
function has just made, on writes in a `sync.Once`'s function or any other nested
literal, on `sync.Map`, on an errgroup limited to one goroutine (`SetLimit(1)`), on
goroutines holding a channel of capacity 1 taken before the write on every path and
given back after it (a channel of more slots, or of a capacity it cannot see, lets
that many write at once, and is reported), on a loop that waits for each goroutine
before the next, on test handlers unless the test sends requests at once (parallel
subtests inside it, goroutines issuing requests), on set-up methods (`Init`, `Setup`,
`Provision`, or documented as called before serving or starting, or as not safe for
concurrent use) and on any map whose sharing it cannot show; docs/analysis-model.md
("Concurrency") lists what it does not see.

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

import re
from dataclasses import dataclass

from tree_sitter import Node

from goguard.analyses.aliases import is_assignment_target
from goguard.analyses.mapaccess import root_path
from goguard.facts.keeps import params_of
from goguard.facts.entries import Context, entry_points, innermost_loop
from goguard.facts.map_writes import (MapWrite, before_shared, callee, called_writes, callers_lock, classify,
                                      lock_state, may_write, mutex_owners, own_writes, package_calls, writes_of)
from goguard.frontend.source import captures
from goguard.frontend.syntax import strip_parens
from goguard.rules import _gg401_sync as sync
from goguard.rules._gg401_discipline import SET_UP, discipline, lock_words
from goguard.rules.base import CORPUS, RuleMeta

META = RuleMeta(
    code="GG401",
    name="concurrent-map-write",
    severity="error",
    tags=("concurrency", "crash"),
    precision="high",
    measured=(f"on {CORPUS}, 19 findings: 18 true (minio's site "
              f"replication and peer edits, telegraf's solr, mysql and bigquery caches, tyk's host checker, an etcd "
              f"contrib server, a test fake), 1 false (a Close the server calls after its last write)."),
    # The findings of a package are computed once, from all its files, and each file
    # reports those whose write it holds: a write may lie far from what makes it concurrent.
    every_file=True,
)

@dataclass(frozen=True)
class Write:
    node: Node  # the index expression, the delete/clear call, or the read
    fp: object  # the FilePass of node's file
    map_text: str
    key: tuple  # what map: ("pkg", name, path) | ("local", decl id, path) | ("handler", launch id, path)
    outer: object  # the launcher's Decl of the map's root variable, when captured or passed (else None)
    access: str = "write"  # write | read | range
    chain: tuple = ()  # ((FilePass, call node, callee text), ...) from the concurrent body to the write


class _Out:
    """The findings of a package, by the absolute path of the file that holds each
    one's site; one finding per site."""

    def __init__(self) -> None:
        self.by_file: dict[str, list] = {}
        self.seen: set[tuple[str, int]] = set()

    def emit(self, fp, node: Node, msg: str, flow: list[tuple[object, Node, str]]) -> None:
        where = (fp.file.abspath, node.start_byte)
        if where in self.seen:
            return
        self.seen.add(where)
        steps = []
        for sfp, n, note in flow:
            line, col = sfp.file.position(n.start_byte)
            steps.append(((sfp.file.path, line, col), note))
        self.by_file.setdefault(fp.file.abspath, []).append((node, msg, steps))


def check(pass_, matches) -> None:
    package = pass_.package
    key = ("GG401-findings",)
    out = package.facts.get(key)
    if out is None:
        out = package.facts[key] = _analyse(pass_)
    for node, msg, flow in out.by_file.get(pass_.file.abspath, ()):
        pass_.report(node, msg, flow=flow)


def _analyse(pass_) -> _Out:
    out = _Out()
    contexts = entry_points(pass_)
    handlers = {c.body.id: c for c in contexts if c.kind == "handler"}
    for ctx in contexts:
        if ctx.kind != "handler" and ctx.launcher.id in handlers:
            ctx.outer = handlers[ctx.launcher.id]  # a goroutine every request starts
    for ctx in contexts:
        _check_context(ctx, out)
    _long_lived(pass_, contexts, out)
    discipline(pass_, out)
    return out


def _long_lived(pass_, contexts: list[Context], out: _Out) -> None:
    """A goroutine (or timer) that its launcher does not wait for outlives the call: it
    runs beside the later calls of the launcher and beside the exported methods of the
    value's type (for a field's map) or the package's exported functions and methods
    (for a package variable's map). A map it writes while one of those writes it too,
    one of the two with no lock held, is written at once: both writes are reported,
    since the crash stops whichever of them finds the other under way."""
    for ctx in contexts:
        if ctx.kind not in ("goroutine", "timer") or ctx.loop is not None:
            continue
        if ctx.body.type == "method_declaration":
            records = writes_of(ctx.fp, ctx.body, ctx.fp.file)
            roots = {("recv",)}
            recv = next((ctx.params.get(n) for n in _receiver_names(ctx.fp, ctx.body)), None)
            again = recv is not None and _is_receiver(ctx.launch_pass, ctx.launcher, recv)
        else:  # go func() { ... t.m ... }(): the launcher's value, captured
            body = ctx.body.child_by_field_name("body")
            records = own_writes(ctx.fp, ctx.body) + (called_writes(ctx.fp, ctx.body, body) if body else [])
            roots = {r.root for r in records if r.root[0] == "captured"}
            again = any(_captured_receiver(ctx, r.root) for r in records if r.root in roots)
        mine = [r for r in records if r.owner and (r.root in roots and len(r.path) == 1 or
                                                    r.root[0] == "pkg" and not r.path)]
        if not mine or not _outlives(ctx):
            continue
        gname = _name(ctx.fp, ctx.body) if ctx.body.type == "method_declaration" else \
            "the timer's function" if ctx.kind == "timer" else "the goroutine"
        who = f"the goroutine {gname}" if ctx.body.type == "method_declaration" else gname
        lname = _name(ctx.launch_pass, ctx.launcher)
        repeated = _called_in_loop(pass_, ctx) if again or any(r.root[0] == "pkg" for r in mine) else None
        for r in mine if repeated is not None else ():
            if r.locked or r.root[0] != "pkg" and r.root != ("recv",) and not _captured_receiver(ctx, r.root):
                continue
            cfp, call, caller = repeated
            line = cfp.file.position(call.start_byte)[0]
            where = f"line {line}" if cfp.file.abspath == r.fp.file.abspath else f"{cfp.file.path}:{line}"
            msg = (f"concurrent map writes: {r.map_text} is written by every goroutine that {lname} starts, with no "
                   f"lock held, and {caller} calls {lname} in a loop ({where}) without waiting for them "
                   f"(fatal error: concurrent map writes)")
            out.emit(r.fp, r.site, msg, [(cfp, call, f"{lname} called here, in a loop"),
                                         (ctx.launch_pass, ctx.launch, f"{_started(ctx)} here; {lname} returns "
                                                                       f"without waiting for it"),
                                         (r.fp, r.site, f"writes {r.map_text} here with no lock held")])
        called = {name.rpartition(".")[2] for r in records for _, _, name in r.chain}
        for r in mine:
            pkg = r.root[0] == "pkg"
            if not pkg and again and r.root != ("recv",) and not _captured_receiver(ctx, r.root):
                continue
            tname = r.owner.partition(".")[0]
            beside = "the package's functions" if pkg else f"{tname}'s methods"
            want = (r.root, ()) if pkg else (("recv",), r.path)
            paired = False
            for decl, file, mname in _writers(pass_, None if pkg else tname, ctx, again or pkg, called):
                mfp = pass_.for_file(file)
                o = next((w for w in writes_of(mfp, decl, mfp.file) if (w.root, w.path) == want
                          and not (w.locked and r.locked) and not _after_wait(mfp, decl, w)), None)
                if o is None:
                    continue
                other = mname if decl.id != ctx.launcher.id else f"a later call of {mname}"
                if r.locked and (pkg or tname not in mutex_owners(pass_.package) or
                                 callers_lock(pass_, decl, mfp.file)):
                    break  # a method of a type without a lock of its own: its callers hold the goroutine's
                for a, b, bname in ((r, o, other), (o, r, gname)):
                    # Both sides of the pair are reported: the runtime stops the process in
                    # whichever of the two writes finds the other under way, the locked one too.
                    line = b.fp.file.position(b.site.start_byte)[0]
                    aheld = f"holding {lock_words(a.locked)}" if a.locked else "with no lock held"
                    bheld = f"holding {lock_words(b.locked)}" if b.locked else "with no lock held"
                    msg = (f"concurrent map writes: {a.map_text} is written here {aheld} while {bname} "
                           f"writes it (line {line}) {bheld}: {who}, started by {lname}, which does not wait for "
                           f"it, runs beside {beside} (fatal error: concurrent map writes)")
                    out.emit(a.fp, a.site, msg, [(ctx.launch_pass, ctx.launch, f"{_started(ctx)} here; {lname} "
                                                  f"returns without waiting for it")] +
                             [(b.fp, b.site, f"{bname} writes {b.map_text} here {bheld}"),
                              (a.fp, a.site, f"writes {a.map_text} here {aheld}")])
                paired = True
                break
            if not paired and not r.locked:
                _reads_beside(pass_, ctx, r, want, tname, pkg, again, called, who, lname, beside, out)


def _reads_beside(pass_, ctx: Context, r: MapWrite, want: tuple, tname: str, pkg: bool, again: bool,
                  called: set[str], who: str, lname: str, beside: str, out: _Out) -> None:
    """The goroutine's unlocked write beside an exported method that indexes or ranges
    over the same map in its own body with no lock held: the runtime stops the reader
    (`concurrent map read and map write`); both sides are reported. `len(m)` does not
    check, and is left alone."""
    for decl, file, mname in _writers(pass_, None if pkg else tname, ctx, again or pkg, called):
        if decl.id == ctx.launcher.id:
            continue  # the launcher's own accesses after the launch are judged apart
        mfp = pass_.for_file(file)
        for site, m, access in mfp.result("map-sites", decl).all:
            if not (access == "range" or access == "read" and site.type == "index_expression"):
                continue  # a write is paired above; len(m) is not checked by the runtime
            if classify(mfp, decl, m) != want or any(lock_state(mfp, decl, site)) or _after_wait(
                    mfp, decl, MapWrite(site, mfp, decl, "", want[0], want[1], "", "", "")):
                continue
            kind = "concurrent map iteration and map write" if access == "range" else \
                "concurrent map read and map write"
            verb = "ranges over" if access == "range" else "reads"
            wline = r.fp.file.position(r.site.start_byte)[0]
            rline = mfp.file.position(site.start_byte)[0]
            launch = (ctx.launch_pass, ctx.launch, f"{_started(ctx)} here; {lname} returns without waiting for it")
            out.emit(r.fp, r.site, f"{kind}: {r.map_text} is written here with no lock held while {mname} {verb} it "
                                   f"(line {rline}) with no lock held: {who}, started by {lname}, which does not wait "
                                   f"for it, runs beside {beside} (fatal error: {kind})",
                     [launch, (mfp, site, f"{mname} {verb} {mfp.text(m)} here with no lock held"),
                      (r.fp, r.site, f"writes {r.map_text} here with no lock held")])
            out.emit(mfp, site, f"{kind}: {mfp.text(m)} is {'ranged over' if access == 'range' else 'read'} here "
                                f"with no lock held while {who}, started by {lname}, which does not wait for it, "
                                f"writes it (line {wline}) with no lock held (fatal error: {kind})",
                     [launch, (r.fp, r.site, f"writes {r.map_text} here with no lock held"),
                      (mfp, site, f"{verb} {mfp.text(m)} here with no lock held")])
            return


def _called_in_loop(pass_, ctx: Context):
    """(FilePass, call, caller's name) of a call of the launcher in a loop of the package
    that repeats it on the same value (a method called on a variable declared outside
    the loop) and does not wait for each goroutine before the next; None if none."""
    launcher = ctx.launcher
    name = launcher.child_by_field_name("name")
    if name is None or launcher.type == "func_literal":
        return None
    word = ctx.launch_pass.text(name)
    if word in _ONCE:
        return None
    method = launcher.type == "method_declaration"
    pattern = re.compile((rb"\." if method else rb"(?<![\w.])") + re.escape(word.encode()) + rb"\s*\(")
    for f in pass_.package.files:
        if word.encode() not in f.data:
            continue
        for m in pattern.finditer(f.data, *f.span):
            fp = pass_.for_file(f)
            node = f.root.descendant_for_byte_range(m.start() + (1 if method else 0), m.end() - 1)
            while node is not None and node.type != "call_expression":
                node = node.parent if node.type not in ("block", "source_file") else None
            caller = fp.enclosing_function(node) if node is not None else None
            loop = innermost_loop(node, caller) if caller is not None else None
            if loop is None or caller.id == launcher.id:
                continue
            got = callee(fp, caller, node)
            if got is None or got[0].id != launcher.id:
                continue
            if got[2] is not None:
                root, _ = root_path(got[2], fp.text)
                d = fp.result("scopes", caller).decl_of(root) if root is not None else None
                if root is None or d is not None and _encloses(loop, d.ident):
                    continue  # called on a value of the iteration: each call has its own
            inner = Context(ctx.kind, node, caller, launcher, ctx.launch_pass, loop, launch_pass=fp)
            if not sync.loop_waits(fp, inner):
                return fp, node, _name(fp, caller)
    return None


def _after_wait(fp, fn: Node, w: MapWrite) -> bool:
    """The write (or the call leading to it) comes after a wait on every path through
    fn (`close(s.quit); s.wg.Wait(); clear(s.m)` in a Close): the goroutine it waited
    for is done by then."""
    site = w.chain[0][1] if w.chain else w.site
    node = fp.result("aliases", fn).node_of(site)
    if node is None:
        return False
    waits = [n for n, ops in fp.result("waits", fn).ops.items() if any(k in ("wait", "call", "recv") for k, _ in ops)]
    g = fp.result("cfg", fn).graph
    return any(sync.dominates(g, 0, n, node) for n in waits if n != node)


def _started(ctx: Context) -> str:
    return "timer set" if ctx.kind == "timer" else "goroutine started"


_ONCE = frozenset({"main", "init"})  # run once: not called again beside their goroutine


def _writers(pass_, tname: str | None, ctx: Context, again: bool, called: set[str]):
    """(declaration, file, name) of what runs beside the goroutine: the launcher itself,
    called again, and the exported methods of T (every exported function and method of
    the package when tname is None) that are not set-up methods (by name or by their
    comment), that the goroutine does not call itself, and that it does not run."""
    package = pass_.package
    lname = _name(ctx.launch_pass, ctx.launcher)
    if again and ctx.launcher.type != "func_literal" and lname not in _ONCE:
        yield ctx.launcher, ctx.launch_pass.file, lname
    if tname is None:
        funcs = [(d.node, d.file, n) for n, d in sorted(package.decls.items()) if d.kind == "func"]
    else:
        funcs = []
    funcs += [(decl, package.method_file(decl), mname) for (t, mname), decl in
              sorted(package.methods.items(), key=lambda kv: kv[0]) if tname is None or t == tname]
    for decl, file, mname in funcs:
        if not mname[:1].isupper() or mname in SET_UP or mname in called or \
                decl.id in (ctx.body.id, ctx.launcher.id) or file is None or file.path.endswith("_test.go"):
            continue
        if before_shared(pass_.for_file(file), decl):
            continue  # documented as called before the value is shared
        yield decl, file, mname


def _outlives(ctx: Context) -> bool:
    """The launcher may return with the goroutine still running: a path from the launch
    to the function's end passes no wait for it, and no deferred wait runs at return."""
    fp, launcher = ctx.launch_pass, ctx.launcher
    signalled = lambda ch: sync.uses(ctx, ch)  # noqa: E731
    if sync.waits_at_return(fp, launcher, signalled):
        return False
    start = fp.result("aliases", launcher).node_of(ctx.launch)
    if start is None:
        return False
    cfg = fp.result("cfg", launcher)
    return sync.reaches_avoiding(cfg.graph, start, cfg.exit, sync.wait_nodes(fp, launcher, signalled))


def _receiver_names(fp, decl: Node) -> list[str]:
    receiver = decl.child_by_field_name("receiver")
    return [fp.text(n) for p in (receiver.named_children if receiver is not None else ())
            for n in p.children_by_field_name("name")]


def _is_receiver(fp, launcher: Node, e: Node) -> bool:
    """e names the launcher's receiver (the launcher is a method of the value)."""
    if launcher.type != "method_declaration" or e.type != "identifier":
        return False
    d = fp.result("scopes", launcher).decl_of(e)
    return d is not None and d.kind == "receiver"


def _captured_receiver(ctx: Context, root: tuple) -> bool:
    """A literal's captured variable is the launcher's receiver."""
    return root[0] == "captured" and ctx.launcher.type == "method_declaration" and _receiver_decl_id(ctx) == root[1]


def _receiver_decl_id(ctx: Context):
    fp, launcher = ctx.launch_pass, ctx.launcher
    receiver = launcher.child_by_field_name("receiver")
    scopes = fp.result("scopes", launcher)
    for p in receiver.named_children if receiver is not None else ():
        for n in p.children_by_field_name("name"):
            d = scopes.decl_of(n)
            if d is not None:
                return d.id
    return None


def _name(fp, fn: Node) -> str:
    name = fn.child_by_field_name("name")
    return fp.text(name) if name is not None else "a function literal"


def _launcher_key(fp, launcher: Node, e: Node, loop: Node | None, copies: bool, element=None):
    """The key of a map expression as the launcher sees it, and the declaration when it
    is the launcher's; None when the map is not shown to be shared."""
    root, path = root_path(e, fp.text, element)
    if root is None:
        return None
    scopes = fp.result("scopes", launcher)
    d = scopes.decl_of(root)
    if d is None:
        top = fp.package.decls.get(fp.text(root))
        return (("pkg", fp.text(root), path), None) if top is not None and top.kind == "var" else None
    if d.kind not in ("var", "param", "receiver", "result"):
        return None
    if copies and loop is not None:
        if loop.start_byte <= d.ident.start_byte < loop.end_byte:
            return None  # declared in the loop: each copy has its own
        if any(loop.start_byte <= u.start_byte < loop.end_byte and is_assignment_target(u)
               for u in scopes.refs.get(d.id, ())):
            return None  # assigned in the loop: each launch may be handed a new map
    return ("local", d.id, path), d


def _key(ctx: Context, e: Node, copies: bool, depth: int = 0):
    """(key, launcher's declaration) of an expression of the concurrent body: what map
    (or value) it is as the launcher sees it; None when not shown to be shared. In a
    handler, an element of a shared map (`p.prefs[user]`) is shared too: two requests
    may name the same one (in a loop each goroutine is usually handed its own key)."""
    fp = ctx.fp
    element = _map_element(fp) if ctx.kind == "handler" or ctx.outer is not None else None
    root, path = root_path(e, fp.text, element)
    if root is None:
        return None
    d = fp.result("scopes", ctx.body).decl_of(root)
    if d is None:
        top = fp.package.decls.get(fp.text(root))
        return (("pkg", fp.text(root), path), None) if top is not None and top.kind == "var" else None
    alias = _alias(fp, ctx.body, d) if depth < 4 and _encloses(ctx.body, d.ident) else None
    if alias is not None:  # `counts := v.counts`: the local names the shared map
        return _extend(_key(ctx, alias, copies, depth + 1), path)
    if ctx.outer is not None:  # launched by a handler: shared when the handler's copies share it
        if ctx.body.type == "func_literal":
            return None if _encloses(ctx.body, d.ident) else _key(ctx.outer, e, True)
        arg = ctx.params.get(d.name) if d.kind in ("param", "receiver") else None
        return _extend(_key(ctx.outer, arg, True) if arg is not None else None, path)
    if ctx.body.type == "func_literal":
        if d.func.id != ctx.launcher.id and not _encloses(d.func, ctx.launcher):
            return None  # declared in the goroutine (or deeper): its own
        return _launcher_key(ctx.launch_pass, ctx.launcher, e, ctx.loop, copies, element)
    if ctx.registered and d.kind == "receiver":
        return ("handler", ctx.launch.id, path), None  # the one handler value every request shares
    arg = ctx.params.get(d.name) if d.kind in ("param", "receiver") else None
    got = _launcher_key(ctx.launch_pass, ctx.launcher, arg, ctx.loop, copies) if arg is not None else None
    return _extend(got, path)


def _extend(got, path: tuple):
    if got is None:
        return None
    kind, ident, p0 = got[0]
    return (kind, ident, p0 + path), got[1]


def _map_element(fp):
    """Accepts an index expression whose container is a map."""
    def element(ix: Node) -> bool:
        fn = fp.enclosing_function(ix)
        return fn is not None and fp.result("exprtypes", fn).container_kind(ix) == "map"
    return element


def _alias(fp, fn: Node, d) -> Node | None:
    """The expression a local variable names for its whole life (`counts := v.counts`,
    never assigned again): a variable, its fields, an element of a map."""
    if d.kind != "var" or d.origin not in ("define", "var") or d.value is None:
        return None
    v = strip_parens(d.value)
    if v.type not in ("identifier", "selector_expression", "index_expression"):
        return None
    refs = fp.result("scopes", fn).refs.get(d.id, ())
    return None if any(is_assignment_target(u) for u in refs) else v


def _writes(ctx: Context, copies: bool) -> list[Write]:
    """The map accesses of the concurrent body whose map the launcher shares, with no
    lock held: its own writes (and reads, for a race with the launcher's writes), and
    the writes of the package's functions it calls, bound to the call's arguments."""
    fp = ctx.fp
    out = []
    sites = fp.result("map-sites", ctx.body)
    for site, m, access in sites.writes if ctx.kind == "handler" else sites.all:
        got = _key(ctx, m, copies)
        if got is not None and not _locked(fp, ctx.body, site, any_lock=access != "write"):
            out.append(Write(site, fp, fp.text(m), got[0], got[1], access))
    body = ctx.body.child_by_field_name("body")
    if body is None:
        return out
    for call in package_calls(fp, ctx.body):
        f = call.child_by_field_name("function")
        if not may_write(fp.package, fp.text(f.child_by_field_name("field") if f.type == "selector_expression" else f)):
            continue
        got = callee(fp, ctx.body, call)
        if got is None or got[0].id in (ctx.launcher.id, ctx.body.id) or lock_state(fp, ctx.body, call)[0]:
            continue
        decl, file, recv = got
        records = writes_of(fp, decl, file)
        if records:
            out += _bound(ctx, call, decl, file, recv, records, copies)
    return out


def _bound(ctx: Context, call: Node, decl: Node, file, recv: Node | None, records, copies: bool) -> list[Write]:
    fp = ctx.fp
    args = call.child_by_field_name("arguments")
    params = dict(zip(params_of(decl, fp.for_file(file).text), args.named_children if args is not None else ()))
    name = fp.text(call.child_by_field_name("function"))
    out = []
    for r in records:
        if r.locked:
            continue
        if r.root[0] == "pkg":
            got = (("pkg", r.root[1], r.path), None)
        elif r.root[0] in ("recv", "param"):
            e = recv if r.root[0] == "recv" else params.get(r.root[1])
            got = _key(ctx, e, copies) if e is not None else None
            if got is not None:
                kind, ident, p0 = got[0]
                got = ((kind, ident, p0 + r.path), got[1])
        else:
            got = None
        if got is not None:
            out.append(Write(r.site, r.fp, r.map_text, got[0], got[1], "write", ((fp, call, name),) + r.chain))
    return out


def _encloses(outer: Node, inner: Node) -> bool:
    return outer.start_byte <= inner.start_byte and inner.end_byte <= outer.end_byte


def _locked(fp, body: Node, site: Node, any_lock: bool = False) -> bool:
    """A write lock is held at the site (any lock, RLock included, for a read): every
    copy takes it. (Whether it is the lock that guards a field, against the field's
    other writers, is the lock discipline's question.)"""
    write, read = lock_state(fp, body, site)
    return bool(write or (any_lock and read))


def _repeats(fp, ctx: Context) -> bool:
    """Whether the launch can run again: a path in the launcher's CFG from it back to
    itself (a loop whose body returns or breaks after the launch starts one goroutine)."""
    start = fp.result("aliases", ctx.launcher).node_of(ctx.launch)
    if start is None:
        return True
    g = fp.result("cfg", ctx.launcher).graph
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


_GO_LITERAL = "(go_statement (call_expression function: (func_literal) @f))"
_REQUESTS = re.compile(rb"\bhttp\.|\.Do\(|\.Get\(|\.Post\(|\.URL\b|Dial")


def _concurrent_test(fp, launcher: Node) -> bool:
    """A test that issues requests at once: the function registering the handler runs
    parallel subtests of its own (t.Parallel() inside a t.Run literal within it, all
    sharing the handler), or goroutines that issue requests. A handler of an httptest
    server driven by one sequential client sees one request at a time."""
    data = fp.file.data
    body = launcher.child_by_field_name("body")
    if body is None:
        return False
    for m in re.finditer(rb"\bt\.Parallel\(\)", data[body.start_byte:body.end_byte]):
        node = fp.file.root.descendant_for_byte_range(body.start_byte + m.start(), body.start_byte + m.start() + 1)
        inner = fp.enclosing_function(node) if node is not None else None
        if inner is not None and inner.id != launcher.id:
            return True
    return any(_REQUESTS.search(data, lit.start_byte, lit.end_byte)
               for lit in captures(_GO_LITERAL, body).get("f", ()))


def _repeating_loop(ctx: Context) -> Node | None:
    """The loop that starts the goroutine again: the innermost one around the launch,
    unless its body leaves it (break, return) right after the launch; then the next."""
    loop = ctx.loop
    while loop is not None and _leaves_after(loop, ctx.launch):
        loop = innermost_loop(loop, ctx.launcher)
    return loop


def _leaves_after(loop: Node, launch: Node) -> bool:
    body = loop.child_by_field_name("body")
    stmts = body.named_children if body is not None else []
    if len(stmts) == 1 and stmts[0].type == "statement_list":
        stmts = stmts[0].named_children
    after = False
    for st in stmts:
        if st.start_byte <= launch.start_byte < st.end_byte:
            after = True
        elif after and st.type in ("break_statement", "return_statement") and st.named_child_count == 0 \
                or after and st.type == "return_statement":
            return True
    return False


def _check_context(ctx: Context, out: _Out) -> None:
    fp = ctx.launch_pass
    ctx.loop = _repeating_loop(ctx)
    if ctx.loop is not None and not _repeats(fp, ctx):
        ctx.loop = None  # the loop returns or breaks after the launch: one goroutine
    copies = ctx.kind == "handler" or ctx.loop is not None or ctx.outer is not None
    handler = ctx if ctx.kind == "handler" else ctx.outer
    if handler is not None and handler.launch_pass.file.path.endswith("_test.go") and \
            not _concurrent_test(handler.launch_pass, handler.launcher):
        return
    writes = _writes(ctx, copies)
    if not writes or ctx.loop is not None and ctx.outer is None and sync.loop_waits(fp, ctx):
        return
    started = ctx.started or ("goroutine started here, by every request the handler serves" if ctx.outer else
                              "goroutine started here, in a loop" if ctx.kind != "handler" and copies else
                              "goroutine started here" if ctx.kind != "handler" else
                              "handler registered here: the server runs it for many requests at once")
    for w in writes:
        if copies and sync.serialised(fp, ctx, *((w.chain[0][0], w.chain[0][1]) if w.chain else (w.fp, w.node))):
            continue
        if copies and w.access == "write":
            who = "that serves a request" if ctx.kind == "handler" else \
                "that the handler starts for a request" if ctx.outer else "this loop starts"
            through = f" (in {w.chain[-1][2]}, called from the goroutine)" if w.chain else ""
            msg = (f"concurrent map writes: {w.map_text} is written by every goroutine {who}{through}, "
                   f"with no lock held (fatal error: concurrent map writes)")
            out.emit(w.fp, w.node, msg, [(fp, ctx.launch, started)] + _chain_steps(w) +
                     [(w.fp, w.node, f"writes {w.map_text} here with no lock held")])
            other, access, other_text = _launcher_access(fp, ctx, w) if ctx.outer is None else (None, "", "")
            if access == "write":  # the launcher's own write, while earlier goroutines still run
                wline = w.fp.file.position(w.node.start_byte)[0]
                name = _name(fp, ctx.launcher) if ctx.launcher.type != "func_literal" else "the launching function"
                msg2 = (f"concurrent map writes: {other_text} is written by {name} while the goroutines it starts "
                        f"in the loop write it (line {wline}), with no lock held (fatal error: concurrent map writes)")
                out.emit(fp, other, msg2, [(fp, ctx.launch, started),
                                           (w.fp, w.node, f"each goroutine writes {w.map_text} here"),
                                           (fp, other, "and the launching function writes it here, not waiting "
                                                       "for them")])
            continue
        other, access, other_text = _launcher_access(fp, ctx, w)
        if other is None:
            continue
        fatal = _fatal(w.access, access)
        who = (fp.text(ctx.launcher.child_by_field_name("name")) if ctx.launcher.type != "func_literal"
               else "the launching function")
        verbs = {"write": "written", "read": "read", "range": "iterated over"}
        theirs = "" if access == w.access else verbs[access] + " "
        line = fp.file.position(other.start_byte)[0]
        msg = (f"{fatal}: {w.map_text} is {verbs[w.access]} by the goroutine and {theirs}by {who} "
               f"after starting it (line {line}), with no lock held (fatal error: {fatal})")
        mine = {"write": "writes", "read": "reads", "range": "ranges over"}
        steps = [(fp, ctx.launch, started)] + _chain_steps(w) + \
                [(w.fp, w.node, f"{mine[w.access]} {w.map_text} here with no lock held")]
        out.emit(w.fp, w.node, msg, steps + [(fp, other, f"and the launching function {mine[access]} it here, "
                                                       f"not waiting for the goroutine")])
        if access == "write":  # the launcher's write is a racing write too: a crash trace may point at it
            wline = w.fp.file.position(w.node.start_byte)[0]
            msg2 = (f"{fatal}: {other_text} is written by {who} while the goroutine it started "
                    f"{mine[w.access]} it (line {wline}), with no lock held (fatal error: {fatal})")
            out.emit(fp, other, msg2, [(fp, ctx.launch, started), (w.fp, w.node, f"the goroutine {mine[w.access]} "
                                       f"{w.map_text} here"),
                                       (fp, other, "and the launching function writes it here, not waiting for it")])


def _fatal(a: str, b: str) -> str:
    accesses = {a, b}
    if accesses == {"write"}:
        return "concurrent map writes"
    return "concurrent map iteration and map write" if "range" in accesses else "concurrent map read and map write"


def _chain_steps(w: Write) -> list:
    return [(cfp, call, f"calls {name} here, with no lock held") for cfp, call, name in w.chain]


def _launcher_access(fp, ctx: Context, w: Write) -> tuple[Node | None, str, str]:
    """An access of the same map by the launcher after the launch, before any wait,
    with no lock held there, that races with `w`: a write against any access, a read
    or iteration against a write."""
    if ctx.kind not in ("goroutine", "timer", "errgroup"):
        return None, "", ""
    launcher = ctx.launcher
    model = fp.result("aliases", launcher)
    start = model.node_of(ctx.launch)
    if start is None or launcher.child_by_field_name("body") is None:
        return None, "", ""
    targets: dict[int, tuple[Node, str, str]] = {}
    sites = fp.result("map-sites", launcher)
    for site, m, access in sites.all if w.access == "write" else sites.writes:
        got = _launcher_key(fp, launcher, m, None, False)
        if got is None or got[0] != w.key:
            continue
        n = model.node_of(site)
        if n is not None and (n not in targets or access == "write"):
            targets[n] = (site, access, fp.text(m))
    if not targets:
        return None, "", ""
    # An assignment to the map's variable after the launch gives the launcher another map.
    reassigned = set()
    if w.outer is not None:
        for u in fp.result("scopes", launcher).refs.get(w.outer.id, ()):
            if is_assignment_target(u):
                n = model.node_of(u)
                if n is not None:
                    reassigned.add(n)
    waits = sync.wait_nodes(fp, launcher, lambda ch: sync.uses(ctx, ch))
    locks = fp.result("locks", launcher)
    cfg = fp.result("cfg", launcher)
    g = cfg.graph
    gates = sync.gates(ctx, w.node) if not w.chain else set()
    # Until the launcher sends on (or closes) a channel the goroutine receives from
    # before its access, the goroutine waits: the launcher's accesses before then are safe.
    armed = not gates
    seen = {(start, armed)}
    stack = [(n, armed) for n in g[start]]
    while stack:
        n, armed = stack.pop()
        if (n, armed) in seen or n in reassigned:
            continue
        seen.add((n, armed))
        if gates and not armed and sync.opens(fp, launcher, n, gates):
            armed = True
        elif n in waits:
            continue  # waits (or may): past it the goroutine may be done
        if armed and n in targets:
            site, access, text = targets[n]
            if not (locks.write_locked(n) if access == "write" else locks.held_at(n)):
                return site, access, text
        stack.extend((m, armed) for m in g[n])
    return None, "", ""
