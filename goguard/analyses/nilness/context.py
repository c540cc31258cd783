"""The per-function analysis context: scopes, paths, values and the driver that solves a
function and then its closures."""

from __future__ import annotations

import bisect

from tree_sitter import Node

from goguard.analyses import analysis
from goguard.analyses.calls import (
    callee,
    constructed_type,
    handed,
    handed_roots,
    result_kind,
    struct_name,
)
from goguard.analyses.dataflow import solve
from goguard.analyses.nilness.domain import (
    _ESCAPED,
    _FRESH,
    _KEPT,
    _LOOKUP_NOTE,
    _NONNIL,
    _NONNIL_TYPES,
    _STORED,
    _UNKNOWN,
    ESC,
    FLAG,
    LOOKUP,
    MARK,
    DECODED,
    U,
    UNTYPED,
    CallSink,
    FunctionNilness,
    Lit,
    Nil,
    Sink,
    is_nil,
    unset_field_of,
    unset_note,
)
from goguard.analyses.nilness.feasibility import Feasibility
from goguard.analyses.nilness.loops import Loops
from goguard.analyses.nilness.problem import _Analysis
from goguard.analyses.nilness.refinement import Refinement
from goguard.analyses.nilness.sinks import (
    _relevant_names,
    _returned_roots,
    _simple_key,
    _sinks_in,
    write_target,
)
from goguard.analyses.nilness.sources import Sources
from goguard.analyses.nilness.transfer import Transfer
from goguard.frontend.gotypes import TypeResolver
from goguard.frontend.scopes import Decl, Scopes, top_function
from goguard.frontend.syntax import call_of_name
from goguard.frontend.syntax import operator as _operator
from goguard.frontend.syntax import strip_parens as _strip
from goguard.models import kubernetes


