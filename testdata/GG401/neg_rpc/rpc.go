// Package rpc publishes a service with net/rpc whose methods hold its lock.
package rpc

import (
	"net"
	"net/rpc"
	"sync"
)

type Pair struct{ Key, Value string }

type Store struct {
	mu     sync.Mutex
	values map[string]string
}

// safe: the server runs calls at once, and each holds the store's lock
func (s *Store) Put(p Pair, replaced *bool) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	_, *replaced = s.values[p.Key]
	s.values[p.Key] = p.Value
	return nil
}

// safe: a map made for each call
func (s *Store) Snapshot(_ int, out *map[string]string) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	m := make(map[string]string, len(s.values))
	for k, v := range s.values {
		m[k] = v
	}
	*out = m
	return nil
}

func Serve(l net.Listener) error {
	if err := rpc.Register(&Store{values: map[string]string{}}); err != nil {
		return err
	}
	rpc.Accept(l)
	return nil
}
