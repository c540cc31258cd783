// Package neg holds header uses that follow the unsafe package's rule (6): the
// header points at a real slice or string, and Data is converted in the same
// expression. Each function whose comment starts "safe:" is one negative shape.
package neg

import (
	"reflect"
	"unsafe"
)

func use(b []byte) int { return len(b) }

// safe: Data is converted from the pointer in the same expression.
func sameExpression(p *byte, n int) []byte {
	var b []byte
	hdr := (*reflect.SliceHeader)(unsafe.Pointer(&b))
	hdr.Data = uintptr(unsafe.Pointer(p))
	hdr.Len, hdr.Cap = n, n
	return b
}

// safe: the header pointer is only read.
func dataAddress(b []byte) uintptr {
	return (*reflect.SliceHeader)(unsafe.Pointer(&b)).Data
}

// safe: the local array outlives every use of b, which never leaves the function.
func localArrayLocalSlice() int {
	var arr [16]byte
	var b []byte
	hdr := (*reflect.SliceHeader)(unsafe.Pointer(&b))
	hdr.Data = uintptr(unsafe.Pointer(&arr))
	hdr.Len, hdr.Cap = 16, 16
	b[0] = 1
	return len(b)
}

// safe: b is only passed down to a call, during which arr is alive.
func localArrayPassedDown() int {
	var arr [16]byte
	var b []byte
	hdr := (*reflect.SliceHeader)(unsafe.Pointer(&b))
	hdr.Data = uintptr(unsafe.Pointer(&arr))
	hdr.Len, hdr.Cap = 16, 16
	return use(b)
}

// safe: the array is on the heap (new) and b's Data word is a real pointer.
func heapArray() []byte {
	arr := new([8]byte)
	var b []byte
	hdr := (*reflect.SliceHeader)(unsafe.Pointer(&b))
	hdr.Data = uintptr(unsafe.Pointer(arr))
	hdr.Len, hdr.Cap = 8, 8
	return b
}

// safe: Len stays within the made capacity.
func lenWithinCapacity() []byte {
	b := make([]byte, 4, 16)
	hdr := (*reflect.SliceHeader)(unsafe.Pointer(&b))
	hdr.Len = 16
	return b
}

// safe: Cap shrinks.
func capShrinks() []int {
	b := make([]int, 4)
	hdr := (*reflect.SliceHeader)(unsafe.Pointer(&b))
	hdr.Cap = 2
	hdr.Len = 2
	return b
}

// safe: a header value copied out of a real slice is only read, not turned back.
func headerCopy(b []byte) int {
	h := *(*reflect.SliceHeader)(unsafe.Pointer(&b))
	return h.Len + h.Cap
}

// safe: Data comes from an unsafe.Pointer variable, which keeps the memory alive,
// converted in the same expression.
func pointerVariable(p unsafe.Pointer, n int) string {
	var s string
	hdr := (*reflect.StringHeader)(unsafe.Pointer(&s))
	hdr.Data = uintptr(p)
	hdr.Len = n
	return s
}

// safe: Len is within the constant string.
func stringPrefix() string {
	s := "abcdef"
	(*reflect.StringHeader)(unsafe.Pointer(&s)).Len = 3
	return s
}

// safe: the new length comes from the caller; nothing to judge.
func unknownLength(b []byte, n int) []byte {
	(*reflect.SliceHeader)(unsafe.Pointer(&b)).Len = n
	return b
}

// safe: Data is taken from a slice header that points at a live slice.
func sharedData(src []byte) []byte {
	var b []byte
	hdr := (*reflect.SliceHeader)(unsafe.Pointer(&b))
	hdr.Data = uintptr(unsafe.Pointer(&src[0]))
	hdr.Len, hdr.Cap = len(src), cap(src)
	return b
}

// safe: Len is set within what Data was pointed at.
func lenWithinData() []uint32 {
	arr := new([8]uint32)
	var b []uint32
	hdr := (*reflect.SliceHeader)(unsafe.Pointer(&b))
	hdr.Data = uintptr(unsafe.Pointer(&arr[0]))
	hdr.Len, hdr.Cap = 8, 8
	return b
}

// safe: the Data offset is computed in the same expression.
func offsetInExpression(b []byte) []byte {
	var out []byte
	hdr := (*reflect.SliceHeader)(unsafe.Pointer(&out))
	hdr.Data = uintptr(unsafe.Pointer(&b[0])) + 1
	hdr.Len, hdr.Cap = len(b)-1, cap(b)-1
	return out
}

// safe: nothing says the address is of Go memory: a parameter may carry an mmap'd
// or C address, which the garbage collector does not manage.
func foreignAddress(addr uintptr, n int) []byte {
	var b []byte
	hdr := (*reflect.SliceHeader)(unsafe.Pointer(&b))
	hdr.Data = addr
	hdr.Len, hdr.Cap = n, n
	return b
}

// safe: the local array's address is also stored in a global, so it lives on the
// heap, and b's Data word, a real pointer, keeps it alive.
func escapedArray() []byte {
	var arr [8]byte
	kept = &arr
	var b []byte
	hdr := (*reflect.SliceHeader)(unsafe.Pointer(&b))
	hdr.Data = uintptr(unsafe.Pointer(&arr))
	hdr.Len, hdr.Cap = 8, 8
	return b
}

var kept *[8]byte
