// Package locked keeps the bytes of a buffer shared under a lock past its Reset and
// the Unlock: another goroutine's write, under the same lock, writes into the same
// array.
package locked

import (
	"bytes"
	"fmt"
	"sync"
)

type logBuffer struct {
	mu  sync.Mutex
	buf bytes.Buffer
}

func (l *logBuffer) Write(p []byte) (int, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.buf.Write(p)
}

// The view outlives the Unlock.
func (l *logBuffer) Flush() []byte {
	l.mu.Lock()
	out := l.buf.Bytes()
	l.buf.Reset()
	l.mu.Unlock()
	return out // want `out \(from l.buf.Bytes\(\)\) is used after l.buf.Reset\(\) and l.mu.Unlock\(\): another goroutine's Write can write the buffer's array again`
}

// The deferred Unlock runs as it returns: the caller holds the view unlocked.
func (l *logBuffer) Take() []byte {
	l.mu.Lock()
	defer l.mu.Unlock()
	out := l.buf.Bytes()
	l.buf.Reset()
	return out // want `out \(from l.buf.Bytes\(\)\) is used after l.buf.Reset\(\) and defer l.mu.Unlock\(\)`
}

type report struct {
	mu    sync.RWMutex
	lines bytes.Buffer
	sink  [][]byte
}

func (r *report) Printf(format string, args ...any) {
	r.mu.Lock()
	fmt.Fprintf(&r.lines, format, args...)
	r.mu.Unlock()
}

// Stored after the Unlock.
func (r *report) Rotate() {
	r.mu.Lock()
	chunk := r.lines.Bytes()
	r.lines.Reset()
	r.mu.Unlock()
	r.sink = append(r.sink, chunk) // want `chunk \(from r.lines.Bytes\(\)\) is used after r.lines.Reset\(\) and r.mu.Unlock\(\): another goroutine's Printf`
}
