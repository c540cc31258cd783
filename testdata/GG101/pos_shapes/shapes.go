// Package posshapes holds in-function nil maps of the shapes real code ships: an
// if / else-if chain with no else, a map declared outside a loop and written in it,
// a nested map whose inner level is never made.
package posshapes

// An else-if chain that makes the map on two arms and has no else.
func bindings(data any) map[string]any {
	var out map[string]any
	if data == nil {
		out = make(map[string]any, 1)
	} else if m, ok := data.(map[string]any); ok {
		out = m
	}
	out["layout"] = "main" // want `nil map "out"`
	return out
}

// A nil check of another value does not make the map past it.
func withDefaults(cfg *map[string]string) map[string]string {
	var merged map[string]string
	if cfg == nil {
		merged = map[string]string{}
	}
	merged["mode"] = "default" // want `nil map "merged"`
	return merged
}

// A map declared before a loop and written in it, never made.
func clients(names []string) map[string]int {
	var byName map[string]int
	for i, n := range names {
		byName[n] = i // want `nil map "byName"`
	}
	return byName
}

// The outer map is made, the inner one never is.
func tally(events [][2]string) map[string]map[string]int {
	counts := make(map[string]map[string]int)
	for _, e := range events {
		if e[0] == "" {
			continue
		}
		counts[e[0]][e[1]]++ // want `nil map "counts\[e\[0\]\]"`
	}
	return counts
}
