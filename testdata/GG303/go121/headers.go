// Package headers uses reflect's slice and string headers in a module that targets
// Go 1.21: each mention is reported once, and the misuse at the end gets GG302 only.
package headers

import (
	"reflect"
	"unsafe"
)

type view struct {
	hdr *reflect.SliceHeader // want `reflect.SliceHeader is deprecated: use unsafe.Slice or unsafe.SliceData \(Go 1.20\+\) \(GG303\)`
}

func dataOf(b []byte) uintptr {
	return (*reflect.SliceHeader)(unsafe.Pointer(&b)).Data // want `reflect.SliceHeader is deprecated`
}

func lengthOf(s string) int {
	h := (*reflect.StringHeader)(unsafe.Pointer(&s)) // want `reflect.StringHeader is deprecated: use unsafe.String or unsafe.StringData`
	return h.Len
}

func newView(b *[]byte) view {
	return view{hdr: (*reflect.SliceHeader)(unsafe.Pointer(b))} // want `reflect.SliceHeader is deprecated`
}

func zero() reflect.SliceHeader { // want `reflect.SliceHeader is deprecated`
	return reflect.SliceHeader{} // want `reflect.SliceHeader is deprecated`
}

func misuse(p *byte, n int) []byte {
	var h reflect.SliceHeader
	h.Data = uintptr(unsafe.Pointer(p))
	h.Len, h.Cap = n, n
	return *(*[]byte)(unsafe.Pointer(&h)) // want `reflect.SliceHeader value &h converted to a slice.*\(GG302\)`
}
