// Package pospkgcreation holds map fields that the package sets in some creation
// sites and leaves nil in others: a value made where the field is left unset reaches
// a function or method that writes the field before anything sets it.
package pospkgcreation

import "errors"

type Registry struct {
	byName  map[string]int
	aliases map[string]string
	ready   bool
}

// NewFullRegistry makes both maps.
func NewFullRegistry() *Registry {
	return &Registry{byName: map[string]int{}, aliases: map[string]string{}}
}

// NewRegistry forgets aliases.
func NewRegistry() *Registry {
	return &Registry{byName: map[string]int{}}
}

// NewRegistry2 sets byName after its literal, and still forgets aliases.
func NewRegistry2() *Registry {
	r := &Registry{}
	r.byName = make(map[string]int)
	r.ready = true
	return r
}

// NewDefault returns another constructor's value.
func NewDefault() *Registry { return NewRegistry() }

// OpenRegistry returns an error beside the value.
func OpenRegistry(path string) (*Registry, error) {
	if path == "" {
		return nil, errors.New("no path")
	}
	return &Registry{byName: map[string]int{}}, nil
}

// Alias writes aliases with no guard: a NewRegistry value panics here.
func (r *Registry) Alias(a, name string) {
	r.aliases[a] = name // want `nil map "r.aliases"`
}

// Count writes byName with no guard.
func (r *Registry) Count(name string) { r.byName[name]++ }

// Size only reads.
func (r *Registry) Size() int { return len(r.byName) + len(r.aliases) }

// AliasIf writes under a condition that is not about the registry.
func (r *Registry) AliasIf(a string, ok bool) {
	if ok {
		r.aliases[a] = a // want `nil map "r.aliases"`
	}
}

// AliasV has a value receiver: its copy of aliases is as nil as the caller's.
func (r Registry) AliasV(a string) {
	r.aliases[a] = a // want `nil map "r.aliases"`
}

// addAlias writes through a parameter.
func addAlias(r *Registry, a string) { r.aliases[a] = a }

// addAliasLast writes through its second parameter.
func addAliasLast(a string, r *Registry) {
	r.aliases[a] = a
}
