"""An alias of a reused variable or buffer stored where it outlives the next write to it.

## What it does
Reports a store of an alias of a variable into something that outlives the next
write to that variable, when that write comes while the stored alias can still be
read. An alias is the variable's address (`&buf`, `&v.f`, `&arr[i]`), a view of its
backing array (`buf[:n]`, `buf` itself, `&buf[i]`, `unsafe.String(&buf[0], n)`), or a
buffer a reader owns (`sc.Bytes()` of a `bufio.Scanner`, `r.ReadSlice` and
`r.ReadLine` of a `bufio.Reader`, `b.Bytes()` of a `bytes.Buffer` or of any pooled
buffer). A store that outlives is an entry of a map or slice (`m[k] = &buf`,
`out[i].f = &v`), an `append` to a slice, a channel send, a field of another value, a
named result, a `return`, or a variable captured from the enclosing function,
directly or inside a composite literal (`T{data: buf[:n]}`). The write is the next
iteration's assignment (`buf = ...`, `v.f = ...`, `rows.Scan(&v.a)`), a write into the
shared array (`r.Read(buf)`, `copy(buf, ...)`, `buf[i] = ...`, `buf = buf[:0]` then
`append`), the next `sc.Scan()`, a read from the `bufio.Reader`, `b.Reset()` and a
write (also through a writer made over `&b`: `enc := json.NewEncoder(&b)` then
`enc.Encode(v)`, `bufio.NewWriter(&b)`, gzip, csv), or the buffer put back in a pool: `p.Put(b)` of a `sync.Pool`, of whatever `p`
handed the buffer out with `p.Get()` (a pool type of the package, a package's own
`Get` and `Put`), or a function of the package that puts its parameter back
(`putBuffer(b)`); a deferred `Put` (`defer pool.Put(b)`, or in a deferred closure)
runs when the function returns, after its results are taken.

It reports when the write is followed by another store of the same alias (so two
entries share one variable: every loop that stores `&buf` and writes `buf`), when the
store was a channel send (the receiver reads while the sender writes), or, for a store
into one place (a field, a named result), when the loop can end with that place
holding the alias of a variable written since (`best = &v` in a loop before Go 1.22).
A buffer put back in a pool is written by the pool's next user at any time: a store
before the `Put` (`r.Body = b.Bytes(); pool.Put(b)`, `defer pool.Put(b); return
b.Bytes()`) is reported, and so is a value taken before it and stored after it
(`out := b.Bytes(); pool.Put(b); return out`).

An alias kept in a plain local of the function (`best = &cur`, `prev = buf[:n]`,
`header = line` of a reader's line) inside a loop is reported when a path from the
store goes round the loop, writes the storage there (the next `cur = it`, `Read`,
`ReadSlice`) and then reads the local before anything assigns it again (`best.ID`,
`return best`, `bytes.Equal(prev, ...)`): the local shows what was written since,
not what was kept. A write in the same iteration is the pointer doing its job
(`p = &cur; cur.X = 1; use(p.X)`), and a local compared with nil or measured with
`len` reads nothing the write changed.

The address of a byte-slice variable stored in a container (`m[k] = &buf`,
`rec.data = &buf`, `append(list, &buf)`) and then written (given other bytes,
emptied and appended to, refilled by `Read` or `copy`) before the stored pointer is
read (`*m[k]`), the container leaves the function (returned, stored, sent), or, for
a place of the caller, the function returns, shows the new bytes where the old ones
were stored. Shared on purpose, and silent: a container handed whole to a call to be
filled (`rows.Scan(dest...)`, `run(&opts)`), a stored pointer written through
(`*m[k] = append(*m[k], ...)`), a `bytes.Buffer` or `strings.Builder` (not a byte
slice), and a slice grown in place (`buf = append(buf, ...)` keeps every stored byte).

A goroutine handed an alias (`go process(buf[:n])`) or capturing a slice whose array the
loop refills reads it while the loop goes on: reported unless a `.Wait()` or a channel
operation comes between.

Functions and methods of the package are summarised (`goguard/facts/keeps.py`): one
that keeps its argument, a window of it, or a value holding it, beyond the call
(in a package variable, through another parameter, on a channel, in a goroutine, or
by handing it to another that does) makes the call a store: `appendVector(&item)`,
`relay(sc.Bytes())`. One that keeps it in its receiver (`it.Write(sc.Bytes())` where
`Write` sets `it.name = p[1:]`) stores it in the receiver, which counts where the
receiver itself is stored (`l.items = append(l.items, it)`); so does any store into a
local (`e.value = b.Bytes()`, then `keep(e)`). One that returns it (`collect(&c)`
building `&result{cfg: c}`) makes its result the alias. A pointer kept in a field the
package writes through (`*p.linePtr = line`) is an out-parameter, not a store.

`b.Bytes()` of a buffer field (`l.buf`) used after `l.buf.Reset()` and the
`Unlock()` of the lock the type takes (or a return under a deferred `Unlock()`) is
reported when another method of the type writes that buffer: once the lock is free,
that writer appends into the array the bytes still view.

Views of a variable's array count from its start only: a window at another offset
(`buf[i:j]`, `&buf[i]`) is not reported, since writes elsewhere in the array do not
touch it. A buffer a reader owns is different: a `bufio.Scanner` or `bufio.Reader`
moves the unread tail to the start of its buffer before reading more, and a
`bytes.Buffer` writes from its start after `Reset`, so a window of it at any offset
is overwritten too (`line[sp+1:]` of `line := sc.Bytes()`, and the windows that
`bytes.Cut`, `bytes.TrimSpace` and the like return, goguard/models/windows.py). The full list of what GG201 does not see is in docs/analysis-model.md
("Aliasing").

Loop variables (`for _, v := range`, `for i := 0; ...; i++`) are fresh on every
iteration from Go 1.22 on and are then never reported; below 1.22 (the file's
language version: the nearest go.mod's `go` line or the `go-version` setting,
overridden by a `//go:build go1.N` line, which the type checker raises to at least
go1.21) the range and three-clause loop variables are one variable for the whole
loop, and `&v` stored in the loop is reported.

## Why is this bad?
Every stored alias refers to one variable or one array. After the loop, every entry
shows what was written last: each `m[k]` points at the same `buf`, each line kept from
`sc.Bytes()` holds the bytes of a later line (or a mix of two). Nothing crashes, and
the data is silently wrong.

Go never leaves a pointer to a dead stack frame: storing `&buf` makes the compiler
move `buf` to the heap (GG202 notes every such store), so the pointer stays valid. The
bug is not a dangling pointer; it is that there is only one `buf`.

## Example
```go
package example

import "bufio"

func lines(sc *bufio.Scanner) [][]byte {
	var out [][]byte
	for sc.Scan() {
		out = append(out, sc.Bytes())
	}
	return out
}

func index(names []string) map[string]*string {
	m := map[string]*string{}
	var name string
	for _, n := range names {
		name = n
		m[n] = &name
	}
	return m
}
```

## Use instead
Store a copy (`bytes.Clone` for bytes, `strings.Clone` or `string(b[:n])` for a string
made with `unsafe.String`, `slices.Clone` for other slices, `sc.Text()`), taken before
the buffer goes back to its pool, point at storage that is not reused (an element of
the input), or declare the variable inside the loop so that each iteration has its own
(`name := n; m[n] = &name`).
```go
package example

import (
	"bufio"
	"bytes"
)

func lines(sc *bufio.Scanner) [][]byte {
	var out [][]byte
	for sc.Scan() {
		out = append(out, bytes.Clone(sc.Bytes()))
	}
	return out
}

func index(names []string) map[string]*string {
	m := map[string]*string{}
	for i := range names {
		m[names[i]] = &names[i] // each entry points at its own element
	}
	return m
}
```

## Runtime symptom
None: no panic, no error. Every entry shows the last value written (`c c c` where `a b
c` was stored), or bytes of a later line, or a mix of two lines; a pooled buffer's
bytes returned to a caller turn into the next caller's (`hello, bob / hello, bob`
where `hello, ann` was returned first). Under the race detector a channel send of a
reused buffer, or bytes kept past a pool's `Put` while another goroutine takes the
buffer, show as a data race between the writer and the reader.

## Fix
`goguard check --fix` stores a copy of the bytes: `bytes.Clone(buf[:n])` (in a file
whose language version is before Go 1.20, `append([]byte(nil), buf[:n]...)`), adding
the `"bytes"` import when it is missing. It applies to a stored `[]byte`: a view of a
byte slice, or the bytes of a scanner, reader or buffer, copied where they are taken
(`out := bytes.Clone(b.Bytes())` before the `Put`, not at the later `return out`); a
string made with `unsafe.String` becomes `strings.Clone(unsafe.String(&buf[0], n))`. The fix is safe: what it
changes is what the finding says is wrong (a later write to the buffer showing
through the stored value). For a stored address, `m[k] = &buf`, the fix puts
`bufCopy := bytes.Clone(buf)` (or `bufCopy := v` for a value that is not a byte
slice) on a line of its own before the statement and stores `&bufCopy`; that fix is
*unsafe* (`--unsafe-fixes`): the stored pointer no longer aliases the variable, which
code writing through it could notice. A view of another element type has no fix:
`slices.Clone` it by hand.

## Related checks elsewhere
gosec G601, exportloopref and looppointer reported `&v` of a range variable only; they
are off, deprecated or unmaintained since Go 1.22 gave loops a fresh variable per
iteration, and none of them looked at a buffer declared outside the loop, at
`buf = buf[:0]` after a store, or at a kept `Scanner.Bytes()`. staticcheck has an open
request for this check (dominikh/go-tools#163). `go vet` has no such check.
"""

