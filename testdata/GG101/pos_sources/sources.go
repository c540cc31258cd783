// Package possources holds nil map writes whose nil comes from a named result,
// a zero struct field, a named map type, a well-known std map type, or a field
// of a struct from another package (proven a map by its string key).
package possources

import (
	"fmt"
	"net/http"
	"net/textproto"
	"net/url"
	"strings"

	"goguard.test/GG101/ext"
)

// Named result: tags starts nil and is never made.
func parseTags(s string) (tags map[string]string, err error) {
	for _, kv := range strings.Split(s, ",") {
		k, v, ok := strings.Cut(kv, "=")
		if !ok {
			return nil, fmt.Errorf("bad tag %q", kv)
		}
		tags[k] = v // want "nil map \"tags\""
	}
	return tags, nil
}

type registry struct {
	name     string
	handlers map[string]func() error
}

type config struct {
	env map[string]string
}

type server struct {
	addr string
	cfg  config
}

// Struct field of a zero struct: var r registry leaves handlers nil.
func defaultRegistry(ping func() error) registry {
	var r registry
	r.handlers["ping"] = ping // want "nil map"
	return r
}

// Struct field of an empty literal: handlers is left unset.
func emptyRegistry(ping func() error) registry {
	r := registry{}
	r.handlers["ping"] = ping // want "nil map"
	return r
}

// Struct field set to nil explicitly in the literal.
func namedRegistry(name string, ping func() error) registry {
	r := registry{name: name, handlers: nil}
	r.handlers["ping"] = ping // want "nil map"
	return r
}

// Pointer to a struct literal: handlers is left unset.
func newRegistry(name string, ping func() error) *registry {
	r := &registry{name: name}
	r.handlers["ping"] = ping // want "nil map"
	return r
}

// new(T): every field is zero.
func allocRegistry(ping func() error) *registry {
	r := new(registry)
	r.handlers["ping"] = ping // want "nil map"
	return r
}

// Nested struct field: the server's config env map is never made.
func devServer(addr string) server {
	var s server
	s.addr = addr
	s.cfg.env["MODE"] = "dev" // want "nil map"
	return s
}

// Set is a named map type of this package.
type Set map[string]struct{}

// Named map type: the zero Set is nil.
func uniqueHosts(hosts []string) Set {
	var seen Set
	for _, h := range hosts {
		seen[h] = struct{}{} // want "nil map \"seen\""
	}
	return seen
}

// http.Header zero value: the header map is nil.
func traceHeaders(id string) http.Header {
	var h http.Header
	h["X-Request-Id"] = []string{id} // want "nil map \"h\""
	return h
}

// url.Values zero value: the query map is nil.
func pageQuery(page string) url.Values {
	var q url.Values
	q["page"] = []string{page} // want "nil map \"q\""
	return q
}

// textproto.MIMEHeader zero value: the part header map is nil.
func partHeader(field string) textproto.MIMEHeader {
	var mh textproto.MIMEHeader
	mh["Content-Disposition"] = []string{"form-data; name=" + field} // want "nil map \"mh\""
	return mh
}

// Field of another package's struct, proven a map by a string(...) key.
func exposePorts(ports []ext.Port) ext.ImageConfig {
	cfg := ext.ImageConfig{User: "app"}
	for _, p := range ports {
		cfg.ExposedPorts[string(p)] = struct{}{} // want "nil map"
	}
	return cfg
}

// Field of another package's zero struct, proven a map by a string literal key.
func labelImage() ext.ImageConfig {
	var cfg ext.ImageConfig
	cfg.Labels["maintainer"] = "platform-team" // want "nil map"
	return cfg
}

// Field of another package's struct, proven a map by a key declared string.
func addVolume(path string) ext.ImageConfig {
	cfg := ext.ImageConfig{Cmd: []string{"/bin/app"}}
	cfg.Volumes[path] = struct{}{} // want "nil map"
	return cfg
}

// Field of another package's struct, proven a map by a key ranged from a map[string]string.
func withEnv(env map[string]string) *ext.ImageConfig {
	cfg := &ext.ImageConfig{User: "root"}
	for k, v := range env {
		cfg.Env[k] = v // want "nil map"
	}
	return cfg
}
