// prints: (?m)^\[\[e f\] \[e f\] \[e f\]\]$
package main

import "fmt"

// A row emptied with row[:0] and refilled: append writes over the rows kept before.
func main() {
	input := [][]string{{"a", "b"}, {"c", "d"}, {"e", "f"}}
	row := make([]string, 0, 2)
	var table [][]string
	for _, rec := range input {
		row = row[:0]
		row = append(row, rec...)
		table = append(table, row) // want `row appended to table shares the array of row`
	}
	fmt.Println(table)
}
