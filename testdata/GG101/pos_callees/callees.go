// Package poscallees holds nil results of the package's own functions that reach a
// write: a nil decided by the constant arguments of the call, or by I/O.
package poscallees

import (
	"os"
	"strings"
)

// parseTags returns nil for an empty list.
func parseTags(s string) map[string]string {
	if s == "" {
		return nil
	}
	out := map[string]string{}
	for _, kv := range strings.Split(s, ",") {
		k, v, _ := strings.Cut(kv, "=")
		out[k] = v
	}
	return out
}

// The caller's constant argument takes the nil return.
func defaults() map[string]string {
	tags := parseTags("")
	tags["env"] = "prod" // want `nil map "tags"`
	return tags
}

// Written through the call directly.
func direct() {
	parseTags("")["env"] = "dev" // want `nil map "parseTags\(""\)"`
}

// byLevel returns nil below a threshold.
func byLevel(level int) map[string]int {
	if level < 2 {
		return nil
	}
	return map[string]int{"level": level}
}

// A constant below the threshold.
func quiet() {
	m := byLevel(1)
	m["calls"]++ // want `nil map "m"`
}

// overrides returns nil when the environment says nothing: I/O decides, not the caller.
func overrides(name string) map[string]string {
	v := os.Getenv(name)
	if v == "" {
		return nil
	}
	return map[string]string{name: v}
}

// The environment may leave it nil whatever the argument.
func withOverrides() map[string]string {
	o := overrides("APP_MODE")
	o["source"] = "env" // want `nil map "o"`
	return o
}

// Producer is implemented by the package's job producers.
type Producer interface {
	Next() []byte
	RequestCounts() map[string]int
}

type httpProducer struct{ counts map[string]int }

func newHTTPProducer() *httpProducer { return &httpProducer{counts: map[string]int{}} }

func (h *httpProducer) Next() []byte                  { return nil }
func (h *httpProducer) RequestCounts() map[string]int { return h.counts }

type fileProducer struct{}

func (fileProducer) Next() []byte { return nil }

// RequestCounts has nothing to count.
func (fileProducer) RequestCounts() map[string]int { return nil }

type runner struct{ jobs Producer }

// Through the interface, one implementation returns nil.
func (r *runner) report(total int) map[string]int {
	counts := r.jobs.RequestCounts()
	counts["tot"] = total // want `nil map "counts"`
	return counts
}
