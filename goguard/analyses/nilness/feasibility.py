"""Feasibility: a "possibly nil" fact is kept only when its nil path can really reach the sink.

A value nil on *some* paths (not all) is reported only when the path that leaves it nil
survives this check. The path remembers the branch conditions it took (`Nil.conds`)
and the `if` / `switch` / loop whose other branch made the value (`Nil.branch`). A
condition on the path that depends on what that statement assigned or tested is
correlated with the nil: `if src.Attrs != nil { dst.Attrs = make(...) }` then
`for k := range src.Attrs { dst.Attrs[k] = ... }`, or `if p == nil { p = new(Z) } else
{ m = ... }` then `if p.P != nil { m[k] = ... }`. Such a condition is either false on
the nil path or cannot be decided from source alone, so the nil fact is dropped: goguard
stays silent rather than guess. (Conditions that are plainly the same test, taken the
other way, were already ruled out while the path was followed.) A nil known only from
a nil check (`if x == nil`) is never part of a "possibly nil" fact: outside that branch
x's origin is unknown. Facts nil on *every* path need no such check, and are always
kept.
"""

from __future__ import annotations

import re
from functools import lru_cache

from tree_sitter import Node

from goguard.analyses.nilness.domain import (
    _UNKNOWN,
    CHECKED_NOTE,
    Nil,
    is_nil,
    only_nil,
)
from goguard.analyses.nilness.sinks import assigned_targets
from goguard.frontend.syntax import operator as _operator
from goguard.frontend.syntax import strip_parens as _strip

_BRANCHING = frozenset(("if_statement", "expression_switch_statement", "type_switch_statement",
                        "select_statement", "for_statement"))
_ARMS = ("consequence", "alternative", "body")


class Feasibility:
    """The feasibility check of possibly-nil facts, mixed into the analysis context."""

    def feasible_facts(self, facts: frozenset, target: str) -> frozenset:
        """facts less the nil paths that cannot reach a sink on `target` (its text)."""
        if not is_nil(facts) or only_nil(facts):
            return facts
        keep = frozenset(f for f in facts if not isinstance(f, Nil) or
                         (f.note != CHECKED_NOTE and self._feasible(f, target)))
        if is_nil(keep):
            return keep
        return (keep - {f for f in keep if isinstance(f, Nil)}) | _UNKNOWN

    def _feasible(self, nil: Nil, target: str) -> bool:
        if nil.branch < 0 or not nil.conds - nil.before:
            return True
        info = self._branch_info(nil.branch)
        if info is None:
            return True
        own, names = info
        names = [n for n in names if n != target]
        if not names:
            return True
        for atom, _truth in nil.conds - nil.before:
            kind, text = atom[0], atom[1]
            if kind == "iter0" or (kind == "" and text in own):
                continue
            if any(_mentions(text, n) for n in names):
                return False
        return True

    def _branch_info(self, offset: int) -> tuple[frozenset, tuple] | None:
        """For the branching statement at offset: the texts of its own conditions, and
        the names it tests or assigns (variables and field chains)."""
        cached = self._branches.get(offset, False)
        if cached is not False:
            return cached
        stmt = self.file.root.descendant_for_byte_range(offset, offset)
        while stmt is not None and not (stmt.start_byte == offset and stmt.type in _BRANCHING):
            stmt = stmt.parent
        info = None
        # An else-if chain is one statement: climb to its first `if`.
        while stmt is not None and stmt.type == "if_statement" and stmt.parent is not None and \
                stmt.parent.type == "if_statement" and stmt.parent.child_by_field_name("alternative") == stmt:
            stmt = stmt.parent
        if stmt is not None:
            own: set[str] = set()
            tested: list[Node] = []
            for link in _chain(stmt):
                for field in ("initializer", "condition", "value"):
                    c = link.child_by_field_name(field)
                    if c is not None:
                        tested.append(c)
                        if field == "condition":
                            own.update(self.text(x) for x in _leaves(c))
            for c in stmt.named_children:
                if c.type in ("for_clause", "range_clause"):
                    tested.append(c)
                elif c.type == "expression_case":
                    v = c.child_by_field_name("value")
                    if v is not None:
                        tested.append(v)
                        own.update(self.text(x) for x in v.named_children)
            names = {self.text(n) for t in tested for n in _operands(t)}
            names = {n for n in names if not self._constant_name(n)}
            for arm in _arms(stmt):
                names.update(self.text(t) for t in _assigned_targets(arm))
            info = (frozenset(own), tuple(sorted(names)))
        self._branches[offset] = info
        return info

    def _constant_name(self, name: str) -> bool:
        """Names that hold no state: constants, types, packages, nil/true/false."""
        if name in ("nil", "true", "false", "iota", "_"):
            return True
        d = self.types.package.decls.get(name.split(".", 1)[0])
        if d is not None and d.kind in ("const", "type", "func"):
            return True
        return name.split(".", 1)[0] in self.imports


