package main

import (
	"fmt"
	"sync"
)

type counter struct {
	mu     *sync.Mutex
	counts map[string]int
}

// The constructor makes both.
func newCounter() *counter { return &counter{mu: &sync.Mutex{}, counts: map[string]int{}} }

func (c *counter) Inc(k string) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.counts[k]++
}

func main() {
	c := newCounter()
	c.Inc("requests")
	fmt.Println(c.counts)
}
