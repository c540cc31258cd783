package main

import (
	"fmt"
	"sync"
)

type Runner struct {
	mu    sync.Mutex
	found map[int]int
}

// tally holds the runner's lock around its writes.
func (r *Runner) tally(n int) {
	r.mu.Lock()
	defer r.mu.Unlock()
	for i := 0; i < n; i++ {
		r.found[i%512]++
	}
}

func (r *Runner) Run(checks []int) {
	var wg sync.WaitGroup
	for _, c := range checks {
		wg.Add(1)
		go func() {
			defer wg.Done()
			r.tally(c)
		}()
	}
	wg.Wait()
}

func main() {
	r := &Runner{found: map[int]int{}}
	r.Run([]int{10_000, 10_000, 10_000, 10_000})
	fmt.Println(len(r.found))
}
