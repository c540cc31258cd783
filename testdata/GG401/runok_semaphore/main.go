package main

import (
	"fmt"
	"sync"
)

// A semaphore of one slot, taken around the work: one goroutine writes at a time.
func main() {
	counts := map[int]int{}
	sem := make(chan struct{}, 1)
	var wg sync.WaitGroup
	for w := 0; w < 16; w++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			sem <- struct{}{}
			for i := 0; i < 10_000; i++ {
				counts[i%1024]++
			}
			<-sem
		}()
	}
	wg.Wait()
	fmt.Println(len(counts))
}
