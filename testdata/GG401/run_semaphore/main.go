// panics: fatal error: concurrent map writes
// attempts: 3
package main

import (
	"fmt"
	"runtime"
	"sync"
)

// A semaphore of four slots limits how many goroutines run, but four at once still
// write the map together.
func main() {
	runtime.GOMAXPROCS(max(4, runtime.GOMAXPROCS(0)))
	counts := map[int]int{}
	sem := make(chan struct{}, 4)
	var wg sync.WaitGroup
	for w := 0; w < 16; w++ {
		sem <- struct{}{}
		wg.Add(1)
		go func() {
			defer func() { <-sem; wg.Done() }()
			for i := 0; i < 1_000_000; i++ {
				counts[i%1024]++ // want `concurrent map writes: counts is written by every goroutine this loop starts`
			}
		}()
	}
	wg.Wait()
	fmt.Println(len(counts))
}
