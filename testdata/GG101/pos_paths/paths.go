// Package pospaths holds nil map writes reached on every path, or on some
// control-flow path through branches, switches, loops and jumps.
// Each function is one shape; the faulting line carries its want.
package pospaths

import (
	"log"
	"strings"
)

// All paths nil: the per-path request counter is declared but never made.
func countRequests(paths []string) map[string]int {
	var counts map[string]int
	for _, p := range paths {
		counts[p]++ // want "nil map \"counts\""
	}
	return counts
}

// One if-branch: labels are made only when defaults are asked for.
func podLabels(withDefaults bool, env string) map[string]string {
	var labels map[string]string
	if withDefaults {
		labels = map[string]string{"app": "web"}
	}
	labels["env"] = env // want "nil map \"labels\""
	return labels
}

// Else-if chain: the "internal" tier (and any unknown tier) leaves the map nil.
func tierLimits(tier string) map[string]int {
	var limits map[string]int
	if tier == "free" {
		limits = map[string]int{"rps": 10}
	} else if tier == "pro" {
		limits = make(map[string]int)
	} else if tier == "internal" {
		log.Printf("tier %q has no limits", tier)
	}
	limits["burst"] = 5 // want "nil map \"limits\""
	return limits
}

// Switch: the "text" case forgets to make the header map.
func contentHeaders(format string) map[string]string {
	var h map[string]string
	switch format {
	case "json":
		h = map[string]string{"Content-Type": "application/json"}
	case "text":
		log.Println("plain text response")
	default:
		h = make(map[string]string)
	}
	h["Cache-Control"] = "no-store" // want "nil map \"h\""
	return h
}

// Switch without default: an unknown region leaves the endpoint map nil.
func regionEndpoints(region string) map[string]string {
	var eps map[string]string
	switch region {
	case "eu":
		eps = map[string]string{"api": "api.eu.example.com"}
	case "us":
		eps = map[string]string{"api": "api.us.example.com"}
	}
	eps["health"] = "/healthz" // want "nil map \"eps\""
	return eps
}

// Type switch: the int case only logs and leaves the map nil.
func describe(v any) map[string]string {
	var out map[string]string
	switch x := v.(type) {
	case string:
		out = map[string]string{"kind": "string", "value": x}
	case int:
		log.Printf("int %d", x)
	default:
		out = make(map[string]string)
	}
	out["seen"] = "yes" // want "nil map \"out\""
	return out
}

// Select: the timeout case leaves the result set nil.
func collect(results <-chan string, timeout <-chan struct{}) map[string]bool {
	var got map[string]bool
	select {
	case r := <-results:
		got = map[string]bool{r: true}
	case <-timeout:
		log.Println("timed out waiting for results")
	}
	got["done"] = true // want "nil map \"got\""
	return got
}

// Loop: the batch is made only after the first flush, so the first write hits nil.
func batchKeys(keys []string, flush func(map[string]int)) {
	var batch map[string]int
	for i, k := range keys {
		batch[k] = i // want "nil map \"batch\""
		if len(batch) >= 100 {
			flush(batch)
			batch = make(map[string]int)
		}
	}
	flush(batch)
}

// Loop: a section map is made only at a "[section]" line; keys before the first header hit nil.
func parseINI(lines []string) []map[string]string {
	var sections []map[string]string
	var cur map[string]string
	for _, l := range lines {
		if strings.HasPrefix(l, "[") {
			cur = make(map[string]string)
			sections = append(sections, cur)
			continue
		}
		k, v, _ := strings.Cut(l, "=")
		cur[k] = v // want "nil map \"cur\""
	}
	return sections
}

// Reassigned to nil: a reset drops the cache, and the next write hits nil.
func rememberLast(reset bool, key string, val []byte) map[string][]byte {
	cache := make(map[string][]byte)
	if reset {
		cache = nil
	}
	cache[key] = val // want "nil map \"cache\""
	return cache
}

// Op-assign +=: totals per account, never made.
func sumByAccount(accts []string, amounts []float64) map[string]float64 {
	var totals map[string]float64
	for i, a := range accts {
		totals[a] += amounts[i] // want "nil map \"totals\""
	}
	return totals
}

// Op-assign |=: a permission bit set per user, never made.
func grant(user string, bit uint) map[string]uint8 {
	var perms map[string]uint8
	perms[user] |= 1 << bit // want "nil map \"perms\""
	return perms
}

// Decrement: a quota map that was never made.
func consume(user string) map[string]int {
	var quota map[string]int
	quota[user]-- // want "nil map \"quota\""
	return quota
}

// Op-assign -= after a reset to nil on one branch.
func refund(user string, cents int64, wipe bool) map[string]int64 {
	balances := map[string]int64{"house": 0}
	if wipe {
		balances = nil
	}
	balances[user] -= cents // want "nil map \"balances\""
	return balances
}

// Labeled break: an empty cell breaks out of both loops before the column map is made.
func headerColumns(rows [][]string) map[string]int {
	var cols map[string]int
scan:
	for _, row := range rows {
		for _, c := range row {
			if c == "" {
				break scan
			}
		}
		cols = make(map[string]int, len(row))
		for i, c := range row {
			cols[c] = i
		}
		break
	}
	cols["_rownum"] = -1 // want "nil map \"cols\""
	return cols
}

// Goto: no arguments jumps over the make.
func buildEnv(args []string) map[string]string {
	var env map[string]string
	if len(args) == 0 {
		goto done
	}
	env = make(map[string]string, len(args))
	for _, a := range args {
		k, v, _ := strings.Cut(a, "=")
		env[k] = v
	}
done:
	env["PATH"] = "/usr/bin" // want "nil map \"env\""
	return env
}

// A nil check that only logs: the map is still nil after it.
func tagRequest(id string) map[string]string {
	var tags map[string]string
	if tags == nil {
		log.Println("no tags yet")
	}
	tags["request_id"] = id // want "nil map \"tags\""
	return tags
}

// Else branch of a non-nil check: the write runs exactly when the map is nil.
func setOverride(useDefaults bool, key, val string) map[string]string {
	var overrides map[string]string
	if useDefaults {
		overrides = map[string]string{}
	}
	if overrides != nil {
		log.Printf("%d overrides", len(overrides))
	} else {
		overrides[key] = val // want "nil map \"overrides\""
	}
	return overrides
}

// Alias of a nil map: the copy is nil too.
func replicaLag(primaryUp bool) map[string]int {
	var primary map[string]int
	if primaryUp {
		primary = map[string]int{"lag_ms": 0}
	}
	replica := primary
	replica["lag_ms"] = 250 // want "nil map \"replica\""
	return replica
}
