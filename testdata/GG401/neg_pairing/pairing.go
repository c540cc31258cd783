// Package pairing holds map fields guarded by a lock other than the nearest mutex,
// consistently.
package pairing

import (
	"net/http"
	"sync"
)

// registryMu guards every Table's rows: tables are linked to one another.
var registryMu sync.Mutex

type Table struct {
	mu   sync.Mutex // guards name
	name string
	rows map[int]string
}

func NewTable() *Table { return &Table{rows: map[int]string{}} }

// safe: the field is written under the package's lock at every write
func (t *Table) Insert(k int, v string) {
	registryMu.Lock()
	defer registryMu.Unlock()
	t.rows[k] = v
}

// safe: the same package lock as Insert
func (t *Table) Remove(k int) {
	registryMu.Lock()
	defer registryMu.Unlock()
	delete(t.rows, k)
}

// Shards hands out a lock per key through a helper that returns holding it.
type Shards struct {
	mu    sync.Mutex
	locks [8]sync.Mutex
	vals  map[string]int
}

func NewShards() *Shards { return &Shards{vals: map[string]int{}} }

func (s *Shards) lockFor(k string) func() {
	l := &s.locks[len(k)%8]
	l.Lock()
	return l.Unlock
}

// safe: a helper's lock, which the rule does not tell apart from the field's own
func (s *Shards) Set(k string, v int) {
	defer s.lockFor(k)()
	s.vals[k] = v
}

// safe: the struct's mutex around the write
func (s *Shards) Reset() {
	s.mu.Lock()
	defer s.mu.Unlock()
	clear(s.vals)
}

// Counter embeds its mutex: s.Lock() takes it.
type Counter struct {
	sync.Mutex
	byPath map[string]int
}

// safe: the embedded mutex, named by the value
func (c *Counter) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	c.Lock()
	defer c.Unlock()
	c.byPath[r.URL.Path]++
}

// safe: the embedded mutex, named by its type
func (c *Counter) Forget(p string) {
	c.Mutex.Lock()
	defer c.Mutex.Unlock()
	delete(c.byPath, p)
}

func Serve(addr string) error {
	return http.ListenAndServe(addr, &Counter{byPath: map[string]int{}})
}
