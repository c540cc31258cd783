"""GG201's path search: from a store, over the function's CFG, to a write of the
stored alias's storage while the alias can still be read."""

from __future__ import annotations

from tree_sitter import Node

from goguard.analyses.aliases import AliasModel, is_assignment_target
from goguard.frontend.scopes import Decl
from goguard.frontend.syntax import operator, strip_parens
from goguard.rules._gg201_stores import Store

# Steps of path search per CFG node of a function: the search stops there (silent on
# what it did not reach), so a huge function costs linear time.
STEPS_PER_NODE = 24


class _Search:
    """Path search over one function's CFG, with a step budget shared by its stores."""

    def __init__(self, model: AliasModel) -> None:
        self.model = model
        self.cfg = model.cfg
        self.steps = STEPS_PER_NODE * (self.cfg.graph.number_of_nodes() + 8)
        # A three-clause loop's update statement runs at the start of the next
        # iteration (the back edge leaves it), so a write there is "on the next iteration".
        self.joins = {a["ast"].id: v for v, a in self.cfg.graph.nodes(data=True)
                      if a["kind"] == "join" and a["ast"] is not None}
        self.updates = {v for v, a in self.cfg.graph.nodes(data=True)
                        if a["ast"] is not None and a["ast"].parent is not None
                        and a["ast"].parent.type == "for_clause"
                        and a["ast"].parent.child_by_field_name("update") == a["ast"]}

    def _loop_of(self, store: Store) -> Node | None:
        """The innermost loop around the store that the root's declaration is outside of
        (or, below Go 1.22, that declares it as a loop variable)."""
        root = store.alias.root
        n = store.stmt.parent
        while n is not None and n.id != self.model.fn.id:
            if n.type == "for_statement":
                inside = n.start_byte <= root.ident.start_byte < n.end_byte
                if not inside or (self.model.shared_loop_vars and _declares(n, root)):
                    return n
            n = n.parent
        return None

    def _kills(self, store: Store) -> tuple[set[int], Node | None]:
        model = self.model
        root = store.alias.root
        kills: set[int] = set()
        fresh_loop = None
        decl_node = model.node_of(root.ident) if root.kind == "var" else None
        loop_var = _loop_clause_of(root)
        if decl_node is not None and not (model.shared_loop_vars and loop_var is not None):
            kills.add(decl_node)
        if loop_var is not None and not model.shared_loop_vars:
            # Go 1.22: each iteration has its own copy, made before the update statement.
            fresh_loop = loop_var
            clause = next((c for c in loop_var.named_children if c.type == "for_clause"), None)
            upd = clause.child_by_field_name("update") if clause is not None else None
            un = model.node_of(upd) if upd is not None else None
            if un is not None:
                kills.add(un)
        c = store.container
        if c is not None and c.kind == "var":
            cn = model.node_of(c.ident)
            if cn is not None:
                kills.add(cn)
        return kills, fresh_loop

    def find(self, store: Store, same: dict[int, list[Store]]):
        """(write event, its node, the later store or None, crossed a back edge) when a
        path shows the stored alias overwritten while it can still be read."""
        model = self.model
        alias = store.alias
        events = model.events(alias.root, alias.kind)
        if not events:
            return None
        loop = self._loop_of(store)
        # Returned, or kept in one place outside a loop: only a release can make it
        # wrong (the pool's next user writes it while the caller or the place holds it).
        release_only = store.returned or (store.fixed and loop is None)
        kills, fresh_loop = self._kills(store)
        if store.goroutine:
            kills = kills | self.model.pass_.result("wait-nodes", self.model.fn)
        g = self.cfg.graph
        done = self.joins.get(loop.id) if store.fixed and loop is not None else None
        # state: (node, phase) with phase 0 stored, 1 array emptied (truncate), 2 written
        start = [(s, 0, None, a.get("back") is not None or s in self.updates) for s, a in g[store.node].items()
                 if not _killed_edge(a, fresh_loop)]
        seen: set[tuple[int, int]] = set()
        stack = list(reversed(start))
        while stack:
            self.steps -= 1
            if self.steps < 0:
                return None
            n, phase, w, back = stack.pop()
            if (n, phase) in seen or n in kills:
                continue
            seen.add((n, phase))
            if phase == 2 and store.fixed and not release_only and (n == self.cfg.exit or n == done):
                return w[0], w[1], None, back
            if phase == 2 and store.fixed and n == store.node:
                continue  # stored again: the place holds the fresh alias
            stopped = False
            for ev in events.get(n, ()):
                if ev.kind == "kill":
                    stopped = True
                    break
                if ev.kind == "release":  # back in a pool: another goroutine may write it now
                    return ev, n, None, back
                if release_only:
                    continue
                if ev.kind == "write" or (ev.kind == "grow" and phase == 1):
                    if phase != 2:
                        phase, w = 2, (ev, n)
                elif ev.kind == "truncate" and phase == 0:
                    phase = 1
            if stopped:
                continue
            if phase == 2 and store.send:
                return w[0], w[1], None, back
            if phase == 2 and not store.fixed:
                later = [s for s in same.get(n, ()) if not s.fixed and not (s.replaces and s.where == store.where)
                         # in straight-line code, only a store into the same container
                         # makes two of its entries share the variable; one into another
                         # container is a new use of the variable, after the first is done
                         and (back or _same_container(s, store))]
                if later and (w[1] != n or later[0].stmt.start_byte > w[0].at.start_byte):
                    return w[0], w[1], later[0], back
            for s, a in g[n].items():
                if _killed_edge(a, fresh_loop):
                    continue
                crossed = back or (phase != 2 and (a.get("back") is not None or s in self.updates))
                stack.append((s, phase, w, crossed))
        return None


    def stale(self, store: Store):
        """(write event, its node) when the stored value was overwritten before the
        store: `out := b.Bytes(); pool.Put(b); return out`, or a local holding an alias
        (`rec.data = buf[:n]`) refilled before the local is stored. The search runs
        from where the alias was taken to the store, and stops where it is taken again."""
        model = self.model
        alias = store.alias
        if alias.kind == "address":
            return None  # `&x` stored, then x set up: what a pointer is for (see read_after_write)
        if store.through is not None:
            taken = store.through.node
        elif alias.source is not None and alias.expr.type == "identifier":
            taken = model.node_of(alias.source)
        else:
            return None
        if taken is None or taken < 0 or taken == store.node:
            return None
        events = model.events(alias.root, alias.kind)
        if not events:
            return None
        kills, _ = self._kills(store)
        kills.discard(taken)
        g = self.cfg.graph
        seen: set[tuple[int, int]] = set()
        stack = [(s, 0, None) for s in g[taken]]
        while stack:
            self.steps -= 1
            if self.steps < 0:
                return None
            n, phase, w = stack.pop()
            if (n, phase) in seen or n in kills or n == taken:
                continue
            seen.add((n, phase))
            if n == store.node:
                if phase == 2:
                    return w
                continue
            step = _advance(events.get(n, ()), n, phase, w)
            if step is not None:
                stack.extend((s, *step) for s in g[n])
        return None


    def read_after_write(self, store: Store):
        """For the address of a byte-slice variable stored in a container (`m[k] = &buf`,
        `rec.data = &buf`, `append(list, &buf)`): (write event, its node, the read)
        when `buf` is written after the store and the stored pointer is then read, so
        the reader sees the new bytes: an entry of a local container read, or the
        container returned, stored or sent; for a place that is not a local, the
        function's end, where the caller holds it. A container handed whole to a call
        (to be filled, or a scan's destinations) ends the search: shared on purpose."""
        model = self.model
        alias = store.alias
        if alias.kind != "address" or store.goroutine or store.how == "handed to" or store.through is not None:
            return None
        operand = strip_parens(alias.expr.child_by_field_name("operand") or alias.expr)
        t = model.type_of(operand)
        elem = model.types.underlying(t.elem) if t.kind == "slice" and t.elem is not None else None
        if operand.type != "identifier" or elem is None or elem.kind != "basic" or elem.name not in ("byte", "uint8"):
            return None
        c = store.container
        mine = c is not None and c.func.id == model.fn.id
        local = mine and c.kind == "var"
        reads = _container_uses(model, c, store) if mine else {}
        if reads is None:
            return None
        events = model.variable_events(alias.root)
        if not events:
            return None
        kills, _ = self._kills(store)
        g = self.cfg.graph
        seen: set[tuple[int, int]] = set()
        stack = [(s, 0, None) for s in g[store.node]]
        while stack:
            self.steps -= 1
            if self.steps < 0:
                return None
            n, phase, w = stack.pop()
            if (n, phase) in seen or n in kills:
                continue
            seen.add((n, phase))
            use = reads.get(n)
            if use is not None and use[0] == "handed":
                continue
            if phase == 2 and (use is not None or (not local and n == self.cfg.exit)):
                return w[0], w[1], use
            step = _advance(events.get(n, ()), n, phase, w)
            if step is not None:
                stack.extend((s, *step) for s in g[n])
        return None


    def read_after_next_write(self, store: Store):
        """For an alias kept in a plain local of the function (`best = &v`, `prev =
        line`) inside a loop that reuses its storage: (write event, its node, the read)
        when a path from the store crosses into the next iteration, writes the storage
        there, and then reads the local before anything assigns it again: the local
        shows what was written since, not what was kept. A write in the same
        iteration is the pointer doing its job (`p = &cfg; cfg.X = 1; use(p)`)."""
        model = self.model
        alias = store.alias
        if self._loop_of(store) is None:
            return None
        events = model.events(alias.root, alias.kind)
        if not events or any(ev.kind == "kill" for ev in events.get(store.node, ())):
            return None  # pr, cr = cr, pr: the variable is given another array as it is kept
        if _advanced(model, store.container):
            return None
        reads, assigns = _local_uses(model, store)
        if not reads:
            return None
        kills, fresh_loop = self._kills(store)
        kills |= assigns
        g = self.cfg.graph
        seen: set[tuple[int, int, bool]] = set()
        stack = [(s, 0, None, a.get("back") is not None or s in self.updates) for s, a in g[store.node].items()
                 if not _killed_edge(a, fresh_loop)]
        while stack:
            self.steps -= 1
            if self.steps < 0:
                return None
            n, phase, w, back = stack.pop()
            if (n, phase, back) in seen:
                continue
            seen.add((n, phase, back))
            if phase == 2 and n in reads:  # (read before it is assigned: `p = p.next`)
                return w[0], w[1], reads[n]
            if n in kills or n == store.node:
                continue  # (kept again at the store: the local holds the fresh alias)
            step = _advance(events.get(n, ()), n, phase, w, counts=back)
            if step is None:
                continue
            phase, w = step
            for s, a in g[n].items():
                if _killed_edge(a, fresh_loop):
                    continue
                crossed = back or a.get("back") is not None or s in self.updates
                stack.append((s, phase, w, crossed))
        return None


