// panics: fatal error: concurrent map writes
// attempts: 3
package main

import (
	"fmt"
	"runtime"
)

type tracker struct {
	open map[int]bool
	acks chan int
}

// Watch starts the acknowledgement loop and returns: the goroutine runs on, beside
// the caller's later calls of Send.
func (t *tracker) Watch() {
	go func() {
		for id := range t.acks {
			delete(t.open, id) // want `concurrent map writes: t.open is written here with no lock held while Send writes it`
		}
	}()
}

func (t *tracker) Send(id int) {
	t.open[id] = true // want `concurrent map writes: t.open is written here with no lock held while the goroutine writes it`
	select {
	case t.acks <- id - 512:
	default:
	}
}

func main() {
	runtime.GOMAXPROCS(max(4, runtime.GOMAXPROCS(0)))
	t := &tracker{open: map[int]bool{}, acks: make(chan int, 1024)}
	t.Watch()
	for i := 0; i < 5_000_000; i++ {
		t.Send(i % 4096)
	}
	fmt.Println(len(t.open))
}
