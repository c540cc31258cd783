"""Dereference of a pointer to a slice or map that may be nil.

## What it does
Reports `*p`, `(*p)[i]`, `append(*p, ...)`, `len(*p)` and `*p = ...` where `p` is a
pointer to a slice or map (`*[]byte`, `*map[K]V`) that may be nil on some path: declared
with `var` and never pointed anywhere, set to `nil`, a struct field of that type left
unset, a named result, or looked up from a `map[K]*[]T` in which the key may be absent
(a plain `v := m[k]` that is neither comma-ok checked nor nil checked before use).
Across the package, as GG101 does: a pointer field no code of the package sets, a
package-level pointer nothing assigns, a dereference inside `if p == nil { ... }` (the
pointer tested where its map was meant), the result of a package function that may
return nil without an error, a field a constructor leaves nil and a method
dereferences, and a call that hands a value whose pointer field was left unset (by a
literal or a constructor) to a method or function that dereferences it.

It also reports a pointer field of a sync type (`mu *sync.Mutex`, `*sync.RWMutex`,
`*sync.WaitGroup`, `*sync.Once`, `*sync.Cond`) that every creation site, or a
constructor, leaves nil, locked (or `Add`, `Wait`, `Do`...) by a method: the first call
dereferences the nil pointer.

## Why is this bad?
Pointers to slices are how Go code shares a growing buffer between a map entry, a pool
or a struct and the code that appends to it. A map lookup of a missing key, or a field
nobody set, yields a nil pointer, and the first `append(*p, ...)` through it crashes the
process. Because the nil case is the unusual key or the unusual configuration, tests
rarely hit it.

## Example
```go
package example

func appendTo(buffers map[string]*[]byte, keys []string, data byte) {
	local := map[string]*[]byte{}
	for _, k := range keys {
		buf := local[k]
		*buf = append(*buf, data)
	}
	_ = buffers
}
```

## Use instead
```go
package example

func appendTo(buffers map[string]*[]byte, keys []string, data byte) {
	local := map[string]*[]byte{}
	for _, k := range keys {
		buf, ok := local[k]
		if !ok {
			buf = new([]byte)
			local[k] = buf
		}
		*buf = append(*buf, data)
	}
	_ = buffers
}
```

## Runtime symptom
`panic: runtime error: invalid memory address or nil pointer dereference` followed by
`[signal SIGSEGV: segmentation violation ...]`.

## Related checks elsewhere
go vet's `nilness` analyzer (not run by default `go vet`) reports dereferences of values
that are nil on every path within SSA; NilAway reports nil flows across functions.
staticcheck SA5011 reports a dereference next to a nil check of the same pointer.
"""

from __future__ import annotations

from goguard.analyses.nilness import write_target
from goguard.analyses.nilness.sinks import SYNC_METHODS
from goguard.models import sync as sync_model
from goguard.rules._nil import nil_sink, report_calls, report_nil
from goguard.rules.base import CORPUS, RuleMeta

META = RuleMeta(
    code="GG102",
    name="nil-slice-pointer-deref",
    severity="error",
    tags=("correctness", "nil", "crash"),
    precision="high",
    measured=(
        f"on {CORPUS}, 4 findings, all true: 2 real bugs (minio tests a pointer where it means its "
        f"map and dereferences the nil pointer; caddy's WithoutFile leaves a mutex pointer "
        f"nil, locked at three sites); no false positive."
    ),
    uses=("nil-candidates",),
    every_file=True,
    query=f"""
(unary_expression operator: "*" operand: (_)) @deref
(call_expression function: (selector_expression operand: (selector_expression) field: (field_identifier) @method
  (#any-of? @method {" ".join(f'"{m}"' for m in sorted(SYNC_METHODS))}))) @lock
""",
)


def _sync_pointer(types, call) -> str:
    """"sync" when the receiver of `x.f.Lock()` is a pointer to a sync type."""
    target = write_target(call)
    return "sync" if target is not None and sync_model.pointer_to_sync(types.of(target)) else ""


def check(pass_, matches) -> None:
    for _, caps in matches:
        for deref in caps.get("deref", ()):
            sink = nil_sink(pass_, deref, deref.child_by_field_name("operand"), "deref",
                            lambda types, d=deref: types.pointee_kind(d))
            if sink is None:
                continue
            report_nil(
                pass_, sink,
                'dereference of {q}nil pointer "{name}"',
                "dereferenced here",
                "not allocated on this branch",
            )
        locks = caps.get("lock", ())
        sync_fields = pass_.fact("sync-pointer-fields") if locks else frozenset()
        for call in locks:
            target = write_target(call)
            field = target.child_by_field_name("field") if target is not None else None
            if field is None or pass_.text(field) not in sync_fields:
                continue  # only the package's own types declare the pointer fields it can see
            sink = nil_sink(pass_, call, target, "deref", lambda types, c=call: _sync_pointer(types, c))
            if sink is None:
                continue
            method = call.child_by_field_name("function").child_by_field_name("field")
            report_nil(
                pass_, sink,
                'dereference of {q}nil pointer "{name}"',
                f"{pass_.text(method)} dereferences it here",
                "not allocated on this branch",
            )
    report_calls(pass_, "deref", 'dereference of {q}nil pointer "{name}"')
