package main

import "fmt"

// The loop blocks on a select without a default until the goroutine reports: one
// goroutine writes at a time.
func main() {
	counts := map[int]int{}
	reports := make(chan int)
	quit := make(chan struct{})
	for w := 0; w < 16; w++ {
		go func() {
			for i := 0; i < 10_000; i++ {
				counts[i%1024]++
			}
			reports <- w
		}()
		select {
		case <-reports:
		case <-quit:
			return
		}
	}
	fmt.Println(len(counts))
}
