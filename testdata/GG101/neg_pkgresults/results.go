// Package negpkgresults holds calls of the package's functions whose results are not
// nil where they are written: functions that always make their result, results checked
// before the write, nil only with an error the caller checks, nil only for an input
// the caller does not give. Each "safe:" function is one negative shape.
package negpkgresults

import (
	"errors"
	"os"
)

func always() map[string]int { return map[string]int{} }

// safe: the callee always makes its result.
func UseAlways(k string) {
	m := always()
	m[k] = 1
}

func maybe() map[string]int {
	if os.Getenv("X") == "" {
		return nil
	}
	return map[string]int{}
}

// safe: the result is checked against nil before the write.
func UseChecked(k string) {
	m := maybe()
	if m == nil {
		return
	}
	m[k] = 2
}

// safe: the result is replaced when nil.
func UseDefaulted(k string) map[string]int {
	m := maybe()
	if m == nil {
		m = map[string]int{}
	}
	m[k] = 3
	return m
}

// safe: the result is replaced before the write.
func UseReplaced(k string) map[string]int {
	m := maybe()
	m = always()
	m[k] = 4
	return m
}

var errMissing = errors.New("missing")

func withErr(path string) (map[string]string, error) {
	if _, err := os.Stat(path); err != nil {
		return nil, errMissing
	}
	return map[string]string{}, nil
}

// safe: nil comes only with an error, which the caller checks.
func UseWithErr(path string) error {
	m, err := withErr(path)
	if err != nil {
		return err
	}
	m["ok"] = "yes"
	return nil
}

func clone(m map[string]string) map[string]string {
	if m == nil {
		return nil
	}
	out := make(map[string]string, len(m))
	for k, v := range m {
		out[k] = v
	}
	return out
}

// safe: clone returns nil only for a nil input, and is given a made map.
func UseClone() map[string]string {
	c := clone(map[string]string{"a": "b"})
	c["c"] = "d"
	return c
}

func pick(use bool) map[string]int {
	if !use {
		return nil
	}
	return map[string]int{}
}

// safe: nil only for the argument the caller does not pass.
func UsePick(k string) {
	m := pick(true)
	m[k] = 5
}

type C struct{ m map[string]int }

func (c *C) get() map[string]int {
	if c.m == nil {
		return nil
	}
	return c.m
}

// safe: nil only for a receiver state this caller just set up.
func UseMethod(k string) {
	c := &C{m: map[string]int{}}
	got := c.get()
	got[k] = 6
}

func mustNotNil(m map[string]int) {
	if m == nil {
		panic("nil")
	}
}

// safe: the result is handed to an assertion that stops on nil.
func UseAsserted(k string) {
	m := maybe()
	mustNotNil(m)
	m[k] = 7
}

func depth(n int) map[string]int {
	if n == 0 {
		return map[string]int{}
	}
	return depth(n - 1)
}

// safe: a recursive callee, whose base case makes the map.
func UseRecursive(k string) {
	m := depth(3)
	m[k] = 8
}

var makeMap = func() map[string]int { return map[string]int{} }

// safe: a function value is not summarised, and this one always makes its map.
func UseFuncValue(k string) {
	m := makeMap()
	m[k] = 9
}

func twoNil() (map[string]int, error) {
	return nil, errMissing
}

// safe: the only nil result comes with an error the caller checks.
func UseTwoNil(k string) error {
	m, err := twoNil()
	if err != nil {
		return err
	}
	m[k] = 10
	return nil
}
