"""Assignment to an entry of a map that may be nil.

## What it does
Reports an index assignment (`m[k] = v`, `m[k] += v`, `m[k]++`, `m[a][b] = v`) whose map
may be nil on at least one path through the function: a map declared with `var` and
never made on that path, set to `nil`, a named result, a map field of a struct value left
unset, or a nested map read from an outer map before any entry was stored in it. It
follows the value through branches, loops, `switch`, `select`, `goto` and closures, and
trusts every initialisation and nil check it can see (`make`, literals,
`if m == nil { m = make(...) }`, comma-ok checks, early returns).

Across functions and files of the package it also reports: a map field that no code of
the package ever sets (the constructor that forgot it), a package-level map (or array
of maps) that nothing assigns, a write inside `if m == nil { ... }` whatever `m` came
from, a write into the result of a package function (or of an interface method one of
the package's types implements) that may return nil without an error ("load returns
nil here, when err != nil"), or that returns nil for the call's constant arguments
(`parseTags("")["k"] = v`), and a call that hands a value whose map field was left
unset (by a literal, `new(T)`, `var x T` or a constructor such as `NewCache()`) to a
method or function that writes that field without making it first; that finding is at
the call, and names the write.

Where real nil maps come from, it also follows: a method's write to a field that its
type's constructors leave nil on every path or on some (`if cfg.X { t.c = make(...) }`)
and that nothing else in the package or module assigns, the finding naming the
constructor; a value filled by a decoder (`json.Unmarshal`, `Decoder.Decode`, YAML,
TOML, protobuf...) whose map field the input may omit, the decode being the flow's
first step; the labels and annotations of a Kubernetes object the function did not
build (an event handler's, a client's, a `DeepCopy()` of one, `GetLabels()`), unless
the code checks or makes them; and another module's struct left zero whose field is
written by a key that cannot be an index. A value nil on some paths only is reported
when its nil path survives the feasibility check of `docs/analysis-model.md`.

## Why is this bad?
Reading, ranging over, `len` and `delete` of a nil map are all fine, which is why the
bug survives review and tests: the nil map only panics when something is written to
it, often on a rarely taken branch. The panic takes down the whole process unless a
`recover` is in the way.

## Example
```go
package example

func countByUser(events []string, verbose bool) map[string]int {
	var counts map[string]int
	if verbose {
		counts = make(map[string]int)
	}
	for _, user := range events {
		counts[user]++
	}
	return counts
}
```

## Use instead
```go
package example

func countByUser(events []string, verbose bool) map[string]int {
	counts := make(map[string]int)
	for _, user := range events {
		counts[user]++
	}
	return counts
}
```

## Runtime symptom
`panic: assignment to entry in nil map`, with the goroutine's stack; the process exits
with status 2.

## Fix
`goguard check --fix` makes the map where it is declared when it is a local
`var m map[K]V` (one name, no initializer, not in a grouped `var (...)`) that is never
assigned: `m := make(map[K]V)`. The finding is marked `[*]` in text output (`fix` in
JSON, `fixes` in SARIF). The fix is *safe*, and `--fix` applies it, when only the map's
own operations use `m` (indexing, `len`, `range`, `delete`, `clear`). When `m` is
returned, compared with `nil`, passed to a call or stored, making it changes what the
program observes (a returned `nil` becomes `{}`, JSON `null` becomes `{}`): the fix is
*unsafe*, applied only with `--unsafe-fixes`.

For a map field that the package never makes (a literal or constructor leaves it
out), the fix adds `f: make(T)`, `T` as the field is declared, to the struct's keyed
literals when they all lie in the finding's file (aligned as gofmt aligns them);
positional literals get no fix. It is safe when every use of the field in the package
is a map operation, unsafe when one compares it with `nil` or hands it on.
`--diff` prints the change instead. Suppressed and baselined findings are never fixed.

## Related checks elsewhere
staticcheck SA5000 reports a write to a local map variable that is nil on *every* path
(declared with `var` and never assigned); it does not see maps nil on one branch only,
struct fields, nested maps, named results or closures. go vet has no such check.
NilAway (uber-go/nilaway) finds some of these with whole-program inference, at a much
higher cost and noise level.
"""

from __future__ import annotations

from goguard.analyses.nilness import write_target
from goguard.rules._fix_make import field_fix, field_literal_fix, make_map_fix
from goguard.rules._nil import nil_sink, report_calls, report_nil
from goguard.rules.base import CORPUS, RuleMeta

META = RuleMeta(
    code="GG101",
    name="nil-map-write",
    severity="error",
    tags=("correctness", "nil", "crash"),
    precision="high",
    measured=(
        f"on {CORPUS}, 9 findings: 7 real bugs (rclone's metadata map; six maps that "
        f"decoding JSON null leaves nil: two in tyk, terraform's credentials, grpc's RLS "
        f"config, jsonpb's Any, tailscale's package template), 1 deliberate (a test of the "
        f"panic), 1 false "
        f"positive (0.10 per MLOC): a parser's leaf node whose children map is left nil, "
        f"reached by an exported method nobody calls on it."
    ),
    uses=("nil-candidates",),
    every_file=True,
    query="""
(assignment_statement left: (expression_list (index_expression) @write))
(inc_statement (index_expression) @write)
(dec_statement (index_expression) @write)
(assignment_statement left: (expression_list (type_instantiation_expression) @write))
(inc_statement (type_instantiation_expression) @write)
(dec_statement (type_instantiation_expression) @write)
""",
)


def check(pass_, matches) -> None:
    for _, caps in matches:
        for write in caps.get("write", ()):
            sink = nil_sink(pass_, write, write_target(write), "write",
                            lambda types, w=write: types.container_kind(w))
            if sink is None:
                continue
            report_nil(
                pass_, sink,
                'assignment to entry in {q}nil map "{name}"',
                "written here",
                "no make on this branch",
                fixer=lambda p, t, fn: make_map_fix(p, t, fn) or field_literal_fix(p, t, fn),
            )
    report_calls(pass_, "write", 'assignment to entry in {q}nil map "{name}"', fixer=field_fix)
