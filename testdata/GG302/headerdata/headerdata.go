// Package headerdata takes the address of a slice or string where the address of its
// bytes was meant: the pointer reads the header's words (data pointer, length,
// capacity) as bytes.
package headerdata

import (
	"reflect"
	"unsafe"
)

// &b is the header; &b[0] is the first byte.
func first(b []byte) *byte {
	return (*byte)(unsafe.Pointer(&b)) // want `\(\*byte\)\(unsafe.Pointer\(&b\)\) points at the slice header of b \(its data pointer, length and capacity\), not at its bytes`
}

// As a fixed-size array of bytes.
func block(b []byte) *[16]byte {
	return (*[16]byte)(unsafe.Pointer(&b)) // want `points at the slice header of b`
}

// Through a pointer to the slice.
func viaPointer(p *[]byte) *uint8 {
	return (*uint8)(unsafe.Pointer(p)) // want `points at the slice header of \*p`
}

// A string's header, read as its first byte.
func firstOfString(s string) *byte {
	return (*byte)(unsafe.Pointer(&s)) // want `points at the string header of s \(its data pointer, length\)`
}

// A header literal whose Data came from a pointer: a uintptr since.
func built(p *byte, n int) byte {
	h := reflect.SliceHeader{Data: uintptr(unsafe.Pointer(p)), Len: n, Cap: n}
	return *(*byte)(unsafe.Pointer(h.Data)) // want `unsafe.Pointer\(h.Data\) of a reflect.SliceHeader value: its Data is a uintptr that has kept nothing alive since Data was set from a pointer`
}