def _advance(events, n: int, phase: int, w, counts: bool = True):
    """(phase, write) after the events at CFG node n: phase 0 stored, 1 its array
    emptied (truncate), 2 written (a write, a release, or a grow after emptying), with
    the first write seen; None where an event kills the alias (assigned anew). Without
    `counts`, only a kill matters there."""
    for ev in events:
        if ev.kind == "kill":
            return None
        if not counts:
            continue
        if ev.kind in ("write", "release") or (ev.kind == "grow" and phase == 1):
            if phase != 2:
                phase, w = 2, (ev, n)
        elif ev.kind == "truncate" and phase == 0:
            phase = 1
    return phase, w


def _advanced(model: AliasModel, local) -> bool:
    """Whether the function moves a local through what it holds (`in = in[1:]`): a
    cursor the loop consumes, which may be empty by the time the storage is written
    again; that needs its length, which the search does not know."""
    for ref in model.scopes.refs.get(local.id, ()):
        left = ref.parent
        stmt = left.parent if left is not None else None
        if left is None or left.type != "expression_list" or stmt is None or \
                stmt.type != "assignment_statement" or stmt.child_by_field_name("left") != left:
            continue
        right = stmt.child_by_field_name("right")
        targets = left.named_children
        values = right.named_children if right is not None else []
        if len(targets) != len(values):
            continue
        v = strip_parens(values[[t.id for t in targets].index(ref.id)])
        base = strip_parens(v.child_by_field_name("operand") or v) if v.type == "slice_expression" else None
        if base is not None and base.type == "identifier" and model.scopes.decl_of(base) is local:
            return True
    return False


