// panics: assignment to entry in nil map
package main

import (
	"fmt"
	"strings"
)

// parseTags returns nil for an empty list.
func parseTags(s string) map[string]string {
	if s == "" {
		return nil
	}
	out := map[string]string{}
	for _, kv := range strings.Split(s, ",") {
		k, v, _ := strings.Cut(kv, "=")
		out[k] = v
	}
	return out
}

func main() {
	tags := parseTags("")
	tags["env"] = "prod" // want `nil map "tags"`
	fmt.Println(tags)
}
