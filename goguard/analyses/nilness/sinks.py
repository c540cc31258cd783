"""Where nil-ness matters: map writes and dereferences, the variables they reach, and the
roots of the expressions they name."""

from __future__ import annotations

from tree_sitter import Node

from goguard.frontend.source import matches
from goguard.models import kubernetes
from goguard.models import sync as sync_model
from goguard.frontend.syntax import operator as _operator
from goguard.frontend.syntax import strip_parens as _strip


def _lhs_targets(stmt: Node) -> list[Node]:
    left = stmt.child_by_field_name("left")
    return list(left.named_children) if left is not None else []



def write_target(e: Node) -> Node | None:
    """The written map of a write sink / the pointer of a deref sink (`*p`, or `s.mu`
    of `s.mu.Lock()`)."""
    if e.type == "type_instantiation_expression":
        return e.child_by_field_name("type")  # m[a.b][c.d], parsed as a generic type
    if e.type == "call_expression":
        fn = e.child_by_field_name("function")
        return fn.child_by_field_name("operand") if fn is not None else None
    return e.child_by_field_name("operand")


# Methods of the sync types that dereference their receiver (goguard.models.sync): a
# call of one on a field (`s.mu.Lock()`) is a dereference of the field.
SYNC_METHODS = frozenset().union(*sync_model.TYPES.values())


def sync_call(n: Node, text) -> bool:
    """Whether n is `x.f.M()` with M a dereferencing method of a sync type."""
    fn = n.child_by_field_name("function")
    if fn is None or fn.type != "selector_expression":
        return False
    field, op = fn.child_by_field_name("field"), fn.child_by_field_name("operand")
    return field is not None and op is not None and op.type == "selector_expression" and \
        text(field) in SYNC_METHODS


_WRITTEN = ("index_expression", "type_instantiation_expression")


def _sinks_in(expr: Node, literals: list | None = None, state: dict | None = None,
              shallow: bool = False, text=None) -> list[Node]:
    """The `*p` expressions and written `m[k]` index expressions in a statement, not
    looking into function literals (collected into `literals` with the state), and
    with `text`, the calls of sync methods on fields (`s.mu.Lock()`).
    `shallow`: only expr itself."""
    out = []
    stack = [expr]
    while stack:
        n = stack.pop()
        t = n.type
        if t == "func_literal":
            if literals is not None:
                parent = n.parent
                immediate = (parent is not None and parent.type == "call_expression"
                             and parent.child_by_field_name("function") == n
                             and (parent.parent is None or parent.parent.type != "defer_statement"))
                literals.append((n, state, immediate))
            continue
        if t == "assignment_statement":
            out.extend(e for e in map(_strip, _lhs_targets(n)) if e.type in _WRITTEN)
        elif t in ("inc_statement", "dec_statement"):
            if n.named_children and _strip(n.named_children[0]).type in _WRITTEN:
                out.append(_strip(n.named_children[0]))
        elif t == "unary_expression" and _operator(n) == "*":
            out.append(n)
        elif t == "call_expression" and text is not None and sync_call(n, text):
            out.append(n)
        if not shallow:
            stack.extend(n.named_children)
    return out



_RELEVANT_QUERY = """
(assignment_statement left: (expression_list (index_expression operand: (_) @root)))
(inc_statement (index_expression operand: (_) @root))
(dec_statement (index_expression operand: (_) @root))
(assignment_statement left: (expression_list (type_instantiation_expression type: (_) @root)))
(inc_statement (type_instantiation_expression type: (_) @root))
(dec_statement (type_instantiation_expression type: (_) @root))
(unary_expression operator: "*" operand: (_) @root)
(call_expression function: (selector_expression operand: (selector_expression) @root field: (field_identifier) @sync)
  (#any-of? @sync @SYNC@))
(binary_expression left: (_) @root right: (nil))
(binary_expression left: (nil) right: (_) @root)
(short_var_declaration left: (expression_list (_) @lhs) right: (expression_list (_) @rhs))
(assignment_statement left: (expression_list (_) @lhs) right: (expression_list (_) @rhs))
(var_spec name: (identifier) @lhs value: (expression_list (_) @rhs))
""".replace("@SYNC@", " ".join(f'"{m}"' for m in sorted(SYNC_METHODS)))


