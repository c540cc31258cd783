// Package slices: lengths past the slice behind &b[i], written as constants or as
// len(b) plus something.
package slices

import "unsafe"

func makeCap() []byte {
	b := make([]byte, 8, 16)
	return unsafe.Slice(&b[4], 16) // want `length 16 exceeds the 12 elements behind &b\[4\] \(16 bytes requested, 12 available\)`
}

func makeLen() []uint32 {
	const n = 10
	b := make([]uint32, n)
	return unsafe.Slice(&b[0], n+1) // want `length 11 exceeds the 10 elements behind &b\[0\] \(44 bytes requested, 40 available\)`
}

func literal() []int {
	b := []int{1, 2, 3}
	return unsafe.Slice(unsafe.SliceData(b), 4) // want `length 4 exceeds the 3 elements behind unsafe.SliceData\(b\)`
}

func lenPlusOne(b []byte) string {
	return unsafe.String(&b[0], len(b)+1) // want `unsafe.String length len\(b\)\+1 exceeds the len\(b\) bytes behind &b\[0\] \(1 byte too many\)`
}

func offsetLen(b []uint64) []uint64 {
	return unsafe.Slice(&b[2], len(b)) // want `length len\(b\) exceeds the len\(b\)-2 elements behind &b\[2\] \(2 elements too many\)`
}

func capPlus(b []byte) []byte {
	return unsafe.Slice(unsafe.SliceData(b), cap(b)+8) // want `length cap\(b\)\+8 exceeds the cap\(b\) elements behind unsafe.SliceData\(b\) \(8 elements too many\)`
}

func stringData(s string) []byte {
	return unsafe.Slice(unsafe.StringData(s), uintptr(len(s))+1) // want `length uintptr\(len\(s\)\)\+1 exceeds the len\(s\) elements`
}

func constString() []byte {
	const greeting = "hello, world"
	return unsafe.Slice(unsafe.StringData(greeting), 16) // want `length 16 exceeds the 12 elements behind unsafe.StringData\(greeting\)`
}

func alwaysEmpty() string {
	var b []byte
	return unsafe.String(&b[0], len(b)) // want `&b\[0\] panics with index out of range before unsafe.String runs: b is always empty here; use unsafe.SliceData\(b\)`
}

func emptyMake() []int {
	b := make([]int, 0, 8)
	return unsafe.Slice(&b[0], cap(b)) // want `&b\[0\] panics .*b is always empty here`
}

func filledOnOneBranch(ok bool, data []byte) string {
	var b []byte
	if ok {
		b = data
	}
	return unsafe.String(&b[0], len(b)) // want `b is still empty when the if at line 56 does not fill it; use unsafe.SliceData\(b\)`
}

func filledInLoop(parts [][]byte) []byte {
	b := []byte{}
	for _, p := range parts {
		b = append(b, p...)
	}
	return unsafe.Slice(&b[0], len(b)) // want `b is still empty when the loop at line 64 does not fill it`
}

func filledInLoopWithSkips(parts [][]byte) []byte {
	var b []byte
	for _, p := range parts {
		if len(p) == 0 {
			continue
		}
		b = append(b, p...)
	}
	return unsafe.Slice(&b[0], len(b)) // want `b is still empty when the loop at line 72 does not fill it`
}

func filledOnSomeCases(kind int, data []byte) string {
	var b []byte
	switch kind {
	case 1:
		b = data
	case 2:
		b = append(data, '\n')
	}
	return unsafe.String(&b[0], len(b)) // want `b is still empty when the switch at line 83 does not fill it`
}

func filledAfterAClosure(ok bool, data []byte) string {
	var b []byte
	valid := func() bool { return len(data) > 0 }
	if ok && valid() {
		b = data
	}
	return unsafe.String(&b[0], len(b)) // want `b is still empty when the if at line 95 does not fill it`
}
