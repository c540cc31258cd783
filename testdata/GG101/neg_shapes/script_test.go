package negshapes

import (
	"strings"
	"testing"
)

// safe: a local closure that always calls t.Fatalf does not return.
func TestClosureFails(t *testing.T) {
	fail := func(format string, args ...any) {
		t.Fatalf(format, args...)
	}
	var seen map[string]int
	if name := t.Name(); name != "" {
		seen = map[string]int{}
	} else {
		fail("unnamed test")
	}
	seen[t.Name()]++
}

// The test's own script: every section starts with a "name:" line.
const script = `name: a
x 1
name: b
y 2`

// safe: the map is made by the script's first line; only a malformed script of the
// test's own would write first.
func TestScript(t *testing.T) {
	var section map[string]string
	for _, line := range strings.Split(script, "\n") {
		k, v, _ := strings.Cut(line, " ")
		if k == "name:" {
			section = map[string]string{"name": v}
			continue
		}
		section[k] = v
	}
}
