// Package rhelper fills a cache in a helper, always under the write lock.
package rhelper

import "sync"

type Resolver struct {
	mu    sync.RWMutex
	addrs map[string]string
}

func NewResolver() *Resolver { return &Resolver{addrs: map[string]string{}} }

func (r *Resolver) remember(host, addr string) {
	r.addrs[host] = addr
}

// safe: the read lock is dropped and the write lock taken before the helper writes
func (r *Resolver) Lookup(host string) string {
	r.mu.RLock()
	a, ok := r.addrs[host]
	r.mu.RUnlock()
	if ok {
		return a
	}
	r.mu.Lock()
	defer r.mu.Unlock()
	a = "10.0.0.1"
	r.remember(host, a)
	return a
}

// safe: the write lock around the helper
func (r *Resolver) Set(host, addr string) {
	r.mu.Lock()
	defer r.mu.Unlock()
	r.remember(host, addr)
}
