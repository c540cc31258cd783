"""Function results that may be nil: a summary per function, for its callers.

For a function or method of the package with a map or pointer-to-slice/map result, the
nil-ness analysis of its body gives what each `return` hands back. A result counts as
"may be nil" when some return gives nil for it on a path that:

- does not depend on the function's own parameters or receiver (no condition taken on
  the way mentions them): a helper that returns nil for a nil input leaves the choice
  to its caller, who usually knows better;
- does not also return a non-nil error (`return nil, err`): callers check the error.

Callers then see the call's result as possibly nil, with the callee's return named in
the flow ("load returns nil here (conf.go:12, when err != nil)"), and a write without a
nil check is reported. Callees' own calls are summarised in turn, a few levels deep;
recursion, function values and callees outside the package give unknown.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from tree_sitter import Node

from goguard.analyses.calls import result_kind
from goguard.analyses.nilness.domain import CHECKED_NOTE, Nil, _word
from goguard.facts import fact, per_function
from goguard.frontend.gotypes import TypeResolver
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
    """Per result index that may be nil: where (path, line) and when (a condition)."""

    nil: dict[int, tuple[str, int, str]] = field(default_factory=dict)


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
    nilness = fp.result("nilness", decl)
    if nilness is None:
        return out
    inputs = _input_names(decl, fp.text)
    for ret, facts in nilness.returns:
        values = ret.named_children[0].named_children if ret.named_children else []
        if error_at is not None and len(values) == len(kinds) and _strip_text(fp, values[error_at]) != "nil":
            continue  # `return nil, err`: the caller checks the error
        enclosing = _enclosing_conditions(fp, ret, decl)
        if enclosing is None or any(_mentions(c, name) for c, _ in enclosing for name in inputs):
            continue
        for i, (kind, fs) in enumerate(zip(kinds, facts)):
            if kind is None or i in out.nil:
                continue
            for n in fs:
                if not isinstance(n, Nil) or n.note == CHECKED_NOTE:
                    continue
                conds = [(atom[1], truth) for atom, truth in n.conds if atom[0] == ""]
                if any(_mentions(c, name) for c, _ in conds for name in inputs):
                    continue
                when = " and ".join(sorted({_describe(c, t) for c, t in conds + enclosing}))
                out.nil[i] = (fp.file.path, ret.start_point[0] + 1, when)
                break
    return out


def _enclosing_conditions(fp, ret: Node, decl: Node) -> list[tuple[str, bool]] | None:
    """The conditions of the if statements around a return, each with the way it was
    taken to reach it; switch tags and case values, range expressions and loop
    conditions count as taken either way. None when the return is too deep to say."""
    out: list[tuple[str, bool]] = []
    child, n = ret, ret.parent
    for _ in range(64):
        if n is None or n.id == decl.id:
            return out
        t = n.type
        if t == "if_statement":
            cond = n.child_by_field_name("condition")
            if cond is not None and child.id != cond.id:
                alt = n.child_by_field_name("alternative")
                out.append((fp.text(cond), not (alt is not None and alt.id == child.id)))
        elif t in ("expression_switch_statement", "type_switch_statement", "for_statement"):
            for f in ("value", "condition"):
                c = n.child_by_field_name(f)
                if c is not None:
                    out.append((fp.text(c), True))
        elif t in ("expression_case", "for_clause", "range_clause"):
            for f in ("value", "right", "condition"):
                c = n.child_by_field_name(f)
                if c is not None:
                    out.append((fp.text(c), True))
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
