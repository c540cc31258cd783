"""Suppression directive that is malformed or matches no finding.

## What it does
Reports goguard suppression directives that do nothing:

- a *stale* directive: a `//goguard:ignore`, `//goguard:file-ignore` or
  `//nolint:goguard` comment that suppressed no finding, although every rule it names
  ran on the file (a directive for a rule that was not selected is not judged);
- a *malformed* directive: `//goguard:ignore` or `//goguard:file-ignore` without a
  reason, without rule codes, naming an unknown rule, written with a space after `//`,
  or an unknown `//goguard:` verb. A malformed directive suppresses nothing.

This rule runs after every other rule has run on the file and the directives have been
applied. Its own reports cannot be suppressed in source: turn it off with `ignore` or
`per-file-ignores` in the configuration.

## Why is this bad?
A suppression outlives the code it was written for: once the map is made or the line
is rewritten, the directive silently waits to hide the next, real, crash on that line.
A directive without a reason cannot be reviewed, and a misspelled one hides nothing
while looking as if it did.

## Example
```go
package example

func count(words []string) map[string]int {
	counts := make(map[string]int)
	for _, w := range words {
		counts[w]++ //goguard:ignore GG101 counts is made above
	}
	return counts
}
```

## Use instead
```go
package example

func count(words []string) map[string]int {
	counts := make(map[string]int)
	for _, w := range words {
		counts[w]++
	}
	return counts
}
```

## Runtime symptom
None by itself; a stale directive may later hide a `panic: assignment to entry in nil
map` or a nil pointer dereference introduced on its line.

## Related checks elsewhere
staticcheck reports `//lint:ignore` directives that matched nothing ("this linter
directive didn't match anything") and requires a reason; golangci-lint's `nolintlint`
reports unused `//nolint` directives and can require an explanation.
"""

from __future__ import annotations

from goguard.rules.base import RuleMeta

META = RuleMeta(
    code="GG000",
    name="stale-directive",
    severity="warning",
    tags=("suppression", "hygiene"),
    precision="very-high",
    measured=(
        "not measured on third-party code, which has no goguard directives; it reports "
        "directives that are malformed or match no finding, which goguard decides exactly."
    ),
    query=None,
)


def check(pass_, matches) -> None:
    """Report the file's directive problems. The engine calls this after the other
    rules, once `pass_.directives` (a `goguard.suppress.FileDirectives`) holds the
    file's directives, marked with the findings they suppressed."""
    state = pass_.directives
    if state is None:
        return
    for p in state.problems():
        pass_.report((p.directive.start_byte, p.directive.end_byte), p.message)
