// prints: (?m)^3 3 3$
package main

import (
	"encoding/json"
	"fmt"
	"strings"
)

type event struct {
	ID int `json:"id"`
}

// A decoder fills one value; the slice holds its address three times.
func main() {
	dec := json.NewDecoder(strings.NewReader(`{"id":1} {"id":2} {"id":3}`))
	var ev event
	var all []*event
	for dec.More() {
		if err := dec.Decode(&ev); err != nil {
			panic(err)
		}
		all = append(all, &ev) // want `&ev appended to all points to the one variable ev, and dec.Decode\(&ev\) writes it again`
	}
	fmt.Println(all[0].ID, all[1].ID, all[2].ID)
}
