// Package possync holds pointer fields of sync types that a creation site leaves nil:
// the first Lock (Add, Do, ...) dereferences the nil pointer.
package possync

import "sync"

type counter struct {
	mu     *sync.Mutex
	counts map[string]int
}

func newCounter() *counter { return &counter{counts: map[string]int{}} }

// The constructor forgets the mutex, and nothing else sets it.
func (c *counter) Inc(k string) {
	c.mu.Lock() // want `nil pointer "c.mu"`
	defer c.mu.Unlock()
	c.counts[k]++
}

type Pool struct {
	Guard *sync.RWMutex
	items []int
}

// NewPool makes the lock only for a shared pool.
func NewPool(shared bool) *Pool {
	p := &Pool{}
	if shared {
		p.Guard = &sync.RWMutex{}
	}
	return p
}

// An exported method locks without asking whether the pool is shared.
func (p *Pool) Add(v int) {
	p.Guard.Lock() // want `nil pointer "p.Guard"`
	p.items = append(p.items, v)
	p.Guard.Unlock()
}

type batch struct {
	wg   *sync.WaitGroup
	jobs []func()
}

// A WaitGroup pointer nothing in the package ever sets.
func (b *batch) run() {
	for _, j := range b.jobs {
		b.wg.Add(1) // want `nil pointer "b.wg"`
		go func(j func()) {
			defer b.wg.Done() // want `nil pointer "b.wg"`
			j()
		}(j)
	}
	b.wg.Wait() // want `nil pointer "b.wg"`
}

// Client resolves its token once.
type Client struct {
	once  *sync.Once
	token string
}

// NewClient makes the Once.
func NewClient() *Client { return &Client{once: new(sync.Once)} }

// Anonymous forgets it.
func Anonymous() *Client { return &Client{token: "anonymous"} }

// The closure handed to Do sets a field of the receiver, but Do dereferences the
// Once before the closure can run.
func (c *Client) Token() string {
	c.once.Do(func() { c.token = "resolved" }) // want `nil pointer "c.once"`
	return c.token
}
