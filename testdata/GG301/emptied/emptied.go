// Package emptied hands the first element of a slice field to unsafe where the
// package itself empties that field: on an emptied value, &b.data[0] panics.
package emptied

import "unsafe"

type builder struct {
	data   []int64
	length int
}

func (b *builder) Append(v int64) {
	b.data = append(b.data, v)
	b.length++
}

// Bytes is called after Reset too, when data is empty.
func (b *builder) Bytes() []byte {
	return unsafe.Slice((*byte)(unsafe.Pointer(&b.data[0])), len(b.data)*8) // want `&b.data\[0\] panics with index out of range before unsafe.Slice runs: b.data is empty after .data = b.data\[:0\]. \(.*emptied.go:\d+\), and nothing here checks its length first; use unsafe.SliceData\(b.data\)`
}

func (b *builder) Reset() {
	b.data = b.data[:0]
	b.length = 0
}

type names struct {
	buf []byte
}

func (n *names) Clear() { n.buf = nil }

// The same as a string.
func (n *names) String() string {
	return unsafe.String(&n.buf[0], len(n.buf)) // want `&n.buf\[0\] panics with index out of range before unsafe.String runs: n.buf is empty after .buf = nil.`
}
