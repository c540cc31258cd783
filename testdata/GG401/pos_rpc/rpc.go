// Package rpc publishes a service with net/rpc: the server runs each call on a
// goroutine of its own, so the service's methods write its map at once.
package rpc

import (
	"net"
	"net/rpc"
)

type Pair struct{ Key, Value string }

type Store struct {
	values map[string]string
}

func (s *Store) Put(p Pair, replaced *bool) error {
	_, *replaced = s.values[p.Key]
	s.values[p.Key] = p.Value // want `concurrent map writes: s.values is written by every goroutine that serves a request`
	return nil
}

func (s *Store) Drop(key string, dropped *bool) error {
	_, *dropped = s.values[key]
	delete(s.values, key) // want `concurrent map writes: s.values is written by every goroutine that serves a request`
	return nil
}

func Serve(l net.Listener) error {
	srv := rpc.NewServer()
	if err := srv.RegisterName("Store", &Store{values: map[string]string{}}); err != nil {
		return err
	}
	srv.Accept(l)
	return nil
}
