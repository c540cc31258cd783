"""Which names mean the `unsafe` and `reflect` packages in a file, and the
expression shapes built from them that the unsafe rules read.

A file may import either package under another name (`import u "unsafe"`) and a
local variable may shadow the import's name; both are handled, so `u.Slice(p, n)`
is an `unsafe.Slice` call and `unsafe.Slice(p, n)` where `unsafe` is a local
variable is not. Requested once per file: `pass_.result("unsafe_imports")`.
Dot imports of these packages are not followed (the rules stay silent there).
"""

from __future__ import annotations

from tree_sitter import Node

from goguard.analyses import analysis
from goguard.frontend.syntax import strip_parens

UNSAFE = "unsafe"
REFLECT = "reflect"
HEADERS = ("SliceHeader", "StringHeader")

# Query patterns capturing, as @conv, every conversion `(*T)(x)` (see pointer_conversion).
POINTER_CONVERSIONS = """
(type_conversion_expression type: (parenthesized_type (pointer_type))) @conv
(type_conversion_expression type: (pointer_type (parenthesized_type))) @conv
(call_expression function: (parenthesized_expression (unary_expression operator: "*"))) @conv
"""


def call_args(call: Node) -> list[Node]:
    args = call.child_by_field_name("arguments")
    return [a for a in args.named_children if a.type != "comment"] if args is not None else []


class UnsafeImports:
    """The names under which one file imports `unsafe` and `reflect`.

    `shadowed(identifier)` tells whether a name is declared locally at that spot."""

    def __init__(self, imports: dict[str, str], text, shadowed=lambda ident: False) -> None:
        self._text = text
        self._shadowed = shadowed
        by_path: dict[str, set[str]] = {}
        for name, path in imports.items():
            by_path.setdefault(path, set()).add(name)
        self.names = {p: frozenset(by_path.get(p, ())) for p in (UNSAFE, REFLECT)}

    @classmethod
    def of_file(cls, pass_) -> "UnsafeImports":
        def shadowed(ident: Node) -> bool:
            fn = pass_.enclosing_function(ident)
            return fn is not None and pass_.result("scopes", fn).decl_of(ident) is not None

        return cls(pass_.imports, pass_.file.text, shadowed)

    @property
    def imports_unsafe(self) -> bool:
        return bool(self.names[UNSAFE])

    def _is_package(self, ident: Node, path: str) -> bool:
        if ident.type not in ("identifier", "package_identifier") or self._text(ident) not in self.names[path]:
            return False
        return ident.type == "package_identifier" or not self._shadowed(ident)

    def member(self, node: Node, path: str) -> str | None:
        """`Slice` for `unsafe.Slice` (a selector expression, or a qualified type such
        as `reflect.SliceHeader`) when its package name means `path`; else None."""
        node = strip_parens(node)
        if node.type == "selector_expression":
            pkg, name = node.child_by_field_name("operand"), node.child_by_field_name("field")
        elif node.type == "qualified_type":
            pkg, name = node.child_by_field_name("package"), node.child_by_field_name("name")
        else:
            return None
        if pkg is None or name is None or not self._is_package(pkg, path):
            return None
        return self._text(name)

    def call(self, node: Node, path: str = UNSAFE) -> tuple[str, list[Node]] | None:
        """(`Slice`, [arguments]) for a call `unsafe.Slice(...)`; else None."""
        node = strip_parens(node)
        if node.type != "call_expression":
            return None
        fn = node.child_by_field_name("function")
        name = self.member(fn, path) if fn is not None else None
        return (name, call_args(node)) if name is not None else None

    def pointer_arg(self, node: Node) -> Node | None:
        """x for `unsafe.Pointer(x)`."""
        c = self.call(node)
        return c[1][0] if c is not None and c[0] == "Pointer" and len(c[1]) == 1 else None

    def header(self, node: Node) -> str | None:
        """`SliceHeader` / `StringHeader` when node names reflect's header type."""
        name = self.member(node, REFLECT)
        return name if name in HEADERS else None

    def header_pointer_conversion(self, node: Node) -> tuple[str, Node] | None:
        """(header name, x) for `(*reflect.SliceHeader)(unsafe.Pointer(x))`."""
        conv = pointer_conversion(node)
        if conv is None:
            return None
        name = self.header(conv[0])
        inner = self.pointer_arg(conv[1]) if name is not None else None
        return (name, inner) if inner is not None else None


def pointer_conversion(node: Node) -> tuple[Node, Node] | None:
    """(T, x) for a conversion `(*T)(x)`. T is a type node (`[4]byte`) or, where the
    grammar cannot tell a type from an expression, an expression (`uint64`, `pkg.T`)."""
    node = strip_parens(node)
    if node.type == "type_conversion_expression":
        t = node.child_by_field_name("type")
        x = node.child_by_field_name("operand")
        if is_deref_conversion(node):
            t = t.named_children[-1]
        while t is not None and t.type == "parenthesized_type" and t.named_children:
            t = t.named_children[0]
        if t is None or x is None or t.type != "pointer_type" or not t.named_children:
            return None
        return t.named_children[-1], x
    if node.type != "call_expression":
        return None
    fn = node.child_by_field_name("function")
    if fn is None or fn.type != "parenthesized_expression":
        return None
    inner = strip_parens(fn)
    if inner.type != "unary_expression":
        return None
    op = inner.child_by_field_name("operator")
    t = inner.child_by_field_name("operand")
    args = call_args(node)
    if op is None or op.type != "*" or t is None or len(args) != 1:
        return None
    return t, args[0]


def is_deref_conversion(node: Node) -> bool:
    """tree-sitter-go reads `*(*T)(x)` as a conversion to the type `*(*T)`; Go reads
    it as `*((*T)(x))`, a dereference of the conversion (the spec's `*Point(p)` rule)."""
    if node.type != "type_conversion_expression":
        return False
    t = node.child_by_field_name("type")
    return t is not None and t.type == "pointer_type" and bool(t.named_children) and \
        t.named_children[-1].type == "parenthesized_type"


@analysis("unsafe_imports")
def unsafe_imports_analysis(pass_, fn: Node | None = None) -> UnsafeImports:
    return UnsafeImports.of_file(pass_)
