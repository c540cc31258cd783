// Package locals keeps an alias in a plain local of the function inside a loop that
// writes its storage again, and reads the local after that write: the local shows
// the new value, not the one kept.
package locals

import (
	"bufio"
	"bytes"
	"encoding/json"
	"io"
)

type item struct {
	ID   int
	Name string
}

// The address of a variable declared outside the loop, set on every iteration.
func heaviest(items []item) *item {
	var cur item
	var best *item
	for _, it := range items {
		cur = it
		if best == nil || cur.ID > best.ID {
			best = &cur // want `&cur stored in best points to the one variable cur, and cur = \.\.\. writes it again on the next iteration, before best(\.ID)? is read`
		}
	}
	return best
}

// A decoder refills the variable the local points at.
func sameAsLast(dec *json.Decoder) int {
	var cur item
	var last *item
	same := 0
	for dec.More() {
		if err := dec.Decode(&cur); err != nil {
			break
		}
		if last != nil && last.ID == cur.ID {
			same++
		}
		last = &cur // want `&cur stored in last points to the one variable cur, and dec.Decode\(&cur\) writes it again on the next iteration, before last.ID is read`
	}
	return same
}

// A window of a buffer that the next read refills.
func duplicates(r io.Reader) int {
	buf := make([]byte, 8)
	var prev []byte
	dup := 0
	for {
		n, err := io.ReadFull(r, buf)
		if err != nil {
			return dup
		}
		if bytes.Equal(prev, buf[:n]) {
			dup++
		}
		prev = buf[:n] // want `buf\[:n\] stored in prev shares the array of buf, and io.ReadFull\(r, buf\) reads into it on the next iteration, before prev is read`
	}
}

// The first line a reader hands out, kept while it reads on.
func underHeader(br *bufio.Reader) [][]byte {
	var header []byte
	var out [][]byte
	for {
		line, err := br.ReadSlice('\n')
		if err != nil {
			return out
		}
		if header == nil {
			header = line // want `line \(from br.ReadSlice\('\\n'\)\) stored in header is the buffer of the reader br, and br.ReadSlice\('\\n'\) overwrites it on the next iteration, before header is read`
			continue
		}
		out = append(out, append(bytes.Clone(header), line...))
	}
}
