package negprecision

// safe: a successful comma-ok lookup proves the map is not nil.
func OkLookup(m map[string]int, use bool) map[string]int {
	var out map[string]int
	if use {
		out = m
	}
	if v, ok := out["k"]; ok {
		out["k2"] = v
	}
	return out
}

// safe: the lookup's ok tested after, with an early return when absent.
func OkEarlyReturn(m map[string]int, use bool) map[string]int {
	var out map[string]int
	if use {
		out = m
	}
	_, ok := out["k"]
	if !ok {
		return nil
	}
	out["k"]++
	return out
}

// safe: len(m) > 0 proves m is not nil.
func LenPositive(m map[string]int, use bool) {
	var out map[string]int
	if use {
		out = m
	}
	if len(out) > 0 {
		out["seen"] = 1
	}
}

// safe: in the body of a range over m, m is not nil.
func RangeBody(m map[string]int, use bool) {
	var out map[string]int
	if use {
		out = m
	}
	for k := range out {
		out[k] = 0
	}
}

// safe: a present entry (m[k] > 0) proves the map is not nil, in a field.
func FieldEntryTest(src map[string]int, use bool, k string) settings {
	var s settings
	if use {
		s.T = src
	}
	if s.T[k] > 0 {
		s.T[k]--
	}
	return s
}
