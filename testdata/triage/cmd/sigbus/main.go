//go:build linux

// Command sigbus reads an mmap'd file after truncating it: SIGBUS.
package main

import (
	"fmt"
	"os"
	"syscall"
)

func main() {
	f, err := os.CreateTemp("", "sigbus")
	if err != nil {
		panic(err)
	}
	defer os.Remove(f.Name())
	if err := f.Truncate(1 << 16); err != nil {
		panic(err)
	}
	data, err := syscall.Mmap(int(f.Fd()), 0, 1<<16, syscall.PROT_READ, syscall.MAP_SHARED)
	if err != nil {
		panic(err)
	}
	if err := f.Truncate(0); err != nil {
		panic(err)
	}
	fmt.Println(data[100])
}
