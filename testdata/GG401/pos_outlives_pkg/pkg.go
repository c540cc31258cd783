// Package pkg starts a refresher goroutine on a package variable's map and returns.
package pkg

import "time"

var tokens = map[string]time.Time{}

// StartRefresh renews the tokens on a goroutine it never waits for.
func StartRefresh(every time.Duration) {
	go func() {
		for range time.Tick(every) {
			for name := range tokens {
				tokens[name] = time.Now() // want `concurrent map writes: tokens is written here with no lock held while Issue writes it`
			}
		}
	}()
}

// Issue adds a token: the refresher may be writing the map at the same moment.
func Issue(name string) {
	tokens[name] = time.Now() // want `concurrent map writes: tokens is written here with no lock held while the goroutine writes it`
}
