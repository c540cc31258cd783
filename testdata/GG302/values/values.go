// Package values: reflect header values built by hand and turned into slices or
// strings; the garbage collector does not see their Data field.
package values

import (
	"reflect"
	"unsafe"
)

func fromVar(p *byte, n int) []byte {
	var h reflect.SliceHeader
	h.Data = uintptr(unsafe.Pointer(p))
	h.Len, h.Cap = n, n
	return *(*[]byte)(unsafe.Pointer(&h)) // want `reflect.SliceHeader value &h converted to a slice: the garbage collector does not see its Data field as a pointer.*use unsafe.Slice\(ptr, len\)`
}

func fromLiteral(p *byte, n int) string {
	return *(*string)(unsafe.Pointer(&reflect.StringHeader{Data: uintptr(unsafe.Pointer(p)), Len: n})) // want `reflect.StringHeader value &reflect.StringHeader\{.*converted to a string.*use unsafe.String\(ptr, len\)`
}

func fromLocalLiteral(p *uint32, n int) []uint32 {
	h := reflect.SliceHeader{Data: uintptr(unsafe.Pointer(p)), Len: n, Cap: n}
	return *(*[]uint32)(unsafe.Pointer(&h)) // want `reflect.SliceHeader value &h converted to a slice`
}

func fromPointerToLiteral(p *byte, n int) []byte {
	hp := &reflect.SliceHeader{Data: uintptr(unsafe.Pointer(p)), Len: n, Cap: n}
	return *(*[]byte)(unsafe.Pointer(hp)) // want `reflect.SliceHeader value hp converted to a slice`
}

func fromNew(p *byte, n int) string {
	h := new(reflect.StringHeader)
	h.Data = uintptr(unsafe.Pointer(p))
	h.Len = n
	return *(*string)(unsafe.Pointer(h)) // want `reflect.StringHeader value h converted to a string`
}

type bytes []byte

func toNamedSlice(p *byte, n int) bytes {
	var h reflect.SliceHeader
	h.Data, h.Len, h.Cap = uintptr(unsafe.Pointer(p)), n, n
	b := (*bytes)(unsafe.Pointer(&h)) // want `reflect.SliceHeader value &h converted to a slice`
	return *b
}

// A header literal written over several lines with comments: the message quotes the
// code, not the comments, which on one line would swallow the rest of it.
func fromCommentedLiteral(p *byte, n int) string {
	return *(*string)(unsafe.Pointer(&reflect.StringHeader{ // want `reflect.StringHeader value &reflect.StringHeader\{ Data: uintptr\(unsafe.Poi\.\.\. converted to a string`
		Data: uintptr(unsafe.Pointer(p)), // the bytes
		Len:  n,                          // their number
	}))
}
