// panics: assignment to entry in nil map
package main

import "fmt"

type access struct{ user, path string }

// Per-user, per-path counts: the inner map of a new user is never made.
func main() {
	log := []access{{"ann", "/"}, {"bob", "/api"}}
	counts := map[string]map[string]int{}
	for _, a := range log {
		counts[a.user][a.path]++ // want "nil map"
	}
	fmt.Println(counts)
}
