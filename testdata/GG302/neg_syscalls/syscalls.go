//go:build linux

// Package syscalls: the kernel handed the bytes, or a pointer to a value it fills.
package syscalls

import (
	"syscall"
	"unsafe"
)

// safe: the address of the first byte, behind a length check.
func write(fd int, b []byte) (uintptr, syscall.Errno) {
	if len(b) == 0 {
		return 0, 0
	}
	n, _, errno := syscall.Syscall(syscall.SYS_WRITE, uintptr(fd), uintptr(unsafe.Pointer(&b[0])), uintptr(len(b)))
	return n, errno
}

type winsize struct {
	row, col, x, y uint16
}

// safe: a pointer to a struct the kernel fills, no length beside it.
func size(fd int) (winsize, syscall.Errno) {
	var ws winsize
	_, _, errno := syscall.Syscall(syscall.SYS_IOCTL, uintptr(fd), syscall.TIOCGWINSZ, uintptr(unsafe.Pointer(&ws)))
	return ws, errno
}
