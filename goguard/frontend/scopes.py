"""The scope model: which declaration each identifier in a function refers to.

Computed once per top-level function (closures share their enclosing function's
model, since they capture its variables) by one iterative walk, so that deeply
nested code cannot exhaust Python's stack. Covers parameters, named results,
receivers, `:=` and `var` (including if/for/switch init statements), range and
type-switch variables, select receives, block shadowing and closures. Names not
declared in the function are looked up among the package's declarations and the
file's imports.
"""

from __future__ import annotations

from tree_sitter import Node

from goguard.analyses import analysis

FUNCS = ("function_declaration", "method_declaration", "func_literal")
_SCOPED = frozenset((
    "block", "if_statement", "for_statement", "expression_switch_statement",
    "type_switch_statement", "select_statement", "expression_case", "default_case",
    "communication_case",
))
# Type expressions hold no variables we track (array lengths are constants).
_TYPES = frozenset((
    "type_identifier", "qualified_type", "map_type", "pointer_type", "slice_type", "array_type",
    "implicit_length_array_type", "struct_type", "interface_type", "function_type",
    "channel_type", "generic_type", "parenthesized_type", "field_identifier",
    "package_identifier", "label_name", "type_arguments",
))
# Nodes that hold no identifiers at all: their subtrees are not walked.
_INERT = frozenset((
    "comment", "interpreted_string_literal", "raw_string_literal", "rune_literal", "int_literal",
    "float_literal", "imaginary_literal", "nil", "true", "false", "iota",
))
# Nodes the walk only descends through (none of the kinds it handles itself): the most
# common kinds of a body, sent to the descent before the chain of special cases.
_PLAIN = frozenset((
    "expression_list", "call_expression", "argument_list", "literal_element", "statement_list",
    "binary_expression", "expression_statement", "return_statement", "literal_value",
    "index_expression", "composite_literal", "parenthesized_expression", "slice_expression",
    "send_statement", "go_statement", "defer_statement", "type_assertion_expression",
    "type_conversion_expression", "variadic_argument", "var_declaration", "const_declaration",
))


class Decl:
    """A local declaration: a variable, parameter, result, receiver, constant or type."""

    __slots__ = ("name", "kind", "ident", "type_node", "value", "index", "stmt", "func", "origin")

    def __init__(self, name, kind, ident, func, *, type_node=None, value=None, index=None,
                 stmt=None, origin=""):
        self.name = name
        self.kind = kind  # var | param | result | receiver | const | type
        self.ident = ident  # the declaring identifier node
        self.func = func  # innermost function node declaring it
        self.type_node = type_node  # declared type expression, if any
        self.value = value  # the initializer expression for this name, if one-to-one
        self.index = index  # position among the statement's names
        self.stmt = stmt  # declaring statement / spec / clause
        self.origin = origin  # var | define | range | typeswitch | recv | param

    @property
    def id(self) -> int:
        return self.ident.id

    def __repr__(self) -> str:
        return f"Decl({self.name}, {self.kind}, {self.origin}, line {self.ident.start_point[0] + 1})"


class _ScopeStack:
    """Nested scopes with constant-time lookup: each name maps to the stack of its
    visible declarations, and each scope remembers what it declared, to undo on exit.
    (Walking every scope per lookup is quadratic in code nested thousands deep.)"""

    def __init__(self) -> None:
        self.visible: dict[str, list[Decl]] = {}
        self.frames: list[dict[str, Decl]] = []

    def push(self) -> None:
        self.frames.append({})

    def pop(self) -> None:
        for name in self.frames.pop():
            stack = self.visible[name]
            stack.pop()
            if not stack:
                del self.visible[name]

    def declare(self, name: str, d: Decl) -> None:
        frame = self.frames[-1]
        if name in frame:
            self.visible[name][-1] = d
        else:
            self.visible.setdefault(name, []).append(d)
        frame[name] = d

    def lookup(self, name: str) -> Decl | None:
        stack = self.visible.get(name)
        return stack[-1] if stack else None

    def in_current(self, name: str) -> bool:
        return name in self.frames[-1]


