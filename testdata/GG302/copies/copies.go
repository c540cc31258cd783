// Package copies: header values copied out of real slices and strings, arithmetic on
// Data, and header literals stored through a header pointer. Between the copy (or
// the arithmetic) and the use, only a uintptr names the memory.
package copies

import (
	"reflect"
	"unsafe"
)

type buffer struct {
	hdr  *reflect.SliceHeader // a stored header pointer of a long-lived struct
	data []byte
}

func copiedBack(s []byte) []byte {
	h := *(*reflect.SliceHeader)(unsafe.Pointer(&s))
	h.Len /= 2
	return *(*[]byte)(unsafe.Pointer(&h)) // want `reflect.SliceHeader value &h converted to a slice`
}

func copiedString(s string) string {
	h := *(*reflect.StringHeader)(unsafe.Pointer(&s))
	h.Len = 1
	return *(*string)(unsafe.Pointer(&h)) // want `reflect.StringHeader value &h converted to a string`
}

func dataOfCopy(s []byte) *byte {
	h := *(*reflect.SliceHeader)(unsafe.Pointer(&s))
	return (*byte)(unsafe.Pointer(h.Data)) // want `unsafe.Pointer\(h.Data\) of a reflect.SliceHeader value: its Data is a uintptr that has kept nothing alive since the header was copied from s.*use unsafe.SliceData on the slice itself`
}

func dataOfBuilt(p *uint32) *uint32 {
	var h reflect.SliceHeader
	h.Data = uintptr(unsafe.Pointer(p))
	return (*uint32)(unsafe.Pointer(h.Data)) // want `unsafe.Pointer\(h.Data\) of a reflect.SliceHeader value: .*since Data was set from a pointer`
}

func stringDataOfCopy(s string) *byte {
	h := *(*reflect.StringHeader)(unsafe.Pointer(&s))
	return (*byte)(unsafe.Pointer(h.Data)) // want `use unsafe.StringData on the string itself`
}

func (b *buffer) at(off uintptr) *byte {
	return (*byte)(unsafe.Pointer(b.hdr.Data + off)) // want `unsafe.Pointer\(b.hdr.Data \+ off\) makes a pointer from arithmetic on b.hdr.Data.*rule 3 of package unsafe.*pointer arithmetic result points to invalid allocation`
}

func (b *buffer) atConverted(off int) *byte {
	return (*byte)(unsafe.Pointer(uintptr(b.hdr.Data) + uintptr(off))) // want `arithmetic on b.hdr.Data`
}

func offsetOfLive(s []byte, off uintptr) *byte {
	hdr := (*reflect.SliceHeader)(unsafe.Pointer(&s))
	return (*byte)(unsafe.Pointer(hdr.Data + off)) // want `arithmetic on hdr.Data`
}

func offsetBefore(s []byte) *byte {
	h := *(*reflect.SliceHeader)(unsafe.Pointer(&s))
	return (*byte)(unsafe.Pointer(8 + h.Data)) // want `arithmetic on h.Data`
}

func literalStored(p *byte, n int) (res string) {
	*(*reflect.StringHeader)(unsafe.Pointer(&res)) = reflect.StringHeader{Data: uintptr(unsafe.Pointer(p)), Len: n} // want `a reflect.StringHeader literal stored over res's header: its Data is a uintptr.*use unsafe.String\(ptr, len\)`
	return res
}

func literalStoredSlice(p *byte, n int) []byte {
	var b []byte
	*(*reflect.SliceHeader)(unsafe.Pointer(&b)) = reflect.SliceHeader{Data: uintptr(unsafe.Pointer(p)), Len: n, Cap: n} // want `a reflect.SliceHeader literal stored over b's header.*use unsafe.Slice\(ptr, len\)`
	return b
}