def _local_uses(model: AliasModel, store: Store) -> tuple[dict[int, Node], set[int]]:
    """(CFG node -> a read of the local a store keeps an alias in, the nodes that assign
    it otherwise). A read observes what the alias shows: the local used as a value,
    not compared with nil, measured (`len`) or assigned; `&p`, or a use in a closure,
    may change it where the search cannot see: it ends the search there."""
    local = store.container
    reads: dict[int, Node] = {}
    assigns: set[int] = set()
    for ref in model.scopes.refs.get(local.id, ()):
        n = model.node_of(ref)
        if n is None:
            continue
        f = model.scopes.use_func.get(ref.id)
        if f is not None and f.id != model.fn.id:
            continue
        if store.stmt.start_byte <= ref.start_byte < store.stmt.end_byte:
            continue
        p = ref.parent
        while p is not None and p.type == "parenthesized_expression":
            p = p.parent
        if is_assignment_target(ref) or (p is not None and p.type == "unary_expression" and operator(p) == "&"):
            assigns.add(n)
            continue
        if p is not None and p.type == "binary_expression" and operator(p) in ("==", "!="):
            other = p.child_by_field_name("right") if p.child_by_field_name("left") == ref else \
                p.child_by_field_name("left")
            if other is not None and strip_parens(other).type == "nil":
                continue
        call = p.parent if p is not None and p.type == "argument_list" else None
        if call is not None and model.text(call.child_by_field_name("function") or call) in ("len", "cap"):
            continue
        reads.setdefault(n, ref)
    return reads, assigns


