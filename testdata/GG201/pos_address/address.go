// Package address stores the address of one variable where it outlives the next
// write to that variable: every entry ends up pointing at the same variable.
package address

import (
	"database/sql"
	"encoding/json"
)

type user struct {
	ID   int
	Name string
}

type entry struct {
	name *string
}

type node struct {
	val  *user
	next *node
}

// An outer variable given each name, its address kept per name.
func byName(names []string) map[string]*string {
	m := map[string]*string{}
	var name string
	for _, n := range names {
		name = n
		m[n] = &name // want `&name stored in m\[n\] points to the one variable name.*name = \.\.\. writes it again`
	}
	return m
}

// rows.Scan fills the one user on every row; the slice holds its address each time.
func loadUsers(rows *sql.Rows) ([]*user, error) {
	var out []*user
	var u user
	for rows.Next() {
		if err := rows.Scan(&u.ID, &u.Name); err != nil {
			return nil, err
		}
		out = append(out, &u) // want `&u appended to out points to the one variable u.*rows.Scan\(&u.ID, &u.Name\) writes it again`
	}
	return out, rows.Err()
}

// json.Unmarshal decodes into the same value each time.
func decodeAll(docs [][]byte) []*user {
	var out []*user
	var u user
	for _, d := range docs {
		if json.Unmarshal(d, &u) == nil {
			out = append(out, &u) // want `&u appended to out.*json.Unmarshal\(d, &u\) writes it again`
		}
	}
	return out
}

// A decoder's value sent to a consumer that reads it after the next Decode.
func stream(dec *json.Decoder, ch chan<- *user) {
	var u user
	for dec.More() {
		if dec.Decode(&u) != nil {
			return
		}
		ch <- &u // want `&u sent on ch points to the one variable u.*dec.Decode\(&u\) writes it again`
	}
	close(ch)
}

// The address of a field of the reused value.
func names(us []user) []*string {
	var out []*string
	var cur user
	for _, u := range us {
		cur = u
		out = append(out, &cur.Name) // want `&cur.Name appended to out points to the one variable cur`
	}
	return out
}

// Inside a composite literal.
func entries(names []string) []entry {
	var out []entry
	var n string
	for _, s := range names {
		n = s
		out = append(out, entry{name: &n}) // want `&n appended to out points to the one variable n`
	}
	return out
}

// Inside a pointer to a composite literal, kept per id.
func chain(us []user) map[int]*node {
	m := map[int]*node{}
	var u user
	for i := range us {
		u = us[i]
		m[u.ID] = &node{val: &u} // want `&u stored in m\[u.ID\] points to the one variable u`
	}
	return m
}

// A slice entry at a varying index.
func pointers(vals []int) []*int {
	ptrs := make([]*int, len(vals))
	var tmp int
	for i, v := range vals {
		tmp = v
		ptrs[i] = &tmp // want `&tmp stored in ptrs\[i\] points to the one variable tmp`
	}
	return ptrs
}

// A slice of a local array is the array's own storage.
func keys(ids []byte) [][]byte {
	var out [][]byte
	var k [2]byte
	for _, id := range ids {
		k[0] = id
		out = append(out, k[:]) // want `k\[:\] appended to out points to the one variable k.*k\[0\] = \.\.\. writes it again`
	}
	return out
}

// Two entries stored in straight-line code, with a write in between.
func pair() map[string]*int {
	m := map[string]*int{}
	x := 1
	m["one"] = &x // want `&x stored in m\["one"\] points to the one variable x, and x = \.\.\. writes it again later`
	x = 2
	m["two"] = &x
	return m
}

// The best so far, kept in a named result, while the loop keeps writing cur.
func best(us []user) (top *user) {
	var cur user
	for _, u := range us {
		cur = u
		if top == nil || cur.ID > top.ID {
			top = &cur // want `&cur stored in top points to the one variable cur`
		}
	}
	return top
}

type registry struct {
	last *string
}

// A field of the receiver keeps the address after the loop moved on.
func (r *registry) load(names []string) {
	var n string
	for _, s := range names {
		n = s
		if s != "" {
			r.last = &n // want `&n stored in r.last points to the one variable n`
		}
	}
}

// A variable captured from the enclosing function keeps the address.
func lastNonEmpty(names []string) *string {
	var last *string
	scan := func() {
		var n string
		for _, s := range names {
			n = s
			if s != "" {
				last = &n // want `&n stored in last points to the one variable n`
			}
		}
	}
	scan()
	return last
}

var seen []*user

// A package-level slice.
func remember(us []user) {
	var u user
	for i := range us {
		u = us[i]
		seen = append(seen, &u) // want `&u appended to seen points to the one variable u`
	}
}
