// Package outlives holds goroutines and timers that their launcher does not wait for:
// they run on after the call, beside the type's other methods and later calls.
package outlives

import (
	"sync"
	"time"
)

// Mailbox delivers mail on a goroutine that Attach starts and never waits for.
type Mailbox struct {
	unread map[string]int
	in     chan string
}

func NewMailbox() *Mailbox {
	return &Mailbox{unread: map[string]int{}, in: make(chan string)}
}

// Attach starts the delivery loop.
func (m *Mailbox) Attach() {
	go m.deliver()
}

func (m *Mailbox) deliver() {
	for to := range m.in {
		m.unread[to]++ // want `concurrent map writes: m.unread is written here with no lock held while Read writes it`
	}
}

// Read marks a user's mail read.
func (m *Mailbox) Read(user string) {
	delete(m.unread, user) // want `concurrent map writes: m.unread is written here with no lock held while deliver writes it`
}

// Backoff counts failures per key and forgets each after a delay, on a timer.
type Backoff struct {
	failures map[string]int
}

func NewBackoff() *Backoff { return &Backoff{failures: map[string]int{}} }

// Fail records a failure: a timer set by an earlier call may be forgetting another
// key at the same moment.
func (b *Backoff) Fail(key string, d time.Duration) {
	b.failures[key]++ // want `concurrent map writes: b.failures is written here with no lock held while the timer's function writes it`
	time.AfterFunc(d, func() {
		delete(b.failures, key) // want `concurrent map writes: b.failures is written here with no lock held while a later call of Fail writes it`
	})
}

// Peers is locked by its exported methods; the gossip goroutine forgot to.
type Peers struct {
	mu   sync.Mutex
	seen map[string]time.Time
}

func NewPeers() *Peers { return &Peers{seen: map[string]time.Time{}} }

func (p *Peers) Add(addr string) {
	p.mu.Lock()
	defer p.mu.Unlock()
	p.seen[addr] = time.Now() // want `concurrent map writes: p.seen is written here holding p.mu.Lock\(\) while the goroutine writes it \(line \d+\) with no lock held`
}

// Gossip starts a goroutine that prunes old peers, with no lock held.
func (p *Peers) Gossip(every time.Duration) {
	go func() {
		for range time.Tick(every) {
			for addr, at := range p.seen {
				if time.Since(at) > 10*every {
					delete(p.seen, addr) // want `concurrent map writes: p.seen is written here with no lock held while Add writes it \(line \d+\) holding p.mu.Lock\(\)`
				}
			}
		}
	}()
}
