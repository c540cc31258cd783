// Safe look-alikes of the run_* programs, run to prove they do not panic:
// a sync.Pool of *[]byte, buffers made on a missing lookup, new([]byte),
// nil checks and fields set in the literal.
package main

import (
	"fmt"
	"sync"
)

type encoder struct {
	name    string
	scratch *[]byte
}

var pool = sync.Pool{New: func() any { b := make([]byte, 0, 512); return &b }}

func main() {
	// A pooled buffer.
	bp := pool.Get().(*[]byte)
	*bp = append((*bp)[:0], "GET /"...)
	pool.Put(bp)

	// A buffer made and inserted when the lookup misses.
	buffers := make(map[string]*[]byte)
	buf, ok := buffers["tenant-a"]
	if !ok {
		buf = new([]byte)
		buffers["tenant-a"] = buf
	}
	*buf = append(*buf, "event"...)

	// A field set in the literal.
	s := make([]byte, 0, 64)
	e := encoder{name: "json", scratch: &s}
	n := len(*e.scratch)

	// A nil check before the dereference.
	var spill *[]byte
	if spill == nil {
		spill = new([]byte)
	}
	n += cap(*spill)

	// A pointer to a made map.
	limits := map[string]int{}
	pl := &limits
	(*pl)["rps"] = 100

	fmt.Println(len(*buf), e.name, n, limits)
}
