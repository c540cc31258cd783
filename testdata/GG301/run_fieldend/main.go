// panics: checkptr: converted pointer straddles multiple allocations
// goflags: -gcflags=all=-d=checkptr
package main

import (
	"fmt"
	"unsafe"
)

type pair struct {
	lo, hi uint32
}

var sink any

// An 8-byte read of the last 4-byte field of an 8-byte heap object: the read
// straddles into the next allocation, and checkptr ends the run.
func main() {
	var p pair
	sink = &p
	v := *(*uint64)(unsafe.Pointer(&p.hi)) // want `covers 8 bytes, but only 4 are behind &p.hi \(4 bytes too many\): it reads past the end of p`
	fmt.Println(v)
}
