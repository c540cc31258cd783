// Package negops holds operations on nil maps that do not panic (reads, comma-ok
// reads, delete, len, range, clear) and index writes into slices and arrays,
// which are not map writes at all.
// Each function whose comment starts "safe:" is one negative shape.
package negops

import "fmt"

// safe: reading a nil map yields the zero value.
func readNil(key string) int {
	var counts map[string]int
	return counts[key]
}

// safe: a comma-ok read of a nil map yields zero and false.
func lookupNil(key string) (string, bool) {
	var env map[string]string
	v, ok := env[key]
	return v, ok
}

// safe: delete on a nil map is a no-op.
func deleteNil(key string) map[string]bool {
	var sessions map[string]bool
	delete(sessions, key)
	return sessions
}

// safe: len of a nil map is 0.
func lenNil() int {
	var pending map[string][]byte
	return len(pending)
}

// safe: ranging over a nil map runs zero times.
func rangeNil() []string {
	var labels map[string]string
	var out []string
	for k, v := range labels {
		out = append(out, fmt.Sprintf("%s=%s", k, v))
	}
	return out
}

// safe: clear on a nil map is a no-op.
func clearNil() map[string]int {
	var stale map[string]int
	clear(stale)
	return stale
}

// safe: a nil map passed to fmt is only read.
func printNil() string {
	var h map[string][]string
	return fmt.Sprint(h)
}

// safe: a slice, grown by append, then index-assigned: not a map write.
func sliceWrite(n int) []int {
	var ids []int
	for i := 0; i < n; i++ {
		ids = append(ids, i)
	}
	if len(ids) > 0 {
		ids[0] = -1
	}
	return ids
}

// safe: an array's zero value is usable; index-assigned: not a map write.
func arrayWrite(status int) [8]int {
	var buckets [8]int
	buckets[status%8]++
	return buckets
}

// safe: a made slice, index-assigned through a range over it.
func madeSliceWrite(names []string) []string {
	upper := make([]string, len(names))
	for i, n := range names {
		upper[i] = n + "!"
	}
	return upper
}

// safe: a map element read from a nil map, then written into a made map.
func copyNil(key string) map[string]int {
	var old map[string]int
	fresh := make(map[string]int)
	fresh[key] = old[key]
	return fresh
}
