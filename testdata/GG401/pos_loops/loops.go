// Package loops starts goroutines in loops that all write one map with no lock.
package loops

import (
	"net/http"
	"strings"
	"sync"
)

var cache = map[string]int{}

type server struct {
	mu    sync.Mutex
	stats map[string]int
}

type result struct {
	name string
	err  error
}

// Every goroutine increments an entry of the captured map.
func count(words []string) map[string]int {
	counts := map[string]int{}
	var wg sync.WaitGroup
	for _, w := range words {
		wg.Add(1)
		go func() {
			defer wg.Done()
			counts[w]++ // want `concurrent map writes: counts is written by every goroutine this loop starts`
		}()
	}
	wg.Wait()
	return counts
}

// Index assignment of a captured map, the goroutine's argument as the key.
func fetchAll(urls []string) map[string]error {
	errs := make(map[string]error)
	var wg sync.WaitGroup
	for _, u := range urls {
		wg.Add(1)
		go func(u string) {
			defer wg.Done()
			errs[u] = fetch(u) // want `concurrent map writes: errs is written by every goroutine`
		}(u)
	}
	wg.Wait()
	return errs
}

func fetch(string) error { return nil }

// A package-level map.
func warm(keys []string) {
	var wg sync.WaitGroup
	for i, k := range keys {
		wg.Add(1)
		go func() {
			defer wg.Done()
			cache[k] = i // want `concurrent map writes: cache is written by every goroutine`
		}()
	}
	wg.Wait()
}

// delete from a shared map.
func evict(keys []string, m map[string]int) {
	var wg sync.WaitGroup
	for _, k := range keys {
		wg.Add(1)
		go func() {
			defer wg.Done()
			delete(m, k) // want `concurrent map writes: m is written by every goroutine`
		}()
	}
	wg.Wait()
}

// op= on an entry.
func sum(parts [][]int) map[int]int {
	totals := map[int]int{}
	var wg sync.WaitGroup
	for i, p := range parts {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for _, v := range p {
				totals[i%4] += v // want `concurrent map writes: totals is written by every goroutine`
			}
		}()
	}
	wg.Wait()
	return totals
}

// A field of a shared pointer.
func (s *server) record(paths []string) {
	var wg sync.WaitGroup
	for _, p := range paths {
		wg.Add(1)
		go func() {
			defer wg.Done()
			s.stats[p]++ // want `concurrent map writes: s.stats is written by every goroutine`
		}()
	}
	wg.Wait()
}

// A read lock does not exclude the other writers.
func (s *server) recordRLocked(paths []string, rw *sync.RWMutex) {
	var wg sync.WaitGroup
	for _, p := range paths {
		wg.Add(1)
		go func() {
			defer wg.Done()
			rw.RLock()
			s.stats[p] = len(p) // want `concurrent map writes: s.stats is written by every goroutine`
			rw.RUnlock()
		}()
	}
	wg.Wait()
}

// The lock is released before the write.
func (s *server) unlockedEarly(paths []string) {
	var wg sync.WaitGroup
	for _, p := range paths {
		wg.Add(1)
		go func() {
			defer wg.Done()
			s.mu.Lock()
			n := len(s.stats)
			s.mu.Unlock()
			s.stats[p] = n // want `concurrent map writes: s.stats is written by every goroutine`
		}()
	}
	wg.Wait()
}

// Locked on one branch only.
func (s *server) lockedSometimes(paths []string, careful bool) {
	var wg sync.WaitGroup
	for _, p := range paths {
		wg.Add(1)
		go func() {
			defer wg.Done()
			if careful {
				s.mu.Lock()
				defer s.mu.Unlock()
			}
			s.stats[p] = 1 // want `concurrent map writes: s.stats is written by every goroutine`
		}()
	}
	wg.Wait()
}

// A function of the package started per item, handed the map.
func tally(m map[string]int, word string, wg *sync.WaitGroup) {
	defer wg.Done()
	m[strings.ToLower(word)]++ // want `concurrent map writes: m is written by every goroutine this loop starts`
}

func tallyAll(words []string) map[string]int {
	m := map[string]int{}
	var wg sync.WaitGroup
	for _, w := range words {
		wg.Add(1)
		go tally(m, w, &wg)
	}
	wg.Wait()
	return m
}

// A method of the package started per item on a shared receiver.
func (s *server) bump(path string, wg *sync.WaitGroup) {
	defer wg.Done()
	s.stats[path]++ // want `concurrent map writes: s.stats is written by every goroutine this loop starts`
}

func (s *server) bumpAll(paths []string) {
	var wg sync.WaitGroup
	for _, p := range paths {
		wg.Add(1)
		go s.bump(p, &wg)
	}
	wg.Wait()
}

// A three-clause loop of workers.
func workers(n int, jobs <-chan string) map[string]bool {
	done := map[string]bool{}
	var wg sync.WaitGroup
	for i := 0; i < n; i++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for j := range jobs {
				done[j] = true // want `concurrent map writes: done is written by every goroutine`
			}
		}()
	}
	wg.Wait()
	return done
}

// A struct-valued entry replaced by each goroutine.
func results(names []string) map[string]result {
	out := map[string]result{}
	var wg sync.WaitGroup
	for _, n := range names {
		wg.Add(1)
		go func() {
			defer wg.Done()
			out[n] = result{name: n, err: fetch(n)} // want `concurrent map writes: out is written by every goroutine`
		}()
	}
	wg.Wait()
	return out
}

// clear of a shared map from several goroutines.
func resetAll(ms []int, shared map[int]int) {
	var wg sync.WaitGroup
	for range ms {
		wg.Add(1)
		go func() {
			defer wg.Done()
			clear(shared) // want `concurrent map writes: shared is written by every goroutine`
		}()
	}
	wg.Wait()
}

var hits = map[string]int{}

// A handler: the server runs it for many requests at once.
func routes(mux *http.ServeMux) {
	mux.HandleFunc("/", func(w http.ResponseWriter, r *http.Request) {
		hits[r.URL.Path]++ // want `concurrent map writes: hits is written by every goroutine that serves a request`
	})
}

var sessions = map[string]string{}

func login(w http.ResponseWriter, r *http.Request) {
	sessions[r.FormValue("user")] = r.RemoteAddr // want `concurrent map writes: sessions is written by every goroutine that serves a request`
}

// A package function registered as a handler.
func register() {
	http.HandleFunc("/login", login)
}
