package main

import (
	"encoding/json"
	"fmt"
	"strings"
)

func tally(in string, key string) (map[string]int, error) {
	var counts map[string]int
	if err := json.NewDecoder(strings.NewReader(in)).Decode(&counts); err != nil {
		return nil, err
	}
	if counts == nil {
		counts = make(map[string]int)
	}
	counts[key]++
	return counts, nil
}

func main() {
	fmt.Println(tally("null", "hits"))
	fmt.Println(tally(`{"hits": 2}`, "hits"))
}
