// Package readbeside counts events on a goroutine, with readers that hold the lock or
// only ask for the size.
package readbeside

import "sync"

type Meter struct {
	mu     sync.Mutex
	counts map[string]int
}

func NewMeter(events <-chan string) *Meter {
	m := &Meter{counts: map[string]int{}}
	go func() {
		for e := range events {
			m.mu.Lock()
			m.counts[e]++
			m.mu.Unlock()
		}
	}()
	return m
}

// safe: the read holds the lock the goroutine's write holds
func (m *Meter) Count(e string) int {
	m.mu.Lock()
	defer m.mu.Unlock()
	return m.counts[e]
}

type Tally struct {
	seen map[string]bool
	done chan struct{}
}

func NewTally(events <-chan string) *Tally {
	t := &Tally{seen: map[string]bool{}, done: make(chan struct{})}
	go func() {
		defer close(t.done)
		for e := range events {
			t.seen[e] = true
		}
	}()
	return t
}

// safe: len does not check for a writer (the runtime reads the count alone)
func (t *Tally) Size() int { return len(t.seen) }

// safe: waits for the goroutine before reading
func (t *Tally) Seen(e string) bool {
	<-t.done
	return t.seen[e]
}
