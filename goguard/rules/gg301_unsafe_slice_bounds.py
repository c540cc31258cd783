"""unsafe.Slice, unsafe.String or an array-pointer conversion reaching past its memory.

## What it does
Judges the arguments of `unsafe.Slice(ptr, n)` and `unsafe.String(ptr, n)`, and of
pointer conversions `(*T)(unsafe.Pointer(p))`, against what the source says is behind
the pointer. It reports:

- a length larger than the memory behind `ptr`: `&arr[i]` of an array of N elements
  (more than N-i), `&b[i]` of a slice made with constant sizes (more than its capacity
  less i), `(*U)(unsafe.Pointer(&x))` over a value of known size (more than
  `sizeof(x) / sizeof(U)` elements), `unsafe.StringData` of a constant string;
- a length written `len(b) + k` (k > 0) for `&b[0]`, `len(b)` for `&b[i]` (i > 0), or
  `cap(b) + k`: past the end whatever `b` holds;
- a length that counts the elements of the slice behind the pointer while the result's
  elements are wider: `unsafe.Slice((*uint32)(unsafe.Pointer(&b[0])), len(b))` over a
  `[]byte` covers four times `b`'s memory (the forgotten division by the element
  size), and so do `cap(b)`, `len(b)/2` for 8-byte elements, and the array view
  `(*[1<<28]uint32)(unsafe.Pointer(&b[0]))[:len(b)]`; `len(b)/4` is right;
- a pointer that is nil (`var p *T` never assigned, `(*T)(nil)`) with a length that is
  not provably zero, and a negative length;
- `&b[0]` of a slice that is always empty here (`var b []T`, `[]T{}`,
  `make([]T, 0)`): it panics before `unsafe.Slice` runs; and `&x.f[0]` of a slice field
  that the package empties (`x.f = nil`, `x.f = x.f[:0]`, `make([]T, 0)`: a builder
  after its reset) with no mention of `x.f` before it in the function (no length
  check): `unsafe.SliceData(x.f)` is right for every length;
- a pointer stepped on every iteration of a loop (`p = unsafe.Pointer(uintptr(p) + 8)`,
  `p = unsafe.Add(p, 8)`, at the top level of the body, with no `break`, `continue` or
  `return` in it) whose count takes it to the end of the memory it started at
  (`for i := 0; i < len(vals); i++` from `&vals[0]`, 8-byte elements): the last step
  points one past the end of the allocation, which Go does not allow;
- a field of a whole variable read as a larger type, `*(*uintptr)(unsafe.Pointer(&x.f))`
  over a 4-byte `f`: the read takes the next fields of `x`, or, past `x`'s end, memory
  of another allocation (fields reached through a pointer are not judged: C structs
  end in variable-length arrays);
- the pre-Go 1.17 idiom `(*[N]T)(unsafe.Pointer(p))[:n:n]` (and any `(*T)` conversion)
  covering more bytes than are behind `p`, and `(*[N]T)(p)` not cut down by a
  `[:n:n]` slice whose N*sizeof(T) is 1 GiB or more: checkptr checks the whole array
  against the allocation and rejects it. Arrays of single-byte elements are left
  alone there, as checkptr does (it does not check conversions to them).

Sizes are those of 64-bit platforms (`int`, `uint`, `uintptr` and pointers are 8
bytes; a string 16, a slice 24), with gc's struct layout; in files built only for
32-bit platforms, sizes that depend on the word size are left unknown. Whatever the
rule cannot size or count (a parameter, a field behind a pointer, a length from a
call) it does not judge.

## Why is this bad?
`unsafe.Slice` trusts its arguments: a slice that reaches past its memory reads and
writes whatever lies next to it — another variable, another heap object, an unmapped
page. Nothing fails at the call; the damage surfaces later and elsewhere, as corrupted
data or a crash in unrelated code. Only the `-d=checkptr` instrumentation (on by
default with `-race` and `-msan`) notices, and only when the memory is on the heap.

## Example
```go
package example

import "unsafe"

func words(buf *[16]byte) []uint64 {
	return unsafe.Slice((*uint64)(unsafe.Pointer(&buf[0])), 4) // 32 bytes over 16
}

func view(b []byte) string {
	return unsafe.String(&b[0], len(b)+1)
}

func ints(b []byte) []uint32 {
	if len(b) == 0 {
		return nil
	}
	return unsafe.Slice((*uint32)(unsafe.Pointer(&b[0])), len(b))
}
```

## Use instead
```go
package example

import "unsafe"

func words(buf *[16]byte) []uint64 {
	return unsafe.Slice((*uint64)(unsafe.Pointer(&buf[0])), len(buf)/8)
}

func view(b []byte) string {
	return unsafe.String(unsafe.SliceData(b), len(b))
}

func ints(b []byte) []uint32 {
	return unsafe.Slice((*uint32)(unsafe.Pointer(unsafe.SliceData(b))), len(b)/4)
}
```

## Runtime symptom
With `-race` or `-gcflags=all=-d=checkptr`: `fatal error: checkptr: unsafe.Slice result
straddles multiple allocations` (or `pointer arithmetic result points to invalid
allocation` for a pointer stepped past the end, or `unsafe.String result`, or `converted pointer
straddles multiple allocations`: checkptr's alignment-and-straddle check of a pointer
conversion, which fires when a field read past its end leaves its heap object; inside
one object checkptr stays silent and the read returns the next field's bytes). A nil pointer: `panic: unsafe.Slice: ptr is nil and
len is not zero`; a negative length: `panic: unsafe.Slice: len out of range`; an empty
slice: `panic: runtime error: index out of range [0] with length 0`. Without checkptr:
silent memory corruption, or `unexpected fault address` / `SIGSEGV` far from the cause.

## Fix
`goguard check --fix --unsafe-fixes` rewrites a huge array view cut to a known length,
`(*[1<<30]T)(p)[:n]`, as `unsafe.Slice((*T)(p), n)` (Go 1.17 and later), which checkptr
checks against the real allocation. The fix is *unsafe*: the slice's capacity becomes
`n` instead of the array's length, which an `append` can observe. Views with a
`[:n:n]` cut, or without a length (`[0:]`), have no fix.

## Related checks elsewhere
go vet's `unsafeptr` checks only `uintptr` to `unsafe.Pointer` conversions, and gosec's
G103 flags every use of `unsafe` without judging the arguments; staticcheck and
golangci-lint have no bounds check for `unsafe.Slice`. At run time, `-d=checkptr` finds
heap overruns on the paths the tests take.
"""

