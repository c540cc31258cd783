"""What a function of the package keeps of its arguments after it returns.

`keeps(pass_, decl, file)` summarises one function or method: for each parameter
position, whether the function keeps the argument (the parameter itself, a sub-slice
of it, `unsafe.String` over it, or a composite literal holding one of these) where it
outlives the call, and where:

- `out`: beyond anything the caller holds: appended to or stored in a package
  variable (`vectors = append(vectors, v)`), in something reached through another
  parameter (`r.items[k] = v`, `q.items = append(q.items, v)`), sent on a channel,
  handed to a goroutine (`go f(v)`, `go func() { use(v) }()`) that the function
  does not wait for before it returns (`wg.Wait()` after the `go`), or handed on to
  a function of the package that keeps it there (a few calls deep);
- `receiver`: in a field of the method's receiver (`fpi.Name = b[3:n]`): kept as long
  as the receiver is, which the caller decides; `entries` when it is an entry of a map
  or slice of the receiver (`w.metas[k] = s`, `q.items = append(q.items, b)`), one of
  many, which the next call does not replace;
- `result`: returned, directly or inside a value the function builds and returns
  (`rd := &RepoData{Config: jc}; return rd`): the call's result is the argument.

`releases(pass_, decl, file)` gives the parameter positions the function puts back
in a `sync.Pool` (`func putBuf(b *bytes.Buffer) { b.Reset(); pool.Put(b) }`): at a
call, the argument is released as surely as by `pool.Put` in place.

GG201 reads both at a call: `appendVector(&item)` in a loop that writes `item`
stores `&item` as surely as the append would in place. Only the parameter (or a
window of it) counts, not a value computed from it; function values and callees
outside the package are not followed, and a function longer than MAX_BYTES keeps
nothing, as far as this says.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from tree_sitter import Node

from goguard.facts import fact, per_function
from goguard.frontend.source import captures
from goguard.frontend.syntax import element_values, operator, strip_parens

# Top-level statements that can wait for goroutines: wg.Wait(), err := g.Wait(),
# if err := g.Wait(); ..., return g.Wait().
_WAITS = ("expression_statement", "short_var_declaration", "assignment_statement", "if_statement",
          "return_statement")

_STORES = """
(assignment_statement) @s
(short_var_declaration) @s
(send_statement) @s
(go_statement) @s
(return_statement) @s
(call_expression) @call
(short_var_declaration left: (expression_list (identifier) @local))
(var_spec name: (identifier) @local)
(range_clause left: (expression_list (identifier) @local))
(assignment_statement left: (expression_list (identifier) @assigned))
(inc_statement (identifier) @assigned)
(dec_statement (identifier) @assigned)
"""
MAX_BYTES = 16_000  # a function longer than this is not summarised (nothing kept)
MAX_DEPTH = 3  # calls deep a summary asks its callees' summaries
MAX_LITERAL_DEPTH = 4


@dataclass(frozen=True)
class Kept:
    out: frozenset = frozenset()
    receiver: frozenset = frozenset()
    entries: frozenset = frozenset()  # of `receiver`: kept as one entry of many
    result: frozenset = frozenset()
    released: frozenset = frozenset()
    # Where each position is kept (a statement of the callee), for a message's flow.
    where: dict = field(default_factory=dict, compare=False, hash=False)

    def __bool__(self) -> bool:
        return bool(self.out or self.receiver or self.result or self.released)


NOTHING = Kept()


def keeps(pass_, decl: Node, file) -> Kept:
    return per_function(pass_, "keeps-params", decl, file, _keeps, NOTHING, "keeps", MAX_DEPTH)


ANYTHING = Kept(out=frozenset(range(64)))


def may_keep(pass_, decl: Node, file) -> bool:
    """Whether a function may keep an argument beyond the call or in its receiver, read
    from its own body alone: handing a parameter to another function or method of the
    package counts as keeping it (callees are not asked). The cheap test before a call
    of it is analysed."""
    got = per_function(pass_, "may-keep", decl, file, _shallow, ANYTHING, "may-keep", 1)
    return bool(got.out or got.receiver)


def params_of(decl: Node, text) -> list[str]:
    """Parameter names in position order ("" for unnamed and variadic ones)."""
    out: list[str] = []
    params = decl.child_by_field_name("parameters")
    for p in params.named_children if params is not None else ():
        names = p.children_by_field_name("name")
        variadic = p.type == "variadic_parameter_declaration"
        if not names:
            out.append("")
        for n in names:
            out.append("" if variadic else text(n))
    return out


def receiver_of(decl: Node, text) -> tuple[str, bool] | None:
    """(name, is a pointer) of a method's receiver."""
    recv = decl.child_by_field_name("receiver") if decl.type == "method_declaration" else None
    for p in recv.named_children if recv is not None else ():
        names = p.children_by_field_name("name")
        t = p.child_by_field_name("type")
        if names and t is not None:
            return text(names[0]), t.type == "pointer_type"
    return None


