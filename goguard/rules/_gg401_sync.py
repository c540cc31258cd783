"""What orders a goroutine against its launcher, for GG401: waits, gates, one-slot
channels.

- A **wait** blocks the launcher until the goroutine acts: a `.Wait()`, a call of a
  function of the package that waits (goguard/facts/waits.py), or a receive (or a
  `range` over a channel) or a send on a channel the goroutine uses (handed to it, or
  named in its code or in the package functions it calls); a receive from an
  unrelated channel (the next job, a timer) waits for nothing the goroutine does. A
  `select` with a `default` waits on no path through the default; a receive from a
  channel made with more than one slot is a semaphore's release.
- A **gate**: a channel the goroutine receives from before its access and the
  launcher sends on or closes (`<-p.ready` ... `close(p.ready)`), named by its whole
  selector chain.
- A **one-slot lock**: a channel of capacity 1 is a lock only when an acquire (a send,
  or a receive from a channel kept full) dominates the write and the release (the
  opposite operation) follows it; a channel whose capacity is not seen is not one.

Everything is read from the CFGs of the launcher and the goroutine, per launch.
"""

from __future__ import annotations

import re

from tree_sitter import Node

from goguard.facts.map_writes import bodies_by_name, call_finder

_MAKE_CHAN = re.compile(rb"([\w.]+)\s*(?::=|=|:)\s*make\(\s*(?:<-\s*)?chan\b[^,()]*(?:\([^()]*\))?[^,()]*"
                        rb"(?:,\s*([^)]+))?\)")


def capacities(fp, launcher: Node) -> dict[str, str]:
    """Channels the launcher makes: name -> "one" (capacity 1), "many" (more, or not a
    constant), "none" (unbuffered)."""
    data = fp.file.data
    if data.find(b"chan", launcher.start_byte, launcher.end_byte) < 0:
        return {}
    return {m.group(1).decode(): _capacity(m.group(2)) for m in _MAKE_CHAN.finditer(data, launcher.start_byte,
                                                                                      launcher.end_byte)}


def _capacity(arg: bytes | None) -> str:
    if arg is None or arg.strip() in (b"0", b""):
        return "none"
    return "one" if arg.strip() == b"1" else "many"


def capacity(fp, launcher: Node, ch: str) -> str | None:
    """The capacity of a channel by its text: made by the launcher, or a field (`t.sem`)
    that every `make` assigned to a field of that name in the package gives the same
    capacity (`sem: make(chan struct{}, 1)`, `t.sem = make(...)`); None when unseen."""
    got = capacities(fp, launcher).get(ch)
    if got is not None or "." not in ch:
        return got
    field = ch.rpartition(".")[2]
    memo = fp.package.facts.setdefault(("gg401-field-capacity",), {})
    if field not in memo:
        pattern = re.compile(rb"(?<![\w])" + re.escape(field.encode()) + rb"\s*(?::|=)\s*make\(\s*chan\b"
                             rb"[^,()]*(?:\([^()]*\))?[^,()]*(?:,\s*([^)]+))?\)")
        found = {_capacity(m.group(1)) for f in fp.package.files if field.encode() in f.data
                 for m in pattern.finditer(f.data, *f.span)}
        memo[field] = found.pop() if len(found) == 1 else None
    return memo[field]


def blocks(kind: str, ch: str, cap: str | None, signalled) -> bool:
    """Whether an operation of the launcher waits for a goroutine: `signalled(ch)` says
    whether the goroutine uses the channel."""
    if kind in ("wait", "call"):
        return True
    if kind == "recv":  # a semaphore's slot handed back waits for no goroutine
        return cap != "many" and signalled(ch)
    if kind == "send":
        return cap not in ("many", "one") and signalled(ch)
    return False


def wait_nodes(fp, launcher: Node, signalled) -> set[int]:
    """The launcher's CFG nodes that may wait for the goroutine."""
    waits = fp.result("waits", launcher)
    return {n for n, ops in waits.ops.items()
            if any(blocks(k, ch, capacity(fp, launcher, ch) if k in ("send", "recv") else None, signalled)
                   for k, ch in ops)}


