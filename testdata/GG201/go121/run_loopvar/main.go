// prints: (?m)^c c c$
package main

import "fmt"

// Before Go 1.22 (this module says go 1.21) the range variable is one variable.
func main() {
	var ptrs []*string
	for _, s := range []string{"a", "b", "c"} {
		ptrs = append(ptrs, &s) // want `&s appended to ptrs points to the one variable s`
	}
	fmt.Println(*ptrs[0], *ptrs[1], *ptrs[2])
}
