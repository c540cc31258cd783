"""Nil sources that come from outside the function: package facts (fields never set,
variables never assigned, what a type's constructors leave nil, callees' results) and
library knowledge (goguard/models: Kubernetes objects). Each is read by name
(`pass_.fact(...)`) where the dataflow knows nothing else about a value."""

from __future__ import annotations

from tree_sitter import Node

from goguard.analyses.calls import callee, implementations, imported_callee, struct_name
from goguard.analyses.nilness.conditions import _evaluate
from goguard.analyses.nilness.domain import (
    _UNKNOWN,
    API,
    CREATED,
    DECODED,
    NEVER_SET,
    RESULT_NOTE,
    U,
    Nil,
)
from goguard.frontend.syntax import strip_parens as _strip
from goguard.models import kubernetes


class Sources:
    """Nil sources from facts and models, mixed into the analysis context."""

    def never_assigned(self, e: Node) -> frozenset | None:
        """A package variable that nothing assigns (`var cache map[K]V`), or an element of
        such an array of maps: nil wherever it is read. None when e is not one."""
        index = e.type == "index_expression"
        ident = _strip(e.child_by_field_name("operand")) if index else e
        if ident is None or ident.type != "identifier" or self.scopes.decl_of(ident) is not None:
            return None
        name = self.text(ident)
        kind = self.zero_vars.get(name)
        if kind is None or (kind == "array") != index:
            return None
        facts = self.pass_.fact("never-assigned-vars")
        if facts.kind(name) is None:
            return None
        what = f"element of package variable {name}" if index else f"package variable {name}"
        verb = "stores an element" if index else "assigns it"
        return frozenset((Nil(e.start_byte, f"{what} ({facts.where(name)}) is nil: nothing in package "
                                            f"{self.pass_.package.name} {verb}"),))

    def never_set(self, name: str) -> frozenset:
        """A field of that name that the package never sets is nil in every value."""
        if name not in self.declared_fields:
            return _UNKNOWN
        ns = self.pass_.fact("never-set-fields")
        if ns.kind(name) is None:
            return _UNKNOWN
        return frozenset((Nil(NEVER_SET, f"field {name} ({ns.where(name)}) is never set anywhere in package "
                                         f"{self.pass_.package.name}"),))

    def never_stored(self, name: str) -> frozenset:
        """An entry of a map-of-maps field of that name whose entries the package never
        stores (goguard.facts.nested_entries) is nil on every lookup."""
        if name not in self.declared_fields:
            return _UNKNOWN
        ns = self.pass_.fact("never-stored-entries")
        if ns.kind(name) is None:
            return _UNKNOWN
        return frozenset((Nil(NEVER_SET, f"entries of field {name} ({ns.where(name)}) are never stored anywhere "
                                         f"in package {self.pass_.package.name}"),))

    def call_result(self, call: Node, index: int, blank: frozenset = frozenset()) -> frozenset:
        """Result `index` of a call of a package function or method: possibly nil when
        its summary says so (goguard.facts.results), else unknown. `blank`: the result
        indexes the call assigns to `_`; when the error is one of them, a nil returned
        beside an error reaches the caller unchecked."""
        target = callee(self.pass_, call, self.scopes, self.pass_.result("exprtypes", self.top))
        if target is None:
            got = self.interface_result(call, index)
            return self.module_result(call, index) if got is _UNKNOWN else got
        decl, file = target
        summary = self.pass_.fact("result-summary")(self.pass_, decl, file)
        got = summary.nil.get(index)
        certain = False
        if got is None:
            # A nil decided by the parameters: nil for this call when its constant
            # arguments satisfy the return's conditions.
            got = self.nil_on_args(call, summary.on_args.get(index, ()))
            certain = got is not None
        dropped = ""
        if got is None and summary.error_at in blank:
            got = summary.on_error.get(index)
            dropped = " with an error this call drops"
        if got is None:
            return _UNKNOWN
        path, line, when = got
        name = file.text(decl.child_by_field_name("name"))  # the callee's own file
        note = f"{name}{RESULT_NOTE}({path}:{line}{', when ' + when if when else ''}){dropped}"
        kind = DECODED if index in summary.decoded and not dropped and not certain else ""
        nil = Nil(call.start_byte, note, kind=kind)
        return frozenset((nil,)) if certain else frozenset((nil, U))

    def module_result(self, call: Node, index: int) -> frozenset:
        """Result `index` of `pkg.F(...)`, a function of another package of the module:
        possibly nil when it returns a literal nil that nothing the caller supplies
        decides (goguard.facts.results.foreign_summary)."""
        target = imported_callee(self.pass_, call, self.scopes)
        if target is None:
            return _UNKNOWN
        decl, file, package = target
        got = self.pass_.fact("foreign-result-summary")(package, decl, file).nil.get(index)
        if got is None:
            return _UNKNOWN
        path, line, when = got
        name = file.text(decl.child_by_field_name("name"))
        note = f"{name}{RESULT_NOTE}({path}:{line}{', when ' + when if when else ''})"
        return frozenset((Nil(call.start_byte, note), U))

    def interface_result(self, call: Node, index: int) -> frozenset:
        """Result `index` of a call through an interface of the package: possibly nil
        when one of the package's implementations may return nil (its summary)."""
        for tname, decl, file in implementations(self.pass_, call, self.pass_.result("exprtypes", self.top)):
            got = self.pass_.fact("result-summary")(self.pass_, decl, file).nil.get(index)
            if got is not None:
                path, line, when = got
                name = file.text(decl.child_by_field_name("name"))
                note = f"{name}{RESULT_NOTE}({tname}.{name}, {path}:{line}{', when ' + when if when else ''})"
                return frozenset((Nil(call.start_byte, note), U))
        return _UNKNOWN

    def nil_on_args(self, call: Node, returns) -> tuple | None:
        """(path, line, when) of a `return nil` of the callee whose conditions hold for
        this call's constant arguments (`parseTags("")`), else None."""
        if not returns:
            return None
        args = call.child_by_field_name("arguments")
        values = [a for a in (args.named_children if args is not None else ()) if a.type != "comment"]
        env = {}
        for path, line, conds, params, file in returns:
            if len(values) != len(params):
                return None
            if not env:
                for name, v in zip(params, values):
                    got = _evaluate(v, {}, self.text, self.constant)
                    if got is not None and name != "_":
                        env[name] = got
                if not env:
                    return None
            if all((r := _evaluate(c, env, file.text)) is not None and r is not False and r != 0 and truth
                   or r is not None and not truth and (r is False or r == 0) for c, truth in conds):
                when = " and ".join(file.text(c) if truth else f"!({file.text(c)})" for c, truth in conds)
                return (path, line, when)
        return None

    def created_field(self, path) -> frozenset | None:
        """A field of an input (receiver, parameter, range element) of a creation type
        whose constructors or decoders leave it nil (goguard.facts.constructors)."""
        root = path[0]
        tname = self._input_types.get(root, False)
        if tname is False:
            d = self.scopes.uses.get(root)
            tname = None
            if d is not None and d.kind in ("param", "receiver", "var") and d.origin in ("param", "range", ""):
                if d.kind != "var" or d.origin == "range":
                    t = self.pass_.result("exprtypes", self.top).of(d.ident)
                    name = struct_name(self.pass_.package, t)
                    tname = name if name in self.pass_.fact("creation-fields") else None
            self._input_types[root] = tname
        if tname is None:
            return None
        got = self.pass_.fact("type-creations").field(self.pass_, tname, path[1])
        if got is None:
            return None
        if not got.always and got.by != "decoding" and not self._exported_entry():
            # A value only sometimes left nil, written by a helper: its callers (the
            # package's own methods) may check the state that made it.
            return None
        return frozenset((Nil(NEVER_SET, got.note(path[1]), kind=DECODED if got.by == "decoding" else CREATED,
                              tested=got.tested, at=got.at), U))

    def _exported_entry(self) -> bool:
        """Whether the function is an exported function or method: its callers are
        the package's users."""
        name = self.top.child_by_field_name("name")
        return name is not None and self.text(name)[:1].isupper()

    def api_getter(self, call: Node, fn: Node, state: dict) -> frozenset | None:
        """`obj.GetLabels()` / `GetAnnotations()` of an object of another package (a
        metav1.Object, a generated message): the map as it is. With the object tracked,
        the field's state (`if obj.Labels == nil { ... }`, `SetLabels(m)`, a helper that
        may have set it); else nil when the object has none."""
        name = fn.child_by_field_name("field")
        if name is None or self.text(name) not in kubernetes.NIL_GETTERS:
            return None
        if callee(self.pass_, call, self.scopes, self.pass_.result("exprtypes", self.top)) is not None:
            return None  # a method of the package: its result summary speaks for it
        p = self.path(call)
        if p is not None:
            v = self.lookup(state, p)
            if v != _UNKNOWN or self.touched(state, p):
                return frozenset(x._replace(src=call.start_byte) if isinstance(x, Nil) and x.src < 0 else x
                                 for x in v)
        return frozenset((Nil(call.start_byte, f"{self.text(name)}() returns nil for an object without "
                                               f"{self.text(name)[3:].lower()}", kind=API), U))

    def api_field(self, path, filled: bool = False) -> frozenset | None:
        """Labels or annotations of a Kubernetes API object (goguard.models.kubernetes)
        that the function did not build: an input, a range element, what a client or
        lister returned, a DeepCopy of one; or that a client call filled from the API
        server since (`filled`). Values a package function returns are left alone:
        their builder is in sight, and may have made the maps."""
        d = self.scopes.uses.get(path[0])
        if d is None or d.kind not in ("param", "receiver", "var"):
            return None
        v = _strip(d.value) if d.value is not None and not filled else None
        if v is not None and v.type == "call_expression" and \
                callee(self.pass_, v, self.scopes, self.pass_.result("exprtypes", self.top)) is not None:
            return None
        if v is not None and _built(v, self.text):
            return None  # built here (its fields' fate was lost when it was handed on)
        t = self.pass_.result("exprtypes", self.top).of(d.ident)
        for name in path[1:-1]:
            if not isinstance(name, str):
                return None
            t = self.types.field(t, name)
            if t is None or t.kind == "unknown":
                return None
        while t.kind == "pointer" and t.elem is not None:
            t = t.elem
        if t.kind != "named" or not kubernetes.is_api_package(t.name.rpartition(".")[0]):
            return None
        return frozenset((Nil(NEVER_SET, f"{path[-1]} of an API object is nil when it was created without it",
                              kind=API), U))


def _built(v: Node, text) -> bool:
    """Whether a declaration's value builds a new object: a literal, `&T{...}`, `new(T)`."""
    if v.type == "unary_expression":
        op = v.child_by_field_name("operand")
        v = _strip(op) if op is not None else v
    if v.type == "composite_literal":
        return True
    fn = v.child_by_field_name("function") if v.type == "call_expression" else None
    return fn is not None and fn.type == "identifier" and text(fn) == "new"
