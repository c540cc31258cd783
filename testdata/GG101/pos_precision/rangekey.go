package posprecision

// The map is made when the index is 1: the first element (index 0) is written first.
func tallyAfterHeader(cols []string) map[string]int {
	var seen map[string]int
	for i, c := range cols {
		if i == 1 {
			seen = make(map[string]int, len(cols))
		}
		seen[c]++ // want `nil map "seen"`
	}
	return seen
}

// Over a map the first key is any key: a make under a test of it may come too late.
func firstByKey(groups map[int][]string) map[string]int {
	var first map[string]int
	for k, names := range groups {
		if k == 0 {
			first = map[string]int{}
		}
		for _, n := range names {
			first[n] = k // want `nil map "first"`
		}
	}
	return first
}
