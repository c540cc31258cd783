"""Sizes, alignments and field offsets of types as the gc compiler lays them out on
64-bit platforms (half of it with a 32-bit word where a file is built only for such a
platform): the part of constant evaluation (goguard.analyses.consts) that `unsafe.Sizeof`,
`unsafe.Alignof`, `unsafe.Offsetof` and the unsafe rules' extents read."""

from __future__ import annotations

from tree_sitter import Node

from goguard.analyses.literals import INT_TYPES
from goguard.frontend.gotypes import PARTIAL, UNKNOWN, Type
from goguard.frontend.syntax import strip_parens

_BASIC_SIZES = {"bool": 1, "float32": 4, "float64": 8, "complex64": 8, "complex128": 16}


class Layout:
    """Mixed into Consts, which provides `word`, `underlying`, `array_len` and
    `_type_of`."""

    def _size_align(self, t: Type, depth: int) -> tuple[int | None, int | None]:
        u = self.underlying(t) if depth < 24 else None
        if u is None:
            return None, None
        w = self.word
        k = u.kind
        if k == "named":  # unsafe.Pointer
            return w, w
        if k == "basic":
            name = u.name
            if name in INT_TYPES:
                bits = INT_TYPES[name][0]
                size = bits // 8 if bits is not None else w
                return size, (size if size is not None and size < 8 else w)
            if name == "string":
                return (2 * w if w else None), w
            size = _BASIC_SIZES.get(name)
            if size is None:
                return None, None
            align = size // 2 if name.startswith("complex") else size
            return size, (align if align < 8 else w)  # 8-byte alignment only on 64-bit
        if k in ("pointer", "map", "chan", "func"):
            return w, w
        if k == "slice":
            return (3 * w if w else None), w
        if k == "interface":
            return (2 * w if w else None), w
        if k == "array":
            n = self.array_len(u)
            es, ea = self._size_align(u.elem or UNKNOWN, depth + 1)
            if n is None or es is None:
                return None, None
            return n * es, ea
        if k == "struct":
            lay = self._layout(u, depth)
            return (lay[0], lay[1]) if lay is not None else (None, None)
        return None, None

    def field_offsets(self, t: Type) -> dict[str, int] | None:
        """Byte offsets of a struct type's fields, when every field's size is known."""
        u = self.underlying(t)
        lay = self._layout(u, 0) if u is not None and u.kind == "struct" else None
        return lay[2] if lay is not None else None

    def _layout(self, u: Type, depth: int) -> tuple[int, int, dict[str, int]] | None:
        """(size, align, field offsets) of a struct type, as gc lays it out."""
        if u.name == PARTIAL:
            return None  # only some fields are known (goguard.models.types)
        off, align, offsets = 0, 1, {}
        last_size = None
        for fname, ftype, _ in u.fields:
            s, a = self._size_align(ftype, depth + 1)
            if s is None or a is None:
                return None
            off = -(-off // a) * a
            offsets.setdefault(fname, off)
            off += s
            align = max(align, a)
            last_size = s
        if last_size == 0 and off > 0:
            off += 1  # gc pads a struct ending in a zero-size field
        return -(-off // align) * align, align, offsets

    def _offsetof(self, sel: Node, ctx) -> int | None:
        sel = strip_parens(sel)
        if sel.type != "selector_expression":
            return None
        base = self.underlying(self._type_of(sel.child_by_field_name("operand"), ctx))
        if base is not None and base.kind == "pointer":
            base = self.underlying(base.elem or UNKNOWN)
        field = sel.child_by_field_name("field")
        if base is None or base.kind != "struct" or field is None:
            return None
        lay = self._layout(base, 0)
        return lay[2].get(ctx.file.text(field)) if lay is not None else None