def _relevant_names(fn: Node, text, sources: frozenset | None = None) -> frozenset[str]:
    """Variables whose nil-ness can matter in fn: roots of writes, dereferences and nil
    comparisons, and what flows into them. Tracking only these keeps states small.
    `sources`: only those of them that the sources flow into (and the sources)."""
    roots: set[str] = set()
    flows: dict[str, set[str]] = {}
    for _, caps in matches(_RELEVANT_QUERY, fn):
        for n in caps.get("root", ()):
            r = _root(n, text)
            if r is not None:
                roots.add(r)
        lhs, rhs = caps.get("lhs", ()), caps.get("rhs", ())
        for left in lhs:
            a = _root(left, text)
            if a is None:
                continue
            for right in rhs:
                b = _root(right, text)
                if b is not None:
                    flows.setdefault(a, set()).add(b)
    work = list(roots)
    while work:
        for b in flows.get(work.pop(), ()):
            if b not in roots:
                roots.add(b)
                work.append(b)
    if sources is None:
        return frozenset(roots)
    into: dict[str, set[str]] = {}
    for a, bs in flows.items():
        for b in bs:
            into.setdefault(b, set()).add(a)
    reached, work = set(sources), list(sources)
    while work:
        for a in into.get(work.pop(), ()):
            if a not in reached:
                reached.add(a)
                work.append(a)
    return frozenset(reached & (roots | set(sources)))



def _simple_key(idx: Node) -> bool:
    t = idx.type
    return t in ("identifier", "interpreted_string_literal", "raw_string_literal", "int_literal",
                 "rune_literal", "selector_expression", "true", "false") and idx.end_byte - idx.start_byte < 80



def _root_node(node: Node) -> tuple[Node | None, bool]:
    """The variable at the root of `a.b[c].d` (through parentheses, unary operators and
    the generic-type reading of `m[a.b][c.d]`), and whether a field or an entry lies
    between it and node ("deep": literals and `new` can leave those nil)."""
    n: Node | None = node
    deep = False
    while n is not None:
        t = n.type
        if t in ("identifier", "type_identifier"):
            return n, deep
        if t in ("selector_expression", "index_expression"):
            deep = True
            n = n.child_by_field_name("operand")
        elif t in ("generic_type", "type_instantiation_expression"):
            deep = True
            n = n.child_by_field_name("type")
        elif t == "parenthesized_expression":
            n = n.named_children[0] if n.named_children else None
        elif t == "unary_expression":
            n = n.child_by_field_name("operand")
        elif t == "call_expression" and _getter(n):
            deep = True  # `obj.GetLabels()` reads the field obj.Labels
            n = n.child_by_field_name("function").child_by_field_name("operand")
        else:
            return None, deep
    return None, deep


def _getter(call: Node) -> bool:
    """Whether call is `x.GetLabels()` / `x.GetAnnotations()` (goguard.models.kubernetes)."""
    fn = call.child_by_field_name("function")
    args = call.child_by_field_name("arguments")
    if fn is None or fn.type != "selector_expression" or (args is not None and args.named_children):
        return False
    name = fn.child_by_field_name("field")
    return name is not None and name.text.decode() in kubernetes.NIL_GETTERS


def _root(node: Node, text) -> str | None:
    root, _ = _root_node(node)
    return text(root) if root is not None else None


def assigned_targets(body: Node | None) -> list[Node]:
    """The targets assigned anywhere in body (`x = `, `s.f += `, `n++`, `for k = range`,
    `v = <-ch`), nested statements included, function literals not."""
    out: list[Node] = []
    stack = [body] if body is not None else []
    while stack:
        n = stack.pop()
        t = n.type
        if t == "func_literal":
            continue
        if t in ("assignment_statement", "inc_statement", "dec_statement", "range_clause", "receive_statement"):
            if t in ("inc_statement", "dec_statement"):
                out.extend(n.named_children[:1])
            elif t != "range_clause" or not any(c.type == ":=" for c in n.children):
                left = n.child_by_field_name("left")
                out.extend(left.named_children if left is not None else ())
        stack.extend(n.named_children)
    return out


def _returned_roots(fn: Node, text) -> frozenset[str]:
    """The variables at the root of what fn's own return statements return."""
    out: set[str] = set()
    stack = [fn.child_by_field_name("body")]
    while stack:
        n = stack.pop()
        if n is None or n.type == "func_literal":
            continue
        if n.type == "return_statement" and n.named_children:
            for v in n.named_children[0].named_children:
                r = _root(v, text)
                if r is not None:
                    out.add(r)
            continue
        stack.extend(n.named_children)
    return frozenset(out)
