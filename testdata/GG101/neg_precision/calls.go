package negprecision

import "sync"

type Set struct {
	once sync.Once
	m    map[string]int
}

func (s *Set) init() { s.m = make(map[string]int) }

// safe: the method value result.init is handed to once.Do, which calls it (terraform's schema.Set).
func (s *Set) Difference(other *Set) *Set {
	result := &Set{}
	result.once.Do(result.init)
	for k, v := range s.m {
		if _, ok := other.m[k]; !ok {
			result.m[k] = v
		}
	}
	return result
}

type service struct {
	routes map[string]string
}

func (s *service) setup() { s.routes = map[string]string{} }

// safe: sync.OnceFunc(s.setup) is called before the write.
func OnceFunc(path string) *service {
	s := &service{}
	setup := sync.OnceFunc(s.setup)
	setup()
	s.routes[path] = "ok"
	return s
}

func (s *service) reset() { s.routes = make(map[string]string) }

// safe: the method value is kept in a list of callbacks that run before the write.
func Callbacks(path string) *service {
	s := &service{}
	var callbacks []func()
	callbacks = append(callbacks, s.reset)
	for _, cb := range callbacks {
		cb()
	}
	s.routes[path] = "ok"
	return s
}

// safe: a local closure that stores the inner maps runs before the nested write.
func LocalClosureStores(keys []string) map[string]map[string]bool {
	sets := map[string]map[string]bool{}
	ini := func(k string) {
		if sets[k] == nil {
			sets[k] = map[string]bool{}
		}
	}
	for _, k := range keys {
		ini(k)
		sets[k]["x"] = true
	}
	return sets
}

// safe: a closure that calls the initialising method on the captured value.
func ClosureCallsMethod(path string) *service {
	s := &service{}
	prepare := func() { s.setup() }
	prepare()
	s.routes[path] = "ok"
	return s
}

// safe: a closure handed to a registrar that calls it at once.
func ClosureToCall(path string) *service {
	s := &service{}
	run(func() { s.reset() })
	s.routes[path] = "ok"
	return s
}

func run(f func()) { f() }
