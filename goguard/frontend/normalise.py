"""Go syntax newer than tree-sitter-go, rewritten into a same-length copy that it parses.

tree-sitter-go (0.25) predates two forms the go command accepts:

- Go 1.26 `new(expr)`: `new(42)`, `new(int64(n))`, `new(time.Now())`. Its grammar
  only knows `new(Type)` (and `make(Type, ...)`, which also breaks code that calls a
  local variable named `make`). Each `new` / `make` whose arguments do not parse
  that way is respelled `n3w` / `m4ke`, an ordinary call with expression arguments.
- Go 1.27 generic methods: `func (r *Rand) N[Int intType](n Int) Int`. The method's
  type-parameter list is blanked with spaces (newlines kept).

Only the declarations that fail to parse are touched, and every rewrite keeps the
byte length, so every offset, line and column of the tree is exact for the original
bytes. Names must be read from the original bytes (`SourceFile.text`), never from
`node.text`: the tree's own text is the normalised copy. Query predicates do read the
tree's text, so a predicate that matches the name `new` must also accept
its `RESPELLED` form (its callers then check the real name).
"""

from __future__ import annotations

import bisect
import re

import tree_sitter

RESPELLED = {"new": "n3w", "make": "m4ke"}

_BUILTIN = re.compile(rb"\b(new|make)\s*\(")
_METHOD = re.compile(rb"^func[ \t]*\(", re.M)
_IDENT = re.compile(rb"[ \t]*([A-Za-z_\x80-\xff][A-Za-z0-9_\x80-\xff]*)[ \t]*")
_OPEN = {ord("("): ord(")"), ord("["): ord("]"), ord("{"): ord("}")}


def error_regions(root: tree_sitter.Node) -> list[tuple[int, int]]:
    """Byte ranges of the top-level nodes that hold a syntax error."""
    if not root.has_error:
        return []
    return [(c.start_byte, c.end_byte) for c in root.children if c.has_error or c.is_error or c.is_missing]


def _skip_literal(data: bytes, i: int) -> int:
    """From an opening quote or comment at i, the offset just past it."""
    c = data[i]
    n = len(data)
    if c == ord("`"):
        j = data.find(b"`", i + 1)
        return n if j < 0 else j + 1
    if c in (ord('"'), ord("'")):
        j = i + 1
        while j < n and data[j] != c and data[j] != ord("\n"):
            j += 2 if data[j] == ord("\\") else 1
        return j + 1
    if data.startswith(b"//", i):
        j = data.find(b"\n", i)
        return n if j < 0 else j
    if data.startswith(b"/*", i):
        j = data.find(b"*/", i + 2)
        return n if j < 0 else j + 2
    return i + 1


def _closing(data: bytes, open_at: int, limit: int) -> int:
    """The offset of the bracket closing the one at open_at, or -1 (unbalanced before
    limit). Strings, runes and comments are skipped."""
    stack = [_OPEN[data[open_at]]]
    i = open_at + 1
    while i < limit:
        c = data[i]
        if c in (0x22, 0x27, 0x60) or (c == 0x2F and i + 1 < limit and data[i + 1] in (0x2F, 0x2A)):
            i = _skip_literal(data, i)
            continue
        if c in _OPEN:
            stack.append(_OPEN[c])
        elif c in (0x29, 0x5D, 0x7D):
            if c != stack.pop():
                return -1
            if not stack:
                return i
        i += 1
    return -1


_LITERAL_START = re.compile(rb"[\"'`]|/[/*]")


def _literal_spans(data: bytes, start: int, end: int) -> list[tuple[int, int]]:
    """The byte ranges of the strings, runes and comments in data[start:end], found by
    scanning Go's literal syntax from the declaration's own bytes: a tree that failed
    to parse cannot say what lies inside a string (it may read the text between two
    strings as one). Linear: each byte is looked at once."""
    spans = []
    i = start
    while True:
        m = _LITERAL_START.search(data, i, end)
        if m is None:
            return spans
        j = min(_skip_literal(data, m.start()), end)
        spans.append((m.start(), j))
        i = j


def _inside(spans: list[tuple[int, int]], offset: int) -> bool:
    k = bisect.bisect_right(spans, (offset, float("inf"))) - 1
    return k >= 0 and spans[k][0] <= offset < spans[k][1]


def _parses_as_builtin(parser: tree_sitter.Parser, name: bytes, args: bytes) -> bool:
    probe = b"package p\nvar _ = " + name + b"(" + args + b")\n"
    return not parser.parse(probe).root_node.has_error


def normalised(data: bytes, tree: tree_sitter.Tree, parser: tree_sitter.Parser) -> bytes | None:
    """A same-length copy of data with the newer syntax in erroring declarations
    rewritten, or None when there is nothing to rewrite."""
    regions = error_regions(tree.root_node)
    if not regions:
        return None
    out = bytearray(data)
    changed = False
    for start, end in regions:
        spans = None
        for m in _BUILTIN.finditer(data, start, end):
            at = m.start()
            open_at = m.end() - 1
            if spans is None:
                spans = _literal_spans(data, start, end)
            if _inside(spans, at):
                continue
            close = _closing(data, open_at, end)
            name = m.group(1)
            if close < 0 or _parses_as_builtin(parser, name, data[open_at + 1:close]):
                continue
            out[at:at + len(name)] = RESPELLED[name.decode()].encode()
            changed = True
        for m in _METHOD.finditer(data, start, end):
            recv_close = _closing(data, m.end() - 1, end)
            if recv_close < 0:
                continue
            name = _IDENT.match(data, recv_close + 1, end)
            if name is None or name.end() >= end or data[name.end()] != ord("["):
                continue
            close = _closing(data, name.end(), end)
            if close < 0:
                continue
            for i in range(name.end(), close + 1):
                if out[i] not in (0x0A, 0x0D):
                    out[i] = 0x20
            changed = True
    return bytes(out) if changed else None
