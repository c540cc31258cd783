// Package keeps hands the alias to a function of the package that keeps it: the
// store happens in the callee, the reuse in the caller's loop.
package keeps

import "io"

type vector struct {
	x, y int
}

var vectors []*vector

// appendVector keeps its parameter in a package-level slice.
func appendVector(v *vector) {
	vectors = append(vectors, v)
}

// index keeps its parameter in the map it is given.
func index(m map[string][]byte, k string, b []byte) {
	m[k] = b
}

type queue struct {
	items []*vector
}

// push keeps its parameter in the queue it is given.
func push(q *queue, v *vector) {
	q.items = append(q.items, v)
}

// One item, its address handed to appendVector on every iteration.
func load(points [][2]int) {
	var item vector
	for _, p := range points {
		item.x, item.y = p[0], p[1]
		appendVector(&item) // want `&item handed to appendVector, which keeps it, points to the one variable item`
	}
}

// A read buffer handed to a function that keeps it in a map.
func chunks(r io.Reader, keys []string) map[string][]byte {
	m := map[string][]byte{}
	buf := make([]byte, 8)
	for _, k := range keys {
		n, err := r.Read(buf)
		if err != nil {
			break
		}
		index(m, k, buf[:n]) // want `buf\[:n\] handed to index, which keeps it, shares the array of buf`
	}
	return m
}

// Pushed through a pointer parameter.
func fill(q *queue, xs []int) {
	var v vector
	for _, x := range xs {
		v.x = x
		push(q, &v) // want `&v handed to push, which keeps it, points to the one variable v`
	}
}
