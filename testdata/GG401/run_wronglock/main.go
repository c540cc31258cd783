// panics: fatal error: concurrent map writes
// attempts: 3
package main

import (
	"fmt"
	"runtime"
	"sync"
)

type worker struct {
	mu     sync.Mutex
	id     int
	claims int
}

// The index's owners are guarded by the index's lock.
type index struct {
	mu     sync.Mutex
	owners map[int]int
}

func (x *index) add(k, id int) {
	x.mu.Lock()
	x.owners[k] = id
	x.mu.Unlock()
}

// claim holds the worker's own lock, not the index's: workers claiming at once each
// hold a different lock, and write the map together.
func (x *index) claim(w *worker, k int) {
	w.mu.Lock()
	w.claims++
	x.owners[k] = w.id // want `concurrent map writes: x.owners is written holding w.mu.Lock\(\), which does not guard it`
	w.mu.Unlock()
}

func main() {
	runtime.GOMAXPROCS(max(4, runtime.GOMAXPROCS(0)))
	x := &index{owners: map[int]int{}}
	for k := 0; k < 1024; k++ {
		x.add(k, -1)
	}
	var wg sync.WaitGroup
	for g := 0; g < 8; g++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			w := &worker{id: g}
			for i := 0; i < 1_000_000; i++ {
				x.claim(w, i%1024)
			}
		}()
	}
	wg.Wait()
	fmt.Println(len(x.owners))
}
