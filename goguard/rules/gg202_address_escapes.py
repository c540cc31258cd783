"""The address of a local variable stored where it outlives the statement (opt-in).

## What it does
Off by default: it runs only when `--select` or the configuration's `select` names it
(`GG202` or `address-escapes`). Reports every store of the address of a local variable
(`&x`, `&x.f`, `&x[i]` of a local array or struct) into something that outlives the
statement: an entry of a map or slice (`m[k] = &x`), a field of another value
(`o.f = &x`), an `append` (`s = append(s, &x)`) or a channel send (`ch <- &x`). It is a
note for reviewers who want to see every such store, not a bug report: most of them are
correct. GG201 reports the ones that are bugs, where the variable is written again
while the stored address can still be read.

## Why is this bad?
It is not, by itself. Go never leaves a pointer to a dead stack frame: storing `&x`
makes the compiler's escape analysis move `x` to the heap, so the pointer stays valid
for as long as anything holds it. What a stored address does mean is that every store
of `&x` shares one variable: when `x` is declared outside a loop and the loop stores
`&x` on each iteration, every entry points at the same `x`, and all of them show
whatever was written to it last. And each such variable costs a heap allocation.

## Example
```go
package example

func index(lines []string) map[string]*string {
	out := map[string]*string{}
	var line string
	for _, l := range lines {
		line = l
		out[l] = &line
	}
	return out
}
```

## Use instead
Store the value where a pointer is not needed; where one is, declare the variable
inside the loop (`line := l; out[l] = &line`), which gives each entry its own (GG202
still notes that store, since it still moves `line` to the heap).
```go
package example

func index(lines []string) map[string]string {
	out := map[string]string{}
	for _, l := range lines {
		out[l] = l
	}
	return out
}
```

## Runtime symptom
None by itself. When the variable is reused (the example), every entry holds the last
value written to it: no panic, silently wrong data.

## Related checks elsewhere
gosec G601 and the exportloopref and looppointer linters looked only at `&v` of a range
variable, and are deprecated or unmaintained since Go 1.22 made loop variables fresh
per iteration. `go build -gcflags=-m` prints the compiler's own escape decisions
("moved to heap: x") for every variable, stored or not.
"""

from __future__ import annotations

from tree_sitter import Node

from goguard.frontend.syntax import operator
from goguard.rules.base import CORPUS, RuleMeta

META = RuleMeta(
    code="GG202",
    name="address-escapes",
    severity="note",
    tags=("aliasing", "heap"),
    precision="very-high",
    measured=(
        f"on {CORPUS} with it selected, 1,470 findings, each a stored address of a local "
        f"(a sample checked by hand); as a note it reports correct code by design, which "
        f"is why it is off by default."
    ),
    default_enabled=False,
    query="""
(assignment_statement
  left: (expression_list [(index_expression) (selector_expression)] @target)
  right: (expression_list (unary_expression) @value)) @stmt
(send_statement value: (unary_expression) @value) @stmt
(call_expression function: (identifier) @fn (#eq? @fn "append")
  arguments: (argument_list (unary_expression) @value)) @stmt
""",
)


def _local_root(pass_, addr: Node, fn: Node) -> Node | None:
    """The local variable whose storage `&operand` points into: x of `&x`, `&x.f`, and
    `&x[i]` of an array (a slice's element lives in its backing array, not in x)."""
    e = pass_.result("aliases", fn).storage_root(addr.child_by_field_name("operand") or addr)
    if e is None:
        return None
    d = pass_.result("scopes", fn).decl_of(e)
    if d is None or d.kind not in ("var", "param", "receiver", "result"):
        return None
    if d.kind == "receiver" and d.type_node is not None and d.type_node.type == "pointer_type":
        return None
    return e


def _stored_in(stmt: Node, value: Node, pass_) -> str:
    if stmt.type == "send_statement":
        return "sent on a channel"
    if stmt.type == "call_expression":
        return "appended to a slice"
    left = stmt.child_by_field_name("left")
    right = stmt.child_by_field_name("right")
    targets, values = left.named_children, right.named_children
    for t, v in zip(targets, values):
        if v.id == value.id:
            return f"stored in {pass_.text(t)}"
    return ""


def check(pass_, matches) -> None:
    seen: set[int] = set()
    for _, caps in matches:
        for stmt in caps.get("stmt", ()):
            for value in caps.get("value", ()):
                if value.id in seen or operator(value) != "&":
                    continue
                if stmt.type == "call_expression" and value.parent is not None and \
                        value.parent.named_children and value.parent.named_children[0].id == value.id:
                    continue  # append(&x, ...) is no valid append; the first argument is the slice
                where = _stored_in(stmt, value, pass_)
                fn = pass_.enclosing_function(value)
                if not where or fn is None:
                    continue
                root = _local_root(pass_, value, fn)
                if root is None:
                    continue
                seen.add(value.id)
                name = pass_.text(root)
                decl = pass_.result("scopes", fn).decl_of(root)
                shared = (f", and every store of this address in the loop shares one {name}"
                          if _one_variable_per_loop(pass_, value, fn, decl) else "")
                pass_.report(value, f'address of local "{name}" {where}: {name} moves to the heap{shared}',
                             flow=[(decl.ident, f"{name} declared here"), (value, "its address stored here")])


def _one_variable_per_loop(pass_, value: Node, fn: Node, decl) -> bool:
    """The store repeats in a loop with the same variable: one declared outside the
    innermost loop around the store, or that loop's own variable before Go 1.22. A
    variable declared in the loop's body is a new one on each iteration."""
    at = decl.ident.start_byte
    n = value.parent
    while n is not None and n.id != fn.id and n.type != "func_literal":
        if n.type == "for_statement":
            if not n.start_byte <= at < n.end_byte:
                return True
            body = n.child_by_field_name("body")
            if body is not None and body.start_byte <= at < body.end_byte:
                return False
            return pass_.go_version is not None and pass_.go_version < (1, 22)  # the for clause's variable
        n = n.parent
    return False
