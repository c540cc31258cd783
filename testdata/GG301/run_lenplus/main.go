// panics: checkptr: unsafe.String result straddles multiple allocations
// goflags: -gcflags=all=-d=checkptr
package main

import (
	"fmt"
	"unsafe"
)

var sink any

// One byte past the end of whatever b holds.
func toString(b []byte) string {
	return unsafe.String(&b[0], len(b)+1) // want `unsafe.String length len\(b\)\+1 exceeds the len\(b\) bytes behind &b\[0\]`
}

func main() {
	b := make([]byte, 16)
	sink = b
	fmt.Println(len(toString(b)))
}
