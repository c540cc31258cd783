// Package fixunsafe: nil maps whose fix (making the map where it is declared) the
// program could observe, so --fix leaves them to --unsafe-fixes: a returned nil map
// becomes an empty one, a nil comparison changes its answer, JSON null becomes {}.
package fixunsafe

import "encoding/json"

func returned() map[string]int {
	var m map[string]int
	m["a"] = 1 // want `assignment to entry in nil map "m"`
	return m
}

func compared() bool {
	var m map[string]bool
	m["a"] = true // want `assignment to entry in nil map "m"`
	return m == nil
}

func marshalled() ([]byte, error) {
	var m map[string]string
	m["a"] = "b" // want `assignment to entry in nil map "m"`
	return json.Marshal(m)
}

// Not fixable at all: a name of a grouped declaration.
func grouped() {
	var (
		m map[int]int
		n int
	)
	m[n] = 1 // want `assignment to entry in nil map "m"`
}
