// Safe look-alikes of the run_* programs, run to prove they do not panic:
// lazy init, nil-checked nested maps, reads/delete/len/range/clear of nil
// maps, made headers and struct fields, closures after the make.
package main

import (
	"fmt"
	"net/http"
	"time"
)

type cache struct {
	ttl   time.Duration
	items map[string][]byte
}

// Put makes the map on first use.
func (c *cache) Put(k string, v []byte) {
	if c.items == nil {
		c.items = make(map[string][]byte)
	}
	c.items[k] = v
}

type access struct{ user, path string }

func main() {
	// Lazy init in a method.
	c := &cache{ttl: time.Minute}
	c.Put("user:1", []byte("ann"))

	// Nested map with the inner map made behind a nil check.
	counts := map[string]map[string]int{}
	for _, a := range []access{{"ann", "/"}, {"bob", "/api"}, {"ann", "/"}} {
		if counts[a.user] == nil {
			counts[a.user] = make(map[string]int)
		}
		counts[a.user][a.path]++
	}

	// Reads, delete, len, range and clear of a nil map.
	var hits map[string]int
	n := hits["/"] + len(hits)
	delete(hits, "/")
	for range hits {
		n++
	}
	clear(hits)

	// A made header, and a closure that runs after the make.
	h := make(http.Header)
	h["X-Request-Id"] = []string{"abc123"}
	metrics := map[string]int{}
	defer func() {
		metrics["requests_total"]++
		fmt.Println(metrics)
	}()

	// The map is made on every branch.
	var overrides map[string]string
	if n > 0 {
		overrides = map[string]string{}
	} else {
		overrides = make(map[string]string)
	}
	overrides["region"] = "eu-west-1"

	fmt.Println(len(c.items), counts, n, h.Get("X-Request-Id"), overrides)
}
