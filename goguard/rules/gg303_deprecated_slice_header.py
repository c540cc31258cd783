"""reflect.SliceHeader or reflect.StringHeader, deprecated since Go 1.20 gave unsafe its replacements.

## What it does
Reports every mention of `reflect.SliceHeader` and `reflect.StringHeader` (a type in a
declaration, a conversion, a composite literal) in a module whose `go.mod` targets Go
1.20 or later, where `unsafe.Slice`, `unsafe.SliceData`, `unsafe.String` and
`unsafe.StringData` do the same job safely. The version is the `go` line of the nearest
`go.mod` above the file (`--go-version` overrides it); with no `go.mod`, a current Go
is assumed. Modules below Go 1.20 are left alone: they have no replacement
yet. A mention that is part of a misuse GG302 reports is left to GG302 (when GG302 is
enabled), so one mistake gets one report.

## Why is this bad?
The header types describe the runtime's slice and string layout with a `uintptr`
where the runtime has a pointer. Every use is one step from GG302's bugs: the
garbage collector does not see `Data`, and code that copies or builds headers goes
wrong silently. The `reflect` documentation marks both types deprecated: "Use
unsafe.Slice or unsafe.SliceData instead" and "Use unsafe.String or unsafe.StringData
instead". The replacements take and return real pointers, so the collector and
checkptr see them.

## Example
```go
package example

import (
	"reflect"
	"unsafe"
)

func data(b []byte) uintptr {
	return (*reflect.SliceHeader)(unsafe.Pointer(&b)).Data
}

func str(b []byte) string {
	var s string
	hdr := (*reflect.StringHeader)(unsafe.Pointer(&s))
	hdr.Data = (*reflect.SliceHeader)(unsafe.Pointer(&b)).Data
	hdr.Len = len(b)
	return s
}
```

## Use instead
```go
package example

import "unsafe"

func data(b []byte) uintptr {
	return uintptr(unsafe.Pointer(unsafe.SliceData(b)))
}

func str(b []byte) string {
	return unsafe.String(unsafe.SliceData(b), len(b))
}
```

## Runtime symptom
None by itself: the deprecation is a warning about code that breaks easily. The bugs
it leads to are GG302's (memory freed or moved under a slice).

## Related checks elsewhere
staticcheck SA1019 reports uses of deprecated identifiers, these two included, once the
module's Go version has a replacement (`reflect.SliceHeader` from Go 1.17, for
`unsafe.Slice`; `reflect.StringHeader` from 1.20). From Go 1.20 on, running both gives
the same report twice: disable one of them (see docs/unsafe-rules.md). go vet does not
report deprecation.
"""

from __future__ import annotations

from goguard.rules.base import CORPUS, RuleMeta

META = RuleMeta(
    code="GG303",
    name="deprecated-slice-header",
    severity="note",
    tags=("unsafe", "deprecated", "modernize"),
    precision="very-high",
    measured=(
        f"on {CORPUS}, 5 findings, all real uses of the deprecated headers (2 of them "
        f"deliberate, in a test that compares them); no false positive."
    ),
    requires=(b"SliceHeader", b"StringHeader"),  # no such file can hold a match: skipped before any query
    query="""
(selector_expression field: (field_identifier) @name (#any-of? @name "SliceHeader" "StringHeader")) @use
(qualified_type name: (type_identifier) @name (#any-of? @name "SliceHeader" "StringHeader")) @use
""",
)

FIRST_VERSION = (1, 20)
_REPLACEMENT = {
    "SliceHeader": "unsafe.Slice or unsafe.SliceData",
    "StringHeader": "unsafe.String or unsafe.StringData",
}


def check(pass_, matches) -> None:
    version = pass_.go_version
    if version is not None and version < FIRST_VERSION:
        return
    ui = pass_.result("unsafe_imports")
    enabled = pass_.options.rules
    covered = pass_.result("slice_headers").covered if enabled is None or "GG302" in enabled else set()
    for _, caps in matches:
        for use in caps.get("use", ()):
            name = ui.header(use)
            if name is None or use.id in covered:
                continue
            pass_.report(use, f"reflect.{name} is deprecated: use {_REPLACEMENT[name]} (Go 1.20+)")
