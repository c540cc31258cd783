// Package posmodtypes writes maps whose types are declared in another package of the
// module (goguard.test/GG101/modlib): only reading that package shows they are maps,
// or which field a promoted name reaches.
package posmodtypes

import "goguard.test/GG101/modlib"

// An int-keyed map field of a literal that leaves it unset.
func Port(n int) *modlib.Object {
	o := &modlib.Object{Meta: modlib.Meta{Name: "web", Labels: map[string]string{}}}
	o.Ports[n] = "http" // want `nil map "o.Ports"`
	return o
}

// A promoted field: Labels is Meta's, and the Meta literal leaves it unset.
func Label(k, v string) *modlib.Object {
	o := &modlib.Object{Meta: modlib.Meta{Name: "web"}, Ports: map[int]string{}}
	o.Labels[k] = v // want `nil map "o.Labels"`
	return o
}

// A named map type with integer keys, declared nil.
func Mark(id int) modlib.IDs {
	var ids modlib.IDs
	ids[id] = true // want `nil map "ids"`
	return ids
}

// The zero value of another package's struct.
func Zero(n int) modlib.Object {
	var o modlib.Object
	o.Ports[n] = "zero" // want `nil map "o.Ports"`
	return o
}
