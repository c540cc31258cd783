package store

import "testing"

// TestPut fails on purpose: go test's output of a panicking test, for triage.
func TestPut(t *testing.T) {
	c := New()
	c.Put("a", nil)
}