from __future__ import annotations

from dataclasses import replace
from itertools import chain

from tree_sitter import Node

from goguard.analyses.aliases import AliasModel, Event
from goguard.facts.keeps import calls_package
from goguard.frontend.source import captures
from goguard.rules._fix_clone import clone_fix
from goguard.rules._gg201_locked import locked_bytes
from goguard.rules._gg201_prefilter import Prefilter, _releasers
from goguard.rules._gg201_search import _Search
from goguard.rules._gg201_stores import Store, carried_stores, may_keep_call, simple_statement, stores_of, written
from goguard.rules.base import CORPUS, RuleMeta

META = RuleMeta(
    code="GG201",
    name="reused-buffer-alias",
    severity="warning",
    tags=("aliasing", "correctness"),
    precision="high",
    measured=(f"on {CORPUS}, 4 findings, all true (hugo: every PageMenus entry points at one "
              f"MenuEntry; an aws-sdk-go test refills a batch it sent; minio returns two pooled "
              f"buffers' bytes that a deferred Put hands back); 0 false positives."),
    query="""
(assignment_statement left: (expression_list [(index_expression) (selector_expression)])) @stmt
(assignment_statement right: (expression_list (call_expression function: (identifier) @fn
  (#eq? @fn "append")))) @stmt
(assignment_statement left: (expression_list (identifier))
  right: (expression_list [(unary_expression) (slice_expression) (call_expression) (identifier)])) @stmt
(send_statement) @stmt
(expression_statement (call_expression function: (identifier))) @stmt
(expression_statement (call_expression function: (selector_expression)
  arguments: (argument_list [(unary_expression operator: "&") (slice_expression)])) @call)
(short_var_declaration right: (expression_list [(composite_literal body: (literal_value [
    (_ [(unary_expression operator: "&") (slice_expression)])
    (_ (_ [(unary_expression operator: "&") (slice_expression)]))]))
  (unary_expression operand: (composite_literal))])) @stmt
(go_statement) @stmt
(inc_statement (index_expression)) @stmt
(dec_statement (index_expression)) @stmt
""",
    # Pools, returns, locked buffers and calls handed a reader's bytes are found by
    # the text of the file (`Put(`, `.Reset()`, `.Bytes()`), not by the query: the
    # check runs on files it matches nothing in.
    every_file=True,
)

