// Package steps walks a pointer over memory one element per iteration, stepping it
// after the last element too: it ends one past the end of its allocation.
package steps

import "unsafe"

// Stepped after each of len(vals) reads: the last step points past vals.
func sum(vals []uint64) uint64 {
	if len(vals) == 0 {
		return 0
	}
	p := unsafe.Pointer(&vals[0])
	var total uint64
	for i := 0; i < len(vals); i++ {
		total += *(*uint64)(p)
		p = unsafe.Pointer(uintptr(p) + 8) // want `the loop steps p by 8 bytes len\(vals\) times over the len\(vals\) elements \(8 bytes each\) from unsafe.Pointer\(&vals\[0\]\): the last step points p past the end of its allocation`
	}
	return total
}

// unsafe.Add over a fixed array, once per element.
func checksum(block *[16]byte) byte {
	var arr [16]byte = *block
	p := unsafe.Pointer(&arr)
	var x byte
	for range arr {
		x ^= *(*byte)(p)
		p = unsafe.Add(p, 1) // want `the loop steps p by 1 byte 16 times, 16 bytes in all, over the 16 bytes behind &arr`
	}
	return x
}

// A typed pointer stepped by its element size, from the slice's data.
func count(vals []uint32, want uint32) int {
	n := 0
	p := unsafe.Pointer(unsafe.SliceData(vals))
	for range vals {
		if *(*uint32)(p) == want {
			n++
		}
		p = unsafe.Add(p, unsafe.Sizeof(want)) // want `the loop steps p by 4 bytes len\(vals\) times`
	}
	return n
}

type pair struct {
	a, b uint32
}

// A typed pointer stepped by the size of what it points at, the count in a variable.
func firsts(ps []pair) uint32 {
	n := len(ps)
	if n == 0 {
		return 0
	}
	p := &ps[0]
	var t uint32
	for i := 0; i < n; i++ {
		t += p.a
		p = (*pair)(unsafe.Pointer(uintptr(unsafe.Pointer(p)) + unsafe.Sizeof(*p))) // want `the loop steps p by 8 bytes len\(ps\) times over the len\(ps\) elements \(8 bytes each\) from &ps\[0\]`
	}
	return t
}
