"""Types of expressions, as far as declarations tell them without a type-checker.

`ExprTypes.of(pass_, fn)` answers "what is the type of this expression?" from the
scope model and the package's declarations; UNKNOWN when nothing says. It also
proves map-ness from use: an index assignment whose key is provably not an integer
can only write a map, and a field assigned `make(map...)` or a map literal anywhere in
the package is a map.
"""

from __future__ import annotations

from tree_sitter import Node

from goguard.analyses import analysis
from goguard.frontend.gotypes import INT, STRING, UNKNOWN, Type, TypeResolver
from goguard.frontend.package import imported
from goguard.frontend.scopes import Scopes
from goguard.frontend.syntax import TYPE_KINDS
from goguard.frontend.syntax import strip_parens as _strip
from goguard.models import kubernetes

# Constructors of the standard library whose buffers callers alias (GG201 follows the
# scanner, reader or buffer a value came from); other packages are read from source.
_STDLIB_RESULTS = {
    ("bufio", "NewScanner"): Type("pointer", elem=Type("named", name="bufio.Scanner")),
    ("bufio", "NewReader"): Type("pointer", elem=Type("named", name="bufio.Reader")),
    ("bufio", "NewReaderSize"): Type("pointer", elem=Type("named", name="bufio.Reader")),
    ("bytes", "NewBuffer"): Type("pointer", elem=Type("named", name="bytes.Buffer")),
    ("bytes", "NewBufferString"): Type("pointer", elem=Type("named", name="bytes.Buffer")),
}

_STRING_FUNCS = {("fmt", "Sprintf"), ("fmt", "Sprint"), ("strconv", "Itoa"), ("strconv", "FormatInt"),
                 ("strings", "ToLower"), ("strings", "ToUpper"), ("strings", "TrimSpace"),
                 ("strings", "Join"), ("path", "Join"), ("filepath", "Join"), ("filepath", "Base")}


