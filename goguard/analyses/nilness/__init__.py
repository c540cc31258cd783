"""Nil-ness of maps and pointers, flow-sensitively, over each function's CFG.

A *path* names a tracked value: a local variable `(decl,)`, a field of a local struct
value `(decl, "f", "g")`, or an entry of a local map `(decl, ("[]", key text))`. A
state maps paths to the set of things the value may be on some path to this point:

- `N`: not nil (made, a literal, `new`, `&x`, or checked);
- `U`: unknown (a call result, a parameter, a receive, anything whose address escaped);
- `Nil(src, note, branch)`: nil from a definite source at byte offset `src`
  (`branch` >= 0 is the if/switch where that nil path skipped the initialisation).

Joins take unions, so "nil on some path" survives them. Besides values, a state holds:
`path + ("{}",)` markers for struct literals and zero structs (fields not set there are
nil), `path + ("[*]",)` flags for maps into which nothing may have been stored yet
("E") or something may have ("S"; the default), and `("ok", decl)` relations from a
comma-ok variable to the values it proves present.

The analysis records, for every map write and every `*p` in the function and in the
closures it contains, the facts of the written map / dereferenced pointer. Rules read
those facts; the analysis itself never reports.
"""

from __future__ import annotations

from goguard.analyses.nilness.candidates import (
           may_be_nil,
           may_be_nil_root,
           nil_candidates,
)
from goguard.analyses.nilness.context import nilness_analysis
from goguard.analyses.nilness.domain import (
           API,
           CREATED,
           DECODED,
           UNTYPED,
           FunctionNilness,
           Lit,
           Nil,
           Sink,
           is_nil,
           nil_sources,
           only_nil,
)
from goguard.analyses.nilness.sinks import write_target

__all__ = ["API", "CREATED", "DECODED", "UNTYPED", "FunctionNilness", "Lit", "Nil", "Sink", "is_nil", "may_be_nil", "may_be_nil_root",
           "nil_candidates", "nil_sources", "nilness_analysis", "only_nil", "write_target"]
