// Package wggo uses sync.WaitGroup.Go (Go 1.25), which starts a goroutine.
package wggo

import "sync"

// wg.Go in a loop: every goroutine writes the captured map.
func lengths(words []string) map[string]int {
	m := map[string]int{}
	var wg sync.WaitGroup
	for _, w := range words {
		wg.Go(func() {
			m[w] = len(w) // want `concurrent map writes: m is written by every goroutine this loop starts`
		})
	}
	wg.Wait()
	return m
}