def waits_at_return(fp, fn: Node, signalled) -> bool:
    """A deferred operation of fn waits (`defer wg.Wait()`)."""
    return any(blocks(k, ch, capacity(fp, fn, ch) if k in ("send", "recv") else None, signalled)
               for k, ch in fp.result("waits", fn).deferred)


def uses(ctx, ch: str) -> bool:
    """Whether the goroutine of ctx can reach the launcher's channel `ch` (so that an
    operation on it may wait for the goroutine): the channel, or the variable it is
    read from (`a` of `a.conn.NotifyClose()`), is handed to the goroutine or named in
    its code, or the channel's last name is named there or in the package functions
    the goroutine calls. A channel of another package's function (`time.After(d)`)
    is reached by its name only."""
    lp = ctx.launch_pass
    root = re.match(r"\w+", ch)
    root = root.group() if root is not None and root.group() not in lp.imports else None
    if any(lp.text(a) == ch or root is not None and re.match(re.escape(root) + r"\b", lp.text(a))
           for a in ctx.params.values()):
        return True
    name = re.sub(r"\(.*", "", ch).rpartition(".")[2]  # ctx.Done() -> Done
    data = ctx.fp.file.data
    body = ctx.body
    words = {w for w in (name, root if ctx.body.type == "func_literal" else None) if w and re.fullmatch(r"\w+", w)}
    if not words:
        return True
    word = re.compile(rb"(?<![\w])(?:" + b"|".join(re.escape(w.encode()) for w in sorted(words)) + rb")(?![\w])")
    if word.search(data, body.start_byte, body.end_byte):
        return True
    if not name:
        return False
    finder = call_finder(ctx.fp.package)
    names = {n for _, _, n in finder.finditer(data, body.start_byte, body.end_byte)} if finder else set()
    bodies = bodies_by_name(ctx.fp.package)
    last = re.compile(rb"(?<![\w])" + re.escape(name.encode()) + rb"(?![\w])")
    return any(last.search(d, a, b) for n in names for d, a, b in bodies.get(n.decode(), ()))


def reaches_avoiding(g, start: int, goal: int, avoid) -> bool:
    """A path from start's successors to goal that passes no node of `avoid` (goal
    itself is not avoided)."""
    seen: set[int] = set()
    stack = list(g[start])
    while stack:
        n = stack.pop()
        if n == goal:
            return True
        if n in seen or n in avoid:
            continue
        seen.add(n)
        stack.extend(g[n])
    return False


def dominates(g, entry: int, a: int, b: int) -> bool:
    """Every path from entry to b passes a."""
    if a == b:
        return True
    seen = {a}
    stack = [entry]
    while stack:
        n = stack.pop()
        if n == b:
            return False
        if n in seen:
            continue
        seen.add(n)
        stack.extend(g[n])
    return True


def loop_waits(fp, ctx) -> bool:
    """Every path from the launch back to itself waits: the goroutine of one iteration
    may be done before the next starts."""
    start = fp.result("aliases", ctx.launcher).node_of(ctx.launch)
    if start is None:
        return False
    g = fp.result("cfg", ctx.launcher).graph
    return not reaches_avoiding(g, start, start, wait_nodes(fp, ctx.launcher, lambda ch: uses(ctx, ch)))