class ExprTypes:
    def __init__(self, pass_, scopes: Scopes, fn: Node | None = None) -> None:
        self.pass_ = pass_
        self.fn = fn
        self._uses_cache: _Uses | None = None
        self.file = pass_.file
        self.text = pass_.file.text
        self.scopes = scopes
        self.types = TypeResolver.of(pass_.package)
        self._cache: dict[int, Type] = {}

    def _uses(self) -> "_Uses":
        """What the function's own code shows of expressions it names (one walk, on
        first need): which are maps by use, which are assigned struct literals."""
        if self._uses_cache is None:
            self._uses_cache = _Uses(self.fn, self.text) if self.fn is not None else _Uses(None, self.text)
        return self._uses_cache

    def of(self, expr: Node, depth: int = 0) -> Type:
        key = expr.id
        if key in self._cache:
            return self._cache[key]
        t = UNKNOWN if depth > 12 else self._of(_strip(expr), depth)
        self._cache[key] = t
        return t

    def _result_of(self, call: Node, index: int, count: int, depth: int = 0) -> Type:
        """Result `index` of `a, b, ... := f(...)` for a function f of the package, or a
        method whose declaration goguard can read (`x.M(...)`)."""
        fn = call.child_by_field_name("function")
        if fn is not None and fn.type == "selector_expression":
            got = self._method(fn, depth)
            return _nth_result(got[2], got[0], got[1], index, count) if got is not None else UNKNOWN
        if fn is None or fn.type != "identifier" or self.scopes.decl_of(fn) is not None:
            return UNKNOWN
        td = self.pass_.package.decls.get(self.text(fn))
        if td is None or td.kind != "func":
            return UNKNOWN
        return _nth_result(self.types, td.node, td.file, index, count)

    def _method(self, fn: Node, depth: int) -> "tuple[Node, object, TypeResolver] | None":
        """For `x.M` of a call: the declaration of M (a method, or an interface's method
        element) of x's named type, its file, and the resolver of its package: a type of
        this package, or of another package of the module (read for its declarations).
        None for an import's function or anything goguard cannot read."""
        op, name = fn.child_by_field_name("operand"), fn.child_by_field_name("field")
        if op is None or name is None or (op.type == "identifier" and self.scopes.decl_of(op) is None
                                          and self.text(op) in self.pass_.imports):
            return None
        t = self.of(op, depth + 1)
        while t.kind == "pointer" and t.elem is not None:
            t = t.elem
        if t.kind != "named":
            return None
        package = self.pass_.package
        own = package.import_path
        tname = t.name[len(own) + 1:] if own and t.name.startswith(own + ".") else t.name
        if "." in tname or "/" in tname:
            path, _, tname = t.name.rpartition(".")
            package = imported(package.dir, path)
            if package is None:
                return None
        mname = self.text(name)
        got = package.method(tname, mname) if (tname, mname) in package.methods else None
        if got is not None:
            return got[0], got[1], TypeResolver.of(package)
        d = package.decls.get(tname)
        if d is None or d.kind != "type" or d.type_node is None or d.type_node.type != "interface_type":
            return None
        for m in d.type_node.named_children:
            n = m.child_by_field_name("name") if m.type == "method_elem" else None
            if n is not None and d.file.text(n) == mname:
                return m, d.file, TypeResolver.of(package)
        return None

    def _of(self, e: Node, depth: int) -> Type:
        t = e.type
        types = self.types
        if t == "generic_type":  # m[a.b] of m[a.b][c.d], parsed as a generic type
            base = e.child_by_field_name("type")
            u = types.underlying(self.of(base, depth + 1)) if base is not None else UNKNOWN
            return (u.elem or UNKNOWN) if u.kind in ("map", "slice", "array") else UNKNOWN
        if t in ("identifier", "type_identifier"):
            d = self.scopes.decl_of(e)
            if d is not None:
                if d.kind == "type":
                    return UNKNOWN
                if d.type_node is not None:
                    return types.from_node(d.type_node, self.file)
                v = d.value
                if v is None:
                    return UNKNOWN
                if d.origin == "range":
                    rt = types.underlying(self.of(v, depth + 1))
                    if rt.kind == "map":
                        return (rt.key if d.index == 0 else rt.elem) or UNKNOWN
                    if rt.kind in ("slice", "array"):
                        return INT if d.index == 0 else (rt.elem or UNKNOWN)
                    if rt.kind == "basic" and rt.name == "string":
                        return INT if d.index == 0 else Type("basic", name="rune")
                    return UNKNOWN
                if d.origin in ("typeswitch", "recv"):
                    return UNKNOWN
                stmt = d.stmt
                if stmt is not None and stmt.type in ("short_var_declaration", "var_spec"):
                    left = stmt.child_by_field_name("left") if stmt.type == "short_var_declaration" else None
                    names = left.named_children if left is not None else stmt.children_by_field_name("name")
                    right = stmt.child_by_field_name("right") or stmt.child_by_field_name("value")
                    values = right.named_children if right is not None else []
                    if len(values) != len(names):
                        if len(names) == 2 and len(values) == 1 and _strip(values[0]).type in (
                                "index_expression", "type_assertion_expression"):
                            return self.of(values[0], depth + 1) if d.index == 0 else Type("basic", name="bool")
                        if len(values) == 1 and _strip(values[0]).type == "call_expression":
                            return self._result_of(_strip(values[0]), d.index, len(names))
                        return UNKNOWN
                return self.of(v, depth + 1)
            td = self.pass_.package.decls.get(self.text(e))
            if td is not None and td.kind == "var" and self.scopes.decl_of(e) is None:
                if td.type_node is not None:
                    return types.from_node(td.type_node, td.file)
                v = td.value
                if v is not None and v.type == "composite_literal":  # var pool = sync.Pool{...}
                    return types.from_node(v.child_by_field_name("type"), td.file)
            return UNKNOWN
        if t == "selector_expression":
            op = e.child_by_field_name("operand")
            field = e.child_by_field_name("field")
            if op is None or field is None:
                return UNKNOWN
            if op.type == "identifier" and self.scopes.decl_of(op) is None and \
                    self.text(op) in self.pass_.imports:
                return UNKNOWN
            ft = types.field(self.of(op, depth + 1), self.text(field))
            if ft is None or ft is UNKNOWN:
                # `x.f = T{...}` in the function: Go is typed, so x.f holds a T (an
                # interface-typed x.f could not be selected into, nor keyed).
                lit = self._uses().literals.get(self.text(e))
                return types.from_node(lit, self.file) if lit is not None else UNKNOWN
            return ft
        if t == "index_expression":
            op = e.child_by_field_name("operand")
            if op is None:
                return UNKNOWN
            u = types.underlying(self.of(op, depth + 1))
            if u.kind == "pointer":
                u = types.underlying(u.elem or UNKNOWN)
            if u.kind in ("map", "slice", "array"):
                return u.elem or UNKNOWN
            return UNKNOWN
        if t == "slice_expression":
            op = e.child_by_field_name("operand")
            ot = self.of(op, depth + 1) if op is not None else UNKNOWN
            u = types.underlying(ot)
            if u.kind == "pointer":  # p[a:b] of a pointer to an array
                u = types.underlying(u.elem or UNKNOWN)
            if u.kind == "array":
                return Type("slice", elem=u.elem)
            return ot if u.kind in ("slice", "basic") else UNKNOWN
        if t == "unary_expression":
            opn = e.child_by_field_name("operator")
            op = e.child_by_field_name("operand")
            if op is None or opn is None:
                return UNKNOWN
            if opn.type == "*":
                u = types.underlying(self.of(op, depth + 1))
                return (u.elem or UNKNOWN) if u.kind == "pointer" else UNKNOWN
            if opn.type == "&":
                inner = self.of(op, depth + 1)
                return Type("pointer", elem=inner)
            return UNKNOWN
        if t == "composite_literal":
            return types.from_node(e.child_by_field_name("type"), self.file)
        if t == "call_expression":
            fn = e.child_by_field_name("function")
            args = e.child_by_field_name("arguments")
            if fn is None:
                return UNKNOWN
            if fn.type == "identifier" and self.scopes.decl_of(fn) is None:
                name = self.text(fn)
                first = args.named_children[0] if args is not None and args.named_children else None
                if name == "make" and first is not None:
                    return types.from_node(first, self.file)
                if name == "new" and first is not None:
                    if first.type in TYPE_KINDS:
                        return Type("pointer", elem=types.from_node(first, self.file))
                    return Type("pointer", elem=self.of(first, depth + 1))  # Go 1.26 new(expr)
                if name == "string":
                    return STRING
                if name in ("len", "cap", "int"):
                    return INT
                td = self.pass_.package.decls.get(name)
                if td is not None and td.kind == "type":
                    return Type("named", name=name)
                if td is not None and td.kind == "func":
                    return _single_result(types, td.node, td.file)
                return UNKNOWN
            if fn.type in ("slice_type", "map_type", "pointer_type", "qualified_type", "array_type",
                           "parenthesized_type"):
                return types.from_node(fn, self.file)
            if fn.type == "parenthesized_expression":
                inner = _strip(fn)
                if inner.type in ("pointer_type", "slice_type", "map_type"):
                    return types.from_node(inner, self.file)
            if fn.type == "selector_expression":
                op = fn.child_by_field_name("operand")
                field = fn.child_by_field_name("field")
                if op is not None and field is not None and self.text(field) in kubernetes.COPIES and \
                        not (args is not None and args.named_children) and \
                        not (op.type == "identifier" and self.scopes.decl_of(op) is None
                             and self.text(op) in self.pass_.imports):
                    return self.of(op, depth + 1)  # obj.DeepCopy(): a copy of obj's type
                if op is not None and field is not None and op.type == "identifier" and \
                        self.scopes.decl_of(op) is None:
                    path = self.pass_.imports.get(self.text(op))
                    name = self.text(field)
                    if (path, name) in _STRING_FUNCS or (path and (path.rsplit("/", 1)[-1], name) in _STRING_FUNCS):
                        return STRING
                    if (path, name) in _STDLIB_RESULTS:
                        return _STDLIB_RESULTS[(path, name)]
                    if path:
                        return imported_result(self.pass_.package.dir, path, name)
                got = self._method(fn, depth)
                if got is not None:
                    return _single_result(got[2], got[0], got[1])
            return UNKNOWN
        if t in ("interpreted_string_literal", "raw_string_literal"):
            return STRING
        if t == "int_literal":
            return INT
        if t == "binary_expression":
            op = e.child_by_field_name("operator")
            if op is not None and op.type == "+":
                left = self.of(e.child_by_field_name("left"), depth + 1)
                if left is not UNKNOWN:
                    return left
                return self.of(e.child_by_field_name("right"), depth + 1)
            return UNKNOWN
        if t == "type_assertion_expression":
            return types.from_node(e.child_by_field_name("type"), self.file)
        if t == "type_conversion_expression":  # []byte(s)
            return types.from_node(e.child_by_field_name("type"), self.file)
        return UNKNOWN

    # ---- map-ness ---------------------------------------------------------------------

    def is_string(self, expr: Node) -> bool:
        u = self.types.underlying(self.of(expr))
        return u.kind == "basic" and u.name == "string"

    def container_kind(self, index_expr: Node) -> str:
        """"map" when the written container is provably a map, "other" when provably
        not (slice, array, string, pointer to array), "" when unknown."""
        if index_expr.type == "type_instantiation_expression":  # m[a.b][c.d]
            op = index_expr.child_by_field_name("type")
            idx = index_expr.named_children[-1] if index_expr.named_child_count > 1 else None
        else:
            op = index_expr.child_by_field_name("operand")
            idx = index_expr.child_by_field_name("index")
        if op is None:
            return ""
        u = self.types.underlying(self.of(op))
        if u.kind == "map":
            return "map"
        if u.kind not in ("unknown", "named"):
            return "other"
        if idx is not None and self.is_string(idx):
            return "map"
        op = _strip(op)
        if self.text(op) in self._uses().maps:
            return "map"  # the function also comma-ok looks it up or deletes from it
        if op.type == "selector_expression":
            field = op.child_by_field_name("field")
            if field is not None and self.text(field) in map_fields(self.pass_):
                return "map"
        return ""

    def pointee_kind(self, deref: Node) -> str:
        """For `*p`: "slice"/"map" when p provably points to one, else ""."""
        op = deref.child_by_field_name("operand")
        if op is None:
            return ""
        u = self.types.underlying(self.of(op))
        if u.kind == "pointer":
            inner = self.types.underlying(u.elem or UNKNOWN)
            if inner.kind in ("slice", "map"):
                return inner.kind
            if inner.kind != "unknown":
                return ""
        elif u.kind != "unknown":
            return ""
        # Proven from use: append(*p, ...) needs a slice; (*p)["k"] = v needs a map.
        n, parent = deref, deref.parent
        while parent is not None and parent.type == "parenthesized_expression":
            n, parent = parent, parent.parent
        if parent is not None and parent.type == "argument_list" and parent.named_children and \
                parent.named_children[0] == n:
            call = parent.parent
            fn = call.child_by_field_name("function") if call is not None else None
            if fn is not None and fn.type == "identifier" and self.text(fn) == "append" and \
                    self.scopes.decl_of(fn) is None:
                return "slice"
        if parent is not None and parent.type == "index_expression" and parent.child_by_field_name("operand") == n:
            idx = parent.child_by_field_name("index")
            if idx is not None and self.is_string(idx):
                return "map"
        return ""


