// Package headerdata: a header read as a header, and pointers to the bytes themselves.
package headerdata

import "unsafe"

type sliceHeader struct {
	data unsafe.Pointer
	len  int
	cap  int
}

// safe: the zero-copy string: a string header is a prefix of a slice header.
func toString(b []byte) string {
	return *(*string)(unsafe.Pointer(&b))
}

// safe: the first byte, not the header.
func first(b []byte) *byte {
	if len(b) == 0 {
		return nil
	}
	return (*byte)(unsafe.Pointer(&b[0]))
}

// safe: the header read as a header struct.
func header(b []byte) *sliceHeader {
	return (*sliceHeader)(unsafe.Pointer(&b))
}

// safe: the data pointer read as a word, on purpose.
func dataWord(b []byte) uintptr {
	return *(*uintptr)(unsafe.Pointer(&b))
}

// safe: a slice of one element type converted to a slice of another of the same size.
func signed(b []byte) []int8 {
	return *(*[]int8)(unsafe.Pointer(&b))
}

// safe: the bytes of an array value, not a header.
func arrayBytes(a *[4]uint32) *[16]byte {
	return (*[16]byte)(unsafe.Pointer(a))
}
