// Package negprecision holds safe code that an analysis without the reasoning
// reported on real projects: promoted fields, whole-struct copies, successful lookups,
// calls that initialise, copies through range, correlated conditions and values, and
// loop-carried state. Each function whose comment starts "safe:" is one negative shape.
package negprecision

// Meta holds labels; NS embeds it by value, PNS by pointer.
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

// Spec and Object nest a map two fields deep.
type Spec struct {
	Labels map[string]string
	Ports  map[string]int
}

type Object struct {
	Name string
	Spec Spec
}

// safe: ns.Labels is promoted from the embedded Meta, which the literal sets with its map.
func PromotedSet() *NS {
	ns := &NS{Meta: Meta{Labels: map[string]string{}}}
	ns.Labels["a"] = "b"
	return ns
}

// safe: the same through an embedded pointer set to a literal with the map.
func PromotedPointer() *PNS {
	ns := &PNS{Meta: &Meta{Labels: map[string]string{}}, Kind: "k"}
	ns.Labels["a"] = "b"
	return ns
}

// safe: the embedded pointer comes from elsewhere: its map is unknown, not nil.
func PromotedFromParam(m *Meta) *PNS {
	ns := &PNS{Meta: m}
	ns.Labels["a"] = "b"
	return ns
}

// safe: the promoted field is assigned through its full path before the write.
func PromotedAssignedFull() NS {
	var ns NS
	ns.Meta.Labels = map[string]string{}
	ns.Labels["a"] = "b"
	return ns
}

// safe: and through the promoted path, written through the full one.
func PromotedAssignedShort() NS {
	var ns NS
	ns.Labels = map[string]string{}
	ns.Meta.Labels["a"] = "b"
	return ns
}

// safe: *last = *c copies every field of c, whose map is unknown, into last.
func CopyThroughPointer(c *Object) *Object {
	last := &Object{Name: "x"}
	*last = *c
	last.Spec.Labels["copied"] = "yes"
	return last
}

// safe: s = *p replaces the zero value, fields and all.
func CopyFromPointer(p *Object) Object {
	var s Object
	s = *p
	s.Spec.Ports["http"] = 80
	return s
}

// safe: s = other replaces the literal's unset fields with other's.
func CopyValue(other Object) Object {
	s := Object{Name: "n"}
	s = other
	s.Spec.Labels["k"] = "v"
	return s
}

// safe: nested fields made in the literal, two levels down.
func NestedLiteral() Object {
	o := Object{Spec: Spec{Labels: map[string]string{}, Ports: map[string]int{}}}
	o.Spec.Labels["a"] = "b"
	o.Spec.Ports["http"] = 80
	return o
}

type Z struct {
	P *int
}

// safe: on the path that leaves m nil, p is a fresh Z whose P is nil, so the write
// under p.P != nil cannot be reached with m nil.
func CorrelatedNew(p *Z) map[string]int {
	var m map[string]int
	if p == nil {
		p = new(Z)
	} else {
		m = map[string]int{}
	}
	if p.P != nil {
		m["x"] = 1
	}
	return m
}

type worker struct {
	victim  bool
	victims map[string]int
}

// safe: the flag is set in the branch that makes the map, and tested at the write.
func FlagFieldWithMake(pick bool, name string) *worker {
	w := &worker{}
	if pick {
		w.victims = make(map[string]int)
		w.victim = true
	}
	if w.victim {
		w.victims[name]++
	}
	return w
}

type settings struct {
	T map[string]int
}

// safe: the same condition tested twice, on a field of a zero struct.
func SameConditionField(def bool, x string) settings {
	var s settings
	if !def {
		s.T = make(map[string]int)
	}
	if !def {
		s.T[x] = 1
	}
	return s
}

// safe: the same condition tested twice on a field of a literal, as a bool field.
func SameFieldCondition(c struct{ On bool }, x string) settings {
	s := settings{}
	if c.On {
		s.T = map[string]int{}
	}
	if c.On {
		s.T[x] = 2
	}
	return s
}

type stats struct {
	Limits int
	Tiers  map[string]int
}

// safe: made in the else branch of a comma-ok test, written under the negated test
// later (a nats-server shape).
func TiersByDefault(limits map[string]int, names []string) stats {
	var st stats
	l, defaultTier := limits[""]
	if defaultTier {
		st.Limits = l
	} else {
		st.Tiers = make(map[string]int)
	}
	for _, n := range names {
		if !defaultTier {
			st.Tiers[n]++
		}
	}
	return st
}
