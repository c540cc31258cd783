// panics: invalid memory address or nil pointer dereference
package main

import "fmt"

// Buffers keyed by tenant: the lookup of a tenant never stored yields nil.
func main() {
	buffers := make(map[string]*[]byte)
	buf := buffers["tenant-a"]
	*buf = append(*buf, "event"...) // want "nil pointer \"buf\""
	fmt.Println(len(buffers))
}