@lru_cache(maxsize=4096)
def _word_of(name: str) -> re.Pattern:
    return re.compile(rf"(?<![\w.]){re.escape(name)}(?!\w)")


def _mentions(text: str, name: str) -> bool:
    return name in text and _word_of(name).search(text) is not None


def _leaves(cond: Node) -> list[Node]:
    """The leaf conditions of `a && !(b || c)`: a, b, c."""
    out, stack = [], [cond]
    while stack:
        e = _strip(stack.pop())
        if e.type == "binary_expression" and _operator(e) in ("&&", "||"):
            stack.extend((e.child_by_field_name("left"), e.child_by_field_name("right")))
        elif e.type == "unary_expression" and _operator(e) == "!":
            stack.append(e.child_by_field_name("operand"))
        else:
            out.append(e)
    return [x for x in out if x is not None]


def _operands(node: Node) -> list[Node]:
    """Variables and field chains a condition reads (`x`, `s.a.b`), not the functions it
    calls nor anything inside function literals."""
    out, stack = [], [node]
    while stack:
        n = stack.pop()
        t = n.type
        if t == "func_literal":
            continue
        if t in ("identifier", "selector_expression") and _chain_root(n) is not None:
            p = n.parent
            if p is not None and p.type == "call_expression" and p.child_by_field_name("function") == n:
                if t == "selector_expression":
                    stack.append(n.child_by_field_name("operand"))  # x.Len(): x is read
                continue
            out.append(n)
            continue
        stack.extend(n.named_children)
    return out


def _chain_root(n: Node) -> Node | None:
    while n is not None and n.type == "selector_expression":
        n = n.child_by_field_name("operand")
    return n if n is not None and n.type == "identifier" else None


def _chain(stmt: Node) -> list[Node]:
    """An if statement and the ifs of its else-if chain; any other statement alone."""
    out = [stmt]
    while stmt.type == "if_statement":
        alt = stmt.child_by_field_name("alternative")
        if alt is None or alt.type != "if_statement":
            break
        out.append(alt)
        stmt = alt
    return out


def _arms(stmt: Node) -> list[Node]:
    if stmt.type == "if_statement":
        return [a for link in _chain(stmt) for a in (link.child_by_field_name(f) for f in _ARMS)
                if a is not None and a.type != "if_statement"]
    if stmt.type == "for_statement":
        body = stmt.child_by_field_name("body")
        return [body] if body is not None else []
    return [c for c in stmt.named_children
            if c.type in ("expression_case", "default_case", "type_case", "communication_case")]


def _assigned_targets(arm: Node) -> list[Node]:
    """Variables and field chains assigned in an arm (`x = ...`, `s.f = ...`, `n++`)."""
    return [x for x in map(_strip, assigned_targets(arm))
            if x.type in ("identifier", "selector_expression") and _chain_root(x) is not None]
