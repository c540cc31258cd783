// panics: unsafe.String: len out of range
package main

import (
	"fmt"
	"unsafe"
)

// A header length subtracted from a shorter size.
func main() {
	const header = 16
	var buf [8]byte
	size := len(buf)
	s := unsafe.String(&buf[0], size-header) // want `unsafe.String length -8 is negative`
	fmt.Println(len(s))
}
