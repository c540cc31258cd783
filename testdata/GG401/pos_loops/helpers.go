package loops

import "sync"

type index struct {
	mu    sync.Mutex
	words map[string]int
}

func (ix *index) add(w string) {
	ix.words[w]++ // want `concurrent map writes: ix.words is written by every goroutine this loop starts \(in ix.add`
}

func (ix *index) addSafe(w string) {
	ix.mu.Lock()
	defer ix.mu.Unlock()
	ix.words[w]++
}

func remember(m map[string]bool, k string) {
	m[k] = true // want `concurrent map writes: m is written by every goroutine this loop starts \(in remember`
}

// A method of the package, called by every goroutine, writes the shared field: reported
// at the write, where the crash trace points.
func build(ix *index, words []string) {
	var wg sync.WaitGroup
	for _, w := range words {
		wg.Add(1)
		go func() {
			defer wg.Done()
			ix.add(w)
		}()
	}
	wg.Wait()
}

// A function of the package handed the captured map.
func seen(keys []string) map[string]bool {
	m := map[string]bool{}
	var wg sync.WaitGroup
	for _, k := range keys {
		wg.Add(1)
		go func() {
			defer wg.Done()
			remember(m, k)
		}()
	}
	wg.Wait()
	return m
}

func newIndex() *index { return &index{words: map[string]int{}} }

var _ = newIndex
