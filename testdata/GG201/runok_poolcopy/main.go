package main

import (
	"bytes"
	"fmt"
	"os"
	"sync"
)

var bufs = sync.Pool{New: func() any { return new(bytes.Buffer) }}

func greet(name string) []byte {
	b := bufs.Get().(*bytes.Buffer)
	b.Reset()
	defer bufs.Put(b)
	b.WriteString("hello, ")
	b.WriteString(name)
	return bytes.Clone(b.Bytes())
}

func encode(id int) []byte {
	b := bufs.Get().(*bytes.Buffer)
	b.Reset()
	fmt.Fprintf(b, "id=%d", id)
	out := bytes.Clone(b.Bytes())
	bufs.Put(b)
	return out
}

// The twins of run_pooldefer and run_poolafter: copies taken before the Put.
func main() {
	a, b := greet("ann"), greet("bob")
	c, d := encode(1), encode(2)
	if string(a) != "hello, ann" || string(b) != "hello, bob" || string(c) != "id=1" || string(d) != "id=2" {
		fmt.Printf("%s / %s / %s / %s\n", a, b, c, d)
		os.Exit(1)
	}
}
