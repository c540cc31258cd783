"""A small model of Go types, read from type expressions without a type-checker.

Only what the rules need is modelled: map, pointer, slice, array, struct, named
types declared in the package, and a table of well-known map types reached through
imports. Anything else is UNKNOWN, and rules stay silent on UNKNOWN.
"""

from __future__ import annotations

from dataclasses import dataclass

from tree_sitter import Node

from goguard.frontend.package import Package, imported
from goguard.models.types import partial_struct
from goguard.frontend.source import SourceFile

BASIC = frozenset(
    "bool string int int8 int16 int32 int64 uint uint8 uint16 uint32 uint64 uintptr "
    "byte rune float32 float64 complex64 complex128 error any comparable".split()
)


@dataclass(frozen=True, eq=False)
class Type:
    kind: str  # unknown basic named map pointer slice array struct func chan interface
    elem: "Type | None" = None  # map value, pointer/slice/array/chan element
    key: "Type | None" = None  # map key
    name: str = ""  # basic name; named: "Name" (this package) or "import/path.Name"
    fields: tuple = ()  # struct: ((name, Type, embedded), ...)
    length: Node | None = None  # array length expression
    file: SourceFile | None = None  # where `length` lives

    def __repr__(self) -> str:
        k = self.kind
        if k in ("basic", "named"):
            return self.name
        if k == "map":
            return f"map[{self.key!r}]{self.elem!r}"
        if k == "pointer":
            return f"*{self.elem!r}"
        if k == "slice":
            return f"[]{self.elem!r}"
        if k == "array":
            return f"[?]{self.elem!r}"
        return k


UNKNOWN = Type("unknown")
# Type expressions nested deeper than this are unknown (no person writes them, and the
# resolver must not exhaust Python's stack on generated ones).
MAX_TYPE_DEPTH = 64
STRING = Type("basic", name="string")
INT = Type("basic", name="int")
_STR_SLICE_MAP = Type("map", key=STRING, elem=Type("slice", elem=STRING))
ANY = Type("interface")

# Map types of the standard library (and a few ubiquitous modules) that code writes into.
WELL_KNOWN: dict[str, Type] = {
    "net/http.Header": _STR_SLICE_MAP,
    "net/url.Values": _STR_SLICE_MAP,
    "net/textproto.MIMEHeader": _STR_SLICE_MAP,
    "google.golang.org/grpc/metadata.MD": _STR_SLICE_MAP,
    "text/template.FuncMap": Type("map", key=STRING, elem=ANY),
    "html/template.FuncMap": Type("map", key=STRING, elem=ANY),
    "go/constant.Value": Type("interface"),
    "sync.Map": Type("struct"),  # not a map: writes go through methods
}


# The name of a struct type of which only some fields are known (goguard.models.types):
# a field it does not list is unknown, never absent.
PARTIAL = "partial"


def _modelled(qualified: str) -> Type:
    """A struct type of another module from goguard.models.types, else UNKNOWN."""
    rows = partial_struct(qualified)
    if rows is None:
        return UNKNOWN
    fields = []
    for fname, kind, embedded in rows:
        if kind == "map":
            ft = Type("map", key=STRING, elem=UNKNOWN)
        else:
            how, _, target = kind.partition(":")
            ft = Type("named", name=target)
            if how == "pointer":
                ft = Type("pointer", elem=ft)
        fields.append((fname, ft, embedded))
    return Type("struct", name=PARTIAL, fields=tuple(fields))


