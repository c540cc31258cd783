"""Which functions of a package wait: the summary that `acquirers` is for locking.

A function waits when its own body blocks until another goroutine acts: a `.Wait()`
call (sync.WaitGroup, errgroup, sync.Cond), a receive (`<-ch`, `case <-ch:`, a `range`
over a channel), a deferred one of those, or a call of a function of the package that
waits (a few levels). A caller of `waitTimeout(&wg, d)` or `l.await()` waits as surely
as one that calls `wg.Wait()` itself: GG401 reads a call of such a function as a wait.
Calls are resolved to their declarations (a method by its receiver's type), so
`wg.Add(1)` is not taken for a method `Add` of the package; code in a `go` statement
or a nested function literal is not the function's own.
"""

from __future__ import annotations

from tree_sitter import Node

import re

from goguard.facts import fact, per_function
from goguard.facts.map_writes import MAX_DEPTH, call_finder, callee, text_reaches

_BLOCKING = frozenset(("recv", "wait", "call"))
_MAY_WAIT = re.compile(rb"<-|\.Wait\(\)")


def may_wait(package, name: str) -> bool:
    """Whether some function or method of the package named `name` may wait, judged
    from the text (a receive or a `.Wait()` in its body, or in a function it calls by
    name, a few levels deep): the cheap test before a call is resolved and its callee
    summarised."""
    return text_reaches(package, name, _MAY_WAIT, "may-wait")


def function_waits(fp, decl: Node, file) -> bool:
    """Whether a function or method declaration of the package waits."""
    return per_function(fp, "function-waits", decl, file, _waits, False, "function-waits-stack", MAX_DEPTH)


def _waits(fp, decl: Node) -> bool:
    w = fp.result("waits", decl)
    return any(k in _BLOCKING for k, _ in w.deferred) or \
        any(k in _BLOCKING for ops in w.ops.values() for k, _ in ops)


class WaitingCallees:
    """What the per-function "waits" analysis asks of the package, by fact name (the
    analyses do not import facts): which names may wait, a call's callee, and whether
    that callee waits."""

    def __init__(self, package) -> None:
        self.package = package

    def finder(self):
        return call_finder(self.package)

    def may_wait(self, name: str) -> bool:
        return may_wait(self.package, name)

    def callee(self, fp, fn: Node, call: Node):
        return callee(fp, fn, call)

    def waits(self, fp, decl: Node, file) -> bool:
        return function_waits(fp, decl, file)


@fact("waiting-callees")
def waiting_callees(package) -> WaitingCallees:
    return WaitingCallees(package)
