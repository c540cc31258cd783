package sharing

import "sync"

// safe: both the goroutine and the launcher only read.
func bothRead(m map[string]int, out chan<- int) int {
	go func() { out <- m["a"] }()
	return m["b"]
}

// safe: the launcher writes after waiting for the reader.
func readThenWrite(m map[string]int) {
	var wg sync.WaitGroup
	wg.Add(1)
	go func() {
		defer wg.Done()
		_ = m["a"]
	}()
	wg.Wait()
	m["a"] = 1
}

// safe: the reader holds the read lock, the writer the write lock of one RWMutex.
func rwLocked(m map[string]int, mu *sync.RWMutex, out chan<- int) {
	go func() {
		mu.RLock()
		v := m["a"]
		mu.RUnlock()
		out <- v
	}()
	mu.Lock()
	m["a"] = 1
	mu.Unlock()
}