from __future__ import annotations

import re

from tree_sitter import Node

from goguard.analyses.backing import (
    Backing,
    backing,
    element_base,
    plural,
    ref_key,
    scaled_length,
    shorten,
    symbolic_length,
)
from goguard.analyses.consts import Consts
from goguard.frontend.gotypes import UNKNOWN
from goguard.findings import Edit, Fix
from goguard.analyses.unsafe_imports import POINTER_CONVERSIONS, pointer_conversion
from goguard.frontend.source import captures
from goguard.frontend.syntax import strip_parens
from goguard.rules._gg301_steps import check_step, may_step
from goguard.rules.base import CORPUS, RuleMeta

META = RuleMeta(
    code="GG301",
    name="unsafe-slice-bounds",
    severity="error",
    tags=("unsafe", "memory-safety", "security"),
    precision="high",
    measured=(
        f"on {CORPUS}, 2 findings: 1 real bug (an array view that checkptr aborts), 1 "
        f"deliberate; no false positive."
    ),
    security_severity="8.1",
    requires=(b'"unsafe"',),  # no such file can hold a match: skipped before any query
    query="""
(call_expression function: (selector_expression field: (field_identifier) @name
  (#any-of? @name "Slice" "String"))) @call
(assignment_statement left: (expression_list (identifier)) right: (expression_list [
  (call_expression function: (selector_expression field: (field_identifier) @_s (#any-of? @_s "Pointer" "Add")))
  (call_expression function: (parenthesized_expression))
  (type_conversion_expression)])) @step
""" + POINTER_CONVERSIONS,
)

# A conversion to an array this large claims memory no ordinary allocation has.
HUGE = 1 << 30


