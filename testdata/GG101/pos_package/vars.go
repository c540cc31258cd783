package pospackage

import "log"

// Package variables that nothing in the package assigns.
var (
	handlers map[string]func()
	seen     map[string]int
	shards   [4]map[string]int
	hooks    Counters
)

func Handle(name string, f func()) {
	handlers[name] = f // want `nil map "handlers"`
}

func init() {
	seen["start"]++ // want `nil map "seen"`
}

func Shard(key string) {
	shards[len(key)%4][key]++ // want `nil map "shards\[len\(key\)%4\]"`
}

func Hook(name string) {
	hooks[name] = 1 // want `nil map "hooks"`
}

// A local array of maps: every element nil until one is stored.
func Buckets(keys []string) {
	var buckets [2]map[string]bool
	for _, k := range keys {
		buckets[len(k)%2][k] = true // want `nil map "buckets\[len\(k\)%2\]"`
	}
	log.Print(len(buckets))
}
