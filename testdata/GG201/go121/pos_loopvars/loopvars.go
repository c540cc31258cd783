// Package loopvars is in a go 1.21 module: a range or three-clause loop has one
// variable for the whole loop, so its address is the same on every iteration.
package loopvars

type item struct {
	name string
}

// &v of a range variable, before Go 1.22.
func pointers(items []item) []*item {
	var out []*item
	for _, v := range items {
		out = append(out, &v) // want `&v appended to out points to the one variable v, and the loop assigns it its next element on the next iteration`
	}
	return out
}

// &v.name of a range variable, kept per key.
func names(items []item) map[int]*string {
	m := map[int]*string{}
	for i, v := range items {
		m[i] = &v.name // want `&v.name stored in m\[i\] points to the one variable v`
	}
	return m
}

// &i of a three-clause loop variable: i++ writes the one i.
func counters(n int) []*int {
	var out []*int
	for i := 0; i < n; i++ {
		out = append(out, &i) // want `&i appended to out points to the one variable i, and i\+\+ writes it again on the next iteration`
	}
	return out
}

// The best element, kept in a named result, is the loop's one variable.
func longest(items []item) (best *item) {
	for _, v := range items {
		if best == nil || len(v.name) > len(best.name) {
			best = &v // want `&v stored in best points to the one variable v`
		}
	}
	return best
}
