// Package locals: aliases kept in plain locals that no later write reaches before
// they are read.
package locals

import (
	"bufio"
	"bytes"
	"io"
)

type item struct {
	ID   int
	Name string
}

// safe: the pointer is used within the iteration that set it; the variable is
// written through it on purpose.
func doubled(items []item) []int {
	var cur item
	var p *item
	var out []int
	for _, it := range items {
		cur = it
		p = &cur
		cur.ID *= 2
		out = append(out, p.ID)
	}
	return out
}

// safe: the local is given a new alias before every read.
func sums(r io.Reader) int {
	buf := make([]byte, 8)
	var win []byte
	total := 0
	for {
		n, err := r.Read(buf)
		if err != nil {
			return total
		}
		win = buf[:n]
		for _, b := range win {
			total += int(b)
		}
	}
}

// safe: after the loop the pointer is only compared with nil.
func anyNamed(items []item) bool {
	var cur item
	var found *item
	for _, it := range items {
		cur = it
		if cur.Name != "" {
			found = &cur
		}
	}
	return found != nil
}

// safe: the loop ends right after the store, before anything writes the variable.
func firstNamed(items []item) *item {
	var cur item
	var found *item
	for _, it := range items {
		cur = it
		if cur.Name != "" {
			found = &cur
			break
		}
	}
	return found
}

// safe: from Go 1.22 every iteration has its own range variable.
func heaviest(items []item) *item {
	var best *item
	for _, it := range items {
		if best == nil || it.ID > best.ID {
			best = &it
		}
	}
	return best
}

// safe: the kept line is copied into an array of its own.
func repeats(sc *bufio.Scanner) int {
	var prev []byte
	n := 0
	for sc.Scan() {
		line := sc.Bytes()
		if bytes.Equal(line, prev) {
			n++
		}
		prev = append(prev[:0], line...)
	}
	return n
}

// safe: only the length of the kept line is read after the next Scan.
func longestRun(sc *bufio.Scanner) int {
	var prev []byte
	best := 0
	for sc.Scan() {
		if n := len(prev); n > best {
			best = n
		}
		prev = sc.Bytes()
	}
	return best
}

// safe: the two rows swap arrays; the read goes into the array prev no longer holds.
func rowSums(r io.Reader, width int) int {
	prev, cur := make([]byte, width), make([]byte, width)
	total := 0
	for {
		if _, err := io.ReadFull(r, cur); err != nil {
			return total
		}
		for i := range cur {
			total += int(cur[i]) - int(prev[i])
		}
		prev, cur = cur, prev
	}
}

// safe: the kept list is a cursor the loop consumes; it is refilled only once empty.
func pairs(lines []string) map[string]string {
	var pending, names []string
	out := map[string]string{}
	for _, l := range lines {
		if l == "" {
			names = names[:0]
			continue
		}
		if l[0] == '=' {
			pending = names
			continue
		}
		if len(pending) > 0 {
			var name string
			name, pending = pending[0], pending[1:]
			out[name] = l
			continue
		}
		names = append(names, l)
	}
	return out
}
