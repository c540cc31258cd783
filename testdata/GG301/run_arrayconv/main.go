// panics: checkptr: converted pointer straddles multiple allocations
// goflags: -gcflags=all=-d=checkptr
package main

import (
	"fmt"
	"unsafe"
)

var sink any

// The pre-1.17 idiom over a 16-byte array, cut to 4 uint64s: 32 bytes.
func main() {
	var key [16]byte
	sink = &key
	words := (*[8]uint64)(unsafe.Pointer(&key))[:4:4] // want `covers 32 bytes, but only 16 are behind &key \(16 bytes too many\); use unsafe.Slice`
	fmt.Println(len(words))
}
