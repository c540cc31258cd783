package loops

import (
	"net/http"
	"sync"
)

// group runs functions on goroutines, as errgroup.Group does.
type group struct {
	wg  sync.WaitGroup
	err error
}

func (g *group) Go(f func() error) {
	g.wg.Add(1)
	go func() {
		defer g.wg.Done()
		_ = f()
	}()
}

func (g *group) Wait() error {
	g.wg.Wait()
	return g.err
}

// A group's Go in a loop: every function writes the captured map.
func sizes(names []string) map[string]int {
	var g group
	m := map[string]int{}
	for _, n := range names {
		g.Go(func() error {
			m[n] = len(n) // want `concurrent map writes: m is written by every goroutine this loop starts`
			return nil
		})
	}
	_ = g.Wait()
	return m
}

type state struct {
	seen map[string]bool
}

type registry struct {
	inner state
}

// A map reached through two fields of a shared pointer.
func (r *registry) mark(keys []string) {
	var wg sync.WaitGroup
	for _, k := range keys {
		wg.Add(1)
		go func() {
			defer wg.Done()
			r.inner.seen[k] = true // want `concurrent map writes: r.inner.seen is written by every goroutine`
		}()
	}
	wg.Wait()
}

// A struct value captured by reference: its map field is one map.
func byValue(keys []string) state {
	st := state{seen: map[string]bool{}}
	var wg sync.WaitGroup
	for _, k := range keys {
		wg.Add(1)
		go func() {
			defer wg.Done()
			st.seen[k] = true // want `concurrent map writes: st.seen is written by every goroutine`
		}()
	}
	wg.Wait()
	return st
}

// A handler literal that captures the registering function's map.
func serve(mux *http.ServeMux) {
	counts := map[string]int{}
	mux.HandleFunc("/count", func(w http.ResponseWriter, r *http.Request) {
		counts[r.URL.Query().Get("k")]++ // want `concurrent map writes: counts is written by every goroutine that serves a request`
	})
}

// A goroutine per job received from a channel.
func perJob(jobs <-chan string) map[string]int {
	results := map[string]int{}
	for j := range jobs {
		go func() {
			results[j] = len(j) // want `concurrent map writes: results is written by every goroutine this loop starts`
		}()
	}
	return results
}

func (s *server) apply(m map[string]int, k string, wg *sync.WaitGroup) {
	defer wg.Done()
	m[k] = len(s.stats) // want `concurrent map writes: m is written by every goroutine this loop starts`
}

// A method started per key, handed the same map.
func (s *server) applyAll(keys []string, m map[string]int) {
	var wg sync.WaitGroup
	for _, k := range keys {
		wg.Add(1)
		go s.apply(m, k, &wg)
	}
	wg.Wait()
}

func newServer() *server { return &server{stats: map[string]int{}} }

var _ = newServer

type counter struct {
	seen map[string]int
}

func (c *counter) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	c.seen[r.URL.Path]++ // want `concurrent map writes: c.seen is written by every goroutine that serves a request`
}

// A handler value registered once: every request runs its ServeHTTP on it.
func mount(mux *http.ServeMux) {
	mux.Handle("/seen", &counter{seen: map[string]int{}})
}

type api struct {
	users map[string]string
}

func (a *api) create(w http.ResponseWriter, r *http.Request) {
	a.users[r.FormValue("id")] = r.FormValue("name") // want `concurrent map writes: a.users is written by every goroutine that serves a request`
}

// A method value registered as a handler.
func (a *api) routes(mux *http.ServeMux) {
	mux.HandleFunc("/users", a.create)
}

// http.HandlerFunc around a literal.
func wrapped(mux *http.ServeMux, m map[string]bool) {
	mux.Handle("/mark", http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		m[r.URL.Path] = true // want `concurrent map writes: m is written by every goroutine that serves a request`
	}))
}

func newAPI() *api { return &api{users: map[string]string{}} }

var _ = newAPI
