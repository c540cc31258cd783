// panics: invalid memory address or nil pointer dereference
package main

import "fmt"

// A pointer to a map that was never set: dereferencing it faults before any map write.
func main() {
	var limits *map[string]int
	(*limits)["rps"] = 100 // want "GG102"
	fmt.Println(limits)
}