def serialised(fp, ctx, site_fp, site: Node) -> bool:
    """The access at `site` (in ctx's body, or reached from it) holds a one-slot lock:
    an errgroup limited to one goroutine, or a channel of capacity 1 acquired on every
    path to the access (in the launcher before the launch, or in the goroutine before
    the access) and released after it (a deferred release, or one reachable from it)."""
    data = fp.file.data
    if data.find(b"SetLimit(1)", ctx.launcher.start_byte, ctx.launcher.end_byte) >= 0:
        return True
    launcher, body = ctx.launcher, ctx.body
    if data.find(b"<-", launcher.start_byte, launcher.end_byte) < 0 and \
            ctx.fp.file.data.find(b"<-", body.start_byte, body.end_byte) < 0:
        return False
    # The access as the goroutine's body sees it: the site, or the call leading to it.
    at = site if site_fp is ctx.fp and _encloses(body, site) else None
    if at is None:
        return False
    mine = ctx.fp.result("waits", body)
    bmodel = ctx.fp.result("aliases", body)
    bg = ctx.fp.result("cfg", body).graph
    node = bmodel.node_of(at)
    if node is None:
        return False
    theirs = fp.result("waits", launcher)
    lg = fp.result("cfg", launcher).graph
    start = fp.result("aliases", launcher).node_of(ctx.launch)
    for n, ops in mine.ops.items():
        for kind, ch in ops:
            if kind in ("send", "recv") and _one(fp, ctx, ch) and dominates(bg, 0, n, node) and \
                    _releases(mine, bg, node, _launcher_text(ctx, ch), ctx, "recv" if kind == "send" else "send"):
                return True
    if start is None:
        return False
    for n, ops in theirs.ops.items():
        if ctx.loop is not None and not _in(lg.nodes[n]["ast"], ctx.loop):
            continue
        for kind, ch in ops:
            if kind in ("send", "recv") and capacity(fp, launcher, ch) == "one" and dominates(lg, 0, n, start) and \
                    _releases(mine, bg, node, ch, ctx, "recv" if kind == "send" else "send"):
                return True
    return False


def _one(fp, ctx, ch: str) -> bool:
    text = _launcher_text(ctx, ch)
    return text is not None and capacity(fp, ctx.launcher, text) == "one"


def _releases(mine, g, node: int, ch: str | None, ctx, kind: str) -> bool:
    """The goroutine releases ch (the launcher's text) by `kind`, deferred or after node."""
    if ch is None:
        return False
    if any(k == kind and _launcher_text(ctx, c) == ch for k, c in mine.deferred):
        return True
    after = {n for n, ops in mine.ops.items() if any(k == kind and _launcher_text(ctx, c) == ch for k, c in ops)}
    return bool(after) and any(reaches_avoiding(g, node, a, ()) for a in after)


def _launcher_text(ctx, ch: str) -> str | None:
    """A channel named in the goroutine's body, as the launcher names it."""
    if ctx.body.type == "func_literal":
        return ch
    root, dot, rest = ch.partition(".")
    arg = ctx.params.get(root)
    if arg is None:
        return None
    return ctx.launch_pass.text(arg) + dot + rest


def _encloses(outer: Node, inner: Node) -> bool:
    return outer.start_byte <= inner.start_byte and inner.end_byte <= outer.end_byte


def _in(ast: Node | None, region: Node) -> bool:
    return ast is not None and _encloses(region, ast)


_RECEIVES = re.compile(rb"\brange\s+([\w.]+)\s*\{|<-\s*([\w.]+)")


def gates(ctx, site: Node) -> set[bytes]:
    """The launcher's channels that the goroutine receives from before its access at
    `site` (`for k := range ch`, `for <-req`, `<-p.ready`), by the launcher's names:
    those the launcher sends on or closes (not a slice the goroutine ranges over)."""
    data = ctx.fp.file.data
    before = data[ctx.body.start_byte:site.start_byte]
    names = {(m.group(1) or m.group(2)).decode() for m in _RECEIVES.finditer(before)}
    lf = ctx.launch_pass.file.data
    out = set()
    for n in names:
        c = _launcher_text(ctx, n)
        if c is None:
            continue
        c = c.encode()
        sends = rb"(?<![\w.])" + re.escape(c) + rb"\s*<-|close\(\s*" + re.escape(c) + rb"\s*\)"
        if re.search(sends, lf[ctx.launcher.start_byte:ctx.launcher.end_byte]):
            out.add(c)
    return out


def opens(fp, launcher: Node, node: int, gated: set[bytes]) -> bool:
    """The node sends on or closes one of the channels."""
    return any(k in ("send", "close") and ch.encode() in gated for k, ch in fp.result("waits", launcher).at(node))
