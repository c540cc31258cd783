"""Small pure helpers for reading conditions: length tests, non-zero tests, integer
evaluation over known values."""

from __future__ import annotations

from tree_sitter import Node

from goguard.frontend.syntax import operator as _operator
from goguard.frontend.syntax import strip_parens as _strip


def _len_test(op: str, literal: str, truth: bool) -> bool | None:
    """For `len(x) op literal` taken the `truth` way: True when x is then non-empty,
    False when empty, None when it says neither."""
    try:
        val = int(literal, 0)
    except ValueError:
        return None
    if op == ">":
        holds_nonempty = val >= 0
        return True if truth and holds_nonempty else (False if not truth and val == 0 else None)
    if op == ">=":
        return True if truth and val >= 1 else (False if not truth and val == 1 else None)
    if op == "!=":
        return (True if truth else False) if val == 0 else None
    if op == "==":
        if val == 0:
            return not truth
        return True if truth else None
    return None



def _int_value(node: Node, text) -> int | None:
    node = _strip(node)
    if node.type != "int_literal":
        return None
    try:
        return int(text(node).replace("_", ""), 0)
    except ValueError:
        return None


def _evaluate(e: Node, env: dict, text, const=None, depth: int = 0):
    """A small evaluator for integer and boolean conditions over variables of known
    value (`env`, by name) and constants (`const(identifier)`, None when not one);
    None when unsure."""
    e = _strip(e)
    if depth > 20:
        return None
    t = e.type
    if t == "int_literal":
        return _int_value(e, text)
    if t in ("true", "false"):
        return t == "true"
    if t in ("interpreted_string_literal", "raw_string_literal"):
        return string_value(e, text)
    if t == "nil":
        return NIL
    if t == "call_expression":  # len(s) of a known string
        fn, args = e.child_by_field_name("function"), e.child_by_field_name("arguments")
        if fn is not None and text(fn) == "len" and args is not None and len(args.named_children) == 1:
            v = _evaluate(args.named_children[0], env, text, const, depth + 1)
            return len(v) if isinstance(v, str) else None
        return None
    if t == "identifier":
        name = text(e)
        if name in env:
            return env[name]
        return const(e) if const is not None else None
    if t == "unary_expression" and _operator(e) == "!":
        v = _evaluate(e.child_by_field_name("operand"), env, text, const, depth + 1)
        return None if v is None else (not v)
    if t != "binary_expression":
        return None
    op = _operator(e)
    a = _evaluate(e.child_by_field_name("left"), env, text, const, depth + 1)
    if op == "%" and a == 0:
        return 0  # 0 % n is 0 for every n it does not panic on
    if op in ("&&", "||"):
        b = _evaluate(e.child_by_field_name("right"), env, text, const, depth + 1)
        if op == "&&":
            return False if a is False or b is False else (True if a and b else None)
        return True if a is True or b is True else (False if a is False and b is False else None)
    b = _evaluate(e.child_by_field_name("right"), env, text, const, depth + 1)
    if a is None or b is None:
        return None
    if (a is NIL or b is NIL) and op in ("==", "!="):
        return (a is b) == (op == "==")
    if type(a) is not type(b) and not (isinstance(a, int) and isinstance(b, int)):
        return None
    try:
        return {"==": lambda: a == b, "!=": lambda: a != b, "<": lambda: a < b, ">": lambda: a > b,
                "<=": lambda: a <= b, ">=": lambda: a >= b, "+": lambda: a + b, "-": lambda: a - b,
                "*": lambda: a * b, "%": lambda: a % b, "/": lambda: a // b}[op]()
    except (KeyError, ZeroDivisionError, TypeError):
        return None

class _Nil:
    """The value of `nil` for the evaluator: equal to itself only."""

    def __repr__(self) -> str:
        return "nil"


NIL = _Nil()


def string_value(node: Node, text) -> str | None:
    """The value of a string literal without escapes other than `\\"`, else None."""
    raw = text(node)
    if node.type == "raw_string_literal":
        return raw[1:-1]
    body = raw[1:-1]
    if "\\" in body.replace('\\"', ""):
        return None
    return body.replace('\\"', '"')


def _nonzero_test(op: str, lit: Node, text) -> bool:
    """Whether `v op lit` can only hold for a non-zero v (so for a present map entry)."""
    t = lit.type
    zero = {"int_literal": "0", "interpreted_string_literal": '""', "raw_string_literal": "``",
            "float_literal": "0.0"}
    if t == "false" or t == "nil":
        return op == "!="
    if t == "true":
        return op == "=="
    if t not in zero and t != "float_literal":
        return False
    is_zero = text(lit) in (zero.get(t), "0", "0.0")
    if op == "!=":
        return is_zero
    if op == "==":
        return not is_zero
    if op == ">":
        return t in ("int_literal", "float_literal") and not text(lit).startswith("-")
    if op == ">=":
        return t in ("int_literal", "float_literal") and not is_zero and not text(lit).startswith("-")
    return False


