"""What GG101 and GG102 share: turning a sink's nil facts into a finding with its flow."""

from __future__ import annotations

from tree_sitter import Node

from goguard.analyses.nilness import Sink, nil_sources, only_nil


def root_name(expr: Node, text) -> str | None:
    """The variable at the root of `a.b[c].d`, or None for anything else."""
    n = expr
    while True:
        t = n.type
        if t == "identifier":
            return text(n)
        if t in ("selector_expression", "index_expression"):
            n = n.child_by_field_name("operand")
        elif t == "parenthesized_expression" or (t == "unary_expression" and n.child_by_field_name("operator")
                                                 and n.child_by_field_name("operator").type == "*"):
            n = n.named_children[-1] if t == "parenthesized_expression" else n.child_by_field_name("operand")
        else:
            return None
        if n is None:
            return None


def sink_for(pass_, node: Node) -> Sink | None:
    fn = pass_.enclosing_function(node)
    if fn is None:
        return None
    result = pass_.result("nilness", fn)
    return result.sinks.get(node.id) if result is not None else None


def report_nil(pass_, sink: Sink, what: str, action: str, skipped: str) -> None:
    """Report a sink whose facts include a nil source: message, then the flow from the
    (first) nil source through the branch that skipped the initialisation."""
    srcs = nil_sources(sink.facts)
    if not srcs:
        return
    name = pass_.text(sink.target)
    if len(name) > 60:
        name = name[:57] + "..."
    definitely = only_nil(sink.facts)
    message = what.format(q="" if definitely else "possibly ", name=name)
    src = srcs[0]
    flow: list[tuple[Node | int, str]] = [(src.src, src.note)]
    branches = sorted({s.branch for s in srcs if s.branch >= 0})
    for b in branches[:1]:
        flow.append((b, skipped))
    flow.append((sink.node, action))
    pass_.report(sink.node, message, flow=flow)
