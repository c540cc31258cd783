// panics: assignment to entry in nil map
package main

import "fmt"

// A per-path request counter that was declared but never made.
func main() {
	var hits map[string]int
	for _, p := range []string{"/", "/login", "/"} {
		hits[p]++ // want "nil map \"hits\""
	}
	fmt.Println(hits)
}
