// Package pointers: writes through (*reflect.SliceHeader)(unsafe.Pointer(&b)) that
// hide memory from the garbage collector or reach past it.
package pointers

import (
	rf "reflect" // the rule follows the import's name
	"unsafe"
)

var cache []byte

func uintptrInVariable(p *byte, n int) []byte {
	addr := uintptr(unsafe.Pointer(p))
	var b []byte
	hdr := (*rf.SliceHeader)(unsafe.Pointer(&b))
	hdr.Data = addr // want `hdr.Data is set from addr, a uintptr computed in an earlier statement: nothing keeps what it points to alive`
	hdr.Len, hdr.Cap = n, n
	return b
}

func uintptrWithOffset(b []uint32) []uint32 {
	addr := uintptr(unsafe.Pointer(&b[0])) + 4
	var out []uint32
	hdr := (*rf.SliceHeader)(unsafe.Pointer(&out))
	hdr.Data = addr // want `hdr.Data is set from addr, a uintptr computed in an earlier statement`
	hdr.Len = len(b) - 1
	hdr.Cap = cap(b) - 1
	return out
}

func uintptrInline(p *byte, n int) string {
	var s string
	data := uintptr(unsafe.Pointer(p))
	(*rf.StringHeader)(unsafe.Pointer(&s)).Data = data // want `\(\*rf.StringHeader\)\(unsafe.Pointer\(&s\)\).Data is set from data, a uintptr computed in an earlier statement`
	(*rf.StringHeader)(unsafe.Pointer(&s)).Len = n
	return s
}

func uintptrReassigned(p, q unsafe.Pointer, second bool) []byte {
	addr := uintptr(0)
	if second {
		addr = uintptr(q)
	} else {
		addr = uintptr(p)
	}
	var b []byte
	hdr := (*rf.SliceHeader)(unsafe.Pointer(&b))
	hdr.Data = addr // want `hdr.Data is set from addr`
	hdr.Len, hdr.Cap = 1, 1
	return b
}

func localArrayReturned() []byte {
	var arr [16]byte
	var b []byte
	hdr := (*rf.SliceHeader)(unsafe.Pointer(&b))
	hdr.Data = uintptr(unsafe.Pointer(&arr[0])) // want `hdr.Data points at the local variable arr, and b leaves the function`
	hdr.Len = 16
	hdr.Cap = 16
	return b
}

func localArrayStored() {
	var arr [8]byte
	var b []byte
	hdr := (*rf.SliceHeader)(unsafe.Pointer(&b))
	hdr.Data = uintptr(unsafe.Pointer(&arr)) // want `points at the local variable arr, and b leaves the function`
	hdr.Len = 8
	hdr.Cap = 8
	cache = b
}

func localArraySent(out chan<- []uint16) {
	var arr [4]uint16
	var b []uint16
	hdr := (*rf.SliceHeader)(unsafe.Pointer(&b))
	hdr.Data = uintptr(unsafe.Pointer(&arr)) // want `points at the local variable arr, and b leaves the function`
	hdr.Len, hdr.Cap = 4, 4
	out <- b
}

func localIntoNamedResult() (b []byte) {
	var word uint64
	hdr := (*rf.SliceHeader)(unsafe.Pointer(&b))
	hdr.Data = uintptr(unsafe.Pointer(&word)) // want `points at the local variable word, and b leaves the function`
	hdr.Len, hdr.Cap = 8, 8
	return
}

func localIntoCallersSlice(dst *[]byte) {
	var arr [32]byte
	hdr := (*rf.SliceHeader)(unsafe.Pointer(dst))
	hdr.Data = uintptr(unsafe.Pointer(&arr)) // want `points at the local variable arr, and \*dst leaves the function`
	hdr.Len, hdr.Cap = 32, 32
}

func lenPastCapacity() []byte {
	b := make([]byte, 4, 8)
	hdr := (*rf.SliceHeader)(unsafe.Pointer(&b))
	hdr.Len = 16 // want `hdr.Len = 16 is beyond the 8 elements behind b: the slice now reaches 8 elements past its memory`
	return b
}

func capPastData() []uint32 {
	arr := new([4]uint32)
	var b []uint32
	hdr := (*rf.SliceHeader)(unsafe.Pointer(&b))
	hdr.Data = uintptr(unsafe.Pointer(arr))
	hdr.Len = 4
	hdr.Cap = 8 // want `hdr.Cap = 8 is beyond the 4 elements behind new\(\[4\]uint32\)`
	return b
}

func stringPastEnd() string {
	s := "abc"
	(*rf.StringHeader)(unsafe.Pointer(&s)).Len = 10 // want `\.Len = 10 is beyond the 3 bytes behind s: the string now reaches 7 bytes past its memory`
	return s
}
