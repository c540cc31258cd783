// panics: checkptr: pointer arithmetic result points to invalid allocation
// goflags: -gcflags=all=-d=checkptr
package main

import (
	"fmt"
	"reflect"
	"unsafe"
)

type buffer struct {
	hdr  *reflect.SliceHeader
	data []byte
}

// Arithmetic on the Data of a stored header pointer: the uintptr was not converted
// from a pointer in the same expression.
func (b *buffer) at(off uintptr) *byte {
	return (*byte)(unsafe.Pointer(b.hdr.Data + off)) // want `arithmetic on b.hdr.Data`
}

func main() {
	b := &buffer{data: make([]byte, 64)}
	b.hdr = (*reflect.SliceHeader)(unsafe.Pointer(&b.data))
	fmt.Println(*b.at(8))
}
