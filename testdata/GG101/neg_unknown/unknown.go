// Package negunknown holds writes to maps whose value goguard cannot prove
// nil: parameters, call results, channel receives, type assertions, range
// variables, maps whose address is taken, and package-level maps. Each is
// written so that it is also safe at run time.
// Each function whose comment starts "safe:" is one negative shape.
package negunknown

import (
	"bytes"
	"encoding/gob"
	"encoding/json"
	"sync"
)

// safe: a parameter; the caller owns making it.
func record(counts map[string]int, path string) {
	counts[path]++
}

func newIndex() map[string]int { return make(map[string]int) }

// safe: a call result (newIndex makes the map).
func fromConstructor(key string) map[string]int {
	idx := newIndex()
	idx[key] = 1
	return idx
}

// safe: a call result assigned over a nil declaration.
func assignedFromCall(key string) map[string]int {
	var idx map[string]int
	idx = newIndex()
	idx[key] = 2
	return idx
}

func initMap(m *map[string]int) { *m = make(map[string]int) }

// safe: the address is passed to an initialiser.
func initialisedByPointer(key string) map[string]int {
	var m map[string]int
	initMap(&m)
	m[key] = 3
	return m
}

// safe: gob makes the map it decodes into (it has no nil to send).
func decoded(data []byte) (map[string]any, error) {
	var doc map[string]any
	if err := gob.NewDecoder(bytes.NewReader(data)).Decode(&doc); err != nil {
		return nil, err
	}
	doc["decoded"] = true
	return doc, nil
}

// safe: a channel receive (the sender sends made maps).
func fromChannel(ch <-chan map[string]string) {
	m := <-ch
	m["received"] = "yes"
}

// safe: a type assertion of a value known to hold a made map.
func fromAny(v any) {
	m := v.(map[string]int)
	m["asserted"] = 1
}

// safe: range variables over a slice of made maps.
func stampAll(shards []map[string]int64, now int64) {
	for _, shard := range shards {
		shard["updated_at"] = now
	}
}

var routes map[string]string

func init() {
	routes = make(map[string]string)
}

// safe: a package-level map, made in init.
func addRoute(path, handler string) {
	routes[path] = handler
}

var defaults = map[string]string{"region": "eu-west-1"}

// safe: a package-level map with a literal initialiser.
func setDefault(k, v string) {
	defaults[k] = v
}

// safe: sync.Map has no nil-map hazard: its zero value is ready to use.
func syncMapStore(key string) *sync.Map {
	var sessions sync.Map
	sessions.Store(key, struct{}{})
	return &sessions
}

type handler func(string) string

// safe: a map of funcs received from the caller.
func register(hs map[string]handler, name string, h handler) {
	hs[name] = h
}

// safe: an address-taken variable decoded from a pointer passed along.
func decodeInto(data []byte) map[string]int {
	var out map[string]int
	p := &out
	if err := json.Unmarshal(data, p); err != nil || out == nil {
		out = map[string]int{}
	}
	out["ok"] = 1
	return out
}
