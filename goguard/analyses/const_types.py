"""The types of expressions as constant evaluation (goguard.analyses.consts) sees them:
type syntax, the declared type of a name, the type of an expression and of a call's
result, and a named type's underlying type, within the package and without a
type-checker; and the context an expression is evaluated in."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from tree_sitter import Node

from goguard.analyses.unsafe_imports import UNSAFE, call_args, is_deref_conversion, pointer_conversion
from goguard.frontend.gotypes import BASIC, UNKNOWN, Type
from goguard.frontend.scopes import Scopes
from goguard.frontend.source import SourceFile
from goguard.frontend.syntax import strip_parens

if TYPE_CHECKING:
    from goguard.analyses.consts import Const


@dataclass
class _Ctx:
    """Where an expression is evaluated: its file, the function's scopes (None at
    package level) and the value of iota."""

    file: SourceFile
    scopes: Scopes | None
    iota: int | None = None


class Typing:
    """Mixed into Consts, which provides the package, its files' scopes and the value
    evaluation these methods consult."""

    # ---- types ------------------------------------------------------------------------

    def _type_expr(self, node: Node | None, ctx: _Ctx | None) -> Type:
        if node is None or ctx is None:
            return UNKNOWN
        t = node.type
        text = ctx.file.text
        if t in ("identifier", "type_identifier"):
            d = ctx.scopes.decl_of(node) if ctx.scopes is not None and t == "identifier" else None
            if d is not None:
                return self._type_expr(d.type_node, ctx) if d.kind == "type" else UNKNOWN
            if t == "type_identifier" and ctx.scopes is not None:
                local = self._local_type(node, ctx)
                if local is not None:
                    return local
            name = text(node)
            td = self.package.decls.get(name)
            if td is not None:
                return Type("named", name=name) if td.kind == "type" else UNKNOWN
            if name in BASIC:
                return Type("interface") if name in ("any", "error") else Type("basic", name=name)
            return UNKNOWN
        if t == "selector_expression":
            pkg, name = node.child_by_field_name("operand"), node.child_by_field_name("field")
            if pkg is None or name is None or pkg.type != "identifier":
                return UNKNOWN
            if ctx.scopes is not None and ctx.scopes.decl_of(pkg) is not None:
                return UNKNOWN
            path = self.package.imports(ctx.file).get(text(pkg))
            return Type("named", name=f"{path}.{text(name)}") if path else UNKNOWN
        if t == "unary_expression":
            op, inner = node.child_by_field_name("operator"), node.child_by_field_name("operand")
            if op is not None and op.type == "*" and inner is not None:
                return Type("pointer", elem=self._type_expr(inner, ctx))
            return UNKNOWN
        if t in ("parenthesized_expression", "parenthesized_type") and node.named_children:
            return self._type_expr(node.named_children[0], ctx)
        if t == "pointer_type" and node.named_children:
            return Type("pointer", elem=self._type_expr(node.named_children[-1], ctx))
        if t == "array_type":
            return Type("array", elem=self._type_expr(node.child_by_field_name("element"), ctx),
                        length=node.child_by_field_name("length"), file=ctx.file)
        if t == "slice_type":
            return Type("slice", elem=self._type_expr(node.child_by_field_name("element"), ctx))
        return self.types.from_node(node, ctx.file)

    def _local_type(self, ident: Node, ctx: _Ctx) -> Type | None:
        """A type declared in the function (`type T [4]byte`), found by name from the
        innermost enclosing scope outwards (type identifiers are not in the scope model)."""
        name = ctx.file.text(ident)
        if name not in self._local_type_names:
            return None
        for d in ctx.scopes.decls:
            if d.kind == "type" and d.name == name and d.func is not None and \
                    d.func.start_byte <= ident.start_byte < d.func.end_byte and \
                    d.ident.start_byte < ident.start_byte and d.type_node is not None:
                return self._type_expr(d.type_node, ctx)
        return None

    def _type_of(self, node: Node | None, ctx: _Ctx | None, depth: int = 0) -> Type:
        if node is None or ctx is None or depth > 20:
            return UNKNOWN
        n = strip_parens(node)
        t = n.type
        if t == "identifier":
            d = ctx.scopes.decl_of(n) if ctx.scopes is not None else None
            if d is not None:
                if d.type_node is not None and d.kind in ("var", "const"):
                    return self._type_expr(d.type_node, ctx)
                if d.kind in ("param", "result", "receiver") and d.type_node is not None:
                    tn = d.type_node
                    if d.stmt is not None and d.stmt.type == "variadic_parameter_declaration":
                        return Type("slice", elem=self._type_expr(tn, ctx))
                    return self._type_expr(tn, ctx)
                v = self.initial_value(d)
                if d.kind == "const":
                    c = self._ident_value(n, ctx, depth)
                    return self._const_type(c)
                return self._type_of(v, ctx, depth + 1) if v is not None else UNKNOWN
            name = ctx.file.text(n)
            td = self.package.decls.get(name)
            if td is None or name in self.ambiguous:
                return UNKNOWN
            pctx = _Ctx(td.file, None)
            if td.kind == "var":
                if td.type_node is not None:
                    return self._type_expr(td.type_node, pctx)
                return self._type_of(td.value, pctx, depth + 1)
            if td.kind == "const":
                return self._const_type(self._ident_value(n, ctx, depth))
            return UNKNOWN
        if t == "int_literal":
            return Type("basic", name="int")
        if t == "rune_literal":
            return Type("basic", name="rune")
        if t in ("interpreted_string_literal", "raw_string_literal"):
            return Type("basic", name="string")
        if t == "float_literal":
            return Type("basic", name="float64")
        if t == "composite_literal":
            tn = n.child_by_field_name("type")
            if tn is not None and tn.type == "implicit_length_array_type":
                return Type("array", elem=self._type_expr(tn.child_by_field_name("element"), ctx),
                            length=n.child_by_field_name("body"), file=ctx.file)
            return self._type_expr(tn, ctx)
        if t == "type_conversion_expression":
            conv = pointer_conversion(n)
            if conv is not None:
                elem = self._type_expr(conv[0], ctx)
                return elem if is_deref_conversion(n) else Type("pointer", elem=elem)
            return self._type_expr(n.child_by_field_name("type"), ctx)
        if t == "unary_expression":
            op, x = n.child_by_field_name("operator"), n.child_by_field_name("operand")
            if op is None or x is None:
                return UNKNOWN
            if op.type == "&":
                return Type("pointer", elem=self._type_of(x, ctx, depth + 1))
            inner = self._type_of(x, ctx, depth + 1)
            if op.type == "*":
                u = self.underlying(inner)
                return (u.elem or UNKNOWN) if u is not None and u.kind == "pointer" else UNKNOWN
            return inner if op.type in ("-", "+", "^") else UNKNOWN
        if t in ("index_expression", "slice_expression"):
            base = self._type_of(n.child_by_field_name("operand"), ctx, depth + 1)
            u = self.underlying(base)
            if u is not None and u.kind == "pointer":
                u = self.underlying(u.elem or UNKNOWN)
            if u is None:
                return UNKNOWN
            if u.kind == "basic" and u.name == "string":
                return Type("basic", name="byte") if t == "index_expression" else base
            if u.kind in ("array", "slice"):
                elem = u.elem or UNKNOWN
                if t == "index_expression":
                    return elem
                return base if u.kind == "slice" else Type("slice", elem=elem)
            if u.kind == "map" and t == "index_expression":
                return u.elem or UNKNOWN
            return UNKNOWN
        if t == "selector_expression":
            op, field = n.child_by_field_name("operand"), n.child_by_field_name("field")
            if op is None or field is None:
                return UNKNOWN
            if op.type == "identifier" and self.package.imports(ctx.file).get(ctx.file.text(op)) and \
                    (ctx.scopes is None or ctx.scopes.decl_of(op) is None):
                return UNKNOWN  # a member of another package
            base = self._type_of(op, ctx, depth + 1)
            if base is UNKNOWN:
                return UNKNOWN
            ft = self.types.field(base, ctx.file.text(field))
            return ft if ft is not None else UNKNOWN
        if t == "binary_expression":
            op = n.child_by_field_name("operator")
            if op is None or op.type in ("==", "!=", "<", "<=", ">", ">=", "&&", "||"):
                return UNKNOWN
            left = self._type_of(n.child_by_field_name("left"), ctx, depth + 1)
            if op.type in ("<<", ">>"):
                return left
            right = self._type_of(n.child_by_field_name("right"), ctx, depth + 1)
            # An untyped literal takes the other operand's type.
            lt = strip_parens(n.child_by_field_name("left")).type
            return right if lt in ("int_literal", "rune_literal", "float_literal") else left
        if t == "call_expression":
            return self._call_type(n, ctx, depth)
        return UNKNOWN

    def _const_type(self, c: Const | None) -> Type:
        if c is None:
            return UNKNOWN
        if isinstance(c.value, bytes):
            return Type("basic", name="string")
        return Type("basic", name=c.type or "int")

    def _call_type(self, n: Node, ctx: _Ctx, depth: int) -> Type:
        fn = n.child_by_field_name("function")
        args = call_args(n)
        if fn is None:
            return UNKNOWN
        u = self.unsafe_imports(ctx.file).call(n, UNSAFE)
        if u is not None:
            member, uargs = u
            if member in ("Sizeof", "Alignof", "Offsetof"):
                return Type("basic", name="uintptr")
            if member == "Pointer":
                return Type("named", name="unsafe.Pointer")
            if member == "String":
                return Type("basic", name="string")
            if member == "StringData":
                return Type("pointer", elem=Type("basic", name="byte"))
            if member in ("Slice", "SliceData") and uargs:
                inner = self.underlying(self._type_of(uargs[0], ctx, depth + 1))
                if inner is None or inner.kind not in ("pointer", "slice"):
                    return UNKNOWN
                if member == "Slice":
                    return Type("slice", elem=inner.elem) if inner.kind == "pointer" else UNKNOWN
                return Type("pointer", elem=inner.elem) if inner.kind == "slice" else UNKNOWN
            return UNKNOWN
        conv = pointer_conversion(n)
        if conv is not None:
            return Type("pointer", elem=self._type_expr(conv[0], ctx))
        fn = strip_parens(fn)
        name = self._builtin(fn, ctx)
        if name in ("make", "new") and args:
            t = self._type_expr(args[0], ctx)
            return t if name == "make" else Type("pointer", elem=t)
        if name in ("len", "cap"):
            return Type("basic", name="int")
        if len(args) == 1 and fn.type in ("identifier", "selector_expression", "array_type", "slice_type",
                                          "qualified_type", "type_identifier"):
            t = self._type_expr(fn, ctx)
            if t is not UNKNOWN and (t.kind != "named" or self._is_type_name(fn, ctx)):
                return t
        return UNKNOWN

    def _is_type_name(self, fn: Node, ctx: _Ctx) -> bool:
        if fn.type == "identifier":
            td = self.package.decls.get(ctx.file.text(fn))
            return td is not None and td.kind == "type"
        return False  # an imported name may be a function or a type: unknown


    def underlying(self, t: Type) -> Type | None:
        """The underlying type of t, or None when it depends on what goguard cannot see
        (another package's type, a name declared per platform, a generic type)."""
        for _ in range(16):
            if t.kind != "named":
                return None if t.kind == "unknown" else t
            name = t.name
            if name == "unsafe.Pointer":
                return t
            if "." in name or "/" in name or name in self.ambiguous:
                return None
            d = self.package.decls.get(name)
            if d is None or d.kind != "type" or d.type_params is not None or d.type_node is None:
                return None
            t = self._type_expr(d.type_node, _Ctx(d.file, None))
        return None