_KIND_TEXT = {
    "address": "points to the one variable {name}",
    "view": "shares the array of {name}",
    "scanner": "is the buffer of the scanner {name}",
    "reader": "is the buffer of the reader {name}",
    "buffer": "is the buffer of {name}",
}
_STORAGE = {
    "address": "{name}",
    "view": "{name}'s array",
    "scanner": "{name}'s buffer",
    "reader": "{name}'s buffer",
    "buffer": "{name}'s buffer",
}
_ADVICE = {
    "address": "every stored {alias} shows the value written last",
    "view": "store a copy ({copy})",
    "scanner": "store a copy ({copy}, or sc.Text())",
    "reader": "store a copy ({copy})",
    "buffer": "store a copy ({copy})",
}


_RETURNS = "(return_statement (expression_list)) @r"


def check(pass_, matches) -> None:
    by_fn: dict[int, tuple[Node, list[Node]]] = {}
    via_call: dict[int, Node] = {}  # statements found only for a call they make: that call
    captured: set[int] = set()
    for _, caps in matches:
        for stmt in caps.get("stmt", ()):
            fn = pass_.enclosing_function(stmt)
            if fn is not None:
                by_fn.setdefault(fn.id, (fn, []))[1].append(stmt)
                captured.add(stmt.id)
        for call in caps.get("call", ()):
            # a call that may keep its argument: of a function or method of the package
            stmt = simple_statement(call) if calls_package(pass_, call) else None
            fn = pass_.enclosing_function(call) if stmt is not None else None
            if fn is not None:
                by_fn.setdefault(fn.id, (fn, []))[1].append(stmt)
                via_call.setdefault(stmt.id, call)
    # A call handed a reader's own bytes (`it.Write(sc.Bytes())`, also inside an `if`
    # header), found by the file's text: rarer than the calls a query would visit.
    data, span = pass_.file.data, pass_.file.span
    for at in chain.from_iterable(_offsets(data, w, *span) for w in (b".Bytes()", b".ReadSlice(", b".ReadLine(")):
        call = _call_handed(pass_, at + 1)
        stmt = simple_statement(call) if call is not None and calls_package(pass_, call) else None
        fn = pass_.enclosing_function(call) if stmt is not None else None
        if fn is not None:
            by_fn.setdefault(fn.id, (fn, []))[1].append(stmt)
            via_call.setdefault(stmt.id, call)
    # A function that puts something back in a pool, or takes a reader's own bytes:
    # its returns are stores that a (deferred) release, or a write after the bytes
    # were taken, can make wrong. Found by their text, not by the query (most
    # functions return something, and what they return is the caller's).
    releaser = _releasers(pass_.package)
    released = (start for start, _, _ in releaser.finditer(data, *span)) if releaser is not None else ()
    words = (b"Put(", b".Bytes()", b"ReadSlice", b"ReadLine", b"unsafe.String")
    returns_of = _functions_at(pass_, chain(*(_offsets(data, w, *span) for w in words), released), outermost=True)
    for fn in returns_of.values():
        body = fn.child_by_field_name("body")
        rets = [r for r in captures(_RETURNS, body).get("r", ()) if pass_.enclosing_function(r).id == fn.id] \
            if body is not None else []
        if rets:
            by_fn.setdefault(fn.id, (fn, []))[1].extend(rets)
            captured.update(r.id for r in rets)
    # A function that resets a buffer under a lock may keep its bytes past the Unlock.
    # Found by its text, not by the query.
    for fn in _functions_at(pass_, _offsets(data, b".Reset()", *span), outermost=False).values():
        _check_locked(pass_, fn)
    for fn, stmts in by_fn.values():
        pf = Prefilter(pass_, fn)
        stmts = [s for s in {s.id: s for s in stmts}.values()
                 if _maybe_alias(pf, s)
                 # one found only for its call: worth it if the callee may keep something
                 and (s.id in captured or s.id not in via_call or may_keep_call(pass_, via_call[s.id]))]
        if stmts:
            _check_function(pass_, pass_.result("aliases", fn), stmts)