class TypeResolver:
    """Resolves type expressions of one package; named types lazily, cycle-safe."""

    def __init__(self, package: Package) -> None:
        self.package = package
        self._underlying: dict[str, Type] = {}

    @classmethod
    def of(cls, package: Package) -> "TypeResolver":
        r = package.facts.get("types")
        if r is None:
            r = package.facts["types"] = cls(package)
        return r

    def from_node(self, node: Node | None, file: SourceFile, depth: int = 0) -> Type:
        if node is None or depth > MAX_TYPE_DEPTH:
            return UNKNOWN
        t = node.type
        if t == "type_identifier":
            name = file.text(node)
            d = self.package.decls.get(name)
            if d is not None and d.kind == "type":
                own = self.package.import_path
                return Type("named", name=f"{own}.{name}" if own else name)
            if name in BASIC:
                return Type("interface") if name in ("any", "error") else Type("basic", name=name)
            return UNKNOWN
        if t == "qualified_type":
            pkg = node.child_by_field_name("package")
            name = node.child_by_field_name("name")
            if pkg is None or name is None:
                return UNKNOWN
            path = self.package.imports(file).get(file.text(pkg))
            if path is None:
                return UNKNOWN
            return Type("named", name=f"{path}.{file.text(name)}")
        if t == "map_type":
            return Type("map", key=self.from_node(node.child_by_field_name("key"), file, depth + 1),
                        elem=self.from_node(node.child_by_field_name("value"), file, depth + 1))
        if t == "pointer_type":
            inner = node.named_children[-1] if node.named_children else None
            return Type("pointer", elem=self.from_node(inner, file, depth + 1))
        if t == "slice_type":
            return Type("slice", elem=self.from_node(node.child_by_field_name("element"), file, depth + 1))
        if t in ("array_type", "implicit_length_array_type"):
            return Type("array", elem=self.from_node(node.child_by_field_name("element"), file, depth + 1),
                        length=node.child_by_field_name("length"), file=file)
        if t == "struct_type":
            return Type("struct", fields=tuple(self._fields(node, file, depth + 1)))
        if t == "generic_type":
            return self.from_node(node.child_by_field_name("type"), file, depth + 1)
        if t == "parenthesized_type":
            return self.from_node(node.named_children[0] if node.named_children else None, file, depth + 1)
        if t == "interface_type":
            return Type("interface")
        if t == "function_type":
            return Type("func")
        if t == "channel_type":
            return Type("chan", elem=self.from_node(node.child_by_field_name("value"), file, depth + 1))
        return UNKNOWN

    def _fields(self, struct: Node, file: SourceFile, depth: int = 0):
        for lst in struct.named_children:
            if lst.type != "field_declaration_list":
                continue
            for fd in lst.named_children:
                if fd.type != "field_declaration":
                    continue
                ftype = self.from_node(fd.child_by_field_name("type"), file, depth)
                names = fd.children_by_field_name("name")
                if names:
                    for n in names:
                        yield (file.text(n), ftype, False)
                else:  # embedded: known by its type's name
                    tn = fd.child_by_field_name("type")
                    while tn is not None and tn.type in ("pointer_type", "qualified_type", "generic_type"):
                        tn = tn.child_by_field_name("name") if tn.type == "qualified_type" else (
                            tn.child_by_field_name("type") if tn.type == "generic_type" else
                            (tn.named_children[-1] if tn.named_children else None))
                    if tn is not None:
                        yield (file.text(tn), ftype, True)

    def underlying(self, t: Type) -> Type:
        seen = 0
        while t.kind == "named" and seen < 16:
            seen += 1
            t = self._resolve_named(t.name)
        return UNKNOWN if t.kind == "named" else t

    def _resolve_named(self, name: str) -> Type:
        if name in self._underlying:
            return self._underlying[name]
        self._underlying[name] = UNKNOWN  # cycle guard
        if "." in name or "/" in name:
            out = WELL_KNOWN.get(name)
            if out is None:
                out = self._imported_type(name)
            if out is UNKNOWN:
                out = _modelled(name)
        else:
            d = self.package.decls.get(name)
            out = self.from_node(d.type_node, d.file) if d is not None and d.kind == "type" else UNKNOWN
            if d is not None and d.type_params is not None and out.kind == "map":
                out = Type("map", key=UNKNOWN, elem=UNKNOWN)  # type parameters: shape only
        self._underlying[name] = out
        return out

    def _imported_type(self, qualified: str) -> Type:
        """The underlying type of `import/path.Name` when the import lies in this module."""
        path, _, name = qualified.rpartition(".")
        pkg = imported(self.package.dir, path) if path else None
        if pkg is None:
            return UNKNOWN
        d = pkg.decls.get(name)
        if d is None or d.kind != "type":
            return UNKNOWN
        other = TypeResolver.of(pkg)
        out = other.from_node(d.type_node, d.file)
        if d.type_params is not None and out.kind == "map":
            out = Type("map", key=UNKNOWN, elem=UNKNOWN)  # type parameters: shape only
        if out.kind == "named":  # `type T pkg.U`: resolve it there, once
            out = other.underlying(out)
        return out

    def shallow(self, t: Type) -> Type:
        """The underlying type without reading other packages: types of this package,
        and the well-known table for others. For the cheap pre-checks asked of every
        declaration of a package, which must not parse what it imports."""
        if t.kind == "named" and ("." in t.name or "/" in t.name):
            return WELL_KNOWN.get(t.name, UNKNOWN)
        return self.underlying(t)

    def nil_kind(self, t: Type) -> str | None:
        """What the zero value of t holds nil, judged shallowly (see `shallow`): the value
        itself ("map", "pointer" to a slice or map), its elements ("array" of maps), or
        nothing (None)."""
        u = self.shallow(t)
        if u.kind == "map":
            return "map"
        elem = self.shallow(u.elem or UNKNOWN).kind if u.kind in ("pointer", "array") else ""
        if u.kind == "pointer" and elem in ("slice", "map"):
            return "pointer"
        if u.kind == "array" and elem == "map":
            return "array"
        return None

    def is_map(self, t: Type) -> bool:
        return self.underlying(t).kind == "map"

    def is_pointer_to_slice_or_map(self, t: Type) -> bool:
        u = self.underlying(t)
        return u.kind == "pointer" and self.underlying(u.elem or UNKNOWN).kind in ("slice", "map")

    def field(self, t: Type, name: str, depth: int = 0) -> Type | None:
        """The type of field `name` of a struct (or pointer to struct) type; None when
        the struct is known and has no such field, UNKNOWN when the struct is unknown."""
        u = self.underlying(t)
        if u.kind == "pointer":
            u = self.underlying(u.elem or UNKNOWN)
        if u.kind != "struct" or depth > 4:
            return UNKNOWN
        for fname, ftype, _ in u.fields:
            if fname == name:
                return ftype
        for fname, ftype, embedded in u.fields:
            if embedded:
                sub = self.field(ftype, name, depth + 1)
                if sub is not None and sub is not UNKNOWN:
                    return sub
        return UNKNOWN if u.name == PARTIAL else None

    def struct_fields(self, t: Type) -> tuple:
        u = self.underlying(t)
        if u.kind == "pointer":
            u = self.underlying(u.elem or UNKNOWN)
        return u.fields if u.kind == "struct" else ()
