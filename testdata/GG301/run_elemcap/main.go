// panics: checkptr: unsafe.Slice result straddles multiple allocations
// goflags: -gcflags=all=-d=checkptr
package main

import (
	"fmt"
	"unsafe"
)

var sink any

// The capacity in bytes, as a count of uint64s.
func main() {
	b := make([]byte, 0, 32)
	sink = b
	w := unsafe.Slice((*uint64)(unsafe.Pointer(unsafe.SliceData(b))), cap(b)) // want `unsafe.Slice length cap\(b\) counts the elements of b`
	fmt.Println(len(w))
}
