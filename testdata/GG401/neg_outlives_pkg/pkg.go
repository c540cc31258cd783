// Package pkg starts refresher goroutines on package maps, each kept safe.
package pkg

import (
	"sync"
	"time"
)

var (
	mu     sync.Mutex
	tokens = map[string]time.Time{}
)

// safe: the goroutine holds the lock Issue holds
func StartRefresh(every time.Duration) {
	go func() {
		for range time.Tick(every) {
			mu.Lock()
			for name := range tokens {
				tokens[name] = time.Now()
			}
			mu.Unlock()
		}
	}()
}

// safe: the lock the refresher holds
func Issue(name string) {
	mu.Lock()
	defer mu.Unlock()
	tokens[name] = time.Now()
}

var seen = map[string]int{}

// safe: the goroutine that outlives the call is the only one to touch its map; it reports counts on a channel
func StartCounting(in <-chan string, out chan<- int) {
	go func() {
		for name := range in {
			seen[name]++
			out <- seen[name]
		}
	}()
}
