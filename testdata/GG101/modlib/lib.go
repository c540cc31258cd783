// Package modlib declares types that other packages of the module use: goguard reads
// their declarations from here when it analyses those packages.
package modlib

type Meta struct {
	Name   string
	Labels map[string]string
}

// Object embeds Meta; its Ports map is keyed by port number.
type Object struct {
	Meta
	Ports map[int]string
}

// IDs is a named map type with integer keys.
type IDs map[int]bool

func NewObject(name string) *Object {
	return &Object{Meta: Meta{Name: name, Labels: map[string]string{}}, Ports: map[int]string{}}
}

func NewIDs() IDs { return IDs{} }
