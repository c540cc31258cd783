// goflags: -gcflags=all=-d=checkptr
package main

import (
	"fmt"
	"unsafe"
)

var sink any

// The correct forms of the run_ programs, on the heap, under checkptr.
func main() {
	var arr [4]int64
	sink = &arr
	a := unsafe.Slice(&arr[0], len(arr))

	b := make([]byte, 16)
	sink = b
	c := unsafe.Slice(&b[8], 8)

	var key [16]byte
	sink = &key
	words := unsafe.Slice((*uint64)(unsafe.Pointer(&key)), 2)
	cut := (*[8]uint64)(unsafe.Pointer(&key))[:2:2]

	s := unsafe.String(unsafe.SliceData(b), len(b))

	var p *byte
	empty := unsafe.Slice(p, 0)

	var none []byte
	z := unsafe.String(unsafe.SliceData(none), len(none))

	buf := new([16]uint16)
	sink = buf
	u := unsafe.Slice(&buf[0], len(buf))

	fmt.Println(len(a), len(c), len(words), len(cut), len(s), len(empty), len(z), len(u))
}