class Scopes:
    """Result of the walk for one top-level function."""

    def __init__(self, root: Node, text) -> None:
        self.root = root
        self.uses: dict[int, Decl] = {}  # identifier node id -> local declaration
        self.decls: list[Decl] = []
        self.refs: dict[int, list[Node]] = {}  # decl id -> identifier nodes that use it
        self.use_func: dict[int, Node] = {}  # identifier id -> innermost enclosing function
        # Uses that assign the variable (or a field of it) or take its address: roots of
        # assignment targets, inc/dec operands and `&` operands. Recorded during the walk,
        # since climbing `node.parent` afterwards costs time proportional to depth.
        self.assigned: set[int] = set()
        self._text = text
        self._walk(root)

    def decl_of(self, ident: Node) -> Decl | None:
        return self.uses.get(ident.id)

    def _walk(self, root: Node) -> None:
        text = self._text
        scopes = _ScopeStack()
        funcs: list[Node] = []
        uses, refs, use_func, decls = self.uses, self.refs, self.use_func, self.decls

        def declare(ident: Node, kind: str, **kw) -> None:
            name = text(ident)
            d = Decl(name, kind, ident, funcs[-1], **kw)
            decls.append(d)
            uses[ident.id] = d  # a declaring identifier names its own declaration
            if name != "_":
                scopes.declare(name, d)

        def resolve(ident: Node) -> None:
            d = scopes.lookup(text(ident))
            if d is not None:
                uses[ident.id] = d
                refs.setdefault(d.id, []).append(ident)
                use_func[ident.id] = funcs[-1]

        assigned = self.assigned

        def mark_assigned(target: Node) -> None:
            n = target
            while n.type in ("selector_expression", "parenthesized_expression"):
                inner = n.child_by_field_name("operand") if n.type == "selector_expression" else (
                    n.named_children[0] if n.named_children else None)
                if inner is None:
                    return
                n = inner
            if n.type == "identifier":
                assigned.add(n.id)

        def mark_left(stmt: Node) -> None:
            left = stmt.child_by_field_name("left")
            for target in (left.named_children if left is not None else ()):
                mark_assigned(target)

        def declare_params(fn: Node) -> None:
            for field, kind in (("receiver", "receiver"), ("parameters", "param"), ("result", "result")):
                plist = fn.child_by_field_name(field)
                if plist is None or plist.type != "parameter_list":
                    continue
                for p in plist.named_children:
                    if p.type not in ("parameter_declaration", "variadic_parameter_declaration"):
                        continue
                    tnode = p.child_by_field_name("type")
                    for i, n in enumerate(p.children_by_field_name("name")):
                        declare(n, kind, type_node=tnode, stmt=p, index=i, origin="param")

        # Work items: a node to visit, or a callable to run at that point of the walk.
        stack: list = [root]
        while stack:
            item = stack.pop()
            if callable(item):
                item()
                continue
            n: Node = item
            t = n.type
            if t == "identifier":
                resolve(n)
                continue
            if t in _PLAIN:
                stack.extend(reversed(n.named_children))
                continue
            if t in _INERT:
                continue
            if t == "type_instantiation_expression":
                # `m[a.b][c.d]` parses as a generic instantiation: its "type" and "package"
                # names are variables when a local of that name is in scope.
                stack.extend(x for x in _descendants(n) if x.type in ("type_identifier", "package_identifier"))
                continue
            if t in ("type_identifier", "package_identifier") and n.parent is not None and \
                    n.parent.type != "type_instantiation_expression" and _in_instantiation(n):
                resolve(n)
                continue
            if t in _TYPES:
                continue
            if t in FUNCS:
                def enter(fn=n):
                    funcs.append(fn)
                    scopes.push()
                    declare_params(fn)

                def leave():
                    scopes.pop()
                    funcs.pop()

                body = n.child_by_field_name("body")
                stack.append(leave)
                if body is not None:
                    stack.append(body)
                stack.append(enter)
                continue
            if t == "assignment_statement":
                mark_left(n)
            elif t in ("inc_statement", "dec_statement") and n.named_children:
                mark_assigned(n.named_children[0])
            elif t == "unary_expression" and n.child_by_field_name("operator") is not None \
                    and n.child_by_field_name("operator").type == "&":
                mark_assigned(n.child_by_field_name("operand") or n)
            if t == "short_var_declaration":
                mark_left(n)
                left = n.child_by_field_name("left")
                right = n.child_by_field_name("right")
                stack.append(lambda n=n, left=left, right=right: self._define(n, left, right, scopes, declare, resolve))
                if right is not None:
                    stack.extend(reversed(right.named_children))
                continue
            if t in ("var_spec", "const_spec"):
                value = n.child_by_field_name("value")
                kind = "var" if t == "var_spec" else "const"
                def decl_spec(n=n, value=value, kind=kind):
                    names = n.children_by_field_name("name")
                    values = value.named_children if value is not None else []
                    tnode = n.child_by_field_name("type")
                    for i, ident in enumerate(names):
                        v = values[i] if len(values) == len(names) else (values[0] if values else None)
                        declare(ident, kind, type_node=tnode, value=v, index=i, stmt=n,
                                origin="var" if kind == "var" else "const")
                stack.append(decl_spec)
                if value is not None:
                    stack.append(value)
                continue
            if t == "type_spec" or t == "type_alias":
                name = n.child_by_field_name("name")
                if name is not None:
                    declare(name, "type", type_node=n.child_by_field_name("type"), stmt=n, origin="type")
                continue
            if t == "range_clause":
                left = n.child_by_field_name("left")
                right = n.child_by_field_name("right")
                is_define = any(c.type == ":=" for c in n.children)
                def decl_range(n=n, left=left):
                    if left is None:
                        return
                    for i, ident in enumerate(left.named_children):
                        if ident.type == "identifier":
                            declare(ident, "var", stmt=n, index=i, value=n.child_by_field_name("right"),
                                    origin="range")
                if is_define:
                    stack.append(decl_range)
                elif left is not None:
                    mark_left(n)
                    stack.append(left)
                if right is not None:
                    stack.append(right)
                continue
            if t == "receive_statement":
                left = n.child_by_field_name("left")
                right = n.child_by_field_name("right")
                if left is not None:
                    mark_left(n)
                if left is not None and any(c.type == ":=" for c in n.children):
                    def decl_recv(n=n, left=left):
                        for i, ident in enumerate(left.named_children):
                            if ident.type == "identifier":
                                declare(ident, "var", stmt=n, index=i, value=n.child_by_field_name("right"),
                                        origin="recv")
                    stack.append(decl_recv)
                elif left is not None:
                    stack.append(left)
                if right is not None:
                    stack.append(right)
                continue
            if t == "type_switch_statement":
                alias = n.child_by_field_name("alias")
                value = n.child_by_field_name("value")
                init = n.child_by_field_name("initializer")
                clauses = [c for c in n.named_children if c.type in ("type_case", "default_case")]
                items: list = [lambda: scopes.push()]
                if init is not None:
                    items.append(init)
                if value is not None:
                    items.append(value)
                for c in clauses:
                    items.append(lambda: scopes.push())
                    if alias is not None:
                        for ident in alias.named_children:
                            items.append(lambda ident=ident, c=c, value=value: declare(
                                ident, "var", stmt=c, value=value, origin="typeswitch"))
                    items.extend(x for x in c.named_children if x.type not in _TYPES)
                    items.append(lambda: scopes.pop())
                items.append(lambda: scopes.pop())
                stack.extend(reversed(items))
                continue
            if t == "selector_expression":
                op = n.child_by_field_name("operand")
                if op is not None:
                    stack.append(op)
                continue
            if t == "keyed_element":
                # A bare identifier key is a struct field name (or, rarely, a map key
                # variable we need not track).
                children = n.named_children
                if children:
                    key = children[0]
                    inner = key.named_children[0] if key.type == "literal_element" and key.named_children else key
                    start = 1 if inner.type in ("identifier", "field_identifier") else 0
                    stack.extend(reversed(children[start:]))
                continue
            if t == "labeled_statement":
                stack.extend(reversed([c for c in n.named_children if c.type != "label_name"]))
                continue
            if t in _SCOPED:
                stack.append(lambda: scopes.pop())
                stack.extend(reversed(n.named_children))
                stack.append(lambda: scopes.push())
                continue
            stack.extend(reversed(n.named_children))

    def _define(self, n: Node, left: Node | None, right: Node | None, scopes, declare, resolve) -> None:
        if left is None:
            return
        names = left.named_children
        values = right.named_children if right is not None else []
        for i, ident in enumerate(names):
            if ident.type != "identifier":
                continue
            name = self._text(ident)
            if scopes.in_current(name):  # redeclared in the same scope: an assignment
                resolve(ident)
                continue
            v = values[i] if len(values) == len(names) else (values[0] if values else None)
            declare(ident, "var", value=v, index=i, stmt=n, origin="define")


def _descendants(n: Node) -> list[Node]:
    out, stack = [], list(n.named_children)
    while stack:
        x = stack.pop()
        out.append(x)
        stack.extend(x.named_children)
    return out


def _in_instantiation(n: Node) -> bool:
    p = n.parent
    for _ in range(4):
        if p is None:
            return False
        if p.type == "type_instantiation_expression":
            return True
        p = p.parent
    return False


def top_function(node: Node) -> Node:
    """The outermost function containing node (itself, if it is one). Function
    literals are rare and shallow; walking up from a declaration stops at once."""
    if node.type in ("function_declaration", "method_declaration"):
        return node
    top = node
    n = node
    while n is not None:
        if n.type in FUNCS:
            top = n
            if n.type != "func_literal":
                break
        n = n.parent
    return top


@analysis("scopes")
def scopes_analysis(pass_, fn: Node) -> Scopes:
    """Scopes of the top-level function containing fn; closures share it."""
    top = top_function(fn)
    if top.id != fn.id:
        return pass_.result("scopes", top)
    return Scopes(top, pass_.file.text)
