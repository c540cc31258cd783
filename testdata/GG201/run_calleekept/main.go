// prints: (?m)^names: ele eleve eleven$
package main

import (
	"bufio"
	"fmt"
	"strings"
	"testing/iotest"
)

type item struct {
	kind byte
	name []byte
}

func (it *item) Write(p []byte) (int, error) {
	it.kind = p[0]
	it.name = p[1:]
	return len(p), nil
}

// Each item keeps a window of the scanner's buffer, which the next Scan overwrites.
func main() {
	// a small buffer: before reading more, the scanner moves what it has not returned
	// yet to the buffer's start, over the lines it returned
	sc := bufio.NewScanner(iotest.OneByteReader(strings.NewReader("aone\nbthree\nceleven\n")))
	sc.Buffer(make([]byte, 8), 64)
	var items []item
	for sc.Scan() {
		var it item
		it.Write(sc.Bytes()) // want `sc.Bytes\(\) handed to it.Write, which keeps it in it`
		items = append(items, it)
	}
	fmt.Printf("names: %s %s %s\n", items[0].name, items[1].name, items[2].name)
}
