package main

import (
	"fmt"
	"sync"
)

// The same pages with the delete inside the lock.
type Pages struct {
	mu    sync.Mutex
	pages map[int][]byte
}

func (p *Pages) Fetch(n int, wg *sync.WaitGroup) {
	for i := 0; i < n; i++ {
		wg.Add(1)
		go func(i int) {
			defer wg.Done()
			p.mu.Lock()
			p.pages[i] = make([]byte, 8)
			p.mu.Unlock()
		}(i)
	}
}

func (p *Pages) Take(i int) []byte {
	p.mu.Lock()
	defer p.mu.Unlock()
	b := p.pages[i]
	delete(p.pages, i)
	return b
}

func main() {
	p := &Pages{pages: map[int][]byte{}}
	const n = 20_000
	var fill sync.WaitGroup
	p.Fetch(n, &fill)
	var wg sync.WaitGroup
	for g := 0; g < 4; g++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := g; i < n; i += 4 {
				p.Take(i)
			}
		}()
	}
	wg.Wait()
	fill.Wait()
	fmt.Println("ok")
}