def check(pass_, matches) -> None:
    ui = pass_.result("unsafe_imports")
    if not ui.imports_unsafe:
        return
    for _, caps in matches:
        for call in caps.get("call", ()):
            u = ui.call(call)
            if u is not None and u[0] in ("Slice", "String") and len(u[1]) == 2:
                _check_call(pass_, call, u[0], u[1][0], u[1][1])
        for conv in caps.get("conv", ()):
            _check_conversion(pass_, conv)
        for stmt in caps.get("step", ()):
            if may_step(pass_, stmt):
                check_step(pass_, _consts(pass_, stmt), stmt)


def _consts(pass_, node: Node) -> Consts:
    return pass_.result("consts", pass_.enclosing_function(node))


def _flow(b: Backing, text) -> list:
    if b.via is None:
        return []
    return [(b.via, f"{text(b.via)} points to {text(b.root)}")]


def _check_call(pass_, call: Node, member: str, ptr: Node, length: Node) -> None:
    consts = _consts(pass_, call)
    text = pass_.file.code  # quoted in messages: code, not its comments
    fn = f"unsafe.{member}"
    n = consts.int(length)
    if n is not None and n < 0:
        pass_.report(call, f"{fn} length {n} is negative: it panics with \"{fn}: len out of range\"")
        return
    if _is_nil(consts, ptr):
        if n == 0:
            return
        said = f"length {n}" if n is not None else f"length {text(length)}, which is not provably zero,"
        pass_.report(call, f"{fn} of a nil pointer with {said} panics: \"{fn}: ptr is nil and len is not zero\"")
        return
    empty = _empty_base(consts, ptr, call) or _emptied_field(pass_, consts, ptr, call)
    if empty is not None:
        x, why, flow = empty
        pass_.report(call, f"&{text(x)}[0] panics with index out of range before {fn} runs: {why}; "
                           f"use unsafe.SliceData({text(x)})", flow=flow)
        return
    if member == "Slice" and _element_size(pass_, consts, call, ptr, length):
        return
    b = backing(consts, ptr)
    if b is None:
        return
    unit = "byte" if member == "String" else "element"
    what = text(b.root)
    if n is not None:
        if b.elems is None or n <= b.elems:
            return
        over = n - b.elems
        size = b.elem_size
        detail = (f"{n * size} bytes requested, {b.elems * size} available" if size and unit == "element"
                  else f"{plural(over, unit)} too many")
        pass_.report(call, f"{fn} length {n} exceeds the {plural(b.elems, unit)} behind {what} ({detail})",
                     flow=_flow(b, text))
        return
    sym = symbolic_length(consts, length)
    if sym is None or b.base is None:
        return
    x, kind, k = sym
    key = ref_key(consts, x)
    if key is None or key != ref_key(consts, b.base):
        return
    over = b.offset + k
    if over <= 0:
        return
    avail = f"{kind}({text(b.base)})" + (f"-{b.offset}" if b.offset else "")
    pass_.report(call, f"{fn} length {text(length)} exceeds the {avail} {unit}s behind {what} "
                       f"({plural(over, unit)} too many)", flow=_flow(b, text))


def _element_size(pass_, consts: Consts, call: Node, ptr: Node, length: Node) -> bool:
    """unsafe.Slice((*uint32)(unsafe.Pointer(&b[0])), len(b)): the length counts b's
    1-byte elements, the slice has 4-byte ones: 4 times the memory behind the pointer,
    whatever b holds. Reported when the slice's element is wider than b's, per unit of
    the length (`len(b)/4` over bytes is right)."""
    eb = element_base(consts, ptr)
    if eb is None or not eb.elem_size:
        return False
    conv = pointer_conversion(ptr)
    pt = consts.type_expr(conv[0]) if conv is not None else (consts.underlying(consts.type_of(ptr)) or UNKNOWN).elem
    size = consts.sizeof(pt) if pt is not None else None
    sl = scaled_length(consts, length)
    if not size or sl is None or ref_key(consts, sl[0]) is None or ref_key(consts, sl[0]) != ref_key(consts, eb.base):
        return False
    x, kind, num, den = sl
    if size * num <= eb.elem_size * den:
        return False
    _report_element_size(pass_, call, "unsafe.Slice", length, x, kind, eb, size, num, den, pt)
    return True


