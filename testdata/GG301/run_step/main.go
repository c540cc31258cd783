// panics: checkptr: pointer arithmetic result points to invalid allocation
// goflags: -gcflags=all=-d=checkptr
package main

import (
	"fmt"
	"unsafe"
)

var sink any

func sum(vals []uint64) uint64 {
	p := unsafe.Pointer(&vals[0])
	var total uint64
	for i := 0; i < len(vals); i++ {
		total += *(*uint64)(p)
		p = unsafe.Pointer(uintptr(p) + 8) // want `the loop steps p by 8 bytes len\(vals\) times`
	}
	return total
}

// The fourth step points one past the 32-byte allocation.
func main() {
	vals := make([]uint64, 4)
	sink = vals
	fmt.Println(sum(vals))
}
