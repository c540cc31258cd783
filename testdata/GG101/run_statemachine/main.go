// panics: assignment to entry in nil map
package main

import "fmt"

// parseParams is a small state machine over "name,k=v,..." that starts, by mistake,
// in the value state: the map is only made after the name.
func parseParams(path string) map[string]string {
	const (
		stateName = iota
		stateValue
	)
	var config map[string]string
	state := stateValue
	prev := 0
	for i, c := range path {
		switch state {
		case stateName:
			if c == ',' {
				config = map[string]string{}
				prev = i + 1
				state = stateValue
			}
		case stateValue:
			if c == ',' {
				config[path[prev:i]] = "true" // want `possibly nil map "config"`
				prev = i + 1
			}
		}
	}
	return config
}

func main() {
	fmt.Println(parseParams("remote,fast,"))
}
