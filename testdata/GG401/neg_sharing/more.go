package sharing

import (
	"net/http"
	"sync"
	"time"
)

type server struct {
	stats map[string]int
}

// safe: the loop waits for each goroutine before starting the next.
func serialWait(words []string) map[string]int {
	m := map[string]int{}
	var wg sync.WaitGroup
	for _, w := range words {
		wg.Add(1)
		go func() {
			defer wg.Done()
			m[w] = len(w)
		}()
		wg.Wait()
	}
	return m
}

// safe: each iteration receives the goroutine's signal before the next.
func serialReceive(words []string) map[string]int {
	m := map[string]int{}
	done := make(chan struct{})
	for _, w := range words {
		go func() {
			m[w] = len(w)
			done <- struct{}{}
		}()
		<-done
	}
	return m
}

// safe: each goroutine writes the map of its own server (the range variable).
func perServer(servers []*server) {
	var wg sync.WaitGroup
	for _, s := range servers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			s.stats["up"] = 1
		}()
	}
	wg.Wait()
}

// safe: each goroutine is handed a new map.
func newEach(n int, out chan<- map[int]int) {
	for i := 0; i < n; i++ {
		go func(m map[int]int) {
			m[i] = i
			out <- m
		}(make(map[int]int))
	}
}

// safe: the launcher writes the map before starting the goroutine.
func writeFirst() {
	m := map[string]int{}
	m["a"] = 1
	go func() { m["b"] = 2 }()
}

// safe: the launcher writes another map after the goroutine starts.
func otherMap(a, b map[string]int) {
	go func() { a["x"] = 1 }()
	b["y"] = 2
}

// safe: a timer whose launcher does not write the map.
func timer(m map[string]int) *time.Timer {
	return time.AfterFunc(time.Second, func() { m["fired"] = 1 })
}

// safe: each request writes its own response's header map.
func headers(mux *http.ServeMux) {
	mux.HandleFunc("/", func(w http.ResponseWriter, r *http.Request) {
		w.Header()["X-Served-By"] = []string{"goguard"}
	})
}

// safe: a handler writes a map it makes for the request.
func perRequest(mux *http.ServeMux) {
	mux.HandleFunc("/form", func(w http.ResponseWriter, r *http.Request) {
		fields := map[string]string{}
		fields["user"] = r.FormValue("user")
		_ = fields
	})
}

// safe: the goroutines of the loop write one map each, from a slice of maps by index.
func byIndex(ms []map[string]int) {
	var wg sync.WaitGroup
	for i := range ms {
		wg.Add(1)
		go func() {
			defer wg.Done()
			m := ms[i]
			m["i"] = i
		}()
	}
	wg.Wait()
}

// safe: the goroutine writes a map declared inside it, then hands it over.
func handOver(out chan<- map[string]int) {
	go func() {
		m := map[string]int{"a": 1}
		m["b"] = 2
		out <- m
	}()
}

// safe: the loop returns after its first launch, so only one goroutine writes the map.
func firstOnly(providers []string, m map[string]int) {
	for _, p := range providers {
		go func() {
			for i := 0; i < 3; i++ {
				m[p] = i
			}
		}()
		return
	}
}
