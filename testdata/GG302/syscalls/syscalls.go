//go:build linux

// Package syscalls hands the kernel the address of a slice's header with the slice's
// length, where the address of its bytes was meant.
package syscalls

import (
	"syscall"
	"unsafe"
)

// write(2) of the header's 24 bytes and what follows them.
func write(fd int, b []byte) (uintptr, syscall.Errno) {
	n, _, errno := syscall.Syscall(syscall.SYS_WRITE, uintptr(fd), uintptr(unsafe.Pointer(&b)), uintptr(len(b))) // want `unsafe.Pointer\(&b\) is handed over with uintptr\(len\(b\)\) as if it were the data, but it is the address of the slice header of b`
	return n, errno
}

// read(2) into the header: the next use of the slice faults.
func read(fd int, p *[]byte) (uintptr, syscall.Errno) {
	n, _, errno := syscall.Syscall(syscall.SYS_READ, uintptr(fd), uintptr(unsafe.Pointer(p)), uintptr(len(*p))) // want `unsafe.Pointer\(p\) is handed over with uintptr\(len\(\*p\)\)`
	return n, errno
}
