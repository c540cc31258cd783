package negpkgcreation

// Options of a Recorder.
type Options struct {
	Trace bool
	Name  string
}

// Recorder keeps spans only when tracing.
type Recorder struct {
	opts  Options
	spans map[string]int64
}

// NewRecorder makes the spans only when its options trace, and keeps the options.
func NewRecorder(opts Options) *Recorder {
	r := &Recorder{opts: opts}
	if opts.Trace {
		r.spans = make(map[string]int64)
	}
	return r
}

// safe: the write runs under the stored options' test that made the map.
func (r *Recorder) Record(name string, d int64) {
	if !r.opts.Trace {
		return
	}
	r.spans[name] += d
}

// Sampler keeps samples only when enabled.
type Sampler struct {
	enabled bool
	samples map[string][]float64
}

// NewSampler makes the samples when enabled, and keeps the flag.
func NewSampler(enabled bool) *Sampler {
	s := &Sampler{enabled: enabled}
	if enabled {
		s.samples = map[string][]float64{}
	}
	return s
}

// safe: the write is guarded by the flag the constructor tested.
func (s *Sampler) Add(name string, v float64) {
	if s.enabled {
		s.samples[name] = append(s.samples[name], v)
	}
}
