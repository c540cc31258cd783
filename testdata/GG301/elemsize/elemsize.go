// Package elemsize reinterprets a slice's memory as wider elements but keeps counting
// the slice's own: the view covers several times the memory behind the pointer.
package elemsize

import "unsafe"

// len(b) bytes read as len(b) uint32s: four times b's memory.
func words(b []byte) []uint32 {
	if len(b) == 0 {
		return nil
	}
	return unsafe.Slice((*uint32)(unsafe.Pointer(&b[0])), len(b)) // want `unsafe.Slice length len\(b\) counts the elements of b \(byte, 1 byte each\), but the slice's are uint32 \(4 bytes each\): it covers 4 times the memory behind b, whatever it holds; use len\(b\)/4`
}

// The capacity counts bytes too.
func wordsCap(b []byte) []uint64 {
	if cap(b) == 0 {
		return nil
	}
	return unsafe.Slice((*uint64)(unsafe.Pointer(unsafe.SliceData(b))), cap(b)) // want `length cap\(b\) counts the elements of b .* covers 8 times the memory behind b, whatever it holds; use cap\(b\)/8`
}

// Halved, but a uint64 is eight bytes: still four times too long.
func halves(b []byte) []uint64 {
	if len(b) < 8 {
		return nil
	}
	p := unsafe.Pointer(&b[0])
	return unsafe.Slice((*uint64)(p), len(b)/2) // want `length len\(b\)/2 counts the elements of b .* covers 4 times the memory behind b`
}

// int16s read as int64s.
func widen(s []int16) []int64 {
	if len(s) == 0 {
		return nil
	}
	return unsafe.Slice((*int64)(unsafe.Pointer(&s[0])), len(s)) // want `counts the elements of s \(int16, 2 bytes each\), but the slice's are int64 \(8 bytes each\): it covers 4 times`
}

// The pre-1.17 idiom with the length in bytes.
func arrayView(b []byte) []uint32 {
	if len(b) == 0 {
		return nil
	}
	return (*[1 << 28]uint32)(unsafe.Pointer(&b[0]))[:len(b):len(b)] // want `array view length len\(b\) counts the elements of b \(byte, 1 byte each\), but the slice's are uint32 \(4 bytes each\)`
}

// Through a local pointer variable.
func viaLocal(b []byte) []uint32 {
	if len(b) == 0 {
		return nil
	}
	p := (*uint32)(unsafe.Pointer(&b[0]))
	return unsafe.Slice(p, len(b)) // want `unsafe.Slice length len\(b\) counts the elements of b \(byte, 1 byte each\), but the slice's are uint32`
}
