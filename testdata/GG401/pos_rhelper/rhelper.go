// Package rhelper fills a cache in a helper that a reader calls under a read lock.
package rhelper

import "sync"

type Resolver struct {
	mu    sync.RWMutex
	addrs map[string]string
}

func NewResolver() *Resolver { return &Resolver{addrs: map[string]string{}} }

func (r *Resolver) remember(host, addr string) {
	r.addrs[host] = addr // want `concurrent map writes: r.addrs is written holding only r.mu.RLock\(\), which Lookup holds around its call`
}

// Lookup reads under the read lock, and fills a miss without upgrading it.
func (r *Resolver) Lookup(host string) string {
	r.mu.RLock()
	defer r.mu.RUnlock()
	if a, ok := r.addrs[host]; ok {
		return a
	}
	a := "10.0.0.1"
	r.remember(host, a)
	return a
}

func (r *Resolver) Set(host, addr string) {
	r.mu.Lock()
	defer r.mu.Unlock()
	r.remember(host, addr)
}