def _nth_result(types: TypeResolver, decl: Node, file, index: int, count: int) -> Type:
    """The type of result `index` of a function declaration with `count` results, or
    UNKNOWN (another number of results)."""
    res = decl.child_by_field_name("result")
    if res is None or res.type != "parameter_list":
        return UNKNOWN
    flat = []
    for p in res.named_children:
        flat.extend([p.child_by_field_name("type")] * max(1, len(p.children_by_field_name("name"))))
    return types.from_node(flat[index], file) if len(flat) == count and index < count else UNKNOWN


def _single_result(types: TypeResolver, decl: Node, file) -> Type:
    """The type of a function declaration's only result, or UNKNOWN."""
    res = decl.child_by_field_name("result")
    if res is not None and res.type != "parameter_list":
        return types.from_node(res, file)
    if res is not None and len(res.named_children) == 1 and len(res.named_children[0].children_by_field_name("name")) <= 1:
        return types.from_node(res.named_children[0].child_by_field_name("type"), file)
    return UNKNOWN


def imported_result(from_dir: str, path: str, name: str) -> Type:
    """The result type of function `name` of the module package at `path`, spelled with
    that package's qualified names; UNKNOWN when it is not in the module."""
    pkg = imported(from_dir, path)
    d = pkg.decls.get(name) if pkg is not None else None
    if d is None or d.kind != "func":
        return UNKNOWN
    return _single_result(TypeResolver.of(pkg), d.node, d.file)


