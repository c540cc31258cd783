// panics: fatal error: concurrent map writes
// attempts: 3
package main

import (
	"fmt"
	"runtime"
)

// Tickets starts a collector goroutine for the value's lifetime; Issue, an exported
// method, writes the map the collector deletes from, neither holding a lock.
type Tickets struct {
	live map[int]int64
}

func NewTickets() *Tickets {
	t := &Tickets{live: map[int]int64{}}
	go t.collect()
	return t
}

func (t *Tickets) collect() {
	for i := 0; ; i++ {
		delete(t.live, i%4096) // want `concurrent map writes: t.live is written here with no lock held while Issue writes it`
	}
}

func (t *Tickets) Issue(id int) {
	t.live[id] = 1 // want `concurrent map writes: t.live is written here with no lock held while collect writes it`
}

func main() {
	runtime.GOMAXPROCS(max(4, runtime.GOMAXPROCS(0)))
	t := NewTickets()
	for i := 0; i < 20_000_000; i++ {
		t.Issue(i % 4096)
	}
	fmt.Println("no crash")
}