def _report_element_size(pass_, node: Node, what: str, length: Node, x: Node, kind: str, eb, size: int,
                         num: int, den: int, pt) -> None:
    text = pass_.file.code
    e = eb.elem_size
    times = size * num / (e * den)
    times_text = f"{int(times)} times" if times == int(times) else f"{times:.2f} times"
    right = f"{kind}({text(x)})" + (f"*{e}" if e > 1 else "") + f"/{size}"
    pass_.report(node, f"{what} length {shorten(text(length), 40)} counts the elements of {text(x)} "
                       f"({_type_text(eb.elem)}, {plural(e, 'byte')} each), but the slice's are {_type_text(pt)} "
                       f"({size} bytes each): it covers {times_text} the memory behind {shorten(text(eb.base), 40)}, "
                       f"whatever it holds; use {right}")


def _type_text(t) -> str:
    return t.name if t is not None and t.name else "element"


def _emptied_field(pass_, consts: Consts, ptr: Node, call: Node) -> tuple[Node, str, list] | None:
    """`&x.f[0]` of a slice field that the package empties somewhere (`x.f = nil`,
    `x.f = x.f[:0]`), with no mention of `x.f` in the function before the call (no
    length check, no append, no index): on the value as emptied, it panics."""
    eb = element_base(consts, ptr)
    if eb is None or eb.first is None or eb.base.type != "selector_expression":
        return None
    xt = consts.underlying(consts.type_of(eb.base))
    field = eb.base.child_by_field_name("field")
    emptied = pass_.fact("emptied-fields").get(pass_.text(field)) if field is not None else None
    if xt is None or xt.kind != "slice" or emptied is None:
        return None
    fn = pass_.enclosing_function(call)
    if fn is None:
        return None
    x = pass_.text(eb.base)
    before = pass_.file.data[fn.start_byte:eb.first.start_byte]
    if re.search(rb"(?<![\w.])" + re.escape(x.encode()) + rb"(?!\w)", before):
        return None  # checked, filled or indexed first: unsure
    path, line, how = emptied
    return eb.base, (f"{x} is empty after `{how}` ({path}:{line}), and nothing here checks its length "
                     f"first"), []


def _is_nil(consts: Consts, ptr: Node) -> bool:
    """ptr is nil: `nil`, `(*T)(nil)`, or a local `var p *T` never assigned."""
    e = strip_parens(ptr)
    if e.type == "nil":
        return True
    conv = pointer_conversion(e)
    if conv is not None:
        return _is_nil(consts, conv[1])
    if e.type != "identifier":
        return False
    d = consts.decl(e)
    if d is None or not consts.unchanged(d):
        return False
    if d.stmt is not None and d.stmt.type == "var_spec" and d.stmt.child_by_field_name("value") is None:
        t = consts.underlying(consts.type_expr(d.type_node)) if d.type_node is not None else None
        return t is not None and t.kind == "pointer"
    v = consts.initial_value(d)
    return v is not None and strip_parens(v).type != "identifier" and _is_nil(consts, v)


