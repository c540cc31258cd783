// Package pools stores bytes of a pooled buffer where they outlive the buffer's
// return to the pool: the pool's next Get hands the same array to another writer.
package pools

import (
	"bytes"
	"strconv"
	"sync"
)

var bufs = sync.Pool{New: func() any { return new(bytes.Buffer) }}

// The deferred Put runs after the return value is taken: the caller holds the bytes.
func greet(name string) []byte {
	b := bufs.Get().(*bytes.Buffer)
	b.Reset()
	defer bufs.Put(b)
	b.WriteString("hello, ")
	b.WriteString(name)
	return b.Bytes() // want `b.Bytes\(\) returned to the caller is the buffer of b, and bufs.Put\(b\) hands it to the next Get when the function returns`
}

// The same through a named result.
func render(name string) (out []byte) {
	b := bufs.Get().(*bytes.Buffer)
	b.Reset()
	defer bufs.Put(b)
	b.WriteString(name)
	out = b.Bytes() // want `b.Bytes\(\) stored in out is the buffer of b, and bufs.Put\(b\) hands it to the next Get when the function returns`
	return out
}

// Taken before the Put, returned after it.
func encode(name string) []byte {
	b := bufs.Get().(*bytes.Buffer)
	b.Reset()
	b.WriteString(name)
	out := b.Bytes()
	bufs.Put(b)
	return out // want `out \(from b.Bytes\(\)\) returned to the caller is the buffer of b, and bufs.Put\(b\) hands it to the next Get before that`
}

type request struct {
	Body []byte
}

// Stored in the caller's request, then the buffer goes back.
func fill(r *request, name string) {
	b := bufs.Get().(*bytes.Buffer)
	b.Reset()
	b.WriteString(name)
	r.Body = b.Bytes() // want `b.Bytes\(\) stored in r.Body is the buffer of b, and bufs.Put\(b\) hands it to the next Get`
	bufs.Put(b)
}

// A pool of another type: its Get gave the buffer, its Put takes it back.
type bufferPool struct {
	pool sync.Pool
}

func (p *bufferPool) Get() *bytes.Buffer {
	b, _ := p.pool.Get().(*bytes.Buffer)
	if b == nil {
		b = new(bytes.Buffer)
	}
	return b
}

func (p *bufferPool) Put(b *bytes.Buffer) {
	b.Reset()
	p.pool.Put(b)
}

var shared bufferPool

func label(name string) []byte {
	b := shared.Get()
	defer shared.Put(b)
	b.WriteString(name)
	return b.Bytes() // want `b.Bytes\(\) returned to the caller is the buffer of b, and shared.Put\(b\) hands it to the next Get when the function returns`
}

// putBuffer puts its parameter back: a call of it releases the buffer.
func putBuffer(b *bytes.Buffer) {
	b.Reset()
	bufs.Put(b)
}

func title(m map[string][]byte, name string) {
	b := bufs.Get().(*bytes.Buffer)
	b.WriteString(name)
	m[name] = b.Bytes() // want `b.Bytes\(\) stored in m\[name\] is the buffer of b, and putBuffer\(b\) hands it to the next Get`
	putBuffer(b)
}

// A deferred closure puts it back.
func closing(name string) []byte {
	b := bufs.Get().(*bytes.Buffer)
	defer func() {
		b.Reset()
		bufs.Put(b)
	}()
	b.WriteString(name)
	return b.Bytes() // want `b.Bytes\(\) returned to the caller is the buffer of b, and bufs.Put\(b\) hands it to the next Get when the function returns`
}

type env struct {
	value []byte
}

var pending = make(chan *env, 8)

// queue hands its argument to a goroutine: the value outlives the call.
func queue(e *env) {
	go func() { pending <- e }()
}

// The bytes go into a value that a function of the package keeps beyond the call.
func submit(name string) {
	b := bufs.Get().(*bytes.Buffer)
	defer bufs.Put(b)
	b.WriteString(name)
	e := &env{}
	e.value = b.Bytes() // want `b.Bytes\(\) stored in e.value, and with e handed to queue, which keeps it, is the buffer of b`
	queue(e)
}

var slices = sync.Pool{New: func() any { b := make([]byte, 0, 64); return &b }}

// A pooled *[]byte: the slice loaded from it goes back with it.
func digits(n int) []byte {
	bp := slices.Get().(*[]byte)
	b := (*bp)[:0]
	defer slices.Put(bp)
	b = strconv.AppendInt(b, int64(n), 10)
	*bp = b
	return b // want `b returned to the caller shares the array of b, and slices.Put\(bp\) hands it to the next Get when the function returns`
}
