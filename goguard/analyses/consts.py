"""Constant values, types and sizes of expressions, without a type-checker.

`pass_.result("consts", fn)` gives a `Consts` for the function around `fn` (closures
share their top-level function's); `fn=None` gives one for package-level code. It
evaluates:

- integer, rune and string literals, and `const` declarations, in the package or in
  the function, with `iota` and the implicit repetition of a const group;
- arithmetic (`+ - * / % << >> & | ^ &^`, unary `- + ^`) with Go's semantics for
  typed integers (wrap-around, truncated division), and conversions to integer types;
- `len` of arrays and of constant strings, `len`/`cap` of a slice made with constant
  sizes (`b := make([]T, L, C)`, `b := []T{...}`, `var b []T`), `min`/`max`;
- `unsafe.Sizeof`, `unsafe.Alignof` and `unsafe.Offsetof`;
- a local variable that is assigned only where it is declared and whose address is
  never taken (`n := 16`), as the value it was declared with.

Sizes follow the gc compiler on 64-bit platforms: `int`, `uint`, `uintptr` and
pointers are 8 bytes, a string 16, a slice 24, an interface 16; structs are laid out
with gc's alignment and padding rules. In a file built only for a 32-bit platform
(a `_386.go`-style name or a `//go:build` line naming a 32-bit GOARCH), sizes that
depend on the word size are unknown. A name declared in several files of a package
(one per platform, behind build tags) has no known value or size. Anything not
listed above is unknown (None), and callers stay silent on unknown.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from tree_sitter import Node

from goguard.analyses import analysis
from goguard.analyses.const_types import Typing, _Ctx
from goguard.analyses.layout import Layout
from goguard.analyses.literals import (  # noqa: F401 (INT_TYPES: read from here by backing.py)
    INT_TYPES,
    WORD,
    _go_div,
    _unescape,
    parse_int_literal,
    wrap,
)
from goguard.analyses.unsafe_imports import UNSAFE, UnsafeImports, call_args
from goguard.frontend.gotypes import UNKNOWN, Type, TypeResolver
from goguard.frontend.package import Package
from goguard.frontend.scopes import Decl, Scopes, top_function
from goguard.frontend.source import SourceFile
from goguard.frontend.syntax import strip_parens

_ARCH32 = ("386", "arm", "armbe", "mips", "mipsle", "mips64p32", "mips64p32le", "ppc", "riscv",
           "s390", "sparc", "amd64p32")
_ARCH32_FILE = re.compile(r"_(%s)(_test)?\.go$" % "|".join(_ARCH32))
_BUILD_LINE = re.compile(rb"^//go:build (.*)$", re.M)
_ARCH32_WORD = re.compile(r"\b(%s)\b" % "|".join(_ARCH32))

# The parents of an identifier in which it is written or may be written.
_WRITES = ("assignment_statement", "short_var_declaration", "range_clause", "receive_statement")


@dataclass(frozen=True)
class Const:
    """A constant value: an int or the bytes of a string; `type` names the basic integer
    type of a typed integer (None: untyped or not an integer)."""

    value: int | bytes
    type: str | None = None


def word_size(file: SourceFile) -> int | None:
    """The word size the file is compiled for: 8, or None for 32-bit-only files."""
    if _ARCH32_FILE.search(file.path):
        return None
    head = file.data[: file.data.find(b"\npackage ") + 1 or 4096]
    for m in _BUILD_LINE.finditer(head):
        if _ARCH32_WORD.search(m.group(1).decode("utf-8", "replace")):
            return None
    return WORD


def ambiguous_names(package: Package) -> frozenset[str]:
    """Package-level names declared in more than one file (per-platform declarations
    behind build tags): their values and sizes depend on the build."""
    cached = package.facts.get("ambiguous_names")
    if cached is None:
        seen: dict[str, str] = {}
        dup: set[str] = set()
        for f in package.files:
            for name in _top_names(f):
                if seen.setdefault(name, f.abspath) != f.abspath:
                    dup.add(name)
        cached = package.facts["ambiguous_names"] = frozenset(dup)
    return cached


def _top_names(f: SourceFile):
    for decl in f.root.named_children:
        if decl.type in ("function_declaration",):
            n = decl.child_by_field_name("name")
            if n is not None:
                yield f.text(n)
            continue
        if decl.type not in ("type_declaration", "var_declaration", "const_declaration"):
            continue
        stack = list(decl.named_children)
        while stack:
            spec = stack.pop()
            if spec.type.endswith("_spec_list"):
                stack.extend(spec.named_children)
            elif spec.type in ("type_spec", "type_alias"):
                n = spec.child_by_field_name("name")
                if n is not None:
                    yield f.text(n)
            elif spec.type in ("var_spec", "const_spec"):
                yield from (f.text(n) for n in spec.children_by_field_name("name"))




class Consts(Typing, Layout):
    def __init__(self, pass_, fn: Node | None) -> None:
        self._pass = pass_
        self.package: Package = pass_.package
        self.file: SourceFile = pass_.file
        self.scopes: Scopes | None = pass_.result("scopes", fn) if fn is not None else None
        self.types = TypeResolver.of(self.package)
        self.word = word_size(self.file)
        self.ambiguous = ambiguous_names(self.package)
        self._unsafe: dict[int, UnsafeImports] = {}
        self._local = _Ctx(self.file, self.scopes)
        self._local_type_names = frozenset(d.name for d in self.scopes.decls if d.kind == "type") \
            if self.scopes is not None else frozenset()
        self._busy: set[int] = set()

    # ---- public API -------------------------------------------------------------------

    def value(self, node: Node) -> int | bytes | None:
        """The constant value of an expression (an int, or a string's bytes)."""
        c = self._eval(node, self._ctx_for(node))
        return c.value if c is not None else None

    def int(self, node: Node) -> int | None:
        v = self.value(node)
        return v if isinstance(v, int) else None

    def type_of(self, node: Node) -> Type:
        return self._type_of(node, self._ctx_for(node))

    def type_expr(self, node: Node) -> Type:
        """The type named by a type node or by an expression used as a type (`uint64`,
        `pkg.T`, `*T` in `(*T)(x)`)."""
        return self._type_expr(node, self._ctx_for(node))

    def decl(self, ident: Node) -> Decl | None:
        """The local declaration an identifier refers to."""
        return self.scopes.decl_of(ident) if self.scopes is not None and ident.type == "identifier" else None

    def unchanged(self, d: Decl, allow: frozenset[int] = frozenset()) -> bool:
        """Whether a local variable keeps the value it was declared with: it is never
        assigned again, incremented, or has its address taken (outside `allow`, a set
        of node ids of references that may do so)."""
        if self.scopes is None or d.kind != "var" or d.origin not in ("var", "define"):
            return False
        for ref in self.scopes.refs.get(d.id, ()):
            if ref.id not in allow and self.may_write(ref):
                return False
        return True

    def is_unsafe_pointer(self, node: Node) -> bool:
        """node's type is unsafe.Pointer (declared so, or an unsafe.Pointer(...) call)."""
        t = self.type_of(node)
        return t.kind == "named" and t.name == "unsafe.Pointer"

    def slice_extent(self, node: Node, allow: frozenset[int] = frozenset()) -> tuple[int, int] | None:
        """(len, cap) of a slice or string with constant sizes: a constant string, a
        `make([]T, L, C)` or `[]T{...}` (or a local variable initialised with one and
        never changed, but for the references in `allow`), or `var b []T` (empty)."""
        return self._extent(strip_parens(node), self._ctx_for(node), set(), allow)

    def builtin(self, fn: Node) -> str | None:
        """The name of the predeclared function or type called at fn (`len`, `make`,
        `int`), unless a declaration shadows it."""
        ctx = self._ctx_for(fn)
        return self._builtin(strip_parens(fn), ctx) if ctx is not None else None

    def sizeof(self, t: Type) -> int | None:
        return self._size_align(t, 0)[0]

    def alignof(self, t: Type) -> int | None:
        return self._size_align(t, 0)[1]

    def array_len(self, t: Type) -> int | None:
        if t.kind != "array" or t.length is None or t.file is None:
            return None
        if t.length.type == "literal_value":  # [...]T{...}: as many as the literal holds
            return self._literal_count(t.length, self._ctx_for(t.length, t.file))
        c = self._eval(t.length, self._ctx_for(t.length, t.file))
        return c.value if c is not None and isinstance(c.value, int) and c.value >= 0 else None

    def unsafe_imports(self, file: SourceFile | None = None) -> UnsafeImports:
        """The `unsafe`/`reflect` import names of this file (or of another file of the
        package, for its package-level declarations: nothing shadows them there)."""
        if file is None or file is self.file:
            return self._pass.result("unsafe_imports")
        u = self._unsafe.get(id(file))
        if u is None:
            u = self._unsafe[id(file)] = UnsafeImports(self.package.imports(file), file.text)
        return u

    # ---- contexts ---------------------------------------------------------------------

    def _ctx_for(self, node: Node, file: SourceFile | None = None) -> _Ctx | None:
        """The context of a node: the local one inside this function, the package one
        for package-level code; None inside another function (its locals are unknown)."""
        file = file or self.file
        if file is self.file and self.scopes is not None:
            root = self.scopes.root
            if root.start_byte <= node.start_byte and node.end_byte <= root.end_byte:
                return self._local
        n = node.parent
        while n is not None:
            if n.type in ("function_declaration", "method_declaration", "func_literal"):
                return None
            n = n.parent
        return _Ctx(file, None)

    # ---- values -----------------------------------------------------------------------

    def _eval(self, node: Node | None, ctx: _Ctx | None, depth: int = 0) -> Const | None:
        if node is None or ctx is None or depth > 40:
            return None
        key = node.id
        if key in self._busy:
            return None
        self._busy.add(key)
        try:
            return self._eval1(strip_parens(node), ctx, depth + 1)
        finally:
            self._busy.discard(key)

    def _eval1(self, n: Node, ctx: _Ctx, depth: int) -> Const | None:
        t = n.type
        text = ctx.file.text
        if t == "int_literal":
            v = parse_int_literal(text(n))
            return Const(v) if v is not None else None
        if t == "rune_literal":
            b = _unescape(text(n)[1:-1])
            s = b.decode("utf-8", "replace") if b is not None else ""
            return Const(ord(s), None) if len(s) == 1 else None
        if t == "interpreted_string_literal":
            b = _unescape(text(n)[1:-1])
            return Const(b) if b is not None else None
        if t == "raw_string_literal":
            return Const(text(n)[1:-1].replace("\r", "").encode("utf-8"))
        if t == "iota":
            return Const(ctx.iota) if ctx.iota is not None else None
        if t == "identifier":
            return self._ident_value(n, ctx, depth)
        if t == "binary_expression":
            return self._binary(n, ctx, depth)
        if t == "unary_expression":
            return self._unary(n, ctx, depth)
        if t == "call_expression":
            return self._call_value(n, ctx, depth)
        return None

    def _ident_value(self, n: Node, ctx: _Ctx, depth: int) -> Const | None:
        d = ctx.scopes.decl_of(n) if ctx.scopes is not None else None
        if d is not None:
            if d.kind == "const" and d.stmt is not None:
                return self._const_spec(d.stmt, d.index or 0, ctx, depth)
            if d.kind == "var" and self.unchanged(d):
                v = self.initial_value(d)
                if v is not None:
                    c = self._eval(v, ctx, depth)
                    return self._convert(c, self._type_expr(d.type_node, ctx)) if d.type_node is not None else (
                        Const(c.value, "int") if c is not None and c.type is None and isinstance(c.value, int) else c)
                if d.stmt is not None and d.stmt.type == "var_spec" and d.stmt.child_by_field_name("value") is None:
                    zt = self._int_type_name(self._type_expr(d.type_node, ctx))
                    return Const(0, zt) if zt is not None else None
            return None
        name = ctx.file.text(n)
        td = self.package.decls.get(name)
        if td is None or td.kind != "const" or name in self.ambiguous:
            return None
        for i, ident in enumerate(td.node.children_by_field_name("name")):
            if td.file.text(ident) == name:
                return self._const_spec(td.node, i, _Ctx(td.file, None), depth)
        return None

    @staticmethod
    def initial_value(d: Decl) -> Node | None:
        """The expression a `:=` or `var` declaration gives this variable, when the
        statement pairs names and values one to one."""
        stmt = d.stmt
        if stmt is None or d.value is None:
            return None
        if stmt.type == "short_var_declaration":
            left, right = stmt.child_by_field_name("left"), stmt.child_by_field_name("right")
        elif stmt.type == "var_spec":
            left, right = None, stmt.child_by_field_name("value")
        else:
            return None
        names = left.named_children if left is not None else stmt.children_by_field_name("name")
        values = right.named_children if right is not None else []
        return d.value if len(names) == len(values) else None

    def _const_spec(self, spec: Node, index: int, ctx: _Ctx, depth: int) -> Const | None:
        """The value of the index-th name of a const spec, with iota and the implicit
        repetition of the last expression list of the group."""
        group = spec.parent
        if group is None:
            return None
        specs = [s for s in group.named_children if s.type == "const_spec"]
        if spec not in specs:
            return None
        i = specs.index(spec)
        for j in range(i, -1, -1):
            values = specs[j].child_by_field_name("value")
            if values is not None:
                break
        else:
            return None
        items = values.named_children
        if index >= len(items):
            return None
        c = self._eval(items[index], _Ctx(ctx.file, ctx.scopes, iota=i), depth)
        tnode = specs[j].child_by_field_name("type")
        return self._convert(c, self._type_expr(tnode, ctx)) if tnode is not None else c

    def _int_type_name(self, t: Type) -> str | None:
        """The basic integer type under a type, or None."""
        u = self.underlying(t)
        return u.name if u is not None and u.kind == "basic" and u.name in INT_TYPES else None

    def _convert(self, c: Const | None, t: Type) -> Const | None:
        if c is None:
            return None
        u = self.underlying(t)
        if u is None or u.kind != "basic":
            return None
        if u.name == "string":
            return c if isinstance(c.value, bytes) else None
        name = u.name
        if name not in INT_TYPES or not isinstance(c.value, int):
            return None
        v = wrap(c.value, name, self.word)
        return Const(v, name) if v is not None else None

    def _binary(self, n: Node, ctx: _Ctx, depth: int) -> Const | None:
        op = n.child_by_field_name("operator")
        a = self._eval(n.child_by_field_name("left"), ctx, depth)
        if op is None or a is None:
            return None
        b = self._eval(n.child_by_field_name("right"), ctx, depth)
        if b is None:
            return None
        o = op.type
        if isinstance(a.value, bytes) or isinstance(b.value, bytes):
            if o == "+" and isinstance(a.value, bytes) and isinstance(b.value, bytes):
                return Const(a.value + b.value)
            return None
        x, y = a.value, b.value
        if o in ("<<", ">>"):
            if y < 0 or y > 4096:
                return None
            typ = a.type
            v = x << y if o == "<<" else x >> y
        else:
            if a.type is not None and b.type is not None and a.type != b.type:
                return None
            typ = a.type or b.type
            if o == "+":
                v = x + y
            elif o == "-":
                v = x - y
            elif o == "*":
                v = x * y
            elif o in ("/", "%"):
                if y == 0:
                    return None
                q = _go_div(x, y)
                v = q if o == "/" else x - y * q
            elif o == "&":
                v = x & y
            elif o == "|":
                v = x | y
            elif o == "^":
                v = x ^ y
            elif o == "&^":
                v = x & ~y
            else:
                return None
        v = wrap(v, typ, self.word)
        return Const(v, typ) if v is not None else None

    def _unary(self, n: Node, ctx: _Ctx, depth: int) -> Const | None:
        op = n.child_by_field_name("operator")
        a = self._eval(n.child_by_field_name("operand"), ctx, depth)
        if op is None or a is None or not isinstance(a.value, int):
            return None
        if op.type == "+":
            return a
        if op.type == "-":
            v = -a.value
        elif op.type == "^":
            v = ~a.value  # wrap() turns it into the unsigned complement for unsigned types
        else:
            return None
        v = wrap(v, a.type, self.word)
        return Const(v, a.type) if v is not None else None

    def _builtin(self, fn: Node, ctx: _Ctx) -> str | None:
        """The name of a predeclared function or type called at fn, unless shadowed."""
        if fn.type != "identifier":
            return None
        if ctx.scopes is not None and ctx.scopes.decl_of(fn) is not None:
            return None
        name = ctx.file.text(fn)
        return None if name in self.package.decls else name

    def _call_value(self, n: Node, ctx: _Ctx, depth: int) -> Const | None:
        fn = n.child_by_field_name("function")
        args = call_args(n)
        if fn is None:
            return None
        fn = strip_parens(fn)
        name = self._builtin(fn, ctx)
        if name in ("len", "cap") and len(args) == 1:
            return self._len_cap(name, args[0], ctx, depth)
        if name in ("min", "max") and args:
            vals = [self._eval(a, ctx, depth) for a in args]
            if any(v is None or not isinstance(v.value, int) for v in vals):
                return None
            pick = min if name == "min" else max
            best = pick(vals, key=lambda c: c.value)
            return Const(best.value, next((v.type for v in vals if v.type), None))
        u = self.unsafe_imports(ctx.file).call(n, UNSAFE) if fn.type == "selector_expression" else None
        if u is not None:
            member, uargs = u
            if len(uargs) != 1 or member not in ("Sizeof", "Alignof", "Offsetof"):
                return None
            if member == "Offsetof":
                v = self._offsetof(uargs[0], ctx)
            else:
                t = self._type_of(uargs[0], ctx)
                v = self.sizeof(t) if member == "Sizeof" else self.alignof(t)
            return Const(v, "uintptr") if v is not None else None
        if len(args) != 1:
            return None
        # A conversion: T(x) for an integer or string type T.
        t = self._type_expr(fn, ctx)
        if t is UNKNOWN:
            return None
        return self._convert(self._eval(args[0], ctx, depth), t)

    def _len_cap(self, name: str, arg: Node, ctx: _Ctx, depth: int) -> Const | None:
        t = self.underlying(self._type_of(arg, ctx))
        if t is not None and t.kind == "pointer":
            t = self.underlying(t.elem or UNKNOWN)
        if t is not None and t.kind == "array":
            n = self.array_len(t)
            return Const(n, "int") if n is not None else None
        ext = self._extent(strip_parens(arg), ctx, set())
        if ext is None:
            return None
        return Const(ext[0] if name == "len" else ext[1], "int")

    # ---- slices -----------------------------------------------------------------------

    def _extent(self, n: Node, ctx: _Ctx | None, seen: set[int],
                allow: frozenset[int] = frozenset()) -> tuple[int, int] | None:
        if ctx is None or n.id in seen:
            return None
        seen.add(n.id)
        t = n.type
        if t in ("interpreted_string_literal", "raw_string_literal"):
            c = self._eval(n, ctx)
            return (len(c.value), len(c.value)) if c is not None else None
        if t == "composite_literal":
            tn = n.child_by_field_name("type")
            body = n.child_by_field_name("body")
            if tn is None or tn.type != "slice_type" or body is None:
                return None
            count = self._literal_count(body, ctx)
            return (count, count) if count is not None else None
        if t == "call_expression":
            fn = n.child_by_field_name("function")
            args = call_args(n)
            if fn is None or self._builtin(fn, ctx) != "make" or len(args) not in (2, 3):
                return None
            if args[0].type != "slice_type":
                return None
            ln = self._eval(args[1], ctx)
            cp = self._eval(args[2], ctx) if len(args) == 3 else ln
            if ln is None or cp is None or not isinstance(ln.value, int) or not isinstance(cp.value, int):
                return None
            return (ln.value, cp.value) if 0 <= ln.value <= cp.value else None
        if t == "identifier":
            d = ctx.scopes.decl_of(n) if ctx.scopes is not None else None
            if d is None or d.kind == "const":
                c = self._eval(n, ctx)
                if c is not None and isinstance(c.value, bytes):
                    return len(c.value), len(c.value)
                return None
            if not self.unchanged(d, allow):
                return None
            v = self.initial_value(d)
            if v is not None:
                return self._extent(strip_parens(v), ctx, seen)
            if d.stmt is not None and d.stmt.type == "var_spec" and d.value is None and \
                    d.type_node is not None and d.type_node.type == "slice_type":
                return 0, 0
        return None

    def _literal_count(self, body: Node, ctx: _Ctx | None) -> int | None:
        """The length of an array or slice literal: its elements, keyed ones included."""
        if ctx is None:
            return None
        size = idx = 0
        for el in body.named_children:
            if el.type == "comment":
                continue
            if el.type == "keyed_element":
                key = el.named_children[0] if el.named_children else None
                key = key.named_children[0] if key is not None and key.type == "literal_element" and \
                    key.named_children else key
                c = self._eval(key, ctx) if key is not None else None
                if c is None or not isinstance(c.value, int):
                    return None
                idx = c.value
            idx += 1
            size = max(size, idx)
        return size

    # ---- writes -----------------------------------------------------------------------

    def may_write(self, ref: Node) -> bool:
        """Whether the variable named at ref may be changed there: assigned, declared
        again with `:=`, a range or receive target, incremented, its address taken, or
        the receiver of a method that may take its address."""
        n, p = ref, ref.parent
        while p is not None and p.type == "parenthesized_expression":
            n, p = p, p.parent
        if p is None:
            return False
        if p.type == "expression_list":
            gp = p.parent
            return gp is not None and gp.type in _WRITES and gp.child_by_field_name("left") == p
        if p.type in ("inc_statement", "dec_statement"):
            return True
        if p.type in _WRITES and p.child_by_field_name("left") == n:
            return True
        if p.type == "unary_expression":
            op = p.child_by_field_name("operator")
            return op is not None and op.type == "&"
        if p.type == "selector_expression" and p.child_by_field_name("operand") == n:
            # A method with a pointer receiver may change a value of a named type (or of
            # a struct, through an embedded field's method); a field may be assigned.
            t = self.type_of(ref)
            u = self.underlying(t)
            return t.kind == "named" or u is None or u.kind == "struct"
        return False


@analysis("consts")
def consts_analysis(pass_, fn: Node | None) -> Consts:
    if fn is None:
        return Consts(pass_, None)
    top = top_function(fn)
    if top.id != fn.id:
        return pass_.result("consts", top)
    return Consts(pass_, top)
