// Package single starts one goroutine and writes its map in the launching function
// before waiting for it.
package single

import (
	"sync"
	"time"
)

// The goroutine and the function that started it write the same map.
func prime() map[string]int {
	m := map[string]int{}
	var wg sync.WaitGroup
	wg.Add(1)
	go func() {
		defer wg.Done()
		m["background"] = 1 // want `concurrent map writes: m is written by the goroutine and by prime after starting it`
	}()
	m["foreground"] = 2 // want `concurrent map writes: m is written by prime while the goroutine it started`
	wg.Wait()
	return m
}

// A timer's function runs on its own goroutine.
func schedule(m map[string]int) *time.Timer {
	t := time.AfterFunc(time.Millisecond, func() {
		m["fired"]++ // want `concurrent map writes: m is written by the goroutine and by schedule after starting it`
	})
	m["scheduled"]++ // want `concurrent map writes: m is written by schedule while the goroutine it started`
	return t
}

// The launcher deletes while the goroutine inserts.
func churn(m map[int]int, done chan<- struct{}) {
	go func() {
		for i := 0; i < 10; i++ {
			m[i] = i // want `concurrent map writes: m is written by the goroutine and by churn`
		}
		done <- struct{}{}
	}()
	for i := 0; i < 10; i++ {
		delete(m, i) // want `concurrent map writes: m is written by churn while the goroutine it started`
	}
}

// Sessions starts its sweeper as a literal in the constructor; Add, exported, writes
// the map the sweeper deletes from, neither holding a lock.
type Sessions struct {
	byID map[int]string
}

func NewSessions() *Sessions {
	s := &Sessions{byID: map[int]string{}}
	go func() {
		for id := 0; ; id++ {
			delete(s.byID, id%64) // want `concurrent map writes: s.byID is written here with no lock held while Add writes it`
		}
	}()
	return s
}

func (s *Sessions) Add(id int, name string) {
	s.byID[id] = name // want `concurrent map writes: s.byID is written here with no lock held while the goroutine writes it`
}
