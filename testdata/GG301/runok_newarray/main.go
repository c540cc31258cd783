// goflags: -gcflags=all=-d=checkptr
package main

import (
	"fmt"
	"unsafe"
)

var sink any

// The upper half of an array made with new, read as exactly that half.
func main() {
	tbl := new([8]uint32)
	sink = tbl // on the heap, where checkptr would see an overrun
	for i := range tbl {
		tbl[i] = uint32(i)
	}
	s := unsafe.Slice(&tbl[4], 4)
	fmt.Println(s[0], len(s))
}
