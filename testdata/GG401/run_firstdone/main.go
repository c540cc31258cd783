// panics: fatal error: concurrent map writes
// attempts: 3
package main

import (
	"fmt"
	"runtime"
	"sync"
)

// A channel of one slot that each goroutine fills only after its writes, to name the
// first to finish: it orders nothing before the writes, which race.
func main() {
	runtime.GOMAXPROCS(max(4, runtime.GOMAXPROCS(0)))
	counts := map[int]int{}
	first := make(chan int, 1)
	var wg sync.WaitGroup
	for w := 0; w < 16; w++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := 0; i < 1_000_000; i++ {
				counts[i%1024]++ // want `concurrent map writes: counts is written by every goroutine this loop starts`
			}
			select {
			case first <- w:
			default:
			}
		}()
	}
	wg.Wait()
	fmt.Println(len(counts), <-first >= 0)
}
