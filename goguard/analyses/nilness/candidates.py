"""The cheap filter before the dataflow: where a variable of the file may get a nil source."""

from __future__ import annotations

from bisect import bisect_left

from tree_sitter import Node

from goguard.analyses import analysis, file_query
from goguard.analyses.nilness.sinks import _root, _root_node
from goguard.frontend.normalise import RESPELLED
from goguard.frontend.scopes import Decl, Scopes, top_function
from goguard.frontend.source import matches
from goguard.frontend.syntax import strip_parens as _strip

# The query's predicate reads the tree's text, where normalised newer syntax spells
# `new` / `make` differently (goguard.frontend.normalise).
_BUILTINS = " ".join(f'"{n}"' for n in ("new", "make", *RESPELLED.values()))
_CANDIDATES_QUERY = file_query("nil-candidates", """
(var_spec name: (identifier) @name !value)
(var_spec name: (identifier) @name
  value: (expression_list [(composite_literal) (unary_expression operator: "&") (index_expression) (identifier)
                           (call_expression function: (identifier) @fn (#any-of? @fn @BUILTINS@))] @value))
(function_declaration result: (parameter_list (parameter_declaration name: (identifier) @name)))
(method_declaration result: (parameter_list (parameter_declaration name: (identifier) @name)))
(func_literal result: (parameter_list (parameter_declaration name: (identifier) @name)))
(short_var_declaration
  left: (expression_list (identifier) @name)
  right: (expression_list [(composite_literal) (unary_expression operator: "&") (index_expression) (identifier)
                           (call_expression function: (identifier) @fn (#any-of? @fn @BUILTINS@))] @value))
(binary_expression left: (_) @name operator: ["==" "!="] right: (nil))
(binary_expression left: (nil) operator: ["==" "!="] right: (_) @name)
(assignment_statement
  left: (expression_list (_) @name)
  right: (expression_list [(nil) (composite_literal) (unary_expression operator: "&") (index_expression) (identifier)
                           (call_expression function: (identifier) @fn (#any-of? @fn @BUILTINS@))] @value))
""".replace("@BUILTINS@", _BUILTINS))

# What a nil source can make nil: the value itself ("any": a zero `var`, a named
# result, nil, a lookup), or only its fields and entries ("deep": a literal, `new`,
# `make`, `&T{}` leave fields unset and maps empty).
_ANY, _DEEP = "any", "deep"


class Candidates:
    """Per name, where in the file a nil source for it stands, and of what kind."""

    def __init__(self) -> None:
        self.sources: dict[str, list[tuple[int, str]]] = {}
        self.aliases: dict[str, list[tuple[int, str]]] = {}  # name -> (offset, source name)
        # name -> (offset of a nil check, start, end of the byte range where the check
        # makes it nil: `if x == nil { here }`).
        self.checked: dict[str, list[tuple[int, int, int]]] = {}

    def finish(self) -> None:
        """Sort each name's entries by offset, so that a function's are found by bisection:
        a file with thousands of functions using one name stays linear."""
        for table in (self.sources, self.aliases, self.checked):
            for entries in table.values():
                entries.sort()

    @staticmethod
    def _within(entries: list, lo: int, hi: int) -> list:
        return entries[bisect_left(entries, (lo,)):bisect_left(entries, (hi,))]

    def may_be_nil(self, name: str, lo: int, hi: int, deep: bool, at: int = -1, depth: int = 0) -> bool:
        """Whether `name` has a nil source between byte offsets lo and hi, or a nil
        check that makes it nil at offset `at`."""
        for _off, kind in self._within(self.sources.get(name, []), lo, hi):
            if deep or kind == _ANY:
                return True
        for _where, a, b in self._within(self.checked.get(name, []), lo, hi):
            if a <= at < b:
                return True
        if depth < 3:
            for _off, src in self._within(self.aliases.get(name, []), lo, hi):
                if self.may_be_nil(src, lo, hi, deep, at, depth + 1):
                    return True
        return False


@analysis("nil-candidates")
def nil_candidates(pass_, _fn=None) -> Candidates:
    """Where the file's variables may get a nil source (or a struct with unset fields,
    or a fresh map): a query-driven filter, so that the dataflow only runs for writes
    and dereferences whose root could be nil in their own function at all."""
    text = pass_.file.text
    out = Candidates()
    found = pass_.file_matches.get("nil-candidates")
    if found is None:
        found = matches(_CANDIDATES_QUERY, pass_.file.root)
    for _, caps in found:
        values = caps.get("value", [])
        for name in caps.get("name", ()):
            root = _root(name, text)
            if root is None:
                continue
            if not values:
                compared = _nil_comparison(name)
                if compared is not None:
                    span = _checked_span(compared, text)
                    if span is not None:
                        out.checked.setdefault(root, []).append((compared.start_byte, *span))
                    continue
                out.sources.setdefault(root, []).append((name.start_byte, _ANY))
                continue
            for v in values:
                t = v.type
                if t == "identifier":
                    out.aliases.setdefault(root, []).append((v.start_byte, text(v)))
                elif t in ("nil", "index_expression"):
                    out.sources.setdefault(root, []).append((v.start_byte, _ANY))
                else:  # a literal, &T{...}, new or make
                    out.sources.setdefault(root, []).append((v.start_byte, _DEEP))
    out.finish()
    return out



