// Package ownedwindows keeps windows of a buffer a reader owns, at any offset: the
// reader moves its unread bytes to the start of the buffer before reading more, so
// every offset is overwritten.
package ownedwindows

import (
	"bufio"
	"bytes"
)

// The part after the first space, by index.
func values(sc *bufio.Scanner) [][]byte {
	var out [][]byte
	for sc.Scan() {
		line := sc.Bytes()
		if sp := bytes.IndexByte(line, ' '); sp >= 0 {
			out = append(out, line[sp+1:]) // want `line\[sp\+1:\] \(from sc.Bytes\(\)\) appended to out is the buffer of the scanner sc, and sc.Scan\(\) overwrites it`
		}
	}
	return out
}

// The part after the separator, by bytes.Cut.
func pairs(sc *bufio.Scanner) map[string][]byte {
	m := map[string][]byte{}
	for sc.Scan() {
		key, value, ok := bytes.Cut(sc.Bytes(), []byte("="))
		if ok {
			m[string(key)] = value // want `value \(from sc.Bytes\(\)\) stored in m\[string\(key\)\] is the buffer of the scanner sc`
		}
	}
	return m
}

// A trimmed line of a bufio.Reader.
func trimmed(r *bufio.Reader) [][]byte {
	var out [][]byte
	for {
		line, err := r.ReadSlice('\n')
		if err != nil {
			return out
		}
		out = append(out, bytes.TrimSpace(line)) // want `bytes.TrimSpace\(line\) \(from r.ReadSlice\('\\n'\)\) appended to out is the buffer of the reader r`
	}
}

// A window taken straight from the scanner.
func tails(sc *bufio.Scanner) [][]byte {
	var out [][]byte
	for sc.Scan() {
		if len(sc.Bytes()) > 2 {
			out = append(out, sc.Bytes()[2:]) // want `sc.Bytes\(\)\[2:\] \(from sc.Bytes\(\)\) appended to out is the buffer of the scanner sc`
		}
	}
	return out
}
