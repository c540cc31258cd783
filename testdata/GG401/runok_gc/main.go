package main

import (
	"fmt"
	"sync"
)

// The collector and Issue share the type's mutex.
type Tickets struct {
	mu   sync.Mutex
	live map[int]int64
	stop chan struct{}
}

func NewTickets() *Tickets {
	t := &Tickets{live: map[int]int64{}, stop: make(chan struct{})}
	go t.collect()
	return t
}

func (t *Tickets) collect() {
	for i := 0; ; i++ {
		select {
		case <-t.stop:
			return
		default:
		}
		t.mu.Lock()
		delete(t.live, i%4096)
		t.mu.Unlock()
	}
}

func (t *Tickets) Issue(id int) {
	t.mu.Lock()
	defer t.mu.Unlock()
	t.live[id] = 1
}

func main() {
	t := NewTickets()
	for i := 0; i < 100_000; i++ {
		t.Issue(i % 4096)
	}
	close(t.stop)
	fmt.Println("ok")
}
