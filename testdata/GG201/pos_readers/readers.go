// Package readers keeps buffers that a bufio.Scanner, a bufio.Reader or a
// bytes.Buffer owns and overwrites on the next call.
package readers

import (
	"bufio"
	"bytes"
	"fmt"
	"io"
	"os"
	"sync"
)

// sc.Bytes() is the scanner's buffer: the next Scan overwrites it.
func lines(sc *bufio.Scanner) [][]byte {
	var out [][]byte
	for sc.Scan() {
		out = append(out, sc.Bytes()) // want `sc.Bytes\(\) appended to out is the buffer of the scanner sc, and sc.Scan\(\) overwrites it on the next iteration`
	}
	return out
}

// Through a variable declared from sc.Bytes().
func fields() map[string][]byte {
	sc := bufio.NewScanner(os.Stdin)
	m := map[string][]byte{}
	for sc.Scan() {
		line := sc.Bytes()
		if len(line) > 0 {
			m[string(line[:1])] = line // want `line \(from sc.Bytes\(\)\) stored in m\[string\(line\[:1\]\)\] is the buffer of the scanner sc`
		}
	}
	return m
}

// Sent to a worker, which may read it after the next Scan.
func feed(r io.Reader, ch chan<- []byte) {
	sc := bufio.NewScanner(r)
	for sc.Scan() {
		ch <- sc.Bytes() // want `sc.Bytes\(\) sent on ch is the buffer of the scanner sc`
	}
	close(ch)
}

// ReadSlice returns a view of the reader's buffer, valid until the next read.
func slices(r *bufio.Reader) [][]byte {
	var out [][]byte
	for {
		line, err := r.ReadSlice('\n')
		if err != nil {
			return out
		}
		out = append(out, line) // want `line \(from r.ReadSlice\('\\n'\)\) appended to out is the buffer of the reader r, and r.ReadSlice\('\\n'\) overwrites it`
	}
}

// ReadLine, the same.
func headers(r *bufio.Reader) map[int][]byte {
	m := map[int][]byte{}
	for i := 0; ; i++ {
		line, _, err := r.ReadLine()
		if err != nil {
			return m
		}
		m[i] = line // want `line \(from r.ReadLine\(\)\) stored in m\[i\] is the buffer of the reader r`
	}
}

// b.Bytes() after Reset and a write: the next Reset and write overwrite it.
func render(items []string) map[string][]byte {
	var b bytes.Buffer
	m := map[string][]byte{}
	for _, it := range items {
		b.Reset()
		b.WriteString(it)
		m[it] = b.Bytes() // want `b.Bytes\(\) stored in m\[it\] is the buffer of b, and b.WriteString\(it\) writes over it once emptied on the next iteration`
	}
	return m
}

// fmt.Fprintf into the emptied buffer.
func format(ids []int) [][]byte {
	b := new(bytes.Buffer)
	var out [][]byte
	for _, id := range ids {
		b.Reset()
		fmt.Fprintf(b, "id-%d", id)
		out = append(out, b.Bytes()) // want `b.Bytes\(\) appended to out is the buffer of b, and fmt.Fprintf\(b, "id-%d", id\) writes over it once emptied`
	}
	return out
}

var buffers = sync.Pool{New: func() any { return new(bytes.Buffer) }}

// The buffer goes back to the pool while the map keeps its bytes.
func encode(m map[string][]byte, key, val string) {
	b := buffers.Get().(*bytes.Buffer)
	b.Reset()
	b.WriteString(val)
	m[key] = b.Bytes() // want `b.Bytes\(\) stored in m\[key\] is the buffer of b, and buffers.Put\(b\) hands it to the next Get`
	buffers.Put(b)
}
