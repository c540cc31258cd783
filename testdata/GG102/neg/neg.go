// Package neg holds safe dereferences of pointers to slices and maps: the
// pointer is made (new, &x), checked, or comes from somewhere goguard cannot
// prove nil. Each is also safe at run time.
// Each function whose comment starts "safe:" is one negative shape.
package neg

import (
	"bytes"
	"sync"
)

// safe: new([]byte) is a non-nil pointer to a nil slice, and append handles the nil slice.
func newSlice(c byte) []byte {
	p := new([]byte)
	*p = append(*p, c)
	return *p
}

// safe: the address of a local slice.
func addrOfLocal(s string) int {
	buf := make([]byte, 0, 64)
	p := &buf
	*p = append(*p, s...)
	return len(*p)
}

// safe: the address of a nil slice variable is not nil.
func addrOfNilSlice() int {
	var b []byte
	p := &b
	return len(*p)
}

// safe: if p == nil { p = new([]byte) } before the dereference.
func lazyNew(flush bool) int {
	var p *[]byte
	if flush {
		b := []byte("x")
		p = &b
	}
	if p == nil {
		p = new([]byte)
	}
	return len(*p)
}

// safe: the dereference sits inside if p != nil.
func guarded(flush bool) int {
	var p *[]byte
	if flush {
		b := []byte("x")
		p = &b
	}
	if p != nil {
		return len(*p)
	}
	return 0
}

// safe: the nil branch returns early.
func earlyReturn(flush bool) int {
	var p *[]byte
	if flush {
		p = new([]byte)
	}
	if p == nil {
		return -1
	}
	*p = append(*p, 'x')
	return len(*p)
}

// safe: a parameter; the caller passes a valid pointer.
func appendTo(dst *[]byte, s string) {
	*dst = append(*dst, s...)
}

func getBuf() *[]byte {
	b := make([]byte, 0, 128)
	return &b
}

// safe: a call result.
func fromCall() int {
	p := getBuf()
	return cap(*p)
}

var pool = sync.Pool{New: func() any { b := make([]byte, 0, 1024); return &b }}

// safe: a buffer pool's Get with a type assertion (New makes the buffer).
func pooled(s string) int {
	bp := pool.Get().(*[]byte)
	*bp = append((*bp)[:0], s...)
	n := len(*bp)
	pool.Put(bp)
	return n
}

// safe: comma-ok checked, then the missing buffer is made and inserted.
func poolFor(pools map[string]*[]byte, name string) int {
	local := map[string]*[]byte{}
	buf, ok := local[name]
	if !ok {
		b := make([]byte, 0, 256)
		buf = &b
		local[name] = buf
	}
	pools[name] = buf
	return cap(*buf)
}

// safe: the lookup follows a store into the map, so its value is not provably nil.
func storedThenLooked(name string) int {
	pools := make(map[string]*[]byte)
	b := make([]byte, 0, 32)
	pools[name] = &b
	p := pools[name]
	return cap(*p)
}

func initBuf(pp **[]byte) { *pp = new([]byte) }

// safe: the pointer's address is passed to an initialiser.
func initialised() int {
	var p *[]byte
	initBuf(&p)
	return len(*p)
}

// safe: a closure assigns the pointer and runs before the dereference.
func setByClosure() int {
	var p *[]byte
	set := func() { b := []byte("ok"); p = &b }
	set()
	return len(*p)
}

type writer struct {
	name string
	buf  *[]byte
}

// safe: the field is set in the literal.
func fieldInLiteral() int {
	b := make([]byte, 0, 16)
	w := writer{name: "log", buf: &b}
	return cap(*w.buf)
}

// safe: the field is set before the dereference.
func fieldAssigned() int {
	var w writer
	w.buf = new([]byte)
	*w.buf = append(*w.buf, "start"...)
	return len(*w.buf)
}

// safe: range variables over made pointers.
func total(bufs []*[]byte) int {
	n := 0
	for _, b := range bufs {
		n += len(*b)
	}
	return n
}

// safe: a pointer to a made map.
func viaMapPointer(k string) map[string]int {
	m := map[string]int{}
	pm := &m
	(*pm)[k] = 1
	return m
}

// safe: a nil check combined with && guards the dereference.
func nonEmpty(flush bool) bool {
	var p *[]byte
	if flush {
		p = getBuf()
	}
	return p != nil && len(*p) > 0
}

// safe: an if condition combined with && checks the pointer before dereferencing it.
func flushIfAny(flush bool) int {
	var p *[]byte
	if flush {
		p = getBuf()
	}
	if p != nil && len(*p) > 0 {
		return len(*p)
	}
	return 0
}

// safe: a nil slice (not a pointer) has len 0; nothing is dereferenced.
func nilSliceLen() int {
	var b []byte
	return len(b) + cap(b)
}

// safe: a pointer to a struct is not GG102's business, and it is set before use.
func structPointer() int {
	var bb *bytes.Buffer
	bb = new(bytes.Buffer)
	bb.WriteString("x")
	return bb.Len()
}

// safe: a channel receive (the sender sends made pointers).
func fromChannel(ch <-chan *[]byte) int {
	p := <-ch
	return len(*p)
}
