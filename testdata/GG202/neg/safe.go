// Package neg holds addresses that are not stored, or not of a local variable. Each
// "safe:" function is one negative shape.
package neg

type item struct{ name string }

var global item

// safe: the address of a package variable.
func packageVar(m map[string]*item) { m["g"] = &global }

// safe: a composite literal's address is a fresh value each time.
func literal(m map[string]*item) { m["x"] = &item{name: "x"} }

// safe: the address is only used within the statement's function.
func localUse() string {
	var it item
	p := &it
	p.name = "x"
	return it.name
}

// safe: returned, not stored.
func returned() *item {
	var it item
	return &it
}

// safe: the field of what a pointer points to lives where it points.
func throughPointer(m map[string]*string, p *item) { m["n"] = &p.name }

// safe: an element of a slice lives in its backing array.
func sliceElement(m map[int]*item, s []item) { m[0] = &s[0] }

// safe: passed to a call, not stored here.
func passed(f func(*item)) {
	var it item
	f(&it)
}
