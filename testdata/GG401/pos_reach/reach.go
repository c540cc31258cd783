// Package reach holds racing writes reached through a handler's goroutine, a local
// name of a shared map, an element of one, a function value held in a variable, and
// handlers that reach the server through tables, factories, variables and middleware.
package reach

import (
	"log"
	"net/http"
	"strings"
	"sync"
)

// group runs functions on goroutines, as errgroup.Group does.
type group struct{ wg sync.WaitGroup }

func (g *group) Go(f func() error) {
	g.wg.Add(1)
	go func() {
		defer g.wg.Done()
		_ = f()
	}()
}

func (g *group) Wait() error {
	g.wg.Wait()
	return nil
}

// A goroutine started by a handler runs once per request: its copies share what the
// handler shares.
func audit(mux *http.ServeMux) {
	seen := map[string]int{}
	mux.HandleFunc("/audit", func(w http.ResponseWriter, r *http.Request) {
		go func() {
			seen[r.URL.Path]++ // want `concurrent map writes: seen is written by every goroutine that the handler starts for a request`
		}()
		w.WriteHeader(http.StatusAccepted)
	})
}

type Meter struct {
	byTenant map[string]map[string]int
	totals   map[string]int
}

func NewMeter(tenants []string) *Meter {
	m := &Meter{byTenant: map[string]map[string]int{}, totals: map[string]int{}}
	for _, t := range tenants {
		m.byTenant[t] = map[string]int{}
	}
	return m
}

// An element of the handler's map is one map for every request naming that tenant.
func (m *Meter) record(w http.ResponseWriter, r *http.Request) {
	tenant := r.Header.Get("Tenant")
	m.byTenant[tenant][r.URL.Path]++ // want `concurrent map writes: m.byTenant\[tenant\] is written by every goroutine that serves a request`
}

// A local name of the handler's map is the same map.
func (m *Meter) sum(w http.ResponseWriter, r *http.Request) {
	totals := m.totals
	totals[r.URL.Path]++ // want `concurrent map writes: totals is written by every goroutine that serves a request`
}

func (m *Meter) Mount(mux *http.ServeMux) {
	mux.HandleFunc("/record", m.record)
	mux.HandleFunc("/sum", m.sum)
}

// A function value held in a variable, started with go in a loop.
func owners(paths []string) map[string]string {
	owner := map[string]string{}
	var wg sync.WaitGroup
	assign := func(p string) {
		defer wg.Done()
		owner[p] = strings.SplitN(p, "/", 2)[0] // want `concurrent map writes: owner is written by every goroutine this loop starts`
	}
	for _, p := range paths {
		wg.Add(1)
		go assign(p)
	}
	wg.Wait()
	return owner
}

// The same, handed to an errgroup.
func sizes(names []string) (map[string]int, error) {
	size := map[string]int{}
	var g group
	for _, n := range names {
		measure := func() error {
			size[n] = len(n) // want `concurrent map writes: size is written by every goroutine this loop starts`
			return nil
		}
		g.Go(measure)
	}
	return size, g.Wait()
}

// The launcher writes the map in the loop that starts the goroutines deleting from it.
func expire(keys []string, done chan<- string) {
	live := map[string]bool{}
	for _, k := range keys {
		live[k] = true // want `concurrent map writes: live is written by expire while the goroutines it starts in the loop write it`
		go func() {
			delete(live, k) // want `concurrent map writes: live is written by every goroutine this loop starts`
			done <- k
		}()
	}
}

// Routes in a table of structs, registered in a loop.
type Shop struct {
	carts map[string]int
	views map[string]int
}

func (s *Shop) add(w http.ResponseWriter, r *http.Request) {
	s.carts[r.RemoteAddr]++ // want `concurrent map writes: s.carts is written by every goroutine that serves a request`
}

func (s *Shop) view(w http.ResponseWriter, r *http.Request) {
	s.views[r.URL.Path]++ // want `concurrent map writes: s.views is written by every goroutine that serves a request`
}

func (s *Shop) Routes(mux *http.ServeMux) {
	table := []struct {
		path string
		h    http.HandlerFunc
	}{
		{"/cart", s.add},
		{path: "/view", h: s.view},
	}
	for _, rt := range table {
		mux.HandleFunc(rt.path, rt.h)
	}
}

// A handler factory: each returned literal writes the store's map.
type Limits struct {
	used map[string]int
}

func (l *Limits) quota(max int) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		l.used[r.RemoteAddr]++ // want `concurrent map writes: l.used is written by every goroutine that serves a request`
		if l.used[r.RemoteAddr] > max {
			w.WriteHeader(http.StatusTooManyRequests)
		}
	}
}

func (l *Limits) Mount(mux *http.ServeMux) {
	mux.Handle("/api", l.quota(100))
}

// A handler held in an interface variable, wrapped in a middleware of the package.
type Sessions struct {
	last map[string]string
}

func (s *Sessions) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	s.last[r.RemoteAddr] = r.URL.Path // want `concurrent map writes: s.last is written by every goroutine that serves a request`
}

func logged(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		log.Print(r.URL.Path)
		next.ServeHTTP(w, r)
	})
}

func ServeSessions(addr string) error {
	var h http.Handler = &Sessions{last: map[string]string{}}
	h = logged(h)
	return http.ListenAndServe(addr, h)
}

func NewShop() *Shop { return &Shop{carts: map[string]int{}, views: map[string]int{}} }

func NewLimits() *Limits { return &Limits{used: map[string]int{}} }
