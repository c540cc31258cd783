package pospackage

import "time"

func (c *SessionCache) Put(user string, s *Session) { c.byUser[user] = s }

// The method writes a field nothing in the package makes.
func (c *SessionCache) Pin(id string, s *Session) {
	c.pinned[id] = s // want `nil map "c.pinned"`
}

// Through the constructor's result.
func PinFresh(id string) *SessionCache {
	c := NewSessionCache(time.Minute)
	c.pinned[id] = nil // want `nil map "c.pinned"`
	return c
}

// A value receiver, built by a constructor that keys other fields.
func (r Registry) On(event string, f func()) {
	r.hooks[event] = f // want `nil map "r.hooks"`
}

// Promoted through an embedded struct.
func (o *Outer) Tag(t string) {
	o.tags[t] = true // want `nil map "o.tags"`
}

// A nested struct field.
func (h *Holder) Mark(t string) {
	h.inner.tags[t] = true // want `nil map "h.inner.tags"`
}

// An element of a slice of structs.
func MarkAll(hs []Holder, t string) {
	for i := range hs {
		hs[i].inner.tags[t] = true // want `nil map "hs\[i\].inner.tags"`
	}
}

// Inside a closure that runs at once.
func (c *SessionCache) PinLater(id string) {
	func() {
		c.pinned[id] = &Session{ID: id} // want `nil map "c.pinned"`
	}()
}

// A generic struct's field.
func (s *Set[T]) Add(v T) {
	s.members[v] = struct{}{} // want `nil map "s.members"`
}

// A field of a named map type.
func (s *Stats) Count(name string) {
	s.byName[name]++ // want `nil map "s.byName"`
}

// A package variable of the struct type.
var defaultCache SessionCache

func PinDefault(id string) {
	defaultCache.pinned[id] = nil // want `nil map "defaultCache.pinned"`
}
