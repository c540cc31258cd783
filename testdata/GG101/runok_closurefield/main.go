package main

import (
	"fmt"
	"sync"
)

type Batcher struct {
	init    sync.Once
	pending int
	flushed map[string]int
}

func NewBatcher() *Batcher { return &Batcher{} }

func (b *Batcher) Flush(name string) {
	b.init.Do(func() { b.flushed = map[string]int{} })
	b.pending++
	b.flushed[name]++
}

type counting struct {
	n     int
	byKey map[string]int
}

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

func main() {
	b := NewBatcher()
	b.Flush("events")
	fmt.Println(b.pending, b.flushed, count([]string{"a", "b", "a"}))
}
