// panics: fatal error: concurrent map writes
// attempts: 3
package main

import (
	"fmt"
	"runtime"
	"sync"
	"time"
)

// Cache records when each key was last read, holding only the read lock: every
// reader holds it at once, so their writes race.
type Cache struct {
	mu   sync.RWMutex
	data map[int]int
	seen map[int]time.Time
}

func (c *Cache) Get(k int) (int, bool) {
	c.mu.RLock()
	defer c.mu.RUnlock()
	v, ok := c.data[k]
	c.seen[k] = time.Time{} // want `concurrent map writes: c.seen is written`
	return v, ok
}

func (c *Cache) Put(k, v int) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.data[k] = v
	c.seen[k] = time.Time{}
}

func main() {
	runtime.GOMAXPROCS(max(4, runtime.GOMAXPROCS(0)))
	c := &Cache{data: map[int]int{}, seen: map[int]time.Time{}}
	var wg sync.WaitGroup
	for g := 0; g < 8; g++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := 0; i < 1_000_000; i++ {
				c.Get(i % 4096)
			}
		}()
	}
	wg.Wait()
	fmt.Println(len(c.seen))
}
