package main

import "fmt"

// The function waits for the goroutine before its own writes.
func main() {
	m := map[int]bool{}
	done := make(chan struct{})
	go func() {
		for i := 0; i < 100_000; i++ {
			m[i%4096] = true
		}
		close(done)
	}()
	<-done
	for i := 0; i < 100_000; i++ {
		m[-(i % 4096)] = true
	}
	fmt.Println(len(m))
}
