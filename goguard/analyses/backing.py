"""What memory stands behind a pointer expression, as far as the source says.

`backing(consts, ptr)` follows the shapes the unsafe rules meet: `&arr[i]` of an
array variable, `&b[i]` of a slice made with constant sizes, `&x` of a whole
variable, `&x.f` (and `&x.f[i]`, `&x.a.b`) of a field of a whole variable,
`new(T)`, `unsafe.Pointer(...)`, `(*U)(unsafe.Pointer(...))` (the bytes
reinterpreted as `U`s), `unsafe.StringData(s)`, `unsafe.SliceData(b)`, and a local
variable assigned once from one of these. Only whole variables count: a field of a
struct or an array reached through a pointer may be followed by more memory (C
structs end in variable-length arrays), so their extent is unknown; an array reached
through a local pointer set once to a whole object (`p := new([N]T)`, `p := &arr`)
is that object, and `&p[i]` has its extent. A field of a
whole variable has its type's size: what follows it is the next field, or, past the
variable's end, another allocation.

`symbolic_length(consts, n)` reads a length written as `len(X) + k` or `cap(X) - k`,
so that `unsafe.Slice(&b[1], len(b))` can be judged without knowing `len(b)`.
"""

from __future__ import annotations

from dataclasses import dataclass

from tree_sitter import Node

from goguard.analyses.consts import INT_TYPES, Consts
from goguard.analyses.unsafe_imports import call_args, pointer_conversion
from goguard.frontend.gotypes import UNKNOWN, Type
from goguard.frontend.syntax import strip_parens

BYTE = Type("basic", name="byte")


@dataclass(frozen=True)
class Backing:
    elem: Type  # the pointer's element type
    elem_size: int | None  # bytes per element, when known
    elems: int | None  # elements available from the pointer on, when known
    root: Node  # the expression that says what the memory is (`&arr[2]`, `&x`)
    # For &X[i], unsafe.SliceData(X) and unsafe.StringData(X): X and i.
    base: Node | None = None
    offset: int = 0
    via: Node | None = None  # the declaration followed to get here, if any
    # For a field of a whole variable: (the variable, the field's offset in it, the
    # variable's size), so a message can say what an overrun reads.
    field: tuple[Node, int, int | None] | None = None

    @property
    def bytes(self) -> int | None:
        return self.elems * self.elem_size if self.elems is not None and self.elem_size is not None else None


def whole_variable(consts: Consts, node: Node) -> bool:
    """Whether node is a variable on its own (not a field or an element reached
    through a pointer), or a composite literal: its memory is exactly its type's size."""
    n = strip_parens(node)
    if n.type == "composite_literal":
        return True
    if n.type != "identifier":
        return False
    d = consts.decl(n)
    if d is not None:
        return d.kind in ("var", "param", "result", "receiver")
    td = consts.package.decls.get(consts.file.text(n))
    return td is not None and td.kind == "var"


def value_field(consts: Consts, sel: Node, depth: int = 0) -> tuple[Node, int, Type] | None:
    """(variable, offset, field type) for `x.f`, `x.a.b`: a field of a whole variable x,
    every selection a field declared in a struct value (not through a pointer, not a
    field promoted from an embedded one), its offset known from gc's layout."""
    sel = strip_parens(sel)
    op, field = sel.child_by_field_name("operand"), sel.child_by_field_name("field")
    if sel.type != "selector_expression" or op is None or field is None or depth > 8:
        return None
    op = strip_parens(op)
    if op.type == "selector_expression":
        inner = value_field(consts, op, depth + 1)
        if inner is None:
            return None
        var, base = inner[0], inner[1]
    elif op.type == "identifier" and whole_variable(consts, op):
        var, base = op, 0
    else:
        return None
    u = consts.underlying(consts.type_of(op))
    if u is None or u.kind != "struct":
        return None
    name = consts.file.text(field)
    ftype = next((t for n, t, embedded in u.fields if n == name and not embedded), None)
    offsets = consts.field_offsets(u)
    if ftype is None or offsets is None or name not in offsets:
        return None
    return var, base + offsets[name], ftype


