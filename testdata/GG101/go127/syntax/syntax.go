// Package syntax uses Go 1.26 new(expr) in every position an expression can take,
// and Go 1.27 generic methods: goguard must analyse every declaration here.
package syntax

import (
	"strconv"
	"time"
)

type Number interface{ ~int | ~int64 | ~float64 }

type Rand struct{ seed int64 }

// N is a generic method with a constraint.
func (r *Rand) N[Int Number](n Int) Int { return n - Int(r.seed%2) }

// Pair is a generic method with two type parameters, one unconstrained.
func (r *Rand) Pair[T any, U comparable](t T, u U) (T, U) { return t, u }

// Keyed returns a map from a generic method; its nil-map write is reported.
func (r *Rand) Keyed[K comparable](keys []K) map[K]int {
	var out map[K]int
	for _, k := range keys {
		out[k]++ // want `nil map "out"`
	}
	return out
}

type Options struct {
	Retries *int
	Name    *string
	When    *time.Time
	Labels  map[string]string
}

func consume(a, b *int) int { return *a + *b }

// Positions puts new(expr) everywhere: call arguments, composite-literal elements
// and fields, nested new, return values, conversions and method results.
func Positions(id int, name string) (*int, []*int, *Options) {
	a := new(42)
	b := new(int64(id))
	c := new(new(id))
	d := new(time.Now())
	e := new(strconv.Itoa(id))
	sum := consume(new(id+1), new(len(name)))
	list := []*int{new(1), new(id * 2), a}
	opts := &Options{Retries: new(3), Name: new(name), When: d}
	byName := map[string]*int{"a": new(1), name: new(sum)}
	_, _, _, _ = b, c, e, byName
	return new(id * 2), list, opts
}

// MethodValues calls generic methods and uses them as method values.
func MethodValues(r *Rand) (int, float64) {
	n := r.N(7)
	f := r.N[float64]
	s, _ := r.Pair("a", 1)
	_ = s
	return n, f(2.5)
}

// LocalMake calls a local variable named make: not the builtin.
func LocalMake() int {
	var make func(int) *int
	make = func(n int) *int { return new(n) }
	return *make(3)
}

// WriteAfterNew writes a map that is nil on every path, in a function that uses new(expr).
func WriteAfterNew(id int) *int {
	p := new(id + 1)
	var seen map[int]bool
	seen[*p] = true // want `nil map "seen"`
	return p
}

// MadeBesideNew makes its map: nothing to report.
func MadeBesideNew(id int) map[int]*int {
	seen := map[int]*int{}
	seen[id] = new(id)
	return seen
}

// CopiedStruct: new(v) copies v, whose map field is set, so the write is safe.
func CopiedStruct(v Options) *Options {
	v.Labels = map[string]string{}
	p := new(v)
	p.Labels["copied"] = "yes"
	return p
}

// LiteralInNew: new(T{...}) is &T{...}, and the literal leaves Labels nil.
func LiteralInNew() *Options {
	p := new(Options{Name: new("x")})
	p.Labels["k"] = "v" // want `nil map "p.Labels"`
	return p
}
