// Package positions stores aliases through every position a statement can hold
// them in: a map key named by a local, a compound assignment's key, a value declared
// from a call that returns its argument, a declaration inside an `if` header, a local
// built holding one, the argument of a call that keeps it, and a plain slice in a field.
package positions

import (
	"bufio"
	"io"
	"unsafe"
)

// A key named by a local made with unsafe.String over a refilled buffer.
func firstSeen(r io.Reader) map[string]int {
	at := map[string]int{}
	rec := make([]byte, 8)
	for i := 0; ; i++ {
		if _, err := io.ReadFull(r, rec); err != nil {
			return at
		}
		id := unsafe.String(&rec[0], len(rec))
		if _, ok := at[id]; !ok {
			at[id] = i // want `id \(from unsafe.String\(&rec\[0\], len\(rec\)\)\) used as a key of at shares the array of rec`
		}
	}
}

// A compound assignment keeps its key when the entry is new.
func totals(r io.Reader) map[string]int {
	sum := map[string]int{}
	rec := make([]byte, 8)
	for {
		if _, err := io.ReadFull(r, rec); err != nil {
			return sum
		}
		code := unsafe.String(&rec[0], 4)
		sum[code] += int(rec[7]) // want `code \(from unsafe.String\(&rec\[0\], 4\)\) used as a key of sum`
	}
}

// trimCR returns a window of its argument.
func trimCR(p []byte) []byte {
	if len(p) > 0 && p[len(p)-1] == '\r' {
		return p[:len(p)-1]
	}
	return p
}

// A value declared from a function of the package that returns its argument.
func records(r io.Reader) [][]byte {
	var out [][]byte
	buf := make([]byte, 64)
	for {
		n, err := r.Read(buf)
		if n > 0 {
			rec := trimCR(buf[:n]) // want `buf\[:n\], returned by trimCR, appended to out shares the array of buf`
			out = append(out, rec)
		}
		if err != nil {
			return out
		}
	}
}

// A reader's buffer declared in an if header.
func fields(r *bufio.Reader) [][]byte {
	var out [][]byte
	for {
		if f, err := r.ReadSlice(','); err == nil {
			out = append(out, f) // want `f \(from r.ReadSlice\(','\)\) appended to out is the buffer of the reader r`
		} else {
			return out
		}
	}
}

type chunk struct {
	seq  int
	data []byte
}

// A local declared holding a view, then appended.
func chunks(r io.Reader) []chunk {
	var out []chunk
	buf := make([]byte, 32)
	for seq := 0; ; seq++ {
		n, err := r.Read(buf)
		if err != nil {
			return out
		}
		c := chunk{seq: seq, data: buf[:n]} // want `buf\[:n\] stored in c, and with c appended to out, shares the array of buf`
		out = append(out, c)
	}
}

var pending [][]byte

func enqueue(p []byte) error {
	pending = append(pending, p)
	return nil
}

// The argument of a call that keeps it, the call's result assigned to a local.
func forward(r io.Reader) error {
	var err error
	buf := make([]byte, 16)
	for err == nil {
		var n int
		if n, err = r.Read(buf); n > 0 {
			err = enqueue(buf[:n]) // want `buf\[:n\] handed to enqueue, which keeps it, shares the array of buf`
		}
	}
	return err
}

type tracker struct{ last []byte }

// A scanner's line kept in a field of a parameter through a local.
func (t *tracker) follow(sc *bufio.Scanner) {
	for sc.Scan() {
		line := sc.Bytes()
		if len(line) > 0 {
			t.last = line // want `line \(from sc.Bytes\(\)\) stored in t.last is the buffer of the scanner sc`
		}
	}
}
