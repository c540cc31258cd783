// Package negsync holds the safe twins of possync.
package negsync

import "sync"

type counter struct {
	mu     *sync.Mutex
	counts map[string]int
}

func newCounter() *counter { return &counter{mu: &sync.Mutex{}, counts: map[string]int{}} }

// safe: the constructor makes the mutex.
func (c *counter) Inc(k string) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.counts[k]++
}

type Pool struct {
	Mu    *sync.RWMutex
	items []int
}

func NewPool(shared bool) *Pool {
	p := &Pool{}
	if shared {
		p.Mu = &sync.RWMutex{}
	}
	return p
}

// safe: the lock is taken only when the pool has one.
func (p *Pool) Add(v int) {
	if p.Mu != nil {
		p.Mu.Lock()
		defer p.Mu.Unlock()
	}
	p.items = append(p.items, v)
}

type guarded struct {
	mu sync.Mutex
	n  int
}

// safe: a mutex held by value needs no make.
func (g *guarded) Inc() {
	g.mu.Lock()
	g.n++
	g.mu.Unlock()
}

type lazy struct {
	once *sync.Once
	val  int
}

// safe: the pointer is made where it is first needed.
func (l *lazy) Get() int {
	if l.once == nil {
		l.once = new(sync.Once)
	}
	l.once.Do(func() { l.val = 42 })
	return l.val
}

// Client resolves its token once.
type Client struct {
	once  *sync.Once
	token string
}

// NewClient makes the Once.
func NewClient() *Client { return &Client{once: new(sync.Once)} }

// Anonymous makes it as well.
func Anonymous() *Client { return &Client{once: new(sync.Once), token: "anonymous"} }

// safe: every constructor makes the Once the closure runs under.
func (c *Client) Token() string {
	c.once.Do(func() { c.token = "resolved" })
	return c.token
}
