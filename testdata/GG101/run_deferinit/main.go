// panics: assignment to entry in nil map
package main

type registry struct {
	routes map[string]string
}

func (r *registry) init() { r.routes = map[string]string{} }

func build(path string) *registry {
	r := &registry{}
	defer r.init() // runs at return: too late for the write below
	r.routes[path] = "handler" // want `nil map "r.routes"`
	return r
}

func main() {
	build("/healthz")
}
