// Package negshapes holds the safe twins of posshapes.
package negshapes

// safe: the else-if chain ends with an else that makes the map.
func bindings(data any) map[string]any {
	var out map[string]any
	if data == nil {
		out = make(map[string]any, 1)
	} else if m, ok := data.(map[string]any); ok {
		out = m
	} else {
		out = map[string]any{"data": data}
	}
	out["layout"] = "main"
	return out
}

// safe: the lazy-init idiom: the body makes the compared map itself.
func lazy(cache map[string]int, k string) map[string]int {
	if cache == nil {
		cache = make(map[string]int)
	}
	cache[k]++
	return cache
}

// safe: a nil check of one map makes it and its twin together; past it both are made.
func twins(k string) (map[string]int, map[string]bool) {
	var counts map[string]int
	var seen map[string]bool
	for i := 0; i < 2; i++ {
		if counts == nil {
			counts = make(map[string]int)
			seen = make(map[string]bool)
		}
		counts[k]++
		seen[k] = true
	}
	return counts, seen
}

// safe: the inner map is made before it is written.
func tally(events [][2]string) map[string]map[string]int {
	counts := make(map[string]map[string]int)
	for _, e := range events {
		if counts[e[0]] == nil {
			counts[e[0]] = map[string]int{}
		}
		counts[e[0]][e[1]]++
	}
	return counts
}

// Set is a generic set built positionally.
type Set[V comparable] struct{ members map[V]struct{} }

// NewSet sets the map by position in a literal of the instantiated type.
func NewSet[V comparable](n int) Set[V] { return Set[V]{make(map[V]struct{}, n)} }

// safe: the positional literal of Set[V] sets members.
func (s Set[V]) Add(v V) { s.members[v] = struct{}{} }
