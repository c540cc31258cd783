// Package negfields holds safe writes to map fields of structs: fields made in
// the literal or before the write, lazy init in methods, initialiser methods,
// parameter structs, and std map types that were made.
// Each function whose comment starts "safe:" is one negative shape.
package negfields

import (
	"net/http"
	"net/url"
	"time"

	"goguard.test/GG101/ext"
)

// Cache is a small TTL cache whose map is made lazily.
type Cache struct {
	ttl   time.Duration
	items map[string]string
}

// safe: lazy init in a method: if c.items == nil { c.items = make(...) }.
func (c *Cache) Put(k, v string) {
	if c.items == nil {
		c.items = make(map[string]string)
	}
	c.items[k] = v
}

func (c *Cache) init() { c.items = make(map[string]string) }

// safe: s.init() makes the field before the write.
func initialised(k, v string) *Cache {
	c := &Cache{ttl: time.Minute}
	c.init()
	c.items[k] = v
	return c
}

// safe: the field is made in the literal.
func madeInLiteral(k, v string) Cache {
	c := Cache{ttl: time.Second, items: make(map[string]string)}
	c.items[k] = v
	return c
}

// safe: the field is set to a literal before the write.
func assignedBeforeWrite(k, v string) Cache {
	var c Cache
	c.items = map[string]string{}
	c.items[k] = v
	return c
}

// safe: new(T), then the field is made.
func newThenMake(k, v string) *Cache {
	c := new(Cache)
	c.items = make(map[string]string, 16)
	c.items[k] = v
	return c
}

// safe: a field of a parameter struct; the caller owns it.
func fill(c *Cache, k, v string) {
	c.items[k] = v
}

type metrics struct {
	counters map[string]int64
}

type service struct {
	name string
	m    metrics
}

// safe: a nested field made in the nested literal.
func nestedMade(name string) service {
	s := service{name: name, m: metrics{counters: map[string]int64{}}}
	s.m.counters["starts"]++
	return s
}

func prepare(s *service) { s.m.counters = make(map[string]int64) }

// safe: the struct is passed by pointer to a function that makes its field.
func preparedByCall(name string) service {
	var s service
	prepare(&s)
	s.m.counters["starts"]++
	return s
}

// safe: a made http.Header.
func madeHeader(id string) http.Header {
	h := make(http.Header)
	h["X-Request-Id"] = []string{id}
	return h
}

// safe: an empty url.Values literal.
func madeQuery(page string) url.Values {
	q := url.Values{}
	q["page"] = []string{page}
	return q
}

// safe: another package's struct with the field made in the literal.
func exposePortsMade(ports []ext.Port) ext.ImageConfig {
	cfg := ext.ImageConfig{ExposedPorts: map[string]struct{}{}}
	for _, p := range ports {
		cfg.ExposedPorts[string(p)] = struct{}{}
	}
	return cfg
}

// safe: another package's struct from its constructor (a call result).
func fromDefault(path string) ext.ImageConfig {
	cfg := ext.Default()
	cfg.Volumes[path] = struct{}{}
	return cfg
}

// safe: an integer index into another package's field is a slice write, not a map write.
func firstPort(port int) ext.ImageConfig {
	cfg := ext.ImageConfig{Ports: make([]int, 1)}
	cfg.Ports[0] = port
	return cfg
}

func (c *Cache) reset() { c.items = map[string]string{} }

// safe: a method of the struct, called before the write, makes the map.
func resetThenPut(k, v string) Cache {
	c := Cache{ttl: time.Hour}
	c.reset()
	c.items[k] = v
	return c
}
