// Package negguards holds safe look-alikes: every path to the write goes
// through a make, a literal, or a nil check that initialises or leaves.
// Each function whose comment starts "safe:" is one negative shape.
package negguards

import (
	"errors"
	"log"
	"os"
	"strings"
	"testing"
)

// safe: made at its declaration.
func countMade(paths []string) map[string]int {
	counts := make(map[string]int, len(paths))
	for _, p := range paths {
		counts[p]++
	}
	return counts
}

// safe: an empty literal is a non-nil map.
func labelsLiteral(env string) map[string]string {
	labels := map[string]string{}
	labels["env"] = env
	return labels
}

// safe: var with a literal initialiser is not the zero value.
func varWithLiteral(user string) map[string]bool {
	var admins = map[string]bool{"root": true}
	admins[user] = false
	return admins
}

// safe: the classic lazy init, if m == nil { m = make(...) }.
func lazyInit(key string, seed map[string]int, useSeed bool) map[string]int {
	var m map[string]int
	if useSeed {
		m = seed
	}
	if m == nil {
		m = make(map[string]int)
	}
	m[key] = 1
	return m
}

// safe: both branches of the if make the map.
func bothBranches(withDefaults bool, env string) map[string]string {
	var labels map[string]string
	if withDefaults {
		labels = map[string]string{"app": "web"}
	} else {
		labels = make(map[string]string, 1)
	}
	labels["env"] = env
	return labels
}

// safe: an else-if chain whose final else also makes.
func tierLimitsComplete(tier string) map[string]int {
	var limits map[string]int
	if tier == "free" {
		limits = map[string]int{"rps": 10}
	} else if tier == "pro" {
		limits = make(map[string]int)
	} else {
		limits = map[string]int{}
	}
	limits["burst"] = 5
	return limits
}

// safe: every switch case, including default, makes the map.
func contentHeadersComplete(format string) map[string]string {
	var h map[string]string
	switch format {
	case "json":
		h = map[string]string{"Content-Type": "application/json"}
	case "text":
		h = map[string]string{"Content-Type": "text/plain"}
	default:
		h = make(map[string]string)
	}
	h["Cache-Control"] = "no-store"
	return h
}

// safe: every type switch case, including default, makes the map.
func describeComplete(v any) map[string]string {
	var out map[string]string
	switch x := v.(type) {
	case string:
		out = map[string]string{"value": x}
	case int:
		out = map[string]string{"kind": "int"}
	default:
		out = map[string]string{}
	}
	out["seen"] = "yes"
	return out
}

// safe: the nil branch returns early.
func earlyReturn(m map[string]int, fallback bool, key string) map[string]int {
	var idx map[string]int
	if fallback {
		idx = m
	}
	if idx == nil {
		return nil
	}
	idx[key]++
	return idx
}

// safe: the nil branch continues the loop.
func skipNil(groups []map[string]int, key string) {
	for i := range groups {
		var g map[string]int
		if i%2 == 0 {
			g = groups[i]
		}
		if g == nil {
			continue
		}
		g[key]++
	}
}

// safe: the nil branch panics.
func mustHave(useCache bool, key string) map[string]string {
	var cache map[string]string
	if useCache {
		cache = make(map[string]string)
	}
	if cache == nil {
		panic("cache disabled")
	}
	cache[key] = "warm"
	return cache
}

// safe: the nil branch exits the process.
func exitOnNil(configured bool) map[string]string {
	var settings map[string]string
	if configured {
		settings = map[string]string{}
	}
	if settings == nil {
		log.Print("no settings")
		os.Exit(1)
	}
	settings["loaded"] = "true"
	return settings
}

// safe: the nil branch calls log.Fatalf.
func fatalOnNil(configured bool) map[string]string {
	var routes map[string]string
	if configured {
		routes = map[string]string{"/": "index"}
	}
	if routes == nil {
		log.Fatalf("no routes configured")
	}
	routes["/healthz"] = "health"
	return routes
}

// safe: the nil branch calls t.Fatal (test helpers).
func fixtureMap(t testing.TB, populate bool) map[string]int {
	var want map[string]int
	if populate {
		want = map[string]int{"a": 1}
	}
	if want == nil {
		t.Fatal("fixture not populated")
	}
	want["b"] = 2
	return want
}

// safe: a nil check combined with || makes the map on every path that could be nil.
func resetOrInit(m map[string]int, reset bool, key string) map[string]int {
	var active map[string]int
	if !reset {
		active = m
	}
	if active == nil || reset {
		active = make(map[string]int)
	}
	active[key] = 0
	return active
}

// safe: the write sits inside a non-nil check combined with &&.
func writeIfReady(ready bool, key string) map[string]string {
	var state map[string]string
	if ready {
		state = map[string]string{}
	}
	if state != nil && key != "" {
		state[key] = "ready"
	}
	return state
}

// safe: len(m) > 0 proves the map is not nil.
func bumpIfAny(load bool, key string) map[string]int {
	var seen map[string]int
	if load {
		seen = map[string]int{"boot": 1}
	}
	if len(seen) > 0 {
		seen[key]++
	}
	return seen
}

// safe: the write sits inside if m != nil.
func writeIfNotNil(enabled bool, id string) map[string]bool {
	var active map[string]bool
	if enabled {
		active = make(map[string]bool)
	}
	if active != nil {
		active[id] = true
	}
	return active
}

// safe: an error return on the nil path.
func parseOrFail(s string) (map[string]string, error) {
	var kv map[string]string
	if strings.Contains(s, "=") {
		kv = make(map[string]string)
	}
	if kv == nil {
		return nil, errors.New("no pairs")
	}
	k, v, _ := strings.Cut(s, "=")
	kv[k] = v
	return kv, nil
}

// safe: lazy init inside the loop before each write.
func lazyInLoop(events []string) map[string]int {
	var byKind map[string]int
	for _, e := range events {
		if byKind == nil {
			byKind = make(map[string]int)
		}
		byKind[e]++
	}
	return byKind
}

// safe: reset to nil, then made again before the write.
func resetThenMake(key string) map[string][]byte {
	cache := map[string][]byte{"old": nil}
	cache = nil
	cache = make(map[string][]byte)
	cache[key] = []byte("v")
	return cache
}

// safe: the alias copies a made map.
func aliasOfMade() map[string]int {
	primary := map[string]int{}
	replica := primary
	replica["lag_ms"] = 250
	return replica
}

// safe: goto jumps past the write, not past the make.
func gotoAfterMake(args []string) map[string]string {
	env := make(map[string]string)
	if len(args) == 0 {
		goto done
	}
	env["ARGS"] = strings.Join(args, " ")
done:
	return env
}

// safe: a select whose every case makes the map.
func collectComplete(results <-chan string, timeout <-chan struct{}) map[string]bool {
	var got map[string]bool
	select {
	case r := <-results:
		got = map[string]bool{r: true}
	case <-timeout:
		got = map[string]bool{}
	}
	got["done"] = true
	return got
}
