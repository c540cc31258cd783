// panics: fatal error: concurrent map writes
// attempts: 3
package main

import (
	"fmt"
	"runtime"
)

// The goroutine fills one half of the map while the function that started it fills
// the other, before waiting: both writes race, and a crash trace may show either.
func main() {
	runtime.GOMAXPROCS(max(4, runtime.GOMAXPROCS(0)))
	m := map[int]bool{}
	done := make(chan struct{})
	go func() {
		for i := 0; i < 5_000_000; i++ {
			m[i%4096] = true // want `concurrent map writes: m is written by the goroutine and by main`
		}
		close(done)
	}()
	for i := 0; i < 5_000_000; i++ {
		m[-(i % 4096)] = true // want `concurrent map writes: m is written by main while the goroutine it started writes it`
	}
	<-done
	fmt.Println(len(m))
}
