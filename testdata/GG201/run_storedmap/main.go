// prints: (?m)^greeting=world$
package main

import "fmt"

// The map keeps &buf; buf is given other bytes before the entry is read.
func main() {
	m := map[string]*[]byte{}
	buf := []byte("hello")
	m["greeting"] = &buf // want `&buf stored in m\["greeting"\] points to the one variable buf`
	buf = []byte("world")
	fmt.Printf("greeting=%s\n", *m["greeting"])
}
