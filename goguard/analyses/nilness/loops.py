"""Loops: a write in a loop is judged on the loop's first iteration.

Entering a loop, the analysis knows what some variables hold: a three-clause loop's
counter (`for i := 0; ...`), and every variable that the loop body assigns but that
holds a constant on entry and is assigned nowhere else since its declaration (a parser
state `state := stateInit`, a flag `made := false`). Nil paths entering the loop
remember those values (as `iter0` atoms), so a branch or `switch` case that cannot be
taken on the first iteration is not followed there, and a variable reassigned on the
way forgets its value.

On the edges that start the next iteration, a nil fact of a value the loop body can
assign (make, set, reset) is made unknown: whether an earlier iteration made the map
depends on the data, and goguard reports only what the first iteration shows. A value
the loop never assigns keeps its nil facts: it is as nil on the tenth iteration as on
the first. Maps that are nil on every path are still reported wherever they are written.
"""

from __future__ import annotations

from tree_sitter import Node

from goguard.analyses.nilness.conditions import _evaluate, _int_value
from goguard.analyses.nilness.domain import _UNKNOWN, FLAG, MARK, PATHED, Nil, U, has_pathed
from goguard.analyses.nilness.sinks import assigned_targets
from goguard.frontend.gotypes import UNKNOWN
from goguard.frontend.syntax import strip_parens as _strip

# At most this many variables' entry values are remembered per loop.
MAX_ENTRY_VALUES = 4
# Basic types a range's key starts at 0 over: strings (the byte offset) and integers.
_RANGED_BASIC = frozenset(("string", "int", "int8", "int16", "int32", "int64", "uint", "uint8", "uint16",
                           "uint32", "uint64", "uintptr", "byte", "rune"))


