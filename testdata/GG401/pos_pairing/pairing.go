// Package pairing holds writes that take a lock, but not the one that guards the map.
package pairing

import (
	"net/http"
	"sync"
)

// Pool keeps connections by address; statsMu guards only the counters below it.
type Pool struct {
	mu    sync.Mutex
	conns map[string]int

	statsMu sync.Mutex
	dials   int
}

func NewPool() *Pool { return &Pool{conns: map[string]int{}} }

// Put holds the lock that guards conns.
func (p *Pool) Put(addr string, fd int) {
	p.mu.Lock()
	defer p.mu.Unlock()
	p.conns[addr] = fd
}

// Dial counts under the counters' lock and records the connection under it too.
func (p *Pool) Dial(addr string) {
	p.statsMu.Lock()
	defer p.statsMu.Unlock()
	p.dials++
	p.conns[addr] = p.dials // want `concurrent map writes: p.conns is written holding p.statsMu.Lock\(\), which does not guard it`
}

// Member has a lock of its own for its fields; the group's index is guarded by the
// group's lock.
type Member struct {
	mu   sync.Mutex
	Role string
}

type Group struct {
	mu     sync.Mutex
	byRole map[string]*Member
}

func NewGroup() *Group { return &Group{byRole: map[string]*Member{}} }

func (g *Group) Join(m *Member) {
	g.mu.Lock()
	defer g.mu.Unlock()
	g.byRole[m.Role] = m
}

// Promote holds the member's lock only, while it re-indexes the group.
func (g *Group) Promote(m *Member, role string) {
	m.mu.Lock()
	defer m.mu.Unlock()
	delete(g.byRole, m.Role) // want `concurrent map writes: g.byRole is written holding m.mu.Lock\(\), which does not guard it`
	m.Role = role
}

// Tracker is a handler; the request log lock is not the one that guards hits.
type Tracker struct {
	mu   sync.Mutex
	hits map[string]int

	logMu sync.Mutex
	log   []string
}

func (t *Tracker) Reset() {
	t.mu.Lock()
	defer t.mu.Unlock()
	clear(t.hits)
}

func (t *Tracker) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	t.logMu.Lock()
	t.log = append(t.log, r.URL.Path)
	t.hits[r.URL.Path]++ // want `concurrent map writes: t.hits is written holding t.logMu.Lock\(\), which does not guard it`
	t.logMu.Unlock()
}

func Serve(addr string) error {
	return http.ListenAndServe(addr, &Tracker{hits: map[string]int{}})
}

// Registry locks in Register; Import, exported as well, forgot to: one write each.
type Registry struct {
	mu    sync.Mutex
	kinds map[string]int
}

func NewRegistry() *Registry { return &Registry{kinds: map[string]int{}} }

func (r *Registry) Register(kind string, id int) {
	r.mu.Lock()
	defer r.mu.Unlock()
	r.kinds[kind] = id
}

func (r *Registry) Import(from map[string]int) {
	for k, v := range from {
		r.kinds[k] = v // want `concurrent map writes: r.kinds is written here with no lock held, but under r.mu.Lock\(\)`
	}
}