def callee_decl(fp, call: Node, scopes=None) -> tuple[Node, object] | None:
    """The package function or method a call calls (by name, or a method on a value
    whose type the package declares), and its file. Without `scopes`, a name that a
    local shadows is the caller's to rule out."""
    from goguard.analyses.calls import callee

    fn = call.child_by_field_name("function")
    if fn is None or fn.type not in ("identifier", "selector_expression"):
        return None
    if fn.type == "identifier":
        top = fp.package.decls.get(fp.text(fn))
        if top is None or top.kind != "func" or (scopes is not None and scopes.decl_of(fn) is not None):
            return None
        return top.node, top.file
    name = fn.child_by_field_name("field")
    if name is None or fp.text(name) not in method_names(fp.package):
        return None
    enclosing = fp.enclosing_function(call)
    if enclosing is None:
        return None
    scopes = scopes or fp.result("scopes", enclosing)
    found = callee(fp, call, scopes, fp.result("exprtypes", enclosing))
    if found is None:
        # x.M() where x is declared with a named type of the package whose declaration
        # is not at hand (another file, behind build tags): the method set is by name
        op = strip_parens(fn.child_by_field_name("operand") or fn)
        d = scopes.decl_of(op) if op.type == "identifier" else None
        t = d.type_node if d is not None else None
        while t is not None and t.type in ("pointer_type", "parenthesized_type") and t.named_children:
            t = t.named_children[-1]
        if t is not None and t.type == "type_identifier":
            found = fp.package.method(fp.text(t), fp.text(name))
    return found


_THROUGH = re.compile(rb"\*\s*(?:[A-Za-z_]\w*\s*\.\s*)+([A-Za-z_]\w*)\s*(?:[-+*/%|&^]|<<|>>|&\^)?(?:=(?!=)|\+\+|--)")


def written_through(package) -> frozenset:
    """Names of fields the package writes through (`*p.linePtr = line`, `*s.n++`): a
    pointer kept in such a field is kept to be written, as an out-parameter."""
    key = ("written-through-fields",)
    if key not in package.facts:
        names: set[str] = set()
        for f in package.files:
            names.update(m.group(1).decode() for m in _THROUGH.finditer(f.data, *f.span))
        package.facts[key] = frozenset(names)
    return package.facts[key]


def method_names(package) -> frozenset:
    """Names of the package's methods: the cheap test before a method call is resolved."""
    key = ("method-names",)
    if key not in package.facts:
        package.facts[key] = frozenset(name for _, name in package.methods)
    return package.facts[key]


