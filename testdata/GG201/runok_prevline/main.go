package main

import (
	"bufio"
	"bytes"
	"fmt"
	"os"
	"strings"
)

// The twin of run_prevline: prev holds a copy in an array of its own.
func repeats(sc *bufio.Scanner) int {
	var prev []byte
	seen := false
	n := 0
	for sc.Scan() {
		line := sc.Bytes()
		if seen && bytes.Equal(line, prev) {
			n++
		}
		prev = append(prev[:0], line...)
		seen = true
	}
	return n
}

func main() {
	sc := bufio.NewScanner(strings.NewReader("aaa\nbbb\nbbb\nccc\n"))
	sc.Buffer(make([]byte, 4), 4) // a buffer the size of a line: every Scan reuses it
	if n := repeats(sc); n != 1 {
		fmt.Printf("repeats: %d\n", n)
		os.Exit(1)
	}
}
