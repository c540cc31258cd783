"""Small helpers over tree-sitter-go nodes that every analysis needs."""

from __future__ import annotations

import re

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


class NameFinder:
    """Finds whole-word mentions of any of a set of names in bytes. For a few names each
    is looked for alone with `name\\b`, a regex with a literal prefix, which the regex
    engine finds at memchr speed (one alternation `\\b(a|b)\\b` tries every branch at
    every byte and cost up to five times more); for many (a generated package's
    thousands of functions) one pass over the identifiers, looked up in the set, is
    faster: linear either way. Word boundaries are those of a bytes regex's `\\b`
    (ASCII letters, digits and `_` are word bytes)."""

    _IDENT = re.compile(rb"[A-Za-z_][A-Za-z0-9_]*")
    MAX_FIND = 64

    def __init__(self, names, suffix: bytes = b"") -> None:
        self.names = frozenset(n.encode() if isinstance(n, str) else n for n in names)
        self.suffix = re.compile(suffix) if suffix else None
        self.by_find = bool(self.names) and len(self.names) <= self.MAX_FIND
        # An identifier of word bytes only: its mentions cannot overlap, and the regex
        # checks the end boundary; others (UTF-8 letters) are looked for byte by byte.
        self._words = [(n, re.compile(re.escape(n) + rb"\b")) for n in sorted(self.names)
                       if n and all(word_byte(b) for b in n)] if self.by_find else []
        self._others = [n for n in sorted(self.names) if n and not all(word_byte(b) for b in n)] \
            if self.by_find else []

    def __bool__(self) -> bool:
        return bool(self.names)

    def finditer(self, data: bytes, pos: int = 0, endpos: int | None = None):
        """(start, end, name) of each mention in data[pos:endpos] (followed by `suffix`),
        in order and not overlapping, as a regex's finditer gives them."""
        end = len(data) if endpos is None else endpos
        if self.by_find:
            hits = sorted(self._occurrences(data, pos, end))
            last = pos
            suffix = self.suffix
            for s, e, word in hits:
                if s < last:
                    continue
                if suffix is not None:
                    m = suffix.match(data, e, end)
                    if m is None:
                        continue
                    last = m.end()
                else:
                    last = e
                yield s, e, word
            return
        for m in self._IDENT.finditer(data, pos, end):
            word = m.group(0)
            if word in self.names and word_start(data, m.start()):
                if self.suffix is None or self.suffix.match(data, m.end(), end):
                    yield m.start(), m.end(), word

    def _occurrences(self, data: bytes, pos: int, end: int):
        """Whole-word occurrences of each name (unordered), suffix not yet checked."""
        for word, rx in self._words:
            n = len(word)
            for m in rx.finditer(data, pos, end):
                i = m.start()
                if word_start(data, i):
                    yield i, i + n, word
        for word in self._others:
            n = len(word)
            i = data.find(word, pos, end)
            while i >= 0:
                j = i + n
                if _boundary(data, i, end) and _boundary(data, j, end):
                    yield i, j, word
                i = data.find(word, i + 1, end)

    def search(self, data: bytes, pos: int = 0, endpos: int | None = None) -> bool:
        if self.by_find and self.suffix is None:
            return next(self._occurrences(data, pos, len(data) if endpos is None else endpos), None) is not None
        return next(self.finditer(data, pos, endpos), None) is not None


def element_values(literal: Node):
    """The value of each element of a composite literal (`T{a, k: b}`: a, b), comments
    left out."""
    body = literal.child_by_field_name("body")
    for el in body.named_children if body is not None else ():
        if el.type == "keyed_element":
            vals = [c for c in el.named_children if c.type == "literal_element"]
            el = vals[-1] if vals else el
        if el.type == "literal_element" and el.named_children:
            el = el.named_children[0]
        if el.type != "comment":
            yield el


def _boundary(data: bytes, i: int, end: int) -> bool:
    """A regex `\\b` at offset i of data[:end]: a word byte on exactly one side."""
    return (i > 0 and word_byte(data[i - 1])) != (i < end and word_byte(data[i]))


def word_byte(b: int) -> bool:
    """A byte a bytes regex's `\\w` matches (ASCII letters, digits, `_`)."""
    return b == 0x5F or 0x30 <= b <= 0x39 or 0x41 <= b <= 0x5A or 0x61 <= b <= 0x7A


def word_start(data: bytes, at: int) -> bool:
    """No word byte just before `at`: a regex's `\\b` before a word there. Patterns
    searched over whole bodies begin with a literal and check this per match (a
    leading `\\b` or lookbehind makes the regex engine try every byte)."""
    return at == 0 or not word_byte(data[at - 1])


def call_of_name(name: Node | None) -> Node | None:
    """The call expression whose callee is named by the node `name` (`f(...)`,
    `x.f(...)`), else None."""
    n = name
    if n is not None and n.parent is not None and n.parent.type == "selector_expression":
        n = n.parent
    call = n.parent if n is not None else None
    if call is None or call.type != "call_expression" or call.child_by_field_name("function") != n:
        return None
    return call
