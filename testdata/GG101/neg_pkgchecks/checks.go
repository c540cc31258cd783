// Package negpkgchecks holds nil checks after which the write is safe: the map is made
// in the checked branch, the write is on the other branch, or the nil branch leaves.
// Each "safe:" function is one negative shape.
package negpkgchecks

import "log"

// safe: lazy initialisation of a parameter.
func Fill(m map[string]int, k string) map[string]int {
	if m == nil {
		m = make(map[string]int)
	}
	m[k]++
	return m
}

type store struct{ m map[string]int }

func (s *store) init() { s.m = map[string]int{} }

// safe: a method that may initialise runs between the check and the write.
func (s *store) Add(k string) {
	if s.m == nil {
		s.init()
		s.m[k] = 1
	}
}

// safe: the write is on the non-nil branch.
func Update(m map[string]int, k string) {
	if m != nil {
		m[k] = 2
	}
}

// safe: the nil branch returns before the write.
func UpdateOrSkip(m map[string]int, k string) {
	if m == nil {
		return
	}
	m[k] = 3
}

// safe: the nil branch panics.
func MustUpdate(m map[string]int, k string) {
	if m == nil {
		panic("nil map")
	}
	m[k] = 4
}

// safe: a switch case makes it.
func Switch(m map[string]int, k string) map[string]int {
	switch {
	case m == nil:
		m = map[string]int{}
	}
	m[k] = 5
	return m
}

func fresh() map[string]int { return map[string]int{} }

// safe: the init statement's value is replaced when nil.
func WithInit(get func() map[string]int, k string) map[string]int {
	if m := get(); m != nil {
		m[k] = 6
		return m
	}
	m := fresh()
	m[k] = 6
	return m
}

// safe: lazy initialisation of a field inside a loop.
func (s *store) AddAll(keys []string) {
	for _, k := range keys {
		if s.m == nil {
			s.m = make(map[string]int)
		}
		s.m[k]++
	}
}

// safe: the check is logged, and the map made, before the write.
func Logged(m map[string]int, k string) map[string]int {
	if m == nil {
		log.Print("making the map")
		m = map[string]int{}
	}
	m[k] = 7
	return m
}

// safe: a pointer checked and made before the dereference.
func Push(p *[]int, v int) *[]int {
	if p == nil {
		p = new([]int)
	}
	*p = append(*p, v)
	return p
}

// safe: the write is in the else branch of the nil check.
func Else(m map[string]int, k string) {
	if m == nil {
		log.Print("no map")
	} else {
		m[k] = 8
	}
}

// safe: a continue skips nil maps in a loop.
func Each(ms []map[string]int) {
	for _, m := range ms {
		if m == nil {
			continue
		}
		m["seen"]++
	}
}
