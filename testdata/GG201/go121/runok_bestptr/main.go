package main

import (
	"fmt"
	"os"
)

type word struct {
	text string
	n    int
}

// The twin of run_bestptr: best points at the element, not at the loop variable.
func longest(words []word) *word {
	var best *word
	for i := range words {
		if best == nil || words[i].n > best.n {
			best = &words[i]
		}
	}
	return best
}

func main() {
	if b := longest([]word{{"elephant", 8}, {"ox", 2}, {"cat", 3}}); b.text != "elephant" {
		fmt.Printf("longest: %s\n", b.text)
		os.Exit(1)
	}
}