def may_be_nil_root(pass_, expr: Node, fn: Node) -> bool:
    """Whether the variable at the root of expr has a nil source, of a kind that can
    reach expr, anywhere in fn's outermost function (closures capture)."""
    root, deep = _root_node(expr)
    if root is None:
        return False
    top = top_function(fn)
    return pass_.result("nil-candidates").may_be_nil(pass_.file.text(root), top.start_byte, top.end_byte, deep,
                                                     expr.start_byte)


_LEAVING = ("return_statement", "break_statement", "continue_statement", "goto_statement")


def _nil_comparison(operand: Node) -> Node | None:
    """The `x == nil` / `x != nil` expression whose non-nil operand this is, or None."""
    p = operand.parent
    return p if p is not None and p.type == "binary_expression" else None


def _checked_span(cmp: Node, text) -> tuple[int, int] | None:
    """Where a nil check makes its operand nil: the body of `if x == nil { ... }`, or
    what follows `if x != nil { ...; return }` in its block. A check in any other place
    (`a && x == nil`, a switch case) may make it nil anywhere in its function. None
    where it makes it nil nowhere that a definite finding could follow."""
    op = cmp.child_by_field_name("operator")
    eq = op is not None and op.type == "=="
    n, p = cmp, cmp.parent
    while p is not None and p.type == "parenthesized_expression":
        n, p = p, p.parent
    if p is None or p.type != "if_statement" or p.child_by_field_name("condition") != n:
        return (0, 1 << 62)
    body = p.child_by_field_name("consequence")
    if body is None:
        return None
    if eq:
        return (body.start_byte, body.end_byte)
    stmts = [c for c in body.named_children if c.type != "comment"]
    if stmts and stmts[-1].type == "statement_list":
        stmts = [c for c in stmts[-1].named_children if c.type != "comment"]
    last = stmts[-1] if stmts else None
    leaves = last is not None and (last.type in _LEAVING or (
        last.type == "expression_statement" and text(last).startswith(("panic(", "log.Fatal", "os.Exit", "t.Fatal"))))
    if not leaves or p.parent is None:
        return None
    return (p.end_byte, p.parent.end_byte)


def may_be_nil(pass_, fn: Node, expr: Node) -> bool:
    """Whether the variable at the root of expr (a written map or a dereferenced
    pointer) has any nil source in its function: a zero `var`, a named result, an
    assignment of nil, a lookup, or, for fields and nested maps, a literal or `new`.
    A check on the scope model before the dataflow runs; callers first ask the
    cheaper may_be_nil_root, which needs no scopes."""
    e, deep = _root_node(expr)
    if e is None:
        return False
    scopes = pass_.result("scopes", fn)
    return _decl_may_be_nil(scopes, scopes.decl_of(e), deep, pass_.file.text, 0)


def _decl_may_be_nil(scopes: Scopes, d: Decl | None, deep: bool, text, depth: int) -> bool:
    if d is None or depth > 4:
        return False
    if d.kind == "result" or (d.origin == "var" and d.value is None):
        return True
    values = [d.value] if d.value is not None and d.origin in ("var", "define") else []
    for ident in scopes.refs.get(d.id, ()):
        if _compared_with_nil(_selector_top(ident)):
            return True  # inside `if x == nil { ... }`, x is nil whatever its origin
        rhs = assigned_value(ident)
        if rhs is None and deep and ident.id in scopes.assigned:
            rhs = assigned_value(_selector_top(ident))  # s.f.g = nil: a field of it
        if rhs is not None:
            values.append(rhs)
    for v in values:
        v = _strip(v)
        t = v.type
        if t in ("nil", "index_expression"):
            return True
        if t in ("composite_literal", "unary_expression") and deep:
            return True
        if t == "call_expression" and deep:
            fn = v.child_by_field_name("function")
            if fn is not None and text(fn) in ("new", "make"):
                return True
        if t == "identifier" and _decl_may_be_nil(scopes, scopes.decl_of(v), deep, text, depth + 1):
            return True
    return False


def _compared_with_nil(e: Node) -> bool:
    p = e.parent
    while p is not None and p.type == "parenthesized_expression":
        e, p = p, p.parent
    if p is None or p.type != "binary_expression":
        return False
    other = p.child_by_field_name("right") if p.child_by_field_name("left") == e else p.child_by_field_name("left")
    return other is not None and other.type == "nil"


def _selector_top(ident: Node) -> Node:
    """The selector chain `ident.f.g` whose root ident is (ident itself when none)."""
    n = ident
    p = n.parent
    while p is not None and p.type == "selector_expression" and p.child_by_field_name("operand") == n:
        n, p = p, p.parent
    return n


def assigned_value(ident: Node) -> Node | None:
    """The value assigned to the variable when this use of it is an assignment target."""
    p = ident.parent
    if p is None or p.type != "expression_list":
        return None
    stmt = p.parent
    if stmt is None or stmt.type not in ("assignment_statement", "short_var_declaration") or \
            stmt.child_by_field_name("left") != p:
        return None
    right = stmt.child_by_field_name("right")
    if right is None:
        return None
    lefts = [c.id for c in p.named_children]
    values = right.named_children
    if len(values) != len(lefts):
        return values[0] if len(values) == 1 and _strip(values[0]).type == "index_expression" else None
    return values[lefts.index(ident.id)]

