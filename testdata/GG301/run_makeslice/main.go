// panics: checkptr: unsafe.Slice result straddles multiple allocations
// goflags: -gcflags=all=-d=checkptr
package main

import (
	"fmt"
	"unsafe"
)

var sink any

// From index 8 of a 16-byte backing array only 8 bytes remain, not 16.
func main() {
	b := make([]byte, 16)
	sink = b
	s := unsafe.Slice(&b[8], 16) // want `length 16 exceeds the 8 elements behind &b\[8\]`
	fmt.Println(len(s))
}
