"""GG201's fix: store a copy of the reused buffer's bytes, not a view of them.

`chunks = append(chunks, buf[:n])` becomes `chunks = append(chunks, bytes.Clone(buf[:n]))`
(Go 1.20 and later, by the file's language version; before, `append([]byte(nil),
buf[:n]...)`), with `"bytes"` imported when it is not. Only for a stored `[]byte` (a
view, or the bytes of a scanner, reader or buffer), and a string made with
`unsafe.String` over one, which becomes `strings.Clone(unsafe.String(&buf[0], n))`. A stored address (`&buf`) needs a
new variable: `c := bytes.Clone(buf)` (or `c := v` for a value that is not a byte
slice) goes on a line of its own before the statement, which stores `&c`. That one
is unsafe: the stored pointer no longer aliases the variable, so code that writes
through it and reads the variable sees the difference. The view fix is safe: what it changes is exactly
what the finding says is wrong, that a later write to the buffer shows through the
stored value; nothing else can tell a copy from the view.
"""

from __future__ import annotations

import re

from tree_sitter import Node

from goguard.findings import Edit, Fix
from goguard.frontend.package import file_imports

_BYTE = ("byte", "uint8")


def clone_fix(pass_, kind: str, expr: Node) -> Fix | None:
    if kind == "address":
        return _address_fix(pass_, expr)
    fn = pass_.enclosing_function(expr)
    if fn is None:
        return None
    pkg = "bytes"
    if kind == "view" and _is_unsafe_string(pass_, expr):
        pkg = "strings"  # unsafe.String(&buf[0], n): a string over the bytes; strings.Clone copies it
    elif kind == "view":  # a slice of a variable: bytes only (bytes.Clone takes no other)
        types = pass_.result("exprtypes", fn)
        t = types.types.underlying(types.of(expr))
        elem = types.types.underlying(t.elem) if t is not None and t.kind == "slice" and t.elem is not None else None
        if elem is None or elem.kind != "basic" or elem.name not in _BYTE:
            return None
    # A scanner's, reader's or buffer's bytes are []byte by their API (Bytes, ReadSlice, Peek).
    code = pass_.file.code(expr)
    edits: list[Edit] = []
    new = _clone_call(pass_, code, edits, pkg)
    if new is None:
        return None  # another thing is called bytes (strings) here
    edits.append(Edit(expr.start_byte, expr.end_byte, new))
    return Fix(description=f"store a copy: {new}", safe=True, edits=tuple(sorted(edits, key=lambda e: e.start)))


def _address_fix(pass_, expr: Node) -> Fix | None:
    """`m[k] = &x` as `xCopy := x` (bytes.Clone for a byte slice), then `m[k] = &xCopy`."""
    x = expr.child_by_field_name("operand")
    fn = pass_.enclosing_function(expr)
    if x is None or x.type != "identifier" or fn is None:
        return None
    stmt = expr
    while stmt.parent is not None and stmt.parent.type not in ("block", "statement_list"):
        stmt = stmt.parent
        if stmt.type in ("func_literal", "if_statement", "for_statement", "expression_switch_statement",
                         "type_switch_statement", "select_statement", "go_statement", "defer_statement"):
            return None  # a store inside a condition, a header or a closure: no single place to copy
    if stmt.parent is None:
        return None
    data = pass_.file.data
    line_start = data.rfind(b"\n", 0, stmt.start_byte) + 1
    indent = data[line_start:stmt.start_byte]
    if indent.strip():
        return None  # the statement does not start its line
    name = pass_.text(x)
    body = pass_.file.text(fn)
    fresh = next(c for c in (f"{name}Copy", *(f"{name}Copy{i}" for i in range(2, 100)), "") if
                 c == "" or not re.search(rf"\b{c}\b", body))
    if not fresh:
        return None
    types = pass_.result("exprtypes", fn)
    t = types.types.underlying(types.of(x))
    elem = types.types.underlying(t.elem) if t is not None and t.kind == "slice" and t.elem is not None else None
    edits = []
    value = name
    if elem is not None and elem.kind == "basic" and elem.name in _BYTE:
        clone = _clone_call(pass_, name, edits)
        if clone is None:
            return None
        value = clone
    edits.append(Edit(line_start, line_start, f"{indent.decode()}{fresh} := {value}\n"))
    edits.append(Edit(x.start_byte, x.end_byte, fresh))
    return Fix(description=f"store the address of a copy: {fresh} := {value}", safe=False,
               edits=tuple(sorted(edits, key=lambda e: e.start)))


def _clone_call(pass_, code: str, edits: list, pkg: str = "bytes") -> str | None:
    """`bytes.Clone(code)` (or `strings.Clone`; importing the package into `edits` when
    needed), or the pre-1.20 `append([]byte(nil), code...)`."""
    version = pass_.go_version
    if version is not None and version < (1, 20):
        return f"append([]byte(nil), {code}...)" if pkg == "bytes" else None
    imports = file_imports(pass_.file)
    name = next((n for n, p in imports.items() if p == pkg), None)
    if name is None:
        if pkg in imports or _declares(pass_, pkg):
            return None
        add = _import_edit(pass_, pkg)
        if add is None:
            return None
        edits.append(add)
        name = pkg
    return f"{name}.Clone({code})"


def _is_unsafe_string(pass_, expr: Node) -> bool:
    if expr.type != "call_expression":
        return False
    u = pass_.result("unsafe_imports").call(expr)
    return u is not None and u[0] == "String"


def _declares(pass_, name: str) -> bool:
    return name in pass_.package.decls


def _import_edit(pass_, path: str) -> Edit | None:
    """An edit that imports `path`: into the first parenthesised import block, in
    sorted place within its first group; else a new declaration after the package
    clause (gofmt leaves both as they are)."""
    root = pass_.file.root
    data = pass_.file.data
    for decl in root.named_children:
        if decl.type != "import_declaration":
            continue
        lst = next((c for c in decl.named_children if c.type == "import_spec_list"), None)
        if lst is None:
            continue
        specs = [c for c in lst.named_children if c.type == "import_spec"]
        group = []
        for s in specs:  # the first group: specs on consecutive lines
            if group and s.start_point[0] != group[-1].end_point[0] + 1:
                break
            group.append(s)
        quoted = f'"{path}"'
        for s in group:
            p = s.child_by_field_name("path")
            if p is not None and s.child_by_field_name("name") is None and pass_.file.text(p) > quoted:
                line_start = data.rfind(b"\n", 0, s.start_byte) + 1
                indent = data[line_start:s.start_byte].decode()
                return Edit(line_start, line_start, f"{indent}{quoted}\n")
        if group:
            last = group[-1]
            line_start = data.rfind(b"\n", 0, last.start_byte) + 1
            indent = data[line_start:last.start_byte].decode()
            eol = data.find(b"\n", last.end_byte)
            at = eol + 1 if eol >= 0 else last.end_byte
            return Edit(at, at, f"{indent}{quoted}\n")
        return None
    pkg = next((c for c in root.named_children if c.type == "package_clause"), None)
    if pkg is None:
        return None
    eol = data.find(b"\n", pkg.end_byte)
    at = eol + 1 if eol >= 0 else pkg.end_byte
    return Edit(at, at, f'\nimport "{path}"\n')

