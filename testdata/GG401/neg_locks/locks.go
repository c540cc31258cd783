// Package locks: goroutines that write a shared map under a lock.
package locks

import (
	"net/http"
	"sync"
)

type server struct {
	mu    sync.Mutex
	rw    sync.RWMutex
	stats map[string]int
}

// safe: Lock and defer Unlock around the write.
func count(words []string) map[string]int {
	counts := map[string]int{}
	var (
		wg sync.WaitGroup
		mu sync.Mutex
	)
	for _, w := range words {
		wg.Add(1)
		go func() {
			defer wg.Done()
			mu.Lock()
			defer mu.Unlock()
			counts[w]++
		}()
	}
	wg.Wait()
	return counts
}

// safe: Lock and Unlock around the write.
func (s *server) record(paths []string) {
	var wg sync.WaitGroup
	for _, p := range paths {
		wg.Add(1)
		go func() {
			defer wg.Done()
			s.mu.Lock()
			s.stats[p]++
			s.mu.Unlock()
		}()
	}
	wg.Wait()
}

// safe: the write lock of an RWMutex.
func (s *server) recordRW(paths []string) {
	var wg sync.WaitGroup
	for _, p := range paths {
		wg.Add(1)
		go func() {
			defer wg.Done()
			s.rw.Lock()
			defer s.rw.Unlock()
			s.stats[p] = len(p)
		}()
	}
	wg.Wait()
}

// safe: locked on every branch before the write.
func (s *server) bothBranches(paths []string, fast bool) {
	var wg sync.WaitGroup
	for _, p := range paths {
		wg.Add(1)
		go func() {
			defer wg.Done()
			if fast {
				s.mu.Lock()
			} else {
				s.mu.Lock()
			}
			s.stats[p] = 1
			s.mu.Unlock()
		}()
	}
	wg.Wait()
}

// storeLocked is called with s.mu held, as its name says.
func (s *server) storeLocked(p string, wg *sync.WaitGroup) {
	defer wg.Done()
	s.stats[p] = 1
}

// safe: a ...Locked function: its callers hold the lock (by the Go convention).
func (s *server) storeAll(paths []string) {
	var wg sync.WaitGroup
	for _, p := range paths {
		wg.Add(1)
		go s.storeLocked(p, &wg)
	}
	wg.Wait()
}

var (
	hitsMu sync.Mutex
	hits   = map[string]int{}
)

// safe: a handler that locks around its write.
func routes(mux *http.ServeMux) {
	mux.HandleFunc("/", func(w http.ResponseWriter, r *http.Request) {
		hitsMu.Lock()
		defer hitsMu.Unlock()
		hits[r.URL.Path]++
	})
}

// safe: a channel of capacity 1 as a semaphore around the work.
func serial(words []string) map[string]int {
	m := map[string]int{}
	sem := make(chan struct{}, 1)
	var wg sync.WaitGroup
	for _, w := range words {
		wg.Add(1)
		go func() {
			defer wg.Done()
			sem <- struct{}{}
			m[w] = len(w)
			<-sem
		}()
	}
	wg.Wait()
	return m
}

// safe: a single goroutine, the launcher writes under the same lock.
func single(m map[string]int, mu *sync.Mutex) {
	var wg sync.WaitGroup
	wg.Add(1)
	go func() {
		defer wg.Done()
		mu.Lock()
		m["a"] = 1
		mu.Unlock()
	}()
	mu.Lock()
	m["b"] = 2
	mu.Unlock()
	wg.Wait()
}

func newServer() *server { return &server{stats: map[string]int{}} }

var _ = newServer

type index struct {
	mu    sync.Mutex
	words map[string]int
}

func (ix *index) addSafe(w string) {
	ix.mu.Lock()
	defer ix.mu.Unlock()
	ix.words[w]++
}

func (ix *index) add(w string) {
	ix.words[w]++
}

func newIndex() *index { return &index{words: map[string]int{}} }

var _ = newIndex

// safe: the helper locks around its write.
func buildSafe(ix *index, words []string) {
	var wg sync.WaitGroup
	for _, w := range words {
		wg.Add(1)
		go func() {
			defer wg.Done()
			ix.addSafe(w)
		}()
	}
	wg.Wait()
}

// safe: the goroutine holds the lock around the helper's call.
func buildLockedCall(ix *index, words []string) {
	var wg sync.WaitGroup
	for _, w := range words {
		wg.Add(1)
		go func() {
			defer wg.Done()
			ix.mu.Lock()
			ix.add(w)
			ix.mu.Unlock()
		}()
	}
	wg.Wait()
}

type counter struct {
	mu   sync.Mutex
	seen map[string]int
}

func (c *counter) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.seen[r.URL.Path]++
}

// safe: the registered handler value locks around its write.
func mount(mux *http.ServeMux) {
	mux.Handle("/seen", &counter{seen: map[string]int{}})
}

type api struct{}

func (a *api) echo(w http.ResponseWriter, r *http.Request) {
	q := map[string]string{}
	q["path"] = r.URL.Path
	_ = q
}

// safe: a method-value handler that writes a map it makes per request.
func (a *api) routes(mux *http.ServeMux) {
	mux.HandleFunc("/echo", a.echo)
}
