// Package reach holds the same ways in as pos_reach, each to a map that only one
// goroutine writes.
package reach

import (
	"maps"
	"net/http"
	"sync"
)

// safe: the goroutine a handler starts writes a map the request made
func audit(mux *http.ServeMux) {
	mux.HandleFunc("/audit", func(w http.ResponseWriter, r *http.Request) {
		seen := map[string]int{}
		done := make(chan struct{})
		go func() {
			defer close(done)
			seen[r.URL.Path]++
		}()
		<-done
		w.WriteHeader(len(seen))
	})
}

type Meter struct {
	mu     sync.Mutex
	totals map[string]int
	shards []map[string]int
}

func (m *Meter) snapshot() map[string]int {
	m.mu.Lock()
	defer m.mu.Unlock()
	return maps.Clone(m.totals)
}

// safe: a local holding a copy of the handler's map, not the map
func (m *Meter) sum(w http.ResponseWriter, r *http.Request) {
	totals := m.snapshot()
	totals[r.URL.Path]++
}

func (m *Meter) Mount(mux *http.ServeMux) {
	mux.HandleFunc("/sum", m.sum)
}

// safe: each goroutine writes its own shard, an element of a slice of maps
func (m *Meter) fill(keys []string) {
	var wg sync.WaitGroup
	for i := range m.shards {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for _, k := range keys {
				m.shards[i][k]++
			}
		}()
	}
	wg.Wait()
}

// safe: a function value held in a variable writes a map each call makes
func lengths(paths []string, out chan<- map[string]int) {
	measure := func(p string) {
		m := map[string]int{p: len(p)}
		out <- m
	}
	for _, p := range paths {
		go measure(p)
	}
}

type Shop struct {
	mu    sync.Mutex
	carts map[string]int
}

// safe: a route table whose handlers lock around their writes
func (s *Shop) add(w http.ResponseWriter, r *http.Request) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.carts[r.RemoteAddr]++
}

func (s *Shop) Routes(mux *http.ServeMux) {
	routes := map[string]http.HandlerFunc{"/cart": s.add}
	for p, h := range routes {
		mux.HandleFunc(p, h)
	}
}

// safe: a handler factory whose literal writes a map it makes per request
func headers(name string) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		h := map[string]string{}
		h["X-Name"] = name
		for k, v := range h {
			w.Header().Set(k, v)
		}
	}
}

func Mount(mux *http.ServeMux) {
	mux.Handle("/h", headers("x"))
}

type Sessions struct {
	mu   sync.Mutex
	last map[string]string
}

// safe: the handler behind an interface variable and a middleware locks
func (s *Sessions) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.last[r.RemoteAddr] = r.URL.Path
}

func logged(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		next.ServeHTTP(w, r)
	})
}

func ServeSessions(addr string) error {
	var h http.Handler = &Sessions{last: map[string]string{}}
	h = logged(h)
	return http.ListenAndServe(addr, h)
}

func NewShop() *Shop { return &Shop{carts: map[string]int{}} }
