// panics: assignment to entry in nil map
package main

import "fmt"

type index struct {
	name  string
	words map[string]int
}

// The constructor leaves words out and nothing in the package ever makes it.
// `goguard check --fix` adds `words: make(map[string]int)` to the literal (safe: the
// field is unexported and only indexed), and the fixed program runs clean.
func newIndex(name string) *index {
	return &index{
		name: name,
	}
}

func (ix *index) add(w string) {
	ix.words[w]++ // want `nil map "ix.words"`
}

func main() {
	ix := newIndex("demo")
	ix.add("a")
	fmt.Println(len(ix.words))
}
