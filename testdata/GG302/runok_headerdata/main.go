package main

import (
	"fmt"
	"os"
	"unsafe"
)

// The twin of run_headerdata: the address of the first byte.
func main() {
	b := []byte("0123456789abcdef")
	data := (*[16]byte)(unsafe.Pointer(&b[0]))
	if data[8] != b[8] {
		fmt.Printf("byte 8: %d, want %d\n", data[8], b[8])
		os.Exit(1)
	}
}