class Loops:
    """Loop entry and next-iteration edges, mixed into the analysis context."""

    def first_iteration(self, loop: Node, state: dict) -> dict:
        """Entering `loop` from before it: the nil paths here are in its first
        iteration, where the counter and the variables of `entry_values` hold their
        entry values until reassigned."""
        for name, value in self.entry_values(loop):
            state = self.tag(state, ("iter0", name, value), True)
        return state

    def entry_values(self, loop: Node) -> list[tuple[str, object]]:
        cached = self._loop_info(loop)
        if "entry" in cached:
            return cached["entry"]
        out: list[tuple[str, object]] = []
        counter = _counter(loop, self.text)
        if counter is None:
            counter = self.range_key(loop)
            cached["range_key"] = counter[0] if counter is not None else None
        if counter is not None:
            out.append(counter)
        fn = self.file.enclosing_function(loop)
        seen = {name for name, _ in out}
        for target in cached["targets"]:
            t = _strip(target)
            if t.type != "identifier" or len(out) >= MAX_ENTRY_VALUES:
                continue
            d = self.scopes.decl_of(t)
            if d is None or d.name in seen or d.kind != "var" or d.id in self.untracked or fn is None \
                    or d.func.id != fn.id or d.ident.start_byte >= loop.start_byte:
                continue
            seen.add(d.name)
            value = self._initial_constant(d)
            if value is None:
                continue
            refs = self.scopes.refs.get(d.id, ())
            if all(loop.start_byte <= r.start_byte < loop.end_byte for r in refs if r.id in self.scopes.assigned):
                out.append((d.name, value))
        cached["entry"] = out
        return out

    def range_key(self, loop: Node) -> tuple[str, int] | None:
        """`for i, v := range xs` over a slice, array, string or integer: the key is 0
        on the first iteration (a map's first key is any)."""
        clause = next((c for c in loop.named_children if c.type == "range_clause"), None)
        if clause is None or not any(c.type == ":=" for c in clause.children):
            return None
        left, right = clause.child_by_field_name("left"), clause.child_by_field_name("right")
        key = left.named_children[0] if left is not None and left.named_children else None
        if key is None or right is None or key.type != "identifier" or self.text(key) == "_":
            return None
        u = self.types.underlying(self.pass_.result("exprtypes", self.top).of(right))
        if u.kind == "pointer":  # a pointer to an array
            u = self.types.underlying(u.elem or UNKNOWN)
        if u.kind in ("slice", "array") or u.kind == "basic" and u.name in _RANGED_BASIC:
            return (self.text(key), 0)
        return None

    def _initial_constant(self, d):
        """A declaration's constant initial value (int or bool), or None."""
        if d.origin not in ("var", "define"):
            return None
        if d.value is None:
            if d.origin != "var" or d.type_node is None:
                return None
            name = self.text(d.type_node)
            if name == "bool":
                return False
            if name in ("int", "int8", "int16", "int32", "int64", "uint", "uint8", "uint16", "uint32",
                        "uint64", "uintptr", "byte", "rune"):
                return 0
            return None
        stmt = d.stmt
        if stmt is not None and stmt.type in ("short_var_declaration", "var_spec"):
            right = stmt.child_by_field_name("right") or stmt.child_by_field_name("value")
            left = stmt.child_by_field_name("left")
            names = left.named_children if left is not None else stmt.children_by_field_name("name")
            if right is None or len(right.named_children) != len(names):
                return None
        v = _evaluate(d.value, {}, self.text, self.constant)
        return v if isinstance(v, (bool, int)) else None

    def case_entered(self, switch: Node, clause: Node, state: dict) -> dict:
        """A clause of `switch tag { ... }` is entered: paths on which the tag holds a
        known first-iteration value that the clause does not match cannot be here."""
        tag = switch.child_by_field_name("value")
        tag = _strip(tag) if tag is not None else None
        if tag is None or tag.type != "identifier" or not self.tagged:
            return state
        name = self.text(tag)
        cases = [c for c in switch.named_children if c.type == "expression_case"]
        values: dict[int, list] = {}
        for c in cases:
            vs = c.child_by_field_name("value")
            values[c.id] = [_evaluate(v, {}, self.text, self.constant) for v in (vs.named_children if vs else ())]
        if clause.type == "expression_case":
            mine = values.get(clause.id, [None])

            def impossible(v) -> bool:
                return None not in mine and v not in mine
        elif clause.type == "default_case":
            every = [v for vs in values.values() for v in vs]

            def impossible(v) -> bool:
                return v in every
        else:
            return state
        out = None
        for k, vals in state.items():
            keep = []
            for f in vals:
                if isinstance(f, PATHED):
                    known = next((c[0][2] for c in f.conds if c[0][0] == "iter0" and c[0][1] == name), None)
                    if known is not None and impossible(known):
                        continue
                keep.append(f)
            if len(keep) != len(vals):
                if out is None:
                    out = dict(state)
                out[k] = frozenset(keep) if keep or k[-1] == MARK else _UNKNOWN
        return state if out is None else out

    def next_iteration(self, loop: Node, state: dict) -> dict:
        """An edge into the loop's next iteration: nil facts of what the body assigns
        become unknown (an earlier iteration may have made it)."""
        if not any(has_pathed(vals) for vals in state.values()):
            return state
        key = self._loop_info(loop).get("range_key")
        if key is not None:
            # The range clause assigns the next key: its first-iteration value is gone
            # (the clause itself keeps it, for the paths entering the loop).
            state = dict(state)
            self.untag(state, key)
        paths = self._loop_info(loop)["paths"]
        if not paths:
            return state
        out = dict(state)
        for p in paths:
            n = len(p)
            for k in [k for k in out if k[:n] == p and k[-1] == MARK]:
                del out[k]  # fields of a struct the body re-makes: whatever it set them to
            for k in [k for k in out if k[:n] == p and k[-1] != FLAG and k[0] != "ok"]:
                vals = out[k]
                if any(isinstance(v, Nil) for v in vals):
                    out[k] = frozenset(v for v in vals if not isinstance(v, Nil)) | {U}
            cur = self.lookup(out, p)
            if any(isinstance(v, Nil) for v in cur):
                out[p] = frozenset(v for v in cur if not isinstance(v, Nil)) | {U}
        return out

    def _loop_info(self, loop: Node) -> dict:
        """What the loop body assigns: its target expressions and their tracked paths."""
        info = self._loops.get(loop.id)
        if info is None:
            targets = assigned_targets(loop.child_by_field_name("body"))
            paths = {p for p in (self.path(t) for t in targets) if p is not None}
            info = self._loops[loop.id] = {"targets": targets, "paths": paths}
        return info


def _counter(loop: Node, text) -> tuple[str, int] | None:
    """`for i := K; ...`: the counter and its start value."""
    clause = next((c for c in loop.named_children if c.type == "for_clause"), None)
    init = clause.child_by_field_name("initializer") if clause is not None else None
    if init is None or init.type != "short_var_declaration":
        return None
    left, right = init.child_by_field_name("left"), init.child_by_field_name("right")
    if left is None or right is None or len(left.named_children) != 1 or len(right.named_children) != 1:
        return None
    value = _int_value(right.named_children[0], text)
    return None if value is None else (text(left.named_children[0]), value)
