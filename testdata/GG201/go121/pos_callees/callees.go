// Package callees is in a go 1.21 module: the address of the loop's one variable is
// handed to a function or method of the package that keeps it.
package callees

type secret struct {
	name string
}

type meta struct {
	secret *secret
}

type watcher struct {
	metas map[string]*meta
}

func newWatcher() *watcher {
	return &watcher{metas: map[string]*meta{}}
}

// join keeps its argument in a value the receiver's map holds.
func (w *watcher) join(s *secret) {
	m := &meta{secret: s}
	w.metas[s.name] = m
}

// Every entry ends up pointing at the last secret.
func (w *watcher) prepare(list []secret) {
	for _, v := range list {
		w.join(&v) // want `&v handed to w.join, which keeps it in w, points to the one variable v, and the loop assigns it its next element on the next iteration`
	}
}

type config struct {
	repo string
}

type result struct {
	config *config
	runs   int
}

// collect returns its argument inside the result it builds.
func collect(c *config) (*result, error) {
	r := &result{config: c}
	return r, nil
}

// Each result holds &c, the loop's one variable.
func collectAll(configs []config) ([]*result, error) {
	var all []*result
	for _, c := range configs {
		r, err := collect(&c) // want `&c, returned by collect, appended to all points to the one variable c`
		if err != nil {
			return nil, err
		}
		all = append(all, r)
	}
	return all, nil
}

type entry struct {
	header *config
}

// A field of one entry of many: each entry gets &c of the same variable.
func entries(configs []config) []entry {
	out := make([]entry, len(configs))
	for i, c := range configs {
		out[i].header = &c // want `&c stored in out\[i\].header points to the one variable c`
	}
	return out
}
