// Package windows carves one array into parts: later writes go to other parts, so no
// stored window is overwritten.
package windows

import (
	"bufio"
	"bytes"
	"database/sql"
	"io"
)

// safe: each window starts where the last ended; copy writes past it.
func carve(parts []string) [][]byte {
	buf := make([]byte, 0, 256)
	var out [][]byte
	off := 0
	for _, p := range parts {
		buf = append(buf, p...)
		out = append(out, buf[off:len(buf)])
		off = len(buf)
	}
	return out
}

// safe: a pointer to each element of one array, filled at distinct indexes.
func scanArgs(rows *sql.Rows, n int) ([]any, error) {
	vals := make([]sql.RawBytes, n)
	ptrs := make([]any, n)
	for i := range vals {
		ptrs[i] = &vals[i]
	}
	return ptrs, rows.Scan(ptrs...)
}

// safe: the slice moves past each stored window (sv = sv[n:]).
func split(h map[string][]string) map[string][]string {
	total := 0
	for _, v := range h {
		total += len(v)
	}
	sv := make([]string, total)
	out := make(map[string][]string, len(h))
	for k, v := range h {
		n := copy(sv, v)
		out[k] = sv[:n:n]
		sv = sv[n:]
	}
	return out
}

// safe: elements at varying indexes fill different parts of the array.
func pairs(data []int) [][]int {
	buf := make([]int, 2*len(data))
	out := make([][]int, 0, len(data))
	for i, d := range data {
		buf[2*i] = d
		buf[2*i+1] = d * d
		out = append(out, buf[2*i:2*i+2])
	}
	return out
}

// safe: a fixed slot of a local, read within the iteration and replaced by the next.
func parse(r io.Reader, handle func([]byte)) {
	b := make([]byte, 32)
	bufs := make([][]byte, 1)
	for {
		n, err := r.Read(b)
		if err != nil {
			return
		}
		bufs[0] = b[:n]
		for _, x := range bufs {
			handle(x)
		}
	}
}

// safe: the window starts past the data the next read fills.
func tail(r io.Reader, out [][]byte) [][]byte {
	buf := make([]byte, 64)
	n, _ := io.ReadFull(r, buf[:8])
	out = append(out, buf[8:8+n])
	_, _ = io.ReadFull(r, buf[:8])
	return out
}

// safe: &arr[i] of a slice at a varying index: each points at its own element.
func elementPointers(vals []int) []*int {
	arr := make([]int, len(vals))
	var out []*int
	for i, v := range vals {
		arr[i] = v
		out = append(out, &arr[i])
	}
	return out
}

// safe: the line is copied before it is cut; the windows are of the copy.
func settings(sc *bufio.Scanner) map[string][]byte {
	m := map[string][]byte{}
	for sc.Scan() {
		line := bytes.Clone(sc.Bytes())
		if key, value, ok := bytes.Cut(line, []byte("=")); ok {
			m[string(key)] = value
		}
	}
	return m
}

// safe: ReadBytes returns a copy; its windows are its own.
func fields(r *bufio.Reader) [][]byte {
	var out [][]byte
	for {
		line, err := r.ReadBytes('\n')
		if err != nil {
			return out
		}
		out = append(out, bytes.TrimSpace(line))
	}
}
