// Package views stores views of one backing array that the next read or write fills
// again: every stored slice shows the data written last.
package views

import (
	"io"
	"sync"
	"unsafe"
)

type record struct {
	data []byte
}

// r.Read fills buf from its start on every iteration.
func chunks(r io.Reader) [][]byte {
	buf := make([]byte, 4)
	var out [][]byte
	for {
		n, err := r.Read(buf)
		if n > 0 {
			out = append(out, buf[:n]) // want `buf\[:n\] appended to out shares the array of buf, and r.Read\(buf\) reads into it on the next iteration`
		}
		if err != nil {
			return out
		}
	}
}

// The whole buffer, kept per key, refilled by io.ReadFull.
func frames(r io.Reader, keys []string) map[string][]byte {
	m := map[string][]byte{}
	buf := make([]byte, 8)
	for _, k := range keys {
		if _, err := io.ReadFull(r, buf); err != nil {
			break
		}
		m[k] = buf // want `buf stored in m\[k\] shares the array of buf, and io.ReadFull\(r, buf\) reads into it`
	}
	return m
}

// A channel's receiver reads the chunk while the sender reads the next one into it.
func pump(r io.Reader, ch chan<- []byte) {
	buf := make([]byte, 512)
	for {
		n, err := r.Read(buf)
		if err != nil {
			close(ch)
			return
		}
		ch <- buf[:n] // want `buf\[:n\] sent on ch shares the array of buf`
	}
}

// The row is emptied and refilled in place: append writes over the stored rows.
func rows(vals [][]string) [][]string {
	var row []string
	var out [][]string
	for _, v := range vals {
		row = row[:0]
		row = append(row, v...)
		out = append(out, row) // want `row appended to out shares the array of row, and append\(row, v\.\.\.\) writes into it`
	}
	return out
}

// append(buf[:0], ...) writes from the start of the same array.
func latest(items map[string][]byte) map[string][]byte {
	out := map[string][]byte{}
	var buf []byte
	for k, v := range items {
		buf = append(buf[:0], v...)
		out[k] = buf // want `buf stored in out\[k\] shares the array of buf, and append\(buf\[:0\], v\.\.\.\) writes into it`
	}
	return out
}

// copy into the reused buffer.
func copies(srcs [][]byte) [][]byte {
	buf := make([]byte, 16)
	var out [][]byte
	for _, s := range srcs {
		n := copy(buf, s)
		out = append(out, buf[:n]) // want `buf\[:n\] appended to out shares the array of buf, and copy\(buf, s\) writes into it`
	}
	return out
}

// A one-byte tag written at index 0 each time.
func tags(ts []byte) [][]byte {
	buf := make([]byte, 1)
	var out [][]byte
	for _, t := range ts {
		buf[0] = t
		out = append(out, buf) // want `buf appended to out shares the array of buf, and buf\[0\] = \.\.\. writes into it`
	}
	return out
}

// A zero-copy string used as a map key: the map keeps bytes the next read changes.
func counts(r io.Reader) map[string]int {
	m := map[string]int{}
	buf := make([]byte, 8)
	for {
		n, err := io.ReadFull(r, buf)
		if n == 0 || err != nil {
			return m
		}
		m[unsafe.String(&buf[0], n)]++ // want `unsafe.String\(&buf\[0\], n\) used as a key of m shares the array of buf`
	}
}

// unsafe.String over SliceData, appended to a slice of strings.
func words(r io.Reader) []string {
	var out []string
	buf := make([]byte, 4)
	for {
		n, err := r.Read(buf)
		if err != nil {
			return out
		}
		out = append(out, unsafe.String(unsafe.SliceData(buf), n)) // want `unsafe.String\(unsafe.SliceData\(buf\), n\) appended to out shares the array of buf`
	}
}

// Inside a struct literal.
func records(r io.Reader) []record {
	var out []record
	buf := make([]byte, 64)
	for {
		n, err := r.Read(buf)
		if err != nil {
			return out
		}
		out = append(out, record{data: buf[:n]}) // want `buf\[:n\] appended to out shares the array of buf`
	}
}

// The address of the first element of the reused array.
func firsts(srcs [][]byte) []*byte {
	buf := make([]byte, 8)
	var out []*byte
	for _, s := range srcs {
		copy(buf, s)
		out = append(out, &buf[0]) // want `&buf\[0\] appended to out shares the array of buf`
	}
	return out
}

var pool = sync.Pool{New: func() any { return make([]byte, 64) }}

// The slice goes back to the pool while the map still holds a view of it.
func cached(m map[string][]byte, key string, r io.Reader) {
	buf := pool.Get().([]byte)
	n, _ := r.Read(buf)
	m[key] = buf[:n] // want `buf\[:n\] stored in m\[key\] shares the array of buf, and pool.Put\(buf\) hands it to the next Get`
	pool.Put(buf)
}
