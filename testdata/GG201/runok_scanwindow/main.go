package main

import (
	"bufio"
	"bytes"
	"fmt"
	"strings"
)

// The twin of run_scanwindow: each value is cloned out of the scanner's buffer.
func settings(sc *bufio.Scanner) map[string][]byte {
	m := map[string][]byte{}
	for sc.Scan() {
		key, value, ok := bytes.Cut(sc.Bytes(), []byte("="))
		if ok {
			m[string(key)] = bytes.Clone(value)
		}
	}
	return m
}

func main() {
	sc := bufio.NewScanner(strings.NewReader("a=k1\nb=k2\n"))
	sc.Buffer(make([]byte, 5), 5)
	m := settings(sc)
	if got := fmt.Sprintf("%s %s", m["a"], m["b"]); got != "k1 k2" {
		panic(got)
	}
}
