// prints: (?m)^\["ghi" "ghi" "ghi"\]$
package main

import (
	"fmt"
	"io"
	"strings"
)

// Chunks kept as buf[:n]: each Read fills buf again from its start.
func main() {
	r := strings.NewReader("abcdefghi")
	buf := make([]byte, 3)
	var chunks [][]byte
	for {
		n, err := r.Read(buf)
		if n > 0 {
			chunks = append(chunks, buf[:n]) // want `buf\[:n\] appended to chunks shares the array of buf, and r.Read\(buf\) reads into it`
		}
		if err == io.EOF {
			break
		}
	}
	fmt.Printf("%q\n", chunks)
}
