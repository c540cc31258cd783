// prints: (?m)^first: "k2"$
package main

import (
	"bufio"
	"bytes"
	"fmt"
	"strings"
)

// Each value is the part of a scanned line after "=": a window of the scanner's
// buffer, which the scanner rewrites from its start when it reads more.
func settings(sc *bufio.Scanner) map[string][]byte {
	m := map[string][]byte{}
	for sc.Scan() {
		key, value, ok := bytes.Cut(sc.Bytes(), []byte("="))
		if ok {
			m[string(key)] = value // want `value \(from sc.Bytes\(\)\) stored in m\[string\(key\)\] is the buffer of the scanner sc`
		}
	}
	return m
}

func main() {
	sc := bufio.NewScanner(strings.NewReader("a=k1\nb=k2\n"))
	sc.Buffer(make([]byte, 5), 5) // a buffer of one line: each Scan moves the next to the start
	m := settings(sc)
	fmt.Printf("first: %q\n", m["a"])
}
