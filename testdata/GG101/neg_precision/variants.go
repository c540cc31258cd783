package negprecision

// safe: a comma-ok lookup in a tagless switch's init, tested by the case.
func OkInSwitch(m map[string]int, use bool, k string) {
	var out map[string]int
	if use {
		out = m
	}
	switch v, ok := out[k]; {
	case ok:
		out[k+"!"] = v
	}
}

// safe: ok combined with another condition.
func OkAndMore(m map[string]int, use, more bool, k string) {
	var out map[string]int
	if use {
		out = m
	}
	if _, ok := out[k]; ok && more {
		out[k] = 0
	}
}

// safe: a range with no variables still only runs its body for a non-empty map.
func RangeNoVars(m map[string]int, use bool) {
	var out map[string]int
	if use {
		out = m
	}
	for range out {
		out["visited"] = 1
	}
}

// safe: a counter loop in while form, 0 on entry, where the map is made.
func WhileCounter(items []string) map[string]int {
	var m map[string]int
	i := 0
	for i < len(items) {
		if i == 0 {
			m = map[string]int{}
		}
		m[items[i]] = i
		i++
	}
	return m
}

// safe: a state declared with var, tested by a tagged switch.
func VarState(tokens []string) map[string]bool {
	const (
		start = iota
		inside
	)
	var state = start
	var set map[string]bool
	for _, t := range tokens {
		switch state {
		case start:
			set = map[string]bool{}
			state = inside
		case inside:
			set[t] = true
		}
	}
	return set
}

// safe: the write's condition depends on the value the branch tested: x <= 0 on the
// nil path, so x > 5 is false there.
func TestedValue(x int, k string) map[string]int {
	var m map[string]int
	if x > 0 {
		m = make(map[string]int)
	}
	if x > 5 {
		m[k] = x
	}
	return m
}

// safe: a deferred call runs at return: the make before the write is what counts.
func DeferredAfterMake(k string) *service {
	s := &service{}
	defer s.reset()
	s.setup()
	s.routes[k] = "v"
	return s
}

// safe: the nested map is stored in the outer one before its entry is written.
func NestedStoredFirst(groups []string) map[string]map[string]int {
	out := map[string]map[string]int{}
	for _, g := range groups {
		if out[g] == nil {
			out[g] = map[string]int{}
		}
		out[g]["n"]++
	}
	return out
}
