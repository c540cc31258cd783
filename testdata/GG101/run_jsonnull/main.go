// panics: assignment to entry in nil map
package main

import (
	"encoding/json"
	"fmt"
	"strings"
)

// tally decodes a stream of counts and bumps one: the document `null` leaves the map nil.
func tally(in string, key string) (map[string]int, error) {
	var counts map[string]int
	if err := json.NewDecoder(strings.NewReader(in)).Decode(&counts); err != nil {
		return nil, err
	}
	counts[key]++ // want `nil map "counts"`
	return counts, nil
}

func main() {
	fmt.Println(tally("null", "hits"))
}
