// prints: ^lo=1 read=8589934593$
package main

import (
	"fmt"
	"unsafe"
)

type pair struct {
	lo, hi uint32
}

// Inside one object checkptr stays silent, but the 8-byte read of lo takes hi's
// bytes too: 1 | 2<<32.
func main() {
	p := pair{lo: 1, hi: 2}
	v := *(*uint64)(unsafe.Pointer(&p.lo)) // want `covers 8 bytes, but only 4 are behind &p.lo \(4 bytes too many\): it reads past the field, into the rest of p`
	fmt.Printf("lo=%d read=%d\n", p.lo, v)
}