def backing(consts: Consts, ptr: Node, depth: int = 0) -> Backing | None:
    if depth > 8:
        return None
    e = strip_parens(ptr)
    t = e.type
    if t == "unary_expression":
        op, x = e.child_by_field_name("operator"), e.child_by_field_name("operand")
        if op is None or op.type != "&" or x is None:
            return None
        x = strip_parens(x)
        if x.type == "index_expression":
            return _element_address(consts, e, x)
        if x.type == "selector_expression":
            vf = value_field(consts, x)
            if vf is None:
                return None
            var, off, ft = vf
            return Backing(ft, consts.sizeof(ft), 1, e, field=(var, off, consts.sizeof(consts.type_of(var))))
        if not whole_variable(consts, x):
            return None
        xt = consts.type_of(x)
        if xt is UNKNOWN:
            return None
        return Backing(xt, consts.sizeof(xt), 1, e)
    if t == "identifier":
        d = consts.decl(e)
        if d is None or not consts.unchanged(d):
            return None
        v = consts.initial_value(d)
        inner = backing(consts, v, depth + 1) if v is not None else None
        if inner is None:
            return None
        base = inner.base
        if base is not None:
            bd = consts.decl(base) if base.type == "identifier" else None
            if bd is None or not consts.unchanged(bd):
                base = None  # X may have changed since p was taken
        return Backing(inner.elem, inner.elem_size, inner.elems, inner.root, base, inner.offset,
                       inner.via or d.ident, inner.field)
    if t != "call_expression" and t != "type_conversion_expression":
        return None
    u = consts.unsafe_imports().call(e)
    if u is not None:
        member, args = u
        if member == "Pointer" and len(args) == 1:
            return backing(consts, args[0], depth + 1)
        if member in ("StringData", "SliceData") and len(args) == 1:
            x = strip_parens(args[0])
            ext = consts.slice_extent(x)
            elem = BYTE if member == "StringData" else (consts.type_of(e).elem or UNKNOWN)
            return Backing(elem, consts.sizeof(elem), ext[1] if ext is not None else None, e,
                           x if _side_effect_free(x) else None, 0)
        return None
    conv = pointer_conversion(e)
    if conv is not None:
        inner = backing(consts, conv[1], depth + 1)
        if inner is None:
            return None
        elem = consts.type_expr(conv[0])
        size = consts.sizeof(elem)
        if inner.bytes is not None and size:
            return Backing(elem, size, inner.bytes // size, inner.root, via=inner.via, field=inner.field)
        return None
    if t == "call_expression":
        fn = e.child_by_field_name("function")
        args = call_args(e)
        if fn is not None and consts.builtin(fn) == "new" and len(args) == 1:
            elem = consts.type_expr(args[0])
            return Backing(elem, consts.sizeof(elem), 1, e)
    return None


def _element_address(consts: Consts, addr: Node, index_expr: Node) -> Backing | None:
    """&X[i]: the elements of X from i on."""
    x = index_expr.child_by_field_name("operand")
    idx = index_expr.child_by_field_name("index")
    if x is None or idx is None:
        return None
    x = strip_parens(x)
    i = consts.int(idx)
    if i is None or i < 0:
        return None
    xt = consts.underlying(consts.type_of(x))
    base = x if _side_effect_free(x) else None
    if xt is not None and xt.kind == "array":
        vf = value_field(consts, x) if x.type == "selector_expression" else None
        n = consts.array_len(xt) if whole_variable(consts, x) or vf is not None else None
        elem = xt.elem or UNKNOWN
        elems = n - i if n is not None and i < n else None
        return Backing(elem, consts.sizeof(elem), elems, addr, base, i)
    if xt is not None and xt.kind == "slice":
        ext = consts.slice_extent(x)
        elem = xt.elem or UNKNOWN
        elems = ext[1] - i if ext is not None and i < ext[0] else None
        return Backing(elem, consts.sizeof(elem), elems, addr, base, i)
    if xt is not None and xt.kind == "pointer" and x.type == "identifier":
        # p[i] of a local `p := new([N]T)` (or `&arr`): the pointer is to a whole array
        # object, which nothing follows (unlike an array reached through a C struct).
        whole = backing(consts, x)
        at = consts.underlying(whole.elem) if whole is not None else None
        if whole is not None and whole.elems == 1 and whole.offset == 0 and whole.field is None and \
                at is not None and at.kind == "array" and _allocates(consts, whole.root):
            n = consts.array_len(at)
            elem = at.elem or UNKNOWN
            return Backing(elem, consts.sizeof(elem), n - i if n is not None and i < n else None, addr, None, i)
        return None
    if xt is None or xt.kind == "unknown":
        # Untyped here (a parameter of an imported type, say): still a base for len(X).
        return Backing(UNKNOWN, None, None, addr, base, i)
    return None


def _allocates(consts: Consts, root: Node) -> bool:
    """`new(T)`, or `&x` of a whole variable: the expression is the whole object."""
    root = strip_parens(root)
    if root.type == "call_expression":
        fn = root.child_by_field_name("function")
        return fn is not None and consts.builtin(fn) == "new"
    if root.type == "unary_expression" and root.child_by_field_name("operator").type == "&":
        x = root.child_by_field_name("operand")
        return x is not None and strip_parens(x).type == "identifier" and whole_variable(consts, x)
    return False


def _side_effect_free(x: Node) -> bool:
    """An identifier or a chain of field selections on one."""
    x = strip_parens(x)
    while x.type == "selector_expression":
        x = strip_parens(x.child_by_field_name("operand") or x)
        if x.type == "call_expression":
            return False
    return x.type == "identifier"


def ref_key(consts: Consts, x: Node) -> tuple | None:
    """An identity for an identifier or a field chain (`b`, `s.buf`): two expressions
    with the same key name the same variable."""
    x = strip_parens(x)
    if x.type == "identifier":
        d = consts.decl(x)
        return ("local", d.id) if d is not None else ("package", consts.file.text(x))
    if x.type == "selector_expression":
        op, field = x.child_by_field_name("operand"), x.child_by_field_name("field")
        inner = ref_key(consts, op) if op is not None else None
        return (inner, consts.file.text(field)) if inner is not None and field is not None else None
    return None


def symbolic_length(consts: Consts, n: Node, depth: int = 0) -> tuple[Node, str, int] | None:
    """(X, "len" or "cap", k) for a length written `len(X) + k` (k may be negative)."""
    if depth > 8:
        return None
    e = strip_parens(n)
    if e.type == "call_expression":
        fn = e.child_by_field_name("function")
        args = call_args(e)
        name = consts.builtin(fn) if fn is not None else None
        if name in ("len", "cap") and len(args) == 1:
            return strip_parens(args[0]), name, 0
        if name in INT_TYPES and len(args) == 1:
            return symbolic_length(consts, args[0], depth + 1)
        return None
    if e.type == "binary_expression":
        op = e.child_by_field_name("operator")
        left, right = e.child_by_field_name("left"), e.child_by_field_name("right")
        if op is None or left is None or right is None or op.type not in ("+", "-"):
            return None
        s = symbolic_length(consts, left, depth + 1)
        k = consts.int(right)
        if s is not None and k is not None:
            return s[0], s[1], s[2] + (k if op.type == "+" else -k)
        if op.type == "+":
            s = symbolic_length(consts, right, depth + 1)
            k = consts.int(left)
            if s is not None and k is not None:
                return s[0], s[1], s[2] + k
    return None


def plural(n: int, word: str) -> str:
    return f"{n} {word}" if n == 1 else f"{n} {word}s"


def shorten(text: str, limit: int = 60) -> str:
    """An expression's text on one line, cut to `limit` characters for a message."""
    text = " ".join(text.split())
    return text if len(text) <= limit else text[:limit - 3] + "..."


@dataclass(frozen=True)
class ElementBase:
    """A pointer to element `offset` of the slice or array X, as X's own elements
    (before any reinterpretation by a pointer conversion)."""
    base: Node  # X
    offset: int
    elem: Type  # X's element type
    elem_size: int | None
    first: Node | None  # the `&X[0]` expression, when the pointer is one


def element_base(consts: Consts, ptr: Node, depth: int = 0) -> ElementBase | None:
    """X, offset and X's element for a pointer written `&X[i]` or `unsafe.SliceData(X)`,
    through `unsafe.Pointer(...)`, pointer conversions `(*T)(...)` and local variables
    set once from one of these (`p := unsafe.Pointer(&b[0])`)."""
    if depth > 8:
        return None
    e = strip_parens(ptr)
    if e.type == "identifier":
        d = consts.decl(e)
        if d is None or not consts.unchanged(d):
            return None
        v = consts.initial_value(d)
        return element_base(consts, v, depth + 1) if v is not None else None
    if e.type == "unary_expression":
        op, x = e.child_by_field_name("operator"), e.child_by_field_name("operand")
        x = strip_parens(x) if x is not None else None
        if op is None or op.type != "&" or x is None or x.type != "index_expression":
            return None
        base, idx = x.child_by_field_name("operand"), x.child_by_field_name("index")
        i = consts.int(idx) if idx is not None else None
        if base is None or i is None or i < 0 or not _side_effect_free(base):
            return None
        base = strip_parens(base)
        xt = consts.underlying(consts.type_of(base))
        if xt is None or xt.kind not in ("slice", "array") or xt.elem is None:
            return None
        return ElementBase(base, i, xt.elem, consts.sizeof(xt.elem), e if i == 0 else None)
    u = consts.unsafe_imports().call(e)
    if u is not None:
        member, args = u
        if member == "Pointer" and len(args) == 1:
            return element_base(consts, args[0], depth + 1)
        if member == "SliceData" and len(args) == 1 and _side_effect_free(args[0]):
            x = strip_parens(args[0])
            xt = consts.underlying(consts.type_of(x))
            if xt is not None and xt.kind == "slice" and xt.elem is not None:
                return ElementBase(x, 0, xt.elem, consts.sizeof(xt.elem), None)
        return None
    conv = pointer_conversion(e)
    return element_base(consts, conv[1], depth + 1) if conv is not None else None


def scaled_length(consts: Consts, n: Node, depth: int = 0) -> tuple[Node, str, int, int] | None:
    """(X, "len" or "cap", num, den) for a length written `len(X) * num / den`, plus or
    minus constants (`len(b)`, `len(b)/4`, `cap(b)*2`, `int(len(b)) - 1`)."""
    if depth > 8:
        return None
    e = strip_parens(n)
    if e.type == "call_expression":
        fn = e.child_by_field_name("function")
        args = call_args(e)
        name = consts.builtin(fn) if fn is not None else None
        if name in ("len", "cap") and len(args) == 1:
            return strip_parens(args[0]), name, 1, 1
        if name in INT_TYPES and len(args) == 1:
            return scaled_length(consts, args[0], depth + 1)
        return None
    if e.type != "binary_expression":
        return None
    op = e.child_by_field_name("operator")
    left, right = e.child_by_field_name("left"), e.child_by_field_name("right")
    if op is None or left is None or right is None:
        return None
    s = scaled_length(consts, left, depth + 1)
    k = consts.int(right)
    if s is None and op.type in ("+", "*"):
        s, k = scaled_length(consts, right, depth + 1), consts.int(left)
    if s is None or k is None:
        return None
    x, kind, num, den = s
    if op.type in ("+", "-"):
        return s
    if op.type == "*" and k > 0:
        return x, kind, num * k, den
    if op.type in ("/", ">>") and k > 0:
        return x, kind, num, den * (k if op.type == "/" else 1 << k)
    if op.type == "<<" and k >= 0:
        return x, kind, num << k, den
    return None