class _Summary:
    """One function's summary, read from its syntax by name (no scope model: a summary
    is asked of many callees, and a local that shadows a parameter's name only makes
    that parameter count as not kept)."""

    def __init__(self, fp, decl: Node, shallow: bool = False) -> None:
        self.fp = fp
        self.decl = decl
        self.shallow = shallow  # callees not asked: handing a parameter on keeps it
        self.text = fp.text
        params = params_of(decl, self.text)
        self.wanted = {n: i for i, n in enumerate(params) if n and n != "_"}
        recv = receiver_of(decl, self.text)
        self.recv_pointer = recv is not None and recv[1]
        self.recv = recv[0] if recv is not None else None
        self.results = set(_result_names(decl, self.text))
        body = decl.child_by_field_name("body")
        # one traversal: the statements to read, and the names declared and assigned
        self.caps = captures(_STORES, body) if body is not None else {}
        self.locals = {self.text(n) for n in self.caps.get("local", ())}
        self.assigned = {self.text(n) for n in self.caps.get("assigned", ())}
        self.out: set[int] = set()
        self.receiver: set[int] = set()
        self.entries: set[int] = set()
        self.result: set[int] = set()
        self.released: set[int] = set()
        self.where: dict[tuple[str, int], Node] = {}
        # Locals that hold a parameter (`rd := &T{f: p}`, `rd.f = p`): returned, they
        # return it.
        self.carriers: dict[str, set[int]] = {}

    def param(self, ident: Node) -> int | None:
        """The position of the parameter an identifier names, if it does (and the
        function never assigns it: `c = &copy` makes it something else)."""
        if ident.type != "identifier":
            return None
        name = self.text(ident)
        i = self.wanted.get(name)
        if i is None or name in self.locals or name in self.assigned:
            return None
        return i

    def held(self, v: Node, depth: int = 0) -> set[int]:
        """The positions of the parameters a value holds: the parameter, a window of
        it, `unsafe.String(&p[0], n)`, a carrier, a composite literal holding one, the
        result of a call of the package that returns its argument."""
        v = strip_parens(v)
        if depth > MAX_LITERAL_DEPTH:
            return set()
        t = v.type
        if t == "identifier":
            i = self.param(v)
            if i is not None:
                return {i}
            return set(self.carriers.get(self.text(v), ()))
        if t == "slice_expression":
            return self.held(v.child_by_field_name("operand") or v, depth + 1)
        if t == "unary_expression" and operator(v) == "&":
            inner = strip_parens(v.child_by_field_name("operand") or v)
            if inner.type == "composite_literal":
                return self.held(inner, depth + 1)
            if inner.type == "index_expression":  # &p[0]: the start of p's array
                return self.held(inner.child_by_field_name("operand") or inner, depth + 1)
            return set()
        if t == "composite_literal":
            out: set[int] = set()
            for el in element_values(v):
                out |= self.held(el, depth + 1)
            return out
        if t == "call_expression":
            fn = v.child_by_field_name("function")
            args = v.child_by_field_name("arguments")
            argv = [a for a in args.named_children if a.type != "comment"] if args is not None else []
            if fn is not None and self.text(fn) in ("unsafe.String", "unsafe.Slice") and argv:
                return self.held(argv[0], depth + 1)
            # what the arguments hold first: a callee is only worth resolving for those
            holding = {j: h for j, a in enumerate(argv) if a.type != "variadic_argument"
                       for h in [self.held(a, depth + 1)] if h}
            got = self.callee(v) if holding else None
            if got is not None:
                out = set()
                for j in got.result:
                    out |= holding.get(j, set())
                return out
        return set()

    def callee(self, call: Node) -> Kept | None:
        fn = call.child_by_field_name("function")
        if fn is not None and fn.type == "identifier" and self.text(fn) in self.locals | set(self.wanted):
            return None  # a function value
        if self.shallow:
            return ANYTHING if calls_package(self.fp, call) else None
        found = callee_decl(self.fp, call)
        if found is None:
            return None
        return keeps(self.fp, found[0], found[1])

    def keep(self, kind: str, positions: set[int], at: Node) -> None:
        target = getattr(self, kind)
        for i in positions:
            if i not in target:
                target.add(i)
                self.where.setdefault((kind, i), at)

    # ---- where a stored value goes --------------------------------------------------

    def target_kind(self, target: Node) -> str | None:
        """"out" for a target rooted in a package variable or reached through a
        parameter, "receiver" through the receiver, "result" for a named result,
        `local:ID` for a local (which then carries the value), None otherwise."""
        e = strip_parens(target)
        through = indexed = False
        while e.type in ("selector_expression", "index_expression", "parenthesized_expression",
                         "unary_expression") and e.named_children:
            through = True
            indexed = indexed or e.type == "index_expression"
            e = e.child_by_field_name("operand") or e.named_children[0]
        if e.type != "identifier":
            return None
        name = self.text(e)
        if name in self.locals:
            return f"local:{name}"
        if name == self.recv:
            # a value receiver is a copy: only a map or slice inside it is shared
            return "receiver" if through and (self.recv_pointer or indexed) else None
        if name in self.wanted:
            return "out" if through else None
        if name in self.results:
            return "result"
        top = self.fp.package.decls.get(name)
        return "out" if top is not None and top.kind == "var" else None

    def store(self, target: Node | None, value: Node, at: Node, appended: bool = False) -> None:
        held = self.held(value)
        if not held:
            return
        kind = "out" if target is None else self.target_kind(target)
        if kind is None:
            return
        t = strip_parens(target) if target is not None else None
        if t is not None and t.type == "selector_expression" and \
                self.text(t.child_by_field_name("field") or t) in written_through(self.fp.package):
            return  # p.linePtr = linePtr, and `*p.linePtr = line` elsewhere: an out-parameter
        if kind.startswith("local:"):
            self.carriers.setdefault(kind[6:], set()).update(held)
            return
        self.keep(kind, held, at)
        if kind == "receiver" and (appended or _indexed(t)):
            self.keep("entries", held, at)

    def run(self) -> Kept:
        body = self.decl.child_by_field_name("body")
        if body is None or not self.wanted:
            return NOTHING
        caps = self.caps
        stmts = sorted(caps.get("s", ()), key=lambda n: n.start_byte)
        for s in stmts:
            inner = self.fp.enclosing_function(s)
            if inner is None or inner.id != self.decl.id:
                continue  # a closure's store runs when the closure does
            if s.type == "go_statement":
                self.goroutine(s)
                continue
            if s.type == "return_statement":
                for v in (s.named_children[0].named_children if s.named_children else ()):
                    self.keep("result", self.held(v), s)
                continue
            if s.type == "short_var_declaration":
                self.declaration(s)
                continue
            for target, value, appended in _pairs(s, self.text):
                self.store(target, value, s, appended)
        for call in caps.get("call", ()):
            inner = self.fp.enclosing_function(call)
            if inner is not None and inner.id == self.decl.id:
                self.handed(call)
        return Kept(frozenset(self.out), frozenset(self.receiver - self.out), frozenset(self.entries - self.out),
                    frozenset(self.result), frozenset(self.released), {k: v for k, v in self.where.items()})

    def declaration(self, s: Node) -> None:
        left, right = s.child_by_field_name("left"), s.child_by_field_name("right")
        if left is None or right is None or len(left.named_children) != len(right.named_children):
            return
        for name, value in zip(left.named_children, right.named_children):
            held = self.held(value)
            if held and name.type == "identifier":
                self.carriers.setdefault(self.text(name), set()).update(held)

    def goroutine(self, s: Node) -> None:
        """go f(p), go func() { ... p ... }(): the goroutine holds p beyond the call,
        unless the function waits for it before it returns (`wg.Wait()`)."""
        call = next((c for c in s.named_children if c.type == "call_expression"), None)
        if call is None or self.waited(s):
            return
        args = call.child_by_field_name("arguments")
        for a in args.named_children if args is not None else ():
            self.keep("out", self.held(a), s)
        fn = strip_parens(call.child_by_field_name("function") or call)
        if fn.type == "func_literal" and fn.end_byte - fn.start_byte <= MAX_BYTES:
            stack = [fn]
            while stack:
                n = stack.pop()
                if n.type == "identifier":
                    i = self.param(n)
                    if i is not None:
                        self.keep("out", {i}, s)
                else:
                    stack.extend(n.named_children)

    def waited(self, go: Node) -> bool:
        """Whether every path from a `go` statement to the function's return passes a
        `.Wait()` (a WaitGroup's, an errgroup's): a statement of the body's top level
        after it that waits, and no return of the function between the two."""
        body = self.decl.child_by_field_name("body")
        stmts = body.named_children if body is not None else []
        if len(stmts) == 1 and stmts[0].type == "statement_list":
            stmts = stmts[0].named_children
        wait = next((st for st in stmts if st.start_byte >= go.end_byte and
                     st.type in _WAITS and self._waits(st)), None)
        if wait is None:
            return False
        for r in self.caps.get("s", ()):
            if r.type == "return_statement" and go.end_byte <= r.start_byte < wait.start_byte:
                inner = self.fp.enclosing_function(r)
                if inner is not None and inner.id == self.decl.id:
                    return False
        return True

    def _waits(self, st: Node) -> bool:
        if st.type == "if_statement":  # if err := g.Wait(); ...: not a Wait in a branch
            parts = [st.child_by_field_name("initializer"), st.child_by_field_name("condition")]
            return any(p is not None and ".Wait()" in self.text(p) for p in parts)
        return ".Wait()" in self.text(st)

    def handed(self, call: Node) -> None:
        """p handed on to a function of the package that keeps it, or puts it in a pool."""
        fn = call.child_by_field_name("function")
        args = call.child_by_field_name("arguments")
        argv = [a for a in args.named_children if a.type != "comment"] if args is not None else []
        if fn is None or not argv:
            return
        if fn.type == "selector_expression" and self.text(fn.child_by_field_name("field") or fn) == "Put" \
                and len(argv) == 1 and not self.shallow and self.is_pool(fn.child_by_field_name("operand")):
            self.keep("released", self.held(argv[0]), call)
            return
        mine = [(j, self.held(a)) for j, a in enumerate(argv) if a.type != "variadic_argument"]
        if not any(h for _, h in mine):
            return
        got = self.callee(call)
        if got is None:
            return
        for j, held in mine:
            if j in got.out:
                self.keep("out", held, call)
            if j in got.released:
                self.keep("released", held, call)
            if j in got.receiver and fn.type == "selector_expression":
                kind = self.target_kind(fn)  # the callee's receiver: where we keep it
                if kind is not None and not kind.startswith("local:"):
                    self.keep(kind, held, call)

    def is_pool(self, operand: Node | None) -> bool:
        if operand is None:
            return False
        enclosing = self.fp.enclosing_function(operand)
        t = self.fp.result("exprtypes", enclosing).of(operand) if enclosing is not None else None
        while t is not None and t.kind == "pointer" and t.elem is not None:
            t = t.elem
        return t is not None and t.kind == "named" and t.name == "sync.Pool"


