// Package waits holds launches whose launcher waits for each goroutine, in ways the
// text of the loop does not show at once.
package waits

import (
	"log"
	"sync"
	"time"
)

type batch struct {
	wg   sync.WaitGroup
	errs chan error
}

// settle waits for the batch's goroutines.
func (b *batch) settle() {
	b.wg.Wait()
}

// join waits for the next goroutine to report.
func join(errs chan error) error {
	return <-errs
}

// safe: each goroutine is waited for through a method of the package before the next
func settled(words []string) map[string]int {
	seen := map[string]int{}
	b := &batch{}
	for _, w := range words {
		b.wg.Add(1)
		go func() {
			defer b.wg.Done()
			seen[w]++
		}()
		b.settle()
	}
	return seen
}

// safe: each goroutine's report is received through a helper before the next starts
func joined(paths []string) map[string]bool {
	ok := map[string]bool{}
	errs := make(chan error)
	for _, p := range paths {
		go func() {
			ok[p] = true
			errs <- nil
		}()
		if err := join(errs); err != nil {
			log.Print(err)
		}
	}
	return ok
}

// safe: a select without a default blocks until the goroutine reports (or time runs out, and the loop ends)
func bounded(paths []string) map[string]bool {
	ok := map[string]bool{}
	errs := make(chan error)
	for _, p := range paths {
		go func() {
			ok[p] = true
			errs <- nil
		}()
		select {
		case err := <-errs:
			log.Print(err)
		case <-time.After(time.Second):
			return ok
		}
	}
	return ok
}

type queue struct {
	turn  chan struct{}
	sizes map[string]int
}

func newQueue() *queue {
	return &queue{turn: make(chan struct{}, 1), sizes: map[string]int{}}
}

// safe: a field channel made with one slot, taken before the write and given back after it
func (q *queue) measure(names []string) {
	for _, n := range names {
		go func() {
			q.turn <- struct{}{}
			defer func() { <-q.turn }()
			q.sizes[n] = len(n)
		}()
	}
}

// safe: the goroutine waits for a gate held in a field, which the launcher opens only after its own writes and waits for the goroutine after
func (j *job) prepared(steps []string) {
	go func() {
		<-j.start
		for _, s := range steps {
			j.marks[s]++
		}
		close(j.finish)
	}()
	j.marks["queued"] = len(steps)
	close(j.start)
	<-j.finish
	j.marks["done"] = 1
}

type job struct {
	start  chan struct{}
	finish chan struct{}
	marks  map[string]int
}

type registry struct {
	mu       sync.Mutex
	handlers map[string]func()
	calls    map[string]int
}

// Register adds a handler. It must be called before Dispatch is used by more than
// one goroutine.
//
// safe: a method documented as called before the value is shared
func (r *registry) Register(name string, h func()) {
	r.handlers[name] = h
}

// Unregister drops a handler while dispatching.
func (r *registry) Unregister(name string) {
	r.mu.Lock()
	defer r.mu.Unlock()
	delete(r.handlers, name)
}

// Replace swaps a handler while dispatching.
func (r *registry) Replace(name string, h func()) {
	r.mu.Lock()
	defer r.mu.Unlock()
	r.handlers[name] = h
}

// Dispatch calls a handler, counting the calls.
func (r *registry) Dispatch(name string) {
	r.mu.Lock()
	h := r.handlers[name]
	r.calls[name]++
	r.mu.Unlock()
	if h != nil {
		h()
	}
}

func newJob() *job {
	return &job{start: make(chan struct{}), finish: make(chan struct{}), marks: map[string]int{}}
}

func newRegistry() *registry {
	return &registry{handlers: map[string]func(){}, calls: map[string]int{}}
}
