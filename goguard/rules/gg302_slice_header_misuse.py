"""A slice or string header misused: a reflect header hiding memory from the garbage collector, or a header read as its data.

## What it does
Reports the uses of `reflect.SliceHeader` and `reflect.StringHeader` that the
`unsafe` package documentation calls invalid, and that go vet cannot see because the
`uintptr` conversion is not in the same expression, and a header taken for the data
it describes:

- a header *value* (`var h reflect.SliceHeader`, a composite literal, including
  `&reflect.StringHeader{...}`, `new(reflect.SliceHeader)`, or a copy out of a real
  slice, `h := *(*reflect.SliceHeader)(unsafe.Pointer(&s))`) converted into a slice
  or string through `unsafe.Pointer`: between the copy and the conversion only a
  `uintptr` names the array (rule 6 of package unsafe allows header *pointers* to
  live slices only);
- a header literal stored through a header pointer,
  `*(*reflect.StringHeader)(unsafe.Pointer(&res)) = reflect.StringHeader{Data: ...}`:
  the same value built by hand, copied over `res`;
- `unsafe.Pointer(h.Data)` of a header value that names Go memory (a copy of a real
  slice's header, or one whose `Data` was set from a pointer, in an assignment or in
  the literal that built it: `reflect.SliceHeader{Data: uintptr(unsafe.Pointer(p))}`,
  `{Data: sh.Data}`): a pointer made from a
  `uintptr` kept since then (rule 3 of package unsafe). checkptr ends the run with
  `pointer arithmetic result points to invalid allocation` (it exempts only `h.Data`
  read through a pointer to a header, which is left alone here too);
- arithmetic on `Data`, `unsafe.Pointer(hdr.Data + off)` or
  `unsafe.Pointer(uintptr(hdr.Data) + off)`, through any header, a stored
  `*reflect.SliceHeader` field included: the `uintptr` was not converted from a
  pointer in the same expression (rule 3), and checkptr reports the same
  `pointer arithmetic result points to invalid allocation`;
- through a header *pointer* `(*reflect.SliceHeader)(unsafe.Pointer(&b))`:
  - `Data` assigned from a `uintptr` variable that was computed from a pointer in an
    earlier statement (`addr := uintptr(unsafe.Pointer(p))`) instead of converted in
    the same expression (a `uintptr` parameter or a syscall's result may be memory the
    garbage collector does not manage, so it is left alone);
  - `Data` pointed at a local variable while `b` leaves the function (returned, stored
    outside it, sent on a channel, or the caller's slice reached through a pointer
    parameter), unless the variable's address is taken elsewhere (then it may live on
    the heap, kept alive by the slice);
  - `Len` or `Cap` set to a constant beyond the memory behind the data: the capacity
    of `b` (made with constant sizes) or the size of what `Data` was set to;
- a slice or string header used as its data: `(*byte)(unsafe.Pointer(&b))`,
  `(*[16]byte)(unsafe.Pointer(&b))`, `(*C.uchar)(unsafe.Pointer(&b))` where `b` is a
  slice (or `p` a `*[]byte`, or `&s` of a string): the pointer is the header's address
  (data pointer, length, capacity), not the first byte's, the C habit of `&buf` for
  `&buf[0]`. Only conversions to one-byte types (`byte`, `uint8`, `int8`, cgo's
  `char`, `uchar`, `schar`, `uint8_t`, `int8_t`) and arrays of them count: the
  zero-copy `*(*string)(unsafe.Pointer(&b))`, conversions to another slice type, to
  a header type or a struct laid out as one, or to `uintptr` read the header as a
  header, on purpose. The same mistake in a call: `unsafe.Pointer(&b)` (or its
  `uintptr`) handed over together with `len(b)`, as a syscall or a C function takes a
  buffer and its length: `syscall.Syscall(SYS_WRITE, fd,
  uintptr(unsafe.Pointer(&b)), uintptr(len(b)))`.

Sizes are those of 64-bit platforms, as for GG301.

## Why is this bad?
A header read as data gives the header's words: C receives the slice's address and
length as its bytes, a write through the pointer overwrites the slice's own data
pointer and length (the next use of the slice faults or reads elsewhere).
`Data` is a `uintptr`, and the garbage collector does not treat a `uintptr` as a
pointer. A header value built by hand therefore keeps nothing alive: the memory it
names can be freed, reused or moved (stacks move when they grow) while the slice made
from it is still in use. A `uintptr` kept in a variable has the same problem between
the statement that computed it and the one that stores it. Escape analysis does not see
through `uintptr` either, so a local array reached only through `Data` stays on the
stack and dies with the function. A `Len` or `Cap` past the memory lets every later
`append`, `copy` or index run over whatever lies next to it.

## Example
```go
package example

import (
	"reflect"
	"unsafe"
)

func bytesOf(p *byte, n int) []byte {
	var h reflect.SliceHeader
	h.Data = uintptr(unsafe.Pointer(p))
	h.Len, h.Cap = n, n
	return *(*[]byte)(unsafe.Pointer(&h))
}

func first(b []byte) *byte {
	return (*byte)(unsafe.Pointer(&b)) // the header, not b[0]
}
```

## Use instead
```go
package example

import "unsafe"

func bytesOf(p *byte, n int) []byte {
	return unsafe.Slice(p, n)
}

func first(b []byte) *byte {
	return unsafe.SliceData(b)
}
```

## Runtime symptom
Rarely at the faulty line: a slice whose bytes change under the reader,
`fatal error: found bad pointer in Go heap`, `unexpected fault address`,
`fatal error: unexpected signal ... SIGSEGV` in the garbage collector, or corrupted
data after a stack growth or once the function that held the array has returned
(the testdata's programs print a string whose bytes were overwritten by the next
call). A header read as data prints the slice's length where its bytes were meant, or
faults when a write through it changes the data pointer. Under `-race` or `-d=checkptr`: `fatal error: checkptr: pointer arithmetic
result points to invalid allocation` at a pointer made from a copied header's `Data`
or from arithmetic on `Data`; an overrun from a `Len` beyond the memory may end in
another `fatal error: checkptr: ...`.

## Related checks elsewhere
go vet's `unsafeptr` reports a header *value* converted with `unsafe.Pointer` in some
shapes, and `uintptr` to `unsafe.Pointer` conversions in general; it does not follow a
`uintptr` through a variable into `Data`, does not see a local array escaping through
`Data`, and does not check `Len`/`Cap`. Where both report the same value conversion,
keep one of them (see docs/unsafe-rules.md). staticcheck's SA1019 only says the header
types are deprecated (goguard's GG303, which stays silent where GG302 reports).
"""

