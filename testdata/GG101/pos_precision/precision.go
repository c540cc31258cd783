// Package posprecision holds the counterparts of neg_precision that must still be
// reported: the same shapes where the map really is nil on a path that can run.
package posprecision

import "strings"

type Meta struct {
	Name   string
	Labels map[string]string
}

type NS struct {
	Meta
	Kind string
}

type PNS struct {
	*Meta
	Kind string
}

type Spec struct {
	Labels map[string]string
	Ports  map[string]int
}

type Object struct {
	Name string
	Spec Spec
}

// A zero NS has a zero Meta, whose promoted Labels is nil.
func PromotedZero() NS {
	var ns NS
	ns.Labels["a"] = "b" // want `nil map "ns.Labels"`
	return ns
}

// The literal leaves the embedded Meta zero.
func PromotedLiteralUnset() *NS {
	ns := &NS{Kind: "k"}
	ns.Labels["a"] = "b" // want `nil map "ns.Labels"`
	return ns
}

// The embedded Meta is set, without its map.
func PromotedEmbeddedUnset() *NS {
	ns := &NS{Meta: Meta{Name: "x"}}
	ns.Labels["a"] = "b" // want `nil map "ns.Labels"`
	return ns
}

// The same through an embedded pointer to a literal without the map.
func PromotedPointerUnset() *PNS {
	ns := &PNS{Meta: &Meta{Name: "x"}}
	ns.Labels["a"] = "b" // want `nil map "ns.Labels"`
	return ns
}

// The embedded literal sets the map to nil explicitly.
func PromotedSetNil() *NS {
	ns := &NS{Meta: Meta{Labels: nil}}
	ns.Labels["a"] = "b" // want `nil map "ns.Labels"`
	return ns
}

// A whole-struct copy, then the map is reset to nil.
func CopyThenNil(other Object) Object {
	s := other
	s.Spec.Labels = nil
	s.Spec.Labels["k"] = "v" // want `nil map "s.Spec.Labels"`
	return s
}

// Copying into one struct says nothing about another.
func CopyOther(c *Object) *Object {
	a := &Object{}
	b := &Object{}
	*a = *c
	b.Spec.Labels["k"] = "v" // want `nil map "b.Spec.Labels"`
	return a
}

// The lookup failed: the map may still be nil in that branch.
func LookupFailed(m map[string]int, use bool) map[string]int {
	var out map[string]int
	if use {
		out = m
	}
	if _, ok := out["k"]; !ok {
		out["k"] = 1 // want `possibly nil map "out"`
	}
	return out
}

// A successful lookup in another map proves nothing about this one.
func LookupOtherMap(other map[string]int, use bool, k string) map[string]int {
	var out map[string]int
	if use {
		out = map[string]int{}
	}
	if _, ok := other[k]; ok {
		out[k] = 1 // want `possibly nil map "out"`
	}
	return out
}

type service struct {
	routes  map[string]string
	handler func()
}

func (s *service) setup() { s.routes = map[string]string{} }

// The deferred call runs at return, after the write.
func DeferredInit(k string) *service {
	s := &service{}
	defer s.setup()
	s.routes[k] = "v" // want `nil map "s.routes"`
	return s
}

func register(f func()) { _ = f }

// A function-typed field handed on is data, not a method value: nothing initialises.
func FieldFuncValue(k string) *service {
	s := &service{handler: func() {}}
	register(s.handler)
	s.routes[k] = "v" // want `nil map "s.routes"`
	return s
}

// A local closure that only reads the outer map stores nothing in it.
func ClosureOnlyReads(k string) map[string]map[string]bool {
	sets := map[string]map[string]bool{}
	note := func(k string) { _ = len(sets[k]) }
	note(k)
	sets[k]["x"] = true // want `nil map "sets\[k\]"`
	return sets
}

// A closure that stores into another map.
func ClosureStoresElsewhere(k string) map[string]map[string]bool {
	sets := map[string]map[string]bool{}
	other := map[string]bool{}
	ini := func(k string) { other[k] = true }
	ini(k)
	sets[k]["x"] = true // want `nil map "sets\[k\]"`
	return sets
}

type Block struct {
	Attributes map[string]string
}

