package main

import (
	"bufio"
	"bytes"
	"fmt"
	"os"
	"strings"
	"testing/iotest"
)

type item struct {
	kind byte
	name []byte
}

func (it *item) Write(p []byte) (int, error) {
	it.kind = p[0]
	it.name = bytes.Clone(p[1:])
	return len(p), nil
}

// The twin of run_calleekept: the callee keeps a copy.
func main() {
	sc := bufio.NewScanner(iotest.OneByteReader(strings.NewReader("aone\nbthree\nceleven\n")))
	sc.Buffer(make([]byte, 8), 64)
	var items []item
	for sc.Scan() {
		var it item
		it.Write(sc.Bytes())
		items = append(items, it)
	}
	if string(items[0].name) != "one" || string(items[1].name) != "three" || string(items[2].name) != "eleven" {
		fmt.Printf("names: %s %s %s\n", items[0].name, items[1].name, items[2].name)
		os.Exit(1)
	}
}
