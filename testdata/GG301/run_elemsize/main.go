// panics: checkptr: unsafe.Slice result straddles multiple allocations
// goflags: -gcflags=all=-d=checkptr
package main

import (
	"fmt"
	"unsafe"
)

var sink any

// 16 bytes read as 16 uint32s: 64 bytes over a 16-byte allocation.
func main() {
	b := make([]byte, 16)
	sink = b
	w := unsafe.Slice((*uint32)(unsafe.Pointer(&b[0])), len(b)) // want `unsafe.Slice length len\(b\) counts the elements of b \(byte, 1 byte each\), but the slice's are uint32`
	fmt.Println(len(w))
}