def _offsets(data: bytes, word: bytes, lo: int, hi: int):
    """The offset of each occurrence of `word` in data[lo:hi]."""
    at = data.find(word, lo, hi)
    while at >= 0:
        yield at
        at = data.find(word, at + 1, hi)


def _functions_at(pass_, offsets, outermost: bool) -> dict[int, Node]:
    """The functions around the byte offsets, once each: the innermost, or with
    `outermost` the declaration around a function literal (`defer func() { p.Put(b) }()`
    releases what its declaration returns)."""
    out: dict[int, Node] = {}
    root = pass_.file.root
    for at in offsets:
        node = root.descendant_for_byte_range(at, at)
        fn = pass_.enclosing_function(node) if node is not None else None
        while outermost and fn is not None and fn.type == "func_literal" and fn.parent is not None:
            fn = pass_.enclosing_function(fn.parent)
        if fn is not None:
            out[fn.id] = fn
    return out


def _maybe_alias(pf: Prefilter, stmt: Node) -> bool:
    """The prefilter's test (a name of its own, so that a check can turn it off)."""
    return pf.may_store(stmt)


def _call_handed(pass_, at: int) -> Node | None:
    """The call whose argument is the method call named at byte `at` (`x.Bytes()` in
    `w.Write(x.Bytes())`), if it is one."""
    n = pass_.file.root.descendant_for_byte_range(at, at)
    while n is not None and n.type not in ("call_expression", "block", "source_file"):
        n = n.parent
    p = n.parent if n is not None and n.type == "call_expression" else None
    return p.parent if p is not None and p.type == "argument_list" else None


