// panics: invalid memory address or nil pointer dereference
package main

import (
	"fmt"
	"os"
)

// The spill buffer is set up only when an argument asks for it.
func main() {
	var spill *[]byte
	if len(os.Args) > 1 {
		b := make([]byte, 0, 1<<10)
		spill = &b
	}
	fmt.Println("spill capacity", cap(*spill)) // want "nil pointer \"spill\""
}