// The loop ranges over something the guard did not test.
func CopyUnrelatedRange(src *Block, extra []string) *Block {
	dst := &Block{}
	if src.Attributes != nil {
		dst.Attributes = make(map[string]string)
	}
	for _, k := range extra {
		dst.Attributes[k] = "" // want `possibly nil map "dst.Attributes"`
	}
	return dst
}

// Nested fields: guarded by one field, filled from another.
func CopyWrongField(src Object) Object {
	var dst Object
	if src.Spec.Labels != nil {
		dst.Spec.Labels = map[string]string{}
	}
	for k := range src.Spec.Ports {
		dst.Spec.Labels[k] = "port" // want `possibly nil map "dst.Spec.Labels"`
	}
	return dst
}

type settings struct {
	T map[string]int
}

// The same condition, tested the other way at the write.
func SameConditionOtherWay(def bool, x string) settings {
	var s settings
	if !def {
		s.T = make(map[string]int)
	}
	if def {
		s.T[x] = 1 // want `nil map "s.T"`
	}
	return s
}

type Z struct{ P *int }

// The write's condition is not the one that chose the branch.
func UncorrelatedAfterNew(p *Z, flag bool) map[string]int {
	var m map[string]int
	if p == nil {
		p = new(Z)
	} else {
		m = map[string]int{}
	}
	if flag {
		m["x"] = 1 // want `possibly nil map "m"`
	}
	_ = p
	return m
}

type worker struct {
	victims map[string]int
}

// Nothing set with the make is tested at the write.
func FlagNotCorrelated(pick, force bool, name string) *worker {
	w := &worker{}
	if pick {
		w.victims = make(map[string]int)
	}
	if force {
		w.victims[name]++ // want `possibly nil map "w.victims"`
	}
	return w
}

// Tested values that the branch did not test.
func OtherValueTested(x, y int, k string) map[string]int {
	var m map[string]int
	if x > 0 {
		m = make(map[string]int)
	}
	if y > 5 {
		m[k] = y // want `possibly nil map "m"`
	}
	return m
}

// The state machine starts in the state that writes.
func StartsWriting(path string) map[string]string {
	const (
		stateName = iota
		stateValue
	)
	var config map[string]string
	state := stateValue
	for i, c := range path {
		switch state {
		case stateName:
			if c == ',' {
				config = map[string]string{}
				state = stateValue
			}
		case stateValue:
			config[path[:i]] = "x" // want `possibly nil map "config"`
		}
	}
	return config
}

// The flag starts true: the first iteration writes before any make.
func FlagStartsTrue(items []string) map[string]int {
	var counts map[string]int
	made := true
	for _, it := range items {
		if it == "start" {
			counts = make(map[string]int)
			made = true
			continue
		}
		if made {
			counts[it]++ // want `possibly nil map "counts"`
		}
	}
	return counts
}

// Never made in the loop: nil on every iteration the write runs in.
func LoopNeverMade(xs []string) {
	var m map[string]int
	for i, x := range xs {
		if i > 0 {
			m[x] = i // want `nil map "m"`
		}
	}
}

// The make comes after the write in the body: the first iteration panics.
func MadeAfterWrite(xs []string) {
	var m map[string]int
	for _, x := range xs {
		m[x] = 1 // want `possibly nil map "m"`
		m = map[string]int{}
	}
}

// Input order decides: a key line before any header panics.
func HeaderSwitch(lines []string) {
	var cur map[string]string
	for _, l := range lines {
		switch {
		case strings.HasPrefix(l, "["):
			cur = map[string]string{}
		default:
			cur[l] = "" // want `possibly nil map "cur"`
		}
	}
}

// The counter starts at 1: i%n == 0 need not hold on the first iteration.
func CounterFromOne(items []string, n int) {
	var cur map[string]bool
	for i := 1; i < len(items); i++ {
		if i%n == 0 {
			cur = map[string]bool{}
		}
		cur[items[i]] = true // want `possibly nil map "cur"`
	}
}

// The default case can run on the first iteration.
func DefaultFirst(tokens []string) map[string]int {
	var seen map[string]int
	state := 1
	for _, t := range tokens {
		switch state {
		case 0:
			seen = map[string]int{}
		default:
			seen[t]++ // want `possibly nil map "seen"`
			state = 0
		}
	}
	return seen
}
