package pospkgcreation

// Recorder keeps spans only when tracing.
type Recorder struct {
	trace bool
	spans map[string]int64
}

// NewRecorder makes the spans only when it traces, and keeps the flag.
func NewRecorder(trace bool) *Recorder {
	r := &Recorder{trace: trace}
	if trace {
		r.spans = make(map[string]int64)
	}
	return r
}

// Record writes the spans whatever the flag: a recorder that does not trace panics.
func (r *Recorder) Record(name string, d int64) {
	r.spans[name] += d // want `nil map "r.spans"`
}
