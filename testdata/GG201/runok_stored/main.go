package main

import (
	"bytes"
	"fmt"
	"os"
)

// The twin of run_storedmap: the address of a copy is stored.
func main() {
	m := map[string]*[]byte{}
	buf := []byte("hello")
	c := bytes.Clone(buf)
	m["greeting"] = &c
	buf = []byte("world")
	if string(*m["greeting"]) != "hello" || string(buf) != "world" {
		fmt.Printf("greeting=%s\n", *m["greeting"])
		os.Exit(1)
	}
}
