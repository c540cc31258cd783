// prints: (?m)^repeats: 3$
package main

import (
	"bufio"
	"bytes"
	"fmt"
	"strings"
)

// prev keeps the scanner's bytes: the next Scan writes the next line into them, so
// prev always equals the line it is compared with.
func repeats(sc *bufio.Scanner) int {
	var prev []byte
	n := 0
	for sc.Scan() {
		line := sc.Bytes()
		if prev != nil && bytes.Equal(line, prev) {
			n++
		}
		prev = line // want `line \(from sc.Bytes\(\)\) stored in prev is the buffer of the scanner sc, and sc.Scan\(\) overwrites it on the next iteration, before prev is read`
	}
	return n
}

func main() {
	sc := bufio.NewScanner(strings.NewReader("aaa\nbbb\nccc\nddd\n"))
	sc.Buffer(make([]byte, 4), 4) // a buffer the size of a line: every Scan reuses it
	fmt.Printf("repeats: %d\n", repeats(sc))
}
