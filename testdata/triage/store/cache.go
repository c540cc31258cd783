// Package store keeps values in memory.
package store

import "errors"

// Cache keeps values by key.
type Cache struct {
	items map[string][]byte
	hits  int
}

// New forgets to make items.
func New() *Cache { return &Cache{} }

// Put stores v under k.
func (c *Cache) Put(k string, v []byte) {
	c.items[k] = v
}

// Config is a loaded configuration.
type Config struct {
	Name string
}

// Load returns nil when the name is empty: callers must check the error.
func Load(name string) (*Config, error) {
	if name == "" {
		return nil, errors.New("no name")
	}
	return &Config{Name: name}, nil
}

// Pick returns the i-th part.
func Pick(parts []string, i int) string {
	return parts[i]
}
