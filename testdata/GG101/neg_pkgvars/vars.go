// Package negpkgvars holds package-level maps that are assigned somewhere in the
// package, or that other packages may assign: their writes are not reported. Each
// "safe:" function is one negative shape.
package negpkgvars

import (
	"errors"
	_ "unsafe" // for go:linkname
)

var registry map[string]func()

func init() { registry = map[string]func(){} }

// safe: made in init().
func Register(name string, f func()) { registry[name] = f }

var counts = map[string]int{}

// safe: made in its initialiser.
func Count(k string) { counts[k]++ }

var cache map[string]string

func Reset() { cache = make(map[string]string) }

// safe: assigned in another function of the package.
func Store(k, v string) {
	if cache == nil {
		Reset()
	}
	cache[k] = v
}

var opts map[string]bool

func load(m *map[string]bool) { *m = map[string]bool{"default": true} }

// safe: its address is handed to a function that makes it.
func Option(k string) {
	load(&opts)
	opts[k] = true
}

type Flags map[string]bool

func (f *Flags) Ensure() {
	if *f == nil {
		*f = Flags{}
	}
}

var flags Flags

// safe: a pointer-receiver method is called on it, which takes its address.
func Flag(k string) {
	flags.Ensure()
	flags[k] = true
}

// Exported: an importer may assign it.
var Hooks map[string]func()

// safe: an exported package variable may be set by other packages.
func Hook(name string, f func()) { Hooks[name] = f }

//go:linkname linked runtime.goguardTestLinkedMap
var linked map[string]int

// safe: a go:linkname directive names it: it lives elsewhere.
func Linked(k string) {
	if linked != nil {
		linked[k]++
	}
}

var shards [4]map[string]int

func init() {
	for i := range shards {
		shards[i] = map[string]int{}
	}
}

// safe: the array's elements are stored in init().
func Shard(k string) { shards[len(k)%4][k]++ }

var split1, split2 = pairOfMaps()

func pairOfMaps() (map[string]int, map[string]int) { return map[string]int{}, map[string]int{} }

// safe: a multi-value initialiser assigns both.
func Split(k string) {
	split1[k]++
	split2[k]++
}

var latest map[string]int

func fetch() (map[string]int, error) { return map[string]int{}, nil }

// safe: a multi-value assignment assigns it.
func Refresh() error {
	var err error
	latest, err = fetch()
	if err != nil {
		return err
	}
	latest["refreshed"]++
	return nil
}

var current map[string]int

var errNone = errors.New("none")

// safe: a range loop assigns it.
func Walk(ms []map[string]int) error {
	for _, current = range ms {
		if current == nil {
			return errNone
		}
		current["walked"]++
	}
	return nil
}

var ptrs [2]map[string]int

func fill(m *map[string]int) { *m = map[string]int{} }

// safe: an element's address is handed to a function that makes it.
func Ptrs(k string) {
	fill(&ptrs[0])
	ptrs[0][k]++
}
