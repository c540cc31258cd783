// Package locked: buffers shared under a lock whose bytes are copied before the
// Reset, or used while the lock is held.
package locked

import (
	"bytes"
	"io"
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

// safe: a copy is taken before the Reset.
func (l *logBuffer) Flush() []byte {
	l.mu.Lock()
	out := bytes.Clone(l.buf.Bytes())
	l.buf.Reset()
	l.mu.Unlock()
	return out
}

// safe: the bytes are written out while the lock is still held.
func (l *logBuffer) Drain(w io.Writer) error {
	l.mu.Lock()
	defer l.mu.Unlock()
	out := l.buf.Bytes()
	_, err := w.Write(out)
	l.buf.Reset()
	return err
}

type scratch struct {
	mu  sync.Mutex
	buf bytes.Buffer
}

// safe: nothing else writes this buffer: the view cannot be overwritten by another method.
func (s *scratch) Take() []byte {
	s.mu.Lock()
	out := s.buf.Bytes()
	s.buf.Reset()
	s.mu.Unlock()
	return out
}
