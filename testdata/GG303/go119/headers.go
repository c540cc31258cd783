// Package headers uses reflect's slice and string headers in a module that targets
// Go 1.19: GG303 stays silent.
package headers

import (
	"reflect"
	"unsafe"
)

type view struct {
	hdr *reflect.SliceHeader
}

func dataOf(b []byte) uintptr {
	return (*reflect.SliceHeader)(unsafe.Pointer(&b)).Data
}

func lengthOf(s string) int {
	h := (*reflect.StringHeader)(unsafe.Pointer(&s))
	return h.Len
}

func newView(b *[]byte) view {
	return view{hdr: (*reflect.SliceHeader)(unsafe.Pointer(b))}
}

func zero() reflect.SliceHeader {
	return reflect.SliceHeader{}
}
