// panics: fatal error: concurrent map writes
// attempts: 3
package main

import (
	"fmt"
	"runtime"
	"sync"
)

type tally struct {
	wg     sync.WaitGroup
	counts map[int]int
}

// add starts one goroutine and returns: called in a loop, its goroutines write the map
// together.
func (t *tally) add(n int) {
	t.wg.Add(1)
	go func() {
		defer t.wg.Done()
		for i := 0; i < 100_000; i++ {
			t.counts[(n+i)%1024]++ // want `concurrent map writes: t.counts is written by every goroutine that add starts`
		}
	}()
}

func main() {
	runtime.GOMAXPROCS(max(4, runtime.GOMAXPROCS(0)))
	t := &tally{counts: map[int]int{}}
	for n := 0; n < 64; n++ {
		t.add(n)
	}
	t.wg.Wait()
	fmt.Println(len(t.counts))
}
