// panics: assignment to entry in nil map
package main

import (
	"fmt"
	"sync"
)

// A waiter registry whose constructor forgets the map; the package only reads the
// field and deletes from it elsewhere, which does not make it.
type waiters struct {
	mu      sync.Mutex
	pending map[string]chan struct{}
	name    string
}

func newWaiters(name string) *waiters { return &waiters{name: name} }

func (w *waiters) done(id string) {
	w.mu.Lock()
	defer w.mu.Unlock()
	if ch, ok := w.pending[id]; ok {
		close(ch)
		delete(w.pending, id)
	}
}

func (w *waiters) wait(id string) chan struct{} {
	w.mu.Lock()
	defer w.mu.Unlock()
	ch, ok := w.pending[id]
	if !ok {
		ch = make(chan struct{})
		w.pending[id] = ch // want `nil map "w.pending"`
	}
	return ch
}

func main() {
	w := newWaiters("keys")
	w.done("a")
	fmt.Println(w.wait("a"), w.name)
}
