"""The nil-ness dataflow problem for one function body (closures get their own)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from tree_sitter import Node

from goguard.analyses.cfg import CFG
from goguard.analyses.dataflow import Problem
from goguard.analyses.nilness.domain import (
    _KEPT,
    _STORED,
    _UNKNOWN,
    FLAG,
    MARK,
    N,
    Nil,
    _merge_nils,
)
from goguard.frontend.syntax import strip_parens as _strip

if TYPE_CHECKING:  # the context imports this module
    from goguard.analyses.nilness.context import _Context


class _Analysis(Problem):
    """The nil-ness problem for one function body; closures get their own instance."""

    def __init__(self, ctx: "_Context", fn: Node, entry: dict) -> None:
        self.ctx = ctx
        self.fn = fn
        self._entry = entry
        self.cfg: CFG = ctx.pass_.result("cfg", fn)  # shared: built once per function

    # ---- lattice -------------------------------------------------------------------

    def entry(self):
        return self._entry

    def join(self, node: int, states: list[dict]) -> dict:
        self.ctx.current = (node, "before")
        keys = set()
        for s in states:
            keys.update(s)
        out: dict = {}
        branch_ast = self.cfg.ast(node) if self.cfg.kind(node) == "join" else None
        lookup = self.ctx.lookup
        for k in keys:
            if k[0] == "ok":
                vals = [s.get(k) for s in states]
                if any(v is None for v in vals):
                    continue
                common = frozenset.intersection(*vals)
                if common:
                    out[k] = common
                continue
            looked = [lookup(s, k) for s in states]
            first = looked[0]
            # Most values come through every edge unchanged: the same object, no union.
            vals = _merge_nils(first if all(v is first for v in looked) else frozenset().union(*looked))
            if branch_ast is not None and k[-1] not in (MARK, FLAG) and N in vals:
                at = branch_ast.start_byte
                vals = frozenset(v._replace(branch=at, before=v.conds) if isinstance(v, Nil) and v.branch < 0 else v
                                 for v in vals)
            if vals == _STORED or vals == _KEPT:
                continue  # the defaults for flags and escapes
            out[k] = vals
        for k in [k for k, v in out.items() if v == _UNKNOWN and k[-1] not in (MARK, FLAG)]:
            del out[k]
            if self.ctx.lookup(out, k) != _UNKNOWN:
                out[k] = _UNKNOWN  # a marker or flag would say more: keep it explicit
        return out

    # ---- transfer ------------------------------------------------------------------

    def transfer(self, node: int, state: dict) -> dict:
        kind = self.cfg.kind(node)
        ast = self.cfg.ast(node)
        if ast is None:
            return state
        self.ctx.current = (node, "before")
        if kind == "stmt":
            t = ast.type
            if t in ("expression_switch_statement", "type_switch_statement"):
                return self.ctx.effects(ast.child_by_field_name("value"), state)
            if t == "select_statement":
                return state
            return self.ctx.statement(ast, state)
        if kind == "range":
            return self.ctx.range_clause(ast, state)
        if kind == "cond":
            return self.ctx.effects(ast, state)
        if kind == "case" and ast.type == "expression_case":
            return self.ctx.effects(ast.child_by_field_name("value"), state)
        return state

    def edge(self, src: int, dst: int, attrs: dict, state: dict):
        ctx = self.ctx
        ctx.current = (src, "after")
        back = attrs.get("back")
        if back is not None:
            state = ctx.next_iteration(back, state)
        kind = self.cfg.kind(src)
        if "branch" in attrs and kind == "cond":
            cond = self.cfg.ast(src)
            if cond is not None:
                return ctx.refine(state, cond, attrs["branch"])
        entry = attrs.get("loop_entry")
        if entry is not None:
            state = ctx.first_iteration(entry, state)
        if attrs.get("branch") and kind == "range":
            # The body of `for ... range x` only runs when x is not nil and not empty.
            right = self.cfg.ast(src).child_by_field_name("right")
            if right is not None:
                state = ctx.set_nonnil(state, right, True)
                return ctx.tag(state, ("len>0", ctx.text(_strip(right))), True)
            return state
        case = attrs.get("case")
        if case is not None and case.type in ("expression_case", "default_case"):
            switch = case.parent
            if switch is not None and switch.child_by_field_name("value") is None:
                values = case.child_by_field_name("value") if case.type == "expression_case" else None
                if values is not None and len(values.named_children) == 1:
                    return ctx.refine(state, values.named_children[0], True)
            elif switch is not None:
                return ctx.case_entered(switch, case, state)
        return state

    # ---- sinks ---------------------------------------------------------------------

    def exprs_of(self, node: int) -> list[Node]:
        kind = self.cfg.kind(node)
        ast = self.cfg.ast(node)
        if ast is None:
            return []
        if kind == "cond":
            return [ast]
        if kind == "range":
            right = ast.child_by_field_name("right")
            return [right] if right is not None else []
        if kind == "case":
            v = ast.child_by_field_name("value") if ast.type == "expression_case" else None
            return [v] if v is not None else []
        if kind == "stmt":
            t = ast.type
            if t in ("expression_switch_statement", "type_switch_statement"):
                v = ast.child_by_field_name("value")  # the tag; its init is a node of its own
                return [v] if v is not None else []
            if t == "select_statement" or t in ("break_statement", "continue_statement",
                                                "goto_statement", "fallthrough_statement"):
                return []
            return [ast]
        return []


