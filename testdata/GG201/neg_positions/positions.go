// Package positions: the same positions holding copies, or aliases nothing writes
// again.
package positions

import (
	"bufio"
	"io"
	"strings"
	"unsafe"
)

// safe: the key is cloned before the entry is made.
func firstSeen(r io.Reader) map[string]int {
	at := map[string]int{}
	rec := make([]byte, 8)
	for i := 0; ; i++ {
		if _, err := io.ReadFull(r, rec); err != nil {
			return at
		}
		id := unsafe.String(&rec[0], len(rec))
		if _, ok := at[id]; !ok {
			at[strings.Clone(id)] = i
		}
	}
}

// safe: a compound assignment whose key is a fresh string.
func totals(r io.Reader) map[string]int {
	sum := map[string]int{}
	rec := make([]byte, 8)
	for {
		if _, err := io.ReadFull(r, rec); err != nil {
			return sum
		}
		code := string(rec[:4])
		sum[code] += int(rec[7])
	}
}

// trimCR returns a window of its argument.
func trimCR(p []byte) []byte {
	if len(p) > 0 && p[len(p)-1] == '\r' {
		return p[:len(p)-1]
	}
	return p
}

// safe: each read gets a buffer of its own.
func records(r io.Reader) [][]byte {
	var out [][]byte
	for {
		buf := make([]byte, 64)
		n, err := r.Read(buf)
		if n > 0 {
			rec := trimCR(buf[:n])
			out = append(out, rec)
		}
		if err != nil {
			return out
		}
	}
}

// safe: ReadBytes returns a copy.
func fields(r *bufio.Reader) [][]byte {
	var out [][]byte
	for {
		if f, err := r.ReadBytes(','); err == nil {
			out = append(out, f)
		} else {
			return out
		}
	}
}

type chunk struct {
	seq  int
	data []byte
}

// safe: the local holds a copy.
func chunks(r io.Reader) []chunk {
	var out []chunk
	buf := make([]byte, 32)
	for seq := 0; ; seq++ {
		n, err := r.Read(buf)
		if err != nil {
			return out
		}
		c := chunk{seq: seq, data: append([]byte(nil), buf[:n]...)}
		out = append(out, c)
	}
}

var pending [][]byte

func enqueue(p []byte) error {
	pending = append(pending, p)
	return nil
}

// safe: the buffer is handed on once, and never read into again.
func forwardOnce(r io.Reader) error {
	buf := make([]byte, 16)
	n, err := r.Read(buf)
	if err != nil {
		return err
	}
	err = enqueue(buf[:n])
	return err
}

type tracker struct{ last []byte }

// safe: the field is given a copy of the scanner's line.
func (t *tracker) follow(sc *bufio.Scanner) {
	for sc.Scan() {
		line := sc.Bytes()
		if len(line) > 0 {
			t.last = append(t.last[:0], line...)
		}
	}
}

var sink []int

// safe: the slice is stored once, after the loop that refills it.
func refill(n int) {
	s := make([]int, 0, 4)
	for i := 0; i < n; i++ {
		s = append(s[:0:2], i)
	}
	sink = s
}
