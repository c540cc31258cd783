// prints: (?m)^longest: cat$
package main

import "fmt"

type word struct {
	text string
	n    int
}

// Before Go 1.22 the range variable is one variable: best points at it, and the loop
// head gives it the next word before best is read.
func longest(words []word) *word {
	var best *word
	for _, w := range words {
		if best == nil || w.n > best.n {
			best = &w // want `&w stored in best points to the one variable w, and the loop assigns it its next element on the next iteration, before best(\.n)? is read`
		}
	}
	return best
}

func main() {
	b := longest([]word{{"elephant", 8}, {"ox", 2}, {"cat", 3}})
	fmt.Printf("longest: %s\n", b.text)
}
