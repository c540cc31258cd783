// panics: checkptr: unsafe.Slice result straddles multiple allocations
// goflags: -gcflags=all=-d=checkptr
package main

import (
	"fmt"
	"unsafe"
)

var sink any

// A 4-element array read as 16: the slice runs into the next heap object.
func main() {
	var arr [4]int64
	sink = &arr // on the heap, where checkptr can see the overrun
	s := unsafe.Slice(&arr[0], 16) // want `unsafe.Slice length 16 exceeds the 4 elements behind &arr\[0\] \(128 bytes requested, 32 available\)`
	fmt.Println(len(s))
}
