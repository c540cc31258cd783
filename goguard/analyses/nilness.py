"""Nil-ness of maps and pointers, flow-sensitively, over each function's CFG.

A *path* names a tracked value: a local variable `(decl,)`, a field of a local struct
value `(decl, "f", "g")`, or an entry of a local map `(decl, ("[]", key text))`. A
state maps paths to the set of things the value may be on some path to this point:

- `N`: not nil (made, a literal, `new`, `&x`, or checked);
- `U`: unknown (a call result, a parameter, a receive, anything whose address escaped);
- `Nil(src, note, branch)`: nil from a definite source at byte offset `src`
  (`branch` >= 0 is the if/switch where that nil path skipped the initialisation).

Joins take unions, so "nil on some path" survives them. Besides values, a state holds:
`path + ("{}",)` markers for struct literals and zero structs (fields not set there are
nil), `path + ("[*]",)` flags for maps into which nothing may have been stored yet
("E") or something may have ("S"; the default), and `("ok", decl)` relations from a
comma-ok variable to the values it proves present.

The analysis records, for every map write and every `*p` in the function and in the
closures it contains, the facts of the written map / dereferenced pointer. Rules read
those facts; the analysis itself never reports.
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import NamedTuple

from tree_sitter import Node

from goguard.analyses import analysis, file_query
from goguard.analyses.cfg import CFG
from goguard.analyses.dataflow import Problem, solve
from goguard.frontend.gotypes import BASIC, TypeResolver
from goguard.frontend.normalise import RESPELLED
from goguard.frontend.scopes import Decl, Scopes, top_function
from goguard.frontend.source import matches
from goguard.frontend.syntax import operator as _operator
from goguard.frontend.syntax import TYPE_KINDS, specs
from goguard.frontend.syntax import strip_parens as _strip

N = "N"
U = "U"
FRESH = "E"  # flag value: no entry stored yet
STORED = "S"
MARK = "{}"
FLAG = "[*]"
LOOKUP = -1  # src of a lookup nil whose site is the place it is read


class Nil(NamedTuple):
    src: int  # byte offset of the nil source
    note: str
    branch: int = -1  # byte offset of the if/switch whose other branch initialises it
    # Branch conditions this nil path took, as (atom, truth): a later test of the same
    # atom the other way cannot be reached on this path (correlated conditions).
    conds: frozenset = frozenset()

    def key(self) -> tuple:
        return (self.src, self.note, self.branch)


class Lit(NamedTuple):
    src: int  # byte offset of the literal / declaration leaving fields zero
    fields: frozenset | None  # field names set there; None: all of them (positional)


_UNKNOWN = frozenset((U,))
_NONNIL = frozenset((N,))
_FRESH = frozenset((FRESH,))
_STORED = frozenset((STORED,))
_NONNIL_TYPES = frozenset(("composite_literal", "func_literal", "interpreted_string_literal",
                           "raw_string_literal", "int_literal", "float_literal", "imaginary_literal",
                           "rune_literal", "true", "false", "binary_expression"))
# Built-ins whose map / slice argument is only read, never re-pointed.
_READERS = frozenset(("len", "cap", "delete", "clear", "copy", "append", "print", "println",
                      "min", "max"))
_LOOKUP_NOTE = "lookup of a key that was never stored yields nil"


class Sink(NamedTuple):
    kind: str  # "write" (m[k] = v: the facts of m) | "deref" (*p: the facts of p)
    node: Node  # the index expression written / the unary * expression
    target: Node  # the map expression / the pointer expression
    facts: frozenset


class FunctionNilness:
    """Sinks of one function (a declaration or a literal), by node id."""

    def __init__(self, fn: Node) -> None:
        self.fn = fn
        self.sinks: dict[int, Sink] = {}


def is_nil(facts: frozenset) -> bool:
    return any(isinstance(f, Nil) for f in facts)


def nil_sources(facts: frozenset) -> list[Nil]:
    return sorted((f for f in facts if isinstance(f, Nil)), key=Nil.key)


def _merge_nils(vals: frozenset) -> frozenset:
    """One Nil per source: paths that differ only in conditions taken keep the
    conditions common to all of them."""
    nils = [v for v in vals if isinstance(v, Nil)]
    if len(nils) < 2:
        return vals
    by_key: dict[tuple, Nil] = {}
    for n in nils:
        k = n.key()
        prev = by_key.get(k)
        by_key[k] = n if prev is None else prev._replace(conds=prev.conds & n.conds)
    if len(by_key) == len(nils):
        return vals
    return frozenset([v for v in vals if not isinstance(v, Nil)] + list(by_key.values()))


def only_nil(facts: frozenset) -> bool:
    return bool(facts) and all(isinstance(f, Nil) for f in facts)


def _lhs_targets(stmt: Node) -> list[Node]:
    left = stmt.child_by_field_name("left")
    return list(left.named_children) if left is not None else []


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
        for k in keys:
            if k[0] == "ok":
                vals = [s.get(k) for s in states]
                if any(v is None for v in vals):
                    continue
                common = frozenset.intersection(*vals)
                if common:
                    out[k] = common
                continue
            vals = _merge_nils(frozenset().union(*(self.ctx.lookup(s, k) for s in states)))
            if branch_ast is not None and k[-1] not in (MARK, FLAG) and N in vals:
                vals = frozenset(
                    v._replace(branch=branch_ast.start_byte) if isinstance(v, Nil) and v.branch < 0 else v
                    for v in vals)
            if vals == _STORED:
                continue  # the default for flags
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
        self.ctx.current = (src, "after")
        kind = self.cfg.kind(src)
        if "branch" in attrs and kind == "cond":
            cond = self.cfg.ast(src)
            if cond is not None:
                return self.ctx.refine(state, cond, attrs["branch"])
        entry = attrs.get("loop_entry")
        if entry is not None:
            state = self.ctx.first_iteration(entry, state)
        if attrs.get("branch") and kind == "range":
            # The body of `for ... range x` only runs when x is not nil and not empty.
            right = self.cfg.ast(src).child_by_field_name("right")
            if right is not None:
                state = self.ctx.set_nonnil(state, right, True)
                return self.ctx.tag(state, ("len>0", self.ctx.text(_strip(right))), True)
            return state
        case = attrs.get("case")
        if case is not None and case.type == "expression_case":
            switch = case.parent
            if switch is not None and switch.child_by_field_name("value") is None:
                values = case.child_by_field_name("value")
                if values is not None and len(values.named_children) == 1:
                    return self.ctx.refine(state, values.named_children[0], True)
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


class _Context:
    """What the per-function problems share: the file, scopes, types and closure facts."""

    def __init__(self, pass_, top: Node) -> None:
        self.pass_ = pass_
        self.text = pass_.file.text
        self.imports = pass_.imports
        self.scopes: Scopes = pass_.result("scopes", top)
        self.types = TypeResolver.of(pass_.package)
        self.file = pass_.file
        self.results: dict[int, FunctionNilness] = {}
        self.untracked = self._closure_assigned(top)
        self.assigned = self._assigned_decls()
        # Where the analysis is, for lookups against flags pinned by a first pass.
        self.current: tuple[int, str] = (0, "before")
        self.pinned: dict[tuple[int, str], dict] | None = None
        self.tagged = False  # whether any nil carries branch conditions
        self._groups: dict[int, list] = {}
        self._last_nils: list = []
        self.relevant = _relevant_names(top, self.text)

    # ---- set-up --------------------------------------------------------------------

    def _closure_assigned(self, top: Node) -> set[int]:
        """Declarations assigned (or address-taken) inside a closure other than their own:
        the closure may run at any later time, so they are never tracked."""
        out: set[int] = set()
        for decl_id, refs in self.scopes.refs.items():
            for ident in refs:
                fn = self.scopes.use_func.get(ident.id)
                d = self.scopes.uses[ident.id]
                if fn is None or fn.id == d.func.id:
                    continue
                if ident.id in self.scopes.assigned:
                    out.add(decl_id)
                    break
        return out

    def _assigned_decls(self) -> set[int]:
        """Declarations assigned or address-taken anywhere after their declaration."""
        out: set[int] = set()
        for decl_id, refs in self.scopes.refs.items():
            if any(i.id in self.scopes.assigned for i in refs):
                out.add(decl_id)
        return out

    def decl(self, ident: Node) -> Decl | None:
        d = self.scopes.decl_of(ident)
        if d is None or d.kind in ("const", "type") or d.id in self.untracked:
            return None
        return d

    # ---- paths and values -----------------------------------------------------------

    def path(self, expr: Node, depth: int = 0):
        e = _strip(expr)
        t = e.type
        if t in ("identifier", "type_identifier"):
            if self.text(e) not in self.relevant:
                return None
            d = self.decl(e)
            return (d.id,) if d is not None else None
        if depth > 6:
            return None
        if t == "generic_type":  # m[a.b] inside m[a.b][c.d], parsed as a generic type
            base = self.path(e.child_by_field_name("type"), depth + 1) if e.child_by_field_name("type") else None
            args = e.child_by_field_name("type_arguments")
            keys = [k.named_children[0] if k.type == "type_elem" and k.named_children else k
                    for k in (args.named_children if args is not None else [])]
            if base is None or len(keys) != 1 or keys[0].type not in ("qualified_type", "type_identifier"):
                return None
            return base + (("[]", self.text(keys[0])),)
        if t == "selector_expression":
            op = e.child_by_field_name("operand")
            field = e.child_by_field_name("field")
            if op is None or field is None:
                return None
            base = self.path(op, depth + 1)
            return base + (self.text(field),) if base is not None else None
        if t == "index_expression":
            op = e.child_by_field_name("operand")
            idx = e.child_by_field_name("index")
            if op is None or idx is None or not _simple_key(idx):
                return None
            base = self.path(op, depth + 1)
            return base + (("[]", self.text(idx)),) if base is not None else None
        return None

    def lookup(self, state: dict, path) -> frozenset:
        v = state.get(path)
        if v is not None:
            return v
        last = path[-1]
        if last == FLAG:
            return _STORED
        if last == MARK:
            return frozenset()
        if isinstance(last, tuple):  # an entry of a map: nil while nothing was stored
            if self.fresh(state, path[:-1]):
                return frozenset((Nil(LOOKUP, _LOOKUP_NOTE),))
            return _UNKNOWN
        if len(path) > 1:
            marks = state.get(path[:-1] + (MARK,))
            if marks:
                out = set()
                for m in marks:
                    if m.fields is None or last in m.fields:
                        out.add(U)
                    else:
                        out.add(Nil(m.src, f"field {last} is left unset here"))
                return frozenset(out)
        return _UNKNOWN

    def fresh(self, state: dict, map_path) -> bool:
        """Whether nothing can have been stored in the map yet. "Stored" grows as paths
        are added, which would make lookups non-monotone; a second pass therefore also
        asks the flags a first pass converged to."""
        k = map_path + (FLAG,)
        if state.get(k) != _FRESH:
            return False
        if self.pinned is not None:
            pinned = self.pinned.get(self.current)
            return pinned is not None and pinned.get(k) == _FRESH
        return True

    def value(self, expr: Node, state: dict, note: str = "set to nil here") -> frozenset:
        e = _strip(expr)
        t = e.type
        if t == "nil":
            return frozenset((Nil(e.start_byte, note),))
        if t in _NONNIL_TYPES:
            return _NONNIL
        if t == "unary_expression":
            return _NONNIL if _operator(e) == "&" else _UNKNOWN
        if t == "call_expression":
            fn = e.child_by_field_name("function")
            if fn is not None and fn.type == "identifier" and self.text(fn) in ("make", "new") \
                    and self.scopes.decl_of(fn) is None:
                return _NONNIL
            return _UNKNOWN
        if t in ("identifier", "selector_expression", "index_expression", "generic_type"):
            p = self.path(e)
            if p is not None:
                v = self.lookup(state, p)
                if isinstance(p[-1], tuple):
                    v = frozenset(x._replace(src=e.start_byte) if isinstance(x, Nil) and x.src == LOOKUP else x
                                  for x in v)
                return v
            if t == "index_expression":
                op = e.child_by_field_name("operand")
                base = self.path(op) if op is not None else None
                if base is not None and self.fresh(state, base):
                    return frozenset((Nil(e.start_byte, _LOOKUP_NOTE),))
            return _UNKNOWN
        return _UNKNOWN

    # ---- state updates ---------------------------------------------------------------

    @staticmethod
    def kill(state: dict, path, keep_self: bool = False) -> None:
        n = len(path)
        for k in [k for k in state if k[:n] == path and (not keep_self or len(k) > n)]:
            del state[k]
        for k in [k for k in state if k[0] == "ok" and any(p[:n] == path for pair in state[k] for p in pair)]:
            del state[k]

    def kill_keys_using(self, state: dict, name: str) -> None:
        """A map-entry path keyed by `name` no longer names the same entry."""
        word = _word(name)
        for k in [k for k in state if any(isinstance(x, tuple) and word.search(x[1]) for x in k[1:])]:
            del state[k]

    def assign(self, state: dict, target: Node, rhs: Node | None, facts: frozenset) -> None:
        path = self.path(target)
        t = _strip(target)
        if t.type == "identifier":
            self.kill_keys_using(state, self.text(t))
            if self.tagged:
                self.untag(state, self.text(t))
        if path is None:
            return
        self.kill(state, path)
        if facts != _UNKNOWN or self.lookup(state, path) != _UNKNOWN:
            state[path] = facts  # absent means unknown, unless a marker or flag says more
        if rhs is not None:
            self.shape(state, path, rhs)

    def shape(self, state: dict, path, rhs: Node) -> None:
        """Markers and flags for a value made by a literal, `make` or `new`."""
        e = _strip(rhs)
        if e.type == "unary_expression" and _operator(e) == "&":
            e = _strip(e.child_by_field_name("operand") or e)
        if e.type == "composite_literal":
            body = e.child_by_field_name("body")
            elems = body.named_children if body is not None else []
            elems = [x for x in elems if x.type != "comment"]
            keyed = [x for x in elems if x.type == "keyed_element"]
            state[path + (FLAG,)] = _FRESH if not elems else _STORED
            if keyed and len(keyed) == len(elems):
                names = []
                for ke in keyed:
                    key = ke.named_children[0]
                    key = key.named_children[0] if key.type == "literal_element" and key.named_children else key
                    if key.type not in ("identifier", "field_identifier"):
                        names = None
                        break
                    names.append(self.text(key))
                if names is not None:
                    self.zero_struct(state, path, self.literal_type(e), e.start_byte, frozenset(names))
                    for ke, name in zip(keyed, names):
                        val = ke.named_children[-1]
                        val = val.named_children[0] if val.type == "literal_element" and val.named_children else val
                        facts = self.value(val, state, f"field {name} is set to nil here")
                        sub = path + (name,)
                        if facts != _UNKNOWN:
                            state[sub] = facts
                        self.shape(state, sub, val)
            elif not elems:
                self.zero_struct(state, path, self.literal_type(e), e.start_byte, frozenset())
            return
        if e.type == "call_expression":
            fn = e.child_by_field_name("function")
            name = self.text(fn) if fn is not None and fn.type == "identifier" else ""
            if name == "make":
                state[path + (FLAG,)] = _FRESH
            elif name == "new":
                args = e.child_by_field_name("arguments")
                tn = args.named_children[0] if args is not None and args.named_children else None
                if tn is None:
                    return
                if not self.names_type(tn):
                    # Go 1.26 new(expr): a pointer to a copy of expr, whose fields are
                    # whatever expr's are; new(T{...}) is &T{...}.
                    if _strip(tn).type == "composite_literal":
                        self.shape(state, path, tn)
                    return
                u = self.types.underlying(self.types.from_node(tn, self.file))
                self.zero_struct(state, path, u, e.start_byte, frozenset())

    def names_type(self, node: Node) -> bool:
        """Whether `new`'s operand is a type (not a Go 1.26 expression): type syntax
        other than a bare name, or a name declared as a type (in the package, the
        function, or predeclared). `new(x)` of a variable parses as a type name too."""
        if node.type != "type_identifier":
            return node.type in TYPE_KINDS
        name = self.text(node)
        if name in BASIC:
            return True
        d = self.types.package.decls.get(name)
        if d is not None:
            return d.kind == "type"
        return any(x.kind == "type" and x.name == name for x in self.scopes.decls)

    def literal_type(self, lit: Node):
        return self.types.underlying(self.types.from_node(lit.child_by_field_name("type"), self.file))

    def zero(self, state: dict, path, ident: Node, note: str, type_node: Node | None) -> None:
        """`var x T` / a named result: the zero value of T."""
        tp = self.types.from_node(type_node, self.file) if type_node is not None else None
        u = self.types.underlying(tp) if tp is not None else None
        if u is not None and u.kind in ("basic", "array"):
            return
        if u is None or u.kind != "struct":
            state[path] = frozenset((Nil(ident.start_byte, note),))
            state[path + (FLAG,)] = _FRESH
        if u is None or u.kind in ("struct", "unknown"):
            self.zero_struct(state, path, u, ident.start_byte, frozenset())

    def zero_struct(self, state: dict, path, u, src: int, set_fields: frozenset | None, depth: int = 0) -> None:
        """A struct value whose fields other than `set_fields` are zero; struct-typed
        fields among those are zero structs in turn."""
        state[path + (MARK,)] = frozenset((Lit(src, set_fields),))
        if u is None or u.kind != "struct" or depth > 3:
            return
        for fname, ftype, _ in u.fields:
            if set_fields is not None and fname in set_fields:
                continue
            fu = self.types.underlying(ftype)
            if fu.kind == "struct":
                self.zero_struct(state, path + (fname,), fu, src, frozenset(), depth + 1)

    # ---- statements ----------------------------------------------------------------

    def statement(self, s: Node, state: dict) -> dict:
        state = dict(state)
        self.escapes(s, state)
        t = s.type
        if t in ("assignment_statement", "inc_statement", "dec_statement", "expression_statement",
                 "short_var_declaration", "return_statement", "send_statement", "var_declaration"):
            self.survived(s, state)
        if t in ("assignment_statement", "short_var_declaration"):
            targets = _lhs_targets(s)
            right = s.child_by_field_name("right")
            values = right.named_children if right is not None else []
            op = _operator(s) if t == "assignment_statement" else ":="
            if op not in ("=", ":="):
                for tg in targets:
                    if _strip(tg).type == "identifier":
                        self.assign(state, tg, None, _UNKNOWN)
                return state
            if len(values) == len(targets):
                facts = [self.value(v, state) for v in values]
                for tg, v, f in zip(targets, values, facts):
                    self.assign(state, tg, v, f)
                    self.store(state, tg, f)
            elif len(targets) == 2 and len(values) == 1 and _strip(values[0]).type == "index_expression":
                f = self.value(values[0], state)
                self.assign(state, targets[0], values[0], f)
                self.assign(state, targets[1], None, _UNKNOWN)
                ok = _strip(targets[1])
                okd = self.decl(ok) if ok.type == "identifier" else None
                vp = self.path(targets[0])
                lp = self.path(values[0])
                if okd is not None:
                    pairs = frozenset(p for p in ((vp,), (lp,)) if p[0] is not None)
                    if pairs:
                        state[("ok", okd.id)] = pairs
            else:
                for tg in targets:
                    self.assign(state, tg, None, _UNKNOWN)
            return state
        if t == "var_declaration":
            for spec in specs(s):
                names = spec.children_by_field_name("name")
                value = spec.child_by_field_name("value")
                tnode = spec.child_by_field_name("type")
                vals = value.named_children if value is not None else []
                for i, ident in enumerate(names):
                    d = self.decl(ident)
                    if d is None:
                        continue
                    if value is None:
                        self.kill(state, (d.id,))
                        self.zero(state, (d.id,), ident, "declared nil here", tnode)
                    elif len(vals) == len(names):
                        self.assign(state, ident, vals[i], self.value(vals[i], state, "declared nil here"))
                    else:
                        self.assign(state, ident, None, _UNKNOWN)
            return state
        if t in ("inc_statement", "dec_statement"):
            tg = s.named_children[0] if s.named_children else None
            if tg is not None and _strip(tg).type == "identifier":
                self.assign(state, tg, None, _UNKNOWN)
            return state
        if t == "receive_statement":
            left = s.child_by_field_name("left")
            for tg in (left.named_children if left is not None else []):
                self.assign(state, tg, None, _UNKNOWN)
            return state
        return state

    def effects(self, expr: Node | None, state: dict) -> dict:
        """What evaluating an expression (a condition, a switch tag) can do to values:
        calls and `&x` in it, and the dereferences and writes it survives."""
        if expr is None:
            return state
        state = dict(state)
        self.escapes(expr, state)
        self.survived(expr, state)
        return state

    def survived(self, s: Node, state: dict) -> None:
        """Past a statement that dereferences p or writes m[k], p and m are not nil: had
        they been, it would have panicked. Later uses are not reported again."""
        done = []
        for e in _sinks_in(s):
            target = write_target(e)
            p = self.path(target) if target is not None else None
            if p is not None:
                done.append(p)
        for p in done:
            state[p] = _NONNIL

    def store(self, state: dict, target: Node, facts: frozenset) -> None:
        """`outer[k] = v`: something may now be stored in outer."""
        e = _strip(target)
        if e.type != "index_expression":
            return
        op = e.child_by_field_name("operand")
        base = self.path(op) if op is not None else None
        if base is not None:
            state[base + (FLAG,)] = _STORED

    def range_clause(self, clause: Node, state: dict) -> dict:
        state = dict(state)
        left = clause.child_by_field_name("left")
        for tg in (left.named_children if left is not None else []):
            self.assign(state, tg, None, _UNKNOWN)
        return state

    def escapes(self, s: Node, state: dict) -> None:
        """Uses that let a value be changed behind the analysis' back: `&x`, method
        calls, passing a struct (or pointer) along, closures that assign."""
        stack = [s]
        while stack:
            n = stack.pop()
            t = n.type
            if t == "func_literal":
                continue
            if t == "unary_expression" and _operator(n) == "&":
                op = n.child_by_field_name("operand")
                p = self.path(op) if op is not None else None
                if p is not None:
                    self.kill(state, p)
                    if isinstance(p[-1], tuple):  # &m[k]: do not trust m's entries either
                        self.kill(state, p[:-1] + (FLAG,))
                    continue
            if t == "call_expression":
                fn = n.child_by_field_name("function")
                args = n.child_by_field_name("arguments")
                if fn is not None and fn.type == "selector_expression":
                    recv = fn.child_by_field_name("operand")
                    p = self.path(recv) if recv is not None else None
                    if p is not None:
                        self.kill(state, p)
                is_reader = fn is not None and fn.type == "identifier" and self.text(fn) in _READERS
                if args is not None:
                    for a in args.named_children:
                        p = self.path(a)
                        if p is None:
                            continue
                        if is_reader:
                            continue
                        # A callee cannot re-point a map or pointer passed by value, but it
                        # can store into the map and change fields behind a pointer.
                        self.kill(state, p, keep_self=True)
                        state[p + (FLAG,)] = _STORED
            right = n.child_by_field_name("right") if t in ("assignment_statement", "short_var_declaration") else None
            if right is not None:  # (asked of the statement: node.parent costs time proportional to depth)
                for v in right.named_children:
                    p = self.path(v)
                    if p is not None:  # aliasing: another name now reaches the same fields
                        self.kill(state, p, keep_self=True)
                        state[p + (FLAG,)] = _STORED
            if t == "return_statement" or t == "send_statement" or t == "keyed_element" or t == "literal_element":
                for v in n.named_children:
                    p = self.path(v)
                    if p is not None:
                        self.kill(state, p, keep_self=True)
            stack.extend(n.named_children)

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
                    for g in self.lazy_group(e):
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

    def first_iteration(self, loop: Node, state: dict) -> dict:
        """Entering `for i := K; ...` from before it: nil paths here are in the first
        iteration, where i is K until reassigned (so `if i == 0 { m = make(...) }` in
        the body is known to run)."""
        clause = next((c for c in loop.named_children if c.type == "for_clause"), None)
        init = clause.child_by_field_name("initializer") if clause is not None else None
        if init is None or init.type != "short_var_declaration":
            return state
        left, right = init.child_by_field_name("left"), init.child_by_field_name("right")
        if left is None or right is None or len(left.named_children) != 1 or len(right.named_children) != 1:
            return state
        value = _int_value(right.named_children[0], self.text)
        if value is None:
            return state
        return self.tag(state, ("iter0", self.text(left.named_children[0]), value), True)

    def tag(self, state: dict, atom: tuple, truth: bool, cond: Node | None = None) -> dict:
        """Record that nil paths through here took `atom` the `truth` way, and drop the
        nil paths that took it the other way (they cannot reach here)."""
        if len(atom[1]) > 120:
            return state
        other = (atom, not truth)
        mine = (atom, truth)
        out = None
        for k, vals in state.items():
            if not any(isinstance(v, Nil) for v in vals):
                continue
            new = []
            for v in vals:
                if isinstance(v, Nil):
                    if other in v.conds or (cond is not None and self._contradicts(v, cond, truth)):
                        continue
                    if mine not in v.conds and len(v.conds) < 8:
                        v = v._replace(conds=v.conds | {mine})
                new.append(v)
            nv = frozenset(new) or _UNKNOWN
            if nv != vals:
                if out is None:
                    out = dict(state)
                out[k] = nv
        if out is None:
            return state
        self.tagged = True
        return out

    def _contradicts(self, nil: Nil, cond: Node, truth: bool) -> bool:
        """Whether `cond` cannot be `truth` on this nil path, given the loop counters it
        knows the first-iteration value of."""
        env = {c[0][1]: c[0][2] for c in nil.conds if c[0][0] == "iter0"}
        if not env:
            return False
        got = _evaluate(cond, env, self.text)
        return got is not None and bool(got) != truth

    def untag(self, state: dict, name: str) -> None:
        """`name` was reassigned: conditions that mention it no longer hold."""
        word = _word(name)
        for k, vals in list(state.items()):
            if any(isinstance(v, Nil) and v.conds for v in vals):
                state[k] = _merge_nils(frozenset(
                    v._replace(conds=frozenset(c for c in v.conds if not word.search(c[0][1])))
                    if isinstance(v, Nil) else v for v in vals))

    def correlated(self, state: dict, path) -> dict:
        """`x != nil` holds: the nil paths of x are ruled out, and so are nil paths of
        other values that took exactly the same branch conditions (`var a, b` both set
        under one `if`, then only `a` tested)."""
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
            if k == path or not any(isinstance(v, Nil) for v in vals):
                continue
            keep = frozenset(v for v in vals if not (isinstance(v, Nil) and any(c <= v.conds for c in ruled_out)))
            if keep != vals:
                out[k] = keep or _UNKNOWN
        return out

    def lazy_group(self, cond: Node) -> list[Node]:
        """For `if x == nil { x = make(...); y = make(...) }`: the values initialised
        together with x. Past the check, x not nil means they were initialised too."""
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
            cur = self.lookup(state, p) - _NONNIL
            if isinstance(p[-1], tuple):
                cur = frozenset(v._replace(src=_strip(x).start_byte) if isinstance(v, Nil) and v.src == LOOKUP else v
                                for v in cur)
            state[p] = cur or _UNKNOWN
        return state

    # ---- functions -------------------------------------------------------------------

    def analyse(self, fn: Node, entry: dict) -> None:
        problem = _Analysis(self, fn, entry)
        saved = self.pinned
        self.pinned = None
        sol = solve(problem.cfg, problem)
        result, literals = self._sinks(problem, sol)
        if any(isinstance(v, Nil) and v.note == _LOOKUP_NOTE for s in result.sinks.values() for v in s.facts):
            # A lookup was judged on a flag that may have grown later: pin the converged
            # flags and solve again, so lookups only see stores that can really precede them.
            self.pinned = {}
            for node, st in sol.before.items():
                self.pinned[(node, "before")] = {k: v for k, v in st.items() if k[-1] == FLAG}
            for node, st in sol.after.items():
                self.pinned[(node, "after")] = {k: v for k, v in st.items() if k[-1] == FLAG}
            sol = solve(problem.cfg, problem)
            result, literals = self._sinks(problem, sol)
        self.results[fn.id] = result
        pinned, self.pinned = self.pinned, saved
        for lit, state, immediate in literals:
            self.analyse(lit, self.closure_entry(lit, state, immediate))
        del pinned

    def _sinks(self, problem: _Analysis, sol):
        result = FunctionNilness(problem.fn)
        literals: list[tuple[Node, dict, bool]] = []
        for node, state in sol.before.items():
            self.current = (node, "before")
            for expr in problem.exprs_of(node):
                self.collect(expr, state, result, literals)
        return result, literals

    def entry_state(self, fn: Node) -> dict:
        state: dict = {}
        res = fn.child_by_field_name("result")
        if res is not None and res.type == "parameter_list":
            for p in res.named_children:
                tnode = p.child_by_field_name("type")
                for ident in p.children_by_field_name("name"):
                    d = self.decl_for_ident(ident)
                    if d is not None:
                        self.zero(state, (d.id,), ident, "named result starts nil", tnode)
        return state

    def decl_for_ident(self, ident: Node) -> Decl | None:
        return self.decl(ident)

    def closure_entry(self, lit: Node, outer: dict, immediate: bool) -> dict:
        state = self.entry_state(lit)
        for k, v in outer.items():
            root = k[0] if k[0] != "ok" else None
            if root is None:
                continue
            if immediate or root not in self.assigned:
                state[k] = v
        return state

    def collect(self, expr: Node, state: dict, result: FunctionNilness, literals: list) -> None:
        """Record the sinks in one statement / expression under the state before it:
        the first deref / write of each value in it (a second one cannot be reached
        with a nil value)."""
        seen: set[tuple[str, str]] = set()
        found = []
        # The right operand of && and || only runs when the left one allowed it.
        stack = [(expr, state)]
        while stack:
            n, st = stack.pop()
            if n.type == "binary_expression" and _operator(n) in ("&&", "||"):
                left, right = n.child_by_field_name("left"), n.child_by_field_name("right")
                if left is not None and right is not None:
                    stack.append((left, st))
                    stack.append((right, self.refine(st, left, _operator(n) == "&&")))
                    continue
            if n.type == "func_literal" or n.named_child_count == 0:
                for e in _sinks_in(n, literals, st):
                    found.append((e, st))
                continue
            if n.type in ("assignment_statement", "inc_statement", "dec_statement", "unary_expression"):
                for e in _sinks_in(n, literals, st, shallow=True):
                    found.append((e, st))
            stack.extend((c, st) for c in n.named_children)
        for e, st in sorted(found, key=lambda x: x[0].start_byte):
            op = write_target(e)
            if op is None:
                continue
            kind = "deref" if e.type == "unary_expression" else "write"
            key = (kind, self.text(op))
            if key in seen:
                continue
            seen.add(key)
            result.sinks[e.id] = Sink(kind, e, op, self.value(op, st))


def write_target(e: Node) -> Node | None:
    """The written map of a write sink / the pointer of a deref sink."""
    if e.type == "type_instantiation_expression":
        return e.child_by_field_name("type")  # m[a.b][c.d], parsed as a generic type
    return e.child_by_field_name("operand")


_WRITTEN = ("index_expression", "type_instantiation_expression")


def _sinks_in(expr: Node, literals: list | None = None, state: dict | None = None,
              shallow: bool = False) -> list[Node]:
    """The `*p` expressions and written `m[k]` index expressions in a statement, not
    looking into function literals (collected into `literals` with the state).
    `shallow`: only expr itself."""
    out = []
    stack = [expr]
    while stack:
        n = stack.pop()
        t = n.type
        if t == "func_literal":
            if literals is not None:
                parent = n.parent
                immediate = (parent is not None and parent.type == "call_expression"
                             and parent.child_by_field_name("function") == n
                             and (parent.parent is None or parent.parent.type != "defer_statement"))
                literals.append((n, state, immediate))
            continue
        if t == "assignment_statement":
            out.extend(e for e in map(_strip, _lhs_targets(n)) if e.type in _WRITTEN)
        elif t in ("inc_statement", "dec_statement"):
            if n.named_children and _strip(n.named_children[0]).type in _WRITTEN:
                out.append(_strip(n.named_children[0]))
        elif t == "unary_expression" and _operator(n) == "*":
            out.append(n)
        if not shallow:
            stack.extend(n.named_children)
    return out


def _len_test(op: str, literal: str, truth: bool) -> bool | None:
    """For `len(x) op literal` taken the `truth` way: True when x is then non-empty,
    False when empty, None when it says neither."""
    try:
        val = int(literal, 0)
    except ValueError:
        return None
    if op == ">":
        holds_nonempty = val >= 0
        return True if truth and holds_nonempty else (False if not truth and val == 0 else None)
    if op == ">=":
        return True if truth and val >= 1 else (False if not truth and val == 1 else None)
    if op == "!=":
        return (True if truth else False) if val == 0 else None
    if op == "==":
        if val == 0:
            return not truth
        return True if truth else None
    return None


_RELEVANT_QUERY = """
(assignment_statement left: (expression_list (index_expression operand: (_) @root)))
(inc_statement (index_expression operand: (_) @root))
(dec_statement (index_expression operand: (_) @root))
(assignment_statement left: (expression_list (type_instantiation_expression type: (_) @root)))
(inc_statement (type_instantiation_expression type: (_) @root))
(dec_statement (type_instantiation_expression type: (_) @root))
(unary_expression operator: "*" operand: (_) @root)
(binary_expression left: (_) @root right: (nil))
(binary_expression left: (nil) right: (_) @root)
(short_var_declaration left: (expression_list (_) @lhs) right: (expression_list (_) @rhs))
(assignment_statement left: (expression_list (_) @lhs) right: (expression_list (_) @rhs))
(var_spec name: (identifier) @lhs value: (expression_list (_) @rhs))
"""


def _relevant_names(fn: Node, text) -> frozenset[str]:
    """Variables whose nil-ness can matter in fn: roots of writes, dereferences and nil
    comparisons, and what flows into them. Tracking only these keeps states small."""
    roots: set[str] = set()
    flows: dict[str, set[str]] = {}
    for _, caps in matches(_RELEVANT_QUERY, fn):
        for n in caps.get("root", ()):
            r = _root(n, text)
            if r is not None:
                roots.add(r)
        lhs, rhs = caps.get("lhs", ()), caps.get("rhs", ())
        for left in lhs:
            a = _root(left, text)
            if a is None:
                continue
            for right in rhs:
                b = _root(right, text)
                if b is not None:
                    flows.setdefault(a, set()).add(b)
    work = list(roots)
    while work:
        for b in flows.get(work.pop(), ()):
            if b not in roots:
                roots.add(b)
                work.append(b)
    return frozenset(roots)


@lru_cache(maxsize=4096)
def _word(name: str):
    return re.compile(rf"\b{re.escape(name)}\b")


def _int_value(node: Node, text) -> int | None:
    node = _strip(node)
    if node.type != "int_literal":
        return None
    try:
        return int(text(node).replace("_", ""), 0)
    except ValueError:
        return None


def _evaluate(e: Node, env: dict, text, depth: int = 0):
    """A small evaluator for integer conditions over known variables; None when unsure."""
    e = _strip(e)
    if depth > 20:
        return None
    t = e.type
    if t == "int_literal":
        return _int_value(e, text)
    if t == "identifier":
        return env.get(text(e))
    if t == "unary_expression" and _operator(e) == "!":
        v = _evaluate(e.child_by_field_name("operand"), env, text, depth + 1)
        return None if v is None else (not v)
    if t != "binary_expression":
        return None
    op = _operator(e)
    a = _evaluate(e.child_by_field_name("left"), env, text, depth + 1)
    if op == "%" and a == 0:
        return 0  # 0 % n is 0 for every n it does not panic on
    if op in ("&&", "||"):
        b = _evaluate(e.child_by_field_name("right"), env, text, depth + 1)
        if op == "&&":
            return False if a is False or b is False else (True if a and b else None)
        return True if a is True or b is True else (False if a is False and b is False else None)
    b = _evaluate(e.child_by_field_name("right"), env, text, depth + 1)
    if a is None or b is None:
        return None
    try:
        return {"==": lambda: a == b, "!=": lambda: a != b, "<": lambda: a < b, ">": lambda: a > b,
                "<=": lambda: a <= b, ">=": lambda: a >= b, "+": lambda: a + b, "-": lambda: a - b,
                "*": lambda: a * b, "%": lambda: a % b, "/": lambda: a // b}[op]()
    except (KeyError, ZeroDivisionError, TypeError):
        return None


def _nonzero_test(op: str, lit: Node, text) -> bool:
    """Whether `v op lit` can only hold for a non-zero v (so for a present map entry)."""
    t = lit.type
    zero = {"int_literal": "0", "interpreted_string_literal": '""', "raw_string_literal": "``",
            "float_literal": "0.0"}
    if t == "false" or t == "nil":
        return op == "!="
    if t == "true":
        return op == "=="
    if t not in zero and t != "float_literal":
        return False
    is_zero = text(lit) in (zero.get(t), "0", "0.0")
    if op == "!=":
        return is_zero
    if op == "==":
        return not is_zero
    if op == ">":
        return t in ("int_literal", "float_literal") and not text(lit).startswith("-")
    if op == ">=":
        return t in ("int_literal", "float_literal") and not is_zero and not text(lit).startswith("-")
    return False


def _simple_key(idx: Node) -> bool:
    t = idx.type
    return t in ("identifier", "interpreted_string_literal", "raw_string_literal", "int_literal",
                 "rune_literal", "selector_expression", "true", "false") and idx.end_byte - idx.start_byte < 80


def _union(ctx: _Context, a: dict, b: dict) -> dict:
    out = {}
    for k in set(a) | set(b):
        if k[0] == "ok":
            if k in a and k in b:
                common = a[k] & b[k]
                if common:
                    out[k] = common
            continue
        out[k] = _merge_nils(ctx.lookup(a, k) | ctx.lookup(b, k))
    return out


@analysis("nilness")
def nilness_analysis(pass_, fn: Node) -> FunctionNilness | None:
    """Sinks and their facts for fn (a function, method or literal)."""
    top = top_function(fn)
    if top.id != fn.id:
        return pass_.result("nilness", top)._ctx.results.get(fn.id)
    ctx = _Context(pass_, top)
    ctx.analyse(top, ctx.entry_state(top))
    res = ctx.results[top.id]
    res._ctx = ctx
    return res


# The query's predicate reads the tree's text, where normalised newer syntax spells
# `new` / `make` differently (goguard.frontend.normalise).
_BUILTINS = " ".join(f'"{n}"' for n in ("new", "make", *RESPELLED.values()))
_CANDIDATES_QUERY = file_query("nil-candidates", """
(var_spec name: (identifier) @name !value)
(var_spec name: (identifier) @name
  value: (expression_list [(composite_literal) (unary_expression operator: "&") (index_expression) (identifier)
                           (call_expression function: (identifier) @fn (#any-of? @fn @BUILTINS@))] @value))
(function_declaration result: (parameter_list (parameter_declaration name: (identifier) @name)))
(method_declaration result: (parameter_list (parameter_declaration name: (identifier) @name)))
(func_literal result: (parameter_list (parameter_declaration name: (identifier) @name)))
(short_var_declaration
  left: (expression_list (identifier) @name)
  right: (expression_list [(composite_literal) (unary_expression operator: "&") (index_expression) (identifier)
                           (call_expression function: (identifier) @fn (#any-of? @fn @BUILTINS@))] @value))
(assignment_statement
  left: (expression_list (_) @name)
  right: (expression_list [(nil) (composite_literal) (unary_expression operator: "&") (index_expression) (identifier)
                           (call_expression function: (identifier) @fn (#any-of? @fn @BUILTINS@))] @value))
""".replace("@BUILTINS@", _BUILTINS))

# What a nil source can make nil: the value itself ("any": a zero `var`, a named
# result, nil, a lookup), or only its fields and entries ("deep": a literal, `new`,
# `make`, `&T{}` leave fields unset and maps empty).
_ANY, _DEEP = "any", "deep"


class Candidates:
    """Per name, where in the file a nil source for it stands, and of what kind."""

    def __init__(self) -> None:
        self.sources: dict[str, list[tuple[int, str]]] = {}
        self.aliases: dict[str, list[tuple[int, str]]] = {}  # name -> (offset, source name)

    def may_be_nil(self, name: str, lo: int, hi: int, deep: bool, depth: int = 0) -> bool:
        """Whether `name` has a nil source between byte offsets lo and hi."""
        for off, kind in self.sources.get(name, ()):
            if lo <= off < hi and (deep or kind == _ANY):
                return True
        if depth < 3:
            for off, src in self.aliases.get(name, ()):
                if lo <= off < hi and self.may_be_nil(src, lo, hi, deep, depth + 1):
                    return True
        return False


@analysis("nil-candidates")
def nil_candidates(pass_, _fn=None) -> Candidates:
    """Where the file's variables may get a nil source (or a struct with unset fields,
    or a fresh map): a query-driven filter, so that the dataflow only runs for writes
    and dereferences whose root could be nil in their own function at all."""
    text = pass_.file.text
    out = Candidates()
    found = pass_.file_matches.get("nil-candidates")
    if found is None:
        found = matches(_CANDIDATES_QUERY, pass_.file.root)
    for _, caps in found:
        values = caps.get("value", [])
        for name in caps.get("name", ()):
            root = _root(name, text)
            if root is None:
                continue
            if not values:
                out.sources.setdefault(root, []).append((name.start_byte, _ANY))
                continue
            for v in values:
                t = v.type
                if t == "identifier":
                    out.aliases.setdefault(root, []).append((v.start_byte, text(v)))
                elif t in ("nil", "index_expression"):
                    out.sources.setdefault(root, []).append((v.start_byte, _ANY))
                else:  # a literal, &T{...}, new or make
                    out.sources.setdefault(root, []).append((v.start_byte, _DEEP))
    return out


def _root_node(node: Node) -> tuple[Node | None, bool]:
    """The variable at the root of `a.b[c].d` (through parentheses, unary operators and
    the generic-type reading of `m[a.b][c.d]`), and whether a field or an entry lies
    between it and node ("deep": literals and `new` can leave those nil)."""
    n: Node | None = node
    deep = False
    while n is not None:
        t = n.type
        if t in ("identifier", "type_identifier"):
            return n, deep
        if t in ("selector_expression", "index_expression"):
            deep = True
            n = n.child_by_field_name("operand")
        elif t in ("generic_type", "type_instantiation_expression"):
            deep = True
            n = n.child_by_field_name("type")
        elif t == "parenthesized_expression":
            n = n.named_children[0] if n.named_children else None
        elif t == "unary_expression":
            n = n.child_by_field_name("operand")
        else:
            return None, deep
    return None, deep


def _root(node: Node, text) -> str | None:
    root, _ = _root_node(node)
    return text(root) if root is not None else None


def may_be_nil_root(pass_, expr: Node, fn: Node) -> bool:
    """Whether the variable at the root of expr has a nil source, of a kind that can
    reach expr, anywhere in fn's outermost function (closures capture)."""
    root, deep = _root_node(expr)
    if root is None:
        return False
    top = top_function(fn)
    return pass_.result("nil-candidates").may_be_nil(pass_.file.text(root), top.start_byte, top.end_byte, deep)


def may_be_nil(pass_, fn: Node, expr: Node) -> bool:
    """Whether the variable at the root of expr (a written map or a dereferenced
    pointer) has any nil source in its function: a zero `var`, a named result, an
    assignment of nil, a lookup, or, for fields and nested maps, a literal or `new`.
    A check on the scope model before the dataflow runs; callers first ask the
    cheaper may_be_nil_root, which needs no scopes."""
    e, deep = _root_node(expr)
    if e is None:
        return False
    scopes = pass_.result("scopes", fn)
    return _decl_may_be_nil(scopes, scopes.decl_of(e), deep, pass_.file.text, 0)


def _decl_may_be_nil(scopes: Scopes, d: Decl | None, deep: bool, text, depth: int) -> bool:
    if d is None or depth > 4:
        return False
    if d.kind == "result" or (d.origin == "var" and d.value is None):
        return True
    values = [d.value] if d.value is not None and d.origin in ("var", "define") else []
    for ident in scopes.refs.get(d.id, ()):
        rhs = _assigned_value(ident)
        if rhs is not None:
            values.append(rhs)
    for v in values:
        v = _strip(v)
        t = v.type
        if t in ("nil", "index_expression"):
            return True
        if t in ("composite_literal", "unary_expression") and deep:
            return True
        if t == "call_expression" and deep:
            fn = v.child_by_field_name("function")
            if fn is not None and text(fn) in ("new", "make"):
                return True
        if t == "identifier" and _decl_may_be_nil(scopes, scopes.decl_of(v), deep, text, depth + 1):
            return True
    return False


def _assigned_value(ident: Node) -> Node | None:
    """The value assigned to the variable when this use of it is an assignment target."""
    p = ident.parent
    if p is None or p.type != "expression_list":
        return None
    stmt = p.parent
    if stmt is None or stmt.type not in ("assignment_statement", "short_var_declaration") or \
            stmt.child_by_field_name("left") != p:
        return None
    right = stmt.child_by_field_name("right")
    if right is None:
        return None
    lefts = [c.id for c in p.named_children]
    values = right.named_children
    if len(values) != len(lefts):
        return values[0] if len(values) == 1 and _strip(values[0]).type == "index_expression" else None
    return values[lefts.index(ident.id)]
