"""GG301's pointer steps: `p = unsafe.Pointer(uintptr(p) + 8)` (or `unsafe.Add(p, 8)`)
on every iteration of a loop whose count takes `p` to the end of its memory.

Go does not let a pointer point one past the end of its allocation (rule 3 of package
unsafe: "it is not valid to advance a pointer just beyond the end of its original
allocation"): the garbage collector may take it for a pointer into the next object.
The check needs the loop's count and the memory behind `p`'s start from the source:
`for i := 0; i < N; i++` or `for i := range X` with N a constant or `len(X)`; `p`
declared from `&arr[0]`, `unsafe.SliceData(b)` or `unsafe.Pointer(&x)`, stepped at the
top level of the loop's body (every iteration), nothing else assigning it, and no
`break`, `continue`, `return` or `goto` in the body.
"""

from __future__ import annotations

from tree_sitter import Node

from goguard.analyses.backing import backing, element_base, plural, ref_key, shorten
from goguard.analyses.consts import Consts
from goguard.analyses.unsafe_imports import call_args, pointer_conversion
from goguard.frontend.source import captures
from goguard.frontend.syntax import strip_parens

_EXITS = "(break_statement) @x (continue_statement) @x (return_statement) @x (goto_statement) @x"


def stepped(consts: Consts, value: Node, name: str) -> int | None:
    """The constant step of `unsafe.Pointer(uintptr(p) + C)` or `unsafe.Add(p, C)` over
    the variable `name` (through pointer conversions)."""
    ui = consts.unsafe_imports()
    v = strip_parens(value)
    conv = pointer_conversion(v)
    if conv is not None:
        v = strip_parens(conv[1])
    u = ui.call(v)
    if u is None or len(u[1]) not in (1, 2):
        return None
    member, args = u
    if member == "Add" and len(args) == 2:
        return consts.int(args[1]) if _names(consts, args[0], name) else None
    if member != "Pointer" or len(args) != 1:
        return None
    arith = strip_parens(args[0])
    if arith.type != "binary_expression" or (arith.child_by_field_name("operator") or arith).type != "+":
        return None
    left, right = arith.child_by_field_name("left"), arith.child_by_field_name("right")
    if left is None or right is None:
        return None
    for a, b in ((left, right), (right, left)):
        a = strip_parens(a)
        fn = a.child_by_field_name("function") if a.type == "call_expression" else None
        args2 = call_args(a) if fn is not None else []
        if fn is not None and consts.builtin(fn) == "uintptr" and len(args2) == 1 and _names(consts, args2[0], name):
            return consts.int(b)
    return None


def _names(consts: Consts, e: Node, name: str) -> bool:
    """e is the variable `name`, or unsafe.Pointer of it."""
    e = strip_parens(e)
    inner = consts.unsafe_imports().pointer_arg(e)
    if inner is not None:
        e = strip_parens(inner)
    return e.type == "identifier" and consts.file.text(e) == name


def may_step(pass_, stmt: Node) -> bool:
    """The cheap test by text: `p = ...(uintptr(...p...) + ...)` or `unsafe.Add(p, ...)`."""
    left, right = stmt.child_by_field_name("left"), stmt.child_by_field_name("right")
    if left is None or right is None or len(left.named_children) != 1 or len(right.named_children) != 1:
        return False
    p = strip_parens(left.named_children[0])
    value = pass_.text(right)
    return p.type == "identifier" and ("Add(" in value or "uintptr(" in value) and pass_.text(p) in value


def check_step(pass_, consts: Consts, stmt: Node) -> None:
    left, right = stmt.child_by_field_name("left"), stmt.child_by_field_name("right")
    p = strip_parens(left.named_children[0])
    name = pass_.text(p)
    step = stepped(consts, right.named_children[0], name)
    if step is None or step <= 0:
        return
    loop = _loop_of(stmt)
    if loop is None or captures(_EXITS, loop.child_by_field_name("body") or loop).get("x"):
        return
    d = consts.decl(p)
    if d is None or d.kind != "var" or d.origin not in ("var", "define") or \
            not (d.ident.start_byte < loop.start_byte):
        return
    if any(consts.may_write(r) and r.id != p.id for r in consts.scopes.refs.get(d.id, ())):
        return  # set elsewhere too: where it starts is unknown
    init = consts.initial_value(d)
    count = _count(consts, loop)
    if init is None or count is None:
        return
    text = pass_.file.code
    b = backing(consts, init)
    if isinstance(count, int):
        have = b.bytes if b is not None else None
        if have is None or count * step < have:
            return
        what = f"the {have} bytes behind {text(b.root)}"
        total = f"{plural(step, 'byte')} {count} times, {count * step} bytes in all,"
    else:
        x, k = count
        eb = element_base(consts, init)
        key = ref_key(consts, x)
        if eb is None or not eb.elem_size or key is None or key != ref_key(consts, eb.base):
            return
        e, o = eb.elem_size, eb.offset
        # steps (len+k)*step against (len-o)*e bytes, for every len >= 1
        if step < e or (step - e) + step * k + e * o < 0:
            return
        what = f"the len({text(x)})" + (f"-{o}" if o else "") + f" elements ({plural(e, 'byte')} each) " \
               f"from {shorten(text(init), 40)}"
        total = f"{plural(step, 'byte')} len({text(x)})" + (f"{k:+d}" if k else "") + " times"
    pass_.report(stmt, f"the loop steps {name} by {total} over {what}: the last step points {name} past the end of its "
                       f"allocation, which Go does not allow (checkptr: \"pointer arithmetic result points to "
                       f"invalid allocation\"); index from the start instead, unsafe.Add(base, i*{step})",
                 flow=[(d.ident, f"{name} starts at {shorten(text(init), 50)} here"),
                       (loop, "this loop steps it on every iteration")])


