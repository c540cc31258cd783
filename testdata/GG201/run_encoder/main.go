// prints: (?m)^payloads: "two" "two"$
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

// One buffer, one encoder over it: each Encode writes into the array the last
// event's payload still views.
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
		ev.payload = b.Bytes() // want `b.Bytes\(\) .*is the buffer of b, and enc.Encode\(w\) writes over it once emptied on the next iteration`
		out = append(out, ev)
	}
	return out, nil
}

func main() {
	evs, err := encode([]string{"one", "two"})
	if err != nil {
		panic(err)
	}
	fmt.Printf("payloads: %s %s\n", bytes.TrimSpace(evs[0].payload), bytes.TrimSpace(evs[1].payload))
}
