// panics: index out of range \[0\] with length 0
package main

import (
	"fmt"
	"os"
	"unsafe"
)

// b is only filled when there are arguments; without any, &b[0] panics.
func main() {
	var b []byte
	if len(os.Args) > 1 {
		b = []byte(os.Args[1])
	}
	s := unsafe.String(&b[0], len(b)) // want `b is still empty when the if at line 13 does not fill it; use unsafe.SliceData\(b\)`
	fmt.Println(s)
}
