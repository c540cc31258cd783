//go:build linux

// Command abort sends itself SIGABRT.
package main

import (
	"os"
	"syscall"
	"time"
)

func main() {
	_ = syscall.Kill(os.Getpid(), syscall.SIGABRT)
	time.Sleep(5 * time.Second)
}
