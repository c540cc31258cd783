"""What GG101 and GG102 share: turning a sink's nil facts into a finding with its flow."""

from __future__ import annotations

from tree_sitter import Node

from goguard.analyses.nilness import Sink, is_nil, may_be_nil, may_be_nil_root, nil_sources, only_nil


def nil_sink(pass_, node: Node, target: Node | None, kind: str, typed) -> Sink | None:
    """The sink at `node` (a map write or a dereference of `target`) when it may be
    nil. Cheapest checks first: a root with no nil source in its function, then the
    type (`typed(exprtypes)` says whether the rule applies), then the dataflow."""
    fn = pass_.enclosing_function(node)
    if fn is None or target is None or not may_be_nil_root(pass_, target, fn):
        return None
    if not typed(pass_.result("exprtypes", fn)) or not may_be_nil(pass_, fn, target):
        return None
    result = pass_.result("nilness", fn)
    sink = result.sinks.get(node.id) if result is not None else None
    if sink is None or sink.kind != kind or not is_nil(sink.facts):
        return None
    return sink


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
