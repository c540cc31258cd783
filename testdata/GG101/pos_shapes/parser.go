package posshapes

import "strings"

// A parser of untrusted input: a key line before any "name:" line writes a nil map.
func sections(input string) []map[string]string {
	var out []map[string]string
	var section map[string]string
	for _, line := range strings.Split(input, "\n") {
		k, v, _ := strings.Cut(line, " ")
		if k == "name:" {
			section = map[string]string{"name": v}
			out = append(out, section)
			continue
		}
		section[k] = v // want `nil map "section"`
	}
	return out
}
