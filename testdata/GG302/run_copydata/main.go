// panics: checkptr: pointer arithmetic result points to invalid allocation
// goflags: -gcflags=all=-d=checkptr
package main

import (
	"fmt"
	"reflect"
	"unsafe"
)

var sink []byte

// A pointer made from the Data of a copied header: checkptr finds no pointer in the
// expression that the result could derive from.
func main() {
	sink = make([]byte, 64)
	h := *(*reflect.SliceHeader)(unsafe.Pointer(&sink))
	p := (*byte)(unsafe.Pointer(h.Data)) // want `unsafe.Pointer\(h.Data\) of a reflect.SliceHeader value`
	fmt.Println(*p)
}
