// Package outlives holds goroutines that their launcher waits for, or that hold the
// lock its other writers hold.
package outlives

import (
	"sync"
	"time"
)

// Index has no lock: its methods are called one at a time.
type Index struct {
	terms map[string]int
}

func NewIndex() *Index { return &Index{terms: map[string]int{}} }

// Add counts a term.
func (x *Index) Add(term string) {
	x.terms[term]++
}

// safe: the launcher waits for its goroutine (a deferred Wait) before it returns
func (x *Index) Rebuild(docs []string) {
	var wg sync.WaitGroup
	defer wg.Wait()
	wg.Add(1)
	go func() {
		defer wg.Done()
		for _, d := range docs {
			x.terms[d]++
		}
	}()
}

// safe: the launcher receives the goroutine's signal before it returns
func (x *Index) Load(docs []string) {
	done := make(chan struct{})
	go func() {
		defer close(done)
		for _, d := range docs {
			x.terms[d] = 1
		}
	}()
	<-done
}

// Terms is locked by its methods and by its decaying goroutine.
type Terms struct {
	mu    sync.Mutex
	terms map[string]int
}

func NewTerms() *Terms { return &Terms{terms: map[string]int{}} }

// safe: the exported writer holds the lock the goroutine holds
func (x *Terms) Forget(term string) {
	x.mu.Lock()
	defer x.mu.Unlock()
	delete(x.terms, term)
}

// safe: a goroutine that outlives the call, holding the lock every writer holds
func (x *Terms) Decay(every time.Duration) {
	go func() {
		for range time.Tick(every) {
			x.mu.Lock()
			for t := range x.terms {
				x.terms[t] /= 2
			}
			x.mu.Unlock()
		}
	}()
}

// queue is a helper type without a lock of its own: its owner's lock guards it.
type queue struct {
	pending map[int]string
}

// Push is called with the owner's lock held.
func (q *queue) Push(id int, v string) {
	q.pending[id] = v
}

type Owner struct {
	mu sync.Mutex
	q  *queue
}

func NewOwner() *Owner { return &Owner{q: &queue{pending: map[int]string{}}} }

// safe: the expiring goroutine holds the owner's lock, which every caller of the queue's methods holds too
func (o *Owner) Expire(every time.Duration) {
	q := o.q
	go func() {
		for range time.Tick(every) {
			o.mu.Lock()
			clear(q.pending)
			o.mu.Unlock()
		}
	}()
}

func (o *Owner) Submit(id int, v string) {
	o.mu.Lock()
	defer o.mu.Unlock()
	o.q.Push(id, v)
}

// Counter counts on a goroutine of its own until Close.
type Counter struct {
	counts map[string]int
	in     chan string
	quit   chan struct{}
	wg     sync.WaitGroup
}

func NewCounter() *Counter {
	return &Counter{counts: map[string]int{}, in: make(chan string), quit: make(chan struct{})}
}

func (c *Counter) Start() {
	c.wg.Add(1)
	go c.loop()
}

func (c *Counter) loop() {
	defer c.wg.Done()
	for {
		select {
		case k := <-c.in:
			c.counts[k]++
		case <-c.quit:
			return
		}
	}
}

// safe: Close waits for the goroutine before it writes the map
func (c *Counter) Close() {
	close(c.quit)
	c.wg.Wait()
	clear(c.counts)
}
