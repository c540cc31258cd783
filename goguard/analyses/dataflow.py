"""A generic forward worklist solver over a CFG.

A problem supplies the entry state, a transfer function per node, an edge function
(refining a state along a branch; None makes the edge infeasible) and a join. States
are treated as immutable values: transfer and join return new ones. Nodes are
visited in reverse postorder, so loops converge in a few passes; a bound on visits
per node keeps a buggy lattice from spinning forever.
"""

from __future__ import annotations

from typing import Callable, Generic, TypeVar

from goguard.analyses.cfg import CFG

S = TypeVar("S")

MAX_VISITS_PER_NODE = 64


class Problem(Generic[S]):
    def entry(self) -> S:
        raise NotImplementedError

    def transfer(self, node: int, state: S) -> S:
        return state

    def edge(self, src: int, dst: int, attrs: dict, state: S) -> S | None:
        return state

    def join(self, node: int, states: list[S]) -> S:
        raise NotImplementedError


class Solution(Generic[S]):
    """`before[n]` is the state on entry to n; nodes never reached are absent."""

    def __init__(self, before: dict[int, S], after: dict[int, S]) -> None:
        self.before = before
        self.after = after


def solve(cfg: CFG, problem: Problem[S], on_visit: Callable[[int, S], None] | None = None) -> Solution[S]:
    g = cfg.graph
    order = cfg.order()
    rank = {n: i for i, n in enumerate(order)}
    before: dict[int, S] = {}
    after: dict[int, S] = {}
    # Incoming states per node, per predecessor, so joins see each edge once.
    incoming: dict[int, dict[int, S]] = {cfg.entry: {-1: problem.entry()}}
    visits: dict[int, int] = {}
    import heapq

    work = [(rank[cfg.entry], cfg.entry)]
    queued = {cfg.entry}
    while work:
        _, n = heapq.heappop(work)
        queued.discard(n)
        visits[n] = visits.get(n, 0) + 1
        if visits[n] > MAX_VISITS_PER_NODE:
            continue
        ins = incoming.get(n)
        if not ins:
            continue
        states = list(ins.values())
        state = states[0] if len(states) == 1 else problem.join(n, states)
        if n in before and before[n] == state and n in after:
            continue
        before[n] = state
        out = problem.transfer(n, state)
        after[n] = out
        for succ, attrs in g[n].items():
            s2 = problem.edge(n, succ, attrs, out)
            if s2 is None:
                continue
            slot = incoming.setdefault(succ, {})
            if slot.get(n) == s2 and succ in before:
                continue
            slot[n] = s2
            if succ not in queued:
                queued.add(succ)
                heapq.heappush(work, (rank[succ], succ))
    return Solution(before, after)