from __future__ import annotations

from tree_sitter import Node

from goguard.analyses.header_data import header_as_data, header_passed_as_data
from goguard.analyses.unsafe_imports import POINTER_CONVERSIONS
from goguard.rules.base import CORPUS, RuleMeta

META = RuleMeta(
    code="GG302",
    name="slice-header-misuse",
    severity="error",
    tags=("unsafe", "memory-safety", "security"),
    precision="high",
    measured=f"on {CORPUS}, no findings.",
    security_severity="7.5",
    requires=(b"unsafe",),  # no other file can hold a match: skipped before any query
    query="""
(selector_expression field: (field_identifier) @name (#any-of? @name "SliceHeader" "StringHeader"))
(qualified_type name: (type_identifier) @name (#any-of? @name "SliceHeader" "StringHeader"))
(call_expression arguments: (argument_list (call_expression function: (selector_expression
  field: (field_identifier) @_ptr (#eq? @_ptr "Pointer"))))) @datacall
(call_expression arguments: (argument_list (call_expression function: (identifier) @_uintptr
  (#eq? @_uintptr "uintptr")))) @datacall
""" + POINTER_CONVERSIONS,
)


def check(pass_, matches) -> None:
    headers = False
    done: set[int] = set()
    for _, caps in matches:
        headers = headers or bool(caps.get("name"))
        for conv in caps.get("conv", ()):
            found = header_as_data(pass_, conv)
            if found is not None:
                _report_header_as_data(pass_, conv, *found)
        for call in caps.get("datacall", ()):
            passed = header_passed_as_data(pass_, call)
            if passed is not None and passed[0].id not in done:
                done.add(passed[0].id)
                _report_passed(pass_, *passed)
    if not headers and pass_.file.owned is not None:
        # A part of a large file: the type may be named in another part (a field's
        # `hdr *reflect.SliceHeader`); the gate is the file's, and the part shares its bytes.
        data = pass_.file.data
        headers = b"SliceHeader" in data or b"StringHeader" in data
    if headers:
        for m in pass_.result("slice_headers").misuses:
            pass_.report(m.node, m.message, flow=m.flow)


def _report_header_as_data(pass_, conv: Node, operand: Node, kind: str) -> None:
    text = pass_.file.code
    x = text(operand)
    name = x[1:] if x.startswith("&") else f"*{x}"
    data = "unsafe.SliceData" if kind == "slice" else "unsafe.StringData"
    pass_.report(conv, f"{text(conv)} points at the {kind} header of {name} (its data pointer, length"
                       f"{' and capacity' if kind == 'slice' else ''}), not at its bytes: reads and writes through it "
                       f"see or overwrite the header's words; use {data}({name})")


def _report_passed(pass_, pointer: Node, kind: str, length: Node) -> None:
    text = pass_.file.code
    x = text(pointer)
    name = x[1:] if x.startswith("&") else f"*{x}"
    data = "unsafe.SliceData" if kind == "slice" else "unsafe.StringData"
    pass_.report(pointer, f"unsafe.Pointer({x}) is handed over with {text(length)} as if it were the data, but it is "
                          f"the address of the {kind} header of {name}: the callee reads (or writes) the header's words "
                          f"and what lies after them; use unsafe.Pointer({data}({name}))")
