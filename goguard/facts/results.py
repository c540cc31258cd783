"""Function results that may be nil: a summary per function, for its callers.

For a function or method of the package with a map or pointer-to-slice/map result, the
nil-ness analysis of its body gives what each `return` hands back. A result counts as
"may be nil" when some return gives nil for it on a path that:

- does not depend on the function's own parameters or receiver (no condition taken on
  the way mentions them): a helper that returns nil for a nil input leaves the choice
  to its caller, who usually knows better;
- does not also return a non-nil error (`return nil, err`): callers check the error.
  Such returns are kept apart (`on_error`) for the calls that drop the error
  (`m, _ := load()`), where the nil reaches the caller unchecked.

Callers then see the call's result as possibly nil, with the callee's return named in
the flow ("load returns nil here (conf.go:12, when err != nil)"), and a write without a
nil check is reported. Callees' own calls are summarised in turn, a few levels deep;
recursion, function values and callees outside the package give unknown.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field

from tree_sitter import Node

from goguard.analyses.calls import result_kind
from goguard.analyses.nilness.domain import CHECKED_NOTE, DECODED, Nil, _word
from goguard.facts import fact, per_function
from goguard.frontend.gotypes import TypeResolver
from goguard.frontend.loader import display_path
from goguard.frontend.syntax import NameFinder

# How many calls deep summaries are computed (a summary asks its callees' summaries).
MAX_DEPTH = 3


@fact("summarised-names")
def callee_names(package) -> NameFinder | None:
    """A finder of calls of any function or method of the package whose result
    may be nil by type (a map or *[]T): the cheap test before any summary is asked."""
    key = ("summarised-names",)
    if key not in package.facts:
        types = TypeResolver.of(package)
        names = set()
        for decl, file in package.functions():
            res = decl.child_by_field_name("result")
            name = decl.child_by_field_name("name")
            if res is not None and name is not None and any(_result_kinds(types, res, file)[0]):
                names.add(file.text(name))
        package.facts[key] = NameFinder(names, suffix=rb"\s*\(") if names else None
    return package.facts[key]


@dataclass
class Summary:
    """Per result index that may be nil: where (path, line) and when (a condition).
    `on_args`: per result index, the returns of a plain `nil` decided by the
    parameters alone, for callers whose arguments are constants: (path, line, the
    enclosing conditions as (node, truth), the parameter names, the callee's file)."""

    nil: dict[int, tuple[str, int, str]] = field(default_factory=dict)
    on_args: dict[int, list] = field(default_factory=dict)
    # Per result index: a `return nil, err` decided by nothing the caller supplies, for
    # calls that assign the error result (at `error_at`) to `_`.
    on_error: dict[int, tuple[str, int, str]] = field(default_factory=dict)
    error_at: int | None = None
    # Result indexes whose nil is a decoder's (a document that left the map nil): the
    # caller's nil keeps that kind (goguard.analyses.nilness.domain.DECODED).
    decoded: frozenset = frozenset()


_EMPTY = Summary()


def summary(pass_, decl: Node, file) -> Summary:
    """The result summary of a function or method declaration of pass_'s package
    (recursion, or more than MAX_DEPTH calls deep: unknown)."""
    return per_function(pass_, "summary", decl, file, _summarise, _EMPTY, "summary-stack", MAX_DEPTH)


def _summarise(fp, decl: Node) -> Summary:
    out = Summary()
    res = decl.child_by_field_name("result")
    if res is None or decl.type not in ("function_declaration", "method_declaration"):
        return out
    types = TypeResolver.of(fp.package)
    kinds, error_at = _result_kinds(types, res, fp.file)
    if not any(kinds):
        return out
    out.error_at = error_at
    nilness = fp.result("nilness", decl)
    if nilness is None:
        return out
    inputs = _input_names(decl, fp.text)
    params = _param_names(decl, fp.text)
    # What the caller supplies or controls: the inputs, and the locals derived from
    # their contents (a nil decided by those is the caller's business, unless its
    # arguments show the way); a nil decided by I/O, the environment or an error is not.
    supplied = inputs + sorted(_input_derived(decl, set(inputs), fp.text))
    for ret, facts in nilness.returns:
        values = ret.named_children[0].named_children if ret.named_children else []
        erred = error_at is not None and len(values) == len(kinds) and _strip_text(fp, values[error_at]) != "nil"
        nodes = _enclosing(fp, ret, decl)
        if nodes is None:
            continue
        if not nodes:
            nodes = _preceding_exits(ret)
        enclosing = [(fp.text(c), t) for c, t in nodes]
        if erred:  # `return nil, err`: the caller checks the error, unless it drops it
            if not any(_mentions(c, name) for c, _ in enclosing for name in supplied):
                when = " and ".join(sorted({_describe(c, t) for c, t in enclosing}))
                for i, kind in enumerate(kinds):
                    if kind is not None and i not in out.on_error and _strip_text(fp, values[i]) == "nil":
                        out.on_error[i] = (fp.file.path, ret.start_point[0] + 1, when)
            continue
        if any(_mentions(c, name) for c, _ in enclosing for name in supplied):
            if params and len(values) == len(kinds):
                for i, kind in enumerate(kinds):
                    if kind is not None and _strip_text(fp, values[i]) == "nil":
                        out.on_args.setdefault(i, []).append(
                            (fp.file.path, ret.start_point[0] + 1, nodes, tuple(params), fp.file))
            continue
        for i, (kind, fs) in enumerate(zip(kinds, facts)):
            if kind is None or i in out.nil:
                continue
            for n in fs:
                if not isinstance(n, Nil) or n.note == CHECKED_NOTE:
                    continue
                conds = [(atom[1], truth) for atom, truth in n.conds if atom[0] in ("", "len>0")]
                if any(_mentions(c, name) for c, _ in conds for name in supplied):
                    continue
                when = " and ".join(sorted({_describe(c, t) for c, t in conds + enclosing}))
                out.nil[i] = (fp.file.path, ret.start_point[0] + 1, when)
                if n.kind == DECODED:
                    out.decoded |= {i}
                break
    return out


# Builtins and conversions through which a value stays derived from its operands.
_PASS_THROUGH = frozenset(("append", "len", "cap", "string", "min", "max", "copy", "slices.Clone", "maps.Clone"))


class _Text:
    """What the condition readers need of a pass: the text of a node in one file."""

    def __init__(self, file) -> None:
        self.text = file.text


def foreign_summary(package, decl: Node, file) -> Summary:
    """The result summary of a function of another package of the module, which is
    read for its declarations only (its facts would be partial): the returns of a
    literal `nil` (with a literal nil error, when it has one) decided by nothing the
    caller supplies. Cached with that package."""
    key = ("foreign-summary", file.abspath, decl.start_byte)
    got = package.facts.get(key)
    if got is not None:
        return got
    out = Summary()
    res = decl.child_by_field_name("result")
    if res is not None and decl.type == "function_declaration":
        kinds, error_at = _result_kinds(TypeResolver.of(package), res, file)
        fp = _Text(file)
        supplied = None
        stack = [decl.child_by_field_name("body")] if any(kinds) else []
        while stack:
            n = stack.pop()
            if n is None or n.type == "func_literal":
                continue
            if n.type != "return_statement":
                stack.extend(n.named_children)
                continue
            values = n.named_children[0].named_children if n.named_children else []
            if len(values) != len(kinds) or (error_at is not None and _strip_text(fp, values[error_at]) != "nil"):
                continue
            nils = [i for i, k in enumerate(kinds) if k is not None and i not in out.nil
                    and _strip_text(fp, values[i]) == "nil"]
            if not nils:
                continue
            nodes = _enclosing(fp, n, decl)
            if nodes is None:
                continue
            if not nodes:
                nodes = _preceding_exits(n)
            if supplied is None:
                inputs = _input_names(decl, file.text)
                supplied = inputs + sorted(_input_derived(decl, set(inputs), file.text))
            conds = [(file.text(c), t) for c, t in nodes]
            if any(_mentions(c, name) for c, _ in conds for name in supplied):
                continue
            when = " and ".join(sorted({_describe(c, t) for c, t in conds}))
            shown = display_path(file.abspath, os.getcwd()) if os.path.isabs(file.path) else file.path
            for i in nils:
                out.nil[i] = (shown, n.start_point[0] + 1, when)
    package.facts[key] = out
    return out


def _input_derived(decl: Node, inputs: set, text) -> set:
    """Locals whose value comes from the inputs' contents: assigned from an expression
    reading an input or such a local (fields, elements, `append`, conversions,
    assertions, a method called on it: `ctx.Value(k)`), or ranging over one. A plain
    function handed an input (`os.ReadFile(path)`) gives I/O's answer, not the input's;
    an `err` is never the input's."""
    assigns: list[tuple[list, list]] = []
    stack = [decl.child_by_field_name("body")]
    while stack:
        n = stack.pop()
        if n is None or n.type == "func_literal":
            continue
        t = n.type
        if t in ("short_var_declaration", "assignment_statement", "range_clause"):
            left, right = n.child_by_field_name("left"), n.child_by_field_name("right")
            if left is not None and right is not None:
                assigns.append((left.named_children, [right] if t == "range_clause" else right.named_children))
        elif t == "var_spec":
            value = n.child_by_field_name("value")
            if value is not None:
                assigns.append((n.children_by_field_name("name"), value.named_children))
        stack.extend(n.named_children)
    derived: set = set()
    for _ in range(4):
        grew = False
        for lefts, rights in assigns:
            if not any(_reads(r, inputs | derived, text) for r in rights):
                continue
            for target in lefts:
                name = text(target) if target.type == "identifier" else None
                if name and name not in derived and name not in inputs and name not in ("err", "_"):
                    derived.add(name)
                    grew = True
        if not grew:
            break
    return derived


def _reads(expr: Node, names: set, text) -> bool:
    """Whether an expression's value depends on a name of `names`, not through the
    arguments of a plain function call."""
    stack = [expr]
    while stack:
        n = stack.pop()
        t = n.type
        if t == "identifier":
            if text(n) in names:
                return True
            continue
        if t == "func_literal":
            continue
        if t == "call_expression":
            fn = n.child_by_field_name("function")
            if fn is not None and fn.type == "selector_expression":
                stack.append(fn.child_by_field_name("operand"))  # a method of the value
                if text(fn) in _PASS_THROUGH:
                    stack.append(n.child_by_field_name("arguments"))
                continue
            if fn is not None and fn.type == "identifier" and text(fn) in _PASS_THROUGH:
                stack.append(n.child_by_field_name("arguments"))
            continue
        stack.extend(c for c in n.named_children if c is not None)
    return False


def _param_names(decl: Node, text) -> list[str]:
    plist = decl.child_by_field_name("parameters")
    names: list[str] = []
    for p in (plist.named_children if plist is not None else ()):
        if p.type == "variadic_parameter_declaration":
            return []
        got = p.children_by_field_name("name")
        if got:
            names.extend(text(n) for n in got)
        else:
            names.append("_")
    return names


def _enclosing_conditions(fp, ret: Node, decl: Node) -> list[tuple[str, bool]] | None:
    """The conditions of the if statements around a return, each with the way it was
    taken to reach it; switch tags and case values, range expressions and loop
    conditions count as taken either way. None when the return is too deep to say."""
    got = _enclosing(fp, ret, decl)
    return None if got is None else [(fp.text(c), t) for c, t in got]


_EXITS = ("return_statement", "continue_statement", "break_statement", "goto_statement")


def _preceding_exits(ret: Node) -> list[tuple[Node, bool]]:
    """For a return in a function's own block: the conditions of the `if`s before it
    in that block that leave (`if len(out) > 0 { return &out }`), taken the other way:
    what decides that this return is reached."""
    out = []
    block = ret.parent
    if block is not None and block.type == "statement_list":
        for stmt in block.named_children:
            if stmt.id == ret.id:
                break
            if stmt.type != "if_statement" or stmt.child_by_field_name("alternative") is not None:
                continue
            body = stmt.child_by_field_name("consequence")
            stmts = [c for c in (body.named_children if body is not None else ()) if c.type != "comment"]
            if stmts and stmts[-1].type == "statement_list":
                stmts = [c for c in stmts[-1].named_children if c.type != "comment"]
            cond = stmt.child_by_field_name("condition")
            if stmts and stmts[-1].type in _EXITS and cond is not None:
                out.append((cond, False))
    return out


def _enclosing(fp, ret: Node, decl: Node) -> list[tuple[Node, bool]] | None:
    """_enclosing_conditions as nodes."""
    out: list[tuple[Node, bool]] = []
    child, n = ret, ret.parent
    for _ in range(64):
        if n is None or n.id == decl.id:
            return out
        t = n.type
        if t == "if_statement":
            cond = n.child_by_field_name("condition")
            if cond is not None and child.id != cond.id:
                alt = n.child_by_field_name("alternative")
                out.append((cond, not (alt is not None and alt.id == child.id)))
        elif t in ("expression_switch_statement", "type_switch_statement", "for_statement"):
            for f in ("value", "condition"):
                c = n.child_by_field_name(f)
                if c is not None:
                    out.append((c, True))
        elif t in ("expression_case", "for_clause", "range_clause"):
            for f in ("value", "right", "condition"):
                c = n.child_by_field_name(f)
                if c is not None:
                    out.append((c, True))
        child, n = n, n.parent
    return None


def _result_kinds(types, res: Node, file) -> tuple[list, int | None]:
    if res.type != "parameter_list":
        return [result_kind(types, res, file)], None
    kinds: list = []
    error_at = None
    for p in res.named_children:
        tnode = p.child_by_field_name("type")
        k = result_kind(types, tnode, file)
        count = max(1, len(p.children_by_field_name("name")))
        for _ in range(count):
            if tnode is not None and file.text(tnode) == "error":
                error_at = len(kinds)
            kinds.append(k)
    return kinds, error_at


def _input_names(decl: Node, text) -> list[str]:
    names = []
    for f in ("receiver", "parameters"):
        plist = decl.child_by_field_name(f)
        for p in (plist.named_children if plist is not None else ()):
            names.extend(text(n) for n in p.children_by_field_name("name"))
    return [n for n in names if n != "_"]


def _strip_text(fp, node: Node) -> str:
    from goguard.frontend.syntax import strip_parens

    return fp.text(strip_parens(node))


def _mentions(text: str, name: str) -> bool:
    return name in text and _word(name).search(text) is not None


def _describe(cond: str, truth: bool) -> str:
    return cond if truth else f"!({cond})"


fact("result-summary")(lambda package: summary)
fact("foreign-result-summary")(lambda package: foreign_summary)
