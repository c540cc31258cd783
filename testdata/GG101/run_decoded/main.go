// panics: assignment to entry in nil map
package main

import (
	"encoding/json"
	"fmt"
	"strings"
)

type Event struct {
	Kind     string            `json:"kind"`
	Metadata map[string]string `json:"metadata,omitempty"`
}

// An event whose JSON has no metadata object: the decoder leaves the map nil.
func stamp(in string, session string) (*Event, error) {
	var ev Event
	if err := json.NewDecoder(strings.NewReader(in)).Decode(&ev); err != nil {
		return nil, err
	}
	ev.Metadata["session"] = session // want `nil map "ev.Metadata"`
	return &ev, nil
}

func main() {
	ev, err := stamp(`{"kind":"ping"}`, "s-1")
	fmt.Println(ev, err)
}