class _Context(Transfer, Refinement, Loops, Feasibility, Sources):
    """What the per-function problems share: the file, scopes, types and closure facts."""

    def __init__(self, pass_, top: Node, extra: frozenset = frozenset()) -> None:
        self.pass_ = pass_
        self.top = top
        self.text = pass_.file.text
        self.imports = pass_.imports
        self.scopes: Scopes = pass_.result("scopes", top)
        self.types = TypeResolver.of(pass_.package)
        self.file = pass_.file
        self.results: dict[int, FunctionNilness] = {}
        self.untracked: set[int] = set()
        self.untracked_fields: set[tuple] = set()
        self.assigned = self._assigned_decls()
        # Where the analysis is, for lookups against flags pinned by a first pass.
        self.current: tuple[int, str] = (0, "before")
        self.pinned: dict[tuple[int, str], dict] | None = None
        self.tagged = False  # whether any nil carries branch conditions
        self._groups: dict[int, list] = {}
        self._last_nils: list = []
        # A writer's summary (`extra`: its seeded inputs) follows only what they reach.
        self.relevant = _relevant_names(top, self.text, extra or None)
        # A declaration with a map or *[]T result: its returns are summarised for callers.
        self.summarised = self._summarised_results(top) if not extra else None
        if self.summarised is not None:
            self.relevant = self.relevant | _returned_roots(top, self.text) | {
                d.name for d in self.summarised if d is not None}
        self._consts = None
        self._loops: dict[int, dict] = {}  # loop id -> what its body assigns
        self._branches: dict[int, object] = {}  # branch offset -> its conditions and names
        self.method_names = frozenset(name for _, name in pass_.package.methods)
        # Package facts are read by name: the modules computing them use this analysis.
        self.declared_fields = pass_.fact("declared-fields")
        self.zero_vars = pass_.fact("zero-var-candidates")
        self.closure_stored = self._closure_stored()
        # Calls of package functions that may write a field of what they are handed
        # (goguard.facts.creation), and the roots handed to them, tracked for it.
        # Only a function that makes a struct with candidate fields (or, for a writer's
        # summary, is handed one) can hand such a value on.
        self.writer_calls: list[Node] = []
        writers = pass_.fact("writer-names")
        # (A writer's own summary follows no calls: the write must be its own.)
        made = pass_.result("created-names", top) if writers is not None and not extra else None
        if made:
            root = self.file.root
            for start, end, _ in writers.finditer(self.file.data, top.start_byte, top.end_byte):
                call = call_of_name(root.named_descendant_for_byte_range(start, end))
                if call is not None and handed_roots(call, self.text) & made:
                    self.writer_calls.append(call)
            self.writer_starts = [c.start_byte for c in self.writer_calls]
            self.relevant = self.relevant | self._handed_roots()
        self.constructors = pass_.fact("constructor-names")
        if self.constructors is not None and not self.constructors.search(self.file.data, top.start_byte,
                                                                          top.end_byte):
            self.constructors = None
        # A constructor of a struct with candidate fields: what its returns leave nil.
        self.constructs: frozenset | None = None
        # The creation types (goguard.facts.constructors) a function makes: what the
        # values it returns hold in their fields.
        self.makes: frozenset = frozenset()
        if top.type != "func_literal" and not extra:
            name = constructed_type(self.types, pass_.package, top, self.file)
            self.constructs = pass_.fact("creation-candidates").get(name) if name else None
            self.makes = pass_.fact("creation-makers").made_by(self.file, top)
            if self.constructs or self.makes:
                self.relevant = self.relevant | _returned_roots(top, self.text)
        self._input_types: dict[int, str | None] = {}
        # Kubernetes objects and generated messages (goguard.models.kubernetes). In a
        # test, the API server is a fake holding the test's own objects.
        self.k8s = kubernetes.deals_with_api(self.imports.values()) and not self.file.path.endswith("_test.go")
        # Calls of sync methods on fields are dereferences where the file uses sync.
        self.sync_text = self.text if "sync" in self.imports.values() or \
            bool(pass_.fact("sync-pointer-fields")) else None
        self.untracked, self.untracked_fields = self._closure_assigned(top)

    # ---- set-up --------------------------------------------------------------------

    def _closure_assigned(self, top: Node) -> tuple[set[int], set[tuple]]:
        """Declarations assigned (or address-taken) inside a closure other than their own,
        and fields of declarations so assigned (`c.ready = true` in a closure): the
        closure may run at any later time, so they are never tracked. A method the
        closure calls on the variable untracks the fields its may-set summary names
        (all of the variable when that is unknown)."""
        out: set[int] = set()
        fields: set[tuple] = set()
        for decl_id, refs in self.scopes.refs.items():
            for ident in refs:
                fn = self.scopes.use_func.get(ident.id)
                d = self.scopes.uses[ident.id]
                if fn is None or fn.id == d.func.id:
                    continue
                if ident.id in self.scopes.assigned:
                    sel = ident.parent
                    while sel is not None and sel.type == "parenthesized_expression":
                        sel = sel.parent
                    field = sel.child_by_field_name("field") if sel is not None and \
                        sel.type == "selector_expression" else None
                    if field is None:
                        out.add(decl_id)
                        break
                    fields.add((decl_id, self.text(field)))
                elif _is_method_receiver(ident):
                    sel = ident.parent
                    call = sel.parent if sel is not None else None
                    if call is not None and call.type == "call_expression" and \
                            call.child_by_field_name("function") == sel:
                        sets = self.input_sets(call, -1, ident)  # x.init(): what init may set
                        if sets is None:
                            out.add(decl_id)
                            break
                        fields.update((decl_id, f) for f in sets)
                    else:  # x.f.reset(): whatever it does happens below x.f
                        fields.add((decl_id, self.text(sel.child_by_field_name("field"))))
        return out, {f for f in fields if f[0] not in out}

    def _handed_roots(self) -> frozenset:
        """The variables at the root of receivers and arguments of calls of writers."""
        out: set = set()
        for call in self.writer_calls:
            out |= handed_roots(call, self.text)
        return frozenset(out)

    def _summarised_results(self, top: Node) -> list | None:
        """For a function or method declaration with a map or pointer-to-slice/map
        result: one entry per result, its declaration when named (else None)."""
        if top.type == "func_literal":
            return None
        res = top.child_by_field_name("result")
        if res is None:
            return None
        if res.type != "parameter_list":
            return [None] if result_kind(self.types, res, self.file) else None
        out, wanted = [], False
        for p in res.named_children:
            tnode = p.child_by_field_name("type")
            wanted |= result_kind(self.types, tnode, self.file) is not None
            names = p.children_by_field_name("name")
            if names:
                out.extend(self.scopes.decl_of(n) for n in names)
            else:
                out.append(None)
        return out if wanted else None

    def _closure_stored(self) -> set[int]:
        """Maps that a closure other than their own function stores into (`sets[k] = ...`
        in `ini := func(k string) {...}`): whenever the closure runs, entries appear, so
        their lookups are never "nothing stored yet"."""
        out: set[int] = set()
        for decl_id, refs in self.scopes.refs.items():
            for ident in refs:
                fn = self.scopes.use_func.get(ident.id)
                d = self.scopes.uses[ident.id]
                if fn is not None and fn.id != d.func.id and _is_store_root(ident):
                    out.add(decl_id)
                    break
        return out

    def constant(self, ident: Node):
        """The value of a constant named by ident (an int), or None."""
        d = self.scopes.decl_of(ident)
        if d is not None and d.kind != "const":
            return None
        if self._consts is None:
            self._consts = self.pass_.result("consts", self.top)
        v = self._consts.value(ident)
        return v if isinstance(v, int) else None

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
            if base is None or len(base) == 1 and (base[0], self.text(field)) in self.untracked_fields:
                return None
            return base + (self.text(field),)
        if t == "index_expression":
            op = e.child_by_field_name("operand")
            idx = e.child_by_field_name("index")
            if op is None or idx is None or not _simple_key(idx):
                return None
            base = self.path(op, depth + 1)
            return base + (("[]", self.text(idx)),) if base is not None else None
        if t == "call_expression" and self.k8s:
            got = self.getter_field(e)
            if got is not None:
                base = self.path(got[0], depth + 1)
                return base + (got[1],) if base is not None else None
        return None

    def getter_field(self, call: Node) -> tuple[Node, str] | None:
        """(object, field) for `obj.GetLabels()` / `obj.GetAnnotations()` of an object of
        another package (goguard.models.kubernetes): the getter hands back the field as
        it is, so it reads the field's state."""
        fn = call.child_by_field_name("function")
        args = call.child_by_field_name("arguments")
        if fn is None or fn.type != "selector_expression" or (args is not None and args.named_children):
            return None
        op, name = fn.child_by_field_name("operand"), fn.child_by_field_name("field")
        field = kubernetes.NIL_GETTERS.get(self.text(name)) if name is not None else None
        if field is None or op is None:
            return None
        if callee(self.pass_, call, self.scopes, self.pass_.result("exprtypes", self.top)) is not None:
            return None  # a method of the package: its result summary speaks for it
        return op, field

    def lookup(self, state: dict, path) -> frozenset:
        v = state.get(path)
        if v is not None:
            return v
        last = path[-1]
        if last == FLAG:
            return _STORED
        if last == MARK:
            return frozenset()
        if last == ESC:
            return _KEPT
        if isinstance(last, tuple):  # an entry of a map: nil while nothing was stored
            if self.fresh(state, path[:-1]):
                return frozenset((Nil(LOOKUP, _LOOKUP_NOTE),))
            if len(path) > 2 and isinstance(path[-2], str) and not self.escaped(state, path[:-1]):
                return self.never_stored(path[-2])
            return _UNKNOWN
        if len(path) > 1:
            marks = state.get(path[:-1] + (MARK,))
            if marks:
                out = set()
                for m in marks:
                    out |= self.unset_field(state, path, m)
                return frozenset(out)
            got = self.never_set(last)
            if got is _UNKNOWN and len(path) == 2 and isinstance(last, str):
                got = self.created_field(path) or got
            if got is _UNKNOWN and self.k8s and last in kubernetes.NIL_FIELDS and not self.escaped(state, path):
                got = self.api_field(path, self.filled(state, path)) or got
            return got
        return _UNKNOWN

    @staticmethod
    def escaped(state: dict, path) -> bool:
        """Whether a value holding path (a proper prefix of it) was handed, on every
        path to here, to code that may have set it (goguard.analyses.nilness.domain.ESC)."""
        for i in range(1, len(path)):
            if state.get(path[:i] + (ESC,)) == _ESCAPED:
                return True
        return False

    @staticmethod
    def filled(state: dict, path) -> bool:
        """Whether the nearest value holding path that was handed on was filled from the
        Kubernetes API server (a client's Get into it) on some path to here."""
        for i in range(len(path) - 1, 0, -1):
            v = state.get(path[:i] + (ESC,))
            if v is not None:
                return "A" in v
        return False

    def touched(self, state: dict, path) -> bool:
        """Whether the function knows something of path that a fact about its origin must
        not override: a value of its own, a struct made here, or an escape."""
        return path in state or bool(state.get(path[:-1] + (MARK,))) or self.escaped(state, path)

    def unset_field(self, state: dict, path, m, depth: int = 0) -> frozenset:
        """What field path[-1] of a struct made at `m` is: nil when the struct's type has
        it as a field of its own left unset; through an embedded field, whatever the
        promoted field is there (`ns.Labels` is `ns.Meta.Labels`); unknown otherwise."""
        last = path[-1]
        if m.fields is None or last in m.fields:
            return _UNKNOWN
        how = f"by {m.origin}" if m.origin else "here"
        if m.decoded is not None:
            at, by = m.decoded
            if last[:1].isupper():
                decoded = frozenset((Nil(at, f"{by} leaves field {last} nil when the input omits it",
                                         conds=m.conds, kind=DECODED), U))
            else:  # decoders skip unexported fields
                decoded = frozenset((Nil(at, f"{by} never sets unexported field {last}", conds=m.conds,
                                         kind=DECODED),))
            if m.direct is None:
                return _UNKNOWN if m.embedded else decoded
            if last in m.direct:
                return decoded
        unset = frozenset((Nil(m.src, unset_note(last, how), conds=m.conds),))
        if m.direct is None:  # type unknown: a set field that looks embedded may promote it
            return _UNKNOWN if m.embedded else frozenset((Nil(m.src, unset_note(last, how), conds=m.conds,
                                                              kind=UNTYPED if m.foreign else ""),))
        if last in m.direct:
            return unset
        if depth > 3 or not m.embedded:
            return _UNKNOWN
        out: set = set()
        for e in m.embedded:
            out |= self.lookup(state, path[:-1] + (e, last))
        return frozenset(out) or _UNKNOWN

    def fresh(self, state: dict, map_path) -> bool:
        """Whether nothing can have been stored in the map yet. "Stored" grows as paths
        are added, which would make lookups non-monotone; a second pass therefore also
        asks the flags a first pass converged to."""
        k = map_path + (FLAG,)
        if state.get(k) != _FRESH or map_path[0] in self.closure_stored:
            return False
        if self.pinned is not None:
            pinned = self.pinned.get(self.current)
            return pinned is not None and pinned.get(k) == _FRESH
        return True

    def value(self, expr: Node, state: dict, note: str = "set to nil here", calls: bool = False) -> frozenset:
        """What expr may be. `calls`: consult the result summaries of the package's
        functions it calls (asked only where the value reaches something tracked)."""
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
            if calls and self.k8s and fn is not None and fn.type == "selector_expression":
                got = self.api_getter(e, fn, state)
                if got is not None:
                    return got
            return self.call_result(e, 0) if calls else _UNKNOWN
        if t in ("identifier", "selector_expression", "index_expression", "generic_type"):
            p = self.path(e)
            if p is None and t in ("identifier", "index_expression"):
                g = self.never_assigned(e)
                if g is not None:
                    return g
            if p is None and t == "selector_expression":  # a root not tracked: a global, a call
                field = e.child_by_field_name("field")
                p_facts = self.never_set(self.text(field)) if field is not None else _UNKNOWN
                if p_facts != _UNKNOWN:
                    return frozenset(x._replace(src=e.start_byte) for x in p_facts)
            if p is not None:
                v = self.lookup(state, p)
                # Nils whose source is where they are read (a lookup, a never-set field).
                return frozenset(x._replace(src=e.start_byte) if isinstance(x, Nil) and x.src < 0 else x for x in v)
            if t == "index_expression":
                op = e.child_by_field_name("operand")
                base = self.path(op) if op is not None else None
                if base is not None and self.fresh(state, base):
                    return frozenset((Nil(e.start_byte, _LOOKUP_NOTE),))
            return _UNKNOWN
        return _UNKNOWN


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
        summarised = self.summarised is not None and problem.fn.id == self.top.id
        for node, state in sol.before.items():
            self.current = (node, "before")
            for expr in problem.exprs_of(node):
                self.collect(expr, state, result, literals)
                if summarised and expr.type == "return_statement":
                    result.returns.append((expr, self.return_facts(expr, state)))
                if self.constructs and expr.type == "return_statement" and problem.fn.id == self.top.id:
                    result.constructed.append((expr, self.left_unset(expr, state)))
                if self.makes and expr.type == "return_statement" and problem.fn.id == self.top.id:
                    result.made.append((expr, self.returned_fields(expr, state)))
                if self.writer_calls:
                    lo = bisect.bisect_left(self.writer_starts, expr.start_byte)
                    hi = bisect.bisect_left(self.writer_starts, expr.end_byte, lo)
                    if lo < hi:
                        self.collect_calls(self.writer_calls[lo:hi], state, result, problem.fn)
        return result, literals

    def left_unset(self, ret: Node, state: dict) -> frozenset | None:
        """The candidate fields a constructor's return leaves nil in its first result;
        None when that result is nil."""
        values = ret.named_children[0].named_children if ret.named_children else []
        if not values:
            return frozenset()
        v = _strip(values[0])
        if v.type == "nil":
            return None
        p = self.path(v)
        if p is None:
            p = ("return",)
            state = {}
            self.shape(state, p, v)
        return frozenset(f for f in self.constructs if _only_left_unset(self.lookup(state, p + (f,))))

    def returned_fields(self, ret: Node, state: dict) -> tuple | None:
        """(type name, {field: facts}) of the value of a creation type that a return
        hands back first; None when it hands back nil, ("", {}) when anything else."""
        values = ret.named_children[0].named_children if ret.named_children else []
        if not values:
            return ("", {})
        v = _strip(values[0])
        if v.type == "nil":
            return None
        fields = self.pass_.fact("creation-fields")
        tname = struct_name(self.pass_.package, self.pass_.result("exprtypes", self.top).of(v))
        if tname not in self.makes or tname not in fields:
            return ("", {})
        p = self.path(v)
        if p is None:
            p = ("return",)
            state = {}
            self.shape(state, p, v)
        if not state.get(p + (MARK,)):
            return ("", {})  # not a value made here (a parameter handed back)
        return (tname, {f: self.lookup(state, p + (f,)) for f in fields[tname]})

    def collect_calls(self, calls: list[Node], state: dict, result: FunctionNilness, fn: Node) -> None:
        """Of calls of writers (in one statement), those that hand a value whose field is
        nil to a writer of that field."""
        exprtypes = self.pass_.result("exprtypes", self.top)
        for call in calls:
            if self.pass_.enclosing_function(call).id != fn.id:
                continue
            inputs = [(i, e, p) for i, e in handed(call) if (p := self.path(e)) is not None
                      and state.get(p + (MARK,))]
            if not inputs:
                continue
            target = callee(self.pass_, call, self.scopes, exprtypes)
            if target is None:
                continue
            decl, file = target
            writes = self.pass_.fact("field-writes-summary")(self.pass_, decl, file)
            if not writes:
                continue
            method = decl.type == "method_declaration"
            name = file.text(decl.child_by_field_name("name"))
            for index, e, p in inputs:
                if index == -1 and not method:
                    continue  # `pkg.F(x)` or a function-valued field: no receiver
                for w in writes:
                    if w.index != index:
                        continue
                    facts = self.feasible_facts(self.lookup(state, p + (w.field,)), f"{self.text(e)}.{w.field}")
                    if is_nil(facts):
                        result.calls.setdefault(call.id, []).append(
                            CallSink(w.kind, call, e, w.field, w.where, name, facts))


    def return_facts(self, ret: Node, state: dict) -> tuple[frozenset, ...]:
        """What each result of a return statement may be (a bare return: the named
        results); unknown for `return f()` of a call with several results."""
        values = ret.named_children[0].named_children if ret.named_children else []
        if not values:
            return tuple(self.lookup(state, (d.id,)) if d is not None else _UNKNOWN for d in self.summarised)
        if len(values) != len(self.summarised):
            return tuple(_UNKNOWN for _ in self.summarised)
        return tuple(self.value(v, state, calls=True) for v in values)

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
                for e in _sinks_in(n, literals, st, text=self.sync_text):
                    found.append((e, st))
                continue
            if n.type in ("assignment_statement", "inc_statement", "dec_statement", "unary_expression",
                          "call_expression"):
                for e in _sinks_in(n, literals, st, shallow=True, text=self.sync_text):
                    found.append((e, st))
            stack.extend((c, st) for c in n.named_children)
        for e, st in sorted(found, key=lambda x: x[0].start_byte):
            op = write_target(e)
            if op is None:
                continue
            kind = "deref" if e.type in ("unary_expression", "call_expression") else "write"
            key = (kind, self.text(op))
            if key in seen:
                continue
            seen.add(key)
            result.sinks[e.id] = Sink(kind, e, op, self.feasible_facts(self.value(op, st, calls=True), key[1]))



