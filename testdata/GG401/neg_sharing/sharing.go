// Package sharing: goroutines whose maps are not shared, or whose writes cannot
// overlap.
package sharing

import (
	"sync"
)

// safe: each goroutine makes its own map.
func own(n int) []map[int]int {
	out := make([]map[int]int, n)
	var wg sync.WaitGroup
	for i := 0; i < n; i++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			m := map[int]int{}
			m[i] = i
			out[i] = m
		}()
	}
	wg.Wait()
	return out
}

// safe: the map is declared in the loop body, one per goroutine.
func perIteration(words []string) {
	var wg sync.WaitGroup
	for _, w := range words {
		m := map[string]int{}
		wg.Add(1)
		go func() {
			defer wg.Done()
			m[w] = len(w)
		}()
	}
	wg.Wait()
}

// safe: a fresh map is made for each launch before the goroutine starts.
func handedFresh(batches [][]string, out chan<- map[string]int) {
	var m map[string]int
	for _, b := range batches {
		m = make(map[string]int)
		go fill(m, b, out)
	}
}

func fill(m map[string]int, words []string, out chan<- map[string]int) {
	for _, w := range words {
		m[w]++
	}
	out <- m
}

// safe: written before the goroutines start.
func before(words []string) {
	m := map[string]int{}
	for _, w := range words {
		m[w] = len(w)
	}
	var wg sync.WaitGroup
	for range words {
		wg.Add(1)
		go func() {
			defer wg.Done()
			_ = len(m)
		}()
	}
	wg.Wait()
}

// safe: the launcher writes only after wg.Wait.
func after() map[string]int {
	m := map[string]int{}
	var wg sync.WaitGroup
	wg.Add(1)
	go func() {
		defer wg.Done()
		m["a"] = 1
	}()
	wg.Wait()
	m["b"] = 2
	return m
}

// safe: the launcher writes only after receiving the goroutine's signal.
func afterReceive() map[string]int {
	m := map[string]int{}
	done := make(chan struct{})
	go func() {
		m["a"] = 1
		close(done)
	}()
	<-done
	m["b"] = 2
	return m
}

type res struct {
	key string
	n   int
}

// safe: results are sent over a channel and written by one receiver.
func gather(keys []string) map[string]int {
	ch := make(chan res)
	for _, k := range keys {
		go func() { ch <- res{k, len(k)} }()
	}
	out := map[string]int{}
	for range keys {
		r := <-ch
		out[r.key] = r.n
	}
	return out
}

// safe: sync.Once runs its function once; the write is in it.
func once(words []string) map[string]int {
	var (
		o  sync.Once
		m  = map[string]int{}
		wg sync.WaitGroup
	)
	for range words {
		wg.Add(1)
		go func() {
			defer wg.Done()
			o.Do(func() { m["init"] = 1 })
		}()
	}
	wg.Wait()
	return m
}

// safe: sync.Map has no index writes; Store is safe for concurrent use.
func syncMap(words []string) *sync.Map {
	var m sync.Map
	var wg sync.WaitGroup
	for _, w := range words {
		wg.Add(1)
		go func() {
			defer wg.Done()
			m.Store(w, len(w))
		}()
	}
	wg.Wait()
	return &m
}

// safe: one goroutine and a launcher that never writes the map.
func background(m map[string]int) {
	go func() { m["x"] = 1 }()
}

// safe: each goroutine writes its own element of a slice, not a map.
func slices(n int) []int {
	out := make([]int, n)
	var wg sync.WaitGroup
	for i := 0; i < n; i++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			out[i] = i * i
		}()
	}
	wg.Wait()
	return out
}

// safe: the goroutines only read the shared map.
func readers(keys []string, m map[string]int) int {
	var wg sync.WaitGroup
	var mu sync.Mutex
	total := 0
	for _, k := range keys {
		wg.Add(1)
		go func() {
			defer wg.Done()
			v := m[k]
			mu.Lock()
			total += v
			mu.Unlock()
		}()
	}
	wg.Wait()
	return total
}

// safe: a goroutine per map: each is handed a different map of the slice.
func perMap(ms []map[string]int) {
	var wg sync.WaitGroup
	for _, m := range ms {
		wg.Add(1)
		go func() {
			defer wg.Done()
			m["seen"] = 1
		}()
	}
	wg.Wait()
}

// safe: the map is made inside the goroutine started by a handler-like loop.
func spawnOwn(jobs <-chan string, out chan<- map[string]bool) {
	for j := range jobs {
		go func() {
			seen := map[string]bool{}
			seen[j] = true
			out <- seen
		}()
	}
}

// safe: a closure called, not started: it runs in the loop's goroutine.
func called(words []string) map[string]int {
	m := map[string]int{}
	for _, w := range words {
		add := func() { m[w]++ }
		add()
	}
	return m
}

// safe: the launcher's write comes after the final receive of every result.
func afterAll(keys []string) map[string]int {
	m := map[string]int{}
	done := make(chan string)
	for _, k := range keys {
		go func() { done <- k }()
	}
	for range keys {
		k := <-done
		m[k] = 1
	}
	return m
}
