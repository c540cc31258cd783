"""Misuses of `reflect.SliceHeader` and `reflect.StringHeader`, found once per file.

`pass_.result("slice_headers")` lists each misuse (where, what, the steps that lead
there) and the mentions of the header types that the misuse consists of. GG302
reports the misuses; GG303 (deprecated headers) leaves those mentions to GG302, so
one mistake gets one report.

A misuse is:

- a header *value* (`var h reflect.SliceHeader`, `reflect.SliceHeader{...}`,
  `&reflect.StringHeader{...}`, `new(reflect.SliceHeader)`, a copy of a real slice's
  header) converted into a slice or a string through `unsafe.Pointer`, or a header
  literal stored through a header pointer;
- `unsafe.Pointer(h.Data)` of a header value naming Go memory, and
  `unsafe.Pointer(hdr.Data + off)` through any header;
- through a header *pointer* `(*reflect.SliceHeader)(unsafe.Pointer(&b))`: `Data` set
  from a `uintptr` kept in a variable (computed in an earlier statement, or passed
  in), `Data` pointed at a local variable while `b` leaves the function (returned,
  stored outside, sent), and `Len` or `Cap` set beyond the memory behind the data.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from tree_sitter import Node

from goguard.analyses import analysis
from goguard.analyses.backing import backing, plural, ref_key, shorten
from goguard.analyses.consts import Consts
from goguard.analyses.unsafe_imports import (
    POINTER_CONVERSIONS,
    UnsafeImports,
    call_args,
    pointer_conversion,
)
from goguard.frontend.source import matches
from goguard.frontend.syntax import strip_parens

_QUERY = POINTER_CONVERSIONS + """
(assignment_statement left: (expression_list (selector_expression field: (field_identifier) @f
  (#any-of? @f "Data" "Len" "Cap")) @lhs)) @assign
(assignment_statement left: (expression_list (unary_expression operator: "*") @store)
  right: (expression_list (composite_literal) @literal)) @literal_store
(call_expression function: (selector_expression field: (field_identifier) @p (#eq? @p "Pointer"))
  arguments: (argument_list [(selector_expression field: (field_identifier) @d (#eq? @d "Data"))
                             (binary_expression)])) @from_uintptr
"""

_HEADER_TYPES = {"reflect.SliceHeader": "SliceHeader", "reflect.StringHeader": "StringHeader"}

_REPLACEMENT = {"SliceHeader": "unsafe.Slice(ptr, len)", "StringHeader": "unsafe.String(ptr, len)"}


@dataclass
class Misuse:
    node: Node
    message: str
    flow: list = field(default_factory=list)


@dataclass
class HeaderMisuses:
    misuses: list[Misuse] = field(default_factory=list)
    covered: set[int] = field(default_factory=set)  # ids of header type mentions GG302 reports


def header_mentions(ui: UnsafeImports, node: Node | None) -> list[Node]:
    """The `reflect.SliceHeader` / `reflect.StringHeader` mentions inside node."""
    if node is None:
        return []
    out = []
    stack = [node]
    while stack:
        n = stack.pop()
        if n.type in ("selector_expression", "qualified_type") and ui.header(n) is not None:
            out.append(n)
            continue
        stack.extend(n.named_children)
    return out


class _Finder:
    def __init__(self, pass_) -> None:
        self.pass_ = pass_
        self.text = pass_.file.code  # quoted in messages: code, not its comments
        self.ui: UnsafeImports = pass_.result("unsafe_imports")
        self.out = HeaderMisuses()
        # (header key, what Data is set to) for each write of a header's Data field.
        self.data_writes: list[tuple] = []

    def consts(self, node: Node) -> Consts:
        return self.pass_.result("consts", self.pass_.enclosing_function(node))

    def add(self, node: Node, message: str, flow=(), cover=()) -> None:
        self.out.misuses.append(Misuse(node, message, list(flow)))
        for c in cover:
            self.out.covered.update(m.id for m in header_mentions(self.ui, c))

    # ---- header values converted to slices --------------------------------------------

    def conversion(self, conv: Node) -> None:
        pc = pointer_conversion(conv)
        if pc is None:
            return
        target, operand = pc
        consts = self.consts(conv)
        tt = consts.underlying(consts.type_expr(target))
        if tt is None or not (tt.kind == "slice" or tt.kind == "basic" and tt.name == "string"):
            return
        inner = self.ui.pointer_arg(operand)
        if inner is None:
            return
        found = self.header_value(consts, inner)
        if found is None:
            return
        name, origin = found
        kind = "slice" if tt.kind == "slice" else "string"
        what = self.text(strip_parens(inner))
        flow = [(origin, "the header value is declared here")] if origin.start_point[0] != conv.start_point[0] else []
        self.add(conv, f"reflect.{name} value {shorten(what, 50)} converted to a {kind}: the garbage collector does not "
                       f"see its Data field as a pointer, so the memory can be freed or moved under the {kind}; "
                       f"use {_REPLACEMENT[name]}", flow, cover=(conv, origin))

    def header_value(self, consts: Consts, e: Node, depth: int = 0) -> tuple[str, Node] | None:
        """(header name, the node that declares it) when e points to a header value:
        `&h` of a header variable, `&reflect.SliceHeader{...}`, `new(reflect.SliceHeader)`,
        or a local variable holding one of these."""
        e = strip_parens(e)
        if depth > 4:
            return None
        if e.type == "unary_expression":
            op, x = e.child_by_field_name("operator"), e.child_by_field_name("operand")
            if op is None or op.type != "&" or x is None:
                return None
            x = strip_parens(x)
            if x.type == "composite_literal":
                name = self.ui.header(x.child_by_field_name("type") or x)
                return (name, x) if name else None
            if x.type == "identifier":
                return self.header_variable(consts, x)
            return None
        if e.type == "call_expression":
            fn = e.child_by_field_name("function")
            args = call_args(e)
            if fn is not None and consts.builtin(fn) == "new" and len(args) == 1:
                name = self.ui.header(args[0])
                return (name, e) if name else None
            return None
        if e.type == "identifier":
            d = consts.decl(e)
            if d is None or not consts.unchanged(d):
                return None
            v = consts.initial_value(d)
            return self.header_value(consts, v, depth + 1) if v is not None else None
        return None

    def header_variable(self, consts: Consts, x: Node) -> tuple[str, Node] | None:
        """A variable whose type is a header value: declared `var h reflect.SliceHeader`
        (local or package level) or `h := reflect.SliceHeader{...}`."""
        d = consts.decl(x)
        if d is not None:
            if d.kind != "var":
                return None
            if d.type_node is not None:
                name = self.ui.header(d.type_node)
                return (name, d.stmt or d.ident) if name else None
            v = consts.initial_value(d)
            v = strip_parens(v) if v is not None else None
            if v is not None and v.type == "composite_literal":
                name = self.ui.header(v.child_by_field_name("type") or v)
                return (name, d.stmt or v) if name else None
            # A copy: `h := *(*reflect.SliceHeader)(unsafe.Pointer(&s))`, or any other
            # value of a header type. Its Data is a uintptr that keeps nothing alive.
            kind = header_kind(consts, x)
            return (kind[0], d.stmt or d.ident) if kind is not None and not kind[1] else None
        td = self.pass_.package.decls.get(self.text(x))
        if td is not None and td.kind == "var" and td.file is self.pass_.file and td.type_node is not None:
            name = self.ui.header(td.type_node)
            return (name, td.node) if name else None
        return None

    # ---- writes through header pointers -----------------------------------------------

    def header_pointer(self, consts: Consts, e: Node, depth: int = 0) -> tuple[str, Node, Node] | None:
        """(header name, the conversion, what it points at) for an expression that is
        `(*reflect.SliceHeader)(unsafe.Pointer(x))` or a local variable holding one."""
        e = strip_parens(e)
        hp = self.ui.header_pointer_conversion(e)
        if hp is not None:
            return hp[0], e, strip_parens(hp[1])
        if e.type == "identifier" and depth < 4:
            d = consts.decl(e)
            if d is not None and consts.unchanged(d):
                v = consts.initial_value(d)
                return self.header_pointer(consts, v, depth + 1) if v is not None else None
        return None

    def field_write(self, assign: Node, lhs: Node) -> None:
        left, right = assign.child_by_field_name("left"), assign.child_by_field_name("right")
        op = assign.child_by_field_name("operator")
        if left is None or right is None or op is None or op.type != "=" or \
                len(left.named_children) != len(right.named_children):
            return
        rhs = right.named_children[list(left.named_children).index(lhs)]
        consts = self.consts(assign)
        operand = lhs.child_by_field_name("operand")
        hp = self.header_pointer(consts, operand) if operand is not None else None
        if hp is None:
            return
        name, conv, target = hp
        fname = self.text(lhs.child_by_field_name("field"))
        if fname == "Data":
            self.data_write(consts, assign, lhs, rhs, name, conv, target)
        else:
            self.length_write(consts, assign, lhs, rhs, name, conv, target, fname)

    def data_write(self, consts, assign, lhs, rhs, name, conv, target) -> None:
        r = strip_parens(rhs)
        text = self.text
        if r.type == "identifier":
            d = consts.decl(r)
            source = self.pointer_uintptr(consts, d) if d is not None else None
            if source is None:
                return  # a parameter, a syscall's result: maybe memory the collector does not manage
            self.add(assign, f"{text(lhs)} is set from {text(r)}, a uintptr computed in an earlier statement: "
                             f"nothing keeps what it points to alive, and the garbage collector may have freed "
                             f"or moved it by now; convert in the same expression, "
                             f"{text(lhs)} = uintptr(unsafe.Pointer(p)), or use {_REPLACEMENT[name]}",
                     [(source, f"{text(r)} is computed from a pointer here")], cover=(conv,))
            return
        local = self.local_pointee(consts, r)
        if local is None:
            return
        leaves = self.leaves(consts, target)
        if leaves is None:
            return
        tgt = text(target)
        tgt = tgt[1:] if tgt.startswith("&") else "*" + tgt
        self.add(assign, f"{text(lhs)} points at the local variable {text(local)}, and {tgt} leaves "
                         f"the function: the compiler does not see that {tgt} refers to "
                         f"{text(local)}, which may stay on the stack and die with the call; use "
                         f"{_REPLACEMENT[name]} on memory that outlives it",
                 [(local, f"{text(local)} is a local variable"), (leaves, f"{tgt} leaves the function here")],
                 cover=(conv,))

    def pointer_uintptr(self, consts: Consts, d) -> Node | None:
        """Where a local variable is given `uintptr(unsafe.Pointer(...))` (plus or minus an
        offset): the pointer became an integer in an earlier statement."""
        if d.kind != "var":
            return None
        values = [consts.initial_value(d)]
        for ref in consts.scopes.refs.get(d.id, ()):
            stmt = ref.parent.parent if ref.parent is not None and ref.parent.type == "expression_list" else None
            if stmt is not None and stmt.type == "assignment_statement" and consts.may_write(ref):
                left, right = stmt.child_by_field_name("left"), stmt.child_by_field_name("right")
                if left is not None and right is not None and len(left.named_children) == len(right.named_children):
                    values.append(right.named_children[list(left.named_children).index(ref)])
        for v in values:
            call = _from_pointer(self.ui, consts, v) if v is not None else None
            if call is not None:
                return call
        return None

    def local_pointee(self, consts: Consts, r: Node) -> Node | None:
        """x for `uintptr(unsafe.Pointer(&x))` (or `&x[i]`, plus an offset) where x is a
        local variable of array, struct or basic type."""
        r = strip_parens(r)
        if r.type == "binary_expression":
            return self.local_pointee(consts, r.child_by_field_name("left") or r)
        if r.type != "call_expression" or consts.builtin(r.child_by_field_name("function") or r) != "uintptr":
            return None
        args = call_args(r)
        inner = self.ui.pointer_arg(args[0]) if len(args) == 1 else None
        inner = strip_parens(inner) if inner is not None else None
        if inner is None or inner.type != "unary_expression":
            return None
        x = strip_parens(inner.child_by_field_name("operand") or inner)
        if x.type == "index_expression":
            x = strip_parens(x.child_by_field_name("operand") or x)
        if x.type != "identifier":
            return None
        d = consts.decl(x)
        if d is None or d.kind != "var":
            return None
        u = consts.underlying(consts.type_of(x))
        if u is None or u.kind not in ("array", "struct", "basic"):
            return None
        # Its address taken elsewhere, or captured by a closure: it may live on the heap,
        # where b's Data word, a real pointer, keeps it alive.
        for ref in consts.scopes.refs.get(d.id, ()):
            if not (inner.start_byte <= ref.start_byte < inner.end_byte) and _address_taken(ref, d.func):
                return None
        return x

    def leaves(self, consts: Consts, target: Node) -> Node | None:
        """Where the slice or string the header points at leaves the function: `&b`
        of a local b that is returned, stored outside the function or sent; or a
        pointer passed in (the caller's slice)."""
        if target.type == "identifier":
            d = consts.decl(target)
            if d is not None and d.kind == "param":
                t = consts.underlying(consts.type_of(target))
                return target if t is not None and t.kind == "pointer" else None
            return None
        if target.type != "unary_expression":
            return None
        b = strip_parens(target.child_by_field_name("operand") or target)
        d = consts.decl(b) if b.type == "identifier" else None
        if d is None:
            return None
        if d.kind == "result":
            return d.ident
        for ref in consts.scopes.refs.get(d.id, ()):
            n, p = ref, ref.parent
            while p is not None and p.type in ("parenthesized_expression", "slice_expression", "expression_list",
                                               "type_conversion_expression", "call_expression", "argument_list"):
                if p.type == "call_expression" and not pointer_conversion(p):
                    break
                n, p = p, p.parent
            if p is None:
                continue
            if p.type == "return_statement":
                return ref
            if p.type == "send_statement":
                return ref
            if p.type == "assignment_statement" and p.child_by_field_name("right") == n:
                dests = p.child_by_field_name("left")
                if dests is not None and any(not _local_ident(consts, x) for x in dests.named_children):
                    return ref
        return None

    def length_write(self, consts, assign, lhs, rhs, name, conv, target, fname) -> None:
        n = consts.int(rhs)
        if n is None or n < 0:
            return
        avail, unit, what = self.capacity(consts, assign, conv, target, name)
        if avail is None or n <= avail:
            return
        text = self.text
        self.add(assign, f"{text(lhs)} = {n} is beyond the {plural(avail, unit)} behind {what}: the "
                         f"{'string' if name == 'StringHeader' else 'slice'} now reaches {plural(n - avail, unit)} "
                         f"past its memory", cover=(conv,))

    def capacity(self, consts: Consts, assign: Node, conv: Node, target: Node, name: str):
        """(elements available, unit, what) behind the header's data: what `Data` is set
        to in the function, or else what the header's own slice or string holds."""
        hdr_writes = [b for key, b in self.data_writes if key == self.hdr_key(consts, conv)]
        if hdr_writes:
            if len(hdr_writes) != 1:
                return None, "", ""
            b = hdr_writes[0]
            elem = self.elem_size(consts, target, name)
            if b is None or b.bytes is None or not elem:
                return None, "", ""
            return b.bytes // elem, "byte" if elem == 1 and name == "StringHeader" else "element", \
                self.text(b.root)
        if target.type != "unary_expression":
            return None, "", ""
        x = strip_parens(target.child_by_field_name("operand") or target)
        allow = frozenset(r.id for r in _idents(target))
        ext = consts.slice_extent(x, allow)
        if ext is None:
            return None, "", ""
        unit = "byte" if name == "StringHeader" else "element"
        return ext[1], unit, self.text(x)

    def elem_size(self, consts: Consts, target: Node, name: str) -> int | None:
        if name == "StringHeader":
            return 1
        t = consts.underlying(consts.type_of(target))
        t = consts.underlying(t.elem) if t is not None and t.kind == "pointer" and t.elem is not None else None
        return consts.sizeof(t.elem) if t is not None and t.kind == "slice" and t.elem is not None else None

    def hdr_key(self, consts: Consts, conv: Node):
        """The header variable a conversion is stored in (its declaration id), or the
        conversion itself when it is used inline."""
        p = conv.parent
        while p is not None and p.type in ("parenthesized_expression", "expression_list"):
            p = p.parent
        if p is not None and p.type in ("short_var_declaration", "var_spec"):
            left = p.child_by_field_name("left")
            names = left.named_children if left is not None else p.children_by_field_name("name")
            if len(names) == 1:
                d = consts.decl(names[0])
                if d is not None:
                    return "var", d.id
        hp = self.ui.header_pointer_conversion(conv)
        target = strip_parens(hp[1]) if hp is not None else None
        if target is not None and target.type == "unary_expression":
            target = target.child_by_field_name("operand")
        key = ref_key(consts, target) if target is not None else None
        return ("inline", key) if key is not None else ("conv", conv.id)

    # ---- a header literal stored through a pointer -------------------------------------

    def literal_store(self, assign: Node, store: Node, literal: Node) -> None:
        """`*(*reflect.StringHeader)(unsafe.Pointer(&s)) = reflect.StringHeader{...}`: the
        header is built as a value, with Data a uintptr, and copied over s's header."""
        left, right = assign.child_by_field_name("left"), assign.child_by_field_name("right")
        if left is None or right is None or len(left.named_children) != 1 or len(right.named_children) != 1:
            return
        name = self.ui.header(literal.child_by_field_name("type") or literal)
        hp = self.ui.header_pointer_conversion(strip_parens(store.child_by_field_name("operand") or store))
        if name is None or hp is None:
            return
        target = self.text(strip_parens(hp[1]))
        target = target[1:] if target.startswith("&") else "*" + target
        kind = "string" if name == "StringHeader" else "slice"
        self.add(assign, f"a reflect.{name} literal stored over {shorten(target, 40)}'s header: its Data is a "
                         f"uintptr computed before the store, which keeps nothing alive and is written without "
                         f"the garbage collector seeing a pointer; the {kind} may then point at freed or moved "
                         f"memory; use {_REPLACEMENT[name]}", cover=(assign,))

    # ---- unsafe.Pointer made from Data ------------------------------------------------

    def from_uintptr(self, call: Node) -> None:
        """`unsafe.Pointer(h.Data)` of a header value, and `unsafe.Pointer(hdr.Data + off)`
        of any header: a pointer made from a uintptr that was not converted from a
        pointer in the same expression (rule 3 of package unsafe)."""
        u = self.ui.call(call)
        if u is None or u[0] != "Pointer" or len(u[1]) != 1:
            return
        consts = self.consts(call)
        arg = strip_parens(u[1][0])
        if arg.type == "selector_expression":
            data = self.data_of(consts, arg)
            if data is None or data[2]:
                return  # through a pointer to a live header: unsafe's rule 6, checkptr exempts it
            name, x, _ = data
            origin = self.go_memory(consts, x)
            if origin is None:
                return  # Data from elsewhere (a parameter's, mmap, C): memory the collector may not manage
            self.add(call, f"unsafe.Pointer({self.text(arg)}) of a reflect.{name} value: its Data is a uintptr "
                           f"that has kept nothing alive since {origin[1]}; checkptr ends the run with "
                           f"\"pointer arithmetic result points to invalid allocation\"; use "
                           f"{_DATA[name]} on the {_KIND[name]} itself",
                     [(origin[0], f"{self.text(x)}: {origin[1]} here")], cover=(call,))
            return
        if arg.type != "binary_expression" or (arg.child_by_field_name("operator") or arg).type not in ("+", "-"):
            return
        for term in _terms(arg):
            data = self.data_of(consts, term)
            if data is None:
                continue
            name, x, _ = data
            self.add(call, f"unsafe.Pointer({shorten(self.text(arg), 50)}) makes a pointer from arithmetic on "
                           f"{self.text(x)}.Data, a uintptr that was not converted from a pointer in this "
                           f"expression (rule 3 of package unsafe); checkptr ends the run with \"pointer "
                           f"arithmetic result points to invalid allocation\"; use unsafe.Add({_DATA[name]}(s), "
                           f"off) on the {_KIND[name]} itself", self._declared(consts, x), cover=(call,))
            return

    def data_of(self, consts: Consts, e: Node) -> tuple[str, Node, bool] | None:
        """(header name, X, X is a pointer) for `X.Data` (or `uintptr(X.Data)`) where X
        has a header type or is a header pointer conversion."""
        e = strip_parens(e)
        if e.type == "call_expression" and consts.builtin(e.child_by_field_name("function") or e) == "uintptr":
            args = call_args(e)
            e = strip_parens(args[0]) if len(args) == 1 else e
        if e.type != "selector_expression" or self.text(e.child_by_field_name("field") or e) != "Data":
            return None
        x = strip_parens(e.child_by_field_name("operand") or e)
        hp = self.header_pointer(consts, x)
        if hp is not None:
            return hp[0], x, True
        kind = header_kind(consts, x)
        return (kind[0], x, kind[1]) if kind is not None else None

    def go_memory(self, consts: Consts, x: Node) -> tuple[Node, str] | None:
        """(where, what) when the header value x names memory of the Go heap or stack:
        it is a copy of a slice's or string's header (`h := *(*reflect.SliceHeader)(
        unsafe.Pointer(&s))`), or its Data is set from a pointer in the function."""
        d = consts.decl(x) if x.type == "identifier" else None
        if d is None or d.kind != "var":
            return None
        v = consts.initial_value(d)
        v = strip_parens(v) if v is not None else None
        if v is not None and v.type == "unary_expression" and (v.child_by_field_name("operator") or v).type == "*":
            hp = self.header_pointer(consts, v.child_by_field_name("operand") or v)
            if hp is not None:
                return v, f"the header was copied from {self.text(hp[2]).lstrip('&')}"
        data = _literal_data(v) if v is not None and v.type == "composite_literal" else None
        if data is not None and (self.local_pointee(consts, data) is not None or
                                 self.data_backing(consts, data) is not None or
                                 _from_pointer(self.ui, consts, data) is not None or
                                 self.data_of(consts, data) is not None):
            return data, "Data was set from a pointer"  # h := reflect.SliceHeader{Data: uintptr(p), ...}
        for ref in consts.scopes.refs.get(d.id, ()):
            sel = ref.parent
            if sel is None or sel.type != "selector_expression" or self.text(sel.child_by_field_name("field") or sel) != "Data":
                continue
            lst = sel.parent
            stmt = lst.parent if lst is not None and lst.type == "expression_list" else None
            if stmt is None or stmt.type != "assignment_statement" or stmt.child_by_field_name("left") != lst:
                continue
            right = stmt.child_by_field_name("right")
            if right is not None and len(right.named_children) == len(lst.named_children):
                val = right.named_children[list(lst.named_children).index(sel)]
                if self.local_pointee(consts, val) is not None or self.data_backing(consts, val) is not None or \
                        _from_pointer(self.ui, consts, val) is not None:
                    return stmt, "Data was set from a pointer"
        return None

    def _declared(self, consts: Consts, x: Node) -> list:
        d = consts.decl(x) if x.type == "identifier" else None
        if d is None or d.ident.start_point[0] == x.start_point[0]:
            return []
        return [(d.stmt or d.ident, f"{self.text(x)} is declared here")]

    def run(self) -> HeaderMisuses:
        ui = self.ui
        if not ui.names["reflect"] or not ui.names["unsafe"]:
            return self.out
        convs, assigns, stores, calls = [], [], [], []
        for _, caps in matches(_QUERY, self.pass_.file.root):
            convs.extend(caps.get("conv", ()))
            if caps.get("assign") and caps.get("lhs"):
                assigns.append((caps["assign"][0], caps["lhs"][0]))
            if caps.get("literal_store") and caps.get("store") and caps.get("literal"):
                stores.append((caps["literal_store"][0], caps["store"][0], caps["literal"][0]))
            calls.extend(caps.get("from_uintptr", ()))
        # Data writes first: Len and Cap are judged against the memory Data is set to.
        for assign, lhs in assigns:
            if self.text(lhs.child_by_field_name("field")) != "Data":
                continue
            consts = self.consts(assign)
            operand = lhs.child_by_field_name("operand")
            hp = self.header_pointer(consts, operand) if operand is not None else None
            if hp is None:
                continue
            right = assign.child_by_field_name("right")
            rhs = right.named_children[0] if right is not None and len(right.named_children) == 1 else None
            self.data_writes.append((self.hdr_key(consts, hp[1]), self.data_backing(consts, rhs)))
        for conv in convs:
            self.conversion(conv)
        for assign, lhs in assigns:
            self.field_write(assign, lhs)
        for assign, store, literal in stores:
            self.literal_store(assign, store, literal)
        for call in {c.id: c for c in calls}.values():
            self.from_uintptr(call)
        return self.out

    def data_backing(self, consts: Consts, rhs: Node | None):
        if rhs is None:
            return None
        r = strip_parens(rhs)
        if r.type == "call_expression" and consts.builtin(r.child_by_field_name("function") or r) == "uintptr":
            args = call_args(r)
            return backing(consts, args[0]) if len(args) == 1 else None
        return None


_KIND = {"SliceHeader": "slice", "StringHeader": "string"}
_DATA = {"SliceHeader": "unsafe.SliceData", "StringHeader": "unsafe.StringData"}


def _from_pointer(ui: UnsafeImports, consts: Consts, v: Node) -> Node | None:
    """The `uintptr(unsafe.Pointer(...))` call that v is, plus or minus offsets, or None."""
    v = strip_parens(v)
    while v.type == "binary_expression":
        v = strip_parens(v.child_by_field_name("left") or v)
    if v.type != "call_expression" or consts.builtin(v.child_by_field_name("function") or v) != "uintptr":
        return None
    args = call_args(v)
    ok = len(args) == 1 and (ui.pointer_arg(args[0]) is not None or consts.is_unsafe_pointer(args[0]))
    return v if ok else None


def _literal_data(lit: Node) -> Node | None:
    """The value of the `Data:` element of a header literal."""
    body = lit.child_by_field_name("body")
    for el in body.named_children if body is not None else ():
        if el.type != "keyed_element" or len(el.named_children) != 2:
            continue
        key, val = el.named_children
        key = key.named_children[0] if key.type == "literal_element" and key.named_children else key
        if key.type in ("identifier", "field_identifier") and key.text == b"Data":
            return val.named_children[0] if val.type == "literal_element" and val.named_children else val
    return None


def header_kind(consts: Consts, x: Node) -> tuple[str, bool] | None:
    """(header name, is a pointer) when x's type is reflect.SliceHeader or
    reflect.StringHeader, or a pointer to one."""
    t = consts.type_of(x)
    pointer = t.kind == "pointer"
    if pointer:
        t = t.elem
    name = _HEADER_TYPES.get(t.name) if t is not None and t.kind == "named" else None
    return (name, pointer) if name is not None else None


def _terms(e: Node):
    """The operands of a chain of + and -."""
    e = strip_parens(e)
    if e.type == "binary_expression" and (e.child_by_field_name("operator") or e).type in ("+", "-"):
        for side in ("left", "right"):
            c = e.child_by_field_name(side)
            if c is not None:
                yield from _terms(c)
    else:
        yield e


def _address_taken(ref: Node, home: Node) -> bool:
    """ref is under `&` or sliced (`x[:]` takes an array's address), or used in a
    closure of the function that declares it."""
    n, p = ref, ref.parent
    while p is not None and p.type in ("parenthesized_expression", "selector_expression", "index_expression"):
        n, p = p, p.parent
    if p is not None and p.type == "unary_expression" and (p.child_by_field_name("operator") or p).type == "&":
        return True
    if p is not None and p.type == "slice_expression" and p.child_by_field_name("operand") == n:
        return True
    f = ref.parent
    while f is not None and f.type not in ("func_literal", "function_declaration", "method_declaration"):
        f = f.parent
    return f is not None and f != home


def _idents(node: Node):
    stack = [node]
    while stack:
        n = stack.pop()
        if n.type == "identifier":
            yield n
        stack.extend(n.named_children)


def _local_ident(consts: Consts, x: Node) -> bool:
    x = strip_parens(x)
    if x.type != "identifier":
        return False
    if consts.file.text(x) == "_":
        return True
    d = consts.decl(x)
    return d is not None and d.kind in ("var", "param")


@analysis("slice_headers")
def slice_headers_analysis(pass_, fn: Node | None = None) -> HeaderMisuses:
    return _Finder(pass_).run()
