// prints: (?m)^secon / second$
package main

import (
	"bytes"
	"fmt"
	"sync"
)

var bufs = sync.Pool{New: func() any { return new(bytes.Buffer) }}

type request struct {
	Body []byte
}

func fill(r *request, body string) {
	b := bufs.Get().(*bytes.Buffer)
	b.Reset()
	b.WriteString(body)
	r.Body = b.Bytes() // want `b.Bytes\(\) stored in r.Body is the buffer of b`
	bufs.Put(b)
}

// The first request's body is the pooled array the second fill writes into.
func main() {
	var r1, r2 request
	fill(&r1, "first")
	fill(&r2, "second")
	fmt.Printf("%s / %s\n", r1.Body, r2.Body)
}
