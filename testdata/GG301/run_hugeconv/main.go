// panics: checkptr: converted pointer straddles multiple allocations
// goflags: -gcflags=all=-d=checkptr
package main

import (
	"fmt"
	"unsafe"
)

var sink any

// A 2 GiB array type over a 32-byte allocation, sliced without [:n:n].
func utf16s(p unsafe.Pointer, n int) []uint16 {
	return (*[1 << 30]uint16)(p)[:n] // want `claims 2147483648 bytes: checkptr rejects it`
}

func main() {
	buf := new([16]uint16)
	sink = buf
	fmt.Println(len(utf16s(unsafe.Pointer(buf), 16)))
}
