// panics: invalid memory address or nil pointer dereference
package main

import "fmt"

type MSS map[string]string

// Set tests the pointer where it means the map.
func (m *MSS) Set(k, v string) {
	if m == nil {
		*m = MSS{} // want `nil pointer "m"`
	}
	(*m)[k] = v
}

func main() {
	var p *MSS
	p.Set("a", "b")
	fmt.Println(p)
}
