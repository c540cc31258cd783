package neg

import (
	"reflect"
	"unsafe"
)

// safe: Data read through a pointer to a live slice's header: rule 6 of package
// unsafe, and checkptr exempts exactly this expression.
func dataOfLiveHeader(s []byte) *byte {
	hdr := (*reflect.SliceHeader)(unsafe.Pointer(&s))
	return (*byte)(unsafe.Pointer(hdr.Data))
}

// safe: a header reached through a pointer to a real slice, used to set Len within
// the original capacity.
func shrinkThroughPointer(s []byte) []byte {
	hdr := (*reflect.SliceHeader)(unsafe.Pointer(&s))
	if hdr.Len > 4 {
		hdr.Len = 4
	}
	return s
}

// safe: a copy only read for its numbers.
func lengthOfCopy(s []byte) int {
	h := *(*reflect.SliceHeader)(unsafe.Pointer(&s))
	return h.Len + h.Cap
}

// safe: arithmetic on a pointer converted in the same expression (rule 3).
func offsetInOneExpression(s []byte, off uintptr) *byte {
	return (*byte)(unsafe.Pointer(uintptr(unsafe.Pointer(&s[0])) + off))
}

// safe: a header value whose Data came from the caller (an mmap'd region, say): the
// memory need not be the collector's.
func foreignData(h reflect.SliceHeader) *byte {
	return (*byte)(unsafe.Pointer(h.Data))
}

// safe: a copy of the header stored through the same kind of pointer, not a literal.
func copyHeader(dst, src *[]byte) {
	*(*reflect.SliceHeader)(unsafe.Pointer(dst)) = *(*reflect.SliceHeader)(unsafe.Pointer(src))
}
