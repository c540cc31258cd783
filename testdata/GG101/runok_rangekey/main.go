package main

import "fmt"

func runeCounts(s string) map[rune]int {
	var counts map[rune]int
	for i, r := range s {
		if i == 0 {
			counts = make(map[rune]int)
		}
		counts[r]++
	}
	return counts
}

func columnsOf(row [4]string) map[string]int {
	var idx map[string]int
	for i, name := range row {
		if i%len(row) == 0 {
			idx = map[string]int{}
		}
		idx[name] = i
	}
	return idx
}

func shards(n int) []map[int]bool {
	var out []map[int]bool
	var cur map[int]bool
	for i := range n {
		if i%8 == 0 {
			cur = map[int]bool{}
			out = append(out, cur)
		}
		cur[i] = true
	}
	return out
}

func main() {
	fmt.Println(runeCounts("héllo"), columnsOf([4]string{"a", "b", "c", "d"}), len(shards(20)))
}
