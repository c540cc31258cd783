// panics: assignment to entry in nil map
package main

import "fmt"

type Recorder struct {
	trace bool
	spans map[string]int64
}

// NewRecorder makes the spans only when it traces.
func NewRecorder(trace bool) *Recorder {
	r := &Recorder{trace: trace}
	if trace {
		r.spans = make(map[string]int64)
	}
	return r
}

// Record writes the spans whatever the flag.
func (r *Recorder) Record(name string, d int64) {
	r.spans[name] += d // want `nil map "r.spans"`
}

func main() {
	r := NewRecorder(false)
	r.Record("load", 3)
	fmt.Println(r.trace)
}
