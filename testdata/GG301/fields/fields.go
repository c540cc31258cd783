// Package fields: pointers to a field of a whole variable read as a larger type. A
// field has its type's size: what follows is the next field, or past the variable's
// end another allocation.
package fields

import "unsafe"

type coord struct{ X, Y int16 }

type consoleInfo struct {
	size           coord
	cursorPosition coord
	attributes     uint16
}

type pair struct {
	lo, hi uint32
}

type nested struct {
	id  uint8
	pos pair
	end uint16
}

type arrays struct {
	tag  uint16
	data [4]byte
	more uint32
}

var global pair

// The shape from a console package: an 8-byte read of a 4-byte field that ends 2
// bytes before the variable does.
func cursor() uintptr {
	var csbi consoleInfo
	return *(*uintptr)(unsafe.Pointer(&csbi.cursorPosition)) // want `covers 8 bytes, but only 4 are behind &csbi.cursorPosition \(4 bytes too many\): it reads past the end of csbi \(10 bytes\)`
}

func intoNextField() uint64 {
	var p pair
	return *(*uint64)(unsafe.Pointer(&p.lo)) // want `covers 8 bytes, but only 4 are behind &p.lo \(4 bytes too many\): it reads past the field, into the rest of p`
}

func lastField() uint64 {
	return *(*uint64)(unsafe.Pointer(&global.hi)) // want `covers 8 bytes, but only 4 are behind &global.hi .*past the end of global`
}

func nestedField() uint64 {
	var n nested
	return *(*uint64)(unsafe.Pointer(&n.pos.hi)) // want `covers 8 bytes, but only 4 are behind &n.pos.hi .*reads past the field, into the rest of n`
}

func param(p pair) *[2]uint64 {
	return (*[2]uint64)(unsafe.Pointer(&p.lo)) // want `covers 16 bytes, but only 4 are behind &p.lo \(12 bytes too many\): it reads past the end of p \(8 bytes\)`
}

func viaVariable() uint64 {
	var p pair
	ptr := unsafe.Pointer(&p.hi)
	return *(*uint64)(ptr) // want `covers 8 bytes, but only 4 are behind &p.hi`
}

func arrayField() []uint32 {
	var a arrays
	return unsafe.Slice((*uint32)(unsafe.Pointer(&a.data[0])), 2) // want `unsafe.Slice length 2 exceeds the 1 element behind &a.data\[0\]`
}

func sliceOfField() []uint16 {
	var p pair
	return unsafe.Slice((*uint16)(unsafe.Pointer(&p.hi)), 4) // want `length 4 exceeds the 2 elements behind &p.hi \(8 bytes requested, 4 available\)`
}

func cutArray() []uint32 {
	var a arrays
	return (*[1 << 20]uint32)(unsafe.Pointer(&a.tag))[:2:2] // want `covers 8 bytes, but only 2 are behind &a.tag .*use unsafe.Slice`
}
