// prints: (?m)^\[cccc cccc cccc\]$
package main

import (
	"bufio"
	"fmt"
	"strings"
)

// Lines kept from sc.Bytes(): the scanner moves the next line to the start of its
// buffer, under the bytes of the lines kept before. (A small buffer makes it happen on
// every line; with the default 64 KiB one it happens once the buffer fills.)
func main() {
	sc := bufio.NewScanner(strings.NewReader("aaaa\nbbbb\ncccc\n"))
	sc.Buffer(make([]byte, 8), 8)
	var kept [][]byte
	for sc.Scan() {
		kept = append(kept, sc.Bytes()) // want `sc.Bytes\(\) appended to kept is the buffer of the scanner sc`
	}
	fmt.Printf("%s\n", kept)
}
