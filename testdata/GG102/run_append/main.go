// panics: invalid memory address or nil pointer dereference
package main

import "fmt"

// Log lines appended through an output buffer pointer that was never set.
func main() {
	var out *[]byte
	for _, line := range []string{"GET /", "POST /login"} {
		*out = append(*out, line...) // want "nil pointer \"out\""
	}
	fmt.Println(out)
}