def _loop_of(stmt: Node) -> Node | None:
    """The for statement whose body holds stmt at its top level."""
    lst = stmt.parent
    block = lst.parent if lst is not None and lst.type == "statement_list" else lst
    loop = block.parent if block is not None and block.type == "block" else None
    return loop if loop is not None and loop.type == "for_statement" else None


def _count(consts: Consts, loop: Node):
    """The number of iterations: an int, or (X, k) for len(X)+k; None when unknown."""
    for c in loop.named_children:
        if c.type == "range_clause":
            over = c.child_by_field_name("right")
            if over is None:
                return None
            n = consts.value(over)
            if isinstance(n, int):
                return n  # range over an integer
            o = strip_parens(over)
            fn = o.child_by_field_name("function") if o.type == "call_expression" else None
            args = call_args(o) if fn is not None else []
            if fn is not None and consts.builtin(fn) == "len" and len(args) == 1 and \
                    ref_key(consts, args[0]) is not None and _unchanged_in(consts, args[0], loop):
                return strip_parens(args[0]), 0  # range len(vals)
            t = consts.underlying(consts.type_of(over))
            if t is not None and t.kind == "array":
                return consts.array_len(t)
            if t is not None and t.kind == "slice" and ref_key(consts, over) is not None and \
                    _unchanged_in(consts, over, loop):
                return strip_parens(over), 0
            return None
        if c.type == "for_clause":
            return _clause_count(consts, c, loop)
    return None


def _clause_count(consts: Consts, clause: Node, loop: Node):
    """`for i := C0; i < B; i++` (or `<=`), i not assigned in the body."""
    init, cond, upd = (clause.child_by_field_name(f) for f in ("initializer", "condition", "update"))
    if init is None or cond is None or upd is None or init.type != "short_var_declaration":
        return None
    left, right = init.child_by_field_name("left"), init.child_by_field_name("right")
    if left is None or right is None or len(left.named_children) != 1 or len(right.named_children) != 1:
        return None
    i = left.named_children[0]
    start = consts.int(right.named_children[0])
    cond = strip_parens(cond)
    op = cond.child_by_field_name("operator")
    a, b = cond.child_by_field_name("left"), cond.child_by_field_name("right")
    if start is None or op is None or op.type not in ("<", "<=") or a is None or b is None or \
            consts.file.text(a) != consts.file.text(i):
        return None
    if upd.type != "inc_statement" or consts.file.text(upd.named_children[0]) != consts.file.text(i):
        return None
    d = consts.decl(i)
    body = loop.child_by_field_name("body")
    if d is None or body is None or any(consts.may_write(r) for r in consts.scopes.refs.get(d.id, ())
                                        if body.start_byte <= r.start_byte < body.end_byte):
        return None
    extra = 1 if op.type == "<=" else 0
    n = consts.int(b)
    if n is not None:
        return max(0, n - start + extra)
    b = strip_parens(b)
    if b.type == "identifier":  # n := len(vals), not assigned again
        bd = consts.decl(b)
        init = consts.initial_value(bd) if bd is not None and consts.unchanged(bd) else None
        b = strip_parens(init) if init is not None else b
    fn = b.child_by_field_name("function") if b.type == "call_expression" else None
    args = call_args(b) if fn is not None else []
    if fn is not None and consts.builtin(fn) == "len" and len(args) == 1 and ref_key(consts, args[0]) is not None:
        t = consts.underlying(consts.type_of(args[0]))
        if t is not None and t.kind == "array":
            n = consts.array_len(t)
            return max(0, n - start + extra) if n is not None else None
        if _unchanged_in(consts, args[0], loop):
            return strip_parens(args[0]), extra - start
    return None


def _unchanged_in(consts: Consts, x: Node, loop: Node) -> bool:
    """A slice variable the loop does not assign (its length is the loop's count)."""
    x = strip_parens(x)
    if x.type != "identifier":
        return False
    d = consts.decl(x)
    return d is None or not any(consts.may_write(r) for r in consts.scopes.refs.get(d.id, ())
                                if loop.start_byte <= r.start_byte < loop.end_byte)
