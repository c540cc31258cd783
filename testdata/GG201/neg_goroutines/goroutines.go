// Package goroutines: goroutines that own what they read, or are waited for before
// the next write.
package goroutines

import (
	"io"
	"sync"
)

func process(b []byte) { _ = b }

// safe: the buffer is made in the loop body, one per goroutine.
func fresh(r io.Reader) {
	for {
		buf := make([]byte, 512)
		n, err := r.Read(buf)
		if err != nil {
			return
		}
		go process(buf[:n])
	}
}

// safe: the loop waits for the goroutine before reading into the buffer again.
func waited(r io.Reader) {
	var wg sync.WaitGroup
	buf := make([]byte, 512)
	for {
		n, err := r.Read(buf)
		if err != nil {
			return
		}
		wg.Add(1)
		go func() {
			defer wg.Done()
			process(buf[:n])
		}()
		wg.Wait()
	}
}

// safe: a receive waits for the goroutine's answer before the next write.
func handshake(r io.Reader) {
	done := make(chan struct{})
	buf := make([]byte, 64)
	for {
		n, err := r.Read(buf)
		if err != nil {
			return
		}
		go func() {
			process(buf[:n])
			done <- struct{}{}
		}()
		<-done
	}
}

// safe: since Go 1.22 the loop variable is fresh per iteration.
func loopVar(items [][]byte) {
	for _, it := range items {
		go func() { process(it) }()
	}
}

// safe: a copy is handed to the goroutine.
func copied(r io.Reader) {
	buf := make([]byte, 512)
	for {
		n, err := r.Read(buf)
		if err != nil {
			return
		}
		c := append([]byte(nil), buf[:n]...)
		go process(c)
	}
}

// safe: an int passed by value.
func byValue(ids []int, out chan<- int) {
	var id int
	for _, x := range ids {
		id = x
		go func(v int) { out <- v }(id)
	}
}

// safe: started once; nothing writes the buffer after it.
func once(r io.Reader) {
	buf := make([]byte, 64)
	n, _ := r.Read(buf)
	go process(buf[:n])
}
