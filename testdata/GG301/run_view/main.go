// panics: checkptr: unsafe.Slice result straddles multiple allocations
// goflags: -gcflags=all=-d=checkptr
package main

import (
	"fmt"
	"unsafe"
)

var sink any

// A [16]byte key viewed as four uint64s: 32 bytes over 16.
func main() {
	var key [16]byte
	sink = &key
	words := unsafe.Slice((*uint64)(unsafe.Pointer(&key)), 4) // want `length 4 exceeds the 2 elements behind &key \(32 bytes requested, 16 available\)`
	fmt.Println(len(words))
}
