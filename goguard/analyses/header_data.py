"""A slice or string header read as if it were the data: `(*byte)(unsafe.Pointer(&b))`.

`&b` of a slice `b` is the address of its header (data pointer, length, capacity), not
of its first byte; `unsafe.Pointer(&b)` converted to a pointer to bytes, to a C
character type or to an array of those reads and writes the header's words as bytes.
This is the C habit of handing `&buf` where `&buf[0]` is meant, and the classic cgo
mistake `C.write(fd, (*C.char)(unsafe.Pointer(&buf)), n)`. The same holds for `p` of
type `*[]T` (or `*string`).

Conversions to other types are not this: `*(*string)(unsafe.Pointer(&b))` (a string
header is a prefix of a slice header), conversions to slices, to
`reflect.SliceHeader` or to a struct laid out as a header, and to `uintptr` (the data
pointer on purpose) read the header as a header. GG302 asks `header_as_data` of each
pointer conversion of a file that imports unsafe.
"""

from __future__ import annotations

from tree_sitter import Node

from goguard.analyses.unsafe_imports import pointer_conversion
from goguard.frontend.syntax import operator, strip_parens

# Element types whose pointer means "the bytes": Go's and cgo's one-byte types.
BYTE_TYPES = frozenset(("byte", "uint8", "int8"))
C_BYTE_TYPES = frozenset(("char", "uchar", "schar", "uint8_t", "int8_t", "gchar", "guchar"))


def _byte_type(text, t: Node) -> str | None:
    """The text of a one-byte element type, or of an array of them (`[8]byte`), read
    from the syntax: the cheap test before anything is resolved."""
    t = strip_parens(t)
    while t.type == "parenthesized_type" and t.named_children:
        t = t.named_children[0]
    if t.type == "array_type":
        elem = t.child_by_field_name("element")
        return text(t) if elem is not None and _byte_type(text, elem) else None
    name = text(t)
    if t.type in ("qualified_type", "selector_expression"):
        pkg, _, member = name.partition(".")
        return name if pkg == "C" and member in C_BYTE_TYPES else None
    return name if t.type in ("type_identifier", "identifier") and name in BYTE_TYPES else None


def header_as_data(pass_, conv: Node):
    """(operand, "slice" or "string") for a conversion reading a header as bytes."""
    pc = pointer_conversion(conv)
    if pc is None or _byte_type(pass_.text, pc[0]) is None:
        return None
    target, operand = pc
    inner = pass_.result("unsafe_imports").pointer_arg(operand)
    fn = pass_.enclosing_function(conv) if inner is not None else None
    if fn is None:
        return None
    consts = pass_.result("consts", fn)
    x = strip_parens(inner)
    if x.type == "unary_expression" and operator(x) == "&":
        op = strip_parens(x.child_by_field_name("operand") or x)
        if op.type == "composite_literal":
            return None
        t = consts.underlying(consts.type_of(op))
    else:
        t = consts.underlying(consts.type_of(x))
        t = consts.underlying(t.elem) if t is not None and t.kind == "pointer" and t.elem is not None else None
    if t is None:
        return None
    if t.kind == "slice":
        return inner, "slice"
    if t.kind == "basic" and t.name == "string":
        return inner, "string"
    return None



def _pointer_of(pass_, arg: Node) -> Node | None:
    """x for an argument `unsafe.Pointer(x)` or `uintptr(unsafe.Pointer(x))`."""
    ui = pass_.result("unsafe_imports")
    a = strip_parens(arg)
    if a.type == "call_expression":
        fn = a.child_by_field_name("function")
        args = a.child_by_field_name("arguments")
        if fn is not None and fn.type == "identifier" and pass_.text(fn) == "uintptr" and args is not None and \
                len(args.named_children) == 1:
            a = strip_parens(args.named_children[0])
    return ui.pointer_arg(a)


def header_passed_as_data(pass_, call: Node):
    """(the pointer argument, "slice" or "string", the length argument) for a call
    handed `unsafe.Pointer(&b)` (or its uintptr) together with `len(b)`: the callee
    (a syscall, a C function) takes a pointer to the data and its length, and gets
    the header's address. `syscall.Syscall(SYS_WRITE, fd, uintptr(unsafe.Pointer(&b)),
    uintptr(len(b)))`, `C.write(fd, unsafe.Pointer(&buf), C.size_t(len(buf)))`."""
    args = call.child_by_field_name("arguments")
    argv = [a for a in args.named_children if a.type != "comment"] if args is not None else []
    if len(argv) < 2 or b"len(" not in pass_.file.data[args.start_byte:args.end_byte]:
        return None
    fn = pass_.enclosing_function(call)
    if fn is None:
        return None
    consts = None
    for a in argv:
        if "Pointer(" not in pass_.text(a):
            continue
        inner = _pointer_of(pass_, a)
        x = strip_parens(inner) if inner is not None else None
        if x is None:
            continue
        if x.type == "unary_expression" and operator(x) == "&":
            operand = strip_parens(x.child_by_field_name("operand") or x)
            name = pass_.text(operand) if operand.type in ("identifier", "selector_expression") else None
        elif x.type == "identifier":
            operand, name = x, "*" + pass_.text(x)
        else:
            continue
        if name is None:
            continue
        consts = consts or pass_.result("consts", fn)
        t = consts.underlying(consts.type_of(operand))
        if x.type == "identifier":  # p of type *[]T
            t = consts.underlying(t.elem) if t is not None and t.kind == "pointer" and t.elem is not None else None
        kind = "slice" if t is not None and t.kind == "slice" else \
            "string" if t is not None and t.kind == "basic" and t.name == "string" else None
        if kind is None:
            continue
        want = f"len({name})"
        for other in argv:
            if other is not a and want in "".join(pass_.file.code(other).split()):
                return inner, kind, other
    return None
