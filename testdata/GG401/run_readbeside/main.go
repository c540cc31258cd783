// panics: fatal error: concurrent map read and map write
// attempts: 3
package main

import (
	"fmt"
	"runtime"
	"strconv"
)

type Meter struct {
	counts map[string]int
}

// NewMeter counts events on a goroutine it never waits for.
func NewMeter(n int) *Meter {
	m := &Meter{counts: map[string]int{}}
	go func() {
		for i := 0; ; i++ {
			m.counts[strconv.Itoa(i%n)]++ // want `concurrent map read and map write: m.counts is written here with no lock held while Count reads it`
		}
	}()
	return m
}

func (m *Meter) Count(e string) int {
	return m.counts[e] // want `concurrent map read and map write: m.counts is read here with no lock held`
}

func main() {
	runtime.GOMAXPROCS(max(4, runtime.GOMAXPROCS(0)))
	m := NewMeter(4096)
	total := 0
	for i := 0; i < 50_000_000; i++ {
		total += m.Count(strconv.Itoa(i % 4096))
	}
	fmt.Println(total)
}
