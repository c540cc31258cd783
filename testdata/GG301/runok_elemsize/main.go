// goflags: -gcflags=all=-d=checkptr
package main

import (
	"fmt"
	"os"
	"unsafe"
)

var sink any

func words(b []byte) []uint32 {
	if len(b) < 4 {
		return nil
	}
	return unsafe.Slice((*uint32)(unsafe.Pointer(&b[0])), len(b)/4)
}

type builder struct {
	data []int64
}

func (b *builder) Reset() { b.data = b.data[:0] }

func (b *builder) Bytes() []byte {
	return unsafe.Slice((*byte)(unsafe.Pointer(unsafe.SliceData(b.data))), len(b.data)*8)
}

// The twins of run_elemsize and run_emptied: the length in uint32s, behind a length
// check, and unsafe.SliceData of a slice that may be empty.
func main() {
	b := make([]byte, 16)
	sink = b
	var bl builder
	bl.data = append(bl.data, 1)
	n := len(bl.Bytes())
	bl.Reset()
	if len(words(b)) != 4 || n != 8 || len(bl.Bytes()) != 0 {
		fmt.Println(len(words(b)), n)
		os.Exit(1)
	}
}
