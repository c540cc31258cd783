// Package negcallees holds nil results that callers cannot reach: decided by data the
// caller supplies (the receiver's contents, a context value, a non-empty argument).
package negcallees

import (
	"context"
	"strings"
)

type Items []string

// Matching returns nil when nothing matches: the receiver's contents decide.
func (s Items) Matching(want string) *Items {
	var out Items
	for _, it := range s {
		if it == want {
			out = append(out, it)
		}
	}
	if len(out) > 0 {
		return &out
	}
	return nil
}

// safe: the receiver holds the item asked for, so the nil return is never taken.
func count() int {
	s := Items{"a", "b"}
	got := s.Matching("a")
	return len(*got)
}

type key struct{}

type box struct{ m map[string]int }

// all returns nil when the context holds no box: the caller controls the context.
func all(ctx context.Context) map[string]int {
	b, _ := ctx.Value(key{}).(*box)
	if b == nil {
		return nil
	}
	out := make(map[string]int)
	for k, v := range b.m {
		out[k] = v
	}
	return out
}

// safe: the caller puts the box in the context it hands over.
func use(ctx context.Context) {
	m := all(context.WithValue(ctx, key{}, &box{m: map[string]int{}}))
	m["k"] = 1
}

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

// safe: a non-empty constant argument skips the nil return.
func fromList() {
	tags := parseTags("team=core")
	tags["env"] = "prod"
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

func (fileProducer) Next() []byte                  { return nil }
func (fileProducer) RequestCounts() map[string]int { return map[string]int{} }

type runner struct{ jobs Producer }

// safe: every implementation in the package returns a made map.
func (r *runner) report(total int) map[string]int {
	counts := r.jobs.RequestCounts()
	counts["tot"] = total
	return counts
}
