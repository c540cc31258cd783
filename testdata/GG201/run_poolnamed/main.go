// prints: (?m)^bob / bob$
package main

import (
	"bytes"
	"fmt"
	"sync"
)

var bufs = sync.Pool{New: func() any { return new(bytes.Buffer) }}

func render(name string) (out []byte) {
	b := bufs.Get().(*bytes.Buffer)
	b.Reset()
	defer bufs.Put(b)
	b.WriteString(name)
	out = b.Bytes() // want `b.Bytes\(\) stored in out is the buffer of b`
	return out
}

// The named result is taken, then the deferred Put returns its array to the pool.
func main() {
	a := render("ann")
	b := render("bob")
	fmt.Printf("%s / %s\n", a, b)
}
