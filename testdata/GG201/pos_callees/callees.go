// Package callees hands a reused buffer to a function or method of the package that
// keeps it (or a window of it) beyond the call: the reuse in the caller's loop then
// shows through whatever the callee kept.
package callees

import (
	"bufio"
	"io"
)

type item struct {
	kind byte
	name []byte
}

// Write keeps a window of p in the item.
func (it *item) Write(p []byte) (int, error) {
	it.kind = p[0]
	it.name = p[1:]
	return len(p), nil
}

type listing struct {
	items []item
}

// The scanner's bytes go into each item, and each item into the listing.
func (l *listing) Load(sc *bufio.Scanner) error {
	for sc.Scan() {
		var it item
		if _, err := it.Write(sc.Bytes()); err != nil { // want `sc.Bytes\(\) handed to it.Write, which keeps it in it, and with it appended to l.items, is the buffer of the scanner sc, and sc.Scan\(\) overwrites it on the next iteration`
			return err
		}
		l.items = append(l.items, it)
	}
	return sc.Err()
}

type frame struct {
	data []byte
}

// parse returns its argument inside the frame it builds.
func parse(b []byte) frame {
	return frame{data: b[:len(b)-1]}
}

// The frame parse returns is the read buffer.
func frames(r io.Reader) []frame {
	buf := make([]byte, 64)
	var out []frame
	for {
		n, err := r.Read(buf)
		if n > 1 {
			out = append(out, parse(buf[:n])) // want `buf\[:n\], returned by parse, appended to out shares the array of buf, and r.Read\(buf\) reads into it on the next iteration`
		}
		if err != nil {
			return out
		}
	}
}

type queue struct {
	pending [][]byte
}

// push keeps its argument in the queue reached through its receiver.
func (q *queue) push(b []byte) {
	q.pending = append(q.pending, b)
}

type server struct {
	q *queue
}

// The read buffer goes into a queue that outlives the loop.
func (s *server) serve(r io.Reader) error {
	buf := make([]byte, 512)
	for {
		n, err := r.Read(buf)
		if err != nil {
			return err
		}
		s.q.push(buf[:n]) // want `buf\[:n\] handed to s.q.push, which keeps it in s.q, shares the array of buf`
	}
}

var lines = make(chan []byte, 16)

// forward hands its argument to a goroutine.
func forward(b []byte) {
	go func() { lines <- b }()
}

// relay keeps its argument by handing it to forward.
func relay(b []byte) {
	forward(b)
}

// The scanner's bytes go to a goroutine two calls down.
func pump(sc *bufio.Scanner) {
	for sc.Scan() {
		relay(sc.Bytes()) // want `sc.Bytes\(\) handed to relay, which keeps it, is the buffer of the scanner sc`
	}
}
