// panics: fatal error: concurrent map writes
// attempts: 3
package main

import (
	"fmt"
	"maps"
	"runtime"
	"sync"
)

// Goroutines copy their part into one shared map: maps.Copy writes dst.
func main() {
	runtime.GOMAXPROCS(max(4, runtime.GOMAXPROCS(0)))
	all := map[int]int{}
	var wg sync.WaitGroup
	for g := 0; g < 16; g++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			part := map[int]int{}
			for i := 0; i < 4096; i++ {
				part[g*4096+i] = i
			}
			for n := 0; n < 50; n++ {
				maps.Copy(all, part) // want `concurrent map writes: all is written by every goroutine this loop starts`
			}
		}()
	}
	wg.Wait()
	fmt.Println(len(all))
}
