// panics: checkptr: unsafe.Slice result straddles multiple allocations
// goflags: -gcflags=all=-d=checkptr
package main

import (
	"fmt"
	"unsafe"
)

var sink any

// The upper half of an array made with new, read as if it were the whole array.
func main() {
	tbl := new([8]uint32)
	sink = tbl // on the heap, where checkptr can see the overrun
	for i := range tbl {
		tbl[i] = uint32(i)
	}
	s := unsafe.Slice(&tbl[4], 8) // want `unsafe.Slice length 8 exceeds the 4 elements behind &tbl\[4\] \(32 bytes requested, 16 available\)`
	fmt.Println(s[0], len(s))
}
