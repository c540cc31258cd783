// panics: assignment to entry in nil map
package main

import "fmt"

type Batcher struct {
	pending int
	limit   int
	flushed map[string]int
}

// NewBatcher makes the counts only with a limit.
func NewBatcher(limit int) *Batcher {
	b := &Batcher{limit: limit}
	if limit > 0 {
		b.flushed = map[string]int{}
	}
	return b
}

// Flush keeps a pending count with a deferred closure, then counts the flush.
func (b *Batcher) Flush(name string) {
	b.pending++
	defer func() { b.pending-- }()
	b.flushed[name]++ // want `nil map "b.flushed"`
}

func main() {
	b := NewBatcher(0)
	b.Flush("events")
	fmt.Println(b.pending)
}
