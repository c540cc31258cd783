package main

import (
	"fmt"
	"sync"
	"time"
)

// The same cache taking the write lock where it writes: readers are serialised there.
type Cache struct {
	mu   sync.RWMutex
	data map[int]int
	seen map[int]time.Time
}

func (c *Cache) Get(k int) (int, bool) {
	c.mu.Lock()
	defer c.mu.Unlock()
	v, ok := c.data[k]
	c.seen[k] = time.Time{}
	return v, ok
}

func (c *Cache) Len() int {
	c.mu.RLock()
	defer c.mu.RUnlock()
	return len(c.seen)
}

func main() {
	c := &Cache{data: map[int]int{}, seen: map[int]time.Time{}}
	var wg sync.WaitGroup
	for g := 0; g < 8; g++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := 0; i < 20_000; i++ {
				c.Get(i % 4096)
			}
		}()
	}
	wg.Wait()
	fmt.Println(c.Len())
}