def _empty_base(consts: Consts, ptr: Node, call: Node) -> tuple[Node, str, list] | None:
    """For a pointer `&X[0]` where the local slice X is empty on some path to the call:
    (X, why, flow). X must be declared empty (`var X []T`, `[]T{}`, `make([]T, 0)`)
    and filled, if at all, only inside an `if` without `else`, a loop that may run
    zero times or a `switch` without `default`; with no exit (return, break, panic...)
    between the declaration and the call, and no other use of X (a length check, say)
    outside those assignments and the call itself. Anything else: unsure, silent."""
    e = strip_parens(ptr)
    if e.type != "unary_expression":
        return None
    ix = strip_parens(e.child_by_field_name("operand") or e)
    if ix.type != "index_expression":
        return None
    x, idx = ix.child_by_field_name("operand"), ix.child_by_field_name("index")
    if x is None or idx is None or consts.int(idx) != 0:
        return None
    x = strip_parens(x)
    d = consts.decl(x) if x.type == "identifier" else None
    if d is None or d.kind != "var" or d.origin not in ("var", "define") or consts.scopes is None:
        return None
    t = consts.underlying(consts.type_of(x))
    if t is None or t.kind != "slice":
        return None
    init = consts.initial_value(d)
    if init is not None:
        ext = consts.slice_extent(init)
        if ext is None or ext[0] != 0:
            return None
    elif d.stmt is None or d.stmt.type != "var_spec" or d.stmt.child_by_field_name("value") is not None:
        return None
    refs = [r for r in consts.scopes.refs.get(d.id, ()) if not _inside(r, call)]
    writes: list[Node] = []
    for ref in refs:
        if consts.may_write(ref):
            stmt = _assignment_of(ref)
            if stmt is None:
                return None
            writes.append(stmt)
    for ref in refs:
        if not any(_inside(ref, w) for w in writes):
            return None  # a length check, a guard, a call that may fill it: unsure
    name = consts.file.text(x)
    declared = [(d.ident, f"{name} is declared empty here")]
    if not writes:
        return x, f"{name} is always empty here", declared
    fills = []
    for w in writes:
        c = _conditional_ancestor(w, call, consts)
        if c is None:
            return None
        fills.append(c)
    if _exits_between(d.ident.end_byte, call, consts):
        return None
    first = min(fills, key=lambda n: n.start_byte)
    kind = {"if_statement": "if", "for_statement": "loop"}.get(first.type, "switch")
    line = first.start_point[0] + 1
    flow = declared + [(c, f"{name} is filled only inside this {kind}") for c in fills]
    return x, f"{name} is still empty when the {kind} at line {line} does not fill it", flow


def _inside(node: Node, outer: Node) -> bool:
    return outer.start_byte <= node.start_byte and node.end_byte <= outer.end_byte


def _assignment_of(ref: Node) -> Node | None:
    """The `X = ...` statement whose left side is the identifier ref."""
    p = ref.parent
    if p is None or p.type != "expression_list":
        return None
    stmt = p.parent
    if stmt is None or stmt.type != "assignment_statement" or stmt.child_by_field_name("left") != p:
        return None
    op = stmt.child_by_field_name("operator")
    return stmt if op is not None and op.type == "=" else None


def _conditional_ancestor(stmt: Node, call: Node, consts: Consts) -> Node | None:
    """The `if` (without `else`), loop (that may run zero times) or `switch` (without
    `default`) that stmt runs under, below the nearest ancestor holding the call."""
    child, n = stmt, stmt.parent
    while n is not None and not _inside(call, n):
        t = n.type
        if t == "func_literal":
            return None  # runs when the closure is called: unknown
        if t == "if_statement" and child == n.child_by_field_name("consequence") and \
                n.child_by_field_name("alternative") is None:
            return n
        if t == "for_statement" and child == n.child_by_field_name("body") and _may_run_zero_times(n, consts):
            return n
        if t in ("expression_switch_statement", "type_switch_statement") and \
                not any(c.type == "default_case" for c in n.named_children):
            return n
        child, n = n, n.parent
    return None


def _may_run_zero_times(loop: Node, consts: Consts) -> bool:
    """A loop that may not run its body at all: not `for {}`, `for ;; {}`, a counting
    loop whose first test holds (`for i := 0; i < 4; i++`), or a range over something
    that is not empty (`range 4`, an array, `[]T{x}`, a constant string)."""
    for c in loop.named_children:
        if c.type == "range_clause":
            over = c.child_by_field_name("right")
            if over is None:
                return True
            n = consts.value(over)
            if isinstance(n, int):
                return n <= 0  # range over an integer
            t = consts.underlying(consts.type_of(over))
            if t is not None and t.kind == "array":
                return not consts.array_len(t)
            ext = consts.slice_extent(over)
            return ext is None or ext[0] == 0
        if c.type == "for_clause":
            cond = c.child_by_field_name("condition")
            return cond is not None and not _first_test_holds(c, cond, consts)
        if c.type not in ("block", "comment"):
            return True  # for cond { ... }
    return False


