// Package pools: pooled buffers whose bytes are copied before the buffer goes back,
// or never leave the function.
package pools

import (
	"bytes"
	"io"
	"strconv"
	"sync"
)

var bufs = sync.Pool{New: func() any { return new(bytes.Buffer) }}

// safe: bytes.Clone copies before the deferred Put.
func greet(name string) []byte {
	b := bufs.Get().(*bytes.Buffer)
	b.Reset()
	defer bufs.Put(b)
	b.WriteString(name)
	return bytes.Clone(b.Bytes())
}

// safe: copied before the Put, returned after it.
func encode(name string) []byte {
	b := bufs.Get().(*bytes.Buffer)
	b.Reset()
	b.WriteString(name)
	out := bytes.Clone(b.Bytes())
	bufs.Put(b)
	return out
}

// safe: the bytes are written out before the buffer goes back; nothing keeps them.
func write(w io.Writer, name string) error {
	b := bufs.Get().(*bytes.Buffer)
	defer bufs.Put(b)
	b.Reset()
	b.WriteString(name)
	_, err := w.Write(b.Bytes())
	return err
}

// safe: String() copies.
func text(name string) string {
	b := bufs.Get().(*bytes.Buffer)
	defer bufs.Put(b)
	b.Reset()
	b.WriteString(name)
	return b.String()
}

// safe: a buffer of this call only, never put in a pool.
func fresh(name string) []byte {
	var b bytes.Buffer
	b.WriteString(name)
	return b.Bytes()
}

type env struct {
	value []byte
}

// show reads the value and keeps nothing.
func show(e *env) int { return len(e.value) }

// safe: the value holding the bytes is only read by a function that keeps nothing.
func peek(name string) int {
	b := bufs.Get().(*bytes.Buffer)
	defer bufs.Put(b)
	b.WriteString(name)
	e := &env{}
	e.value = b.Bytes()
	return show(e)
}

var slices = sync.Pool{New: func() any { b := make([]byte, 0, 64); return &b }}

// safe: a copy of the pooled slice's bytes is returned.
func digits(n int) []byte {
	bp := slices.Get().(*[]byte)
	b := (*bp)[:0]
	defer slices.Put(bp)
	b = strconv.AppendInt(b, int64(n), 10)
	*bp = b
	return append([]byte(nil), b...)
}
