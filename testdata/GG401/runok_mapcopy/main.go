package main

import (
	"fmt"
	"maps"
	"runtime"
	"sync"
)

// The same copies, each holding the lock.
func main() {
	runtime.GOMAXPROCS(max(4, runtime.GOMAXPROCS(0)))
	all := map[int]int{}
	var (
		wg sync.WaitGroup
		mu sync.Mutex
	)
	for g := 0; g < 16; g++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			part := map[int]int{}
			for i := 0; i < 4096; i++ {
				part[g*4096+i] = i
			}
			for n := 0; n < 50; n++ {
				mu.Lock()
				maps.Copy(all, part)
				mu.Unlock()
			}
		}()
	}
	wg.Wait()
	fmt.Println(len(all))
}