def _check_locked(pass_, fn: Node) -> None:
    """b.Bytes() of a buffer field kept past Reset() and Unlock() (_gg201_locked)."""
    body = pass_.file.data[fn.start_byte:fn.end_byte]
    if b".Bytes()" not in body or b"Unlock()" not in body:
        return
    text = pass_.file.code
    for use, view, reset_stmt, unlock, writer in locked_bytes(pass_, fn):
        var = text(view.child_by_field_name("left"))
        right = view.child_by_field_name("right")
        pass_.report(use, f"{var} (from {text(right)}) is used after {text(reset_stmt)} and {text(unlock)}: "
                          f"another goroutine's {writer} can write the buffer's array again under the lock, "
                          f"over the bytes {var} views; copy them before the Reset (bytes.Clone)",
                     flow=[(view, f"{var} views the buffer's bytes here"),
                           (reset_stmt, "the buffer is emptied here"),
                           (unlock, f"the lock is released here: {writer} may write the buffer now"),
                           (use, f"{var} is used here")],
                     fix=clone_fix(pass_, "buffer", right.named_children[0]))


def judged_stores(model: AliasModel, stmts: list[Node]) -> list[Store]:
    """The stores the statements make (held ones carried on) whose storage the function
    writes, each with its CFG node: what the path search judges."""
    found = [st for s in stmts for st in stores_of(model, s)]
    held: dict[int, list[Store]] = {}
    for st in found:
        if st.held and st.container is not None:
            held.setdefault(st.container.id, []).append(st)
    if held:
        found += carried_stores(model, held)
    stores = [st for st in found if written(model, st.alias) and (not st.returned or _may_go_stale(model, st))
              and (not st.local_var or _in_loop(model, st.stmt))]
    return [replace(st, node=n) for st in stores if (n := model.node_of(st.stmt)) is not None]


def _in_loop(model: AliasModel, stmt: Node) -> bool:
    """A plain local is stale only where a loop comes round to write its alias again."""
    n = stmt.parent
    while n is not None and n.id != model.fn.id:
        if n.type in ("for_statement", "func_literal"):
            return True
        n = n.parent
    return False


