// panics: assignment to entry in nil map
package main

import (
	"fmt"
	"os"
)

// The map is declared and never made: every write panics. `goguard check --fix`
// makes it where it is declared (a safe fix: only the map's own operations use it),
// and the fixed program runs clean.
func count(words []string) int {
	var seen map[string]int
	for _, w := range words {
		seen[w]++ // want `assignment to entry in (possibly )?nil map "seen"`
	}
	n := 0
	for range seen {
		n++
	}
	delete(seen, "")
	return n + len(seen)
}

func main() {
	fmt.Println(count(os.Args[:1]))
}
