// Package pospackage holds writes that only package-level facts show to panic: map
// fields no code of the package ever sets, package variables nothing assigns, nil
// checks of any value, and results of the package's functions that may be nil.
package pospackage

import "time"

type Session struct{ ID string }

// SessionCache's pinned map is never made: not in the constructor, nowhere else.
type SessionCache struct {
	ttl    time.Duration
	byUser map[string]*Session
	pinned map[string]*Session
}

func NewSessionCache(ttl time.Duration) *SessionCache {
	return &SessionCache{ttl: ttl, byUser: map[string]*Session{}}
}

// Registry is built positionally nowhere and keyed without its hooks.
type Registry struct {
	name  string
	hooks map[string]func()
}

func NewRegistry(name string) Registry { return Registry{name: name} }

// Outer embeds Inner, whose tags are never made.
type Inner struct{ tags map[string]bool }

type Outer struct {
	Inner
	id int
}

// Holder nests a struct whose map is never made.
type Holder struct {
	inner Inner
	when  time.Time
}

// Set is generic; its members map is never made.
type Set[T comparable] struct{ members map[T]struct{} }

// Counters is a named map type, and a field of that type is never made.
type Counters map[string]int

type Stats struct{ byName Counters }
