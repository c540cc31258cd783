// Package fresh: each stored alias refers to a variable or array of its own, or
// nothing writes it again while the store can be read.
package fresh

import (
	"encoding/json"
	"io"
)

type user struct {
	ID   int
	Name string
}

type node struct {
	next *node
	val  *int
}

// safe: the variable is declared inside the loop body, one per iteration.
func byName(names []string) map[string]*string {
	m := map[string]*string{}
	for _, n := range names {
		name := n
		m[n] = &name
	}
	return m
}

// safe: since Go 1.22 (this module's version) a range variable is fresh per iteration.
func rangeVar(names []string) []*string {
	var out []*string
	for _, n := range names {
		out = append(out, &n)
	}
	return out
}

// safe: since Go 1.22 a three-clause loop variable is fresh per iteration too.
func threeClause(n int) []*int {
	var out []*int
	for i := 0; i < n; i++ {
		out = append(out, &i)
	}
	return out
}

// safe: range over an integer, fresh per iteration.
func rangeInt(n int) []*int {
	var out []*int
	for i := range n {
		out = append(out, &i)
	}
	return out
}

// safe: stored once and never written again.
func once(m map[string]*int) {
	x := 42
	m["answer"] = &x
}

// safe: the pointer is used within the iteration only.
func within(vals []int) int {
	var x, sum int
	for _, v := range vals {
		x = v
		p := &x
		sum += *p
	}
	return sum
}

// safe: returning the address ends the function; nothing writes the variable later.
func newUser(id int) *user {
	u := user{ID: id}
	return &u
}

// safe: a fresh buffer is made before each store (the slice value is stored, not
// the variable's address).
func remade(r io.Reader) [][]byte {
	var out [][]byte
	var buf []byte
	for {
		buf = make([]byte, 8)
		n, err := r.Read(buf)
		out = append(out, buf[:n])
		if err != nil {
			return out
		}
	}
}

// safe: a buffer declared in the loop is a new array on every iteration.
func declaredInLoop(r io.Reader) [][]byte {
	var out [][]byte
	for {
		buf := make([]byte, 8)
		n, err := r.Read(buf)
		out = append(out, buf[:n])
		if err != nil {
			return out
		}
	}
}

// safe: the loop stops after the store; no later iteration writes x.
func firstMatch(vals []int, m map[string]*int) {
	var x int
	for _, v := range vals {
		x = v
		if x > 10 {
			m["big"] = &x
			break
		}
	}
}

// safe: the address of a parameter, stored once.
func register(reg map[int]*user, u user) {
	reg[u.ID] = &u
}

// safe: a fresh value each decode (declared in the loop).
func decodeEach(docs [][]byte) []*user {
	var out []*user
	for _, d := range docs {
		var u user
		if json.Unmarshal(d, &u) == nil {
			out = append(out, &u)
		}
	}
	return out
}

// safe: the address of a slice element, not of a reused variable.
func elements(us []user) []*user {
	var out []*user
	for i := range us {
		out = append(out, &us[i])
	}
	return out
}

type holder struct {
	buf []byte
}

// safe: the field lives where the pointer points, not in a local.
func (h *holder) view(out [][]byte) [][]byte {
	return append(out, h.buf)
}

// safe: the same constant entry is replaced by every store; only one entry exists.
func current(vals []int) map[string]*int {
	m := map[string]*int{}
	var x int
	for _, v := range vals {
		x = v
		m["cur"] = &x
	}
	return m
}

// safe: a field of a local value that is itself overwritten; nothing keeps it.
func links(vals []int) int {
	var cur node
	var x, n int
	for _, v := range vals {
		x = v
		cur.val = &x
		n += *cur.val
	}
	return n
}

// safe: the row is remade (nil, then appended) before each store.
func rows(vals [][]string) [][]string {
	var row []string
	var out [][]string
	for _, v := range vals {
		row = nil
		row = append(row, v...)
		out = append(out, row)
	}
	return out
}

// safe: the buffer is made with a fresh array before each store.
func rowsMade(vals [][]string) [][]string {
	var out [][]string
	var row []string
	for _, v := range vals {
		row = make([]string, 0, len(v))
		row = append(row, v...)
		out = append(out, row)
	}
	return out
}

// safe: a channel send of a buffer made for each message.
func produce(r io.Reader, ch chan<- []byte) {
	for {
		b := make([]byte, 64)
		n, err := r.Read(b)
		if err != nil {
			close(ch)
			return
		}
		ch <- b[:n]
	}
}

// safe: the buffer is sent once and the function ends.
func sendOnce(r io.Reader, ch chan<- []byte) {
	buf := make([]byte, 64)
	n, _ := r.Read(buf)
	ch <- buf[:n]
}

// safe: the variable is reused for a second, separate list once the first is done.
func twoCases(check func([]*int)) {
	var first, second []*int
	x := 1
	first = append(first, &x)
	check(first)
	x = 2
	second = append(second, &x)
	check(second)
}
