package main

import (
	"fmt"
	"sync"
)

type worker struct {
	mu     sync.Mutex
	id     int
	claims int
}

type index struct {
	mu     sync.Mutex
	owners map[int]int
}

func (x *index) add(k, id int) {
	x.mu.Lock()
	x.owners[k] = id
	x.mu.Unlock()
}

// claim counts under the worker's lock, then writes the index under the index's.
func (x *index) claim(w *worker, k int) {
	w.mu.Lock()
	w.claims++
	w.mu.Unlock()
	x.mu.Lock()
	x.owners[k] = w.id
	x.mu.Unlock()
}

func main() {
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
			for i := 0; i < 20_000; i++ {
				x.claim(w, i%1024)
			}
		}()
	}
	wg.Wait()
	fmt.Println(len(x.owners))
}
