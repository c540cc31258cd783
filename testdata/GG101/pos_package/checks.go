package pospackage

import "log"

type lazy struct{ items map[string]int }

// Inside the nil check the map is nil, whatever it came from.
func (l *lazy) Add(k string) {
	if l.items == nil {
		l.items[k] = 1 // want `nil map "l.items"`
	}
}

// A parameter, after an early return when it is not nil.
func Fill(m map[string]int, k string) {
	if m != nil {
		return
	}
	m[k] = 2 // want `nil map "m"`
}

// Something happens between the check and the write, but nothing assigns the map.
func (l *lazy) AddLogged(k string) {
	if l.items == nil {
		log.Printf("first item %s", k)
		l.items[k] = 1 // want `nil map "l.items"`
	}
}

// The check negated with parentheses, in a function literal.
func Register(m map[string]bool) func(string) {
	return func(k string) {
		if (m == nil) {
			m[k] = true // want `nil map "m"`
		}
	}
}

// A result of a call, checked.
func Lookup(get func() map[string]int, k string) {
	if m := get(); m == nil {
		m[k] = 0 // want `nil map "m"`
	}
}

// After `if m != nil { return }` inside a loop, with continue.
func Each(ms []map[string]int) {
	for _, m := range ms {
		if m != nil {
			continue
		}
		m["empty"] = 1 // want `nil map "m"`
	}
}
