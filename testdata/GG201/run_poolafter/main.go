// prints: (?m)^id=2 / id=2$
package main

import (
	"bytes"
	"fmt"
	"sync"
)

var bufs = sync.Pool{New: func() any { return new(bytes.Buffer) }}

func encode(id int) []byte {
	b := bufs.Get().(*bytes.Buffer)
	b.Reset()
	fmt.Fprintf(b, "id=%d", id)
	out := b.Bytes()
	bufs.Put(b)
	return out // want `out \(from b.Bytes\(\)\) returned to the caller is the buffer of b`
}

// out views the pooled array; the next encode writes over it.
func main() {
	a := encode(1)
	b := encode(2)
	fmt.Printf("%s / %s\n", a, b)
}
