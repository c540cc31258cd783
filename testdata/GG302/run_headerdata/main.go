// prints: (?m)^byte 8: 16, want 56$
package main

import (
	"fmt"
	"unsafe"
)

// Byte 8 of &b is the slice's length, not b[8].
func main() {
	b := []byte("0123456789abcdef")
	data := (*[16]byte)(unsafe.Pointer(&b)) // want `points at the slice header of b`
	fmt.Printf("byte 8: %d, want %d\n", data[8], b[8])
}
