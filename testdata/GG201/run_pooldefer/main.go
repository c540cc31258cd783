// prints: (?m)^hello, bob / hello, bob$
package main

import (
	"bytes"
	"fmt"
	"sync"
)

var bufs = sync.Pool{New: func() any { return new(bytes.Buffer) }}

func greet(name string) []byte {
	b := bufs.Get().(*bytes.Buffer)
	b.Reset()
	defer bufs.Put(b)
	b.WriteString("hello, ")
	b.WriteString(name)
	return b.Bytes() // want `b.Bytes\(\) returned to the caller is the buffer of b`
}

// The first greeting is overwritten by the second: the pool handed the same buffer back.
func main() {
	a := greet("ann")
	b := greet("bob")
	fmt.Printf("%s / %s\n", a, b)
}
