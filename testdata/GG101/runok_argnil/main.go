package main

import (
	"fmt"
	"strings"
)

type Items []string

// Matching returns nil when nothing matches.
func (s Items) Matching(want string) *Items {
	var out Items
	for _, it := range s {
		if it == want {
			out = append(out, it)
		}
	}
	if len(out) > 0 {
		return &out
	}
	return nil
}

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
	s := Items{"a", "b"}
	got := s.Matching("a")
	tags := parseTags("team=core")
	tags["env"] = "prod"
	fmt.Println(len(*got), tags)
}