def _may_go_stale(model: AliasModel, st: Store) -> bool:
    """A returned alias is wrong only when its storage is released (a pool's next user
    writes it while the caller holds it), or when it was taken before a write and
    returned after (a variable declared from the call, or a local carrying it)."""
    a = st.alias
    taken_before = a.source is not None and a.expr.type == "identifier" and \
        not st.stmt.start_byte <= a.source.start_byte < st.stmt.end_byte
    return st.through is not None or taken_before or \
        any(ev.kind == "release" for ev in model.uses(a.root, a.kind))


def _check_function(pass_, model: AliasModel, stmts: list[Node]) -> None:
    stores = judged_stores(model, stmts)
    if not stores:
        return
    nodes = {st.stmt.id: st.node for st in stores}
    # a carried store knows where its held store is
    stores = [replace(st, through=replace(st.through, node=nodes.get(st.through.stmt.id, -1)))
              if st.through is not None else st for st in stores]
    same: dict[tuple[int, str], dict[int, list[Store]]] = {}
    for st in stores:
        if not st.held and not st.local_var:
            same.setdefault((st.alias.root.id, st.alias.kind), {}).setdefault(st.node, []).append(st)
    search = _Search(model)
    reported: set[int] = set()
    for st in sorted(stores, key=lambda s: s.alias.expr.start_byte):
        if st.alias.expr.id in reported:
            continue
        if st.local_var:
            read = search.read_after_next_write(st)
            if read is not None:
                reported.add(st.alias.expr.id)
                _report_local(pass_, model, st, *read)
            continue
        if st.held:
            read = search.read_after_write(st)
            if read is not None:
                reported.add(st.alias.expr.id)
                _report_read(pass_, st, *read)
            continue
        stale = search.stale(st)
        if stale is not None:
            reported.add(st.alias.expr.id)
            _report(pass_, model, st, None, stale[0], stale[1], None, False, stale=True)
            continue
        found = search.find(st, same[(st.alias.root.id, st.alias.kind)])
        if found is not None:
            reported.add(st.alias.expr.id)
            _report(pass_, model, st, search._loop_of(st), *found)
            continue
        read = search.read_after_write(st)
        if read is not None:
            reported.add(st.alias.expr.id)
            _report_read(pass_, st, *read)


def _report(pass_, model: AliasModel, st: Store, loop: Node | None, ev: Event, wnode: int,
            later: Store | None, back: bool, stale: bool = False) -> None:
    alias = st.alias
    root = alias.root
    name = root.name
    text = pass_.file.code  # quoted: code, not its comments
    shown = text(alias.expr)
    if alias.via is not None:
        shown = f"{shown}, returned by {alias.via},"
    elif alias.source is not None and alias.source.id != alias.expr.id:
        shown = f"{shown} (from {text(alias.source)})"
    if stale:
        when = "before that"
    elif ev.deferred:
        when = "when the function returns"
    else:
        when = "on the next iteration" if back else "later"
    what = _KIND_TEXT[alias.kind].format(name=name)
    copy = _copy(model, alias)
    advice = _ADVICE[alias.kind].format(alias=text(alias.expr), copy=copy)
    stored = f"{st.how} {st.where}"
    if st.through is not None:
        holder = st.through.container.name if st.through.container is not None else "it"
        stored = f"{st.through.how} {st.through.where.rstrip(',')}, and with {holder} {st.how} {st.where.rstrip(',')},"
    msg = f"{shown} {stored} {what}, and {ev.what.format(it='it')} {when}: {advice}"
    outside = loop is not None and not (loop.start_byte <= root.ident.start_byte < loop.end_byte)
    decl_note = f"{name} declared here" + (", outside the loop" if outside else
                                            (", one variable for the whole loop (before Go 1.22)"
                                             if loop is not None else ""))
    flow = [(root.ident, decl_note), (alias.expr, f"{stored.rstrip(',')} here")]
    if st.through is not None:
        flow = [(root.ident, decl_note), (alias.expr, f"{st.through.how} {st.through.where.rstrip(',')} here"),
                (st.stmt, f"{st.how} {st.where.rstrip(',')} here")]
    flow.append((ev.at, f"{ev.what.format(it=_STORAGE[alias.kind].format(name=name))} here, {when}"))
    if later is not None and later.node != st.node:
        flow.append((later.alias.expr, f"and {later.how} {later.where} again here"))
    # A copy taken after the write would copy the written bytes: copy where the alias is taken.
    at = alias.source if stale and alias.source is not None and alias.via is None else alias.expr
    pass_.report(alias.expr, msg, flow=flow, fix=clone_fix(pass_, alias.kind, at))


