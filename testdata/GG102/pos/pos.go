// Package pos holds dereferences of pointers to slices (and to a map) that are
// nil on some path from a definite nil source. Each function is one shape;
// the faulting line carries its want.
package pos

import "log"

// Append through a nil *[]byte: the output buffer pointer was never set.
func appendByte(c byte) {
	var out *[]byte
	*out = append(*out, c) // want "nil pointer \"out\""
}

// Index through a nil *[]byte.
func firstByte() byte {
	var buf *[]byte
	return (*buf)[0] // want "nil pointer \"buf\""
}

// len(*p) with the pointer set on one branch only.
func pending(flush bool) int {
	var out *[]byte
	if flush {
		b := make([]byte, 0, 512)
		out = &b
	}
	return len(*out) // want "nil pointer \"out\""
}

// Plain store through a nil pointer: *p = ... .
func resetBuf() {
	var scratch *[]byte
	*scratch = make([]byte, 0, 64) // want "nil pointer \"scratch\""
}

// Reassigned to nil after release, then appended to.
func reuse(release bool, s string) {
	b := make([]byte, 0, 64)
	p := &b
	if release {
		p = nil
	}
	*p = append(*p, s...) // want "nil pointer \"p\""
}

// Named result: out starts nil and is written through before it is set.
func render(s string) (out *[]byte) {
	*out = append(*out, s...) // want "nil pointer \"out\""
	return out
}

type writer struct {
	name string
	buf  *[]byte
}

// Struct field left unset in the literal.
func writerSize() int {
	w := writer{name: "access-log"}
	return len(*w.buf) // want "GG102"
}

// Struct field of a zero struct (var w writer).
func writerCap() int {
	var w writer
	return cap(*w.buf) // want "GG102"
}

// Struct field of a pointer to a struct literal, stored through.
func newWriter(name string) *writer {
	w := &writer{name: name}
	*w.buf = make([]byte, 0, 4096) // want "GG102"
	return w
}

// Struct field of new(T).
func allocWriter() []byte {
	w := new(writer)
	return (*w.buf)[:0] // want "GG102"
}

// Lookup in a fresh pool map: the buffer of a new name is nil.
func poolCap(name string) int {
	pools := map[string]*[]byte{}
	buf := pools[name]
	return cap(*buf) // want "nil pointer \"buf\""
}

// Comma-ok lookup whose ok is never checked.
func poolLen(name string) (int, bool) {
	pools := make(map[string]*[]byte)
	buf, ok := pools[name]
	return len(*buf), ok // want "nil pointer \"buf\""
}

// Pointer to a map that was never set: a nil pointer dereference (GG102), not a nil map write.
func setVia(k string) {
	var pm *map[string]int
	(*pm)[k] = 1 // want "GG102"
}

// Immediately invoked closure over a nil buffer pointer.
func emit(line string) {
	var sink *[]byte
	func() {
		*sink = append(*sink, line...) // want "nil pointer \"sink\""
	}()
}

// A nil check that only logs, then the dereference.
func logged(verbose bool) int {
	var p *[]byte
	if verbose {
		b := []byte("hello")
		p = &b
	}
	if p == nil {
		log.Println("no buffer")
	}
	return len(*p) // want "nil pointer \"p\""
}
