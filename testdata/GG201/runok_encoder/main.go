package main

import (
	"bytes"
	"encoding/json"
	"fmt"
)

type event struct {
	id      int
	payload []byte
}

// The twin of run_encoder: each payload is a copy of the encoded bytes.
func encode(words []string) ([]event, error) {
	var b bytes.Buffer
	enc := json.NewEncoder(&b)
	var out []event
	for i, w := range words {
		b.Reset()
		if err := enc.Encode(w); err != nil {
			return nil, err
		}
		ev := event{id: i}
		ev.payload = bytes.Clone(b.Bytes())
		out = append(out, ev)
	}
	return out, nil
}

func main() {
	evs, err := encode([]string{"one", "two"})
	if err != nil {
		panic(err)
	}
	if got := fmt.Sprintf("%s %s", bytes.TrimSpace(evs[0].payload), bytes.TrimSpace(evs[1].payload)); got != `"one" "two"` {
		panic(got)
	}
}