def _report_read(pass_, st: Store, ev: Event, wnode: int, use: tuple[str, Node] | None) -> None:
    alias = st.alias
    name = alias.root.name
    text = pass_.file.code
    shown = text(alias.expr)
    where = f"{st.how} {st.where}"
    read = use[1] if use is not None else None
    if read is None:
        after = f"the function returns with {st.where} holding it"
    elif use[0] == "leave":
        after = f"{text(read)} leaves the function"
    else:
        after = f"{text(read)} is read"
    msg = (f"{shown} {where} points to the one variable {name}, and {ev.what.format(it='it')} before "
           f"{after}: that shows the new bytes, not the stored ones; store the address of a copy "
           f"(c := bytes.Clone({name}), then &c)")
    flow = [(alias.root.ident, f"{name} declared here"), (alias.expr, f"{where} here"),
            (ev.at, f"{ev.what.format(it=name)} here")]
    if read is not None:
        flow.append((read, "read through the stored pointer here"))
    pass_.report(alias.expr, msg, flow=flow, fix=clone_fix(pass_, alias.kind, alias.expr))


def _report_local(pass_, model: AliasModel, st: Store, ev: Event, wnode: int, read: Node) -> None:
    alias = st.alias
    name = alias.root.name
    text = pass_.file.code
    shown = text(alias.expr)
    if alias.source is not None and alias.source.id != alias.expr.id and alias.via is None:
        shown = f"{shown} (from {text(alias.source)})"
    local = st.where
    what = _KIND_TEXT[alias.kind].format(name=name)
    copy = _copy(model, alias)
    advice = ("keep the address of a copy or of the element itself" if alias.kind == "address"
              else f"keep a copy ({copy})")
    e = read
    while e.parent is not None and e.parent.type in ("selector_expression", "index_expression") and \
            e.parent.child_by_field_name("operand") == e:
        e = e.parent
    msg = (f"{shown} {st.how} {local} {what}, and {ev.what.format(it='it')} on the next iteration, before "
           f"{text(e)} is read: {local} shows what was written since, not what was kept; {advice}")
    flow = [(alias.root.ident, f"{name} declared here"), (alias.expr, f"{st.how} {local} here"),
            (ev.at, f"{ev.what.format(it=_STORAGE[alias.kind].format(name=name))} here, on the next iteration"),
            (read, f"{local} is read here")]
    pass_.report(alias.expr, msg, flow=flow, fix=clone_fix(pass_, alias.kind, alias.expr))


_BYTE = ("byte", "uint8")


def _copy(model: AliasModel, alias) -> str:
    """The copy that fits the stored value: strings.Clone for a string made with
    unsafe.String, bytes.Clone for bytes, slices.Clone for other slices."""
    if alias.kind in ("scanner", "reader", "buffer"):
        return "bytes.Clone"
    src = alias.source if alias.source is not None and alias.via is None else alias.expr
    if src.type == "call_expression" and model.text(src.child_by_field_name("function") or src).endswith(".String"):
        return "strings.Clone, or string(b[:n])"
    t = model.type_of(alias.root.ident)
    elem = model.types.underlying(t.elem) if t.kind == "slice" and t.elem is not None else None
    if elem is not None and not (elem.kind == "basic" and elem.name in _BYTE):
        return "slices.Clone"
    return "bytes.Clone"
