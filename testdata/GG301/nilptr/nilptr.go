// Package nilptr: a nil pointer with a length that is not zero, and negative lengths.
package nilptr

import "unsafe"

type record struct{ id, size int64 }

func nilVar(n int) []byte {
	var p *byte
	return unsafe.Slice(p, n) // want `unsafe.Slice of a nil pointer with length n, which is not provably zero, panics: "unsafe.Slice: ptr is nil and len is not zero"`
}

func nilConversion() []record {
	return unsafe.Slice((*record)(nil), 4) // want `unsafe.Slice of a nil pointer with length 4 panics`
}

func nilString() string {
	var p *byte
	size := 8
	return unsafe.String(p, size) // want `unsafe.String of a nil pointer with length 8 panics: "unsafe.String: ptr is nil and len is not zero"`
}

func negative(p *int) []int {
	n := -1
	return unsafe.Slice(p, n) // want `unsafe.Slice length -1 is negative: it panics with "unsafe.Slice: len out of range"`
}

func negativeArithmetic(p *byte) string {
	const header = 16
	size := 8
	return unsafe.String(p, size-header) // want `unsafe.String length -8 is negative`
}
