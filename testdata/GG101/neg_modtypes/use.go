// Package negmodtypes uses types of another package of the module safely.
// Each "safe:" function is one negative shape.
package negmodtypes

import "goguard.test/GG101/modlib"

// safe: the constructor of the other package returns a value goguard does not know: unknown.
func FromConstructor(k string) *modlib.Object {
	o := modlib.NewObject("x")
	o.Labels[k] = "v"
	o.Ports[80] = "http"
	return o
}

// safe: the embedded Meta literal makes the promoted map.
func PromotedMade(k string) *modlib.Object {
	o := &modlib.Object{Meta: modlib.Meta{Labels: map[string]string{}}}
	o.Labels[k] = "v"
	return o
}

// safe: the int-keyed map is made after the literal.
func MadeAfter(n int) *modlib.Object {
	o := &modlib.Object{}
	o.Ports = map[int]string{}
	o.Ports[n] = "p"
	return o
}

// safe: the named map type is made by its constructor.
func NamedMade(id int) modlib.IDs {
	ids := modlib.NewIDs()
	ids[id] = true
	return ids
}

// safe: a literal of the named map type.
func NamedLiteral(id int) modlib.IDs {
	ids := modlib.IDs{}
	ids[id] = true
	return ids
}

// safe: the zero struct's map is assigned before the write.
func ZeroAssigned(n int) modlib.Object {
	var o modlib.Object
	o.Ports = make(map[int]string)
	o.Ports[n] = "z"
	return o
}
