// panics: assignment to entry in nil map
package main

import (
	"fmt"
	"time"
)

type Session struct{ ID string }

type SessionCache struct {
	ttl    time.Duration
	byUser map[string]*Session
	pinned map[string]*Session
}

// NewPinningCache makes both maps; NewSessionCache forgets pinned.
func NewPinningCache(ttl time.Duration) *SessionCache {
	return &SessionCache{ttl: ttl, byUser: map[string]*Session{}, pinned: map[string]*Session{}}
}

func NewSessionCache(ttl time.Duration) *SessionCache {
	return &SessionCache{ttl: ttl, byUser: map[string]*Session{}}
}

func (c *SessionCache) Put(user string, s *Session) { c.byUser[user] = s }

func (c *SessionCache) Pin(id string, s *Session) {
	c.pinned[id] = s // want `nil map "c.pinned"`
}

func main() {
	p := NewPinningCache(time.Minute)
	p.Pin("x", &Session{ID: "x"})
	c := NewSessionCache(time.Hour)
	s := &Session{ID: "abc"}
	c.Put("alice", s)
	fmt.Println("cached", len(c.byUser), len(p.pinned))
	c.Pin(s.ID, s)
}