def _same_container(a: Store, b: Store) -> bool:
    if a.container is not None or b.container is not None:
        return a.container is b.container
    return _root_text(a.where) == _root_text(b.where)


def _root_text(where: str) -> str:
    """m of m[k], out of out, s.items of s.items[i]: the container a store fills."""
    return where.split("[", 1)[0].strip()


def _killed_edge(attrs: dict, fresh_loop: Node | None) -> bool:
    b = attrs.get("back")
    return fresh_loop is not None and b is not None and b.id == fresh_loop.id


def _loop_clause_of(root: Decl) -> Node | None:
    """The for statement whose header declares `root` (range or three-clause), if any."""
    s = root.stmt
    if root.origin == "range":
        n = root.ident.parent
        while n is not None and n.type != "for_statement":
            n = n.parent
        return n
    if s is not None and s.parent is not None and s.parent.type == "for_clause":
        return s.parent.parent
    return None


def _declares(loop: Node, root: Decl) -> bool:
    lc = _loop_clause_of(root)
    return lc is not None and lc.id == loop.id





_BUILTINS = frozenset(("len", "cap", "delete", "clear"))


def _container_uses(model: AliasModel, c: Decl, store: Store) -> dict | None:
    """CFG node -> ("read" | "leave" | "handed", node) for the uses of a local
    container after a store into it: a read of the stored entry or field ("read"),
    the container returned, sent or stored ("leave"), or handed whole to a call
    ("handed"). None when the
    function writes through a stored pointer (`*m[k] = ...`): the pointer is there to
    be written through."""
    out: dict[int, tuple[str, Node]] = {}
    field = store.where if store.how == "stored in" and "[" not in store.where else None
    for ref in model.scopes.refs.get(c.id, ()):
        f = model.scopes.use_func.get(ref.id)
        if f is not None and f.id != model.fn.id:
            continue
        if store.stmt.start_byte <= ref.start_byte < store.stmt.end_byte:
            continue
        e = ref
        while e.parent is not None and e.parent.type in ("selector_expression", "index_expression",
                                                         "parenthesized_expression") and \
                e.parent.child_by_field_name("operand") in (e, None):
            e = e.parent
        p = e.parent
        deref = p is not None and p.type == "unary_expression" and operator(p) == "*"
        target = p if deref else e
        if is_assignment_target(target):
            if deref:
                return None  # *m[k] = ...: written through on purpose
            continue  # another entry stored, or this one replaced
        if e.id != ref.id and field is not None and not model.text(e).startswith(field):
            continue  # another field of the same value
        kind = "read"
        if e.id == ref.id:
            arg = p if p is not None and p.type in ("unary_expression", "variadic_argument") else e
            call = arg.parent.parent if arg.parent is not None and arg.parent.type == "argument_list" else None
            if call is not None:
                fn = call.child_by_field_name("function")
                if fn is not None and model.text(fn) in _BUILTINS:
                    continue
                kind = "handed" if model.text(fn) != "append" else "leave"
            elif p is not None and p.type == "expression_list" and p.parent is not None and \
                    p.parent.type in ("return_statement", "assignment_statement"):
                kind = "leave"
            elif p is not None and p.type == "send_statement":
                kind = "leave"
        n = model.node_of(ref)
        if n is not None and (n not in out or kind == "handed"):
            out[n] = (kind, target)
    return out
