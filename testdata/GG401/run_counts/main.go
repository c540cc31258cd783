// panics: fatal error: concurrent map writes
// attempts: 3
package main

import (
	"fmt"
	"runtime"
	"sync"
)

// Eight goroutines count into one map with no lock. The runtime's check is
// best-effort, so each goroutine writes many times: the crash is all but certain.
func main() {
	runtime.GOMAXPROCS(max(4, runtime.GOMAXPROCS(0)))
	counts := map[int]int{}
	var wg sync.WaitGroup
	for w := 0; w < 8; w++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := 0; i < 2_000_000; i++ {
				counts[i%1024]++ // want `concurrent map writes: counts is written by every goroutine this loop starts`
			}
		}()
	}
	wg.Wait()
	fmt.Println(len(counts))
}
