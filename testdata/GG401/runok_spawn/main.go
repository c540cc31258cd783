package main

import (
	"fmt"
	"sync"
)

type tally struct {
	wg     sync.WaitGroup
	counts map[int]int
}

func (t *tally) add(n int) {
	t.wg.Add(1)
	go func() {
		defer t.wg.Done()
		for i := 0; i < 10_000; i++ {
			t.counts[(n+i)%1024]++
		}
	}()
}

// The loop waits for each goroutine before it starts the next.
func main() {
	t := &tally{counts: map[int]int{}}
	for n := 0; n < 64; n++ {
		t.add(n)
		t.wg.Wait()
	}
	fmt.Println(len(t.counts))
}
