package single

import "sync"

// The goroutine reads while the launcher writes.
func lookup(m map[string]int, out chan<- int) {
	go func() {
		out <- m["a"] // want `concurrent map read and map write: m is read by the goroutine and written by lookup`
	}()
	m["a"] = 2 // want `concurrent map read and map write: m is written by lookup while the goroutine it started`
}

// The goroutine iterates while the launcher writes.
func dump(m map[string]int, out chan<- string) {
	go func() {
		for k := range m { // want `concurrent map iteration and map write: m is iterated over by the goroutine and written by dump`
			out <- k
		}
		close(out)
	}()
	delete(m, "gone") // want `concurrent map iteration and map write: m is written by dump while the goroutine it started`
}

// The goroutine writes while the launcher reads the length.
func grow(m map[int]int) int {
	var wg sync.WaitGroup
	wg.Add(1)
	go func() {
		defer wg.Done()
		for i := 0; i < 100; i++ {
			m[i] = i // want `concurrent map read and map write: m is written by the goroutine and read by grow`
		}
	}()
	n := len(m)
	wg.Wait()
	return n
}

// Readers started in a loop, and a write before waiting for them.
func readers(keys []string, m map[string]int) {
	var wg sync.WaitGroup
	for _, k := range keys {
		wg.Add(1)
		go func() {
			defer wg.Done()
			_ = m[k] // want `concurrent map read and map write: m is read by the goroutine and written by readers`
		}()
	}
	m["last"] = 1 // want `concurrent map read and map write: m is written by readers while the goroutine it started`
	wg.Wait()
}
