package pospackage

import "sync"

var tally map[string]int

// A goroutine writes a package variable nothing assigns.
func Tally(wg *sync.WaitGroup, k string) {
	wg.Add(1)
	go func() {
		defer wg.Done()
		tally[k]++ // want `nil map "tally"`
	}()
}

// Through a map of pointers to structs whose field is never made.
func PinIn(caches map[string]*SessionCache, name, id string) {
	caches[name].pinned[id] = nil // want `nil map "caches\[name\].pinned"`
}

// A result written in a loop, on every iteration.
func LoadAll(paths []string) {
	for _, p := range paths {
		conf := load(p)
		conf["path"] = p // want `possibly nil map "conf"`
	}
}

// A checked field incremented inside the check.
func (l *lazy) Inc(k string) {
	if l.items == nil {
		l.items[k]++ // want `nil map "l.items"`
	}
}

// A struct field that is an array of maps: a zero struct holds nil maps.
type sharded struct {
	shards [4]map[string]int
	name   string
}

func Sharded(k string) sharded {
	var s sharded
	s.shards[len(k)%4][k]++ // want `nil map "s.shards\[len\(k\)%4\]"`
	return s
}

// The same through a literal that leaves the field unset.
func ShardedLiteral(k string) *sharded {
	s := &sharded{name: "x"}
	s.shards[0][k] = 1 // want `nil map "s.shards\[0\]"`
	return s
}
