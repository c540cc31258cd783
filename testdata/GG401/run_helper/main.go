// panics: fatal error: concurrent map writes
// attempts: 3
package main

import (
	"fmt"
	"runtime"
	"sync"
)

type Runner struct {
	found map[int]int
}

// tally writes the receiver's map; every check's goroutine calls it.
func (r *Runner) tally(n int) {
	for i := 0; i < n; i++ {
		r.found[i%512]++ // want `concurrent map writes: r.found is written by every goroutine this loop starts \(in r.tally`
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
	runtime.GOMAXPROCS(max(4, runtime.GOMAXPROCS(0)))
	r := &Runner{found: map[int]int{}}
	r.Run([]int{1_000_000, 1_000_000, 1_000_000, 1_000_000, 1_000_000, 1_000_000})
	fmt.Println(len(r.found))
}