_COMPARE = {"<": lambda a, b: a < b, "<=": lambda a, b: a <= b, ">": lambda a, b: a > b,
            ">=": lambda a, b: a >= b, "!=": lambda a, b: a != b}


def _first_test_holds(clause: Node, cond: Node, consts: Consts) -> bool:
    """`for i := C0; i OP C1; ...` with constants that pass the first test."""
    init = clause.child_by_field_name("initializer")
    cond = strip_parens(cond)
    if init is None or init.type != "short_var_declaration" or cond.type != "binary_expression":
        return False
    left, right = init.child_by_field_name("left"), init.child_by_field_name("right")
    if left is None or right is None or len(left.named_children) != 1 or len(right.named_children) != 1:
        return False
    var = consts.file.text(left.named_children[0])
    op = cond.child_by_field_name("operator")
    a, b = cond.child_by_field_name("left"), cond.child_by_field_name("right")
    if op is None or op.type not in _COMPARE or a is None or b is None or consts.file.text(a) != var:
        return False
    start, limit = consts.int(right.named_children[0]), consts.int(b)
    return start is not None and limit is not None and _COMPARE[op.type](start, limit)


_EXITS = "(return_statement) @x (break_statement) @x (continue_statement) @x (goto_statement) @x " \
         "(call_expression function: [(identifier) (selector_expression)] @f) @call"
_NO_RETURN = frozenset(("panic", "Exit", "Fatal", "Fatalf", "Fatalln", "Panic", "Panicf", "Panicln",
                        "Goexit", "FailNow", "SkipNow", "Skip", "Skipf"))
_FUNCS = ("function_declaration", "method_declaration", "func_literal")
_BREAKABLE = ("for_statement", "expression_switch_statement", "type_switch_statement", "select_statement")


def _exits_between(start: int, call: Node, consts: Consts) -> bool:
    """Something between a byte offset and the call may leave before reaching it: a
    return, goto, a call that does not return (panic, os.Exit, log.Fatal,
    t.FailNow...), or a break or continue of a statement that holds the call.
    Closures in between do not count."""
    text = consts.file.text
    home = _enclosing(call, _FUNCS)
    caps = captures(_EXITS, consts.scopes.root)
    for n in caps.get("x", ()):
        if not (start <= n.start_byte and n.end_byte <= call.start_byte) or _enclosing(n, _FUNCS) != home:
            continue
        if n.type in ("break_statement", "continue_statement") and not n.named_children:
            target = _enclosing(n, _BREAKABLE if n.type == "break_statement" else ("for_statement",))
            if target is not None and not _inside(call, target):
                continue  # leaves a loop or switch that ends before the call
        return True
    for f in caps.get("f", ()):
        if start <= f.start_byte < call.start_byte and _enclosing(f, _FUNCS) == home:
            name = text(f.child_by_field_name("field") or f) if f.type == "selector_expression" else text(f)
            if name in _NO_RETURN:
                return True
    return False


def _enclosing(node: Node, types: tuple[str, ...]) -> Node | None:
    n = node.parent
    while n is not None and n.type not in types:
        n = n.parent
    return n


