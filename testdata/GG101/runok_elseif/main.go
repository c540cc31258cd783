package main

import "fmt"

// The else-if chain ends with an else: every binding gets a map.
func bindings(data any) map[string]any {
	var out map[string]any
	if data == nil {
		out = make(map[string]any, 1)
	} else if m, ok := data.(map[string]any); ok {
		out = m
	} else {
		out = map[string]any{"data": data}
	}
	out["layout"] = "main"
	return out
}

func main() {
	fmt.Println(len(bindings(struct{ Title string }{"home"})))
}