def map_fields(pass_) -> frozenset[str]:
    """Names of struct fields assigned `make(map...)` or a map literal anywhere in the package."""
    pkg = pass_.package
    cached = pkg.facts.get("map_fields")
    if cached is not None:
        return cached
    out: set[str] = set()
    for f in pkg.files:
        for holder in _map_value_holders(f):
            for field in _holder_fields(holder):
                val = _value_of_field(field)
                if val is not None and _is_map_value(val, f):
                    out.add(f.text(field))
    result = frozenset(out)
    pkg.facts["map_fields"] = result
    return result


# Kinds between a map value's map_type and the keyed element or assignment holding it.
_VALUE_PATH = frozenset(("composite_literal", "argument_list", "call_expression", "parenthesized_expression",
                         "literal_element", "expression_list"))


def _map_value_holders(f) -> list[Node]:
    """The keyed elements and assignments a map value (`map[K]V{...}`, `make(map...)`)
    may be the value of, found from each `map` keyword of the file's text: a map value
    starts with one, so no traversal of the whole tree is needed."""
    data, root = f.data, f.root
    holders: dict[int, Node] = {}
    pos = data.find(b"map")
    while pos >= 0:
        n = root.named_descendant_for_byte_range(pos, pos + 3)
        if n is not None and n.type == "map_type" and n.start_byte == pos:
            p = n.parent
            while p is not None and p.type in _VALUE_PATH:
                p = p.parent
            if p is not None and p.type in ("keyed_element", "assignment_statement"):
                holders[p.id] = p
        pos = data.find(b"map", pos + 3)
    return list(holders.values())


