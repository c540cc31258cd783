"""Transfer: what statements and expressions do to the tracked values."""

from __future__ import annotations

from tree_sitter import Node

from goguard.analyses.nilness.domain import (
    _ESCAPED,
    _FILLED,
    _FRESH,
    _NONNIL,
    _READERS,
    _STORED,
    _UNKNOWN,
    DECODED,
    ESC,
    FLAG,
    MARK,
    RESULT_NOTE,
    Lit,
    Nil,
    U,
    _word,
)
from goguard.analyses.nilness.candidates import assigned_value
from goguard.analyses.nilness.sinks import _lhs_targets, _sinks_in, write_target
from goguard.analyses.calls import callee, imported_callee
from goguard.models import decoders, kubernetes
from goguard.frontend.gotypes import BASIC, UNKNOWN
from goguard.frontend.syntax import TYPE_KINDS, specs
from goguard.frontend.syntax import operator as _operator
from goguard.frontend.syntax import strip_parens as _strip


class Transfer:
    """State updates and statements, mixed into the analysis context."""

    # ---- state updates ---------------------------------------------------------------

    @staticmethod
    def kill(state: dict, path, keep_self: bool = False) -> None:
        n = len(path)
        for k in [k for k in state if k[:n] == path and (not keep_self or len(k) > n)]:
            del state[k]
        for k in [k for k in state if k[0] == "ok" and any(p[:n] == path for pair in state[k] for p in pair)]:
            # `keep_self`: the value itself stays what it was (a map handed to a call
            # is not re-pointed), so a comma-ok proof that it is not nil still holds.
            kept = frozenset(pair for pair in state[k] if keep_self and pair[0] == path) if keep_self else None
            if kept:
                state[k] = kept
            else:
                del state[k]

    @staticmethod
    def kill_for_method(state: dict, path, sets: frozenset) -> None:
        """A method that may set only `sets` of the fields of the value at path: those
        are unknown, and so is everything deeper (it may change what fields point to,
        and store into any map it reaches); the fields it does not set keep their value."""
        n = len(path)
        for k in [k for k in state if k[:n] == path and len(k) > n]:
            if k[-1] == FLAG:
                state[k] = _STORED
            elif len(k) > n + 1 or k[n] in sets:
                del state[k]
        for f in sets:
            state[path + (f,)] = _UNKNOWN
        for k in [k for k in state if k[0] == "ok" and any(p[:n] == path for pair in state[k] for p in pair)]:
            del state[k]

    @staticmethod
    def kill_promoted(state: dict, path) -> None:
        """`x.f = v` may set `x.E.f` (f promoted through an embedded E), and `x.E.f = v`
        sets `x.f`: other paths of the same root ending in the same field are unknown."""
        root, last = path[0], path[-1]
        for k in [k for k in state if len(k) > 1 and k[0] == root and k[-1] == last and k != path]:
            del state[k]

    @staticmethod
    def promoted_aliases(state: dict, path) -> list:
        """For `x.f` where f is promoted from an embedded E of x's struct: `x.E.f`."""
        out = []
        for m in state.get(path[:-1] + (MARK,), ()):
            if m.direct is not None and path[-1] not in m.direct:
                out.extend(path[:-1] + (e, path[-1]) for e in m.embedded)
        return out

    def kill_keys_using(self, state: dict, name: str) -> None:
        """A map-entry path keyed by `name` no longer names the same entry."""
        # Most states hold no keyed path at all: no regex is compiled or run for them,
        # and a key that does not even hold the name as a substring is skipped first.
        keyed = [k for k in state if any(isinstance(x, tuple) and name in x[1] for x in k[1:])]
        if not keyed:
            return
        word = _word(name)
        for k in [k for k in keyed if any(isinstance(x, tuple) and word.search(x[1]) for x in k[1:])]:
            del state[k]

    def assign(self, state: dict, target: Node, rhs: Node | None, facts: frozenset,
               keep_iter0: bool = False) -> None:
        t = _strip(target)
        if t.type == "unary_expression" and _operator(t) == "*":
            # `*p = v` copies a whole value: every field behind p is now v's (unknown).
            p = self.path(t.child_by_field_name("operand") or t)
            if p is not None:
                self.kill(state, p, keep_self=True)
                state[p + (FLAG,)] = _STORED
            return
        path = self.path(target)
        if t.type == "identifier":
            self.kill_keys_using(state, self.text(t))
            if self.tagged:
                self.untag(state, self.text(t), keep_iter0)
        if path is None:
            return
        self.assign_path(state, path, facts)
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
                    values = []
                    for ke in keyed:
                        val = ke.named_children[-1]
                        values.append(val.named_children[0] if val.type == "literal_element" and val.named_children
                                      else val)
                    embedded = tuple(n for n, v in zip(names, values) if self.literal_type_name(v) == n)
                    self.zero_struct(state, path, self.literal_type(e), e.start_byte, frozenset(names),
                                     looks_embedded=embedded, named=self.literal_named(e))
                    for val, name in zip(values, names):
                        facts = self.value(val, state, f"field {name} is set to nil here")
                        sub = path + (name,)
                        if facts != _UNKNOWN:
                            state[sub] = facts
                        self.shape(state, sub, val)
            elif not elems:
                self.zero_struct(state, path, self.literal_type(e), e.start_byte, frozenset(),
                                 named=self.literal_named(e))
            return
        if e.type == "call_expression":
            fn = e.child_by_field_name("function")
            name = self.text(fn) if fn is not None and fn.type == "identifier" else ""
            if name == "make":
                state[path + (FLAG,)] = _FRESH
            elif name != "new":
                self.constructed(state, path, e)
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

    def constructed(self, state: dict, path, call: Node) -> None:
        """`c := NewT()` of a package constructor whose every non-nil return leaves some
        fields nil (goguard.facts.creation): c's value has those fields nil."""
        if self.constructors is None:
            return
        fn = call.child_by_field_name("function")
        name = fn.child_by_field_name("field") if fn is not None and fn.type == "selector_expression" else fn
        if name is None or name.type not in ("identifier", "field_identifier") or \
                self.text(name).encode() not in self.constructors.names:
            return
        target = callee(self.pass_, call, self.scopes, self.pass_.result("exprtypes", self.top))
        got = self.pass_.fact("constructed-summary")(self.pass_, *target) if target is not None else None
        if got is not None:
            origin = f"{self.text(name)} ({got.path}:{got.line})"
            state[path + (MARK,)] = frozenset((Lit(call.start_byte, frozenset(), direct=got.fields, origin=origin),))

    def input_sets(self, call: Node, index: int, operand: Node | None = None) -> frozenset | None:
        """The fields of what a call hands to its input `index` (-1: the receiver
        `operand`) that the callee may set: a package function's or method's may-set
        summary (goguard.facts.creation.may_set), for a method of a Kubernetes API
        object the model (goguard.models.kubernetes); None: any of them."""
        exprtypes = self.pass_.result("exprtypes", self.top)
        target = callee(self.pass_, call, self.scopes, exprtypes)
        if target is not None:
            if index == -1 and target[0].type != "method_declaration":
                return None
            return self.pass_.fact("may-set-summary")(self.pass_, *target, index)
        if index == -1 and operand is not None and self.k8s and self.api_typed(exprtypes.of(operand)):
            fn = call.child_by_field_name("function")
            return kubernetes.method_sets(self.text(fn.child_by_field_name("field")))
        if index >= 0:
            other = imported_callee(self.pass_, call, self.scopes)  # `pkg.F(x)` of the module
            if other is not None:
                decl, file, package = other
                return self.pass_.fact("foreign-may-set-summary")(package, decl, file, index)
        return None

    def api_typed(self, t) -> bool:
        """Whether t is (a pointer to) a type of a Kubernetes API package."""
        while t.kind == "pointer" and t.elem is not None:
            t = t.elem
        return t.kind == "named" and kubernetes.is_api_package(t.name.rpartition(".")[0])

    def escape(self, state: dict, path, kind: frozenset = _ESCAPED) -> None:
        """What path holds was handed to code that may set anything in it: facts about
        its origin no longer hold under it (goguard.analyses.nilness.domain.ESC)."""
        state[path + (ESC,)] = kind

    def escape_kind(self, state: dict, path, call: bool) -> frozenset:
        """How a value handed on escapes (asked before its facts are dropped): a
        Kubernetes object the function made without labels or annotations and hands to
        a call it cannot read is being filled (a client, a decoder, a file reader), and
        what its source lacks stays nil (FILLED); anything else is unknown (ESCAPED)."""
        if call and self.k8s and state.get(path + (MARK,)) and all(
                _only_nil(self.lookup(state, path + (f,))) for f in kubernetes.NIL_FIELDS):
            return _FILLED
        return _ESCAPED

    def hand_on(self, state: dict, call: Node, done: set) -> None:
        """A call: what it may do to its receiver and arguments. Arguments it handles
        (`&x` included) are added to `done`, so they are not escapes as well."""
        fn = call.child_by_field_name("function")
        args = call.child_by_field_name("arguments")
        values = [a for a in (args.named_children if args is not None else ()) if a.type != "comment"]
        if fn is not None and fn.type == "selector_expression":
            recv = fn.child_by_field_name("operand")
            name = fn.child_by_field_name("field")
            p = self.path(recv) if recv is not None else None
            mname = self.text(name) if name is not None else ""
            if p is not None:
                field = kubernetes.SETTERS.get(mname) if self.k8s and len(values) == 1 else None
                if field is not None and callee(self.pass_, call, self.scopes,
                                                self.pass_.result("exprtypes", self.top)) is None:
                    # `obj.SetLabels(m)` assigns obj.Labels.
                    self.assign_path(state, p + (field,), self.value(values[0], state, calls=True))
                else:
                    sets = self.input_sets(call, -1, recv)
                    if sets is None:
                        kind = self.escape_kind(state, p, True)
                        self.kill(state, p)
                        self.escape(state, p, kind)
                    else:
                        self.kill_for_method(state, p, sets)
                        for f in sets:
                            self.escape(state, p + (f,))
            at = kubernetes.filled(mname, len(values)) if self.k8s else None
            if at is not None:
                a = _strip(values[at])
                inner = _strip(a.child_by_field_name("operand") or a) \
                    if a.type == "unary_expression" and _operator(a) == "&" else a
                q = self.path(inner)
                if q is not None:
                    # The object is now what the API server holds.
                    self.kill(state, q)
                    state[q + (ESC,)] = _FILLED
                    done.add(a.id)
        is_reader = fn is not None and fn.type == "identifier" and self.text(fn) in _READERS
        for i, a in enumerate(values):
            e = _strip(a)
            if e.id in done:
                continue
            inner = _strip(e.child_by_field_name("operand") or e) \
                if e.type == "unary_expression" and _operator(e) == "&" else None
            q = self.path(inner if inner is not None else e)
            sets = self.input_sets(call, i) if q is not None and not is_reader else None
            if sets is not None:
                # A callee whose may-set summary is known: only those fields change.
                self.kill_for_method(state, q, sets)
                for f in sets:
                    self.escape(state, q + (f,))
                if inner is None:
                    self.escape_value(state, a, passed=False)
                    self.forget_result_nil(state, q)
                done.add(e.id)
                continue
            if inner is None:
                # A callee cannot re-point a map or pointer passed by value, but it
                # can store into the map and change fields behind a pointer.
                self.escape_value(state, a, passed=not is_reader, call=True)
            elif q is not None and not is_reader:
                # `&x` to a call that cannot be read: decided here, before the `&`
                # itself is seen (which only knows that x escapes).
                self.address_taken(state, q, self.escape_kind(state, q, True))
                done.add(e.id)

    def address_taken(self, state: dict, p, kind: frozenset = _ESCAPED) -> None:
        """`&x` (x at path p) escapes: x may change behind the analysis' back."""
        self.kill(state, p)
        self.escape(state, p, kind)
        if len(p) > 1:
            state[p] = _UNKNOWN  # &s.f: not what the literal's mark says any more
        if isinstance(p[-1], tuple):  # &m[k]: do not trust m's entries either
            self.kill(state, p[:-1] + (FLAG,))

    def assign_path(self, state: dict, path, facts: frozenset) -> None:
        """`path = v` where v's facts are known, as assign() does for a target node."""
        self.kill(state, path)
        aliases = []
        if len(path) > 1:
            self.kill_promoted(state, path)
            aliases = self.promoted_aliases(state, path)
        for p in [path] + aliases:
            if facts != _UNKNOWN or self.lookup(state, p) != _UNKNOWN:
                state[p] = facts  # absent means unknown, unless a marker or flag says more

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
        return self.types.underlying(self.literal_named(lit))

    def literal_named(self, lit: Node):
        return self.types.from_node(lit.child_by_field_name("type"), self.file)

    def literal_type_name(self, value: Node) -> str:
        """The type name of a (pointer to a) composite literal, as an embedded field of
        that type is named: `Meta` for `Meta{}`, `&v1.ObjectMeta{}`, `List[T]{}`."""
        e = _strip(value)
        if e.type == "unary_expression" and _operator(e) == "&":
            e = _strip(e.child_by_field_name("operand") or e)
        t = e.child_by_field_name("type") if e.type == "composite_literal" else None
        if t is not None and t.type == "generic_type":
            t = t.child_by_field_name("type")
        if t is not None and t.type == "qualified_type":
            t = t.child_by_field_name("name")
        return self.text(t) if t is not None and t.type == "type_identifier" else ""

    def zero(self, state: dict, path, ident: Node, note: str, type_node: Node | None) -> None:
        """`var x T` / a named result: the zero value of T."""
        tp = self.types.from_node(type_node, self.file) if type_node is not None else None
        u = self.types.underlying(tp) if tp is not None else None
        if u is not None and u.kind == "array":
            if self.types.underlying(u.elem or UNKNOWN).kind == "map":
                state[path + (FLAG,)] = _FRESH  # an array of maps: every element nil until stored
            return
        if u is not None and u.kind == "basic":
            return
        if u is None or u.kind != "struct":
            state[path] = frozenset((Nil(ident.start_byte, note),))
            state[path + (FLAG,)] = _FRESH
        if u is None or u.kind in ("struct", "unknown"):
            self.zero_struct(state, path, u, ident.start_byte, frozenset(), named=tp)

    def zero_struct(self, state: dict, path, u, src: int, set_fields: frozenset | None, depth: int = 0,
                    looks_embedded: tuple = (), named=None) -> None:
        """A struct value whose fields other than `set_fields` are zero; struct-typed
        fields among those are zero structs in turn. With the type known, the mark
        knows its fields (so a promoted field is looked up through its embedded
        field); without, `looks_embedded` are the set fields that may promote others,
        and `named` (its type as written) says whether it is another module's."""
        if u is None or u.kind != "struct":
            state[path + (MARK,)] = frozenset((Lit(src, set_fields, embedded=looks_embedded,
                                                   foreign=_foreign(named)),))
            return
        direct = frozenset(f[0] for f in u.fields)
        embedded = tuple(f[0] for f in u.fields if f[2])
        state[path + (MARK,)] = frozenset((Lit(src, set_fields, direct=direct, embedded=embedded),))
        if depth > 3:
            return
        for fname, ftype, _ in u.fields:
            if set_fields is not None and fname in set_fields:
                continue
            fu = self.types.underlying(ftype)
            if fu.kind == "struct":
                self.zero_struct(state, path + (fname,), fu, src, frozenset(), depth + 1)
            elif fu.kind == "array" and self.types.underlying(fu.elem or UNKNOWN).kind == "map":
                state[path + (fname, FLAG)] = _FRESH  # an array of maps: every element nil

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
                facts = [self.value(v, state, calls=self.path(tg) is not None) for tg, v in zip(targets, values)]
                for tg, v, f in zip(targets, values, facts):
                    self.assign(state, tg, v, f)
                    self.store(state, tg, f)
            elif len(values) == 1 and _strip(values[0]).type == "call_expression":
                # `m, err := load()`: each result as the callee's summary says.
                call = _strip(values[0])
                blank = frozenset(i for i, tg in enumerate(targets) if self.text(tg) == "_")
                facts = [self.call_result(call, i, blank) if self.path(tg) is not None else _UNKNOWN
                         for i, tg in enumerate(targets)]
                for tg, f in zip(targets, facts):
                    self.assign(state, tg, None, f)
                first = self.path(targets[0]) if targets else None
                if first is not None:
                    self.constructed(state, first, call)
            elif len(targets) == 2 and len(values) == 1 and _strip(values[0]).type == "index_expression":
                f = self.value(values[0], state)
                self.assign(state, targets[0], values[0], f)
                self.assign(state, targets[1], None, _UNKNOWN)
                ok = _strip(targets[1])
                okd = self.decl(ok) if ok.type == "identifier" else None
                vp = self.path(targets[0])
                lp = self.path(values[0])
                # ok true: the entry was present, so the map holding it is not nil either.
                operand = _strip(values[0]).child_by_field_name("operand")
                mp = self.path(operand) if operand is not None else None
                if okd is not None:
                    pairs = frozenset(p for p in ((vp,), (lp,), (mp,)) if p[0] is not None)
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
        for e in _sinks_in(s, text=self.sync_text):
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
        loop = clause.parent
        key = self._loop_info(loop).get("range_key") if loop is not None and self.tagged else None
        for tg in (left.named_children if left is not None else []):
            # The key's first-iteration value (goguard.analyses.nilness.loops) holds on
            # the paths that enter the loop; the back edge has dropped it.
            self.assign(state, tg, None, _UNKNOWN, keep_iter0=key is not None and self.text(tg) == key)
        return state

    def escapes(self, s: Node, state: dict) -> None:
        """Uses that let a value be changed behind the analysis' back: `&x`, method
        calls, passing a struct (or pointer) along, method values, closures that assign.
        A deferred call runs at return, after everything here: it changes nothing."""
        stack = [s]
        decoded: set[int] = set()  # `&x` handed to a decoder: handled by decode()
        while stack:
            n = stack.pop()
            t = n.type
            if t in ("func_literal", "defer_statement"):
                continue
            if t == "unary_expression" and n.id in decoded:
                stack.extend(n.named_children)
                continue
            if t == "call_expression":
                target = self.decode(state, n)
                if target is not None:
                    decoded.add(target.id)
                self.hand_on(state, n, decoded)
            if t == "unary_expression" and _operator(n) == "&":
                op = n.child_by_field_name("operand")
                p = self.path(op) if op is not None else None
                if p is not None:
                    self.address_taken(state, p)
                    continue
            right = n.child_by_field_name("right") if t in ("assignment_statement", "short_var_declaration") else None
            if right is not None:  # (asked of the statement: node.parent costs time proportional to depth)
                for v in right.named_children:
                    self.escape_value(state, v)  # aliasing: another name now reaches the same fields
            if t == "return_statement" or t == "send_statement" or t == "keyed_element" or t == "literal_element":
                for v in n.named_children:
                    self.escape_value(state, v, flag=False)
            stack.extend(n.named_children)

    def decode(self, state: dict, call: Node) -> Node | None:
        """A decoder call (goguard.models.decoders) handed `&x` (or a pointer p made
        here): what x held nil may still be nil afterwards (the input may omit it), or
        set. Returns the argument handled (no longer an escape), else None."""
        fn = call.child_by_field_name("function")
        args = call.child_by_field_name("arguments")
        if fn is None or fn.type != "selector_expression" or args is None:
            return None
        op, name = fn.child_by_field_name("operand"), fn.child_by_field_name("field")
        if op is None or name is None:
            return None
        values = [a for a in args.named_children if a.type != "comment"]
        dec = None
        if op.type == "identifier" and self.scopes.decl_of(op) is None and self.text(op) in self.imports:
            dec = decoders.function(self.imports[self.text(op)], self.text(name))
        if dec is None:
            dec = decoders.method(self.text(name), len(values), self.made_by(op))
        if dec is None or dec.target >= len(values):
            return None
        arg = _strip(values[dec.target])
        inner = _strip(arg.child_by_field_name("operand") or arg) \
            if arg.type == "unary_expression" and _operator(arg) == "&" else None
        p = self.path(inner) if inner is not None else self.path(arg)
        if p is None or (inner is None and not state.get(p + (MARK,))) or self.decodes_itself(inner or arg):
            return None
        called = self.text(fn) if fn.end_byte - fn.start_byte <= 40 else self.text(name)
        where = (call.start_byte, called)
        # A document the function encoded itself (`b, _ := json.Marshal(v)`) is `null`
        # only when that value is nil: the caller's business, not the input's.
        keeps_nil = dec.keeps_nil and not (dec.target == 1 and self.encoded_here(values[0]))
        n = len(p)
        for k in [k for k in state if k[:n] == p and k[0] != "ok"]:
            vals = state[k]
            if k[-1] == MARK:
                state[k] = frozenset(m._replace(decoded=where) if isinstance(m, Lit) else m for m in vals)
            elif k[-1] == FLAG:
                state[k] = _STORED
            elif any(isinstance(v, Nil) for v in vals) and (len(k) > n or keeps_nil):
                what = f"field {k[-1]} nil when the input omits it" if len(k) > n and isinstance(k[-1], str) \
                    else f"{self.text(inner or arg)} nil when the input is empty or null"
                state[k] = frozenset((Nil(where[0], f"{where[1]} leaves {what}", kind=DECODED), U))
            else:
                del state[k]
        for k in [k for k in state if k[0] == "ok" and any(q[:n] == p for pair in state[k] for q in pair)]:
            del state[k]
        return arg

    def encoded_here(self, data: Node) -> bool:
        """Whether the bytes handed to a decoder come from an encoder's `Marshal*`
        function called in this function (directly, or assigned to the variable)."""
        e = _strip(data)
        values = [e]
        if e.type == "identifier":
            d = self.scopes.decl_of(e)
            if d is None:
                return False
            values = [v for v in [d.value, *(assigned_value(r) for r in self.scopes.refs.get(d.id, ()))]
                      if v is not None]
        for v in values:
            v = _conversion_operand(_strip(v))
            made = self.made_by(v) if v.type == "call_expression" else None
            if made is not None and made[1].startswith("Marshal"):
                return True
        return False

    def made_by(self, value: Node) -> tuple[str, str] | None:
        """(import path, function) of the call that made a value: the value itself
        (`gob.NewDecoder(r)`) or a variable's declared value (`dec := gob.NewDecoder(r)`)."""
        v = _strip(value)
        if v.type == "identifier":
            d = self.scopes.decl_of(v)
            v = _strip(d.value) if d is not None and d.value is not None else v
        fn = v.child_by_field_name("function") if v.type == "call_expression" else None
        if fn is None or fn.type != "selector_expression":
            return None
        op, name = fn.child_by_field_name("operand"), fn.child_by_field_name("field")
        if op is None or name is None or op.type != "identifier" or self.scopes.decl_of(op) is not None:
            return None
        path = self.imports.get(self.text(op))
        return (path, self.text(name)) if path else None

    def decodes_itself(self, target: Node) -> bool:
        """Whether the value's type (of the package, or not known) may decode itself:
        a decoder calls its UnmarshalJSON / UnmarshalYAML / UnmarshalText... method,
        which may set anything."""
        t = self.pass_.result("exprtypes", self.top).of(target)
        while t.kind == "pointer" and t.elem is not None:
            t = t.elem
        if t.kind != "named":
            return False
        own = self.pass_.package.import_path
        name = t.name[len(own) + 1:] if own and t.name.startswith(own + ".") else t.name
        if "." in name or "/" in name:
            return False  # another package's type: its methods are not read
        return any(tn == name and m.startswith(("Unmarshal", "Decode")) for tn, m in self.pass_.package.methods)

    def escape_value(self, state: dict, v: Node, passed: bool = True, flag: bool = True, call: bool = False) -> None:
        """v is handed on (passed, assigned, returned, sent, put in a literal): its fields
        and entries may change from now on. A method value `x.init` handed on may run
        at any later call (`once.Do(x.init)`), changing x's fields: x escapes too."""
        e = _strip(v)
        if e.type == "selector_expression":
            op = e.child_by_field_name("operand")
            field = e.child_by_field_name("field")
            base = self.path(op) if op is not None else None
            if base is not None and field is not None and self.is_method_value(op, self.text(field)):
                self.kill(state, base, keep_self=True)
                state[base + (FLAG,)] = _STORED
        if not passed:
            return
        p = self.path(v)
        if p is not None:
            kind = self.escape_kind(state, p, call)
            self.kill(state, p, keep_self=True)
            self.escape(state, p, kind)
            if flag:
                state[p + (FLAG,)] = _STORED
                self.forget_result_nil(state, p)

    @staticmethod
    def forget_result_nil(state: dict, p) -> None:
        """A callee's possibly-nil result handed to a call: an assertion helper may
        check it and stop, so it is no longer reported as possibly nil."""
        facts = state.get(p, ())
        if any(isinstance(f, Nil) and RESULT_NOTE in f.note for f in facts):
            state[p] = frozenset(f for f in facts if not (isinstance(f, Nil) and RESULT_NOTE in f.note)) | {U}

    def is_method_value(self, operand: Node, name: str) -> bool:
        """Whether `operand.name` names a method rather than a field: the operand's struct
        type is known and has no such field, or its type is unknown and some type of
        the package has a method of that name."""
        t = self.pass_.result("exprtypes", self.top).of(operand)
        if self.types.struct_fields(t):
            return self.types.field(t, name) is None
        return name in self.method_names


def _conversion_operand(v: Node) -> Node:
    """x of a conversion `[]byte(x)`, `string(x)`, `json.RawMessage(x)`; else v."""
    if v.type == "type_conversion_expression":
        op = v.child_by_field_name("operand")
        return _strip(op) if op is not None else v
    if v.type == "call_expression":
        fn = v.child_by_field_name("function")
        args = v.child_by_field_name("arguments")
        if fn is not None and fn.type in ("identifier", "slice_type", "qualified_type", "parenthesized_type") \
                and fn.text in (b"string", b"[]byte", b"json.RawMessage") and args is not None \
                and len(args.named_children) == 1:
            return _strip(args.named_children[0])
    return v


def _only_nil(facts: frozenset) -> bool:
    return bool(facts) and all(isinstance(f, Nil) for f in facts)


def _foreign(t) -> bool:
    """Whether a type as written is a named type of another module (`github.com/...`),
    not of the standard library: such a struct is unseen, but array fields written by
    index are rare in it (they are common in the standard library's low-level code)."""
    if t is None or t.kind != "named" or "." not in t.name:
        return False
    path = t.name.rpartition(".")[0]
    return "." in path.split("/", 1)[0]
