// Package copies stores copies of reused buffers, never the buffers themselves.
package copies

import (
	"bufio"
	"bytes"
	"io"
	"sync"
)

// safe: bytes.Clone copies the scanner's bytes.
func cloned(sc *bufio.Scanner) [][]byte {
	var out [][]byte
	for sc.Scan() {
		out = append(out, bytes.Clone(sc.Bytes()))
	}
	return out
}

// safe: append onto a nil slice copies the bytes.
func appended(sc *bufio.Scanner) [][]byte {
	var out [][]byte
	for sc.Scan() {
		out = append(out, append([]byte(nil), sc.Bytes()...))
	}
	return out
}

// safe: string(b) copies.
func strings(r io.Reader) []string {
	buf := make([]byte, 16)
	var out []string
	for {
		n, err := r.Read(buf)
		if err != nil {
			return out
		}
		out = append(out, string(buf[:n]))
	}
}

// safe: sc.Text() returns a new string.
func texts(sc *bufio.Scanner) []string {
	var out []string
	for sc.Scan() {
		out = append(out, sc.Text())
	}
	return out
}

// safe: copy into a slice made for this chunk.
func copiedChunks(r io.Reader) [][]byte {
	buf := make([]byte, 16)
	var out [][]byte
	for {
		n, err := r.Read(buf)
		if err != nil {
			return out
		}
		c := make([]byte, n)
		copy(c, buf[:n])
		out = append(out, c)
	}
}

// safe: append(out, buf...) copies the elements into out.
func flattened(r io.Reader) []byte {
	buf := make([]byte, 16)
	var out []byte
	for {
		n, err := r.Read(buf)
		out = append(out, buf[:n]...)
		if err != nil {
			return out
		}
	}
}

// safe: the map key is a string conversion, which copies.
func counted(sc *bufio.Scanner) map[string]int {
	m := map[string]int{}
	for sc.Scan() {
		m[string(sc.Bytes())]++
	}
	return m
}

// safe: ReadString returns a new string.
func readStrings(r *bufio.Reader) []string {
	var out []string
	for {
		line, err := r.ReadString('\n')
		if err != nil {
			return out
		}
		out = append(out, line)
	}
}

// safe: ReadBytes returns a new slice each call.
func readBytes(r *bufio.Reader) [][]byte {
	var out [][]byte
	for {
		line, err := r.ReadBytes('\n')
		if err != nil {
			return out
		}
		out = append(out, line)
	}
}

type point struct{ X, Y int }

// safe: a struct value is copied into the slice.
func points(xs []int) []point {
	var out []point
	var p point
	for _, x := range xs {
		p.X = x
		out = append(out, p)
	}
	return out
}

// safe: an array value is copied into the slice.
func arrays(ids []byte) [][2]byte {
	var out [][2]byte
	var k [2]byte
	for _, id := range ids {
		k[0] = id
		out = append(out, k)
	}
	return out
}

// safe: b.Bytes() without a Reset: later writes go past the stored length.
func prefixes(words []string) [][]byte {
	var b bytes.Buffer
	var out [][]byte
	for _, w := range words {
		b.WriteString(w)
		out = append(out, b.Bytes())
	}
	return out
}

// safe: a new bytes.Buffer for each entry.
func buffers(items []string) map[string][]byte {
	m := map[string][]byte{}
	for _, it := range items {
		var b bytes.Buffer
		b.WriteString(it)
		m[it] = b.Bytes()
	}
	return m
}

var pool = sync.Pool{New: func() any { return new(bytes.Buffer) }}

// safe: the bytes are cloned before the buffer goes back to the pool.
func pooled(m map[string][]byte, key, val string) {
	b := pool.Get().(*bytes.Buffer)
	b.Reset()
	b.WriteString(val)
	m[key] = bytes.Clone(b.Bytes())
	pool.Put(b)
}

// safe: growing without emptying first writes past every stored prefix.
func grown(vals []byte) [][]byte {
	var buf []byte
	var out [][]byte
	for _, v := range vals {
		buf = append(buf, v)
		out = append(out, buf)
	}
	return out
}

// safe: buf = buf[:0] alone changes no stored bytes; a new array follows.
func emptied(r io.Reader, out [][]byte) [][]byte {
	buf := make([]byte, 8)
	n, _ := r.Read(buf)
	out = append(out, buf[:n])
	buf = buf[:0]
	_ = buf
	return out
}
