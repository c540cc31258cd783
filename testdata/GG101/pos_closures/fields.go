package posclosures

// Batcher counts what it flushes when it has a limit.
type Batcher struct {
	pending int
	limit   int
	flushed map[string]int
}

// NewBatcher makes the counts only with a limit.
func NewBatcher(limit int) *Batcher {
	b := &Batcher{limit: limit}
	if limit > 0 {
		b.flushed = map[string]int{}
	}
	return b
}

// A deferred closure that resets another field leaves the map's facts in place.
func (b *Batcher) Flush(name string) {
	b.pending++
	defer func() { b.pending-- }()
	b.flushed[name]++ // want `nil map "b.flushed"`
}

type counting struct {
	n     int
	byKey map[string]int
}

// A closure that counts in one field does not make another.
func count(keys []string) counting {
	var t counting
	bump := func() { t.n++ }
	for _, k := range keys {
		bump()
		t.byKey[k]++ // want `nil map "t.byKey"`
	}
	return t
}
