// Package ext stands for a struct type declared in another package (like a
// container runtime's image config). goguard reads one package at a time, so it
// never sees these field types: a fixture that writes to a field of ImageConfig
// must be proven a map write from its key (a string key cannot index a slice).
package ext

// Port is a "port/proto" string such as "8080/tcp".
type Port string

// ImageConfig is an image's runtime configuration.
type ImageConfig struct {
	User         string
	ExposedPorts map[string]struct{}
	Volumes      map[string]struct{}
	Labels       map[string]string
	Env          map[string]string
	Cmd          []string
	Ports        []int
}

// Default returns a configuration whose maps are all made.
func Default() ImageConfig {
	return ImageConfig{
		ExposedPorts: map[string]struct{}{},
		Volumes:      map[string]struct{}{},
		Labels:       map[string]string{},
		Env:          map[string]string{},
		Ports:        make([]int, 1),
	}
}
