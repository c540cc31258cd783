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

// The map is made when the input left it out.
func stamp(in string, session string) (*Event, error) {
	var ev Event
	if err := json.NewDecoder(strings.NewReader(in)).Decode(&ev); err != nil {
		return nil, err
	}
	if ev.Metadata == nil {
		ev.Metadata = map[string]string{}
	}
	ev.Metadata["session"] = session
	return &ev, nil
}

func main() {
	ev, err := stamp(`{"kind":"ping"}`, "s-1")
	fmt.Println(ev.Metadata, err)
}
