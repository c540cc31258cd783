// panics: assignment to entry in nil map
package main

import (
	"fmt"
	"time"
)

type cache struct {
	ttl   time.Duration
	items map[string][]byte
}

// A cache built from a struct literal that forgets to make its map.
func main() {
	c := &cache{ttl: time.Minute}
	c.items["user:1"] = []byte(`{"name":"ann"}`) // want "nil map"
	fmt.Println(len(c.items), c.ttl)
}