def _holder_fields(holder: Node) -> list[Node]:
    """The field names a holder assigns, as a query over the whole tree would capture
    them: `key:` of a keyed element, the field of each selector on an assignment's left."""
    if holder.type == "keyed_element":
        lits = [c for c in holder.named_children if c.type == "literal_element"]
        return [g for c in lits[:-1] for g in c.named_children if g.type == "identifier"]
    left, right = holder.child_by_field_name("left"), holder.child_by_field_name("right")
    if left is None or right is None or left.type != "expression_list" or right.type != "expression_list" \
            or not right.named_children:
        return []
    return [f for c in left.named_children if c.type == "selector_expression"
            and (f := c.child_by_field_name("field")) is not None and f.type == "field_identifier"]


def _value_of_field(field: Node) -> Node | None:
    """The value assigned to a captured field: the sibling value in the same node."""
    parent = field.parent
    holder = parent.parent if parent is not None and parent.type == "literal_element" else None
    if holder is not None and holder.type == "keyed_element":
        val = holder.named_children[-1]
        return val.named_children[0] if val.type == "literal_element" and val.named_children else val
    stmt = parent.parent.parent if parent is not None and parent.parent is not None else None
    if stmt is None or stmt.type != "assignment_statement":
        return None
    left = stmt.child_by_field_name("left")
    right = stmt.child_by_field_name("right")
    if left is None or right is None or len(left.named_children) != len(right.named_children):
        return None
    ids = [c.id for c in left.named_children]
    return right.named_children[ids.index(parent.id)] if parent.id in ids else None


