package main

import (
	"fmt"
	"sync"
)

type tally struct {
	turn   chan struct{}
	counts map[int]int
}

// A field channel made with one slot, taken before the writes and given back after
// them: one goroutine writes at a time.
func main() {
	t := &tally{turn: make(chan struct{}, 1), counts: map[int]int{}}
	var wg sync.WaitGroup
	for w := 0; w < 16; w++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			t.turn <- struct{}{}
			defer func() { <-t.turn }()
			for i := 0; i < 10_000; i++ {
				t.counts[i%1024]++
			}
		}()
	}
	wg.Wait()
	fmt.Println(len(t.counts))
}
