"""GG201's shared buffers: `b.Bytes()` of a bytes.Buffer field, kept past `Reset()` and
the `Unlock()` that lets another goroutine write the buffer again.

```go
func (l *logBuf) Flush() []byte {
	l.mu.Lock()
	out := l.buf.Bytes()
	l.buf.Reset()
	l.mu.Unlock()
	return out // Write, under the same lock, appends into the array out views
}
```

The lock says the value is shared between goroutines (a type that takes a lock is
meant to be used from several); another method of the type that writes the same field
(`l.buf.Write(p)`, `fmt.Fprintf(&l.buf, ...)`) is the writer. Straight-line code only:
the view, the Reset, the Unlock (or a return under `defer l.mu.Unlock()`) and the use
in one block, in that order.
"""

from __future__ import annotations

import re

from tree_sitter import Node

from goguard.frontend.syntax import strip_parens

_WRITE = rb"(?:\.%s\.(?:Write\w*|ReadFrom)\(|Fprint\w*\(\s*&\w+\.%s\b)"


def locked_bytes(pass_, fn: Node):
    """(use, view declaration, Reset call, Unlock call, writer method name) for each
    view kept past Reset and Unlock in a method of fn's receiver type."""
    if fn.type != "method_declaration":
        return
    recv = _receiver(pass_, fn)
    body = fn.child_by_field_name("body")
    if recv is None or body is None:
        return
    rname, rtype = recv
    deferred = next((s for s in _blocks(body) for s in s.named_children if s.type == "defer_statement" and
                     re.fullmatch(rf"defer {re.escape(rname)}(\.\w+)*\.(Unlock|RUnlock)\(\)", pass_.text(s))), None)
    for block in _blocks(body):
        stmts = [s for s in block.named_children if s.type != "comment"]
        for i, s in enumerate(stmts):
            view = _view_decl(pass_, s, rname)
            if view is None:
                continue
            var, field = view
            reset = unlock = None
            for t in stmts[i + 1:]:
                text = pass_.text(t)
                if reset is None and re.fullmatch(rf"{re.escape(rname)}\.{re.escape(field)}\.(Reset\(\)|Truncate\(0\))",
                                                  text):
                    reset = t
                elif reset is not None and unlock is None and re.fullmatch(
                        rf"{re.escape(rname)}(\.\w+)*\.(Unlock|RUnlock)\(\)", text):
                    unlock = t
                elif re.search(rf"(?<![\w.]){re.escape(var)}(?!\w)", text):
                    if unlock is None and t.type == "return_statement":
                        unlock = deferred  # `defer l.mu.Unlock()`: released as it returns
                    if reset is not None and unlock is not None and t.type in ("return_statement",
                                                                               "assignment_statement",
                                                                               "expression_statement",
                                                                               "send_statement"):
                        writer = _writer(pass_, rtype, field, fn)
                        if writer is not None:
                            yield t, s, reset, unlock, writer
                    break


def _receiver(pass_, fn: Node) -> tuple[str, str] | None:
    recv = fn.child_by_field_name("receiver")
    for p in recv.named_children if recv is not None else ():
        names = p.children_by_field_name("name")
        t = p.child_by_field_name("type")
        if names and t is not None and t.type == "pointer_type" and t.named_children:
            return pass_.text(names[0]), pass_.text(t.named_children[-1])
    return None


def _blocks(body: Node):
    """Statement lists of the body, outside function literals."""
    stack = [body]
    while stack:
        n = stack.pop()
        if n.type == "func_literal":
            continue
        if n.type == "statement_list":
            yield n
        stack.extend(n.named_children)


def _view_decl(pass_, s: Node, rname: str) -> tuple[str, str] | None:
    """(x, f) for `x := r.f.Bytes()` or `x = r.f.Bytes()`."""
    if s.type not in ("short_var_declaration", "assignment_statement"):
        return None
    left, right = s.child_by_field_name("left"), s.child_by_field_name("right")
    if left is None or right is None or len(left.named_children) != 1 or len(right.named_children) != 1:
        return None
    m = re.fullmatch(rf"{re.escape(rname)}\.(\w+)\.Bytes\(\)", pass_.text(strip_parens(right.named_children[0])))
    x = left.named_children[0]
    return (pass_.text(x), m.group(1)) if m and x.type == "identifier" else None


def _writer(pass_, rtype: str, field: str, fn: Node) -> str | None:
    """A method of the receiver's type, other than fn, that writes the field's buffer."""
    pattern = re.compile(_WRITE % (re.escape(field.encode()), re.escape(field.encode())))
    for (tname, mname), decl in pass_.package.methods.items():
        if tname != rtype or decl.id == fn.id:
            continue
        f = pass_.package.method_file(decl)
        if f is not None and pattern.search(f.data, decl.start_byte, decl.end_byte):
            return mname
    return None
