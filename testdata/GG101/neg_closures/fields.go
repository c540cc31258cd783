package negclosures

import "sync"

// Batcher counts what it flushes.
type Batcher struct {
	init    sync.Once
	pending int
	flushed map[string]int
}

// NewBatcher leaves the counts to the first Flush.
func NewBatcher() *Batcher { return &Batcher{} }

// safe: the closure run by the Once makes the map before the write.
func (b *Batcher) Flush(name string) {
	b.init.Do(func() { b.flushed = map[string]int{} })
	b.pending++
	b.flushed[name]++
}

type counting struct {
	n     int
	byKey map[string]int
}

// safe: the closure called before each write makes the map when it is missing.
func count(keys []string) counting {
	var t counting
	bump := func() {
		t.n++
		if t.byKey == nil {
			t.byKey = map[string]int{}
		}
	}
	for _, k := range keys {
		bump()
		t.byKey[k]++
	}
	return t
}