def _result_names(decl: Node, text) -> list[str]:
    res = decl.child_by_field_name("result")
    if res is None or res.type != "parameter_list":
        return []
    return [text(n) for p in res.named_children for n in p.children_by_field_name("name")]


def _keeps(fp, decl: Node) -> Kept:
    if decl.child_by_field_name("body") is None or decl.end_byte - decl.start_byte > MAX_BYTES:
        return NOTHING
    return _Summary(fp, decl).run()


def _shallow(fp, decl: Node) -> Kept:
    if decl.child_by_field_name("body") is None or decl.end_byte - decl.start_byte > MAX_BYTES:
        return NOTHING
    return _Summary(fp, decl, shallow=True).run()


def calls_package(pass_, call: Node) -> bool:
    """Whether a call calls a function of the package by name, or a method by a name
    some type of the package declares (the cheap test before the callee is resolved)."""
    fn = call.child_by_field_name("function") if call.type == "call_expression" else None
    if fn is None:
        return False
    if fn.type == "selector_expression":
        f = fn.child_by_field_name("field")
        return f is not None and pass_.text(f) in method_names(pass_.package)
    if fn.type == "identifier":
        top = pass_.package.decls.get(pass_.text(fn))
        return top is not None and top.kind == "func"
    return False


def _pairs(s: Node, text):
    """(target or None for a send, stored value, appended) of one statement."""
    if s.type == "send_statement":
        v = s.child_by_field_name("value")
        if v is not None:
            yield None, v, False
        return
    if operator(s) != "=":
        return
    left, right = s.child_by_field_name("left"), s.child_by_field_name("right")
    if left is None or right is None or len(left.named_children) != len(right.named_children):
        return
    for t, v in zip(left.named_children, right.named_children):
        v = strip_parens(v)
        fn = v.child_by_field_name("function") if v.type == "call_expression" else None
        if fn is not None and fn.type == "identifier" and text(fn) == "append":
            args = v.child_by_field_name("arguments")
            for a in args.named_children[1:] if args is not None else ():
                if a.type != "variadic_argument":
                    yield t, a, True
        elif t.type in ("index_expression", "selector_expression") or t.type == "identifier":
            yield t, v, False


def _indexed(target: Node | None) -> bool:
    e = strip_parens(target) if target is not None else None
    while e is not None and e.type in ("selector_expression", "index_expression", "parenthesized_expression"):
        if e.type == "index_expression":
            return True
        e = e.child_by_field_name("operand")
    return False


# The summaries and the call resolution above, read by name from the per-function floor
# (goguard.analyses.aliases), which must not import the package floor.
fact("keeps-summary")(lambda package: keeps)
fact("callee-decl")(lambda package: callee_decl)
