// prints: (?m)^a=c b=c c=c$
package main

import "fmt"

type secret struct {
	name string
}

type watcher struct {
	metas map[string]*secret
}

func (w *watcher) join(s *secret) {
	w.metas[s.name] = s
}

// Before Go 1.22, &v is the same variable on every iteration: every entry is the last.
func main() {
	w := &watcher{metas: map[string]*secret{}}
	for _, v := range []secret{{"a"}, {"b"}, {"c"}} {
		w.join(&v) // want `&v handed to w.join, which keeps it in w, points to the one variable v`
	}
	fmt.Printf("a=%s b=%s c=%s\n", w.metas["a"].name, w.metas["b"].name, w.metas["c"].name)
}
