// Package arrays: unsafe.Slice, unsafe.String and pointer conversions over arrays
// and whole variables of known size, asking for more than is there.
package arrays

import (
	u "unsafe" // the rule follows the import's name
)

const words = 4

type header struct {
	kind  uint8
	flags uint16
	size  uint32
}

var table [8]uint16

func arrayPastEnd() []int {
	var arr [4]int
	return u.Slice(&arr[0], 16) // want `unsafe.Slice length 16 exceeds the 4 elements behind &arr\[0\] \(128 bytes requested, 32 available\)`
}

func arrayFromIndex() []byte {
	var buf [64]byte
	return u.Slice(&buf[60], 8) // want `length 8 exceeds the 4 elements behind &buf\[60\] \(8 bytes requested, 4 available\)`
}

func arrayLiteral() []int32 {
	primes := [...]int32{2, 3, 5, 7, 11}
	return u.Slice(&primes[1], len(primes)) // want `length 5 exceeds the 4 elements behind &primes\[1\] \(20 bytes requested, 16 available\)`
}

func packageArray() []uint16 {
	return u.Slice(&table[0], 2*words+1) // want `length 9 exceeds the 8 elements behind &table\[0\]`
}

func int32AsBytes(x int32) []byte {
	return u.Slice((*byte)(u.Pointer(&x)), 8) // want `length 8 exceeds the 4 elements behind &x \(8 bytes requested, 4 available\)`
}

func bytesAsWords() []uint64 {
	var key [16]byte
	return u.Slice((*uint64)(u.Pointer(&key)), 4) // want `length 4 exceeds the 2 elements behind &key \(32 bytes requested, 16 available\)`
}

func structAsBytes() []byte {
	var h header
	return u.Slice((*byte)(u.Pointer(&h)), u.Sizeof(h)+4) // want `length 12 exceeds the 8 elements behind &h`
}

func stringOfArray() string {
	var name [16]byte
	return u.String(&name[0], 32) // want `unsafe.String length 32 exceeds the 16 bytes behind &name\[0\] \(16 bytes too many\)`
}

func throughVariable() []uint32 {
	var regs [6]uint32
	p := &regs[2]
	return u.Slice(p, 6) // want `length 6 exceeds the 4 elements behind &regs\[2\]`
}

func oldIdiom() []uint64 {
	var x uint32
	return (*[4]uint64)(u.Pointer(&x))[:2:2] // want `\(\*\[4\]uint64\)\(u.Pointer\(&x\)\)\[:2:2\] covers 16 bytes, but only 4 are behind &x \(12 bytes too many\); use unsafe.Slice`
}

func wideRead() uint64 {
	var h header
	return *(*uint64)(u.Pointer(&h.size)) + *(*uint64)(u.Pointer(&table)) + uint64((*(*[24]byte)(u.Pointer(&h)))[0]) // want `\*\(\*\[24\]byte\)\(u.Pointer\(&h\)\) covers 24 bytes, but only 8 are behind &h` `\(\*uint64\)\(u.Pointer\(&h.size\)\) covers 8 bytes, but only 4 are behind &h.size .*past the end of h \(8 bytes\)`
}

func hugeArray(p u.Pointer, n int) []uint16 {
	return (*[1 << 30]uint16)(p)[:n] // want `claims 2147483648 bytes: checkptr rejects it`
}

func throughArrayPointer() []uint16 {
	var regs [6]uint16
	p := &regs
	return u.Slice(&p[4], 4) // want `length 4 exceeds the 2 elements behind &p\[4\]`
}