def _is_map_value(val: Node, f) -> bool:
    val = _strip(val)
    if val.type == "composite_literal":
        tn = val.child_by_field_name("type")
        return tn is not None and tn.type == "map_type"
    if val.type == "call_expression":
        fn = val.child_by_field_name("function")
        args = val.child_by_field_name("arguments")
        if fn is not None and f.text(fn) == "make" and args is not None and args.named_children:
            return args.named_children[0].type == "map_type"
    return False


@analysis("exprtypes")
def exprtypes_analysis(pass_, fn: Node) -> ExprTypes:
    from goguard.frontend.scopes import top_function

    top = top_function(fn)
    if top.id != fn.id:
        return pass_.result("exprtypes", top)
    return ExprTypes(pass_, pass_.result("scopes", top), top)


class _Uses:
    """Expressions (by text) that a function's code proves to be maps, and the struct
    literal types assigned to selectors:

    - `v, ok := x[k]` (a comma-ok lookup) and `delete(x, k)` exist only for maps;
    - `x.f = T{...}` / `x.f = &T{...}`: the static type of x.f (T or *T).
    """

    def __init__(self, fn: Node | None, text) -> None:
        self.maps: set[str] = set()
        self.literals: dict[str, Node] = {}
        stack = [fn] if fn is not None else []
        while stack:
            n = stack.pop()
            t = n.type
            if t in ("short_var_declaration", "assignment_statement"):
                left, right = n.child_by_field_name("left"), n.child_by_field_name("right")
                lefts = left.named_children if left is not None else []
                rights = right.named_children if right is not None else []
                if len(lefts) == 2 and len(rights) == 1 and _strip(rights[0]).type == "index_expression":
                    op = _strip(rights[0]).child_by_field_name("operand")
                    if op is not None:
                        self.maps.add(text(_strip(op)))
                elif t == "assignment_statement" and len(lefts) == len(rights):
                    for target, value in zip(lefts, rights):
                        v = _strip(value)
                        if v.type == "unary_expression" and v.child_by_field_name("operator") is not None \
                                and v.child_by_field_name("operator").type == "&":
                            inner = _strip(v.child_by_field_name("operand") or v)
                            typ = inner.child_by_field_name("type") if inner.type == "composite_literal" else None
                            if typ is not None and _strip(target).type == "selector_expression":
                                self.literals.setdefault(text(_strip(target)), None)
                            continue
                        typ = v.child_by_field_name("type") if v.type == "composite_literal" else None
                        if typ is not None and _strip(target).type == "selector_expression":
                            self.literals.setdefault(text(_strip(target)), typ)
            elif t == "call_expression":
                fn_ = n.child_by_field_name("function")
                args = n.child_by_field_name("arguments")
                if fn_ is not None and fn_.type == "identifier" and text(fn_) == "delete" and args is not None \
                        and args.named_children:
                    self.maps.add(text(_strip(args.named_children[0])))
            stack.extend(n.named_children)
        self.literals = {k: v for k, v in self.literals.items() if v is not None}
