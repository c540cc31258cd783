package main

import "fmt"

type tracker struct {
	open map[int]bool
	acks chan int
}

// Drain runs the acknowledgement loop and waits for it before returning.
func (t *tracker) Drain() {
	done := make(chan struct{})
	go func() {
		defer close(done)
		for id := range t.acks {
			delete(t.open, id)
		}
	}()
	<-done
}

func (t *tracker) Send(id int) {
	t.open[id] = true
	t.acks <- id - 512
}

func main() {
	t := &tracker{open: map[int]bool{}, acks: make(chan int, 100_000)}
	for i := 0; i < 100_000; i++ {
		t.Send(i % 4096)
	}
	close(t.acks)
	t.Drain()
	fmt.Println(len(t.open))
}
