// Package fresh: shapes that are safe even before Go 1.22.
package fresh

type item struct {
	name string
}

// safe: the old idiom v := v declares a fresh copy in the body.
func copied(items []item) []*item {
	var out []*item
	for _, v := range items {
		v := v
		out = append(out, &v)
	}
	return out
}

// safe: the address of the slice element, not of the loop variable.
func elements(items []item) []*item {
	var out []*item
	for i := range items {
		out = append(out, &items[i])
	}
	return out
}

// safe: the loop stops at the first match, so nothing writes v after the store.
func first(items []item) *item {
	var found *item
	for _, v := range items {
		if v.name != "" {
			found = &v
			break
		}
	}
	return found
}
