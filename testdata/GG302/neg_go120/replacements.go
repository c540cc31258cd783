package neg

import "unsafe"

// safe: the replacements of Go 1.20.
func replacements(s []byte, str string, off uintptr) (*byte, *byte, []byte, string) {
	return (*byte)(unsafe.Add(unsafe.Pointer(unsafe.SliceData(s)), off)), unsafe.StringData(str),
		unsafe.Slice(unsafe.SliceData(s), len(s)/2), unsafe.String(unsafe.StringData(str), 1)
}

// safe: unsafe.Add on a slice's data pointer, in one expression.
func add(s []byte) *byte {
	return (*byte)(unsafe.Add(unsafe.Pointer(unsafe.SliceData(s)), 1))
}
