// goflags: -gcflags=all=-d=checkptr
package main

import (
	"fmt"
	"os"
	"unsafe"
)

var sink any

func sum(vals []uint64) uint64 {
	base := unsafe.Pointer(unsafe.SliceData(vals))
	var total uint64
	for i := 0; i < len(vals); i++ {
		total += *(*uint64)(unsafe.Add(base, i*8))
	}
	return total
}

// The twin of run_step: each element from the start, never past the end.
func main() {
	vals := []uint64{1, 2, 3, 4}
	sink = vals
	if sum(vals) != 10 {
		fmt.Println(sum(vals))
		os.Exit(1)
	}
}
