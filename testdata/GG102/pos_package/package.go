// Package pospackage holds dereferences of *[]T and *map pointers that only package
// facts show to be nil: fields never set, variables never assigned, checked pointers,
// and results that may be nil.
package pospackage

import "os"

// A buffer pointer no code of the package ever sets.
type writer struct {
	name string
	buf  *[]byte
}

func newWriter(name string) *writer { return &writer{name: name} }

func (w *writer) AppendByte(b byte) {
	*w.buf = append(*w.buf, b) // want `nil pointer "w.buf"`
}

func (w *writer) Len() int {
	return len(*w.buf) // want `nil pointer "w.buf"`
}

// A package variable never assigned.
var scratch *[]byte

func Scratch(b byte) {
	*scratch = append(*scratch, b) // want `nil pointer "scratch"`
}

type MSS map[string]string

// The pointer is tested where the map was meant: the nil pointer is dereferenced.
func (m *MSS) Set(k, v string) {
	if m == nil {
		*m = MSS{} // want `nil pointer "m"`
	}
}

// A checked parameter.
func Reset(p *[]int) {
	if p == nil {
		*p = nil // want `nil pointer "p"`
	}
}

// A result that may be nil.
func scratchFor(path string) *[]byte {
	if _, err := os.Stat(path); err != nil {
		return nil
	}
	b := make([]byte, 0, 64)
	return &b
}

func Use(path string) int {
	p := scratchFor(path)
	return len(*p) // want `possibly nil pointer "p"`
}

func Grow(w *writer) {
	_ = newWriter("x")
	_ = w
}
