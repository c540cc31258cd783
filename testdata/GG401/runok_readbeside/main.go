package main

import (
	"fmt"
	"runtime"
	"strconv"
	"sync"
)

type Meter struct {
	mu     sync.Mutex
	counts map[string]int
}

// NewMeter counts a fixed number of events on a goroutine, each under the lock.
func NewMeter(n int) *Meter {
	m := &Meter{counts: map[string]int{}}
	go func() {
		for i := 0; i < 2_000_000; i++ {
			m.mu.Lock()
			m.counts[strconv.Itoa(i%n)]++
			m.mu.Unlock()
		}
	}()
	return m
}

func (m *Meter) Count(e string) int {
	m.mu.Lock()
	defer m.mu.Unlock()
	return m.counts[e]
}

func main() {
	runtime.GOMAXPROCS(max(4, runtime.GOMAXPROCS(0)))
	m := NewMeter(4096)
	total := 0
	for i := 0; i < 2_000_000; i++ {
		total += m.Count(strconv.Itoa(i % 4096))
	}
	fmt.Println(total > 0)
}
