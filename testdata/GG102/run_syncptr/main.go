// panics: invalid memory address or nil pointer dereference
package main

import (
	"fmt"
	"sync"
)

type counter struct {
	mu     *sync.Mutex
	counts map[string]int
}

// The constructor makes the map and forgets the mutex.
func newCounter() *counter { return &counter{counts: map[string]int{}} }

func (c *counter) Inc(k string) {
	c.mu.Lock() // want `nil pointer "c.mu"`
	defer c.mu.Unlock()
	c.counts[k]++
}

func main() {
	c := newCounter()
	c.Inc("requests")
	fmt.Println(c.counts)
}
