//go:build go1.21

// Package tagged: the module says go 1.22, but this file's build constraint sets its
// language version to go1.21, and loop variables are shared again.
package tagged

// &v of a range variable, in a file whose language version is go1.21.
func pointers(vals []int) []*int {
	var out []*int
	for _, v := range vals {
		out = append(out, &v) // want `&v appended to out points to the one variable v`
	}
	return out
}
