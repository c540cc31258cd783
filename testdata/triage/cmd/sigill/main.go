//go:build linux

// Command sigill sends itself SIGILL.
package main

import (
	"os"
	"syscall"
	"time"
)

func main() {
	_ = syscall.Kill(os.Getpid(), syscall.SIGILL)
	time.Sleep(5 * time.Second)
}
