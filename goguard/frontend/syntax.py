"""Small helpers over tree-sitter-go nodes that every analysis needs."""

from __future__ import annotations

from tree_sitter import Node


def strip_parens(node: Node) -> Node:
    """The expression inside any number of parentheses."""
    while node.type == "parenthesized_expression" and node.named_children:
        node = node.named_children[0]
    return node


def operator(node: Node) -> str:
    """The operator of a unary, binary or assignment node ("" when it has none)."""
    op = node.child_by_field_name("operator")
    return op.type if op is not None else ""


_SPEC_LISTS = ("var_spec_list", "const_spec_list", "type_spec_list")


def specs(declaration: Node) -> list[Node]:
    """The specs of a var/const/type declaration in source order, grouped ones
    (`var ( ... )`) included; comments left out."""
    out = []
    stack = list(reversed(declaration.named_children))
    while stack:
        n = stack.pop()
        if n.type in _SPEC_LISTS:
            stack.extend(reversed(n.named_children))
        elif n.type != "comment":
            out.append(n)
    return out


# Node kinds that are type syntax (as `new(T)` and `make(T, n)` parse their first argument).
TYPE_KINDS = frozenset((
    "type_identifier", "qualified_type", "generic_type", "struct_type", "pointer_type",
    "slice_type", "map_type", "array_type", "implicit_length_array_type", "channel_type",
    "function_type", "interface_type", "parenthesized_type", "negated_type",
))
