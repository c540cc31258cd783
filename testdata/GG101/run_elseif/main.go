// panics: assignment to entry in nil map
package main

import "fmt"

// A layout binding made for a nil binding or a map binding, but not for a struct.
func bindings(data any) map[string]any {
	var out map[string]any
	if data == nil {
		out = make(map[string]any, 1)
	} else if m, ok := data.(map[string]any); ok {
		out = m
	}
	out["layout"] = "main" // want `nil map "out"`
	return out
}

func main() {
	fmt.Println(bindings(struct{ Title string }{"home"}))
}
