// panics: unsafe.Slice: ptr is nil and len is not zero
package main

import (
	"fmt"
	"os"
	"unsafe"
)

// The pointer is never set; the length is not zero.
func main() {
	var p *byte
	n := len(os.Args) + 3
	s := unsafe.Slice(p, n) // want `unsafe.Slice of a nil pointer with length n, which is not provably zero, panics`
	fmt.Println(len(s))
}