def _check_conversion(pass_, conv: Node) -> None:
    pc = pointer_conversion(conv)
    if pc is None:
        return
    target, operand = pc
    ui = pass_.result("unsafe_imports")
    if _is_first_arg_of_unsafe_slice(ui, conv):
        return  # judged with the call
    consts = _consts(pass_, conv)
    if ui.pointer_arg(operand) is None and not consts.is_unsafe_pointer(operand):
        return  # a conversion between ordinary pointer types
    t = consts.underlying(consts.type_expr(target))
    if t is None:
        return
    parent = conv.parent
    while parent is not None and parent.type == "parenthesized_expression":
        parent = parent.parent
    sliced = parent if parent is not None and parent.type == "slice_expression" else None
    cap_node = sliced.child_by_field_name("capacity") if sliced is not None else None
    text = pass_.file.code  # quoted in messages: code, not its comments
    if t.kind == "array" and cap_node is not None:
        # (*[N]T)(p)[:n:n]: checkptr and the memory only need n elements.
        n = consts.int(cap_node)
        elem_size = consts.sizeof(t.elem) if t.elem is not None else None
        need = n * elem_size if n is not None and elem_size is not None else None
    else:
        need = consts.sizeof(t)
    if t.kind == "array" and sliced is not None and t.elem is not None:
        # (*[1<<28]uint32)(unsafe.Pointer(&b[0]))[:len(b)]: the length counts b's elements
        bound = cap_node if cap_node is not None else sliced.child_by_field_name("end")
        eb = element_base(consts, operand)
        sl = scaled_length(consts, bound) if bound is not None and eb is not None and eb.elem_size else None
        size = consts.sizeof(t.elem)
        if sl is not None and size and ref_key(consts, sl[0]) is not None and \
                ref_key(consts, sl[0]) == ref_key(consts, eb.base) and size * sl[2] > eb.elem_size * sl[3]:
            _report_element_size(pass_, conv, "array view", bound, sl[0], sl[1], eb, size, sl[2], sl[3], t.elem)
            return
    b = backing(consts, operand)
    have = b.bytes if b is not None else None
    ctext = text(conv) if sliced is None else text(sliced)
    suggest = "; use unsafe.Slice(ptr, n)" if t.kind == "array" and sliced is not None else ""
    if need is not None and have is not None:
        if need > have:
            pass_.report(conv, f"{shorten(ctext)} covers {need} bytes, but only {have} are behind "
                               f"{text(b.root)} ({plural(need - have, 'byte')} too many)"
                               f"{_past_field(b, need, text)}{suggest}",
                         flow=_flow(b, text))
        return
    if t.kind == "array" and cap_node is None and need is not None and need >= HUGE and \
            (consts.alignof(t) or 1) > 1:
        # checkptr checks the whole array unless a [:n:n] slice cuts it down (it leaves
        # arrays of single bytes alone): it rejects this for any smaller Go allocation.
        pass_.report(conv, f"{shorten(ctext)} claims {need} bytes: checkptr rejects it unless the Go "
                           f"allocation behind the pointer is that large; use unsafe.Slice(ptr, n)",
                     fix=_slice_fix(pass_, ui, target, operand, sliced))


def _past_field(b: Backing, need: int, text) -> str:
    """For a field of a whole variable: what the bytes past the field are."""
    if b.field is None:
        return ""
    var, off, size = b.field
    name = text(var)
    if size is not None and off + need > size:
        return f": it reads past the end of {name} ({size} bytes), into memory of another allocation"
    return f": it reads past the field, into the rest of {name}"


def _slice_fix(pass_, ui, target: Node, operand: Node, sliced: Node | None) -> Fix | None:
    """`(*[N]T)(p)[:n]` as `unsafe.Slice((*T)(p), n)`, which checkptr checks against the
    real allocation (Go 1.17 and later). Unsafe: the capacity becomes n, not N, which
    an append can observe."""
    version = pass_.go_version
    if sliced is None or (version is not None and version < (1, 17)):
        return None
    low, high = sliced.child_by_field_name("start"), sliced.child_by_field_name("end")
    elem = target.child_by_field_name("element") if target.type == "array_type" else None
    if high is None or elem is None or (low is not None and pass_.file.code(low).strip() != "0"):
        return None
    unsafe_name = min(ui.names["unsafe"]) if ui.names["unsafe"] else None
    if unsafe_name is None or unsafe_name == ".":
        return None
    code = pass_.file.code
    new = f"{unsafe_name}.Slice((*{code(elem)})({code(operand)}), {code(high)})"
    return Fix(description=f"use {new}", safe=False, edits=(Edit(sliced.start_byte, sliced.end_byte, new),))


def _is_first_arg_of_unsafe_slice(ui, conv: Node) -> bool:
    n, p = conv, conv.parent
    while p is not None and p.type == "parenthesized_expression":
        n, p = p, p.parent
    if p is None or p.type != "argument_list" or not p.named_children or p.named_children[0] != n:
        return False
    u = ui.call(p.parent) if p.parent is not None else None
    return u is not None and u[0] in ("Slice", "String")
