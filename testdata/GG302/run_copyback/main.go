// prints: intact=false
package main

import (
	"fmt"
	"reflect"
	"unsafe"
)

// The array is reached only through the copied header's uintptr, so escape analysis
// keeps it on view's stack frame, which the next call reuses.
//
//go:noinline
func view() []byte {
	var arr [16]byte
	copy(arr[:], "0123456789abcdef")
	s := arr[:]
	h := *(*reflect.SliceHeader)(unsafe.Pointer(&s))
	return *(*[]byte)(unsafe.Pointer(&h)) // want `reflect.SliceHeader value &h converted to a slice`
}

//go:noinline
func clobber(n int) byte {
	var junk [256]byte
	for i := range junk {
		junk[i] = byte(n)
	}
	return junk[n%256]
}

func main() {
	b := view()
	clobber(0x58)
	fmt.Printf("intact=%v %q\n", string(b) == "0123456789abcdef", b)
}
