// panics: index out of range \[0\] with length 0
package main

import (
	"fmt"
	"unsafe"
)

type builder struct {
	data []int64
}

func (b *builder) Append(v int64) { b.data = append(b.data, v) }

func (b *builder) Reset() { b.data = b.data[:0] }

func (b *builder) Bytes() []byte {
	return unsafe.Slice((*byte)(unsafe.Pointer(&b.data[0])), len(b.data)*8) // want `&b.data\[0\] panics with index out of range before unsafe.Slice runs`
}

// A builder built, reset, and built again with nothing in it.
func main() {
	var b builder
	b.Append(1)
	fmt.Println(len(b.Bytes()))
	b.Reset()
	fmt.Println(len(b.Bytes()))
}
