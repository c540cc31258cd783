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

// IndexOptions configure an Indexer.
type IndexOptions struct {
	Terms  bool
	Prefix string
}

// Indexer keeps its terms only when its options ask for them.
type Indexer struct {
	opts  IndexOptions
	terms map[string][]int
}

// NewIndexer makes the terms under one option and keeps the options.
func NewIndexer(opts IndexOptions) *Indexer {
	ix := &Indexer{opts: opts}
	if opts.Terms {
		ix.terms = map[string][]int{}
	}
	return ix
}

// A test of another option of the kept options says nothing of the map.
func (ix *Indexer) Add(doc int, word string) {
	if len(word) > len(ix.opts.Prefix) {
		ix.terms[word] = append(ix.terms[word], doc) // want `nil map "ix.terms"`
	}
}
