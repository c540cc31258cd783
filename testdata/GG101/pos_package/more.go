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
