// panics: assignment to entry in nil map
package main

import "fmt"

// tallyAfterHeader makes its map at index 1, but index 0 is written first.
func tallyAfterHeader(cols []string) map[string]int {
	var seen map[string]int
	for i, c := range cols {
		if i == 1 {
			seen = make(map[string]int, len(cols))
		}
		seen[c]++ // want `nil map "seen"`
	}
	return seen
}

func main() {
	fmt.Println(tallyAfterHeader([]string{"id", "name"}))
}
