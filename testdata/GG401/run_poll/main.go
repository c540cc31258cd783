// panics: fatal error: concurrent map writes
// attempts: 3
package main

import (
	"fmt"
	"runtime"
)

// The loop polls for a goroutine's report with a select that has a default: on the
// path through the default it waits for nothing, so the goroutines write at once.
func main() {
	runtime.GOMAXPROCS(max(4, runtime.GOMAXPROCS(0)))
	counts := map[int]int{}
	reports := make(chan int)
	got := 0
	for w := 0; w < 16; w++ {
		go func() {
			for i := 0; i < 1_000_000; i++ {
				counts[i%1024]++ // want `concurrent map writes: counts is written by every goroutine this loop starts`
			}
			reports <- w
		}()
		select {
		case <-reports:
			got++
		default:
		}
	}
	for ; got < 16; got++ {
		<-reports
	}
	fmt.Println(len(counts))
}
