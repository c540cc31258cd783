// panics: assignment to entry in nil map
package main

import (
	"encoding/json"
	"fmt"
)

// Report is read from JSON; its files are allocated by the decoder.
type Report struct {
	Files []*FileCoverage `json:"files"`
}

type FileCoverage struct {
	Name   string `json:"name"`
	Blocks []int  `json:"blocks"`
	byLine map[int]int
}

// NewFileCoverage makes the cache; a decoded FileCoverage never has it.
func NewFileCoverage(name string) *FileCoverage {
	return &FileCoverage{Name: name, byLine: map[int]int{}}
}

// Find fills the cache on first use.
func (fc *FileCoverage) Find(line int) int {
	if len(fc.byLine) == 0 {
		for i, b := range fc.Blocks {
			fc.byLine[b] = i // want `nil map "fc.byLine"`
		}
	}
	return fc.byLine[line]
}

func main() {
	var r Report
	if err := json.Unmarshal([]byte(`{"files":[{"name":"a.go","blocks":[3,7]}]}`), &r); err != nil {
		panic(err)
	}
	fmt.Println(NewFileCoverage("b.go").Find(1), r.Files[0].Find(7))
}
