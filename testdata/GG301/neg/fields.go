package neg

import "unsafe"

type pairN struct {
	lo, hi uint32
}

type withTail struct {
	n    uint32
	data [8]byte
}

type empty struct{}

type holder struct {
	id   uint64
	none empty
	arr  [0]uint64
}

// safe: a 4-byte field read as its four bytes.
func fieldBytes() [4]byte {
	var p pairN
	return *(*[4]byte)(unsafe.Pointer(&p.hi))
}

// safe: a field read as a type of the same size.
func sameSize() int32 {
	var p pairN
	return *(*int32)(unsafe.Pointer(&p.lo))
}

// safe: a byte view cut with [:n:n] to the field's size.
func cutToField() []byte {
	var w withTail
	return (*[1 << 20]byte)(unsafe.Pointer(&w.data))[:8:8]
}

// safe: unsafe.Slice within an array field.
func withinArray() []uint32 {
	var w withTail
	return unsafe.Slice((*uint32)(unsafe.Pointer(&w.data[0])), 2)
}

// safe: the whole variable read from its first field covers the variable only when
// it is read as the variable's own size; here, a field read as its own size.
func firstFieldSize(p pairN) uint32 {
	return *(*uint32)(unsafe.Pointer(&p.lo))
}

// safe: a field reached through a pointer: what follows it is unknown (a C struct
// may end in a variable-length array), so it is not judged.
func throughPointer(p *withTail) []byte {
	return unsafe.Slice(&p.data[0], 64)
}

// safe: zero-size fields read as zero-size types.
func zeroSize(h holder) (empty, [0]uint64) {
	return *(*empty)(unsafe.Pointer(&h.none)), *(*[0]uint64)(unsafe.Pointer(&h.arr))
}

// safe: unsafe.Slice of a field's own type, one element.
func oneElement() []uint32 {
	var p pairN
	return unsafe.Slice(&p.hi, 1)
}
