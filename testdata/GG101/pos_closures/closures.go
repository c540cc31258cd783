// Package posclosures holds closures that write a captured map while it is nil:
// invoked at once (also as a goroutine), deferred, or stored over a map that
// the function never makes.
package posclosures

import (
	"strings"
	"sync"
)

// Immediately invoked closure: the captured map is still nil when it runs.
func warmup(keys []string) map[string]bool {
	var warmed map[string]bool
	func() {
		for _, k := range keys {
			warmed[k] = true // want "nil map \"warmed\""
		}
	}()
	return warmed
}

// Goroutine started before the result map is made.
func fanOut(jobs []string) map[string]int {
	var results map[string]int
	var mu sync.Mutex
	var wg sync.WaitGroup
	wg.Add(1)
	go func() {
		defer wg.Done()
		mu.Lock()
		results["started"] = len(jobs) // want "nil map \"results\""
		mu.Unlock()
	}()
	wg.Wait()
	return results
}

// Deferred closure: the stats map is never made, so the deferred write hits nil.
func handle(req string) string {
	var stats map[string]int
	defer func() {
		stats["handled"]++ // want "nil map \"stats\""
	}()
	return strings.ToUpper(req)
}

// Stored closure: the captured word counts are never made anywhere in the function.
func tally(words []string) map[string]int {
	var freq map[string]int
	add := func(w string) { freq[w]++ } // want "nil map \"freq\""
	for _, w := range words {
		add(w)
	}
	return freq
}
