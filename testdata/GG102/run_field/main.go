// panics: invalid memory address or nil pointer dereference
package main

import "fmt"

type encoder struct {
	name    string
	scratch *[]byte
}

// An encoder built from a literal that forgets its scratch buffer.
func main() {
	e := encoder{name: "json"}
	n := len(*e.scratch) // want "GG102"
	fmt.Println(e.name, n)
}