def seeded_analysis(pass_, decl: Node, seeds: dict) -> FunctionNilness | None:
    """The nil-ness of a declaration analysed as if the candidate fields of some of its
    inputs were nil at entry (`seeds`: the input's identifier -> the fields): for the
    field-writer summaries of goguard.facts.creation, never for findings."""
    ctx = _Context(pass_, decl, extra=frozenset(pass_.text(i) for i in seeds))
    state = ctx.entry_state(decl)
    for ident, fields in seeds.items():
        d = ctx.decl(ident)
        if d is not None:
            state[(d.id, MARK)] = frozenset((Lit(ident.start_byte, frozenset(), direct=fields),))
    ctx.analyse(decl, state)
    return ctx.results.get(decl.id)


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


def _only_left_unset(facts: frozenset) -> bool:
    return bool(facts) and all(isinstance(f, Nil) and unset_field_of(f.note) is not None for f in facts)


def _is_method_receiver(ident: Node) -> bool:
    """Whether ident is the root of a method call's receiver: `x.init()`, `x.a.reset()`."""
    n = ident
    p = n.parent
    while p is not None and p.type == "selector_expression" and p.child_by_field_name("operand") == n:
        gp = p.parent
        if gp is not None and gp.type == "call_expression" and gp.child_by_field_name("function") == p:
            return True
        n, p = p, gp
    return False


def _is_store_root(ident: Node) -> bool:
    """Whether ident is the root of an index-assignment target: `m[k] = v`, `s.m[k]++`."""
    n = ident
    p = n.parent
    while p is not None and p.type in ("selector_expression", "index_expression", "parenthesized_expression"):
        if p.type == "index_expression" and p.child_by_field_name("operand") == n:
            q = p.parent
            if q is not None and q.type in ("inc_statement", "dec_statement"):
                return True
            if q is not None and q.type == "expression_list":
                stmt = q.parent
                if stmt is not None and stmt.type == "assignment_statement" and stmt.child_by_field_name("left") == q:
                    return True
        n, p = p, p.parent
    return False
