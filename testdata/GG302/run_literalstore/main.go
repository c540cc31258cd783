// prints: intact=false
package main

import (
	"fmt"
	"reflect"
	"unsafe"
)

// The header literal's Data is a uintptr: escape analysis does not see that res
// points at buf, which stays in make's stack frame and dies with it.
//
//go:noinline
func make8() (res string) {
	var buf [8]byte
	copy(buf[:], "goodgood")
	*(*reflect.StringHeader)(unsafe.Pointer(&res)) = reflect.StringHeader{Data: uintptr(unsafe.Pointer(&buf)), Len: 8} // want `a reflect.StringHeader literal stored over res's header`
	return res
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
	s := make8()
	clobber(0x58)
	fmt.Printf("intact=%v %q\n", s == "goodgood", s)
}
