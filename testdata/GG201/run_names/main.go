// prints: (?m)^alice=carol bob=carol carol=carol$
package main

import "fmt"

// One variable's address kept per name: every entry shows the name written last.
func main() {
	m := map[string]*string{}
	var name string
	for _, n := range []string{"alice", "bob", "carol"} {
		name = n
		m[n] = &name // want `&name stored in m\[n\] points to the one variable name`
	}
	fmt.Printf("alice=%s bob=%s carol=%s\n", *m["alice"], *m["bob"], *m["carol"])
}
