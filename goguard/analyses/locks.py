"""Which mutexes are held, for sure, at each statement of a function.

A forward must-analysis on the function's CFG: `mu.Lock()` adds `mu` (by its text), and
`mu.Unlock()` removes it; `defer mu.Unlock()` releases nothing until the function
returns, so the lock stays held for the rest of the body. `mu.RLock()` is a read lock:
it is tracked apart (`R:mu`), since it does not exclude another reader's write. At a
join, a lock is held only when it is held on every incoming path. Calls inside a
function literal run when the literal does and are not this function's. A call of a
function of the package that takes a lock and returns without releasing it
(`defer s.lockFor(k)()`, `unlock := s.acquire()`) takes that lock, named by the call.
"""

from __future__ import annotations

from tree_sitter import Node

import re

from goguard.analyses import analysis
from goguard.analyses.dataflow import Problem, solve
from goguard.frontend.source import captures

_SIMPLE = frozenset(("expression_statement", "defer_statement", "assignment_statement",
                     "short_var_declaration", "go_statement", "send_statement"))
EMPTY: frozenset = frozenset()


class Locks:
    def __init__(self, pass_, fn: Node) -> None:
        self.cfg = pass_.result("cfg", fn)
        self.text = pass_.text
        self.fn = fn
        self.acquirers = acquirers(pass_.package)
        self._events: dict[int, list[tuple[str, str]]] = {}
        g = self.cfg.graph
        for n, a in g.nodes(data=True):
            ast = a["ast"]
            if a["kind"] == "stmt" and ast is not None and ast.type in _SIMPLE and self._mentions(ast.text):
                ev = self._lock_calls(ast)
                if ev:
                    self._events[n] = ev
        self.solution = solve(self.cfg, _Held(self)) if self._events else None

    def _lock_calls(self, stmt: Node) -> list[tuple[str, str]]:
        if stmt.type == "defer_statement":
            # A deferred Unlock runs at return: the lock stays held. The deferred
            # call's function value is evaluated now: `defer s.acquire()()` locks.
            call = next((c for c in stmt.named_children if c.type == "call_expression"), None)
            f = call.child_by_field_name("function") if call is not None else None
            if f is not None and f.type == "call_expression" and self._acquires(f):
                return [("Lock", self.text(f.child_by_field_name("function")))]
            return []
        out = []
        stack = [stmt]
        while stack:
            n = stack.pop()
            if n.type == "func_literal":
                continue
            if n.type == "call_expression":
                f = n.child_by_field_name("function")
                if f is not None and f.type == "selector_expression":
                    name = self.text(f.child_by_field_name("field") or f)
                    if name in ("Lock", "Unlock", "RLock", "RUnlock"):
                        op = f.child_by_field_name("operand")
                        out.append((name, self.text(op) if op is not None else ""))
                    elif self._acquires(n):
                        out.append(("Lock", self.text(f)))
            stack.extend(reversed(n.named_children))
        return out

    def _mentions(self, text: bytes) -> bool:
        return b"ock" in text or any(a.encode() in text for a in self.acquirers)

    def _acquires(self, call: Node) -> bool:
        f = call.child_by_field_name("function")
        if f is None or f.type != "selector_expression":
            return False
        return self.text(f.child_by_field_name("field")) in self.acquirers

    def held_at(self, node: int) -> frozenset:
        """Locks held on entry to a CFG node (write locks by text; read locks as R:text)."""
        if self.solution is None:
            return EMPTY
        return self.solution.before.get(node, EMPTY)

    def write_locked(self, node: int) -> bool:
        return any(not h.startswith("R:") for h in self.held_at(node))


class _Held(Problem):
    def __init__(self, locks: Locks) -> None:
        self.locks = locks

    def entry(self):
        return EMPTY

    def transfer(self, node: int, state):
        for name, mu in self.locks._events.get(node, ()):
            if name == "Lock":
                state = state | {mu}
            elif name == "Unlock":
                state = state - {mu}
            elif name == "RLock":
                state = state | {"R:" + mu}
            else:
                state = state - {"R:" + mu}
        return state

    def join(self, node: int, states):
        out = states[0]
        for s in states[1:]:
            out = out & s
        return out


@analysis("locks")
def locks_analysis(pass_, fn: Node) -> Locks:
    return Locks(pass_, fn)


@analysis("wait-nodes")
def wait_nodes(pass_, fn: Node) -> frozenset:
    """CFG nodes of fn that may wait for a goroutine: a `.Wait()` call or a channel
    operation in the statement (or condition, case, range clause). Past one, a
    goroutine started before may be done; GG201 and GG401 are silent beyond it."""
    data = pass_.file.data
    out = set()
    for v, a in pass_.result("cfg", fn).graph.nodes(data=True):
        ast = a["ast"]
        if ast is None or a["kind"] not in ("stmt", "cond", "case", "range") or ast.type == "go_statement":
            continue
        t = data[ast.start_byte:ast.end_byte]
        if b".Wait()" in t or b"<-" in t:
            out.add(v)
    return frozenset(out)


_LOCK = re.compile(rb"\.(?:Lock|RLock)\(\)")
_UNLOCK = re.compile(rb"\.(?:Unlock|RUnlock)\(\)")
_LITERALS = "(func_literal) @f"


def acquirers(package) -> frozenset[str]:
    """Names of the package's methods that take a lock and return holding it: a `Lock()`
    in their body and no `Unlock()` outside the function literals they return (the
    unlock they hand back). Cached with the package."""
    key = ("lock-acquirers",)
    got = package.facts.get(key)
    if got is None:
        out = set()
        for decl, file in package.functions():
            if decl.type != "method_declaration":
                continue
            body = decl.child_by_field_name("body")
            data = file.data
            if body is None or not _LOCK.search(data, body.start_byte, body.end_byte):
                continue
            spans = [(f.start_byte, f.end_byte) for f in captures(_LITERALS, body).get("f", ())]
            if any(not any(a <= m.start() < b for a, b in spans)
                   for m in _UNLOCK.finditer(data, body.start_byte, body.end_byte)):
                continue
            name = decl.child_by_field_name("name")
            if name is not None:
                out.add(file.text(name))
        got = package.facts[key] = frozenset(out)
    return got
