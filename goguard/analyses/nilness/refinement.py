"""Refinement: what a branch condition tells about the values on each side of it, and
the branch conditions each nil path remembers."""

from __future__ import annotations

from tree_sitter import Node

from goguard.analyses.nilness.conditions import (
    _evaluate,
    _len_test,
    _nonzero_test,
)
from goguard.analyses.nilness.domain import (
    _NONNIL,
    _UNKNOWN,
    CHECKED_NOTE,
    MARK,
    MAX_ATOM,
    MAX_CONDS,
    PATHED,
    _PLAIN,
    has_pathed,
    Nil,
    _merge_nils,
    _union,
    _word,
)
from goguard.analyses.nilness.sinks import _lhs_targets
from goguard.frontend.syntax import operator as _operator
from goguard.frontend.syntax import strip_parens as _strip


class Refinement:
    """Conditions and correlations, mixed into the analysis context."""

    # ---- conditions --------------------------------------------------------------------

    def refine(self, state: dict, cond: Node, truth: bool) -> dict:
        e = _strip(cond)
        t = e.type
        if t == "unary_expression" and _operator(e) == "!":
            op = e.child_by_field_name("operand")
            return self.refine(state, op, not truth) if op is not None else state
        if t == "binary_expression":
            op = _operator(e)
            left = e.child_by_field_name("left")
            right = e.child_by_field_name("right")
            if left is None or right is None:
                return state
            if op in ("&&", "||"):
                both = (op == "&&") == truth
                first = self.refine(state, left, truth if both else not truth)
                if both:
                    return self.refine(first, right, truth)
                # (left decides) or (left is the other way and right decides)
                a = self.refine(state, left, truth)
                b = self.refine(first, right, truth)
                return _union(self, a, b)
            x = None
            if op in ("==", "!="):
                if _strip(right).type == "nil":
                    x = left
                elif _strip(left).type == "nil":
                    x = right
            if x is not None:
                nonnil = (op == "!=") == truth
                state = self.tag(state, ("", self.text(e)), truth)
                state = self.set_nonnil(state, x, nonnil)
                if nonnil:
                    state = self.correlated(state, self.path(x))
                if nonnil and op == "==":
                    for g in self.lazy_group(e, self.text(_strip(x))):
                        state = self.set_nonnil(state, g, True)
                return state
            l, r = _strip(left), _strip(right)
            if op in ("<", "<="):
                l, r = r, l
                op = {"<": ">", "<=": ">="}[op]
            if l.type == "call_expression" and self._is_len(l) and r.type == "int_literal":
                args = l.child_by_field_name("arguments")
                arg = args.named_children[0] if args is not None and args.named_children else None
                nonempty = _len_test(op, self.text(r), truth)
                if arg is not None and nonempty is not None:
                    # A nil map or slice has length 0; `len(x) > 0` is also remembered as
                    # an atom, so `for range x` agrees with it.
                    state = self.tag(state, ("len>0", self.text(_strip(arg))), nonempty)
                    return self.set_nonnil(state, arg, True) if nonempty else state
                return self.tag(state, ("", self.text(e)), truth)
            if truth and l.type == "index_expression" and op in (">", "!=", "==", ">=") and _nonzero_test(
                    op, r, self.text):
                # m[k] > 0, m[k] != "": only a present entry passes, so m is not nil.
                state = self.set_nonnil(state, l.child_by_field_name("operand"), True)
            return self.tag(state, ("", self.text(e)), truth, e)
        if t == "index_expression" and truth:
            state = self.set_nonnil(state, e.child_by_field_name("operand"), True)
            return self.tag(state, ("", self.text(e)), truth)
        if t == "identifier" and truth:
            d = self.scopes.decl_of(e)
            if d is not None:
                rel = state.get(("ok", d.id))
                if rel:
                    state = dict(state)
                    for (p,) in rel:
                        state[p] = _NONNIL
        if t in ("identifier", "selector_expression", "call_expression", "index_expression"):
            return self.tag(state, ("", self.text(e)), truth, e)
        return state

    def tag(self, state: dict, atom: tuple, truth: bool, cond: Node | None = None) -> dict:
        """Record that nil paths (and the paths of structs with unset fields) through here
        took `atom` the `truth` way, and drop those that took it the other way: they
        cannot reach here."""
        if len(atom[1]) > MAX_ATOM:
            return state
        other = (atom, not truth)
        mine = (atom, truth)
        out = None
        for k, vals in state.items():
            if not has_pathed(vals):
                continue
            new = []
            for v in vals:
                if isinstance(v, PATHED):
                    if other in v.conds or (cond is not None and self._contradicts(v, cond, truth)):
                        continue
                    if mine not in v.conds and len(v.conds) < MAX_CONDS:
                        v = v._replace(conds=v.conds | {mine})
                new.append(v)
            nv = frozenset(new) if new or k[-1] == MARK else _UNKNOWN
            if nv != vals:
                if out is None:
                    out = dict(state)
                out[k] = nv
        if out is None:
            return state
        self.tagged = True
        return out

    def _contradicts(self, nil, cond: Node, truth: bool) -> bool:
        """Whether `cond` cannot be `truth` on this path, given the values it knows
        variables had on entering the loop's first iteration."""
        env = {c[0][1]: c[0][2] for c in nil.conds if c[0][0] == "iter0"}
        if not env:
            return False
        got = _evaluate(cond, env, self.text, self.constant)
        return got is not None and bool(got) != truth

    def untag(self, state: dict, name: str, keep_iter0: bool = False) -> None:
        """`name` was reassigned: conditions that mention it no longer hold (but its
        first-iteration value, `keep_iter0`, where a range clause assigns it)."""
        word = _word(name)
        for k, vals in list(state.items()):
            if not vals <= _PLAIN and any(isinstance(v, PATHED) and v.conds for v in vals):
                state[k] = _merge_nils(frozenset(
                    v._replace(conds=frozenset(c for c in v.conds if not word.search(c[0][1])
                                               or keep_iter0 and c[0][0] == "iter0"))
                    if isinstance(v, PATHED) else v for v in vals))

    def correlated(self, state: dict, path) -> dict:
        """`x != nil` holds: the nil paths of x are ruled out, and so are nil paths of
        other values (and structs whose unset fields are nil) that took exactly the same
        branch conditions (`var a, b` both set under one `if`, then only `a` tested)."""
        if path is None:
            return state
        before = self._last_nils
        if not before:
            return state
        ruled_out = [n.conds for n in before if n.conds]
        if not ruled_out:
            return state
        out = dict(state)
        for k, vals in state.items():
            if k == path or not has_pathed(vals):
                continue
            keep = frozenset(v for v in vals if not (isinstance(v, PATHED) and any(c <= v.conds for c in ruled_out)))
            if keep != vals:
                out[k] = keep or (frozenset() if k[-1] == MARK else _UNKNOWN)
        return out

    def lazy_group(self, cond: Node, checked: str) -> list[Node]:
        """For `if x == nil { x = make(...); y = make(...) }`: the values initialised
        together with x. Past the check, x not nil means they were initialised too.
        Only when the body makes x itself: `if arg == nil { m = make(...) }` says
        nothing of m when arg is not nil."""
        parent = cond.parent
        while parent is not None and parent.type == "parenthesized_expression":
            parent = parent.parent
        if parent is None or parent.type != "if_statement":
            return []
        cached = self._groups.get(parent.id)
        if cached is not None:
            return cached
        out = []
        body = parent.child_by_field_name("consequence")
        stmts = []
        for c in (body.named_children if body is not None else []):
            stmts.extend(c.named_children if c.type == "statement_list" else [c])
        for st in stmts:
            if st.type != "assignment_statement" or _operator(st) != "=":
                continue
            right = st.child_by_field_name("right")
            vals = right.named_children if right is not None else []
            targets = _lhs_targets(st)
            if len(vals) == len(targets):
                out.extend(t for t, v in zip(targets, vals) if self.value(v, {}) == _NONNIL)
        if not any(self.text(_strip(t)) == checked for t in out):
            out = []
        self._groups[parent.id] = out
        return out

    def _is_len(self, call: Node) -> bool:
        fn = call.child_by_field_name("function")
        return fn is not None and fn.type == "identifier" and self.text(fn) == "len"

    def set_nonnil(self, state: dict, x: Node, nonnil: bool) -> dict:
        p = self.path(x)
        self._last_nils = ()
        if p is None:
            return state
        state = dict(state)
        if nonnil:
            self._last_nils = [v for v in self.lookup(state, p) if isinstance(v, Nil)]
            state[p] = _NONNIL
        else:
            # `x == nil` holds: x is nil here, whatever it was before; the nil sources
            # already known explain it, else the check itself does.
            e = _strip(x)
            nils = frozenset(v._replace(src=e.start_byte) if v.src < 0 else v
                             for v in self.lookup(state, p) if isinstance(v, Nil))
            state[p] = nils or frozenset((Nil(e.start_byte, CHECKED_NOTE),))
        return state

