// panics: assignment to entry in nil map
package main

import (
	"fmt"
	"os"
)

// Overrides are made only when a flag is given; without one the write hits nil.
func main() {
	var overrides map[string]string
	if len(os.Args) > 1 {
		overrides = make(map[string]string)
	}
	overrides["region"] = "eu-west-1" // want "nil map \"overrides\""
	fmt.Println(overrides)
}
