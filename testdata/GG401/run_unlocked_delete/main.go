// panics: fatal error: concurrent map writes
// attempts: 3
package main

import (
	"fmt"
	"runtime"
	"sync"
)

// Pages are filled by fetch goroutines under the lock; Take counts the pages under the
// lock but deletes after letting go: the deletes race with each other and the fillers.
type Pages struct {
	mu    sync.Mutex
	pages map[int][]byte
}

func (p *Pages) Fetch(from, n int) {
	go func() {
		for i := from; i < from+n; i++ {
			p.mu.Lock()
			p.pages[i] = make([]byte, 8) // want `concurrent map writes: p.pages is written here holding p.mu.Lock\(\) while Take writes it \(line \d+\) with no lock held`
			p.mu.Unlock()
			runtime.Gosched()
		}
	}()
}

func (p *Pages) Take(i int) int {
	p.mu.Lock()
	n := len(p.pages)
	p.mu.Unlock()
	delete(p.pages, i) // want `concurrent map writes: p.pages is written`
	return n
}

func main() {
	runtime.GOMAXPROCS(max(4, runtime.GOMAXPROCS(0)))
	p := &Pages{pages: map[int][]byte{}}
	const n = 1 << 20
	for i := 0; i < n; i++ {
		p.pages[i] = nil
	}
	p.Fetch(n, 64) // a few locked writes; the deletes then race with each other
	var wg sync.WaitGroup
	for g := 0; g < 8; g++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := g; i < n; i += 8 {
				p.Take(i)
			}
		}()
	}
	wg.Wait()
	fmt.Println("no crash")
}
