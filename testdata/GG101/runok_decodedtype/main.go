package main

import (
	"encoding/json"
	"fmt"
)

type Report struct {
	Files []*FileCoverage `json:"files"`
}

type FileCoverage struct {
	Name   string `json:"name"`
	Blocks []int  `json:"blocks"`
	byLine map[int]int
}

func NewFileCoverage(name string) *FileCoverage {
	return &FileCoverage{Name: name, byLine: map[int]int{}}
}

// Find makes the cache when a decoded value has none.
func (fc *FileCoverage) Find(line int) int {
	if fc.byLine == nil {
		fc.byLine = map[int]int{}
	}
	if len(fc.byLine) == 0 {
		for i, b := range fc.Blocks {
			fc.byLine[b] = i
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
