// Package negpkgcreation holds values made where a map field is left unset that
// never reach an unguarded write of it: something sets the field first, the writer
// guards it, or the value goes somewhere the analysis cannot follow. Each "safe:"
// function is one negative shape.
package negpkgcreation

type Registry struct {
	byName  map[string]int
	aliases map[string]string
	ready   bool
}

func NewFullRegistry() *Registry {
	return &Registry{byName: map[string]int{}, aliases: map[string]string{}}
}

func NewRegistry() *Registry {
	return &Registry{byName: map[string]int{}}
}

// NewMaybe leaves aliases unset on one return only: not every value lacks it.
func NewMaybe(full bool) *Registry {
	if full {
		return NewFullRegistry()
	}
	return &Registry{byName: map[string]int{}}
}

// NewInit makes the value, then initialises it with a method.
func NewInit() *Registry {
	r := &Registry{}
	r.init()
	return r
}

func (r *Registry) init() {
	r.byName = map[string]int{}
	r.aliases = map[string]string{}
}

func (r *Registry) reset() { r.init() }

func (r *Registry) Alias(a, name string) { r.aliases[a] = name }

func (r *Registry) Count(name string) { r.byName[name]++ }

func (r *Registry) AliasLazy(a string) {
	if r.aliases == nil {
		r.aliases = map[string]string{}
	}
	r.aliases[a] = a
}

func (r *Registry) AliasIfReady(a string) {
	if r.ready {
		r.aliases[a] = a
	}
}

func (r *Registry) AliasChecked(a string) {
	if r.aliases != nil {
		r.aliases[a] = a
	}
}

func (r *Registry) AliasAfterInit(a string) {
	r.init()
	r.aliases[a] = a
}

func (r *Registry) AliasLater(a string) func() {
	return func() { r.aliases[a] = a }
}

func (r *Registry) AliasAll() {
	for k := range r.byName {
		r.aliases[k] = k
	}
}

var all []*Registry

func (r *Registry) register() { all = append(all, r) }

func initMaps(r *Registry) {
	r.aliases = map[string]string{}
}

func addAlias(r *Registry, a string) { r.aliases[a] = a }
